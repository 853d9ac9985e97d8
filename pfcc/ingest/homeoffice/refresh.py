"""Add an edition of the Home Office outcomes series in one command, then say what changed.

    python -m pfcc.ingest.homeoffice.refresh FROM [--date YYYY-MM-DD] [--origin TEXT]
                                                  [--data DIR] [--out FILE] [--check]
    make refresh-outcomes FROM=folder [DATE=YYYY-MM-DD] [ORIGIN="SGilr/oocd-dashboard at 1a2b3c4"]

FROM holds the new files as downloaded: national_year.csv, national_quarter.csv, force_year.csv,
force_quarter.csv, denominators.csv, validation-report.json, and, where the repository has them,
manifest.json, METHODOLOGY.md, reconciliation.yml and DATA-LICENCE.md. The refresh makes
editions/<date>/ (the date manifest.json was generated, or --date), copies the files byte for
byte, derives staffordshire_quarter.csv from force_quarter.csv, writes SOURCE.md and
digests.json, appends the new source rows and builds the database, every check included. A
failed build takes the new folder and rows away again. --check does all of it on a temporary
copy of the data folder and changes nothing."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from pfcc.hashing import content_hash
from pfcc.ingest import build
from pfcc.ingest.homeoffice import digests
from pfcc.ingest.homeoffice.series import MEASURES, NATIONAL, STAFFORDSHIRE
from pfcc.ingest.problems import BuildError
from pfcc.paths import DATA_DIR, DB_PATH

COPIED = ("national_year.csv", "national_quarter.csv", "force_year.csv", "denominators.csv",
          "validation-report.json")  # fmt: skip
WHOLE = "force_quarter.csv"  # only its Staffordshire lines are kept
DERIVED = "staffordshire_quarter.csv"
OPTIONAL = ("manifest.json", "METHODOLOGY.md", "reconciliation.yml", "DATA-LICENCE.md")
SOURCES = Path("sources/statistical-tables.csv")
# What the summary calls a revision: a count moved by more than 1% (any move from zero), or a
# rate by more than half a percentage point.
COUNT_PCT, RATE_POINTS = 1.0, 0.5
THRESHOLD = (
    f"a Staffordshire or England and Wales count changed by more than {COUNT_PCT:g}%,"
    f" or a rate by more than {RATE_POINTS:g} percentage points"
)
MAX_LISTED = 25
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_LISTED = re.compile(r"-([0-3][0-9])([01][0-9])([0-9]{2})\.[a-z]+$")  # "...-tables-230726.xlsx"
_YEARS = re.compile(r"20[0-9]{2}/[0-9]{2} to 20[0-9]{2}/[0-9]{2}")
_EDITION_ID = re.compile(r"-20[0-9]{2}-[0-9]{2}-[0-9]{2}$")


class Refused(Exception):
    """A refresh that must not go ahead; the message says why and what to do."""


def staffordshire_lines(whole: bytes) -> bytes:
    """The header line plus every line whose first field is exactly "Staffordshire", in order,
    each with its own line ending (SOURCE.md of the first edition describes it so)."""
    lines = whole.splitlines(keepends=True)
    if not lines or _first_field(lines[0]) != "force":
        raise Refused(f"{WHOLE}: its first column is not 'force'")
    kept = [line for line in lines[1:] if _first_field(line) == STAFFORDSHIRE]
    if not kept:
        raise Refused(f"{WHOLE}: no line has {STAFFORDSHIRE} as its first field")
    return lines[0] + b"".join(kept)


def _first_field(line: bytes) -> str:
    return next(csv.reader([line.decode("utf-8", "replace").rstrip("\r\n")]), [""])[0]


def words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _manifest(src: Path) -> dict:
    path = src / "manifest.json"
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise Refused(f"{path}: not readable JSON ({e})") from None


def _generated(manifest: dict) -> date | None:
    try:
        return datetime.fromisoformat(manifest["generated_at"]).date()
    except (KeyError, TypeError, ValueError):
        return None


def _listed(manifest: dict) -> date | None:
    """The Home Office list's date: the newest DDMMYY its file names end with."""
    days = []
    for f in manifest.get("files", []):
        m = _LISTED.search(str(f.get("filename", "")))
        if m:
            try:
                days.append(date(2000 + int(m.group(3)), int(m.group(2)), int(m.group(1))))
            except ValueError:
                pass
    return max(days, default=None)


