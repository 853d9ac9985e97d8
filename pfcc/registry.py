"""The one list of pages, what each shows and the slides of the meeting deck.

`dashboard.py` builds its navigation from PAGES, the presentation mode and the meeting pack read
`slides()`, the live pages and the static edition draw each page's charts and blocks from here
(`ui.page_charts`, `ui.page_blocks`, `site.pages.body`), and every test and script that visits
pages imports this module: nothing else lists pages or counts charts. A new chart on an existing
page is its story plus one line here; a chart becomes a slide by giving it a slide name. What a
page can hold (charts, tiles, findings, tab intros, filter defaults) is in registry_types."""

from __future__ import annotations

from pfcc.registry_types import (
    CHARTS,
    ChangeList,
    Chart,
    Findings,
    Page,
    Reference,
    Scorecard,
    Slide,
    Statement,
    Tiles,
    View,
)
from pfcc.store.asof import ALL_TIME
from pfcc.stories import (
    calls,
    forces,
    grades,
    official,
    outcomes,
    overview,
    recommendations,
    recording,
    scorecard_board,
)
from pfcc.stories.families import pages_of_new_families
from pfcc.text import content

SITE_TITLE = "Staffordshire Police performance"
CHANGES_SLIDE = "changes"

SPAN = ("date_from", "date_to")
# The Outcomes page's tabs: one chart each (one idea a screen), and only the open one is drawn.
BY_YEAR = "By year"
BY_QUARTER = "By quarter"
RANK = "Rank"
ALL_FORCES = "All forces"
NEIGHBOURS = "Neighbours"
TYPES = "Outcome types"
RECORDED_CRIME = "Recorded crime"
INSPECTION_2015 = "2015 inspection"
FORCE_STATED = "Force's figures"
# The Calls page's tabs, likewise.
TIME_999 = "999 answer time"
SHARE_999 = "999 within 10 seconds"
TIME_101 = "101 answer time"
BASIS = ("basis",)

