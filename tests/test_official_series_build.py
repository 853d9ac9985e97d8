"""The Home Office series is proved before anything is written: a copy of data/ with one file
of data/home-office-outcomes/ damaged is refused with the stable code, the file, the line and the
column, and the database already built stays byte-identical. Each test mutates one cell; where
the checksum is re-stamped, the arithmetic alone must find the change."""

import csv
import hashlib
import io
from pathlib import Path

import pytest

from pfcc.ingest import build
from pfcc.ingest.problems import BuildError

SERIES = "home-office-outcomes/editions/2026-08-26"  # the one edition held
SOURCES = "sources/statistical-tables.csv"


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(), newline="")))


def _write(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)  # the copies' own line endings
    path.write_bytes(buf.getvalue().encode())


def _line_of(rows, **key) -> int:
    """The 1-based line of the first data row matching key (one record per line here)."""
    header = rows[0]
    for i, r in enumerate(rows[1:], start=2):
        d = dict(zip(header, r))
        if all(d[k] == v for k, v in key.items()):
            return i
    raise LookupError(key)


def mutate(data: Path, name: str, line: int, column: str, value=None, restamp=False) -> str:
    """Set one cell (default: its last digit changed) and return the cell's old value."""
    path = data / SERIES / name
    rows = _rows(path)
    j = rows[0].index(column)
    old = rows[line - 1][j]
    rows[line - 1][j] = value if value is not None else old[:-1] + str((int(old[-1]) + 1) % 10)
    _write(path, rows)
    if restamp:
        stamp(data, name)
    return old


def stamp(data: Path, name: str) -> None:
    """Record the file's new sha256 in its source row, as a refresh would."""
    path = data / SOURCES
    rows = _rows(path)
    doc, sha = rows[0].index("document"), rows[0].index("sha256")
    for r in rows[1:]:
        if r[doc] == f"data/{SERIES}/{name}":
            r[sha] = hashlib.sha256((data / SERIES / name).read_bytes()).hexdigest()
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


@pytest.fixture
def before(data_copy, tmp_path):
    """A database built from the pristine copy, and its bytes."""
    out = tmp_path / "db.duckdb"
    build.build(data_copy, out)
    return data_copy, out, out.read_bytes()


def refused(data: Path, out: Path, previous: bytes) -> list:
    with pytest.raises(BuildError) as e:
        build.build(data, out)
    assert out.read_bytes() == previous, "the database changed"
    return e.value.problems


def at(problems, code, file, line=None, column=None) -> bool:
    return any(
        p.code == code
        and p.file.endswith(file)
        and (line is None or p.line == line)
        and (column is None or p.column == column)
        for p in problems
    )


def explain(problems) -> str:
    return "\n".join(f"{p.code}: {p}" for p in problems)


def test_a_changed_digit_anywhere_is_refused_by_the_checksum(before):
    data, out, previous = before
    rows = _rows(data / SERIES / "denominators.csv")
    line = _line_of(rows, force="Staffordshire", fy="2020/21")
    mutate(data, "denominators.csv", line, "recorded_crime")
    problems = refused(data, out, previous)
    assert at(
        problems, "checksum-mismatch", f"{SERIES}/denominators.csv", line, "recorded_crime"
    ), explain(problems)
    p = next(p for p in problems if p.code == "checksum-mismatch")
    assert SOURCES in p.rule and "sha256" in p.rule


@pytest.mark.parametrize(
    ("name", "key", "column"),
    [
        ("force_year.csv", {"force": "British Transport Police", "fy": "2019/20"}, "closed_all_t1"),
        ("force_year.csv", {"force": "Staffordshire", "fy": "2024/25"}, "recorded_all_assigned"),
        ("national_quarter.csv", {"fy": "2021/22", "q": "3"}, "closed_ex_fraud_assigned"),
    ],
)
def test_a_digit_no_sum_can_catch_is_still_located_by_line_and_column(before, name, key, column):
    """Cells outside every sum (a British Transport Police row's charges, an `assigned` count)
    are found by the per-line and per-column digests recorded beside the files."""
    data, out, previous = before
    line = _line_of(_rows(data / SERIES / name), **key)
    mutate(data, name, line, column)
    problems = refused(data, out, previous)
    assert at(problems, "checksum-mismatch", f"{SERIES}/{name}", line, column), explain(problems)


