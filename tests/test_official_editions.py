"""The Home Office series is held as editions: a refresh adds a dated folder beside the earlier
ones and never overwrites them, every row carries its edition, and a reading as presented on a
date takes the latest edition public by then. Built from a copy of data/ with a second, later
edition added: the same files with Staffordshire's recorded crime for one year changed."""

import csv
import hashlib
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from pfcc.ingest import build
from pfcc.ingest.homeoffice import digests
from pfcc.ingest.problems import BuildError
from pfcc.paths import DATA_DIR
from pfcc.store import db
from pfcc.stories import forces, official
from tests.support.sql import rows

FIRST, SECOND = "2026-08-26", "2026-11-20"  # the edition held, and a made-up later one
EDITIONS = Path("home-office-outcomes/editions")
SOURCES = "sources/statistical-tables.csv"
YEAR, CHANGE = "2024/25", -1000  # Staffordshire's recorded crime that year, in the second edition
BEFORE, BETWEEN = date(2026, 10, 1), date(2026, 11, 25)  # before and after the second edition


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(), newline="")))


def _recorded_crime(folder: Path) -> int:
    table = _csv(folder / "denominators.csv")
    head = table[0]
    for r in table[1:]:
        d = dict(zip(head, r))
        if d["force"] == "Staffordshire" and d["fy"] == YEAR:
            return int(d["recorded_crime"])
    raise LookupError(YEAR)


