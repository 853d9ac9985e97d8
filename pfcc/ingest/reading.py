"""Reading the data files: each CSV cell parsed by its column's type, each document's kept text
(from where documents are kept, nowhere else); every problem collected, never raised, so one run
reports them all."""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pfcc.ingest import schema
from pfcc.ingest.homeoffice import series
from pfcc.ingest.problems import Problem
from pfcc.ingest.textcheck import fold

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/:-]*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # ASCII digits only
_NUMBER_TEXT = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
csv.field_size_limit(1 << 20)  # a quote is a passage, not a book: larger cells are an error


@dataclass
class Row:
    table: schema.Table
    file: str
    line: int
    values: dict  # parsed: str | date | float | None


def _parse(col: schema.Column, raw: str, where: tuple[str, int], problems: list[Problem]):
    file, line = where
    if _CONTROL.search(raw):
        problems.append(
            Problem(
                file, line, col.name, "contains an invisible control character", "control-character"
            )
        )
        return None
    if (col.type == "id" or col.choices) and _INVISIBLE.search(raw):
        problems.append(
            Problem(
                file,
                line,
                col.name,
                "contains an invisible character (zero-width or direction mark)",
                "invisible-character",
            )
        )
        return None
    text = raw.strip()
    if text == "":
        if col.required:
            problems.append(
                Problem(file, line, col.name, "is empty but required", "empty-required")
            )
        return None
    if col.type == "id":
        if not _ID.match(text):
            problems.append(
                Problem(
                    file,
                    line,
                    col.name,
                    f"{text!r} is not an id (letters, digits and . _ / : - only)",
                    "not-an-id",
                )
            )
        return text
    if col.type == "date":
        if not _DATE.match(text):
            problems.append(
                Problem(file, line, col.name, f"{text!r} is not a date (YYYY-MM-DD)", "not-a-date")
            )
            return None
        try:
            d = date.fromisoformat(text)
        except ValueError:
            problems.append(
                Problem(file, line, col.name, f"{text!r} is not a real date", "not-a-real-date")
            )
            return None
        if not schema.EARLIEST <= d <= schema.LATEST:
            problems.append(
                Problem(
                    file,
                    line,
                    col.name,
                    f"{d} lies outside {schema.EARLIEST.year}–{schema.LATEST.year}",
                    "date-out-of-range",
                )
            )
        return d
    if col.type == "double":
        try:
            if not _NUMBER_TEXT.match(text):
                raise ValueError(text)
            n = float(text)
        except ValueError:
            problems.append(
                Problem(
                    file,
                    line,
                    col.name,
                    f"{text!r} is not a number (write 6700 or 6700.5: no commas, units or symbols)",
                    "not-a-number",
                )
            )
            return None
        if not math.isfinite(n):
            problems.append(
                Problem(file, line, col.name, f"{text!r} is not a finite number", "not-finite")
            )
            return None
        return n
    if col.choices and col.is_list:
        items = raw.split(schema.LIST_SEPARATOR)
        for item in items:
            if item not in col.choices:
                problems.append(
                    Problem(
                        file,
                        line,
                        col.name,
                        f"{item!r} is not one of: {', '.join(col.choices)}"
                        f" (separate several with {schema.LIST_SEPARATOR!r})",
                        "not-in-vocabulary",
                    )
                )
        for item, n in Counter(items).items():
            if n > 1 and item in col.choices:
                problems.append(
                    Problem(file, line, col.name, f"{item!r} is listed twice", "repeated-choice")
                )
    elif col.choices and raw not in col.choices:
        problems.append(
            Problem(
                file,
                line,
                col.name,
                f"{raw!r} is not one of: {', '.join(col.choices)}",
                "not-in-vocabulary",
            )
        )
    return raw


