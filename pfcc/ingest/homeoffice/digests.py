"""Where a checksummed data file changed. The sha256 in the file's source row guards the file;
this list, a short digest of every line and of every column, only *locates* a change, so that a
digit altered anywhere is reported with its line and column, not just its file. It is written
when the files are refreshed:

    python -m pfcc.ingest.homeoffice.digests 2027-02-25
        write data/home-office-outcomes/editions/2027-02-25/digests.json (the newest edition's
        when no date is given)

A stale or missing list never lets a change through: the sha256 still refuses the file.

Kept, though git also locates a changed line, because the build runs where there is no git (the
Docker image, an analyst's copied folder) and must still say where a file changed. Line and
column digests also tell apart the likely causes of a mismatch (line endings changed, rows
swapped, one cell edited, the file replaced), which a single checksum cannot."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from pfcc.hashing import LINE, content_hash
from pfcc.paths import DATA_DIR

FOLDER = "home-office-outcomes"
EDITIONS = "editions"
LIST = "digests.json"


def _short(data: bytes) -> str:
    return content_hash(data, length=LINE)  # plenty to tell lines apart; sha256 is the guard


def digests(path: Path) -> dict:
    """A digest per line (1-based, header included) and per column (by header name)."""
    raw = path.read_bytes()
    lines = raw.split(b"\n")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8", "replace"), newline="")))
    header = rows[0] if rows else []
    columns = {
        name: _short("\x1f".join(r[j] if j < len(r) else "" for r in rows[1:]).encode())
        for j, name in enumerate(header)
    }
    return {"lines": [_short(line) for line in lines], "columns": columns}


def locate(path: Path, recorded: dict | None) -> list[tuple[int, str | None]]:
    """The (line, column) of each changed cell, as far as the recorded list can tell; empty
    when it cannot (no list, or lines added or removed)."""
    if not recorded:
        return []
    now = digests(path)
    if len(now["lines"]) != len(recorded["lines"]):
        return []
    lines = [i for i, (a, b) in enumerate(zip(now["lines"], recorded["lines"]), 1) if a != b]
    columns = [c for c, d in now["columns"].items() if recorded["columns"].get(c) != d]
    column = columns[0] if len(columns) == 1 else (", ".join(columns) or None)
    return [(line, column) for line in lines]


def likely_cause(
    path: Path, data: bytes, digest: str, others: dict[str, str]
) -> tuple[str, list[tuple[int, str | None]]]:
    """Why `data` (the bytes of `path`) no longer has the sha256 `digest`: the likely cause in
    words, or, where a few cells changed, the (line, column) of each. `others`: the sha256
    other source rows record -> those rows, to tell swapped checksums or files."""
    crlf = data.replace(b"\r\n", b"\n")
    if content_hash(crlf) == digest:
        return (
            "the line endings changed (LF to CRLF, as an editor or a Windows copy re-saves"
            " them): copy the file byte for byte from its source"
        ), []
    if content_hash(crlf.replace(b"\n", b"\r\n")) == digest:
        return (
            "the line endings changed (CRLF to LF, as an editor or git re-saves them): copy the"
            " file byte for byte from its source"
        ), []
    actual = content_hash(data)
    if actual in others:
        return (
            f"its sha256 is the one {others[actual]} records: the two rows' sha256 (or the two"
            " files) are swapped; put each file's sha256 in the row that names it"
        ), []
    recorded = recorded_list(path.parent).get(path.name)
    located = locate(path, recorded)
    if recorded and located and len(located) <= len(recorded["lines"]) // 2:
        return "", located
    if recorded and len(digests(path)["lines"]) != len(recorded["lines"]):
        how = "lines were added or removed, or the file was replaced"
    elif recorded:
        how = f"{len(located)} of its {len(recorded['lines'])} lines differ: the file was replaced"
    else:
        how = "the file changed since its sha256 was recorded"
    return (
        f"its sha256 is {actual}, but the row records {digest}: {how} (copy the file the row"
        " names byte for byte; where it was meant to change, record its new sha256)"
    ), []


def recorded_list(folder: Path) -> dict:
    try:
        return json.loads((folder / LIST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    editions = DATA_DIR / FOLDER / EDITIONS
    folder = editions / args[0] if args else max(p for p in editions.iterdir() if p.is_dir())
    out = {p.name: digests(p) for p in sorted(folder.glob("*.csv"))}
    (folder / LIST).write_text(json.dumps(out, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {folder / LIST}: {len(out)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
