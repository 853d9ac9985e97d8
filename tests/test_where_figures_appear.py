"""`make data` says where each figure added or changed since the last build appears: on a copy
of data/, a new Staffordshire 999 figure is named with the 999 chart and slide that draw it, and
a figure of a metric no chart draws gets a warning that says why."""

import csv

from pfcc import registry
from pfcc.ingest import build
from tests.support.against import run_against


def _rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _refile(path, measure_id, new_id, **changes) -> dict:
    """Append to `path` a copy of one of its figures under a new id (its quote is real)."""
    row = next(r for r in _rows(path) if r["measure_id"] == measure_id)
    row |= {"measure_id": new_id, **changes}
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(row), lineterminator="\r\n").writerow(row)
    return row


def _where(db, *args) -> str:
    return run_against(db, "-m", "pfcc.render.where", *args)


def test_the_build_says_where_a_new_figure_appears_or_why_it_does_not(data_copy, tmp_path):
    db, before = tmp_path / "where.duckdb", tmp_path / "before.csv"
    build.build(data_copy, db)
    _where(db, "--keep", str(before))
    drawn = _refile(
        data_copy / "measures" / "lichfieldlive-2022-10-999.csv",
        "lichfieldlive-2022-10-999/999-average-aug-2022",
        "lichfieldlive-2022-10-999/999-average-test",
        period_label="July (2022)",
        period_start="2022-07-01",
        period_end="2022-07-31",
    )
    hidden = _refile(
        data_copy / "measures" / "lichfieldlive-2025-04-06-injuryclaims-study.csv",
        "lichfieldlive-2025-04-06-injuryclaims-study/999-calls-received-2024",
        "lichfieldlive-2025-04-06-injuryclaims-study/999-calls-received-test",
        period_label="2023",
        period_start="2023-01-01",
        period_end="2023-12-31",
    )
    build.build(data_copy, db)
    out = _where(db, "--since", str(before))

    assert "Where the 2 figures added or changed since the last build appear:" in out, out
    calls = registry.page("calls")
    view = next(v for v in calls.views() if v.section == registry.TIME_999)
    slide = next(s for s in registry.slides() if s.key == "calls_999_time")
    told = out.split(f"  added {hidden['measure_id']}")
    about_drawn = next(t for t in told if f"added {drawn['measure_id']}" in t)
    assert f"drawn on {calls.title}, tab {registry.TIME_999} ({view.url})" in about_drawn, out
    assert f"drawn on slide {slide.number}, {slide.name}" in about_drawn, out
    assert "WARNING" not in about_drawn, out

    reason = next(
        r["not_charted_reason"]
        for r in _rows(data_copy / "metrics.csv")
        if r["metric"] == "999 calls received"
    )
    warning = (
        "    WARNING: drawn by no chart: its metric (999 calls received) is not charted: " + reason
    )
    assert f"added {hidden['measure_id']}: 999 calls received" in out, out
    assert warning in told[1].splitlines(), out


def test_nothing_new_says_so(data_copy, tmp_path):
    db, before = tmp_path / "same.duckdb", tmp_path / "before.csv"
    build.build(data_copy, db)
    _where(db, "--keep", str(before))
    build.build(data_copy, db)
    assert _where(db, "--since", str(before)).strip() == (
        "No figure added or changed since the last build."
    )
