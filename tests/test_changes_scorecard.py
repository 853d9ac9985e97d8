"""Since the last meeting lists the scorecard's status changes in its window (issue 24): every
finding whose state changed and every finding's measure whose status changed, between the
scorecard as it stood the day before the window and as it stood on its last day, each with the
source that changed it. They follow from publications already listed, so they are not counted
among the changes published. What is expected comes from the scorecard's flat table on the two
days, compared here, and from the database with SQL of the test's own."""

import html
from datetime import date, timedelta

import pandas as pd
import pytest

from harness.apptest import render, text_of, title_of
from pfcc.stories import changes, scorecard, scorecard_table
from tests.support.sql import rows
from tests.test_changes import expected

HEADING = changes.SCORECARD_HEADING
KEY = ["finding_id", "metric", "definition"]


@pytest.fixture(scope="module", autouse=True)
def _db(built_db):
    return built_db


def _listed(start: date, end: date) -> list[changes.Line]:
    found = changes.changes(start, end)
    return [x for g in found.groups if g.heading == HEADING for x in g.lines]


def _word(status: str) -> str:
    """The status word of the table's column (its shape, a space, the word)."""
    return status.split(" ", 1)[1] if status else ""


def _expected(start: date, end: date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The state changes (one a finding) and status changes (one a finding's measure) between
    the table the day before `start` and the table on `end`: findings on both days only, and
    no finding that fell overdue (a deadline passing, listed under the deadlines)."""
    a = scorecard_table.table(start - timedelta(days=1))
    b = scorecard_table.table(end)
    m = a.merge(b, on=KEY, suffixes=("_before", ""))
    states = m.drop_duplicates("finding_id")
    states = states[
        (states["state_before"] != states["state"])
        & (states["state"] != scorecard.OVERDUE)
        & (states["state"] != "")
    ]
    m = m.assign(was=m["status_before"].map(_word), now=m["status"].map(_word))
    statuses = m[(m["was"] != m["now"]) & (m["metric"] != "")]
    return states, statuses


# Windows that end before today: as of today the scorecard also shows a figure whose publication
# date is unknown (never shown as of a past day, so never published in a window: no status
# change follows from it).
WINDOWS = [
    (date(2022, 1, 1), date(2022, 12, 31)),
    (date(2023, 1, 1), date(2023, 12, 31)),
    (date(2024, 1, 1), date(2024, 12, 31)),
    (date(2024, 5, 1), date(2024, 5, 31)),
    (date(2025, 1, 1), date(2025, 12, 31)),
    (date(2023, 6, 15), date(2024, 2, 10)),
]


@pytest.mark.parametrize("start, end", WINDOWS, ids=str)
def test_every_status_change_agrees_with_the_scorecard_on_the_two_days(start, end):
    states, statuses = _expected(start, end)
    listed = _listed(start, end)
    assert len(listed) == len(states) + len(statuses), [x.text for x in listed]
    for r in states.to_dict("records"):
        found = [
            x
            for x in listed
            if x.text.startswith(f"{r['kind'].capitalize()}, ")
            and x.text.endswith(f": {r['state_before']} to {r['state']}.")
        ]
        assert found, (r["finding_id"], [x.text for x in listed])
        if r["state"] == scorecard.CLOSED:
            assert any(x.source == r["closed_by"] for x in found), (r["closed_by"], found)
    for r in statuses.to_dict("records"):
        what = r["metric"] + (f", {r['definition']}" if r["definition"] else "")
        found = [
            x
            for x in listed
            if x.text.startswith(f"{what}, for the ") and f": {r['was']} to {r['now']}" in x.text
        ]
        assert found, (what, r["was"], r["now"], [x.text for x in listed])
        assert all(x.page == "scorecard" for x in found)
        # the figures as the scorecard writes them, never reformatted, and the latest's source
        for point in ("before Engage", "latest"):
            if r[f"{point} figure"]:
                said = f"{r[f'{point} figure']} for {r[f'{point} period']} {point}"
                assert any(said in x.text for x in found), (said, found)
        source = r["latest source"] or r["before Engage source"]
        assert any(x.source == source for x in found), (source, found)


def _closing_source(con, theme: str) -> dict:
    return rows(
        con,
        """SELECT s.title, s.tier, r.closure_public_on FROM recommendations r
           JOIN sources s ON s.source_id = r.closed_source_id
           WHERE r.kind = 'cause of concern' AND r.rec_id LIKE '%coc-' || $1""",
        theme,
    )[0]


def test_the_investigating_crime_cause_of_concern_closed_in_may_2024(con):
    """21 May 2024, Engage's exit: the cause of concern on investigating crime is listed open
    to closed, with the source that closes it; not counted among the changes published, and
    placed after the publications and before the deadlines."""
    closing = _closing_source(con, "investigating-crime")
    start, end = date(2024, 5, 1), date(2024, 5, 31)
    assert start <= closing["closure_public_on"] <= end
    line = next(
        x
        for x in _listed(start, end)
        if x.text == "Cause of concern, investigating crime: open to closed."
    )
    assert (line.source, line.tier, line.page) == (closing["title"], closing["tier"], "scorecard")
    found = changes.changes(start, end)
    assert found.published == expected(con, start, end)
    assert found.title.startswith(f"{found.published} changes published between")
    headings = [g.heading for g in found.groups]
    at = headings.index(HEADING)
    assert all(g.published for g in found.groups[:at])
    assert not any(g.published for g in found.groups[at:])
    assert "not counted" in HEADING


def test_the_page_lists_the_status_changes_apart_and_does_not_count_them(con):
    start, end = date(2024, 5, 1), date(2024, 5, 31)
    at = render("changes", {"from": start.isoformat(), "to": end.isoformat()})
    assert not at.exception, [e.value for e in at.exception]
    assert title_of(at).startswith(f"{expected(con, start, end)} changes published between")
    text = html.unescape(text_of(at))
    assert HEADING in text
    assert "Cause of concern, investigating crime: open to closed." in text


def test_a_window_with_no_publication_lists_no_status_change(con):
    """7 September to 6 December 2026: nothing published, though deadlines passed."""
    start, end = date(2026, 9, 7), date(2026, 12, 6)
    assert expected(con, start, end) == 0
    assert not _listed(start, end)
    assert HEADING not in [g.heading for g in changes.changes(start, end).groups]


def test_a_window_before_the_scorecards_first_finding_lists_none(con):
    (first,) = rows(
        con,
        """SELECT min(d) AS day FROM (
             SELECT min(public_on) AS d FROM recommendations
             UNION ALL SELECT min(public_on) FROM grades WHERE inspection = 'PEEL 2021/22')""",
    )
    end = first["day"] - timedelta(days=1)
    assert not scorecard.rows(end)
    assert not _listed(date(2014, 1, 1), end)
    assert not _listed(end - timedelta(days=30), end)
