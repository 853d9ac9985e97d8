"""Mutate the data/ CSVs and documents many ways and check that the build either rejects each
copy clearly (file, line, column, rule; previous database byte-identical; no temporary files
left) or builds a database whose row counts fit the mutation.

    python scripts/fuzz_data.py [--seed 1] [--count 300] [--cli-sample N] [--only 5,17] [--brief]

Exit code 1 if any mutation ends in FAILURE. Mutations are reproducible: `--only I` with the same
seed re-runs mutation I, and `--keep DIR` leaves each failing copy of data/ there."""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pfcc import build as pbuild  # noqa: E402
from pfcc import schema  # noqa: E402
from pfcc.textcheck import written_number  # noqa: E402

REJECTED, BUILT, FAILURE = "REJECTED-CLEARLY", "BUILT-OK", "FAILURE"
TABLE_NAMES = [t.name for t in schema.TABLES]

# Every rule the build states, as (name, column or None, pattern over Problem.rule).
RULES = [
    ("empty but required", None, r"is empty but required"),
    ("not an id", None, r"is not an id"),
    ("date format", None, r"is not a date \(YYYY-MM-DD\)"),
    ("real date", None, r"is not a real date"),
    ("date range", None, r"lies outside"),
    ("not a number", None, r"is not a number"),
    ("finite number", None, r"is not a finite number"),
    ("vocabulary", None, r"is not one of"),
    ("UTF-8", None, r"is not UTF-8"),
    ("empty file", None, r"the file is empty"),
    ("missing column", None, r"missing column"),
    ("unknown column", None, r"unknown column"),
    ("column twice", None, r"column appears more than once"),
    ("field count", None, r"fields, the header has"),
    ("malformed CSV", None, r"malformed or truncated"),
    ("no files for table", None, r"no CSV files for table"),
    ("duplicate key", None, r"duplicate key"),
    ("url or document", None, r"needs a url or a document"),
    ("web address", None, r"is not a web address"),
    ("document inside repository", None, r"is not a file inside the repository"),
    ("quote verbatim", None, r"quote not found verbatim"),
    ("unknown source", None, r"unknown source"),
    ("one file per source", None, r"one file per source"),
    ("grade in quote", None, r"the grade .* is not stated in the quote"),
    ("Adequate on 5-tier only", None, r"exists only on the 5-tier scale"),
    ("milestone date in quote", "event_date", r"is not stated in the quote"),
    ("recommendation due is derived", None, r"is derived from"),
    ("negative", None, r"is negative"),
    ("percent range", None, r"percent is outside 0–100"),
    ("whole count", None, r"is not a whole count"),
    ("figure in quote", None, r"the figure .* is not stated in the quote"),
    ("interval in quote", None, r"the interval .* is not stated in the quote"),
    ("period order", None, r"is after period_end"),
    ("text in quote", None, r"is not contained in the quote"),
    ("number in quote", "number", r"is not stated in the quote"),
    ("deadline in quote", "due_on", r"is not stated in the quote"),
    ("deadline before report", None, r"is before its report"),
    ("deadline before raised", None, r"is before raised_on"),
    ("closing fields", None, r"is required when status is closed"),
    ("closed_on needs closed", None, r"is set but status is not"),
    ("closing date in quote", None, r"is not stated in closed_quote"),
    ("unknown parent", None, r"unknown recommendation"),
]


def rules_of(problem) -> list[str]:
    return [name for name, col, pat in RULES
            if (col is None or problem.column == col) and re.search(pat, problem.rule or "")]


# --- the pristine data, read once --------------------------------------------------------------

@dataclass
class CsvFile:
    rel: str  # under data/, e.g. "measures/x.csv"
    table: schema.Table
    header: list[str]
    rows: list[list[str]]

    def dicts(self):
        return [dict(zip(self.header, r)) for r in self.rows]