PAGES: tuple[Page, ...] = (
    Page(
        "overview",
        "Overview",
        "pages/overview_page.py",
        lede=(
            "Where Staffordshire Police stands after the inspectorate's enhanced monitoring. "
            "Every figure names its source and how much weight it carries (its tier)."
        ),
        default=True,
        charts=(Chart("journey", overview.journey, slide="The journey"),),
        blocks=(Tiles(overview.headlines, "Headline figures", "headlines"), CHARTS),
    ),
    Page(
        "scorecard",
        "Scorecard",
        "pages/scorecard_page.py",
        lede=scorecard_board.LEDE,
        blocks=(Scorecard(slide="Scorecard"),),
    ),
    Page(
        "changes",
        "Since the last meeting",
        "pages/changes_page.py",
        lede=(
            "Everything in the dashboard's sources that became public in these dates: new "
            "figures with the one before, new grades, recommendations raised and closed, and "
            "events. A date is the day the document stating it was published. Deadlines that "
            "fell due or were overdue are listed apart: they are not publications."
        ),
        blocks=(ChangeList(days=90),),
    ),
    Page(
        "grades",
        "Inspection grades",
        "pages/grades_page.py",
        lede=(
            "HMIC and HMICFRS grades from each PEEL inspection. Choose a theme to follow it, or "
            "a judgment to read the inspectorate's words."
        ),
        charts=(
            Chart("grades", grades.grades, slide="Inspection grades", filters=("theme_filter",)),
        ),
        defaults={"theme_filter": None},
    ),
    Page(
        "recording",
        "Crime recording",
        "pages/recording_page.py",
        lede=(
            "Crime data integrity inspections audit samples of reports to estimate how many "
            "crimes the force recorded as it should."
        ),
        charts=(
            Chart(
                "recording",
                recording.recording,
                slide="Crime recording",
                slide_args={"breakdown": "All crime (excluding fraud)"},
                filters=("breakdown",),
            ),
        ),
        defaults={"breakdown": None},
        blocks=(
            CHARTS,
            Findings(
                recording.recording_findings,
                "What the inspections found on recording",
                "findings",
            ),
            Findings(
                recording.crime_recording_grades,
                "The 2016 grade and its re-grading",
                "regrading",
                kind="grades",
            ),
        ),
    ),
    Page(
        "outcomes",
        "Outcomes",
        "pages/outcomes_page.py",
        lede=(
            "How often offences end in a charge or summons, from the Home Office's official "
            "series for every force; then the inspectorate's figures and the force's own. The "
            "measures differ and are never joined into one line."
        ),
        charts=(
            Chart(
                "official_charge_rate",
                official.charge_rate_trend,
                "Charge rate",
                filters=BASIS,
                section=BY_YEAR,
            ),
            Chart(
                "official_quarters", official.charges_by_quarter, filters=BASIS, section=BY_QUARTER
            ),
            Chart(
                "official_charge_rank",
                official.charge_rank,
                slide="Charge rate rank",
                filters=BASIS,
                section=RANK,
            ),
            Chart(
                "official_forces_year",
                forces.forces_in_year,
                filters=("year", *BASIS),
                in_pack=True,
                section=ALL_FORCES,
            ),
            Chart(
                "official_compare",
                forces.compare_forces,
                filters=("forces", *BASIS),
                in_pack=True,
                section=NEIGHBOURS,
            ),
            Chart(
                "official_outcome_types",
                forces.outcome_types,
                filters=BASIS,
                in_pack=True,
                section=TYPES,
            ),
            Chart("official_recorded_crime", forces.recorded_crime, section=RECORDED_CRIME),
            Chart("outcome_mix", outcomes.outcome_mix, section=INSPECTION_2015),
            Chart("charge_rates", outcomes.charge_rates, section=FORCE_STATED),
        ),
        defaults={"basis": "recorded", "year": None, "forces": forces.NEIGHBOURS},
        intros={
            BY_YEAR: "Staffordshire's own rate each year against England and Wales, with the "
            "causes of concern and the Engage period marked.",
            BY_QUARTER: "The same rate quarter by quarter: the detail behind each year, and "
            "more changeable.",
            RANK: "Where Staffordshire stood each year among the 43 territorial forces, "
            "leaving out any force whose figure is flagged: 1 is the highest charge rate.",
            ALL_FORCES: "Every territorial force in the year you choose, with Staffordshire "
            "and England and Wales marked.",
            NEIGHBOURS: "Staffordshire beside the forces you choose: by default its "
            "neighbouring forces. The inspectorate's most similar group is not in our sources.",
            TYPES: "How Staffordshire's positive outcomes divide between charges and each "
            "out-of-court type.",
            RECORDED_CRIME: "How much crime Staffordshire recorded each year: the number each "
            "rate is a share of.",
            INSPECTION_2015: "An older measure with its own definition: the 2015 "
            "inspection's outcome mix. It is not the Home Office series.",
            FORCE_STATED: "The rates the force itself stated, each with its own definition. "
            "They are not the Home Office series.",
        },
    ),
    Page(
        "calls",
        "999 and 101 calls",
        "pages/calls_page.py",
        lede=(
            "999 and 101 figures as the force, the Commissioner and the Home Office have "
            "published them. Periods and sources vary: each point shows its tier by its shape."
        ),
        charts=(
            Chart(
                "calls_999_time",
                calls.answer_time_999,
                slide="999 calls",
                filters=SPAN,
                section=TIME_999,
            ),
            Chart(
                "calls_999_share", calls.answered_within_10s_999, filters=SPAN, section=SHARE_999
            ),
            Chart(
                "calls_101",
                calls.answer_time_101,
                slide="101 calls",
                filters=SPAN,
                section=TIME_101,
            ),
        ),
        defaults=dict(zip(SPAN, ALL_TIME)),  # every year
    ),
    Page(
        "recommendations",
        "Recommendations",
        "pages/recommendations_page.py",
        lede=(
            "What the inspectorate told the force to do, by when, and what the sources say "
            "happened."
        ),
        charts=(
            Chart(
                "recommendations",
                recommendations.recommendations,
                slide="Recommendations due",
                filters=("source_id", "status"),
            ),
        ),
        defaults={"source_id": None, "status": None},
    ),
    Page(
        "sources",
        "Sources and methods",
        "pages/sources_page.py",
        lede=(
            "What the dashboard is built from, how much weight each source carries, and how each "
            "figure is checked against the document it came from."
        ),
        blocks=(Reference(),),
    ),
    Page(
        "accessibility",
        "Accessibility",
        "pages/accessibility_page.py",
        blocks=(Statement(content.ACCESSIBILITY_TITLE, content.ACCESSIBILITY_STATEMENT),),
    ),
)


def page(slug: str) -> Page:
    for p in PAGES:
        if p.slug == slug:
            return p
    raise KeyError(f"no page {slug!r}")


def views() -> tuple[View, ...]:
    """Every screen of every page, in navigation order: what tests and benchmarks visit."""
    return tuple(v for p in PAGES for v in p.views())


def slides() -> tuple[Slide, ...]:
    """The story a meeting is told, in page order: one chart, or one block of words, a screen."""
    shown = [
        (p, c, b)
        for p in PAGES
        for c, b in [(c, None) for c in p.charts if c.slide]
        + [(None, b) for b in p.blocks if getattr(b, "slide", None)]
    ]
    deck = [
        Slide(i, c.key, c.slide, c, p.defaults)
        if c
        else Slide(i, p.slug, b.slide, None, p.defaults, block=b)
        for i, (p, c, b) in enumerate(shown, start=1)
    ]
    # and last, what became public since the last meeting (`?since=`), as words
    return (*deck, Slide(len(deck) + 1, CHANGES_SLIDE, "Since the last meeting", None))


def pack_charts() -> tuple[Slide, ...]:
    """The meeting pack: the slides in order, each page's charts marked `in_pack` after its
    slide (numbered on from the slides)."""
    deck = {s.key: s for s in slides()}
    out, n = [], len(deck)
    for p in PAGES:
        for c in p.charts:
            if c.key in deck:
                out.append(deck[c.key])
            elif c.in_pack:
                n += 1
                out.append(Slide(n, c.key, c.key, c, p.defaults))
    return tuple(out)


# A family in data/families.csv whose page is not listed above gets a generic page from data
# alone (one series chart per charted metric): a new family is three files of data.
PAGES = pages_of_new_families(PAGES, Page, Chart)
