"""The data's truth, proven from the built database itself: quotes against documents, figures
against quotes, totals against their parts, and the contract's shape."""

import re
from datetime import date

import pytest

from pfcc.paths import ROOT as REPO
from tests.support.sql import rows

CONTRACT = {
    "sources": [
        "source_id",
        "title",
        "publisher",
        "published_label",
        "published_on",
        "url",
        "document",
        "tier",
    ],
    "measures": [
        "measure_id",
        "family",
        "metric",
        "breakdown",
        "geography",
        "period_label",
        "period_start",
        "period_end",
        "value",
        "unit",
        "ci_half_width",
        "comparability",
        "source_id",
        "quote",
    ],
    "grades": [
        "inspection",
        "published_label",
        "published_on",
        "area",
        "theme",
        "grade",
        "scale",
        "source_id",
        "quote",
    ],
    "milestones": ["event_date", "date_precision", "kind", "title", "detail", "source_id", "quote"],
    "recommendations": [
        "rec_id",
        "source_id",
        "kind",
        "number",
        "text",
        "due_on",
        "status",
        "closed_on",
        "quote",
    ],
    "metrics": [
        "metric",
        "family",
        "units",
        "better",
        "noun",
        "charted",
        "not_charted_reason",
        "definition",
    ],
}
# finding_evidence: each link of a finding to a measure, in the inspectorate's words
FACT_TABLES = ["measures", "grades", "milestones", "recommendations", "finding_evidence"]


def folded(text):
    return " ".join(text.split())


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_contract_columns_exist_and_table_has_rows(con, table):
    cols = [
        r["column_name"]
        for r in rows(
            con, "SELECT column_name FROM information_schema.columns WHERE table_name = ?", table
        )
    ]
    assert set(CONTRACT[table]) <= set(cols), set(CONTRACT[table]) - set(cols)
    assert rows(con, f"SELECT count(*) AS n FROM {table}")[0]["n"] > 0


@pytest.mark.parametrize("table", FACT_TABLES)
def test_every_quote_is_in_its_document(con, table):
    found = rows(
        con,
        f"""SELECT t.source_id, t.quote, s.document FROM {table} t
                          JOIN sources s USING (source_id) WHERE s.document IS NOT NULL""",
    )
    assert found
    docs = {}
    for r in found:
        doc = docs.setdefault(
            r["document"], folded((REPO / r["document"]).read_text(encoding="utf-8"))
        )
        assert folded(r["quote"]) in doc, (r["source_id"], r["quote"][:100])


def test_closing_quotes_are_in_the_closing_document(con):
    closed = rows(
        con,
        """SELECT r.rec_id, r.closed_quote, s.document FROM recommendations r
                          JOIN sources s ON s.source_id = r.closed_source_id
                          WHERE r.status = 'closed'""",
    )
    assert closed, "the causes of concern were closed: their closure must be recorded"
    for r in closed:
        if r["document"]:
            text = folded((REPO / r["document"]).read_text(encoding="utf-8"))
            assert folded(r["closed_quote"]) in text, r["rec_id"]
    reported = rows(
        con,
        """SELECT r.rec_id, r.reported_quote, s.document FROM recommendations r
                          JOIN sources s ON s.source_id = r.reported_source_id""",
    )
    assert reported, "the December 2023 report of a closure is recorded"
    for r in reported:
        text = folded((REPO / r["document"]).read_text(encoding="utf-8"))
        assert folded(r["reported_quote"]) in text, r["rec_id"]


def _numbers(text):
    cardinal = (
        "zero one two three four five six seven eight nine ten eleven twelve thirteen"
        " fourteen fifteen sixteen seventeen eighteen nineteen twenty"
    ).split()
    ordinal = (
        "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
    ).split()
    words = {w: i for i, w in enumerate(cardinal)} | {w: i for i, w in enumerate(ordinal)}
    words |= {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
    }
    out = [
        float(m.replace(",", ""))
        for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)
        if not m.endswith(",")
    ]
    out += [
        float(m.replace(",", "")) * 1e6 for m in re.findall(r"(\d[\d,]*(?:\.\d+)?)\s*m\b", text)
    ]
    out += [float(v) for w, v in words.items() if re.search(rf"\b{w}\b", text, re.I)]
    return out


def test_every_figure_is_stated_in_its_quote(con):
    for r in rows(con, "SELECT measure_id, value, quote FROM measures"):
        assert any(abs(n - r["value"]) < 1e-9 for n in _numbers(r["quote"])), (
            r["measure_id"],
            r["value"],
            r["quote"],
        )


@pytest.mark.parametrize("geography", ["Staffordshire", "England and Wales"])
@pytest.mark.parametrize("metric,exact", [("Outcomes", True), ("Outcome rate", False)])
def test_figure4_group_totals_equal_the_sum_of_their_rows(con, geography, metric, exact):
    found = {
        r["breakdown"]: r["value"]
        for r in rows(
            con,
            """
        SELECT breakdown, value FROM measures
        WHERE source_id = 'peel-2015-effectiveness' AND metric = ? AND geography = ?
          AND period_end = DATE '2015-06-30'""",
            metric,
            geography,
        )
    }
    groups = {
        "Out-of-court (formal)": [
            "Caution – youths",
            "Caution – adults",
            "Penalty notices for disorder",
        ],
        "Out-of-court (informal)": ["Cannabis/khat warning", "Community resolution"],
    }
    assert {"Charged/summonsed", "Taken into consideration"} <= set(found), found
    for total, parts in groups.items():
        assert total in found and all(p in found for p in parts), (total, found)
        parts_sum = sum(found[p] for p in parts)
        if exact:  # counts add up exactly
            assert parts_sum == found[total], (geography, total, parts_sum, found[total])
        else:  # rates are each rounded to one decimal place
            assert abs(parts_sum - found[total]) <= 0.05 * len(parts) + 1e-9, (total, parts_sum)


