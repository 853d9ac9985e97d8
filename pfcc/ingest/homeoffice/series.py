"""The Home Office outcomes series in data/home-office-outcomes/editions/<published on>/, one
folder per edition, each kept whole: a refresh adds an edition and never rewrites one. The files
are statistical tables kept byte for byte as copied, read with the file and line of every row,
and each edition is proved before anything is written: each file's sha256 against its source
row, every row's own arithmetic (oocd = t2+t3+t6+t7+t8+t22, positive = t1+oocd), excluding fraud
never above all crime, the quarters summing to the year and the 44 forces summing to the national
file. Problems name file, line, column and rule."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from pfcc.hashing import content_hash
from pfcc.ingest.homeoffice import digests
from pfcc.ingest.problems import Problem

FOLDER = digests.FOLDER
EDITIONS = digests.EDITIONS  # data/home-office-outcomes/editions/<published on>/
MAX_LOCATED = 20  # changed cells named one by one; a wholesale change is named by its file
MEASURES = ("t1", "t2", "t3", "t6", "t7", "t8", "t22", "oocd", "positive", "assigned")
OOCD_PARTS = ("t2", "t3", "t6", "t7", "t8", "t22")
BASES = ("closed", "recorded")
SCOPES = ("all", "ex_fraud")
GROUPS = tuple(f"{b}_{s}_" for b in BASES for s in SCOPES)  # the column prefixes
COUNT_COLUMNS = tuple(g + m for g in GROUPS for m in MEASURES)
NATIONAL = "England and Wales"
BTP = "British Transport Police"
STAFFORDSHIRE = "Staffordshire"
TERRITORIAL = (
    "Avon and Somerset", "Bedfordshire", "Cambridgeshire", "Cheshire", "City of London",
    "Cleveland", "Cumbria", "Derbyshire", "Devon and Cornwall", "Dorset", "Durham",
    "Dyfed-Powys", "Essex", "Gloucestershire", "Greater Manchester", "Gwent", "Hampshire",
    "Hertfordshire", "Humberside", "Kent", "Lancashire", "Leicestershire", "Lincolnshire",
    "Merseyside", "Metropolitan Police", "Norfolk", "North Wales", "North Yorkshire",
    "Northamptonshire", "Northumbria", "Nottinghamshire", "South Wales", "South Yorkshire",
    "Staffordshire", "Suffolk", "Surrey", "Sussex", "Thames Valley", "Warwickshire",
    "West Mercia", "West Midlands", "West Yorkshire", "Wiltshire",
)  # fmt: skip
FORCES = (*TERRITORIAL, BTP)
# Quarterly cells only: the fraud rows of a cell may be negative corrections, so excluding fraud
# can give a larger quarterly total. validation-report.json states the largest such excess, 2.
FRAUD_CORRECTION_BOUND = 2

# file -> (its key columns, its count columns)
FILES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "national_year.csv": (("fy",), COUNT_COLUMNS),
    "national_quarter.csv": (("fy", "q"), COUNT_COLUMNS),
    "force_year.csv": (("force", "slug", "fy"), COUNT_COLUMNS),
    "staffordshire_quarter.csv": (("force", "slug", "fy", "q"), COUNT_COLUMNS),
    "denominators.csv": (("force", "slug", "fy"), ("recorded_crime",)),
}
_COUNT = re.compile(r"^-?[0-9]+$")
_FY = re.compile(r"^(20[0-9]{2})/([0-9]{2})$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_EDITION = re.compile(r"^20[0-9]{2}-[01][0-9]-[0-3][0-9]$")


def edition_subfolders(data_dir: Path) -> tuple[str, ...]:
    """Each edition's folder under data/ ("home-office-outcomes/editions/2026-08-26"), oldest
    first: a real folder, reached through no link."""
    root = data_dir / FOLDER / EDITIONS
    if root.is_symlink() or not root.is_dir():
        return ()
    return tuple(
        f"{FOLDER}/{EDITIONS}/{p.name}"
        for p in sorted(root.iterdir())
        if p.is_dir() and not p.is_symlink()
    )


def is_data_file(document: str | None) -> bool:
    """A source whose document is a data file (a CSV) must record that file's sha256."""
    return bool(document) and document.lower().endswith((".csv", ".json"))


