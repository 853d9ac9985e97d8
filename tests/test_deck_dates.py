"""The deck as presented at past meetings (26 January 2023, 1 June 2024): every slide drawn as a
room sees it, in a real browser at 1280×720, with no repeated axis labels ("2019 2019 2020"),
no chart text cut off or overlapping, no empty axes, no empty brackets and no error; the
charge-rate slide draws what the Home Office had published by then; /changes?date= lists a
window that ends on the meeting's day."""

import re
from datetime import date, timedelta

import pytest

from harness.apptest import render, text_of, title_of
from harness.browser import visible_problems, wait_idle
from pfcc import registry
from pfcc.stories import official
from tests.support.layout import chart_text_problems
from tests.support.sql import rows

MEETINGS = [date(2023, 1, 26), date(2024, 6, 1)]
CHART_SLIDES = [s for s in registry.slides() if s.chart is not None]
# What a slide draws: its ticks, and whether any data mark or a sentence stands in the plot.
READ = """() => {
  const ticks = [...document.querySelectorAll('.xtick text')].map(e => e.textContent);
  const marks = document.querySelectorAll(
    '.scatterlayer .point, .scatterlayer .js-line, .heatmaplayer image, .barlayer path, '
    + '.heatmaplayer .hm, .annotation-text').length;
  const axes = document.querySelectorAll('.xtick, .ytick').length;
  return {ticks, marks, axes, text: document.querySelector('[data-testid="stMain"]').innerText};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("meeting", MEETINGS, ids=str)
def test_every_slide_at_a_past_meeting_reads_whole(server, browser, meeting):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    problems = []
    try:
        for slide in CHART_SLIDES:
            spec = slide.build(meeting)
            page.goto(f"{server.url}/?mode=present&slide={slide.number}&date={meeting}")
            wait_idle(page, 0 if spec.empty else 1)
            seen = page.evaluate(READ)
            where = f"slide {slide.number} ({slide.key}) at {meeting}"
            problems += [f"{where}: {p}" for p in visible_problems(page)]
            ticks = [t for t in seen["ticks"] if t.strip()]
            if len(ticks) != len(set(ticks)):
                problems.append(f"{where}: repeated axis labels {ticks}")
            if seen["axes"] and not seen["marks"]:
                problems.append(f"{where}: axes with nothing drawn on them")
            if "()" in seen["text"]:
                problems.append(f"{where}: an empty bracket")
            problems += [f"{where}: {p}" for p in chart_text_problems(page)]
    finally:
        page.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("meeting", [date(2023, 3, 1), *MEETINGS], ids=str)
def test_the_charge_rate_slide_draws_what_was_published_by_the_meeting(con, meeting):
    """Before the open data tables we hold, the slide draws the Home Office's bulletin figures
    for England and Wales public by the day: one a year, each year that had one."""
    spec = official.charge_rate_trend(projector=True, as_of=meeting)
    public = rows(
        con,
        f"""SELECT DISTINCT period_end FROM measures
            WHERE metric = 'Charge/summons rate' AND geography = 'England and Wales'
              AND public_on <= DATE '{meeting}' AND period_end <= DATE '{meeting}'""",
    )
    assert public, "the test expects bulletin figures public by then"
    assert not spec.empty, spec.title
    drawn = sorted(str(d)[:10] for d in spec.table["period_end"])
    assert drawn == sorted(str(r["period_end"])[:10] for r in public)
    assert (spec.table["public_on"] <= meeting.isoformat()).all()
    assert "No Staffordshire charge rate had been published" in " ".join(spec.notes)


def test_the_changes_page_as_presented_ends_on_the_meetings_day(con):
    meeting = date(2024, 6, 1)
    at = render("changes", {"date": meeting.isoformat()})
    assert not at.exception, [e.value for e in at.exception]
    start = meeting - timedelta(days=90)
    title = title_of(at)
    assert re.search(rf"between {start.day} \w+ {start.year} and 1 June 2024", title), title
    assert "As presented on 1 June 2024" in text_of(at)


@pytest.mark.parametrize("meeting", [date(2023, 3, 1), *MEETINGS], ids=str)
def test_slides_of_one_date_agree_with_the_changes_slide(meeting):
    """Where the last slide counts new figures for a page, that page's slides draw figures on
    the same date: never 'New figures: Outcomes: 4' over an outcomes slide that says nothing
    had been published."""
    from pfcc.stories import changes

    found = changes.changes(meeting - timedelta(days=89), meeting)
    pages = {ln.page for g in found.groups if g.heading.startswith("New figures") for ln in g.lines}
    checked, problems = 0, []
    for slug in sorted(pages):
        slides = [s for s in CHART_SLIDES if s.chart in registry.page(slug).charts]
        checked += len(slides)
        if slides and all(s.build(meeting).empty for s in slides):
            problems.append(f"{slug}: new figures counted, every slide of it empty at {meeting}")
    assert checked, f"no slide of {sorted(pages)} to compare with"
    assert not problems, problems