def test_grades_come_only_from_their_scale(con):
    four = {"Outstanding", "Good", "Requires improvement", "Inadequate"}
    five = four | {"Adequate"}
    for r in rows(con, "SELECT grade_id, inspection, grade, scale FROM grades"):
        year = int(re.search(r"20\d\d", r["inspection"]).group())
        assert r["scale"] == ("5-tier" if year >= 2021 else "4-tier"), r
        assert r["grade"] in (five if r["scale"] == "5-tier" else four), r


def test_no_date_lies_outside_2014_to_2026(con):
    cols = rows(
        con,
        """SELECT table_name, column_name FROM information_schema.columns
                        WHERE data_type = 'DATE'""",
    )
    assert cols
    for c in cols:
        lo_hi = rows(
            con,
            f"SELECT min({c['column_name']}) AS lo, max({c['column_name']}) AS hi"
            f" FROM {c['table_name']}",
        )[0]
        if lo_hi["lo"] is not None:
            assert date(2014, 1, 1) <= lo_hi["lo"] and lo_hi["hi"] <= date(2026, 12, 31), c


@pytest.mark.parametrize(
    "table,column",
    [(t, "source_id") for t in FACT_TABLES] + [("recommendations", "closed_source_id")],
)
def test_every_source_id_resolves(con, table, column):
    orphans = rows(
        con,
        f"""SELECT t.{column} FROM {table} t LEFT JOIN sources s
                            ON s.source_id = t.{column}
                            WHERE t.{column} IS NOT NULL AND s.source_id IS NULL""",
    )
    assert orphans == []


def test_every_source_can_be_traced(con):
    for s in rows(con, "SELECT * FROM sources"):
        assert s["document"] or (s["url"] or "").startswith("http"), s["source_id"]
        assert s["tier"] in (
            "inspection",
            "official statistics",
            "force or commissioner statement",
            "secondary",
        )


def test_2021_22_recording_rates_carry_their_intervals(con):
    found = rows(
        con,
        """SELECT breakdown, period_end, value, ci_half_width FROM measures
                         WHERE source_id = 'peel-2021-22' AND metric = 'Crime recording rate'""",
    )
    breakdowns = {r["breakdown"] for r in found}
    assert {
        "All crime (excluding fraud)",
        "Violence against the person",
        "Sexual offences",
    } <= breakdowns
    # 2021/22 estimates and the 2016 comparison, each with its interval
    assert len({r["period_end"].year for r in found}) >= 2
    assert all(r["ci_half_width"] is not None and r["ci_half_width"] > 0 for r in found), found


def test_both_engage_entry_dates_are_kept(con):
    entered = rows(
        con, "SELECT event_date, source_id FROM milestones WHERE kind = 'Engage entered'"
    )
    assert len({r["event_date"] for r in entered}) >= 2, entered
    assert len({r["source_id"] for r in entered}) >= 2, entered
    assert rows(con, "SELECT count(*) AS n FROM milestones WHERE kind = 'Engage exited'")[0]["n"]


def test_deadlines_are_milestones_too(con):
    due = rows(con, "SELECT count(*) AS n FROM recommendations WHERE due_on IS NOT NULL")[0]["n"]
    assert due > 0
    assert (
        rows(con, "SELECT count(*) AS n FROM milestones WHERE kind = 'recommendation due'")[0]["n"]
        == due
    )


def test_database_records_its_data_version(con):
    info = rows(con, "SELECT * FROM build_info")
    assert len(info) == 1 and re.fullmatch(r"[0-9a-f]{12}", info[0]["data_version"])


def test_every_measure_has_its_metric_in_the_vocabulary(con):
    orphans = rows(
        con,
        """SELECT m.measure_id, m.metric FROM measures m
                           LEFT JOIN metrics k USING (metric) WHERE k.metric IS NULL""",
    )
    assert orphans == []
    misfits = rows(
        con,
        """SELECT m.measure_id, m.family, m.unit, k.family AS k_family, k.units
                           FROM measures m JOIN metrics k USING (metric)
                           WHERE m.family <> k.family
                              OR NOT list_contains(string_split(k.units, ';'), m.unit)""",
    )
    assert misfits == []
    assert (
        rows(con, "SELECT count(*) AS n FROM metrics")[0]["n"]
        == rows(con, "SELECT count(DISTINCT metric) AS n FROM measures")[0]["n"]
    )


def test_uncharted_measures_are_those_of_uncharted_metrics(con):
    sql = (REPO / "queries" / "uncharted_measures.sql").read_text(encoding="utf-8")
    found = rows(con, sql)
    expected = rows(
        con,
        """SELECT count(*) AS n FROM measures m JOIN metrics k USING (metric)
                            WHERE k.charted = 'no'""",
    )[0]["n"]
    assert len(found) == expected > 0
    assert all(r["not_charted_reason"] and r["source_title"] and r["tier"] for r in found)
    assert [(r["family"], r["metric"]) for r in found] == sorted(
        (r["family"], r["metric"]) for r in found
    )
    charted = {r["metric"] for r in rows(con, "SELECT metric FROM metrics WHERE charted = 'yes'")}
    assert charted and not charted & {r["metric"] for r in found}
