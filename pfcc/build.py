"""Build data/staffordshire.duckdb from the CSV files under data/, proving every quote against its
document and every figure against its quote.

    python -m pfcc.build            build (to a temporary file, then rename) and print a summary
    python -m pfcc.build --check    validate only
    python -m pfcc.build --data DIR --out FILE

Any problem stops the build with `file, line N, column C: rule` and leaves the existing database
exactly as it was. Every problem also carries a stable `code` (one of CODES) that tests and the
fuzzer match on, so the wording of a rule can change without breaking them."""
from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import io
import math
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from pfcc import schema
from pfcc.paths import DATA_DIR, DB_PATH
from pfcc.textcheck import fold, states_date, states_grade, states_number, written_number

MAX_REPORTED = 50
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/:-]*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # ASCII digits only
_NUMBER_TEXT = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
csv.field_size_limit(1 << 20)  # a quote is a passage, not a book: larger cells are an error


# One stable code per rule the build enforces, with the rule in a few words.
CODES: dict[str, str] = {
    # reading a file
    "no-files": "a table has no CSV file",
    "not-a-regular-file": "a CSV path is a folder or a link",
    "not-utf8": "a CSV file is not UTF-8",
    "empty-file": "a CSV file has no header row",
    "missing-column": "the header lacks one of the table's columns",
    "unknown-column": "the header names a column the table does not have",
    "duplicate-column": "the header names a column twice",
    "wrong-field-count": "a row has more or fewer fields than the header",
    "malformed-csv": "the CSV is malformed or truncated",
    "cell-too-long": "a cell is longer than 1,048,576 characters",
    # one cell
    "control-character": "a cell holds a control character",
    "invisible-character": "an id or vocabulary cell holds a zero-width or direction mark",
    "empty-required": "a required cell is empty",
    "not-an-id": "an id holds characters other than letters, digits and . _ / : -",
    "not-a-date": "a date is not written YYYY-MM-DD",
    "not-a-real-date": "a date does not exist",
    "date-out-of-range": "a date lies outside 2014–2026",
    "not-a-number": "a number is not written in plain ASCII digits",
    "not-finite": "a number is infinite",
    "not-in-vocabulary": "a cell is not one of its column's words",
    "repeated-choice": "a list cell names the same word twice",
    # keys and references
    "duplicate-key": "a key appears twice in a table",
    "unknown-source": "a source_id is not in data/sources",
    "wrong-file-for-source": "a row is not in the file named by its source_id",
    "unknown-metric": "a measure's metric is not in data/metrics.csv",
    "unknown-parent": "a parent_id names no recommendation",
    "parent-not-cause-of-concern": "a parent_id names something other than a cause of concern",
    # sources and documents
    "url-or-document-required": "a source has neither url nor document",
    "not-a-web-address": "a url is not an http(s) address",
    "document-not-found": "a document is not a file inside the repository",
    "document-not-utf8": "a document is not UTF-8 text",
    "document-unreadable": "a document path cannot be read",
    "quote-not-found": "a quote is not verbatim in its document",
    # metrics
    "unit-not-allowed": "a measure's unit is not one of its metric's units",
    "family-mismatch": "a measure's family differs from its metric's",
    "reason-required": "a metric that is not charted gives no reason",
    "reason-but-charted": "a charted metric gives a reason for not being charted",
    "noun-capitalised": "a metric's noun starts with a capital letter",
    # measures
    "negative-value": "a value is negative",
    "percent-out-of-range": "a percentage lies outside 0–100",
    "count-not-whole": "a count is not a whole number",
    "value-not-in-quote": "a measure's value is not stated in its quote",
    "negative-interval": "a confidence interval is negative",
    "interval-not-in-quote": "a confidence interval is not stated in the quote",
    "period-start-after-end": "a period starts after it ends",
    # grades
    "grade-not-in-quote": "a grade's word is not in its quote",
    "adequate-on-4-tier": "'Adequate' on the 4-tier scale",
    "wrong-scale-for-year": "a grade's scale does not fit its inspection's year",
    # milestones
    "reserved-id": "a milestone id starts with 'due/'",
    "month-not-first-day": "a month-precision date is not the month's first day",
    "date-not-in-quote": "a milestone's date is not stated in its quote",
    "derived-kind": "a 'recommendation due' milestone entered by hand",
    # recommendations
    "text-not-in-quote": "a recommendation's text is not in its quote",
    "number-not-in-quote": "a recommendation's number is not in its quote",
    "deadline-not-in-quote": "a deadline is not stated in the quote",
    "deadline-before-report": "a deadline is before its report",
    "deadline-before-raised": "a deadline is before the date it was raised",
    "closing-field-required": "a closed recommendation lacks a closing field",
    "closed-on-while-not-closed": "closed_on is set but status is not 'closed'",
    "closing-date-not-in-quote": "closed_on is not stated in closed_quote",
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    rule: str
    code: str  # one of CODES: stable, for tests and tools; the rule's wording may change

    def __post_init__(self):
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}")

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.rule}"