def published_on(src: Path, given: str | None) -> tuple[date, dict]:
    manifest = _manifest(src)
    generated = _generated(manifest)
    if given is not None:
        if not _DATE.match(given):
            raise Refused(f"--date {given!r} is not a date written YYYY-MM-DD")
        try:
            day = date.fromisoformat(given)
        except ValueError:
            raise Refused(f"--date {given!r} is not a date in the calendar") from None
        if generated and generated != day:
            raise Refused(
                f"--date {given} differs from manifest.json's generated_at ({generated}):"
                " leave DATE out, or copy the manifest that belongs to these files"
            )
        return day, manifest
    if generated is None:
        raise Refused(
            f"{src} has no manifest.json with a generated_at date: give the publication date,"
            " DATE=YYYY-MM-DD"
        )
    return generated, manifest


def _editions(data_dir: Path) -> Path:
    return data_dir / digests.FOLDER / digests.EDITIONS


def previous_edition(data_dir: Path, day: date) -> str:
    root = _editions(data_dir)
    if (root / day.isoformat()).exists():
        raise Refused(
            f"{root / day.isoformat()} already exists: an edition is never rewritten. If these"
            " files are a correction, they are a new edition with their own date"
        )
    held = sorted(p.name for p in root.iterdir() if p.is_dir() and _DATE.match(p.name))
    if not held:
        raise Refused(f"{root} holds no edition to refresh")
    if held[-1] > day.isoformat():
        raise Refused(f"{day} is before the newest edition held, {held[-1]}: editions only move on")
    return held[-1]


def copy_files(src: Path, folder: Path) -> dict[str, str]:
    """Byte for byte (never read as text, so no line ending changes). Returns name -> origin."""
    missing = [n for n in (*COPIED, WHOLE) if not (src / n).is_file()]
    if missing:
        raise Refused(f"{src} lacks {', '.join(missing)}: copy every file of the new tables")
    derived = staffordshire_lines((src / WHOLE).read_bytes())
    folder.mkdir(parents=True)
    origin = {}
    for name in (*COPIED, *OPTIONAL):
        if (src / name).is_file():
            (folder / name).write_bytes((src / name).read_bytes())
            origin[name] = name
    (folder / DERIVED).write_bytes(derived)
    rows = derived.count(b"\n") - 1
    origin[DERIVED] = (
        f"{WHOLE}: its header and the {rows} lines whose first field is exactly"
        f' "{STAFFORDSHIRE}", in order, endings kept'
    )
    return origin


def write_digests(folder: Path) -> None:
    # as `python -m pfcc.ingest.homeoffice.digests <date>` writes them, for any data folder
    out = {p.name: digests.digests(p) for p in sorted(folder.glob("*.csv"))}
    (folder / digests.LIST).write_text(
        json.dumps(out, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )


def write_source_md(folder: Path, day: date, origin: dict[str, str], where: str) -> None:
    data = {n: (folder / n).read_bytes() for n in sorted(origin)}
    table = [f"| {n} | {origin[n]} | {len(b)} |" for n, b in data.items()]
    sums = [f"{content_hash(b)}  {n}" for n, b in data.items()]
    endings = ", ".join(n + (" CRLF" if b"\r\n" in b else " LF") for n, b in data.items())
    text = f"""# Source of these files

This folder is the edition of the series published on {words(day)}, added on {date.today()} by
`make refresh-outcomes` (pfcc/ingest/homeoffice/refresh.py); ../../README.md says how editions
are kept and added. The files came from {where}. Each copy is byte for byte, nothing
reformatted; {DERIVED} is derived as its row says.

| Copy here | From | Bytes |
| --- | --- | --- |
{chr(10).join(table)}

The figures derive from the Home Office police recorded crime and outcomes open data tables,
Crown copyright, reused under the Open Government Licence v3.0 (DATA-LICENCE.md where copied;
the first edition's SOURCE.md gives the attribution in full).

## Line endings

{endings}.

## SHA256 of the copies

```
{chr(10).join(sums)}
```
"""
    (folder / "SOURCE.md").write_text(text, encoding="utf-8")


def _years(path: Path) -> str | None:
    if path.suffix != ".csv":
        return None
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))
    fys = sorted({r["fy"] for r in rows if r.get("fy")})
    return f"{fys[0]} to {fys[-1]}" if fys else None


