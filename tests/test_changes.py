"""Since the last meeting (/changes?from=…&to=…): every row that became public in the window is
listed once, with its source and a link to its chart; an empty window says so; a reversed window
is refused with a clear message; the meeting pack opens with the same list. Expected counts come
from the database with SQL of the test's own."""

import html
import re
from datetime import date

import pytest

from harness.apptest import render, text_of, title_of
from pfcc.render import pack
from pfcc.stories import changes
from tests.support.sql import rows


@pytest.fixture(scope="module", autouse=True)
def _db(built_db):
    return built_db


PUBLISHED = [
    "SELECT count(*) AS n FROM measures WHERE public_on BETWEEN $1 AND $2",
    "SELECT count(*) AS n FROM grades WHERE public_on BETWEEN $1 AND $2",
    "SELECT count(*) AS n FROM recommendations WHERE public_on BETWEEN $1 AND $2",
    "SELECT count(*) AS n FROM recommendations WHERE closure_public_on BETWEEN $1 AND $2",
    """SELECT count(*) AS n FROM milestones WHERE public_on BETWEEN $1 AND $2
           AND kind <> 'recommendation due'""",
    """SELECT count(*) AS n FROM sources WHERE sha256 IS NOT NULL
           AND public_on BETWEEN $1 AND $2""",
]
FELL_DUE = """SELECT count(*) AS n FROM recommendations WHERE due_on BETWEEN $1 AND $2
           AND public_on <= $2"""
OVERDUE = """SELECT count(*) AS n FROM recommendations WHERE due_on < $2 AND public_on <= $2
           AND (closure_public_on IS NULL OR closure_public_on > $2)"""


def _count(con, q: list[str], start: date, end: date) -> int:
    bound = [
        sql.replace("$1", f"DATE '{start}'").replace("$2", f"DATE '{end}'") for sql in q
    ]  # the test's own constants, not user input
    return sum(rows(con, sql)[0]["n"] for sql in bound)


def expected(con, start: date, end: date) -> int:
    """What was published in the window: deadlines passing are not publications."""
    return _count(con, PUBLISHED, start, end)


def deadlines(con, start: date, end: date) -> int:
    return _count(con, [FELL_DUE, OVERDUE], start, end)


def status_changes(start: date, end: date) -> int:
    """The scorecard's status changes listed, not counted as published (checked against the
    scorecard itself in test_changes_scorecard)."""
    found = changes.changes(start, end).groups
    return sum(len(g.lines) for g in found if g.heading == changes.SCORECARD_HEADING)


@pytest.mark.parametrize(
    "start, end",
    [(date(2022, 1, 1), date(2022, 12, 31)), (date(2024, 1, 1), date(2024, 12, 31))],
    ids=str,
)
def test_every_change_in_the_window_is_listed_with_its_source(con, start, end):
    at = render("changes", {"from": start.isoformat(), "to": end.isoformat()})
    assert not at.exception, [e.value for e in at.exception]
    n = expected(con, start, end)
    assert n > 0
    assert title_of(at).startswith(f"{n} changes published between")
    listed = n + deadlines(con, start, end) + status_changes(start, end)
    body = "".join(e.proto.body for e in at.get("html") if "pfcc-changes" in e.proto.body)
    assert body.count("<li>") == listed
    # each line links to a chart that draws it, or says it is not charted and why
    assert body.count("Source: ") == listed
    on_card = body.count(changes.ON_SCORECARD)  # a status change links to the scorecard
    assert on_card == status_changes(start, end)
    assert body.count("where it is charted") + body.count("Not charted (") + on_card == listed
    assert body.count("where it is charted") > 0 and body.count("Not charted (") > 0
    links = set(re.findall(r"href='(/[a-z]*)'", body))
    assert links <= {"/", "/overview", "/grades", "/recording", "/outcomes", "/calls"} | {
        "/recommendations",
        "/sources",
        "/scorecard",
    }


def test_a_new_grade_names_the_themes_previous_grade(con):
    g = rows(
        con,
        """SELECT g.area, g.grade, p.grade AS before FROM grades g JOIN grades p
             ON p.theme = g.theme AND p.public_on < g.public_on
           WHERE g.public_on BETWEEN DATE '2022-01-01' AND DATE '2022-12-31'
           ORDER BY p.public_on DESC LIMIT 1""",
    )[0]
    text = html.unescape(text_of(render("changes", {"from": "2022-01-01", "to": "2022-12-31"})))
    assert f"{g['area']}: {g['grade']}; previously {g['before']}" in text


def test_an_empty_window_says_nothing_new_was_published(con):
    assert expected(con, date(2015, 1, 1), date(2015, 1, 2)) == 0
    at = render("changes", {"from": "2015-01-01", "to": "2015-01-02"})
    assert title_of(at) == ("Nothing new was published between 1 January 2015 and 2 January 2015")