def slug(force: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", force.lower()).strip("-")


def fy_ok(fy: str) -> bool:
    m = _FY.match(fy)
    return bool(m) and (int(m.group(1)) + 1) % 100 == int(m.group(2))


@dataclass
class SeriesRow:
    file: str  # "data/home-office-outcomes/editions/2026-08-26/force_year.csv"
    name: str  # "force_year.csv"
    line: int
    force: str  # NATIONAL for the national files
    fy: str
    q: int | None
    counts: dict[str, int]


@dataclass
class Series:
    """One edition: the files of one refresh, in their own folder named by its publication."""

    edition: str = ""  # its publication date, "2026-08-26": the folder's name
    folder: str = ""  # "data/home-office-outcomes/editions/2026-08-26"
    rows: dict[str, list[SeriesRow]] = field(default_factory=dict)  # by file name
    source_of: dict[str, str] = field(default_factory=dict)  # file name -> source_id
    passed: list[str] = field(default_factory=list)  # the checks passed, for the summary

    def years(self) -> list[str]:
        return sorted({r.fy for r in self.rows.get("national_year.csv", [])})


@dataclass
class Editions:
    """Every edition held, oldest first. A refresh adds one; none is ever overwritten."""

    editions: list[Series] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)


def _read(path: Path, name: str, display: str, problems: list[Problem]) -> list[SeriesRow]:
    keys, counts = FILES[name]
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append(Problem(display, None, None, f"is not UTF-8 ({e.reason})", "not-utf8"))
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out: list[SeriesRow] = []
    try:
        header = next(reader, [])
        expected = keys + counts
        if header != list(expected):
            missing = [c for c in expected if c not in header]
            extra = [c for c in header if c not in expected]
            problems.append(
                Problem(
                    display,
                    1,
                    (missing or extra or [None])[0],
                    f"the header is not the series' columns in order (missing {missing},"
                    f" unexpected {extra})",
                    "series-header",
                )
            )
            return []
        for record in reader:
            line = reader.line_num
            if len(record) != len(header):
                problems.append(
                    Problem(
                        display,
                        line,
                        None,
                        f"has {len(record)} fields, the header has {len(header)}",
                        "wrong-field-count",
                    )
                )
                continue
            cells = dict(zip(header, record))
            row = _row(cells, display, name, line, problems)
            if row is not None:
                out.append(row)
    except csv.Error as e:
        problems.append(
            Problem(display, reader.line_num + 1, None, f"malformed CSV ({e})", "malformed-csv")
        )
    return out


def _row(cells: dict, display: str, name: str, line: int, problems: list) -> SeriesRow | None:
    bad = len(problems)
    force = cells.get("force", NATIONAL)
    if "force" in cells and force not in FORCES:
        problems.append(
            Problem(display, line, "force", f"{force!r} is not one of the 44 forces", "series-key")
        )
    if "slug" in cells and cells["slug"] != slug(force):
        problems.append(
            Problem(
                display, line, "slug", f"{cells['slug']!r} is not {slug(force)!r}", "series-key"
            )
        )
    if not fy_ok(cells["fy"]):
        problems.append(
            Problem(
                display, line, "fy", f"{cells['fy']!r} is not a year like 2024/25", "series-key"
            )
        )
    q = cells.get("q")
    if q is not None and q not in ("1", "2", "3", "4"):
        problems.append(Problem(display, line, "q", f"{q!r} is not a quarter 1–4", "series-key"))
    counts = {}
    for col in FILES[name][1]:
        raw = cells[col]
        if not _COUNT.match(raw):
            problems.append(
                Problem(display, line, col, f"{raw!r} is not a whole count", "series-not-a-count")
            )
            continue
        counts[col] = int(raw)
    if len(problems) > bad:
        return None
    return SeriesRow(display, name, line, force, cells["fy"], int(q) if q else None, counts)


