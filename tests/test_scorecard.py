"""The scorecard against the database: every figure and date it shows is the database's
(recomputed here with SQL of its own), its statuses follow the declared rule, and as presented
on a date nothing published later appears."""

from datetime import date

import pytest

from pfcc.stories import scorecard, scorecard_table
from pfcc.stories import scorecard_rule as rule
from tests.support.sql import rows as sql_rows

DATES = (date(2023, 1, 1), date(2024, 1, 1), date(2024, 6, 1), None)
ENGAGE_START, ENGAGE_EXIT = "2022-07-06", "2024-05-21"


def _figures(rs):
    for r in rs:
        for e in r.evidence:
            for point, f in e.figures.items():
                if f is not None:
                    yield r, e, point, f


def _causes(as_of):
    return {r.finding_id: r for r in scorecard.rows(as_of) if r.group == scorecard.CAUSES}


RESPONDING = "peel-2021-22/coc-responding-to-the-public"
REPORTED_BY = "eands-2023-12-28-coc-discharged"  # 28 December 2023, undated
DATED_BY = "response-2024-05-engage-exit"  # 21 May 2024: "In December 2023, we closed ..."


def _words(value) -> str:
    """Everything a row carries, as text: its fields, and its dated things' fields."""
    if hasattr(value, "__dataclass_fields__"):
        return " ".join(_words(getattr(value, f)) for f in value.__dataclass_fields__)
    if isinstance(value, (list, tuple)):
        return " ".join(_words(v) for v in value)
    if isinstance(value, dict):
        return " ".join(_words(v) for v in value.values())
    return str(value)


def test_causes_of_concern_as_presented(con):
    """The issue's statement: both open on 1 January 2023; on 1 January 2024 one closed, the
    responding-to-the-public one, as reported on 28 December 2023 (the May 2024 source that
    dates it nowhere in the row); both closed on 1 June 2024."""
    assert [r.state for r in _causes(date(2023, 1, 1)).values()] == ["open", "open"]
    on_new_year = _causes(date(2024, 1, 1))
    assert sorted(r.state for r in on_new_year.values()) == ["closed", "open"]
    closed = on_new_year[RESPONDING]
    assert closed.state == "closed"
    assert closed.closed.source_id == REPORTED_BY
    assert (closed.closed.day, closed.closed.what) == (date(2023, 12, 28), "reported closed")
    assert "discharged one cause of concern" in closed.closed.quote
    row = _words(closed)
    (dated,) = sql_rows(con, "SELECT title FROM sources WHERE source_id = ?", DATED_BY)
    assert DATED_BY not in row and dated["title"] not in row and "2024-05-21" not in row
    later = _causes(date(2024, 6, 1))
    assert [r.state for r in later.values()] == ["closed", "closed"]
    assert later[RESPONDING].closed.source_id == DATED_BY
    assert later[RESPONDING].closed.text == "December 2023"


@pytest.mark.parametrize("as_of", DATES[:3])
def test_nothing_published_later_appears(built_db, as_of):
    rs = scorecard.rows(as_of)
    for _, _, _, f in _figures(rs):
        assert f["public_on"] is not None and f["public_on"] <= as_of, f["measure_id"]
        assert f["period_end"] <= as_of
    for r in rs:
        for e in r.evidence:
            assert all(c["public_on"] <= as_of for c in e.comparisons)
        for d in [r.raised, r.closed, *r.revisited]:
            if d is not None:
                assert d.day <= as_of
        if r.later_grade is not None:
            assert r.later_grade["public_on"] is not None
            assert r.later_grade["public_on"] <= as_of


POINT_RULES = {
    "before Engage": f"public_on < DATE '{ENGAGE_START}'",
    "at exit": f"public_on <= DATE '{ENGAGE_EXIT}'",
    "latest": "TRUE",
    "worst during Engage": f"period_end BETWEEN DATE '{ENGAGE_START}' AND DATE '{ENGAGE_EXIT}'",
}
# The Home Office series as its figures may be compared: final, unflagged, the force's.
OFFICIAL = (
    "(SELECT r.charge_rate AS value, r.period_end, s.public_on, r.financial_year, r.edition"
    " FROM outcome_rates r JOIN sources s USING (source_id) WHERE r.force = 'Staffordshire'"
    " AND r.basis = 'recorded' AND NOT coalesce(r.provisional, FALSE)"
    " AND NOT coalesce(r.flagged, FALSE) AND r.charge_rate IS NOT NULL)"
)