def test_deadlines_that_passed_are_listed_apart_and_not_counted_as_published(con):
    """7 September to 6 December 2026: nothing was published, but deadlines had passed. The
    title does not call them changes published; they have a heading of their own."""
    start, end = date(2026, 9, 7), date(2026, 12, 6)
    assert expected(con, start, end) == 0
    late = _count(con, [OVERDUE], start, end)
    assert late > 0
    at = render("changes", {"from": start.isoformat(), "to": end.isoformat()})
    assert not at.exception, [e.value for e in at.exception]
    assert title_of(at) == (
        "Nothing new was published between 7 September 2026 and 6 December 2026; "
        f"{late} deadlines passed with no closure published, listed apart"
    )
    text = html.unescape(text_of(at))
    assert "Deadlines that passed (not publications): overdue on the last day" in text
    assert "changes published" not in text


def test_a_year_lists_deadlines_after_the_publications_under_their_own_heading(con):
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    n, d = expected(con, start, end), deadlines(con, start, end)
    assert n > 0 and d > 0
    statuses = status_changes(start, end)
    at = render("changes", {"from": start.isoformat(), "to": end.isoformat()})
    assert title_of(at).startswith(f"{n} changes published between")
    body = "".join(e.proto.body for e in at.get("html") if "pfcc-changes" in e.proto.body)
    assert body.count("<li>") == n + d + statuses
    first_deadline = body.index("Deadlines that passed")
    assert "Recommendations: raised" in body[:first_deadline]
    assert statuses > 0 and "Scorecard: status changes" in body[:first_deadline]
    assert "New figures" not in body[first_deadline:]


def test_a_closure_reported_before_it_was_dated_is_listed_with_the_report(con):
    """The responding-to-the-public closure became public on 28 December 2023, reported
    undated; the source that dates it came on 21 May 2024. A window holding the report names
    the report (title, publisher, address), not the later source."""
    (r,) = rows(
        con,
        """SELECT rs.title AS reported, rs.publisher, rs.url, cs.title AS dated
           FROM recommendations r JOIN sources rs ON rs.source_id = r.reported_source_id
           JOIN sources cs ON cs.source_id = r.closed_source_id
           WHERE r.rec_id = 'peel-2021-22/coc-responding-to-the-public'""",
    )
    for start, end in (
        (date(2023, 12, 1), date(2024, 1, 31)),
        (date(2023, 12, 1), date(2024, 6, 30)),
    ):
        at = render("changes", {"from": start.isoformat(), "to": end.isoformat()})
        body = html.unescape(
            "".join(e.proto.body for e in at.get("html") if "pfcc-changes" in e.proto.body)
        )
        line = next(li for li in body.split("<li>") if "closure reported 28 December 2023" in li)
        assert r["reported"] in line and r["publisher"] in line and r["url"] in line, line
        assert r["dated"] not in line, line


def test_a_reversed_window_is_refused_with_a_clear_message():
    at = render("changes", {"from": "2023-01-01", "to": "2022-01-01"})
    assert not at.exception
    assert any("start date must be on or before the end date" in e.value for e in at.error)


def test_the_pack_opens_with_what_is_new_since_the_last_meeting(con):
    built = pack.build(date(2022, 12, 31), since=date(2022, 9, 1))
    n = expected(con, date(2022, 9, 2), date(2022, 12, 31))
    assert f"{n} changes published between 2 September 2022 and 31 December 2022" in built.html


def test_a_new_figure_is_compared_only_with_one_a_chart_may_join_it_to():
    """'Rose from … for …' compares a figure with the previous one of its kind: the same tier
    and the same stated window (a month with a month), never a week with a 12-month average;
    a figure whose window is not stated is compared with none."""
    from pfcc.stories.common import query

    df = query("changes_measures", date_from=date(2014, 1, 1), date_to=date.today())
    compared = df[df["previous_value"].notna()]
    assert len(compared) >= 5, "too few comparisons to test"
    assert (compared["period_length"] == compared["previous_length"]).all()
    assert (compared["period_length"] != "not stated").all()
    assert (compared["tier_of_figure"] == compared["previous_tier"]).all()
    unstated = df[df["period_length"] == "not stated"]
    assert len(unstated) and unstated["previous_value"].isna().all()


def test_a_figure_links_only_to_a_chart_that_draws_it():
    """A new figure's line links to the tab of a chart that draws it; one that no chart draws
    links nowhere and says "not charted" and why, in a word or two."""
    from pfcc import registry
    from pfcc.render import where
    from pfcc.stories import changes

    groups = where.linked(changes.changes(date(2014, 1, 1), date.today()).groups)
    lines = [x for g in groups for x in g.lines if x.measure_id]
    assert lines, "no figures to test"
    views = {v.url.lstrip("/"): v for v in registry.views()}
    for x in lines:
        places = [p for p in where.where().places[x.measure_id] if not p.slide]
        if x.page is None:
            assert not places and re.search(r" Not charted \([a-z ]+\)\.$", x.text), x.text
        else:
            assert x.page in views and x.page == places[0].url.lstrip("/"), (x.page, places)
            assert "Not charted" not in x.text
    # the checks by hand: a 999 average is on its tab's chart; a call volume is charted nowhere
    time_999 = next(x for x in lines if x.text.startswith("999 average answer time, Staff"))
    view = views[time_999.page]
    assert view.section == registry.TIME_999
    assert time_999.measure_id in set(view.charts[0].build(**view.page.defaults).table.measure_id)
    volume = next(x for x in lines if x.text.startswith("999 calls received"))
    assert volume.page is None and volume.text.endswith("Not charted (metric not charted).")
