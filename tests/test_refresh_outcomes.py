"""`make refresh-outcomes` end to end on a copy of data/: an edition made from today's files with
one year dropped and Staffordshire's recorded crime revised for one year becomes a new edition
folder and new source rows, the build passes, and the summary names what changed. Running it again
on the same date is refused, as are a missing file and a date that is not a date."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from pfcc.ingest.homeoffice import refresh
from pfcc.paths import DATA_DIR

FIRST, NEW = "2026-08-26", "2026-11-20"
EDITIONS = Path("home-office-outcomes/editions")
DROPPED = "2025/26"  # the latest year (dropping 2014/15 trips reconcile.py: see the report)
YEAR, CHANGE = "2023/24", -12000  # Staffordshire's recorded crime that year, revised


def _fields(line: bytes) -> list[str]:
    return next(csv.reader([line.decode().rstrip("\r\n")]))


def _without_year(data: bytes, column: int) -> bytes:
    lines = data.splitlines(keepends=True)
    return lines[0] + b"".join(x for x in lines[1:] if _fields(x)[column] != DROPPED)


def _force_quarter(staffs: bytes) -> bytes:
    """A whole force_quarter.csv around the held Staffordshire lines: other forces' lines
    before and after them, as the full file orders forces, one with a name that only starts
    with Staffordshire's."""
    header, *lines = staffs.splitlines(keepends=True)
    others = {}
    for force in ("South Yorkshire", "Suffolk", "Staffordshire Moorlands"):
        slug = force.lower().replace(" ", "-")
        others[force] = [x.replace(b"Staffordshire,staffordshire", f"{force},{slug}".encode())
                         for x in lines]  # fmt: skip
    return header + b"".join(
        [*others["South Yorkshire"], *lines, *others["Staffordshire Moorlands"],
         *others["Suffolk"]]
    )  # fmt: skip


def test_the_derivation_reproduces_the_first_edition_byte_for_byte():
    """The full force_quarter.csv is not held (SOURCE.md): its Staffordshire lines are, and taken
    from a whole file around them they come back exactly, line endings included."""
    held = (DATA_DIR / EDITIONS / FIRST / "staffordshire_quarter.csv").read_bytes()
    assert b"\r\n" in held
    assert refresh.staffordshire_lines(_force_quarter(held)) == held


def _new_files(into: Path) -> Path:
    """Today's files as a new edition would come: a year dropped, one figure revised, the
    manifest generated on a new day, force_quarter.csv whole."""
    old = DATA_DIR / EDITIONS / FIRST
    into.mkdir()
    for name in ("national_year.csv", "national_quarter.csv"):
        (into / name).write_bytes(_without_year((old / name).read_bytes(), 0))
    (into / "force_year.csv").write_bytes(_without_year((old / "force_year.csv").read_bytes(), 2))
    staffs = _without_year((old / "staffordshire_quarter.csv").read_bytes(), 2)
    (into / "force_quarter.csv").write_bytes(_force_quarter(staffs))
    header, *lines = _without_year((old / "denominators.csv").read_bytes(), 2).splitlines(True)
    for i, line in enumerate(lines):
        f = _fields(line)
        if f[0] == "Staffordshire" and f[2] == YEAR:
            f[3] = str(int(f[3]) + CHANGE)
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\r\n").writerow(f)
            lines[i] = buf.getvalue().encode()
    (into / "denominators.csv").write_bytes(header + b"".join(lines))
    manifest = json.loads((old / "manifest.json").read_text())
    manifest["generated_at"] = f"{NEW}T09:00:00+00:00"
    (into / "manifest.json").write_text(json.dumps(manifest, indent=1))
    for name in ("validation-report.json", "METHODOLOGY.md", "reconciliation.yml"):
        shutil.copyfile(old / name, into / name)
    return into


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("refresh")
    data = tmp / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", ".*.tmp*"))
    src = _new_files(tmp / "new")
    summary = refresh.refresh(src, None, "a test's made-up files", data, tmp / "db.duckdb")
    return data, src, summary, tmp