def _point_check(con, table, same, args, point, f, better, as_of, label):
    """The point's rule in SQL of its own: the latest period among the figures it may take,
    or the worst value of a period ending during Engage."""
    known = (
        "TRUE" if as_of is None else f"public_on <= DATE '{as_of}' AND period_end <= DATE '{as_of}'"
    )
    where = f"{same} AND {POINT_RULES[point]} AND {known}"
    if point == "worst during Engage":
        agg = "min" if better == "higher" else "max"
        (w,) = sql_rows(con, f"SELECT {agg}(value) AS v FROM {table} WHERE {where}", *args)
        assert f["value"] == w["v"], label
    else:
        (last,) = sql_rows(con, f"SELECT max(period_end) AS p FROM {table} WHERE {where}", *args)
        assert f["period_end"] == last["p"], label


@pytest.mark.parametrize("as_of", DATES)
def test_every_figure_is_the_databases(con, as_of):
    official = 0
    for r, e, point, f in _figures(scorecard.rows(as_of)):
        label = (r.finding_id, e.metric, point)
        if f["measure_id"].startswith("ho|"):  # the Home Office series (pfcc.stories.official)
            official += 1
            (db,) = sql_rows(
                con,
                f"SELECT * FROM {OFFICIAL} WHERE financial_year = ? AND edition = ?",
                f["financial_year"],
                f["edition"],
            )
            assert (db["value"], db["period_end"], db["public_on"]) == (
                f["value"],
                f["period_end"],
                f["public_on"],
            ), label
            _point_check(con, OFFICIAL, "TRUE", (), point, f, e.better, as_of, label)
            continue
        (db,) = sql_rows(
            con,
            "SELECT value, period_end, source_id, public_on, metric, geography"
            " FROM measures WHERE measure_id = ?",
            f["measure_id"],
        )
        assert (db["value"], db["source_id"], db["metric"]) == (
            f["value"],
            f["source_id"],
            e.metric,
        )
        assert db["period_end"] == f["period_end"] and db["public_on"] == f["public_on"]
        assert db["geography"] == "Staffordshire"
        same = (
            "metric = ? AND geography = 'Staffordshire' AND coalesce(breakdown, '') ="
            " coalesce(?, '') AND unit = ?"
        )
        args = (e.metric, f["breakdown"], f["unit"])
        _point_check(con, "measures", same, args, point, f, e.better, as_of, label)
    if as_of is None:
        assert official, "the Home Office series gives the charge rate's figures"


@pytest.mark.parametrize("as_of", DATES)
def test_every_date_is_the_databases(con, as_of):
    for r in scorecard.rows(as_of):
        if r.group == scorecard.GRADED:
            (g,) = sql_rows(
                con,
                "SELECT grade FROM grades WHERE source_id = ? AND theme = ?",
                *r.finding_id.removeprefix("grade:").split("/", 1),
            )
            assert g["grade"] == r.grade
            continue
        (db,) = sql_rows(
            con,
            "SELECT raised_on, due_on, closed_on, closed_source_id, reported_source_id,"
            " rs.public_on AS reported_public_on, cs.public_on AS closed_public_on"
            " FROM recommendations r LEFT JOIN sources rs ON rs.source_id = r.reported_source_id"
            " LEFT JOIN sources cs ON cs.source_id = r.closed_source_id WHERE rec_id = ?",
            r.finding_id,
        )
        assert (r.raised.day if r.raised else None) == db["raised_on"]
        assert r.due_on == db["due_on"]
        # reported: its dated source not yet public on the day shown, its report public
        reported = as_of is not None and db["reported_public_on"] is not None
        reported = reported and db["reported_public_on"] <= as_of < db["closed_public_on"]
        if r.closed is not None and reported:
            assert (r.closed.day, r.closed.source_id) == (
                db["reported_public_on"],
                db["reported_source_id"],
            )
        elif r.closed is not None:
            assert (r.closed.day, r.closed.source_id) == (db["closed_on"], db["closed_source_id"])
        for v in r.revisited:
            (m,) = sql_rows(
                con,
                "SELECT count(*) AS n FROM milestones WHERE kind = 'revisit' AND event_date = ?"
                " AND source_id = ?",
                v.day,
                v.source_id,
            )
            assert m["n"] >= 1