def read_table_file(
    path: Path, table: schema.Table, display: str, problems: list[Problem]
) -> list[Row] | None:
    """The file's rows, or None when the file as a whole cannot be read (encoding, header)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problems.append(
            Problem(
                display,
                line,
                None,
                f"the file is not UTF-8 (byte 0x{data[e.start]:02x}); save it as UTF-8 CSV",
                "not-utf8",
            )
        )
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            problems.append(
                Problem(display, 1, None, "the file is empty: it needs a header row", "empty-file")
            )
            return None
        header = [h.strip().lstrip("\ufeff") for h in header]
        expected = table.column_names
        for name in expected:
            if name not in header and not table.column(name).optional:
                problems.append(
                    Problem(
                        display, 1, name, f"missing column (table {table.name})", "missing-column"
                    )
                )
        for name in header:
            if name not in expected:
                problems.append(
                    Problem(
                        display,
                        1,
                        name,
                        f"unknown column for table {table.name} (expected: {', '.join(expected)})",
                        "unknown-column",
                    )
                )
        for name, n in Counter(header).items():
            if n > 1:
                problems.append(
                    Problem(display, 1, name, "column appears more than once", "duplicate-column")
                )
        if any(p.file == display and p.line == 1 for p in problems):
            return None
        last_line = reader.line_num
        for record in reader:
            line = last_line + 1
            last_line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # blank lines, as spreadsheets leave at the end
            if len(record) != len(header):
                problems.append(
                    Problem(
                        display,
                        line,
                        None,
                        f"has {len(record)} fields, the header has {len(header)}"
                        " (a truncated row, or an unquoted comma)",
                        "wrong-field-count",
                    )
                )
                continue
            values = {n: None for n in expected if n not in header}  # optional, left out
            for name, raw in zip(header, record):
                values[name] = _parse(table.column(name), raw, (display, line), problems)
            rows.append(Row(table, display, line, values))
    except csv.Error as e:
        too_long = "field larger" in str(e)
        rule = (
            "a cell is longer than 1,048,576 characters"
            if too_long
            else f"the CSV is malformed or truncated ({e})"
        )
        problems.append(
            Problem(
                display,
                reader.line_num + 1,
                None,
                rule,
                "cell-too-long" if too_long else "malformed-csv",
            )
        )
    return rows


DOCUMENT_FOLDERS = ("documents", series.FOLDER)  # in data/: the kept texts, the statistics


def document_folders(data_dir: Path) -> tuple[str, ...]:
    """Where documents are kept, as a source's `document` writes it (from the repository root)."""
    folders = DOCUMENT_FOLDERS + series.edition_subfolders(data_dir)
    return tuple(f"{data_dir.resolve().name}/{f}" for f in folders)


class Documents:
    """Source documents, folded once, looked up by source_id. A document is read only where
    documents are kept: a file directly in one of `folders` (e.g. `data/documents`, written from
    `root`), reached through no link, so no other file of the repository (.git/config, a
    secret) can be read into the published `documents` table."""

    def __init__(self, root: Path, folders: tuple[str, ...]):
        self.root = root
        self.folders = folders
        self.texts: dict[str, str] = {}  # path -> raw text
        self.folded: dict[str, str] = {}

    def refused(self, rel: str) -> str | None:
        """Why `rel` is not where documents are kept, judged on the text alone; else None."""
        parts = rel.split("/")
        if rel.startswith("/"):
            why = "is an absolute path (write it from the repository root)"
        elif ".." in parts:
            why = "climbs out of its folder with '..'"
        elif any(p.startswith(".") for p in parts):
            why = "names a hidden file or folder (a part starting with a dot)"
        elif "/".join(parts[:-1]) not in self.folders or not parts[-1]:
            why = "is outside the document folders"
        else:
            return None
        kept = " or ".join(f"{f}/" for f in self.folders)
        return f"{why}: a document is a file directly in {kept}, where documents are kept"

    def linked(self, rel: str) -> bool:
        """Whether `rel`, or a folder on its way, is a symbolic link."""
        path = self.root
        for part in rel.split("/"):
            path = path / part
            if path.is_symlink():
                return True
        return (self.root / rel).resolve().parent != (self.root / rel).parent.resolve()

    def load(self, rel: str) -> tuple[str, str] | None:
        """None when the document is loaded; otherwise why it cannot be, and the code."""
        if rel in self.texts:
            return None
        why = self.refused(rel)
        if why:
            return why, "document-outside-folders"
        try:
            if self.linked(rel):
                return (
                    "is a symbolic link, or lies in a linked folder: keep the document itself in"
                    f" {rel.rsplit('/', 1)[0]}/",
                    "document-is-a-link",
                )
            path = self.root / rel
            if not path.is_file():
                return "does not exist (or is not a file)", "document-not-found"
            raw = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            return "is not UTF-8 text (save the document as UTF-8)", "document-not-utf8"
        except (OSError, ValueError):
            return "is not a readable file path", "document-unreadable"
        self.texts[rel] = raw
        self.folded[rel] = fold(raw)
        return None