def dump(header, rows, newline="\r\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def cell_text(value: str) -> str:
    """One cell as csv.writer would write it."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([value])
    return buf.getvalue()


def row_lines(text: str) -> list[int]:
    """The line each non-blank data row starts on, counted as the build counts them."""
    # our own long cells must not trip the limit; restored so the build sees the default
    limit = csv.field_size_limit(sys.maxsize)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        next(reader, None)
        out, last = [], reader.line_num
        for rec in reader:
            if any(c.strip() for c in rec):
                out.append(last + 1)
            last = reader.line_num
        return out
    finally:
        csv.field_size_limit(limit)


class Model:
    def __init__(self, data: Path):
        self.files: dict[str, list[CsvFile]] = {}
        for t in schema.TABLES:
            self.files[t.name] = []
            for p in sorted((data / t.folder).glob("*.csv")):
                reader = csv.reader(io.StringIO(p.read_text(encoding="utf-8-sig"), newline=""))
                header = next(reader)
                rows = [r for r in reader if any(c.strip() for c in r)]
                self.files[t.name].append(CsvFile(f"{t.folder}/{p.name}", t, header, rows))
        self.sources = {d["source_id"]: d for f in self.files["sources"] for d in f.dicts()}
        self.recs = {d["rec_id"]: d for f in self.files["recommendations"] for d in f.dicts()}
        self.docs = sorted(p.relative_to(data).as_posix() for p in (data / "documents").glob("*"))

    def rows(self, table, pred=None):
        return [(f, i) for f in self.files[table] for i, d in enumerate(f.dicts())
                if pred is None or pred(d)]

    def doc_of(self, sid: str) -> str:
        return (self.sources.get(sid) or {}).get("document", "")

    def referenced_sources(self) -> Counter:
        c = Counter()
        for t in TABLE_NAMES[1:]:
            for f in self.files[t]:
                for d in f.dicts():
                    c[d["source_id"]] += 1
                    if d.get("closed_source_id"):
                        c[d["closed_source_id"]] += 1
        return c

    def due_count(self, rows) -> int:
        return sum(1 for d in rows if d.get("due_on", "").strip())


# --- one mutation ------------------------------------------------------------------------------

@dataclass
class Exp:
    """What a mutation did and what the build should do with it."""
    expect: str  # "reject" | "build" | "either"
    file: str | None = None  # "data/…": some problem must name it (when `located`)
    line: int | None = None  # … on this line
    cols: tuple | None = None  # … in one of these columns
    located: bool = True
    delta: dict = field(default_factory=dict)  # table -> (lo, hi) change in rows, if it builds
    neutral: bool = False  # builds with the five tables' contents unchanged
    why: str = ""  # the README rule that makes it a rejection
    note: str = ""  # what was changed, for a reproduction


class Skip(Exception):
    pass


class Mutator:
    """Applies mutations to the work copy (which is pristine when `apply` is called)."""

    def __init__(self, model: Model, work: Path):
        self.m = model
        self.work = work

    def path(self, rel):
        return self.work / rel

    def disp(self, rel):
        return f"data/{rel}"

    def write_rows(self, f: CsvFile, rows, header=None) -> str:
        text = dump(header or f.header, rows)
        self.path(f.rel).write_text(text, encoding="utf-8", newline="")
        return text

    def pick(self, rng, table, pred=None):
        choices = self.m.rows(table, pred)
        if not choices:
            raise Skip(f"no {table} row fits")
        return rng.choice(choices)

    def set_cell(self, f: CsvFile, i: int, col: str, value: str) -> int:
        rows = [list(r) for r in f.rows]
        old = rows[i][f.header.index(col)]
        rows[i][f.header.index(col)] = value
        text = self.write_rows(f, rows)
        self.last_old = old
        return row_lines(text)[i]


def short(v, n=70) -> str:
    r = repr(v)
    return r if len(r) <= n else r[: n - 12] + f"…<{len(v)} chars>"


# Free text the build does not check against anything.
UNCHECKED = {("sources", "title"), ("sources", "publisher"), ("measures", "metric"),
             ("measures", "breakdown"), ("measures", "period_label"),
             ("measures", "comparability"), ("grades", "inspection"),
             ("grades", "published_label"), ("grades", "area"), ("milestones", "title"),
             ("milestones", "detail")}
QUOTES = {("measures", "quote"), ("grades", "quote"), ("milestones", "quote"),
          ("recommendations", "quote"), ("recommendations", "closed_quote")}


def col_class(table, col) -> str:
    c = schema.BY_NAME[table].column(col)
    if c.type in ("id", "date", "double"):
        return c.type
    if c.choices:
        return "vocab"
    if (table, col) in UNCHECKED:
        return "free"
    return "checked"


def content_value(kind: str, old: str, rng, cls: str) -> str:
    mid = rng.randint(0, len(old)) if old else 0
    if kind == "pad":
        return "  " + old + " \t"
    if kind == "zero-width-space":
        return old[:mid] + "\u200b" + old[mid:] if old else "\u200b"
    if kind == "rtl-mark":
        return "\u200f" + old
    if kind == "nul-byte":
        return old[:mid] + "\x00" + old[mid:]
    if kind == "emoji":
        return old + "🚓" if cls in ("id", "date", "double", "vocab") else old + " 🚓"
    if kind == "append-words":
        return old + " (edited)"
    if kind == "line-break":  # a wrapped line: a space becomes a break, else one goes inside
        spaces = [k for k, ch in enumerate(old) if ch == " "]
        if spaces:
            k = rng.choice(spaces)
            return old[:k] + "\n" + old[k + 1:]
        k = rng.randint(1, len(old) - 1) if len(old) > 1 else 0
        return old[:k] + "\n" + old[k:]
    if kind == "unicode-digits":
        return "".join(chr(0xFF10 + int(ch)) if ch.isdigit() else ch for ch in old)
    if kind == "long-200k":  # past the csv module's default field limit (131072)
        return old + " " + "lorem ipsum " * 16667
    if kind == "long-100k":
        if cls == "id":
            return (old or "x") + "-" + "a" * 100_000
        if cls == "double":
            return "9" * 100_000
        return old + " " + "lorem ipsum " * 8334
    raise ValueError(kind)


CONTENT_KINDS = ("pad", "zero-width-space", "rtl-mark", "nul-byte", "emoji", "line-break",
                 "append-words", "long-100k", "long-200k", "unicode-digits")
BAD_DATES = ["2022-02-30", "31/12/2022", "1999-01-01", "2099-01-01", "2022-13-01", "2022-1-5",
             "20220105", "2013-12-31", "2027-01-01"]
BAD_NUMBERS = {"wrong-type": ["twelve", "n/a", "12%", "£5", "0x1A"],
               "thousands-comma": ["6,700", "1,124,397"],
               "nan-inf": ["nan", "NaN", "inf", "-inf", "Infinity", "1e999"],
               "huge": ["1e308", "123456789012345678901234567890"]}


def due_delta(rows) -> dict:
    n = sum(1 for d in rows if d.get("due_on", "").strip())
    return {"milestones": (-n, -n)} if n else {}


def merge(*ds) -> dict:
    out: dict = {}
    for d in ds:
        for k, (lo, hi) in d.items():
            a, b = out.get(k, (0, 0))
            out[k] = (a + lo, b + hi)
    return out


class Catalogue(Mutator):
    """Every mutation kind: `templates()` lists (table, column, kind); `apply` performs one."""

    def templates(self) -> list[tuple[str, str | None, str]]:
        out = []
        for t in schema.TABLES:
            for c in t.columns:
                if c.derived:
                    continue
                cls = col_class(t.name, c.name)
                kinds = ["empty", "unbalanced-quote",
                         *(k for k in CONTENT_KINDS if k != "unicode-digits"),
                         "header-delete", "header-rename", "header-case", "header-duplicate",
                         "header-reorder", "header-padding"]
                if cls == "id":
                    kinds += ["wrong-type"]
                    if c.name == t.key:
                        kinds += ["new-key"]
                    if c.references:
                        kinds += ["unknown-source"]
                        if t.name != "sources" and c.name == "source_id":
                            kinds += ["other-source"]
                if cls == "date":
                    kinds += ["bad-date", "unicode-digits"]
                if cls == "double":
                    kinds += ["unicode-digits", "wrong-type", "thousands-comma", "nan-inf", "huge", "negative",
                              "out-of-range"]
                if cls == "vocab":
                    kinds += ["unknown-vocab", "other-vocab"]
                if (t.name, c.name) in QUOTES:
                    kinds += ["quote-not-in-document"]
                    if c.name == "quote":
                        kinds += ["figure-removed"]
                out += [(t.name, c.name, k) for k in kinds]
            out += [(t.name, None, k) for k in (
                "duplicate-row", "duplicate-row-new-key", "delete-row", "short-row",
                "extra-field", "add-column", "truncate", "raw-unbalanced-quote", "cp1252",
                "utf-16", "bom", "lf-endings", "cr-endings", "trailing-blank-lines",
                "bom-crlf-blank", "double-bom", "add-dangling-symlink-csv",
                "add-symlink-csv-outside",
                "delete-file", "rename-file", "add-empty-file", "add-blank-lines-file",
                "add-header-only-file", "add-directory-csv", "delete-folder")]
        out += [
            ("measures", "value", "percent-over-100"), ("measures", "value", "count-fraction"),
            ("measures", "value", "figure-not-in-quote"),
            ("measures", "ci_half_width", "interval-not-in-quote"),
            ("measures", "period_start", "start-after-end"),
            ("grades", "grade", "adequate-on-4-tier"),
            ("grades", "scale", "5-tier-before-2021"),
            ("milestones", "event_date", "date-not-in-quote"),
            ("milestones", "event_date", "impossible-date"),
            ("milestones", "kind", "recommendation-due"),
            ("milestones", "milestone_id", "collides-with-derived-due-id"),
            ("milestones", "date_precision", "month-not-first-day"),
            ("recommendations", "number", "number-not-in-quote"),
            ("recommendations", "text", "text-not-in-quote"),
            ("recommendations", "due_on", "due-before-report"),
            ("recommendations", "due_on", "due-before-raised"),
            ("recommendations", "status", "closed-without-fields"),
            ("recommendations", "closed_on", "closed-on-while-open"),
            ("recommendations", "closed_on", "closed-date-not-in-quote"),
            ("recommendations", "parent_id", "unknown-parent"),
            ("recommendations", "parent_id", "parent-not-a-cause-of-concern"),
            ("sources", "url", "no-url-no-document"), ("sources", "url", "not-a-web-address"),
            ("sources", "document", "document-missing"),
            ("sources", "document", "document-escapes-repository"),
            ("sources", "document", "document-absolute"),
            ("sources", "document", "document-directory"),
            ("sources", "document", "document-binary-file"),
            ("sources", "document", "document-other-text-file"),
            ("sources", "source_id", "renamed-source"),
        ]
        out += [("documents", None, k) for k in (
            "doc-delete", "doc-cp1252", "doc-utf-16", "doc-truncate", "doc-add-unrelated",
            "doc-crlf", "doc-bom")]
        return out

    # -- dispatch --

    def apply(self, table, col, kind, rng) -> Exp:
        if table == "documents":
            return self.documents(kind, rng)
        if col is None:
            return self.whole_file(table, kind, rng)
        if kind.startswith("header-"):
            return self.header(table, col, kind, rng)
        special = getattr(self, "k_" + kind.replace("-", "_"), None)
        if special is not None:
            return special(table, col, rng)
        return self.cell(table, col, kind, rng)

    # -- one cell --

    def cell(self, table, col, kind, rng) -> Exp:
        cls = col_class(table, col)
        t = schema.BY_NAME[table]
        column = t.column(col)
        nonempty = self.m.rows(table, lambda d: d[col].strip())
        f, i = rng.choice(nonempty) if nonempty else self.pick(rng, table)
        row = f.dicts()[i]
        old = row[col]
        disp = self.disp(f.rel)
        if kind == "unbalanced-quote":
            return self.unbalanced_cell(f, i, col)
        if kind == "empty":
            value = ""
        elif kind in CONTENT_KINDS:
            value = content_value(kind, old, rng, cls)
        elif kind == "bad-date":
            value = rng.choice(BAD_DATES)
        elif kind == "wrong-type":
            value = rng.choice(BAD_NUMBERS["wrong-type"]) if cls == "double" else \
                rng.choice(["not an id", "id,with,commas", "-leading-dash", "ünïcode"])
        elif kind in BAD_NUMBERS:
            value = rng.choice(BAD_NUMBERS[kind])
        elif kind == "negative":
            value = "-" + (old.strip() or "5")
        elif kind == "out-of-range":
            value = "100.5" if row.get("unit") == "percent" and col == "value" else "1e15"
        elif kind == "unknown-vocab":
            value = rng.choice(["Brilliant", old.upper() if old.upper() != old else old.lower(),
                                old + "s", "other thing"])
        elif kind == "other-vocab":
            pool = schema.MILESTONE_KINDS_IN_CSV if (table, col) == ("milestones", "kind") \
                else column.choices
            value = rng.choice([c for c in pool if c != old])
        elif kind == "new-key":
            value = old + "-renamed"
        elif kind == "unknown-source":
            value = "no-such-source-" + str(rng.randint(1, 999))
        elif kind == "other-source":
            value = rng.choice(sorted(s for s in self.m.sources if s != old))
        else:
            raise ValueError(kind)
        line = self.set_cell(f, i, col, value)
        e = self.cell_expect(table, col, kind, cls, row, old, value)
        e.file, e.line = disp, None if kind == "long-200k" else line
        e.cols = (col,) if e.cols is None else (e.cols or None)
        e.note = f"{disp} line {line} column {col}: {short(old)} -> {short(value)}"
        return e

    def cell_expect(self, table, col, kind, cls, row, old, value) -> Exp:
        column = schema.BY_NAME[table].column(col)
        if kind == "empty":
            return self.empty_expect(table, col, row, column)
        if kind == "pad":
            if cls in ("id", "date", "double"):
                return Exp("build", neutral=True)
            return Exp("build") if cls == "free" or col in ("quote", "closed_quote") \
                else Exp("either")
        if kind == "new-key":
            return self.rename_key_expect(table, row)
        if kind == "long-200k":
            return Exp("either", cols=(), line=None)
        if kind == "line-break" and " " in old and cls in ("free", "checked") and \
                col in ("quote", "closed_quote", "text", "title", "publisher") + tuple(
                    c for t, c in UNCHECKED if t == table):
            return Exp("build")  # white space runs are folded
        if kind == "unicode-digits":  # numbers and dates take ASCII digits only
            return Exp("reject", why="numbers are ASCII digits") if cls == "double" \
                else Exp("either")
        if kind == "nul-byte":  # control characters are refused in every cell
            return Exp("reject", cols=(col,), why="no control characters")
        if kind == "other-vocab":  # the rule it breaks may sit on another column of the row
            e = self.other_vocab_expect(table, col, row, value)
            e.cols = ()
            return e
        if kind == "long-100k" and cls == "id":
            if column.name == schema.BY_NAME[table].key:
                return self.rename_key_expect(table, row)
            return Exp("reject", why="references must name an existing row")
        if kind in ("unknown-source", "other-source"):
            return Exp("reject", why="source_id names a source in its own file")
        if cls in ("id", "date", "double", "vocab"):
            return Exp("reject", why=f"a {cls} cell must be valid")
        if cls == "free":
            return Exp("build")
        # free text the build checks
        if col in ("quote", "closed_quote"):
            sid = row["closed_source_id"] if col == "closed_quote" else row["source_id"]
            if self.m.doc_of(sid):
                return Exp("reject", cols=(col,), why="quotes are verbatim")
            return Exp("either")
        if col in ("text", "number", "document"):
            return Exp("reject", why=f"{col} must match its quote or file")
        if col == "url" and kind == "append-words":
            return Exp("reject", why="url is a web address")
        return Exp("either")

    def empty_expect(self, table, col, row, column) -> Exp:
        if column.required:
            return Exp("reject", why="required column")
        if table == "sources":
            if col == "url":
                return Exp("build") if row["document"] else \
                    Exp("reject", why="url required where document is empty")
            if col == "document":
                return Exp("build") if row["url"] else \
                    Exp("reject", cols=("url", "document"), why="a source needs a url or document")
            return Exp("either")
        if table == "recommendations":
            if col.startswith("closed_") and row["status"] == "closed":
                return Exp("reject", why="closing fields required when closed")
            if col == "due_on" and row["due_on"]:
                return Exp("build", delta={"milestones": (-1, -1)})
        return Exp("build")

    def rename_key_expect(self, table, row) -> Exp:
        if table == "sources":
            return Exp("reject", located=False, why="facts cite the old source_id")
        if table == "recommendations" and any(
                r["parent_id"] == row["rec_id"] for r in self.m.recs.values()):
            return Exp("reject", located=False, why="a recommendation names it as parent")
        return Exp("build")

    def other_vocab_expect(self, table, col, row, value) -> Exp:
        if (table, col) == ("measures", "unit"):
            v = float(row["value"])
            if value == "percent" and not 0 <= v <= 100 or value == "count" and v != int(v):
                return Exp("reject", why="percent 0–100, counts whole")
            return Exp("build")
        if (table, col) == ("grades", "grade"):
            return Exp("either")  # the new word may happen to be in the quote
        if (table, col) == ("grades", "scale"):
            return Exp("reject", why="Adequate exists only on the 5-tier scale") \
                if row["grade"] == "Adequate" else Exp("either")
        if table == "recommendations" and col in ("status", "closed_precision"):
            return Exp("either")
        if col == "date_precision":
            return Exp("either")
        return Exp("build")

    def unbalanced_cell(self, f, i, col) -> Exp:
        """A `"` opening the cell that is never closed."""
        j = f.header.index(col)
        lines = [dump(f.header, [])]
        for k, r in enumerate(f.rows):
            if k == i:
                cells = [cell_text(c) for c in r]
                cells[j] = '"' + r[j]
                lines.append(",".join(cells) + "\r\n")
            else:
                lines.append(dump(f.header, [r])[len(lines[0]):])
        self.path(f.rel).write_text("".join(lines), encoding="utf-8", newline="")
        line = row_lines(dump(f.header, f.rows))[i]
        return Exp("reject", file=self.disp(f.rel), why="CSV must be well formed",
                   note=f"{self.disp(f.rel)} line {line} column {col}: '\"' opens the cell")

    # -- targeted cells: each makes one rule fire --

    def _set(self, f, i, col, value, expect="reject", cols=None, why="", **kw) -> Exp:
        old = f.rows[i][f.header.index(col)]
        line = self.set_cell(f, i, col, value)
        d = self.disp(f.rel)
        return Exp(expect, file=d, line=line, cols=cols or (col,), why=why,
                   note=f"{d} line {line} column {col}: {short(old)} -> {short(value)}", **kw)

    def k_percent_over_100(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["unit"] == "percent")
        return self._set(f, i, col, rng.choice(["100.5", "250", "101"]), why="percent 0–100")

    def k_count_fraction(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["unit"] == "count")
        return self._set(f, i, col, f.rows[i][f.header.index(col)] + ".5", why="whole counts")

    def k_figure_not_in_quote(self, table, col, rng):
        f, i = self.pick(rng, table)
        v = float(f.dicts()[i]["value"])
        return self._set(f, i, col, f"{v + 1000003:g}", why="figures are in their quotes")

    def k_interval_not_in_quote(self, table, col, rng):
        f, i = self.pick(rng, table)
        return self._set(f, i, col, "987654.3", why="the interval is in the quote")

    def k_start_after_end(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["period_end"] < "2026-12-31")
        end = date.fromisoformat(f.dicts()[i]["period_end"])
        return self._set(f, i, col, (end + timedelta(days=1)).isoformat(), why="start ≤ end")

    def k_adequate_on_4_tier(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["scale"] == "4-tier")
        return self._set(f, i, col, "Adequate", cols=("grade", "quote"),
                         why="Adequate exists only on the 5-tier scale")

    def k_5_tier_before_2021(self, table, col, rng):
        def early(d):
            m = re.search(r"\b(20\d\d)\b", d["inspection"])
            return d["scale"] == "4-tier" and d["grade"] != "Adequate" and m and \
                int(m.group(1)) < 2021
        f, i = self.pick(rng, table, early)
        return self._set(f, i, col, "5-tier", cols=("scale", "grade"),
                         why="README: scale is 4-tier before 2021/22, 5-tier from 2021/22")

    def k_date_not_in_quote(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["event_date"] >= "2015")
        d = date.fromisoformat(f.dicts()[i]["event_date"])
        return self._set(f, i, col, d.replace(year=d.year - 1).isoformat(),
                         why="a milestone's date is in its quote")

    def k_impossible_date(self, table, col, rng):
        f, i = self.pick(rng, table)
        return self._set(f, i, col, rng.choice(["2022-02-30", "2023-04-31", "2021-02-29"]),
                         why="a real date")

    def k_recommendation_due(self, table, col, rng):
        f, i = self.pick(rng, table)
        return self._set(f, i, col, "recommendation due", why="derived by the build")

    def k_collides_with_derived_due_id(self, table, col, rng):
        f, i = self.pick(rng, table)
        due = sorted(r for r, d in self.m.recs.items() if d["due_on"])
        return self._set(f, i, col, "due/" + rng.choice(due),
                         why="milestone_id unique, and due/<rec_id> is the build's own")

    def k_month_not_first_day(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["date_precision"] == "day"
                         and not d["event_date"].endswith("-01"))
        return self._set(f, i, col, "month", cols=("date_precision", "event_date"),
                         why="README: a month is stored as its first day")

    def k_number_not_in_quote(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["number"])
        return self._set(f, i, col, "999", why="the number is in the quote")

    def k_text_not_in_quote(self, table, col, rng):
        f, i = self.pick(rng, table)
        return self._set(f, i, col, f.dicts()[i]["text"] + " and more besides",
                         why="text is contained in the quote")

    def k_due_before_report(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["due_on"])
        return self._set(f, i, col, "2014-01-02", why="deadlines not before publication")

    def k_due_before_raised(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["due_on"] and d["raised_on"])
        raised = date.fromisoformat(f.dicts()[i]["raised_on"])
        return self._set(f, i, col, (raised - timedelta(days=1)).isoformat(),
                         why="due_on not before raised_on")

    def k_closed_without_fields(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["status"] != "closed")
        return self._set(f, i, col, "closed", cols=("closed_on", "closed_precision",
                                                    "closed_source_id", "closed_quote"),
                         why="closing fields required when closed")

    def k_closed_on_while_open(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["status"] != "closed")
        return self._set(f, i, col, "2023-01-01", why="closed_on only when closed")

    def k_closed_date_not_in_quote(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["status"] == "closed")
        d = date.fromisoformat(f.dicts()[i]["closed_on"])
        return self._set(f, i, col, d.replace(year=d.year - 1).isoformat(),
                         why="the closing date is in closed_quote")

    def k_unknown_parent(self, table, col, rng):
        f, i = self.pick(rng, table)
        return self._set(f, i, col, "no-such-recommendation", why="parent must exist")

    def k_parent_not_a_cause_of_concern(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["kind"] == "recommendation")
        me = f.dicts()[i]["rec_id"]
        target = rng.choice(sorted(r for r, d in self.m.recs.items()
                                   if d["kind"] != "cause of concern" and r != me))
        return self._set(f, i, col, target,
                         why="README: parent_id is the cause of concern it belongs to")

    def k_no_url_no_document(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: not d["document"])
        return self._set(f, i, col, "", why="url required where document is empty")

    def k_not_a_web_address(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: d["url"])
        return self._set(f, i, col, rng.choice(["www.example.org/x", "ftp://example.org/a",
                                                "see the report"]), why="url is a web address")

    def _doc(self, rng, value, why, **kw):
        f, i = self.pick(rng, "sources", lambda d: d["document"])
        return self._set(f, i, "document", value, why=why, **kw)

    def k_document_missing(self, table, col, rng):
        return self._doc(rng, "data/documents/no-such-file.txt", "the document exists")

    def k_document_escapes_repository(self, table, col, rng):
        return self._doc(rng, rng.choice(["../../etc/passwd", "data/../../../../etc/passwd"]),
                         "the document is inside the repository")

    def k_document_absolute(self, table, col, rng):
        return self._doc(rng, "/etc/passwd", "the document is inside the repository")

    def k_document_directory(self, table, col, rng):
        return self._doc(rng, rng.choice(["data/documents", "data", "."]),
                         "the document is a file")

    def k_document_binary_file(self, table, col, rng):
        blob = bytes(rng.randrange(256) for _ in range(4096))
        (self.work / "documents" / "scan.pdf").write_bytes(b"%PDF-1.4\n\xff\xfe" + blob)
        return self._doc(rng, "data/documents/scan.pdf", "the document is UTF-8 text")

    def k_document_other_text_file(self, table, col, rng):
        return self._doc(rng, "data/README.md", "quotes are verbatim in the document",
                         located=False)

    def k_renamed_source(self, table, col, rng):
        f, i = self.pick(rng, table, lambda d: self.m.referenced_sources()[d["source_id"]])
        return self._set(f, i, col, f.dicts()[i]["source_id"] + "-renamed", located=False,
                         why="facts cite the old source_id")

    def k_quote_not_in_document(self, table, col, rng):
        sid_col = "closed_source_id" if col == "closed_quote" else "source_id"
        f, i = self.pick(rng, table, lambda d: d[col] and self.m.doc_of(d[sid_col]))
        words = f.dicts()[i][col].split(" ")
        k = rng.randint(1, max(1, len(words) - 1))
        value = " ".join(words[:k] + ["not"] + words[k:])
        return self._set(f, i, col, value, why="quotes are verbatim")

    def k_figure_removed(self, table, col, rng):
        """The quote loses what its row states: the value, grade word, date or number."""
        for _ in range(50):
            f, i = self.pick(rng, table)
            d = f.dicts()[i]
            q = d["quote"]
            if table == "measures":
                for _ in range(4):
                    w = written_number(q, float(d["value"]))
                    if w is None:
                        break
                    q = re.sub(rf"(?<![\w.]){re.escape(w)}(?![\d])", "", q) if w[0].isdigit() \
                        else re.sub(r"(?i)\b\w+\b", lambda m: "" if m.group(0) and
                                    written_number(m.group(0), float(d["value"])) else m.group(0),
                                    q)
                if written_number(q, float(d["value"])) is not None:
                    continue
                cols = ("value", "quote")
            elif table == "grades":
                q = re.sub(r"(?i)outstanding|good|adequate|requir\w*\s+improvement|inadequate",
                           "", q)
                cols = ("quote",)
            elif table == "milestones":
                q = re.sub(r"\d+", "", q)
                for m in range(1, 13):
                    q = re.sub(rf"(?i)\b(?:{date(2000, m, 1):%B}|{date(2000, m, 1):%b}\.?|"
                               rf"Sept\.?)\b", "", q)
                cols = ("event_date", "quote")
            else:
                if d["number"]:
                    q = re.sub(rf"\b{re.escape(d['number'])}\b", "", q)
                    cols = ("number", "quote")
                else:
                    words = d["text"].split()
                    if len(words) < 3:
                        continue
                    q = q.replace(d["text"], " ".join(words[:1] + words[2:]))
                    cols = ("text", "quote")
            if q != d["quote"] and q.strip():
                return self._set(f, i, "quote", q, cols=cols, why="the quote states the figure")
        raise Skip("no quote with a removable figure")

    # -- the header --

    def header(self, table, col, kind, rng) -> Exp:
        f = rng.choice(self.m.files[table])
        d = self.disp(f.rel)
        h, rows = list(f.header), [list(r) for r in f.rows]
        j = h.index(col)
        if kind == "header-delete":
            del h[j]
            for r in rows:
                del r[j]
            e = Exp("reject", cols=(col,))
        elif kind == "header-rename":
            h[j] = rng.choice([col + "_x", col.replace("_", " "), col[:-1], "notes"])
            if h[j] in f.header:
                h[j] = col + "_x"
            e = Exp("reject", cols=(col, h[j]))
        elif kind == "header-case":
            h[j] = col.upper() if col.upper() != col else col.title()
            e = Exp("reject", cols=(col, h[j]))
        elif kind == "header-duplicate":
            h.append(col)
            for r in rows:
                r.append(r[j])
            e = Exp("reject", cols=(col,))
        elif kind == "header-reorder":
            k = rng.choice([x for x in range(len(h)) if x != j])
            h[j], h[k] = h[k], h[j]
            for r in rows:
                r[j], r[k] = r[k], r[j]
            e = Exp("build", neutral=True)
        elif kind == "header-padding":
            h[j] = "  " + col + " "
            e = Exp("build", neutral=True)
        else:
            raise ValueError(kind)
        self.write_rows(f, rows, header=h)
        if e.expect == "reject":
            e.file, e.line, e.why = d, 1, "the header names exactly the table's columns"
        e.note = f"{d} header: {short(f.header)} -> {short(h)}"
        return e

    # -- rows and whole files --

    def whole_file(self, table, kind, rng) -> Exp:
        t = schema.BY_NAME[table]
        f = rng.choice(self.m.files[table])
        d, p = self.disp(f.rel), self.path(f.rel)
        raw = p.read_bytes()
        n = len(f.rows)
        text = raw.decode("utf-8-sig")
        lines = row_lines(text)
        referenced = table in ("sources", "recommendations")

        if kind in ("duplicate-row", "duplicate-row-new-key"):
            i = rng.randrange(n)
            dup = list(f.rows[i])
            if kind == "duplicate-row-new-key":
                dup[f.header.index(t.key)] += "-copy"
            rows = f.rows[: i + 1] + [dup] + f.rows[i + 1:]
            line = row_lines(self.write_rows(f, rows))[i + 1]
            if kind == "duplicate-row":
                return Exp("reject", file=d, line=line, cols=(t.key,), why="keys are unique",
                           note=f"{d}: row at line {lines[i]} repeated at line {line}")
            delta = merge({table: (1, 1)}, {k: (-a, -b) for k, (a, b) in
                                             due_delta([dict(zip(f.header, dup))]).items()})
            return Exp("build", delta=delta,
                       note=f"{d}: row at line {lines[i]} copied with key +'-copy'")
        if kind == "delete-row":
            i = rng.randrange(n)
            row = f.dicts()[i]
            self.write_rows(f, f.rows[:i] + f.rows[i + 1:])
            note = f"{d}: row at line {lines[i]} deleted"
            gone_src = table == "sources" and self.m.referenced_sources()[row["source_id"]]
            gone_parent = table == "recommendations" and any(
                r["parent_id"] == row["rec_id"] for r in self.m.recs.values())
            if gone_src or gone_parent:
                return Exp("reject", located=False, why="a row refers to it", note=note)
            return Exp("build", delta=merge({table: (-1, -1)}, due_delta([row])), note=note)
        if kind in ("short-row", "extra-field"):
            i = rng.randrange(n)
            r = list(f.rows[i])
            r = r[:-1] if kind == "short-row" else r + ["extra"]
            out = dump(f.header, [])
            for k, row in enumerate(f.rows):
                buf = io.StringIO()
                csv.writer(buf, lineterminator="\r\n").writerow(r if k == i else row)
                out += buf.getvalue()
            p.write_text(out, encoding="utf-8", newline="")
            line = row_lines(dump(f.header, f.rows))[i]
            return Exp("reject", file=d, line=line, why="every row has the header's fields",
                       note=f"{d} line {line}: {kind}")
        if kind == "add-column":
            self.write_rows(f, [r + ["x"] for r in f.rows], header=f.header + ["notes"])
            return Exp("reject", file=d, line=1, cols=("notes",), why="no unknown columns",
                       note=f"{d}: column 'notes' added")
        if kind == "truncate":
            cut = rng.randrange(1, len(raw))
            p.write_bytes(raw[:cut])
            due = self.m.due_count(f.dicts())
            delta = {table: (-n, 0)} | ({"milestones": (-due, 0)} if due else {})
            return Exp("either", file=d, located=not referenced, delta=delta,
                       note=f"{d} truncated to {cut} of {len(raw)} bytes")
        if kind == "raw-unbalanced-quote":
            commas = [k for k, ch in enumerate(text) if ch == ","]
            k = rng.choice(commas) + 1
            p.write_text(text[:k] + '"' + text[k:], encoding="utf-8", newline="")
            return Exp("reject", file=d, why="CSV must be well formed",
                       note=f"{d}: '\"' inserted at character {k}")
        if kind == "cp1252":
            enc = text.encode("cp1252", errors="replace")
            p.write_bytes(enc)
            if enc == text.encode("utf-8"):
                return Exp("build", neutral=True, note=f"{d} saved as cp1252 (ASCII only)")
            return Exp("reject", file=d, why="files are UTF-8", note=f"{d} saved as cp1252")
        if kind == "utf-16":
            p.write_bytes(text.encode("utf-16"))
            return Exp("reject", file=d, why="files are UTF-8", note=f"{d} saved as UTF-16")
        if kind == "cr-endings":
            p.write_bytes(text.replace("\r\n", "\r").encode())
            return Exp("either", file=d, note=f"{d}: old Mac CR line endings")
        if kind == "double-bom":
            p.write_bytes(b"\xef\xbb\xbf" * 2 + text.encode())
            return Exp("either", file=d, line=1, note=f"{d}: two byte-order marks")
        if kind in ("bom", "lf-endings", "trailing-blank-lines", "bom-crlf-blank"):
            body = text.replace("\r\n", "\n")
            if kind == "bom":
                out = b"\xef\xbb\xbf" + text.encode()
            elif kind == "lf-endings":
                out = body.encode()
            elif kind == "trailing-blank-lines":
                out = (text + "\r\n\r\n,,\r\n   \r\n").encode()
            else:
                out = b"\xef\xbb\xbf" + (body.rstrip("\n") + "\n\n\n").replace(
                    "\n", "\r\n").encode()
            p.write_bytes(out)
            return Exp("build", neutral=True, note=f"{d}: {kind}")
        if kind == "delete-file":
            p.unlink()
            note = f"{d} deleted"
            if len(self.m.files[table]) == 1:
                return Exp("reject", file=f"data/{t.folder}/", note=note)
            dicts = f.dicts()
            if table == "sources":
                gone = {r["source_id"] for r in dicts}
                if any(self.m.referenced_sources()[s] for s in gone):
                    return Exp("reject", located=False, why="facts cite its sources", note=note)
            if table == "recommendations":
                gone = {r["rec_id"] for r in dicts}
                if any(r["parent_id"] in gone for r in self.m.recs.values()
                       if r["rec_id"] not in gone):
                    return Exp("reject", located=False, why="a parent is gone", note=note)
            return Exp("build", delta=merge({table: (-n, -n)}, due_delta(dicts)), note=note)
        if kind == "rename-file":
            new = p.with_name("renamed-" + p.name)
            p.rename(new)
            nd = f"data/{t.folder}/{new.name}"
            note = f"{d} renamed to {nd}"
            if t.one_file_per_source:
                return Exp("reject", file=nd, line=lines[0], cols=("source_id",),
                           why="one file per source, named by source_id", note=note)
            return Exp("build", neutral=True, note=note)
        extra = self.work / t.folder / "zz-extra.csv"
        nd = f"data/{t.folder}/zz-extra.csv"
        if kind == "add-empty-file":
            extra.write_bytes(b"")
            return Exp("reject", file=nd, line=1, why="a file needs a header", note=f"{nd} empty")
        if kind == "add-blank-lines-file":
            extra.write_bytes(b"\r\n\r\n  \r\n")
            return Exp("reject", file=nd, why="a file needs a header",
                       note=f"{nd} holds blank lines")
        if kind == "add-header-only-file":
            extra.write_text(dump(f.header, []), encoding="utf-8", newline="")
            return Exp("build", neutral=True, note=f"{nd} holds only a header")
        if kind == "add-directory-csv":
            extra.mkdir()
            return Exp("reject", file=nd, why="only files are read",
                       note=f"{nd} is a directory")
        if kind == "add-dangling-symlink-csv":
            extra.symlink_to(self.work / t.folder / "no-such-target.csv")
            return Exp("reject", file=nd, why="only readable files",
                       note=f"{nd} is a symlink to a missing file")
        if kind == "add-symlink-csv-outside":
            target = self.work.parent.parent / "outside.csv"
            target.write_text(dump(f.header, []), encoding="utf-8", newline="")
            extra.symlink_to(target)
            return Exp("either", file=nd, note=f"{nd} is a symlink to a header-only CSV outside"
                       " the repository")
        if kind == "delete-folder":
            shutil.rmtree(self.work / t.folder)
            return Exp("reject", file=f"data/{t.folder}/", located=table != "sources",
                       why="every table has files", note=f"data/{t.folder}/ deleted")
        raise ValueError(kind)

    def documents(self, kind, rng) -> Exp:
        users = {s["document"]: s for s in self.m.sources.values() if s["document"]}
        rel = rng.choice(sorted(users))[len("data/"):]
        p = self.path(rel)
        raw = p.read_bytes()
        text = raw.decode("utf-8")
        d = f"data/{rel}"
        src = self.m.rows("sources", lambda r: r["document"] == "data/" + rel)[0]
        src_file = self.disp(src[0].rel)
        src_line = row_lines(self.path(src[0].rel).read_text(encoding="utf-8-sig"))
        if kind == "doc-delete":
            p.unlink()
            return Exp("reject", file=src_file, line=src_line[src[1]], cols=("document",),
                       why="the document exists", note=f"{d} deleted")
        if kind in ("doc-cp1252", "doc-utf-16"):
            enc = text.encode("cp1252", errors="replace") if kind == "doc-cp1252" \
                else text.encode("utf-16")
            p.write_bytes(enc)
            if enc == raw:
                return Exp("build", neutral=True, note=f"{d}: {kind} (ASCII only)")
            return Exp("reject", located=False, why="documents are UTF-8 text",
                       note=f"{d} re-encoded ({kind})")
        if kind == "doc-truncate":
            cut = rng.randrange(1, len(raw))
            p.write_bytes(raw[:cut])
            return Exp("either", located=False, note=f"{d} truncated to {cut} of {len(raw)} bytes")
        if kind == "doc-add-unrelated":
            (self.work / "documents" / "999_unrelated.txt").write_text("Nothing cited here.\n")
            return Exp("build", neutral=True, note="data/documents/999_unrelated.txt added")
        if kind == "doc-crlf":
            p.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode())
            return Exp("build", neutral=True, note=f"{d}: CRLF line endings")
        if kind == "doc-bom":
            p.write_bytes(b"\xef\xbb\xbf" + raw)
            return Exp("either", located=False, note=f"{d}: byte-order mark added")
        raise ValueError(kind)


# --- running and judging -----------------------------------------------------------------------

@dataclass
class Result:
    index: int
    table: str
    column: str | None
    kind: str
    outcome: str
    exp: Exp | None
    reasons: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    cli: str | None = None  # outcome through the CLI, when sampled
    shown: list[str] = field(default_factory=list)  # the first problems, as printed


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Workspace:
    """A pristine copy of data/ kept in memory, a work copy restored between mutations, and an
    output folder holding a previously built good database."""

    def __init__(self, tmp: Path, data: Path):
        self.data = tmp / "root" / "data"
        shutil.copytree(data, self.data, ignore=shutil.ignore_patterns("*.duckdb*", ".*.tmp*"))
        self.blobs = {p.relative_to(self.data).as_posix(): p.read_bytes()
                      for p in self.data.rglob("*") if p.is_file()}
        self.dirs = {p.relative_to(self.data).as_posix()
                     for p in self.data.rglob("*") if p.is_dir()}
        self.out_dir = tmp / "out"
        self.out = self.out_dir / "staffordshire.duckdb"
        pbuild.build(self.data, self.out)
        self.golden = self.out.read_bytes()
        self.golden_sha = hashlib.sha256(self.golden).hexdigest()
        self.base_counts, self.base_digest = db_facts(self.out)
        self.model = Model(self.data)

    def restore(self):
        for dirpath, dirnames, filenames in os.walk(self.data):
            d = Path(dirpath)
            for name in list(dirnames):
                if (d / name).relative_to(self.data).as_posix() not in self.dirs:
                    shutil.rmtree(d / name) if not (d / name).is_symlink() else (d / name).unlink()
                    dirnames.remove(name)
            for name in filenames:
                if (d / name).relative_to(self.data).as_posix() not in self.blobs:
                    (d / name).unlink()
        for rel, blob in self.blobs.items():
            p = self.data / rel
            if not p.is_file() or p.read_bytes() != blob:
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_bytes(blob)
        for p in self.out_dir.iterdir():
            if p != self.out:
                p.unlink() if p.is_file() else shutil.rmtree(p)
        if not self.out.exists() or sha(self.out) != self.golden_sha:
            self.out.write_bytes(self.golden)


def db_facts(path: Path):
    from pfcc import db
    con = db.connect(path, shared=False)  # the fuzzer rewrites this file: no cached connection
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLE_NAMES}
        digest = {}
        for t in schema.TABLES:
            rows = con.execute(f"SELECT * FROM {t.name} ORDER BY {t.key}").fetchall()
            digest[t.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
        info = con.execute("SELECT data_version FROM build_info").fetchall()
        if len(info) != 1:
            raise AssertionError(f"build_info has {len(info)} rows")
        return counts, digest
    finally:
        con.close()


def header_of(path: Path) -> list[str]:
    try:
        first = path.read_bytes().decode("utf-8-sig").splitlines()[0]
        return [h.strip() for h in next(csv.reader([first]))]
    except (OSError, UnicodeDecodeError, IndexError, StopIteration, csv.Error):
        return []


def check_problems(ws: Workspace, problems, exp: Exp) -> tuple[list[str], list[str]]:
    """Reasons the rejection is not clear, and the rules it cites."""
    reasons, rules = [], []
    if not isinstance(problems, list) or not problems:
        return ["BuildError without problems"], rules
    root = ws.data.parent
    all_cols = {c.name for t in schema.TABLES for c in t.columns}
    for p in problems:
        if not isinstance(p, pbuild.Problem):
            reasons.append(f"problem is not a Problem: {p!r}")
            continue
        rules += rules_of(p)
        if not p.file or not isinstance(p.file, str) or not p.file.startswith("data/"):
            reasons.append(f"problem without a data/ file: {p}")
            continue
        if str(root) in p.file or "Traceback" in p.rule:
            reasons.append(f"problem leaks a path or traceback: {p}")
        if not p.rule or len(re.findall(r"[A-Za-z]{2,}", p.rule)) < 2:
            reasons.append(f"problem without a rule in words: {p}")
        if p.line is not None and (not isinstance(p.line, int) or p.line < 1):
            reasons.append(f"problem with a bad line number: {p}")
        target = root / p.file
        if p.line is not None and target.is_file():
            n = target.read_bytes().count(b"\n") + 1
            if p.line > n:
                reasons.append(f"line {p.line} is past the end of {p.file} ({n} lines): {p}")
        if p.column and p.column not in all_cols and p.column not in header_of(target):
            reasons.append(f"column {p.column!r} is in neither the table nor the file: {p}")
    if exp.located and exp.file and not reasons:
        near = [p for p in problems if p.file == exp.file or
                (exp.file.endswith("/") and p.file.startswith(exp.file))]
        if exp.line is not None:
            near = [p for p in near if p.line == exp.line]
        if exp.cols is not None:
            near = [p for p in near if p.column in exp.cols]
        if not near:
            where = exp.file + (f", line {exp.line}" if exp.line else "") + \
                (f", column {'/'.join(exp.cols)}" if exp.cols else "")
            got = "; ".join(str(p) for p in problems[:3])
            reasons.append(f"no problem points at {where} (got: {got})")
    return reasons, rules


def judge_build(ws: Workspace, summary, exp: Exp) -> list[str]:
    reasons = []
    stray = [p.name for p in ws.out_dir.iterdir() if p != ws.out]
    if stray:
        reasons.append(f"files left next to the database: {stray}")
    try:
        counts, digest = db_facts(ws.out)
    except Exception as e:  # noqa: BLE001
        return reasons + [f"the new database does not open: {type(e).__name__}: {e}"]
    if counts != {k: summary.rows[k] for k in TABLE_NAMES}:
        reasons.append(f"summary rows {summary.rows} differ from the database's {counts}")
    for t in TABLE_NAMES:
        lo, hi = exp.delta.get(t, (0, 0))
        base = ws.base_counts[t]
        if not base + lo <= counts[t] <= base + hi:
            want = base + lo if lo == hi else f"{base + lo}..{base + hi}"
            reasons.append(f"{t}: {counts[t]} rows, expected {want}")
    if exp.neutral:
        changed = [t for t in TABLE_NAMES if digest[t] != ws.base_digest[t]]
        if changed:
            reasons.append(f"contents changed in {changed} although the mutation keeps them")
    if exp.expect == "reject":
        reasons.append(f"accepted, but should be rejected ({exp.why})")
    return reasons


def run_one(ws: Workspace, cat: Catalogue, index: int, tmpl, seed: int) -> Result:
    table, col, kind = tmpl
    ws.restore()
    rng = random.Random(f"{seed}/{index}")
    res = Result(index, table, col, kind, FAILURE, None)
    try:
        exp = cat.apply(table, col, kind, rng)
    except Skip as e:
        res.outcome, res.reasons = "SKIPPED", [str(e)]
        return res
    res.exp = exp
    try:
        summary = pbuild.build(ws.data, ws.out)
    except pbuild.BuildError as e:
        reasons, rules = check_problems(ws, e.problems, exp)
        res.shown = [str(p)[:300] for p in e.problems[:3]]
        res.rules = sorted(set(rules))
        if "Traceback" in str(e):
            reasons.append("the message holds a traceback")
        if sha(ws.out) != ws.golden_sha:
            reasons.append("the previous database was changed by a failed build")
        stray = [p.name for p in ws.out_dir.iterdir() if p != ws.out]
        if stray:
            reasons.append(f"files left next to the database: {stray}")
        if exp.expect == "build":
            got = "; ".join(str(p) for p in e.problems[:3])
            reasons.append(f"rejected, but should build: {got}")
        res.reasons = reasons
        res.outcome = FAILURE if reasons else REJECTED
        return res
    except Exception as e:  # noqa: BLE001 - any other exception is the finding
        tb = traceback.extract_tb(e.__traceback__)
        here = next((f"{Path(fr.filename).name}:{fr.lineno} in {fr.name}"
                     for fr in reversed(tb) if "pfcc" in fr.filename), "?")
        res.reasons = [f"{type(e).__name__} at {here}: {str(e)[:200]}"]
        if sha(ws.out) != ws.golden_sha:
            res.reasons.append("the previous database was changed")
        stray = [p.name for p in ws.out_dir.iterdir() if p != ws.out]
        if stray:
            res.reasons.append(f"files left next to the database: {stray}")
        return res
    res.reasons = judge_build(ws, summary, exp)
    res.outcome = FAILURE if res.reasons else BUILT
    return res


def run_cli(ws: Workspace, cat: Catalogue, res: Result, tmpl, seed: int) -> list[str]:
    """The same mutation through `python -m pfcc.build`: exit 1 and a plain message, or 0."""
    ws.restore()
    cat.apply(*tmpl, random.Random(f"{seed}/{res.index}"))
    done = subprocess.run([sys.executable, "-m", "pfcc.build", "--data", str(ws.data),
                           "--out", str(ws.out)], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    reasons = []
    if "Traceback" in done.stderr:
        reasons.append(f"CLI printed a traceback: {done.stderr.strip().splitlines()[-1][:200]}")
    if done.returncode == 1:
        res.cli = REJECTED
        if sha(ws.out) != ws.golden_sha:
            reasons.append("CLI: the previous database was changed")
        if not re.search(r"^  data/[^\n]*: \S", done.stderr, re.M):
            reasons.append(f"CLI: no 'data/… : rule' line in stderr: {done.stderr[:200]!r}")
        if res.outcome == BUILT:
            reasons.append("CLI rejected what build() accepted")
    elif done.returncode == 0:
        res.cli = BUILT
        if res.outcome == REJECTED:
            reasons.append("CLI built what build() rejected")
    else:
        res.cli = FAILURE
        reasons.append(f"CLI exit code {done.returncode}")
    stray = [p.name for p in ws.out_dir.iterdir() if p != ws.out]
    if stray:
        reasons.append(f"CLI left files next to the database: {stray}")
    return reasons


def plan(templates, count: int, seed: int):
    """Cover every column, kind and table first, then every template once, then repeat."""
    rng = random.Random(seed)
    pool = list(templates)
    rng.shuffle(pool)
    chosen, seen = [], set()

    def features(t):
        return {("col", t[0], t[1]), ("kind", t[2]), ("table-kind", t[0], t[2])}

    while len(chosen) < count:
        gain = [t for t in pool if features(t) - seen]
        if not gain:
            break
        best = max(gain, key=lambda t: len(features(t) - seen))
        chosen.append(best)
        seen |= features(best)
        pool.remove(best)
    while len(chosen) < count:
        chosen += pool[: count - len(chosen)]
        pool = list(templates)
        rng.shuffle(pool)
    return chosen[:count]


@dataclass
class Report:
    results: list[Result]
    seconds: float
    cli_checked: int

    @property
    def failures(self):
        return [r for r in self.results if r.outcome == FAILURE]

    def counts(self):
        return Counter(r.outcome for r in self.results)

    def columns_mutated(self):
        return {(r.table, r.column) for r in self.results if r.outcome != "SKIPPED"}

    def tables_mutated(self):
        return {r.table for r in self.results if r.outcome != "SKIPPED"}

    def rules_seen(self):
        return {x for r in self.results for x in r.rules}


def run(seed: int = 1, count: int = 300, cli_sample: int = 0, only=None, keep: Path | None = None,
        data: Path = REPO / "data") -> Report:
    t0 = time.monotonic()
    # tmpfs where there is one: DuckDB's checkpoint fsyncs, and on a disk that dominates the run
    shm = Path("/dev/shm")
    scratch = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="pfcc-fuzz-", dir=scratch) as tmp:
        ws = Workspace(Path(tmp), data)
        cat = Catalogue(ws.model, ws.data)
        todo = list(enumerate(plan(cat.templates(), count, seed)))
        if only:
            todo = [todo[i] for i in only]
        results = []
        for index, tmpl in todo:
            res = run_one(ws, cat, index, tmpl, seed)
            results.append(res)
            if res.outcome == FAILURE and keep:
                dst = keep / f"mutation-{index}"
                shutil.rmtree(dst, ignore_errors=True)
                shutil.copytree(ws.data, dst / "data", symlinks=True)
        cli_checked = 0
        if cli_sample:
            done = [(r, t) for r, (_, t) in zip(results, todo) if r.outcome in (REJECTED, BUILT)]
            built = [x for x in done if x[0].outcome == BUILT]
            rejected = [x for x in done if x[0].outcome == REJECTED]
            rng = random.Random(seed)
            n_built = min(len(built), max(1, cli_sample // 3))
            pick = rng.sample(built, n_built) + \
                rng.sample(rejected, min(len(rejected), cli_sample - n_built))
            for res, tmpl in sorted(pick, key=lambda x: x[0].index):
                reasons = run_cli(ws, cat, res, tmpl, seed)
                cli_checked += 1
                if reasons:
                    res.outcome, res.reasons = FAILURE, res.reasons + reasons
        ws.restore()
    return Report(results, time.monotonic() - t0, cli_checked)


def print_report(rep: Report, brief: bool = False, out=print, verbose: bool = False) -> None:
    if verbose:
        for r in rep.results:
            out(f"#{r.index} {r.outcome} {r.table}/{r.column or '(file)'}/{r.kind}: "
                f"{r.exp.note if r.exp else ''}")
            for line in r.shown + r.reasons:
                out(f"      {line}")
    if not brief:
        table = defaultdict(Counter)
        for r in rep.results:
            table[(r.table, r.column or "(file)", r.kind)][r.outcome] += 1
        out(f"{'table':16} {'column':17} {'mutation':30} {'rejected':>8} {'built':>6} "
            f"{'FAILURE':>7}")
        for (t, c, k), n in sorted(table.items()):
            out(f"{t:16} {c:17} {k:30} {n[REJECTED]:>8} {n[BUILT]:>6} {n[FAILURE]:>7}"
                + (f"  skipped {n['SKIPPED']}" if n["SKIPPED"] else ""))
        out("")
    per_table = defaultdict(Counter)
    for r in rep.results:
        per_table[r.table][r.outcome] += 1
    for t, n in sorted(per_table.items()):
        out(f"  {t:16} rejected {n[REJECTED]:4}  built {n[BUILT]:4}  FAILURE {n[FAILURE]:4}")
    c = rep.counts()
    out(f"{len(rep.results)} mutations in {rep.seconds:.1f}s ({rep.cli_checked} also through the"
        f" CLI): {c[REJECTED]} {REJECTED}, {c[BUILT]} {BUILT}, {c[FAILURE]} {FAILURE}"
        + (f", {c['SKIPPED']} skipped" if c["SKIPPED"] else ""))
    missing_cols = sorted({(t.name, col) for t in schema.TABLES for col in t.column_names}
                          - rep.columns_mutated())
    if missing_cols:
        out(f"columns never mutated: {missing_cols}")
    missing_rules = [name for name, _, _ in RULES if name not in rep.rules_seen()]
    out(f"rules cited: {len(RULES) - len(missing_rules)} of {len(RULES)}"
        + (f"; never: {missing_rules}" if missing_rules else ""))
    if rep.failures:
        out(f"\n{len(rep.failures)} FAILURE(S):")
        for r in rep.failures:
            out(f"  #{r.index} {r.table}/{r.column or '(file)'}/{r.kind}: "
                f"{r.exp.note if r.exp else ''}")
            for why in r.reasons:
                out(f"      {why}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--cli-sample", type=int, default=0, metavar="N",
                    help="also run N of the mutations through `python -m pfcc.build`")
    ap.add_argument("--only", help="comma-separated mutation numbers to run (same seed/count)")
    ap.add_argument("--keep", type=Path, help="copy each failing data/ here")
    ap.add_argument("--brief", action="store_true", help="skip the per-mutation-kind table")
    ap.add_argument("--verbose", action="store_true", help="print every mutation and problem")
    args = ap.parse_args(argv)
    only = [int(x) for x in args.only.split(",")] if args.only else None
    rep = run(args.seed, args.count, args.cli_sample, only, args.keep)
    print_report(rep, args.brief, verbose=args.verbose)
    return 1 if rep.failures else 0


if __name__ == "__main__":
    sys.exit(main())