@pytest.mark.parametrize("as_of", DATES)
def test_every_status_follows_the_rule(built_db, as_of):
    for r in scorecard.rows(as_of):
        for e in r.evidence:
            assert e.status.word in rule.STATUSES
            before, latest = e.figures["before Engage"], e.figures["latest"]
            if before is None or latest is None:
                assert e.status.word == rule.NOT_COMPARABLE
                continue
            like = (
                before["period_length"] == latest["period_length"] != "not stated"
                and before["tier"] == latest["tier"]
                and before["measure_id"] != latest["measure_id"]
                and e.better in ("higher", "lower")
            )
            if not like:
                assert e.status.word == rule.NOT_COMPARABLE
            elif before["value"] == latest["value"]:
                assert e.status.word == rule.NO_CLEAR_CHANGE
            else:
                up = latest["value"] > before["value"]
                want = rule.BETTER if up == (e.better == "higher") else rule.WORSE
                assert e.status.word == want


def test_links_are_the_databases_and_a_finding_without_one_says_so(con):
    links = sql_rows(con, "SELECT finding_id, metric FROM finding_evidence")
    linked = {x["finding_id"] for x in links}
    rs = scorecard.rows(None)
    assert {r.finding_id for r in rs} >= linked
    for r in rs:
        assert {e.metric for e in r.evidence} == {
            x["metric"] for x in links if x["finding_id"] == r.finding_id
        }
        assert (r.no_figure == scorecard.NO_FIGURE) == (not r.evidence)
    assert any(r.no_figure == "no published figure measures this" for r in rs)


def test_graded_areas_sit_beside_the_later_cycle(built_db):
    graded = [r for r in scorecard.rows(None) if r.group == scorecard.GRADED]
    assert graded and all(r.grade for r in graded)
    assert any(r.later_grade for r in graded)
    assert "not directly comparable" in scorecard.ACROSS_CYCLES
    before = [r for r in scorecard.rows(date(2024, 6, 1)) if r.group == scorecard.GRADED]
    assert not any(r.later_grade for r in before)  # PEEL 2023–25 was published in September 2024


def test_the_comparisons_are_the_databases(con):
    for r in scorecard.rows(None):
        for e in r.evidence:
            for c in e.comparisons:
                if c["measure_id"].startswith("ho|"):
                    force = "Staffordshire" if c["metric"] == scorecard.RANK else c["geography"]
                    (db,) = sql_rows(
                        con,
                        "SELECT charge_rate, rank_charge_rate FROM outcome_rates WHERE force = ?"
                        " AND financial_year = ? AND basis = 'recorded' AND edition = ?",
                        force,
                        c["financial_year"],
                        c["edition"],
                    )
                    if c["metric"] == scorecard.RANK:
                        assert c["value_text"].startswith(f"{int(db['rank_charge_rate'])}")
                    else:
                        assert c["value"] == db["charge_rate"]
                    continue
                (db,) = sql_rows(
                    con,
                    "SELECT value, metric, geography FROM measures WHERE measure_id = ?",
                    c["measure_id"],
                )
                assert (db["value"], db["metric"], db["geography"]) == (
                    c["value"],
                    c["metric"],
                    c["geography"],
                )
                assert c["geography"] != "Staffordshire"


@pytest.mark.parametrize("as_of", DATES)
def test_the_flat_table_is_the_rows(built_db, as_of):
    t = scorecard_table.table(as_of)
    rs = scorecard.rows(as_of)
    assert list(t.columns) == list(scorecard_table.COLUMNS)
    assert len(t) == sum(max(1, len(r.evidence)) for r in rs)
    assert set(t["finding_id"]) == {r.finding_id for r in rs}
    lines = iter(t.itertuples(index=False))
    for r in rs:
        for e in r.evidence or [None]:
            line = dict(zip(scorecard_table.COLUMNS, next(lines)))
            assert line["finding_id"] == r.finding_id and line["state"] == r.state
            if e is None:
                assert line["why"] == scorecard.NO_FIGURE
                continue
            assert line["status"].endswith(e.status.word) and line["why"] == e.status.why
            for p in scorecard.POINTS:
                f = e.figures[p]
                assert line[f"{p} figure"] == (f["value_text"] if f else "")
