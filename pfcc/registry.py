"""The one list of pages, the charts each draws and the slides of the meeting deck.

`dashboard.py` builds its navigation from PAGES, the presentation mode and the meeting pack read
`slides()`, pages draw their charts from here (`ui.page_charts`), and every test and script that
visits pages imports this module: nothing else lists pages or counts charts. A new chart on an
existing page is its story plus one line here; a chart becomes a slide by giving it a slide
name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import quote_plus

from pfcc.stories import (
    calls,
    forces,
    grades,
    official,
    outcomes,
    overview,
    recommendations,
    recording,
)

if TYPE_CHECKING:
    from pfcc.render.spec import ChartSpec

SITE_TITLE = "Staffordshire Police performance"
CHANGES_SLIDE = "changes"


@dataclass(frozen=True)
class Chart:
    key: str  # the ChartSpec.key the story returns
    story: Callable[..., ChartSpec]
    slide: str | None = None  # the slide's name when the chart is on the meeting deck
    slide_args: dict = field(default_factory=dict)  # the story's filters on the slide
    filters: tuple[str, ...] = ()  # the page's filters this story takes, by parameter name
    in_pack: bool = False  # in the meeting pack although not a slide
    section: str | None = None  # the page's tab it is drawn in, where a page has tabs

    def build(self, as_of: date | None = None, **page_filters) -> ChartSpec:
        """The chart as its page shows it, given the page's filter values; as presented on
        `as_of` where a link asks for a meeting's date."""
        return self.story(**{name: page_filters[name] for name in self.filters}, as_of=as_of)


@dataclass(frozen=True)
class Page:
    slug: str  # the URL path: /<slug>
    title: str
    file: str | None  # pages/<file>; None draws `charts` with the generic page
    charts: tuple[Chart, ...] = ()
    default: bool = False
    lede: str = ""  # the sentence under the title: what the page shows (both editions print it)

    def __post_init__(self) -> None:
        # on a page with tabs a chart with no tab would never be drawn: refuse it here
        loose = [c.key for c in self.charts if not c.section]
        if self.sections and loose:
            raise ValueError(
                f"page {self.slug!r} has tabs ({', '.join(self.sections)}), but chart(s) "
                f"{', '.join(loose)} name no section: give each a `section=`"
            )

    @property
    def path(self) -> str:
        """What to open in a browser: the default page lives at /."""
        return "/" if self.default else f"/{self.slug}"

    @property
    def sections(self) -> tuple[str, ...]:
        """The page's tabs (`?section=`), in order; none where every chart shows at once."""
        return tuple(dict.fromkeys(c.section for c in self.charts if c.section))

    def shown(self, section: str | None = None) -> tuple[Chart, ...]:
        """The charts drawn with a section open: the first section's when the name is unknown
        (as Streamlit opens the first tab for an unknown `?section=`)."""
        if not self.sections:
            return self.charts
        name = section if section in self.sections else self.sections[0]
        return tuple(c for c in self.charts if c.section == name)

    def views(self) -> tuple[View, ...]:
        """Every distinct screen of the page: one per section, or the page itself."""
        return tuple(View(self, name) for name in self.sections) or (View(self, None),)


@dataclass(frozen=True)
class View:
    """One screen a visitor can open: a page, with a section where the page has tabs."""

    page: Page
    section: str | None

    @property
    def charts(self) -> tuple[Chart, ...]:
        return self.page.shown(self.section)

    @property
    def params(self) -> dict[str, str]:
        return {"section": self.section} if self.section else {}

    @property
    def url(self) -> str:
        return self.page.path + (f"?section={quote_plus(self.section)}" if self.section else "")

    @property
    def name(self) -> str:
        """A short id for test names and reports: `outcomes` or `outcomes/all-forces`."""
        if not self.section:
            return self.page.slug
        return f"{self.page.slug}/{'-'.join(self.section.lower().split())}"


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
    ),
    Page(
        "sources",
        "Sources and methods",
        "pages/sources_page.py",
        lede=(
            "What the dashboard is built from, how much weight each source carries, and how each "
            "figure is checked against the document it came from."
        ),
    ),
    Page("accessibility", "Accessibility", "pages/accessibility_page.py"),
)


@dataclass(frozen=True)
class Slide:
    number: int  # 1-based, as in ?slide=N
    key: str
    name: str
    chart: Chart | None  # None: a slide of words (since the last meeting), not a chart

    @property
    def charts(self) -> int:
        """How many charts the slide draws: what a browser waits for."""
        return 0 if self.chart is None else 1

    def build(self, as_of: date | None = None, projector: bool = True) -> ChartSpec:
        return self.chart.story(**self.chart.slide_args, projector=projector, as_of=as_of)


def page(slug: str) -> Page:
    for p in PAGES:
        if p.slug == slug:
            return p
    raise KeyError(f"no page {slug!r}")


def views() -> tuple[View, ...]:
    """Every screen of every page, in navigation order: what tests and benchmarks visit."""
    return tuple(v for p in PAGES for v in p.views())


def slides() -> tuple[Slide, ...]:
    """The story a meeting is told, in page order: one chart a screen."""
    charts = [c for p in PAGES for c in p.charts if c.slide]
    deck = [Slide(i, c.key, c.slide, c) for i, c in enumerate(charts, start=1)]
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
                out.append(Slide(n, c.key, c.key, c))
    return tuple(out)


# A family in data/families.csv whose page is not listed above gets a generic page from data
# alone (one series chart per charted metric): a new family is three files of data.
from pfcc.stories.families import pages_of_new_families  # noqa: E402 — needs Page and Chart

PAGES = pages_of_new_families(PAGES, Page, Chart)
