"""Every chart's title is one message fit to be read aloud: at most 90 characters, no brackets
inside brackets, today and on the dates of past meetings. Where nothing was public on a
meeting's date, the title says so in a sentence, never a count of zero or a later figure; and
no story raises on any date from 2014 to today (docs/style-guide.md)."""

import re
from datetime import date

import pandas as pd
import pytest

from pfcc import registry
from pfcc.text.words import bracket_depth, date_text, fit_title, title_problems

MEETINGS = [
    date(2014, 1, 1),
    date(2016, 6, 30),
    date(2020, 1, 1),
    date(2022, 9, 30),
    date(2024, 6, 1),
]
CHARTS = [c for p in registry.PAGES for c in p.charts]
IDS = [c.key for c in CHARTS]


def _sweep() -> list[date]:
    """The first day of every half-year from 2014 to today, and the day after the first."""
    days = [date(2014, 1, 2)]
    for year in range(2014, date.today().year + 1):
        days += [d for d in (date(year, 1, 1), date(year, 7, 1)) if d <= date.today()]
    return days


def _check(spec, as_of: date | None) -> None:
    where = f"{spec.key} at {as_of or 'today'}"
    assert fit_title(spec.title), f"{where}: {spec.title!r}: {title_problems(spec.title)}"
    for field in ("subtitle", "summary", "alt"):
        text = getattr(spec, field)
        assert text.strip(), f"{where}: empty {field}"
        assert bracket_depth(text) <= 1, f"{where}: brackets inside brackets in {field}: {text}"
    if "period_text" in spec.columns:
        for text in spec.table["period_text"]:
            assert text and "(" not in text, f"{where}: period {text!r}"
    if as_of is None:
        return
    if spec.empty:
        # a sentence saying nothing was public yet: the day named, no count of zero, no figure
        assert date_text(as_of) in spec.title, f"{where}: {spec.title!r}"
        assert not re.search(r"\b0\b|%", spec.title), f"{where}: {spec.title!r}"
    elif "public_on" in spec.table:
        public = pd.to_datetime(spec.table["public_on"])
        assert (public <= pd.Timestamp(as_of)).all(), f"{where}: a row published later is shown"


@pytest.mark.parametrize("chart", CHARTS, ids=IDS)
def test_titles_fit_today(built_db, chart):
    spec = chart.story()
    _check(spec, None)
    assert not spec.empty, f"{chart.key}: nothing to draw today"


@pytest.mark.parametrize("as_of", MEETINGS, ids=str)
@pytest.mark.parametrize("chart", CHARTS, ids=IDS)
def test_titles_fit_on_past_meeting_dates(built_db, chart, as_of):
    _check(chart.story(as_of=as_of), as_of)


@pytest.mark.parametrize("as_of", MEETINGS, ids=str)
def test_slides_fit_on_past_meeting_dates(built_db, as_of):
    """The deck's own arguments and the projector's layout (the grades slide shows fewer
    inspections, so its message may differ)."""
    for slide in (s for s in registry.slides() if s.chart is not None):
        _check(slide.build(as_of=as_of), as_of)


@pytest.mark.parametrize("chart", CHARTS, ids=IDS)
def test_no_story_raises_on_any_date_since_2014(built_db, chart):
    for as_of in _sweep():
        _check(chart.story(as_of=as_of), as_of)


def test_an_empty_chart_names_the_day_nothing_was_public(built_db):
    from pfcc.stories import grades

    spec = grades.grades(as_of=date(2014, 1, 2))  # raised KeyError once
    assert spec.empty
    assert spec.title == "No inspection grades had been published by 2 January 2014"


def test_recommendations_count_only_what_was_public(built_db):
    """On 1 January 2020 the 2022 reports' items were not public: no count includes them."""
    from pfcc.stories import recommendations

    spec = recommendations.recommendations(as_of=date(2020, 1, 1))
    published = pd.to_datetime(spec.table["public_on"])
    assert (published <= pd.Timestamp(2020, 1, 1)).all()
    counts = [int(n) for n in re.findall(r"\b\d+\b", spec.title.replace("1 January 2020", ""))]
    assert all(n <= len(spec.table) for n in counts), spec.title
    assert not re.search(r"\b0 closed\b", spec.title)


def test_recommendations_say_what_is_published_which_report_and_whether_national(built_db, con):
    """The sources lack a published closure, not progress: the words say so, name the report
    that made the items with deadlines, and call them national only where their own quoted
    words address every chief constable."""
    from pfcc.stories import recommendations
    from tests.support.sql import rows

    due = rows(
        con,
        """SELECT r.quote, s.title FROM recommendations r JOIN sources s USING (source_id)
           WHERE r.due_on IS NOT NULL""",
    )
    assert due and all("chief constables" in r["quote"].lower() for r in due)
    reports = {r["title"].split(" response record: ")[-1] for r in due}
    assert len(reports) == 1
    report = reports.pop()
    spec = recommendations.recommendations()
    words = " ".join([spec.title, spec.subtitle, spec.summary, *spec.notes])
    assert "progress" not in words
    assert f"{len(due)} national recommendations" in spec.title
    assert "no closure published" in spec.title
    assert report in spec.subtitle and report in spec.summary
    assert "national: made to every force" in spec.summary
    table = spec.table.set_index("rec_id")["addressed_to"]
    national = rows(
        con, "SELECT rec_id FROM recommendations WHERE lower(quote) LIKE '%chief constables%'"
    )
    assert set(table[table == recommendations.NATIONAL].index) == {r["rec_id"] for r in national}
    assert set(table[table != recommendations.NATIONAL]) == {"Staffordshire Police"}
    # the slide shows only the title and the chart: the chart names the report
    assert report in spec.figure.layout.xaxis.title.text.replace("<br>", " ")
    assert "National recommendations" in spec.figure.layout.xaxis.title.text
    unclosed = spec.table[spec.table["status"] != "closed"]["status_text"]
    assert unclosed.str.startswith("no closure published by ").all()
