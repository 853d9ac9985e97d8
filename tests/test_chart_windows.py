"""On every chart the registry lists (every page, every slide, as presented at each meeting),
no drawn line joins figures of different windows, a figure whose period is not stated, or one
observation twice; no point sits at a placeholder date; and the 2016 audit's 91% is one point
citing both the sources that give it."""

import csv
from datetime import date

import pandas as pd
import pytest

from pfcc import periods, registry
from pfcc.paths import ROOT
from pfcc.stories import recording

# the dates that stood in for periods no source states (issue 20): none may carry a figure
PLACEHOLDERS = {"2022-09-01", "2015-11-30", "2016-12-31"}


def meetings() -> list[date]:
    with open(ROOT / "data" / "meetings.csv", encoding="utf-8") as f:
        return [date.fromisoformat(r["date"]) for r in csv.DictReader(f)]


def specs():
    for p in registry.PAGES:
        for c in p.charts:
            yield f"{p.slug}/{c.key}", c.story()
    for s in registry.slides():
        if s.chart is None:
            continue
        yield f"slide {s.number}", s.build()
        for day in meetings():
            yield f"slide {s.number} as of {day}", s.build(as_of=day)


@pytest.fixture(scope="module")
def measures(con):
    df = con.execute("SELECT * FROM measures").fetchdf()
    return df.set_index("measure_id")


def x_of(v) -> str:
    return str(pd.Timestamp(v).date())


def test_no_line_joins_other_windows_or_one_observation_twice(built_db, measures):
    checked = 0
    for name, spec in specs():
        for t in spec.figure.data:
            if getattr(t, "mode", None) != "lines" or t.customdata is None:
                continue
            ids = list(t.customdata)
            for a, b in zip(ids, ids[1:]):
                if a is None or b is None or a not in measures.index:
                    continue
                ra, rb = measures.loc[a], measures.loc[b]
                where = f"{name}: {a} – {b}"
                assert ra["period_length"] == rb["period_length"], where
                assert ra["period_length"] != periods.NOT_STATED, where
                assert (ra["period_end"], ra["value"]) != (rb["period_end"], rb["value"]), where
                assert ra["period_end"] != rb["period_end"], where
                checked += 1
    assert checked > 10  # the 999 and 101 lines are among them


def test_no_point_sits_at_a_placeholder_date(built_db, measures):
    for name, spec in specs():
        for t in spec.figure.data:
            if getattr(t, "mode", None) != "markers" or t.customdata is None:
                continue
            for x, mid in zip(t.x, t.customdata):
                if mid in measures.index:
                    assert x_of(x) not in PLACEHOLDERS, f"{name}: {mid} at {x_of(x)}"
                    assert x_of(x) == x_of(measures.loc[mid, "period_end"]), f"{name}: {mid}"


def test_the_2016_audit_is_one_point_citing_both_sources(built_db):
    spec = recording.recording()
    rows = spec.table[
        (spec.table["breakdown"] == recording.ALL_CRIME)
        & (pd.to_datetime(spec.table["period_end"]).dt.year == 2016)
    ]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert str(pd.Timestamp(row["period_end"]).date()) == "2016-08-25"  # its publication
    assert "PEEL 2021/22" in row["source_title"]
    assert "requires improvement" in row["source_title"]
    assert "91.0 percent" in row["quote"] and "around 91 percent" in row["quote"]
    assert row["period_text"].startswith("period not stated")  # its table row says so
    cited = set(spec.quotes["id"])
    assert {
        "cdi-2016-news/recording-rate",
        "peel-2021-22/crime-recording-rate-all-crime-2016",
    } <= cited
    points = [
        x_of(x)
        for t in spec.figure.data
        if getattr(t, "mode", None) == "markers" and t.customdata is not None
        for x, mid in zip(t.x, t.customdata)
        if mid
        in ("cdi-2016-news/recording-rate", "peel-2021-22/crime-recording-rate-all-crime-2016")
    ]
    assert points == ["2016-08-25"]


def test_a_figure_whose_period_is_not_stated_says_so(built_db):
    from pfcc.stories import calls

    spec = calls.answer_time_999()
    unstated = spec.table[spec.table["period_length"] == periods.NOT_STATED]
    assert len(unstated)
    assert all("not stated" in t for t in unstated["period_text"])
    assert any(t.name and "period not stated" in t.name for t in spec.figure.data)


def test_no_figure_keeps_a_placeholder_date(built_db, measures):
    """A figure whose period is not stated is dated at its publication, never at a day that
    stands in for an unknown period."""
    unstated = measures[measures["period_length"] == periods.NOT_STATED]
    kept = {x_of(d) for d in unstated["period_end"]} & PLACEHOLDERS
    assert not kept, kept
