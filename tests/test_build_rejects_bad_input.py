"""`make data` on bad input: a message naming the file, the line, the column and the rule, and the
previous database left byte-for-byte as it was. Spreadsheet habits are accepted."""
import csv
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def run_build(data: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pfcc.build", "--data", str(data), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read(path: Path):
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames), list(reader)


def write(path: Path, fields, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def line_of(path: Path, index: int) -> int:
    """The line on which data row `index` starts (quoted cells may hold line breaks)."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    next(reader)
    line = reader.line_num + 1
    for _ in range(index):
        next(reader)
        line = reader.line_num + 1
    return line


def first(data: Path, table: str, where=lambda r: True):
    """The first row of `table` (over its files, in order) matching `where`."""
    for path in sorted((data / table).glob("*.csv")):
        fields, rows = read(path)
        for i, r in enumerate(rows):
            if where(r):
                return path, fields, rows, i
    raise AssertionError(f"no row in {table} fits the case")


def set_cell(data, table, column, value, where=lambda r: True):
    path, fields, rows, i = first(data, table, where)
    rows[i][column] = value(rows[i]) if callable(value) else value
    write(path, fields, rows)
    return path, line_of(path, i)


# Each case damages the scratch copy and says which column and rule the message must name.
def wrong_type(d):
    return set_cell(d, "measures", "value", "twelve"), "value", "not a number"


def unknown_source(d):
    return set_cell(d, "grades", "source_id", "no-such-report"), "source_id", "unknown source"


def duplicate_key(d):
    path, fields, rows, _ = first(d, "measures")
    rows.append(dict(rows[0]))
    write(path, fields, rows)
    return (path, line_of(path, len(rows) - 1)), "measure_id", "duplicate key"


def quote_not_in_document(d):
    return set_cell(d, "grades", "quote", lambda r: r["quote"] + " and much else besides",
                    lambda r: r["source_id"] == "peel-2021-22"), "quote", "not found verbatim"


def figure_not_in_quote(d):
    return set_cell(d, "measures", "value", lambda r: str(float(r["value"]) + 1000003),
                    lambda r: r["unit"] == "count"), "value", "not stated in the quote"


def percent_over_100(d):
    return set_cell(d, "measures", "value", "100.5",
                    lambda r: r["unit"] == "percent"), "value", "outside 0–100"


def negative_count(d):
    return set_cell(d, "measures", "value", lambda r: "-" + r["value"],
                    lambda r: r["unit"] == "count"), "value", "negative"


def unknown_grade(d):
    return set_cell(d, "grades", "grade", "Brilliant"), "grade", "is not one of"


def bad_date(d):
    return set_cell(d, "milestones", "event_date", "2022-02-30"), "event_date", "not a real date"


def date_not_iso(d):
    return set_cell(d, "milestones", "event_date", "06/07/2022"), "event_date", "YYYY-MM-DD"


def date_out_of_range(d):
    return set_cell(d, "measures", "period_end", "2031-03-31"), "period_end", "outside 2014–2026"


def deadline_before_report(d):
    return set_cell(d, "recommendations", "due_on", "2015-01-31",
                    lambda r: r["due_on"]), "due_on", "before its report"


def empty_required_field(d):
    return set_cell(d, "measures", "metric", "   "), "metric", "empty but required"


def missing_column(d):
    path, fields, rows, _ = first(d, "measures")
    fields.remove("unit")
    write(path, fields, [{k: v for k, v in r.items() if k != "unit"} for r in rows])
    return (path, 1), "unit", "missing column"


def unknown_column(d):
    path, fields, rows, _ = first(d, "grades")
    write(path, fields + ["notes"], [r | {"notes": "x"} for r in rows])
    return (path, 1), "notes", "unknown column"


def truncated_file(d):
    path, _, rows, _ = first(d, "recommendations", lambda r: len(r["quote"]) > 200)
    raw = path.read_bytes()
    cut = raw.index(rows[0]["quote"][100:140].encode("utf-8"))  # inside a quoted cell
    path.write_bytes(raw[:cut])
    return (path, None), None, "truncated"


def short_row(d):
    path = sorted((d / "milestones").glob("*.csv"))[0]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append("x-broken,2022-07-06,day\n")
    path.write_text("".join(lines), encoding="utf-8")
    return (path, len(lines)), None, "fields, the header has"


def not_utf8(d):
    path, *_ = first(d, "measures", lambda r: any(ord(c) > 127 for c in r["quote"]))
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    return (path, None), None, "not UTF-8"


def adequate_on_four_tier(d):
    return set_cell(d, "grades", "grade", "Adequate",
                    lambda r: r["scale"] == "4-tier"), "grade", "5-tier"


def unknown_unit(d):
    return set_cell(d, "measures", "unit", "percentage"), "unit", "is not one of"


def document_outside_repository(d):
    return set_cell(d, "sources", "document", "../../../etc/passwd",
                    lambda r: r["document"]), "document", "not a file inside the repository"


def closed_without_date(d):
    return set_cell(d, "recommendations", "closed_on", "",
                    lambda r: r["status"] == "closed"), "closed_on", "required when status is closed"


def milestone_date_not_in_quote(d):
    return set_cell(d, "milestones", "event_date", "2019-03-13",
                    lambda r: r["kind"] == "Engage exited"), "event_date", "not stated in the quote"


CASES = [wrong_type, unknown_source, duplicate_key, quote_not_in_document, figure_not_in_quote,
         percent_over_100, negative_count, unknown_grade, bad_date, date_not_iso,
         date_out_of_range, deadline_before_report, empty_required_field, missing_column,
         unknown_column, truncated_file, short_row, not_utf8, adequate_on_four_tier, unknown_unit,
         document_outside_repository, closed_without_date, milestone_date_not_in_quote]


@pytest.fixture
def previous_build(data_copy, tmp_path):
    out = tmp_path / "out" / "staffordshire.duckdb"
    done = run_build(data_copy, out)
    assert done.returncode == 0, done.stderr
    return data_copy, out, sha(out)


@pytest.mark.parametrize("damage", CASES, ids=[c.__name__ for c in CASES])
def test_bad_input_is_named_and_leaves_the_database_unchanged(previous_build, damage):
    data, out, before = previous_build
    (path, line), column, rule = damage(data)
    done = run_build(data, out)
    assert done.returncode == 1, done.stdout
    message = done.stderr
    expected = f"{data.name}/{path.relative_to(data).as_posix()}"
    problem_lines = [l for l in message.splitlines() if expected in l and rule in l]
    assert problem_lines, f"no line naming {expected} and {rule!r} in:\n{message}"
    if line is not None:
        assert any(f"line {line}" in l for l in problem_lines), message
    else:
        assert any("line " in l for l in problem_lines), message
    if column is not None:
        assert any(f"column {column}" in l for l in problem_lines), message
    assert sha(out) == before, "the previous database was changed"
    assert [p.name for p in out.parent.iterdir()] == [out.name], "a temporary file was left"


def test_spreadsheet_habits_are_accepted(previous_build, con):
    """A byte-order mark, Windows line endings and trailing blank lines, on every file."""
    data, out, _ = previous_build
    for path in data.rglob("*.csv"):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        path.write_bytes(b"\xef\xbb\xbf" + (text.rstrip("\n") + "\n\n\n").replace("\n", "\r\n")
                         .encode("utf-8"))
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    import duckdb
    fresh = duckdb.connect(str(out), read_only=True)
    try:
        for table in ("sources", "measures", "grades", "milestones", "recommendations"):
            n_fresh = fresh.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            n_ref = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert n_fresh == n_ref, table
        # quotes keep their text exactly: no stray carriage returns
        assert fresh.execute("SELECT count(*) FROM measures WHERE quote LIKE '%' || chr(13) || '%'"
                             ).fetchone()[0] == 0
    finally:
        fresh.close()


def test_build_prints_its_summary(tmp_path):
    done = run_build(REPO / "data", tmp_path / "db.duckdb")
    assert done.returncode == 0, done.stderr
    for word in ("rows per table", "sources", "measures", "grades", "milestones",
                 "recommendations", "sources by tier", "inspection", "data version"):
        assert word in done.stdout, word