def test_without_the_digest_list_a_change_is_still_refused_by_its_file(before):
    data, out, previous = before
    (data / SERIES / "digests.json").unlink()
    line = _line_of(_rows(data / SERIES / "denominators.csv"), force="Kent", fy="2020/21")
    mutate(data, "denominators.csv", line, "recorded_crime")
    problems = refused(data, out, previous)
    assert at(problems, "checksum-mismatch", f"{SERIES}/denominators.csv"), explain(problems)


@pytest.mark.parametrize("column", ["closed_all_t2", "recorded_ex_fraud_t22"])
def test_an_out_of_court_type_changed_is_located_by_line_and_column(before, column):
    data, out, previous = before
    rows = _rows(data / SERIES / "force_year.csv")
    line = _line_of(rows, force="Kent", fy="2019/20")
    mutate(data, "force_year.csv", line, column, restamp=True)
    problems = refused(data, out, previous)
    assert at(problems, "series-oocd-sum", "force_year.csv", line, column), explain(problems)
    national = _line_of(_rows(data / SERIES / "national_year.csv"), fy="2019/20")
    assert at(problems, "series-forces-not-national", "national_year.csv", national, column)
    assert not any(p.code == "checksum-mismatch" for p in problems)


def test_a_charge_count_changed_is_located_by_line_and_column(before):
    data, out, previous = before
    rows = _rows(data / SERIES / "force_year.csv")
    line = _line_of(rows, force="Staffordshire", fy="2023/24")
    mutate(data, "force_year.csv", line, "recorded_ex_fraud_t1", restamp=True)
    problems = refused(data, out, previous)
    col = "recorded_ex_fraud_t1"
    assert at(problems, "series-positive-sum", "force_year.csv", line, col), explain(problems)
    assert at(problems, "series-quarters-not-year", "force_year.csv", line, col)


def test_a_national_total_changed_is_located(before):
    data, out, previous = before
    line = _line_of(_rows(data / SERIES / "national_year.csv"), fy="2024/25")
    mutate(data, "national_year.csv", line, "closed_all_assigned", restamp=True)
    problems = refused(data, out, previous)
    col = "closed_all_assigned"
    assert at(problems, "series-forces-not-national", "national_year.csv", line, col)
    assert at(problems, "series-quarters-not-year", "national_year.csv", line, col)


def test_a_quarter_changed_is_located(before):
    data, out, previous = before
    rows = _rows(data / SERIES / "staffordshire_quarter.csv")
    line = _line_of(rows, fy="2021/22", q="3")
    mutate(data, "staffordshire_quarter.csv", line, "closed_all_t8", restamp=True)
    problems = refused(data, out, previous)
    assert at(problems, "series-oocd-sum", "staffordshire_quarter.csv", line, "closed_all_t8")
    line_nq = _line_of(_rows(data / SERIES / "national_quarter.csv"), fy="2016/17", q="2")
    mutate(data, "national_quarter.csv", line_nq, "recorded_all_positive", restamp=True)
    problems = refused(data, out, previous)
    assert at(
        problems, "series-positive-sum", "national_quarter.csv", line_nq, "recorded_all_positive"
    ), explain(problems)


def test_excluding_fraud_above_all_crime_is_refused(before):
    data, out, previous = before
    rows = _rows(data / SERIES / "national_year.csv")
    line = _line_of(rows, fy="2018/19")
    value = str(int(rows[line - 1][rows[0].index("closed_all_assigned")]) + 10)
    mutate(data, "national_year.csv", line, "closed_ex_fraud_assigned", value, restamp=True)
    problems = refused(data, out, previous)
    assert at(
        problems, "series-fraud-exceeds-all", "national_year.csv", line, "closed_ex_fraud_assigned"
    ), explain(problems)


@pytest.mark.parametrize(
    "column, value, code",
    [
        ("closed_all_t1", "12,345", "series-not-a-count"),
        ("fy", "2019-20", "series-key"),
        ("force", "Staffs", "series-key"),
        ("closed_all_positive", "0", "series-positive-sum"),
    ],
)
def test_a_bad_cell_is_named(before, column, value, code):
    data, out, previous = before
    line = _line_of(_rows(data / SERIES / "force_year.csv"), force="Dorset", fy="2016/17")
    mutate(data, "force_year.csv", line, column, value, restamp=True)
    problems = refused(data, out, previous)
    assert at(problems, code, "force_year.csv", line, column), explain(problems)