def add_source_rows(data_dir: Path, previous: str, day: date, manifest: dict) -> list[str]:
    """One row per data file, worded as the previous edition's row with the new date, years and
    checksum; the earlier rows are left byte for byte."""
    path = data_dir / SOURCES
    raw = path.read_bytes()
    ending = "\r\n" if b"\r\n" in raw.split(b"\n", 1)[0] + b"\n" else "\n"
    header, *rows = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    generated, listed = _generated(manifest), _listed(manifest)
    label = f"derived tables published {words(day)} (the date given to make refresh-outcomes)"
    if generated:
        label = f"derived tables generated {words(generated)} (manifest.json)"
        label += " from the Home Office open data tables"
        label += f" as listed on {words(listed)}" if listed else ""
    folder = _editions(data_dir) / day.isoformat()
    added, ids = [], []
    for r in rows:
        v = dict(zip(header, r))
        if f"/{previous}/" not in v.get("document", ""):
            continue
        name = v["document"].rsplit("/", 1)[-1]
        v["source_id"] = _EDITION_ID.sub("", v["source_id"]) + f"-{day.isoformat()}"
        v["published_on"] = day.isoformat()
        v["published_label"] = label
        v["document"] = v["document"].replace(f"/{previous}/", f"/{day.isoformat()}/")
        v["sha256"] = content_hash((folder / name).read_bytes())
        years = _years(folder / name)
        if years:
            v["title"] = _YEARS.sub(years, v["title"])
        added.append([v.get(c, "") for c in header])
        ids.append(v["source_id"])
    buf = io.StringIO()
    csv.writer(buf, lineterminator=ending).writerows(added)
    tail = b"" if raw.endswith(b"\n") else ending.encode()
    path.write_bytes(raw + tail + buf.getvalue().encode("utf-8"))
    return ids


def refresh(src: Path, given: str | None, where: str, data_dir: Path, out: Path) -> str:
    """Add the edition and build; on any failure take it away again. Returns the summary."""
    if not src.is_dir():
        raise Refused(f"{src} is not a folder: FROM names the folder holding the new files")
    day, manifest = published_on(src, given)
    previous = previous_edition(data_dir, day)
    folder = _editions(data_dir) / day.isoformat()
    sources_before = (data_dir / SOURCES).read_bytes()
    try:
        origin = copy_files(src, folder)
        write_source_md(folder, day, origin, where)
        write_digests(folder)
        ids = add_source_rows(data_dir, previous, day, manifest)
        summary = build.build(data_dir, out)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        (data_dir / SOURCES).write_bytes(sources_before)
        raise
    done = [str(summary), "", f"added edition {day} in {folder}", f"source rows: {', '.join(ids)}"]
    return "\n".join(done + changes(out, previous, day.isoformat()))


_COUNTS = """SELECT force, financial_year, basis || ' ' || scope, {m} FROM ho_outcome_counts
WHERE edition = ? AND quarter IS NULL AND force IN (?, ?)"""
_CRIME = """SELECT force, financial_year, recorded_crime FROM recorded_crime
WHERE edition = ? AND force IN (?, ?)"""
_RATES = """SELECT force, financial_year, basis, charge_rate, positive_rate FROM outcome_rates
WHERE edition = ? AND force IN (?, ?)"""
_PLACE = """SELECT financial_year, charge_rate, rank_charge_rate,
  (SELECT count(rank_charge_rate) FROM outcome_rates o WHERE o.edition = r.edition
   AND o.basis = r.basis AND o.financial_year = r.financial_year)
FROM outcome_rates r WHERE edition = ? AND force = ? AND basis = 'recorded' AND NOT provisional
  AND financial_year = coalesce(?, financial_year)
ORDER BY financial_year DESC LIMIT 1"""


