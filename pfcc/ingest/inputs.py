"""The inputs as a whole: which files they are, their version (a content hash of them all, and
one per source) and when they last changed."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from pfcc.hashing import DATA_VERSION, SOURCE_VERSION, content_hash
from pfcc.ingest import schema
from pfcc.ingest.homeoffice import series
from pfcc.ingest.reading import DOCUMENT_FOLDERS, Documents, Row


def input_files(data_dir: Path) -> list[Path]:
    files = [p for t in schema.TABLES for p in t.files(data_dir)]
    for folder in DOCUMENT_FOLDERS + series.edition_subfolders(data_dir):
        files += sorted((data_dir / folder).glob("*"))
    return [p for p in files if p.is_file() and not p.is_symlink()]


def data_version(data_dir: Path) -> str:
    """A content hash of every input: the same data gives the same version, wherever built."""
    return content_hash(
        *(
            p.relative_to(data_dir).as_posix().encode() + b"\0" + p.read_bytes() + b"\0"
            for p in input_files(data_dir)
        ),
        length=DATA_VERSION,
    )


def source_versions(tables: dict[str, list[Row]], docs: Documents) -> dict[str, str]:
    """A content hash per source: its row, every fact citing it, and its document's text. A
    slide's data version is built from these, so a link says which data it showed."""
    parts: dict[str, list[str]] = {}
    for name, rows in tables.items():
        if "source_id" not in schema.BY_NAME[name].column_names:
            continue  # the metric vocabulary belongs to no source
        for r in rows:
            v = r.values
            sid = v.get("source_id")
            line = name + "|" + "|".join(f"{k}={v.get(k)}" for k in sorted(v))
            parts.setdefault(sid, []).append(line)
            if name == "sources" and v.get("document"):
                parts[sid].append("doc|" + content_hash(docs.texts[v["document"]]))
    return {
        sid: content_hash("\n".join(sorted(lines)), length=SOURCE_VERSION)
        for sid, lines in parts.items()
    }


DATE_VARIABLE = "PFCC_DATA_CHANGED_AT"


class DataDateError(ValueError):
    """PFCC_DATA_CHANGED_AT is set but is not a date and time."""


def _naive_utc(when: datetime) -> datetime:
    return when if when.tzinfo is None else when.astimezone(UTC).replace(tzinfo=None)


def data_changed_at(data_dir: Path) -> tuple[datetime, str]:
    """When the data last changed (UTC), and how that is known: PFCC_DATA_CHANGED_AT where the
    builder is told (the Docker image is built without .git: deploy/README.md), else the last
    commit touching the inputs in a clean git checkout, else the newest input file's time."""
    import subprocess

    given = os.environ.get(DATE_VARIABLE, "").strip()
    if given:
        try:
            return _naive_utc(datetime.fromisoformat(given)), f"from {DATE_VARIABLE}"
        except ValueError:
            raise DataDateError(
                f"{DATE_VARIABLE}={given[:60]!r} is not a date and time such as"
                " 2026-11-23T16:57:10+00:00 (git log -1 --format=%cI -- data)"
            ) from None
    try:
        inputs = [t.folder for t in schema.TABLES] + list(DOCUMENT_FOLDERS)
        out, dirty = (
            subprocess.run(
                ["git", *args, "--", *inputs],
                cwd=data_dir,
                capture_output=True,
                text=True,
                timeout=10,
            ).stdout.strip()
            for args in (["log", "-1", "--format=%cI"], ["status", "--porcelain"])
        )
        if out and not dirty:
            return _naive_utc(datetime.fromisoformat(out)), "from the last git commit to data/"
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    newest = max(p.stat().st_mtime for p in input_files(data_dir))
    when = datetime.fromtimestamp(newest, UTC).replace(tzinfo=None)
    return when, "from the newest input file's time (no git history, or uncommitted changes)"