def test_the_new_edition_and_its_source_rows_are_added(refreshed):
    data, src, _, _ = refreshed
    folder = data / EDITIONS / NEW
    for name in ("national_year.csv", "force_year.csv", "denominators.csv", "manifest.json"):
        assert (folder / name).read_bytes() == (src / name).read_bytes(), name
    assert (folder / "staffordshire_quarter.csv").read_bytes().count(b"\r\n") == 1 + 44
    assert not (folder / "DATA-LICENCE.md").exists()  # not in FROM, so not made up
    assert (folder / "digests.json").is_file()
    source_md = (folder / "SOURCE.md").read_text()
    assert "20 November 2026" in source_md and "a test's made-up files" in source_md
    rows = list(csv.DictReader((data / refresh.SOURCES).open(encoding="utf-8")))
    new = {r["source_id"]: r for r in rows if r["published_on"] == NEW}
    assert set(new) == {f"{r['source_id']}-{NEW}" for r in rows if r["published_on"] == FIRST}
    force_year = new[f"ho-outcomes-force-year-{NEW}"]
    assert force_year["document"] == f"data/{EDITIONS}/{NEW}/force_year.csv"
    assert force_year["title"].endswith("2014/15 to 2024/25")
    assert force_year["published_label"] == (
        "derived tables generated 20 November 2026 (manifest.json) from the Home Office open"
        " data tables as listed on 23 July 2026"
    )
    original = (DATA_DIR / refresh.SOURCES).read_bytes()
    assert (data / refresh.SOURCES).read_bytes().startswith(original)  # earlier rows untouched


def test_the_build_passes_and_the_summary_names_what_changed(refreshed):
    _, _, summary, _ = refreshed
    assert "Home Office series, checks passed:" in summary
    assert "years dropped: 2025/26" in summary and "years added: none" in summary
    assert refresh.THRESHOLD in summary
    assert f"Staffordshire {YEAR} recorded crime:" in summary
    assert f"Staffordshire {YEAR} charge rate (recorded):" in summary
    before = next(x for x in summary.splitlines() if "before: edition" in x)
    after = next(x for x in summary.splitlines() if "after:  edition" in x)
    # dropping the latest year makes 2023/24 the latest complete year, and it is revised
    assert FIRST in before and "2024/25, charge rate" in before and "ranked" in before
    assert NEW in after and f"{YEAR}, charge rate" in after and "ranked" in after
    same = next(x for x in summary.splitlines() if "before, same year" in x)
    assert same.split(": ", 2)[2] != after.split(": ", 2)[2]


def test_running_it_again_on_the_same_date_is_refused(refreshed, capsys):
    data, src, _, tmp = refreshed
    argv = [str(src), "--data", str(data), "--out", str(tmp / "again.duckdb")]
    assert refresh.main(argv) == 1
    assert "already exists: an edition is never rewritten" in capsys.readouterr().err
    assert not (tmp / "again.duckdb").exists()


def test_a_missing_file_and_a_date_not_a_date_are_refused(refreshed, capsys, tmp_path):
    data, src, _, tmp = refreshed
    short = tmp_path / "short"
    shutil.copytree(src, short)
    (short / "force_quarter.csv").unlink()
    (short / "manifest.json").unlink()
    out = ["--data", str(data), "--out", str(tmp_path / "x.duckdb")]
    assert refresh.main([str(short), "--date", "2026-12-01", *out]) == 1
    assert "lacks force_quarter.csv" in capsys.readouterr().err
    assert not (data / EDITIONS / "2026-12-01").exists()
    for bad in ("2026-13-01", "1 December 2026"):
        assert refresh.main([str(short), "--date", bad, *out]) == 1
        assert "is not a date" in capsys.readouterr().err
    assert refresh.main([str(short), *out]) == 1
    assert "give the publication date" in capsys.readouterr().err