class BuildError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:MAX_REPORTED])
        more = len(problems) - MAX_REPORTED
        super().__init__(
            f"{len(problems)} problem(s) in the data; the database was not changed.\n{shown}"
            + (f"\n  … and {more} more" if more > 0 else "")
        )


@dataclass
class Row:
    table: schema.Table
    file: str
    line: int
    values: dict  # parsed: str | date | float | None


# --- reading ------------------------------------------------------------------------------------

def _parse(col: schema.Column, raw: str, where: tuple[str, int], problems: list[Problem]):
    file, line = where
    if _CONTROL.search(raw):
        problems.append(Problem(file, line, col.name, "contains an invisible control character",
                                "control-character"))
        return None
    if (col.type == "id" or col.choices) and _INVISIBLE.search(raw):
        problems.append(Problem(file, line, col.name,
                                "contains an invisible character (zero-width or direction mark)",
                                "invisible-character"))
        return None
    text = raw.strip()
    if text == "":
        if col.required:
            problems.append(Problem(file, line, col.name, "is empty but required",
                                    "empty-required"))
        return None
    if col.type == "id":
        if not _ID.match(text):
            problems.append(Problem(file, line, col.name,
                                    f"{text!r} is not an id (letters, digits and . _ / : - only)",
                                    "not-an-id"))
        return text
    if col.type == "date":
        if not _DATE.match(text):
            problems.append(Problem(file, line, col.name, f"{text!r} is not a date (YYYY-MM-DD)",
                                    "not-a-date"))
            return None
        try:
            d = date.fromisoformat(text)
        except ValueError:
            problems.append(Problem(file, line, col.name, f"{text!r} is not a real date",
                                    "not-a-real-date"))
            return None
        if not schema.EARLIEST <= d <= schema.LATEST:
            problems.append(Problem(file, line, col.name,
                                    f"{d} lies outside {schema.EARLIEST.year}–{schema.LATEST.year}",
                                    "date-out-of-range"))
        return d
    if col.type == "double":
        try:
            if not _NUMBER_TEXT.match(text):
                raise ValueError(text)
            n = float(text)
        except ValueError:
            problems.append(Problem(file, line, col.name,
                                    f"{text!r} is not a number (write 6700 or 6700.5: no commas,"
                                    " units or symbols)", "not-a-number"))
            return None
        if not math.isfinite(n):
            problems.append(Problem(file, line, col.name, f"{text!r} is not a finite number",
                                    "not-finite"))
            return None
        return n
    if col.choices and col.is_list:
        items = raw.split(schema.LIST_SEPARATOR)
        for item in items:
            if item not in col.choices:
                problems.append(Problem(file, line, col.name,
                                        f"{item!r} is not one of: {', '.join(col.choices)}"
                                        f" (separate several with {schema.LIST_SEPARATOR!r})",
                                        "not-in-vocabulary"))
        for item, n in Counter(items).items():
            if n > 1 and item in col.choices:
                problems.append(Problem(file, line, col.name, f"{item!r} is listed twice",
                                        "repeated-choice"))
    elif col.choices and raw not in col.choices:
        problems.append(Problem(file, line, col.name,
                                f"{raw!r} is not one of: {', '.join(col.choices)}",
                                "not-in-vocabulary"))
    return raw