def test_a_negative_annual_total_and_positive_above_assigned_are_refused(before):
    data, out, previous = before
    line = _line_of(_rows(data / SERIES / "force_year.csv"), force="Gwent", fy="2022/23")
    mutate(data, "force_year.csv", line, "recorded_all_assigned", "-5", restamp=True)
    problems = refused(data, out, previous)
    col = "recorded_all_assigned"
    assert at(problems, "series-negative", "force_year.csv", line, col), explain(problems)
    assert at(problems, "series-positive-exceeds-assigned", "force_year.csv", line, col)


def test_a_lost_repeated_or_missing_row_is_refused(before):
    data, out, previous = before
    path = data / SERIES / "national_quarter.csv"
    rows = _rows(path)
    _write(path, rows[:-1] + [rows[1]])  # the last quarter lost, the first repeated
    stamp(data, "national_quarter.csv")
    problems = refused(data, out, previous)
    assert at(problems, "series-duplicate-key", "national_quarter.csv", len(rows))
    assert at(problems, "series-missing-row", "national_quarter.csv"), explain(problems)


def test_a_missing_file_header_or_source_is_refused(before):
    data, out, previous = before
    (data / SERIES / "national_quarter.csv").unlink()
    problems = refused(data, out, previous)
    assert at(problems, "series-missing", "national_quarter.csv"), explain(problems)
    path = data / SERIES / "force_year.csv"
    rows = _rows(path)
    rows[0][3] = "closed_all_t01"
    _write(path, rows)
    problems = refused(data, out, previous)
    assert at(problems, "series-header", "force_year.csv", 1), explain(problems)
    src = data / SOURCES
    src.write_text(
        "".join(x for x in src.read_text().splitlines(True) if "denominators.csv" not in x)
    )
    problems = refused(data, out, previous)
    assert at(problems, "series-without-source", "denominators.csv"), explain(problems)


@pytest.mark.parametrize(
    "value, code",
    [("", "checksum-required"), ("abc123", "not-a-checksum")],
)
def test_a_data_file_source_needs_its_checksum(before, value, code):
    data, out, previous = before
    src = data / SOURCES
    rows = _rows(src)
    rows[1][rows[0].index("sha256")] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    src.write_text(buf.getvalue())
    problems = refused(data, out, previous)
    assert at(problems, code, SOURCES, 2, "sha256"), explain(problems)


def test_a_checksum_without_a_document_is_refused(before):
    data, out, previous = before
    path = data / "sources" / "seed-documents.csv"
    rows = _rows(path)
    rows[1][rows[0].index("document")] = ""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    problems = refused(data, out, previous)
    assert at(problems, "checksum-not-allowed", "seed-documents.csv", 2, "sha256"), explain(
        problems
    )
    assert at(problems, "document-required", "seed-documents.csv", 2, "document")


def test_a_file_re_saved_with_lf_endings_is_named_as_such(before):
    """One message naming the line endings, not a changed line for every line of the file."""
    data, out, previous = before
    path = data / SERIES / "national_year.csv"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    problems = [p for p in refused(data, out, previous) if p.code == "checksum-mismatch"]
    assert len(problems) == 1, explain(problems)
    assert problems[0].file.endswith("national_year.csv"), explain(problems)
    assert "line endings changed (CRLF to LF" in problems[0].rule, explain(problems)
    assert "byte for byte" in problems[0].rule


def test_swapped_checksums_name_both_rows(before):
    data, out, previous = before
    path = data / SOURCES
    rows = _rows(path)
    sha, doc = rows[0].index("sha256"), rows[0].index("document")
    rows[2][sha], rows[3][sha] = rows[3][sha], rows[2][sha]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    problems = [p for p in refused(data, out, previous) if p.code == "checksum-mismatch"]
    assert sorted(p.file.rsplit("/", 1)[-1] for p in problems) == sorted(
        rows[i][doc].rsplit("/", 1)[-1] for i in (2, 3)
    ), explain(problems)
    assert all("swapped" in p.rule for p in problems), explain(problems)
    named = " ".join(p.rule for p in problems)
    assert f"{SOURCES} line 3" in named and f"{SOURCES} line 4" in named, named


def test_a_file_replaced_by_another_is_named_as_replaced(before):
    data, out, previous = before
    rows = _rows(data / SERIES / "force_year.csv")
    for r in rows[1:]:
        r[-1] = str(int(r[-1]) + 1)
    _write(data / SERIES / "force_year.csv", rows)
    problems = [p for p in refused(data, out, previous) if p.code == "checksum-mismatch"]
    assert len(problems) == 1 and "the file was replaced" in problems[0].rule, explain(problems)