def add_edition(data: Path, on: str = SECOND) -> None:
    """What a refresh does: a new folder named by its publication date holding the whole set of
    files, its own source rows (new ids, that date, the files' checksums) and its digests."""
    old, new = data / EDITIONS / FIRST, data / EDITIONS / on
    shutil.copytree(old, new)
    path = new / "denominators.csv"
    table = _csv(path)
    head = table[0]
    for r in table[1:]:
        if r[head.index("force")] == "Staffordshire" and r[head.index("fy")] == YEAR:
            r[head.index("recorded_crime")] = str(int(r[head.index("recorded_crime")]) + CHANGE)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(table)  # the copies' own line endings
    path.write_bytes(buf.getvalue().encode())
    lists = {p.name: digests.digests(p) for p in sorted(new.glob("*.csv"))}
    (new / "digests.json").write_text(json.dumps(lists, indent=0, sort_keys=True) + "\n")
    sources = data / SOURCES
    table = _csv(sources)
    head = table[0]
    col = {c: head.index(c) for c in ("source_id", "published_on", "document", "sha256")}
    added = []
    for r in table[1:]:
        if f"/{FIRST}/" not in r[col["document"]]:
            continue
        r = list(r)
        r[col["source_id"]] += f"-{on}"
        r[col["published_on"]] = on
        r[col["document"]] = r[col["document"]].replace(f"/{FIRST}/", f"/{on}/")
        name = r[col["document"]].rsplit("/", 1)[-1]
        r[col["sha256"]] = hashlib.sha256((new / name).read_bytes()).hexdigest()
        r[head.index("published_label")] = f"derived tables, edition of {on}"
        added.append(r)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(table + added)
    sources.write_text(buf.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """A database built from data/ plus a second edition, read by the stories in place of the
    repository's own database."""
    tmp = tmp_path_factory.mktemp("editions")
    data = tmp / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", ".*.tmp*"))
    add_edition(data)
    out = tmp / "two.duckdb"
    build.build(data, out)
    patch = pytest.MonkeyPatch()
    patch.setattr(db, "DB_PATH", out)
    yield data, out
    patch.undo()


def _staffs(df, year=YEAR) -> list[dict]:
    return df[(df["force"] == "Staffordshire") & (df["financial_year"] == year)].to_dict("records")


def test_every_edition_is_kept_and_every_row_carries_its_edition(two_editions):
    data, out = two_editions
    import duckdb

    con = duckdb.connect(str(out), read_only=True)
    try:
        got = rows(
            con,
            "SELECT CAST(edition AS VARCHAR) AS edition, recorded_crime, source_id"
            " FROM ho_recorded_crime WHERE force = 'Staffordshire' AND financial_year = ?"
            " ORDER BY edition",
            YEAR,
        )
        per_edition = rows(
            con,
            "SELECT CAST(edition AS VARCHAR) AS e, count(*) AS n FROM outcome_rates"
            " GROUP BY e ORDER BY e",
        )
        undated = rows(con, "SELECT count(*) AS n FROM ho_outcome_counts WHERE edition IS NULL")
        flags = rows(
            con,
            "SELECT CAST(edition AS VARCHAR) AS e, count(*) AS n,"
            " count(*) FILTER (WHERE public_on IS DISTINCT FROM edition) AS misdated"
            " FROM outcome_flags GROUP BY e ORDER BY e",
        )
        public = rows(
            con,
            "SELECT DISTINCT CAST(public_on AS VARCHAR) AS p FROM ho_recorded_crime"
            " WHERE CAST(edition AS VARCHAR) = ?",
            SECOND,
        )
    finally:
        con.close()
    old = _recorded_crime(data / EDITIONS / FIRST)
    assert [(r["edition"], r["recorded_crime"]) for r in got] == [
        (FIRST, old),
        (SECOND, old + CHANGE),
    ]
    assert got[0]["source_id"] == "ho-recorded-crime-force-year"  # the first edition's own
    assert got[1]["source_id"] == f"ho-recorded-crime-force-year-{SECOND}"
    assert [r["e"] for r in per_edition] == [FIRST, SECOND]
    assert per_edition[0]["n"] == per_edition[1]["n"]
    assert undated[0]["n"] == 0
    # each edition's flags are its own, public when their edition was
    assert [r["e"] for r in flags] == [FIRST, SECOND] and flags[0]["n"] == flags[1]["n"]
    assert [r["misdated"] for r in flags] == [0, 0]
    assert public == [{"p": SECOND}]


def test_as_presented_reads_the_latest_edition_public_by_the_date(two_editions):
    data, _ = two_editions
    old = _recorded_crime(data / EDITIONS / FIRST)
    for as_of, offences, edition in (
        (BEFORE, old, FIRST),
        (BETWEEN, old + CHANGE, SECOND),
        (None, old + CHANGE, SECOND),
    ):
        [row] = _staffs(official.rates("recorded", as_of))
        assert row["offences"] == offences, as_of
        assert str(row["edition"])[:10] == edition
        assert row["charge_rate"] == pytest.approx(100.0 * row["charged"] / offences)
        [crime] = _staffs(
            official.as_presented("official_recorded_crime", as_of, force="Staffordshire")
        )
        assert crime["recorded_crime"] == offences


def test_before_the_first_edition_nothing_is_read(two_editions):
    assert official.rates("recorded", date(2026, 8, 25)).empty
    assert official.as_presented("official_quarters", date(2026, 8, 25), basis="closed").empty


def test_one_edition_at_a_time_no_row_twice(two_editions):
    for as_of in (BEFORE, BETWEEN, None):
        df = official.rates("closed", as_of)
        assert not df.duplicated(["force", "financial_year"]).any(), as_of
        q = official.as_presented("official_quarters", as_of, basis="recorded")
        assert not q.duplicated(["force", "financial_year", "quarter"]).any(), as_of
        assert q["edition"].nunique() == 1
        assert len(forces.years("recorded", as_of)) == len(set(forces.years("recorded", as_of)))


def test_an_edition_whose_folder_is_not_its_publication_date_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", ".*.tmp*"))
    add_edition(data)
    (data / EDITIONS / SECOND).rename(data / EDITIONS / "2026-11-21")
    sources = data / SOURCES
    sources.write_text(sources.read_text().replace(f"/{SECOND}/", "/2026-11-21/"))
    with pytest.raises(BuildError) as e:
        build.build(data, tmp_path / "out.duckdb")
    codes = {p.code for p in e.value.problems}
    assert "series-edition" in codes, codes