def _figures(con, edition: str) -> dict[tuple, float]:
    who = (STAFFORDSHIRE, NATIONAL)
    out: dict[tuple, float] = {}
    for m in MEASURES:
        for force, fy, group, v in con.execute(_COUNTS.format(m=m), [edition, *who]).fetchall():
            out[(force, fy, f"{m} ({group})")] = v
    for force, fy, v in con.execute(_CRIME, [edition, *who]).fetchall():
        out[(force, fy, "recorded crime")] = v
    for force, fy, basis, charge, positive in con.execute(_RATES, [edition, *who]).fetchall():
        out[(force, fy, f"charge rate ({basis})")] = charge
        out[(force, fy, f"positive outcome rate ({basis})")] = positive
    return out


def _revised(key: tuple, old: float | None, new: float | None) -> str | None:
    if old is None or new is None:
        return None
    force, fy, what = key
    if "rate" in what:
        if abs(new - old) <= RATE_POINTS:
            return None
        return f"{force} {fy} {what}: {old:.1f}% -> {new:.1f}% ({new - old:+.1f} points)"
    if old == new or (old and abs(new - old) / abs(old) * 100 <= COUNT_PCT):
        return None
    pct = f" ({(new - old) / abs(old) * 100:+.1f}%)" if old else ""
    return f"{force} {fy} {what}: {old:,.0f} -> {new:,.0f}{pct}"


def _place(con, edition: str, fy: str | None = None) -> tuple[str | None, str]:
    """Staffordshire's charge rate and rank in one edition: its latest complete year, or fy."""
    row = con.execute(_PLACE, [edition, STAFFORDSHIRE, fy]).fetchone()
    if row is None or row[1] is None:
        return None, "no complete year with a charge rate"
    fy, rate, rank, ranked = row
    where = f"ranked {rank} of {ranked} forces" if rank else "not ranked (flagged)"
    return fy, f"{fy}, charge rate {rate:.1f}%, {where}"


def changes(db: Path, previous: str, new: str) -> list[str]:
    """What the new edition changes against the one before it, read from the built database."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        old_f, new_f = _figures(con, previous), _figures(con, new)
        years = [{k[1] for k in f if k[0] == NATIONAL} for f in (old_f, new_f)]
        lines = [f"What changed against edition {previous}:"]
        lines.append(f"  years added: {', '.join(sorted(years[1] - years[0])) or 'none'}")
        lines.append(f"  years dropped: {', '.join(sorted(years[0] - years[1])) or 'none'}")
        revised = [r for k in sorted(old_f) if (r := _revised(k, old_f[k], new_f.get(k)))]
        lines.append(f"  figures revised ({THRESHOLD}): {len(revised) or 'none'}")
        lines += [f"    {r}" for r in revised[:MAX_LISTED]]
        if len(revised) > MAX_LISTED:
            lines.append(f"    and {len(revised) - MAX_LISTED} more")
        lines.append(f"  {STAFFORDSHIRE}'s charge rate and rank (latest complete year, recorded):")
        was, before = _place(con, previous)
        now, after = _place(con, new)
        lines += [
            f"    before: edition {previous}: {before}",
            f"    after:  edition {new}: {after}",
        ]
        if now and now != was:  # the headline year moved: the same year before, like with like
            lines.append(
                f"    before, same year: edition {previous}: {_place(con, previous, now)[1]}"
            )
    finally:
        con.close()
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path, metavar="FROM", help="the folder holding the new files")
    ap.add_argument("--date", help="the publication date, YYYY-MM-DD (else manifest.json's)")
    ap.add_argument("--origin", help="where the files came from, e.g. a repository and commit")
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder")
    ap.add_argument("--out", type=Path, help="the database to write (default: the data's own)")
    ap.add_argument("--check", action="store_true", help="try it on a copy; change nothing")
    args = ap.parse_args(argv)
    where = args.origin or f"the folder {args.src}"
    out = args.out or (DB_PATH if args.data == DATA_DIR else args.data / DB_PATH.name)
    try:
        if not args.check:
            print(refresh(args.src, args.date, where, args.data, out))
            return 0
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / args.data.name
            shutil.copytree(args.data, copy, ignore=shutil.ignore_patterns("*.duckdb*"))
            print(refresh(args.src, args.date, where, copy, Path(tmp) / "check.duckdb"))
            print("--check: nothing was changed; run again without --check to add the edition")
        return 0
    except Refused as e:
        print(f"refused: {e}", file=sys.stderr)
    except BuildError as e:
        print(f"{e}\nthe build failed, so the new edition was taken away again", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