def check_checksums(data_dir: Path, sources: list, problems: list[Problem]) -> dict[str, str]:
    """Every source records its document's sha256 (a data file's or a kept text's), and the
    document matches it; a mismatch is named by its likely cause (digests.likely_cause).
    Returns document path -> source_id for the data files."""
    root = data_dir.resolve().parent
    kept = {f"{data_dir.name}/{f}" for f in ("documents", FOLDER, *edition_subfolders(data_dir))}
    source_of: dict[str, str] = {}
    recorded = {
        r.values["sha256"]: r
        for r in sources
        if r.values.get("sha256") and r.values.get("document")
    }
    for r in sources:
        v = r.values
        doc, digest = v.get("document"), v.get("sha256")
        if digest is not None and not _SHA.match(digest):
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "sha256",
                    f"{digest[:80]!r} is not a sha256 (64 lower-case hex digits)",
                    "not-a-checksum",
                )
            )
            continue
        if not doc:
            if digest is not None:
                problems.append(
                    Problem(r.file, r.line, "sha256", "a sha256 is recorded, but no document",
                            "checksum-not-allowed")
                )  # fmt: skip
            continue
        if digest is None:
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "sha256",
                    f"record the sha256 of {doc} (sha256sum {doc}): it proves the document is"
                    " the one read",
                    "checksum-required",
                )
            )
            continue
        try:
            path = root / doc
            if doc.rsplit("/", 1)[0] not in kept or path.is_symlink() or not path.is_file():
                continue  # not where documents are kept: reported by the document checks
            data = path.read_bytes()
        except (OSError, ValueError):
            continue  # an unreadable path: reported by the document checks
        if is_data_file(doc) and v.get("source_id"):
            source_of[doc] = v["source_id"]
        if content_hash(data) == digest:
            continue
        if not is_data_file(doc) and content_hash(data.replace(b"\r\n", b"\n")) == digest:
            continue  # a kept text re-saved with CRLF (a Windows checkout) reads the same
        row = f"{r.file} line {r.line}"
        others = {d: f"{o.file} line {o.line} ({o.values['document']})"
                  for d, o in recorded.items() if o is not r}  # fmt: skip
        cause, located = digests.likely_cause(path, data, digest, others)
        for line, column in located[:MAX_LOCATED]:
            problems.append(
                Problem(doc, line, column, f"changed since its sha256 was recorded in {row} (see"
                        " README, Refreshing the Home Office series)", "checksum-mismatch")
            )  # fmt: skip
        if not located:
            problems.append(
                Problem(doc, None, None, f"its sha256 differs from the one {row} records: {cause}",
                        "checksum-mismatch")
            )  # fmt: skip
    return source_of


def _edition_dates(data_dir: Path, sources: list, folders, problems: list[Problem]) -> None:
    """An edition's folder is named by its publication date, and every source row whose document
    is in it is published that day: the as-presented view reads an edition from that date."""
    for folder in folders:
        edition = folder.rsplit("/", 1)[-1]
        display = f"{data_dir.name}/{folder}"
        if not _EDITION.match(edition):
            problems.append(
                Problem(display, None, None, "an edition's folder is named YYYY-MM-DD, the day"
                        " it was published", "series-edition")
            )  # fmt: skip
            continue
        for r in sources:
            doc = r.values.get("document") or ""
            if _in_data(doc) == folder and str(r.values.get("published_on")) != edition:
                problems.append(
                    Problem(r.file, r.line, "published_on", f"{doc} is in edition {edition}:"
                            f" its source is published on {edition}", "series-edition")
                )  # fmt: skip


def load_series(data_dir: Path, sources: list, problems: list[Problem]) -> Editions:
    """Every edition in data/home-office-outcomes/editions/, each read and checked alone."""
    source_of = check_checksums(data_dir, sources, problems)
    folders = edition_subfolders(data_dir)
    if not folders:
        problems.append(
            Problem(f"{data_dir.name}/{FOLDER}/{EDITIONS}", None, None, "holds no edition of the"
                    " series (a folder named by its publication date)", "series-missing")
        )  # fmt: skip
    _edition_dates(data_dir, sources, folders, problems)
    out = Editions()
    for folder in folders:
        display = f"{data_dir.name}/{folder}"
        series = _load_edition(data_dir, folder, sources, problems)
        series.edition, series.folder = folder.rsplit("/", 1)[-1], display
        series.source_of = {
            Path(doc).name: sid for doc, sid in source_of.items() if _in_data(doc) == folder
        }
        out.editions.append(series)
    return out


def _in_data(doc: str, parent: bool = True) -> str:
    """A document's folder (or path) under data/: "data/x/y.csv" -> "x" ("x/y.csv")."""
    rel = doc.split("/", 1)[-1]
    return rel.rsplit("/", 1)[0] if parent else rel


def _load_edition(data_dir: Path, folder: str, sources: list, problems: list[Problem]) -> Series:
    series = Series()
    documented = {_in_data(r.values.get("document") or "", False) for r in sources}
    for name in FILES:
        path = data_dir / folder / name
        display = f"{data_dir.name}/{folder}/{name}"
        if path.is_symlink() or not path.is_file():
            problems.append(
                Problem(display, None, None, "is missing or not a regular file", "series-missing")
            )
            continue
        if f"{folder}/{name}" not in documented:
            problems.append(
                Problem(
                    display,
                    None,
                    None,
                    "no source row in data/sources names this file as its document",
                    "series-without-source",
                )
            )
        series.rows[name] = _read(path, name, display, problems)
    return series