def read_table_file(path: Path, table: schema.Table, display: str,
                    problems: list[Problem]) -> list[Row] | None:
    """The file's rows, or None when the file as a whole cannot be read (encoding, header)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        problems.append(Problem(display, line, None,
                                f"the file is not UTF-8 (byte 0x{data[e.start]:02x}); save it as"
                                " UTF-8 CSV", "not-utf8"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            problems.append(Problem(display, 1, None, "the file is empty: it needs a header row",
                                    "empty-file"))
            return None
        header = [h.strip().lstrip("\ufeff") for h in header]
        expected = table.column_names
        for name in expected:
            if name not in header:
                problems.append(Problem(display, 1, name, f"missing column (table {table.name})",
                                        "missing-column"))
        for name in header:
            if name not in expected:
                problems.append(Problem(display, 1, name,
                                        f"unknown column for table {table.name} (expected:"
                                        f" {', '.join(expected)})", "unknown-column"))
        for name, n in Counter(header).items():
            if n > 1:
                problems.append(Problem(display, 1, name, "column appears more than once",
                                        "duplicate-column"))
        if any(p.file == display and p.line == 1 for p in problems):
            return None
        last_line = reader.line_num
        for record in reader:
            line = last_line + 1
            last_line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # blank lines, as spreadsheets leave at the end
            if len(record) != len(header):
                problems.append(Problem(display, line, None,
                                        f"has {len(record)} fields, the header has {len(header)}"
                                        " (a truncated row, or an unquoted comma)",
                                        "wrong-field-count"))
                continue
            values = {}
            for name, raw in zip(header, record):
                values[name] = _parse(table.column(name), raw, (display, line), problems)
            rows.append(Row(table, display, line, values))
    except csv.Error as e:
        too_long = "field larger" in str(e)
        rule = ("a cell is longer than 1,048,576 characters" if too_long
                else f"the CSV is malformed or truncated ({e})")
        problems.append(Problem(display, reader.line_num + 1, None, rule,
                                "cell-too-long" if too_long else "malformed-csv"))
    return rows


# --- checking -----------------------------------------------------------------------------------

class Documents:
    """Source documents, folded once, looked up by source_id."""

    def __init__(self, root: Path):
        self.root = root
        self.texts: dict[str, str] = {}  # path -> raw text
        self.folded: dict[str, str] = {}

    def load(self, rel: str) -> tuple[str, str] | None:
        """None when the document is loaded; otherwise why it cannot be, and the code."""
        if rel in self.texts:
            return None
        try:
            path = (self.root / rel).resolve()
            if self.root.resolve() not in path.parents or not path.is_file():
                return "is not a file inside the repository", "document-not-found"
            raw = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            return "is not UTF-8 text (save the document as UTF-8)", "document-not-utf8"
        except (OSError, ValueError):
            return "is not a readable file path", "document-unreadable"
        self.texts[rel] = raw
        self.folded[rel] = fold(raw)
        return None


def _year_of(source: dict) -> int | None:
    if source.get("published_on"):
        return source["published_on"].year
    m = re.search(r"\b(20\d\d)\b", source.get("published_label") or "")
    return int(m.group(1)) if m else None


def _published(source: dict) -> date | None:
    if source.get("published_on"):
        return source["published_on"]
    label = source.get("published_label") or ""
    m = re.search(r"\b([A-Z][a-z]+)\s+(20\d\d)\b", label)
    if m:
        try:
            return datetime.strptime(f"1 {m.group(1)} {m.group(2)}", "%d %B %Y").date()
        except ValueError:
            return None
    return None


def _unknown_reference(ref_table: str, value: str, known: dict) -> tuple[str, str]:
    """The rule and code for a reference to a row that does not exist."""
    if ref_table == "metrics":
        close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.8)
        hint = f"; close names: {', '.join(repr(c) for c in close)}" if close else ""
        return (f"unknown metric {value[:120]!r} (not in data/metrics.csv{hint})",
                "unknown-metric")
    return f"unknown source {value[:120]!r} (not in data/sources)", "unknown-source"


def check_rows(tables: dict[str, list[Row]], docs: Documents, problems: list[Problem],
               absent: frozenset[str] = frozenset()) -> None:
    """Every rule that spans cells, rows or files. `absent`: tables with no file at all, whose
    references are not reported row by row (the missing file is the one problem)."""
    # keys unique across every file of a table
    for name, rows in tables.items():
        key = schema.BY_NAME[name].key
        seen: dict[str, Row] = {}
        for r in rows:
            k = r.values.get(key)
            if k is None:
                continue
            if k in seen:
                first = seen[k]
                problems.append(Problem(r.file, r.line, key,
                                        f"duplicate key {k!r} (first at {first.file}, line"
                                        f" {first.line})", "duplicate-key"))
            else:
                seen[k] = r

    keyed = {name: {r.values[schema.BY_NAME[name].key]: r.values for r in rows
                    if r.values.get(schema.BY_NAME[name].key) is not None}
             for name, rows in tables.items()}
    sources = keyed["sources"]
    for r in tables["sources"]:
        v = r.values
        if not v.get("url") and not v.get("document"):
            problems.append(Problem(r.file, r.line, "url", "a source needs a url or a document",
                                    "url-or-document-required"))
        if v.get("url") and not re.match(r"^https?://\S+$", v["url"]):
            problems.append(Problem(r.file, r.line, "url", f"{v['url']!r} is not a web address",
                                    "not-a-web-address"))
        if v.get("document"):
            failed = docs.load(v["document"])
            if failed:
                why, code = failed
                problems.append(Problem(r.file, r.line, "document",
                                        f"{v['document'][:120]!r} {why}", code))
    for r in tables["metrics"]:
        _check_metric(r, problems)

    def source_text(r: Row, sid_col: str = "source_id") -> tuple[str | None, dict | None]:
        src = sources.get(r.values.get(sid_col))
        if src is None:
            return None, None
        rel = src.get("document")
        return (docs.folded.get(rel) if rel else None), src

    def check_quote(r: Row, col: str, sid_col: str = "source_id") -> dict | None:
        quote = r.values.get(col)
        doc, src = source_text(r, sid_col)
        if src is None or quote is None:
            return src
        if doc is not None and fold(quote) not in doc:
            problems.append(Problem(r.file, r.line, col,
                                    f"quote not found verbatim in {src['document']}: "
                                    f"{fold(quote)[:80]!r}", "quote-not-found"))
        return src

    for name, rows in tables.items():
        table = schema.BY_NAME[name]
        for r in rows:
            v = r.values
            for c in table.columns:
                if not c.references or v.get(c.name) is None:
                    continue
                ref_table = c.references.split(".")[0]
                if ref_table not in absent and v[c.name] not in keyed[ref_table]:
                    rule, code = _unknown_reference(ref_table, v[c.name], keyed[ref_table])
                    problems.append(Problem(r.file, r.line, c.name, rule, code))
            if table.one_file_per_source and v.get("source_id") and \
                    Path(r.file).stem != v["source_id"]:
                problems.append(Problem(r.file, r.line, "source_id",
                                        f"{v['source_id']!r} belongs in {table.folder}/"
                                        f"{v['source_id']}.csv (one file per source)",
                                        "wrong-file-for-source"))
            if name in ("sources", "metrics"):
                continue
            src = check_quote(r, "quote")
            quote = v.get("quote") or ""
            if name == "measures":
                _check_measure(r, quote, keyed["metrics"].get(v.get("metric")), problems)
            elif name == "grades":
                _check_grade(r, quote, problems)
            elif name == "milestones":
                _check_milestone(r, quote, src, problems)
            elif name == "recommendations":
                _check_recommendation(r, quote, src, keyed, problems)
                if v.get("closed_quote"):
                    check_quote(r, "closed_quote", "closed_source_id")


def _check_metric(r: Row, problems: list[Problem]) -> None:
    v = r.values
    if v.get("charted") == "no" and not (v.get("not_charted_reason") or "").strip():
        problems.append(Problem(r.file, r.line, "not_charted_reason",
                                "is required when charted is 'no' (say why the figure is not"
                                " drawn)", "reason-required"))
    if v.get("charted") == "yes" and v.get("not_charted_reason"):
        problems.append(Problem(r.file, r.line, "not_charted_reason",
                                "is set but charted is 'yes'", "reason-but-charted"))
    noun = v.get("noun") or ""
    if noun[:1].isupper():
        problems.append(Problem(r.file, r.line, "noun",
                                f"{noun[:60]!r} starts with a capital: it is used inside"
                                " sentences (write 'average 999 answer time')",
                                "noun-capitalised"))


def _check_measure(r: Row, quote: str, metric: dict | None, problems: list[Problem]) -> None:
    v = r.values
    if metric is not None:
        if v.get("family") in schema.FAMILIES and metric.get("family") in schema.FAMILIES and \
                v["family"] != metric["family"]:
            problems.append(Problem(r.file, r.line, "family",
                                    f"{v['family']!r} differs from the family of metric"
                                    f" {v['metric']!r} in data/metrics.csv"
                                    f" ({metric['family']!r})", "family-mismatch"))
        allowed = (metric.get("units") or "").split(schema.LIST_SEPARATOR)
        if v.get("unit") in schema.UNITS and metric.get("units") and v["unit"] not in allowed:
            problems.append(Problem(r.file, r.line, "unit",
                                    f"{v['unit']!r} is not a unit of metric {v['metric']!r}"
                                    f" (data/metrics.csv allows: {', '.join(allowed)})",
                                    "unit-not-allowed"))
    value, unit = v.get("value"), v.get("unit")
    if value is None:
        return
    if value < 0:
        problems.append(Problem(r.file, r.line, "value",
                                f"{value:g} is negative: record the figure as written and say"
                                " fall/decrease in the metric", "negative-value"))
    if unit == "percent" and not 0 <= value <= 100:
        problems.append(Problem(r.file, r.line, "value", f"{value:g} percent is outside 0–100",
                                "percent-out-of-range"))
    if unit == "count" and value != int(value):
        problems.append(Problem(r.file, r.line, "value", f"{value:g} is not a whole count",
                                "count-not-whole"))
    if quote and not states_number(quote, value):
        problems.append(Problem(r.file, r.line, "value",
                                f"the figure {value:g} is not stated in the quote",
                                "value-not-in-quote"))
    ci = v.get("ci_half_width")
    if ci is not None:
        if ci < 0:
            problems.append(Problem(r.file, r.line, "ci_half_width", "is negative",
                                    "negative-interval"))
        elif quote and not states_number(quote, ci):
            problems.append(Problem(r.file, r.line, "ci_half_width",
                                    f"the interval ±{ci:g} is not stated in the quote",
                                    "interval-not-in-quote"))
    if v.get("period_start") and v.get("period_end") and v["period_start"] > v["period_end"]:
        problems.append(Problem(r.file, r.line, "period_start", "is after period_end",
                                "period-start-after-end"))


def _check_grade(r: Row, quote: str, problems: list[Problem]) -> None:
    v = r.values
    if v.get("grade") in schema.GRADES and quote and not states_grade(quote, v["grade"]):
        problems.append(Problem(r.file, r.line, "quote",
                                f"the grade {v['grade']!r} is not stated in the quote",
                                "grade-not-in-quote"))
    if v.get("grade") == "Adequate" and v.get("scale") == "4-tier":
        problems.append(Problem(r.file, r.line, "grade",
                                "'Adequate' exists only on the 5-tier scale",
                                "adequate-on-4-tier"))
    year = re.search(r"\b(20[0-9]{2})\b", v.get("inspection") or "")
    if year and v.get("scale") in schema.SCALES:
        want = "5-tier" if int(year.group(1)) >= 2021 else "4-tier"
        if v["scale"] != want:
            problems.append(Problem(r.file, r.line, "scale",
                                    f"{v['inspection']} grades on the {want} scale "
                                    "(five tiers from 2021/22)", "wrong-scale-for-year"))


def _check_milestone(r: Row, quote: str, src: dict | None, problems: list[Problem]) -> None:
    v = r.values
    if (v.get("milestone_id") or "").startswith("due/"):
        problems.append(Problem(r.file, r.line, "milestone_id",
                                "ids starting 'due/' are kept for the deadlines the "
                                "build derives from recommendations", "reserved-id"))
    if v.get("date_precision") == "month" and v.get("event_date") and v["event_date"].day != 1:
        problems.append(Problem(r.file, r.line, "event_date",
                                "a month-precision date is stored as the month's first day",
                                "month-not-first-day"))
    if v.get("event_date") and v.get("date_precision") in schema.PRECISIONS and quote:
        if not states_date(quote, v["event_date"], v["date_precision"],
                           _year_of(src) if src else None):
            problems.append(Problem(r.file, r.line, "event_date",
                                    f"{v['event_date']} is not stated in the quote",
                                    "date-not-in-quote"))
    if v.get("kind") == "recommendation due":
        problems.append(Problem(r.file, r.line, "kind",
                                "'recommendation due' is derived from"
                                " recommendations.due_on; do not enter it", "derived-kind"))


def _check_recommendation(r: Row, quote: str, src: dict | None,
                          keyed: dict[str, dict[str, dict]], problems: list[Problem]) -> None:
    v = r.values
    if v.get("text") and quote and fold(v["text"]) not in fold(quote):
        problems.append(Problem(r.file, r.line, "text", "is not contained in the quote",
                                "text-not-in-quote"))
    if v.get("number") and quote and not re.search(rf"\b{re.escape(v['number'])}\b", quote):
        problems.append(Problem(r.file, r.line, "number",
                                f"{v['number']!r} is not stated in the quote",
                                "number-not-in-quote"))
    if v.get("due_on") and quote:
        if not states_date(quote, v["due_on"], "day", _year_of(src) if src else None):
            problems.append(Problem(r.file, r.line, "due_on",
                                    f"{v['due_on']} is not stated in the quote",
                                    "deadline-not-in-quote"))
        published = _published(src) if src else None
        if published and v["due_on"] < published:
            problems.append(Problem(r.file, r.line, "due_on",
                                    f"deadline {v['due_on']} is before its report"
                                    f" ({src['published_label']})", "deadline-before-report"))
    if v.get("raised_on") and v.get("due_on") and v["due_on"] < v["raised_on"]:
        problems.append(Problem(r.file, r.line, "due_on", "is before raised_on",
                                "deadline-before-raised"))
    if v.get("status") == "closed":
        for col in ("closed_on", "closed_precision", "closed_source_id", "closed_quote"):
            if not v.get(col):
                problems.append(Problem(r.file, r.line, col, "is required when status is closed",
                                        "closing-field-required"))
    elif v.get("closed_on"):
        problems.append(Problem(r.file, r.line, "closed_on",
                                "is set but status is not 'closed'",
                                "closed-on-while-not-closed"))
    if v.get("closed_on") and v.get("closed_quote") and v.get("closed_precision"):
        closer = keyed["sources"].get(v.get("closed_source_id"))
        if not states_date(v["closed_quote"], v["closed_on"], v["closed_precision"],
                           _year_of(closer) if closer else None):
            problems.append(Problem(r.file, r.line, "closed_on",
                                    f"{v['closed_on']} is not stated in closed_quote",
                                    "closing-date-not-in-quote"))
    if v.get("closed_precision") == "month" and v.get("closed_on") and v["closed_on"].day != 1:
        problems.append(Problem(r.file, r.line, "closed_on",
                                "a month-precision date is stored as the month's first day",
                                "month-not-first-day"))
    if v.get("parent_id"):
        parents = keyed["recommendations"]
        if v["parent_id"] not in parents:
            problems.append(Problem(r.file, r.line, "parent_id",
                                    f"unknown recommendation {v['parent_id']!r}",
                                    "unknown-parent"))
        elif parents[v["parent_id"]].get("kind") != "cause of concern":
            problems.append(Problem(r.file, r.line, "parent_id",
                                    f"{v['parent_id']!r} is not a cause of concern",
                                    "parent-not-cause-of-concern"))


# --- building -----------------------------------------------------------------------------------

@dataclass
class Summary:
    rows: dict[str, int]
    tiers: dict[str, int]
    data_version: str
    files: int

    def __str__(self) -> str:
        width = max(len(k) for k in self.rows)
        lines = [f"data version {self.data_version} from {self.files} files", "rows per table:"]
        lines += [f"  {k:<{width}}  {n:>5}" for k, n in self.rows.items()]
        lines.append("sources by tier:")
        lines += [f"  {k:<32} {n:>3}" for k, n in self.tiers.items()]
        return "\n".join(lines)


def input_files(data_dir: Path) -> list[Path]:
    files = [p for t in schema.TABLES for p in t.files(data_dir)]
    files += sorted((data_dir / "documents").glob("*"))
    return [p for p in files if p.is_file()]


def data_version(data_dir: Path) -> str:
    """A content hash of every input: the same data gives the same version, wherever built."""
    h = hashlib.sha256()
    for p in input_files(data_dir):
        h.update(p.relative_to(data_dir).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def data_changed_at(data_dir: Path) -> datetime:
    """When the data last changed: the last commit touching it, else the newest input file."""
    import subprocess
    try:
        inputs = [t.folder for t in schema.TABLES] + ["documents"]  # not the README
        out = subprocess.run(["git", "log", "-1", "--format=%cI", "--", *inputs], cwd=data_dir,
                             capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *inputs], cwd=data_dir,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        if out and not dirty:
            return datetime.fromisoformat(out).astimezone(UTC).replace(tzinfo=None)
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    newest = max(p.stat().st_mtime for p in input_files(data_dir))
    return datetime.fromtimestamp(newest, UTC).replace(tzinfo=None)


def load(data_dir: Path) -> tuple[dict[str, list[Row]], Documents]:
    problems: list[Problem] = []
    root = data_dir.resolve().parent
    tables: dict[str, list[Row]] = {}
    read: set[str] = set()
    for table in schema.TABLES:
        files = table.files(data_dir)
        if not files:
            if table.single_file:
                problems.append(Problem(f"{data_dir.name}/{table.folder}", None, None,
                                        f"is missing: it holds table {table.name}", "no-files"))
            else:
                problems.append(Problem(f"{data_dir.name}/{table.folder}/", None, None,
                                        f"no CSV files for table {table.name}", "no-files"))
        tables[table.name] = []
        for path in files:
            display = path.absolute().relative_to(data_dir.absolute().parent).as_posix()
            if path.is_symlink() or not path.is_file():
                problems.append(Problem(display, None, None,
                                        "is not a regular file (a folder or a link): remove it",
                                        "not-a-regular-file"))
                continue
            rows = read_table_file(path, table, display, problems)
            if rows is not None:
                read.add(table.name)
                tables[table.name] += rows
    # a table none of whose files could be read is reported once, not at every reference to it
    absent = {t.name for t in schema.TABLES} - read
    docs = Documents(root)
    check_rows(tables, docs, problems, frozenset(absent))
    if problems:
        raise BuildError(problems)
    return tables, docs


def _due_milestones(recs: list[Row]) -> list[dict]:
    out = []
    for r in recs:
        v = r.values
        if v.get("due_on"):
            label = f"{v['kind'].capitalize()} {v['number']}" if v.get("number") else \
                v["kind"].capitalize()
            out.append({
                "milestone_id": f"due/{v['rec_id']}", "event_date": v["due_on"],
                "date_precision": "day", "kind": "recommendation due", "title": f"{label} due",
                "detail": v["text"], "source_id": v["source_id"], "quote": v["quote"],
            })
    return out


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
                parts[sid].append("doc|" + hashlib.sha256(
                    docs.texts[v["document"]].encode()).hexdigest())
    return {sid: hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:16]
            for sid, lines in parts.items()}


def build(data_dir: Path = DATA_DIR, out: Path = DB_PATH, check_only: bool = False) -> Summary:
    import duckdb  # imported here so `--check` stays light

    tables, docs = load(data_dir)
    version = data_version(data_dir)
    files = len(input_files(data_dir))
    counts = {name: len(rows) for name, rows in tables.items()}
    due = _due_milestones(tables["recommendations"])
    counts["milestones"] += len(due)
    tiers = dict(sorted(Counter(r.values["tier"] for r in tables["sources"]).items()))
    summary = Summary(counts, tiers, version, files)
    if check_only:
        return summary

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(tmp))
        try:
            for table in schema.TABLES:
                con.execute(schema.ddl(table))
            for stmt in schema.INTERNAL_DDL:
                con.execute(stmt)
            for table in schema.TABLES:
                rows = [r.values for r in tables[table.name]]
                if table is schema.MILESTONES:
                    rows += due
                if table is schema.MEASURES:
                    rows = [r | {"value_as_written": written_number(r["quote"], r["value"])}
                            for r in rows]
                cols = table.all_columns
                con.executemany(
                    f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES"
                    f" ({', '.join('?' for _ in cols)})",
                    [[row.get(c) for c in cols] for row in rows],
                )
            con.executemany("INSERT INTO source_versions VALUES (?, ?)",
                            sorted(source_versions(tables, docs).items()))
            con.executemany("INSERT INTO documents VALUES (?, ?, ?)", [
                (rel, hashlib.sha256(text.encode()).hexdigest(), text)
                for rel, text in sorted(docs.texts.items())
            ])
            con.execute("INSERT INTO build_info VALUES (?, ?, ?, ?)",
                        [version, datetime.now(UTC).replace(tzinfo=None), files,
                         data_changed_at(data_dir)])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
        raise
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="folder of the CSVs and documents")
    ap.add_argument("--out", type=Path, default=DB_PATH, help="the database file to write")
    ap.add_argument("--check", action="store_true", help="validate only; write nothing")
    args = ap.parse_args(argv)
    try:
        summary = build(args.data, args.out, check_only=args.check)
    except BuildError as e:
        print(f"build stopped: {e}", file=sys.stderr)
        return 1
    print(("checked (nothing written): " if args.check else f"built {args.out}: ") + str(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
