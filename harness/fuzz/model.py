"""The fuzzer's picture of a copy of data/ (its files, rows and references), what a mutation is
and what applying one reports, and the helpers every kind of mutation uses (`MutatorBase`)."""

from __future__ import annotations

import csv
import io
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pfcc.ingest import schema


class Skip(Exception):
    """The data holds no row this mutation can use."""


@dataclass(frozen=True)
class Mutation:
    table: str  # a schema table, or "documents"
    column: str | None  # None: the whole file
    kind: str

    @property
    def name(self) -> str:
        return f"{self.table}/{self.column or '(file)'}/{self.kind}"


@dataclass
class Applied:
    """What a mutation did: where the problem it causes must be reported (file None: anywhere),
    and, should the build accept it, how many rows each table gains or loses."""

    note: str
    file: str | None = None  # "data/…"
    line: int | None = None
    column: str | None = None
    delta: dict[str, int] = field(default_factory=dict)
    also: frozenset[str] = frozenset()  # codes this particular row may bring about as well


# --- the pristine data ---------------------------------------------------------------------------


@dataclass
class CsvFile:
    rel: str  # under data/, e.g. "measures/x.csv" or "metrics.csv"
    table: schema.Table
    header: list[str]
    rows: list[list[str]]

    def dicts(self) -> list[dict[str, str]]:
        return [dict(zip(self.header, r)) for r in self.rows]


def dump(header, rows, newline="\r\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def row_lines(text: str) -> list[int]:
    """The line each non-blank data row starts on, counted as the build counts them."""
    limit = csv.field_size_limit(sys.maxsize)  # our own long cells must not trip the limit
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


# Source rows bound by sha256 to the Home Office series: changing one changes what the series
# checks find, so tests/test_official_series_build.py mutates them (and the series) instead.
NOT_MUTATED = frozenset({"sources/statistical-tables.csv"})


class Model:
    """data/ as read once: the CSV files of every table and who refers to whom."""

    def __init__(self, data: Path):
        self.files: dict[str, list[CsvFile]] = {}
        for t in schema.TABLES:
            self.files[t.name] = []
            for p in t.files(data):
                if p.relative_to(data).as_posix() in NOT_MUTATED:
                    continue
                reader = csv.reader(io.StringIO(p.read_text(encoding="utf-8-sig"), newline=""))
                header = next(reader)
                rows = [r for r in reader if any(c.strip() for c in r)]
                rel = p.relative_to(data).as_posix()
                self.files[t.name].append(CsvFile(rel, t, header, rows))
        self.sources = {d["source_id"]: d for f in self.files["sources"] for d in f.dicts()}
        self.metrics = {d["metric"]: d for f in self.files["metrics"] for d in f.dicts()}
        self.families = [d["family"] for f in self.files["families"] for d in f.dicts()]
        self.recs = {d["rec_id"]: d for f in self.files["recommendations"] for d in f.dicts()}
        self.cited_sources: Counter = Counter()
        for t in schema.TABLES:
            for f in self.files[t.name]:
                for d in f.dicts():
                    if t.name != "sources" and d.get("source_id"):
                        self.cited_sources[d["source_id"]] += 1
                    for col in ("closed_source_id", "reported_source_id"):
                        if d.get(col):
                            self.cited_sources[d[col]] += 1
        self.used_metrics = Counter(d["metric"] for f in self.files["measures"] for d in f.dicts())
        self.parents = {d["parent_id"] for d in self.recs.values() if d["parent_id"]}
        # the findings the scorecard's links name: recommendations, and grades as
        # grade:<source_id>/<theme>
        self.findings = {d["finding_id"] for f in self.files["finding_evidence"] for d in f.dicts()}

    def rows(self, table: str, pred=None) -> list[tuple[CsvFile, int]]:
        return [
            (f, i)
            for f in self.files[table]
            for i, d in enumerate(f.dicts())
            if pred is None or pred(d)
        ]

    def rows_of_metric(self, metric: str) -> list[dict]:
        return [d for f in self.files["measures"] for d in f.dicts() if d["metric"] == metric]

    def doc_of(self, sid: str) -> str:
        return (self.sources.get(sid) or {}).get("document", "")

    def referenced(self, table: str, d: dict) -> bool:
        """Does another row name this one?"""
        if table == "sources":
            return self.cited_sources[d["source_id"]] > 0
        if table == "metrics":
            return self.used_metrics[d["metric"]] > 0
        if table == "families":
            return True  # every family has metrics
        if table == "recommendations":
            return d["rec_id"] in self.parents
        return False

    def named(self, table: str, d: dict) -> bool:
        """Does another row name this one, a scorecard link included?"""
        if table == "recommendations" and d["rec_id"] in self.findings:
            return True
        if table == "grades" and f"grade:{d['source_id']}/{d['theme']}" in self.findings:
            return True
        return self.referenced(table, d)


def due_count(table: str, dicts) -> int:
    """Deadline milestones the build derives from these rows."""
    return sum(1 for d in dicts if d.get("due_on", "").strip()) if table == "recommendations" else 0


def row_delta(table: str, dicts, sign: int) -> dict[str, int]:
    dicts = list(dicts)
    out = {table: sign * len(dicts)}
    due = due_count(table, dicts)
    if due:
        out["milestones"] = out.get("milestones", 0) + sign * due
    return out


# --- columns by what the build does with them ----------------------------------------------------

# Free text the build checks against nothing (its content may change, the row counts may not).
UNCHECKED = {
    ("sources", "title"),
    ("sources", "publisher"),
    ("measures", "breakdown"),
    ("measures", "period_label"),
    ("measures", "comparability"),
    ("grades", "published_label"),
    ("grades", "area"),
    ("milestones", "title"),
    ("milestones", "detail"),
    ("metrics", "noun"),
    ("metrics", "not_charted_reason"),
    ("finding_evidence", "note"),
}
QUOTES = {
    ("measures", "quote"),
    ("grades", "quote"),
    ("milestones", "quote"),
    ("recommendations", "quote"),
    ("recommendations", "closed_quote"),
    ("finding_evidence", "quote"),
}


def col_class(table: str, col: str) -> str:
    c = schema.BY_NAME[table].column(col)
    if c.type in ("id", "date", "double"):
        return c.type
    if c.choices:
        return "choice"
    return "text"


# --- applying ------------------------------------------------------------------------------------


class MutatorBase:
    """Applies one mutation to the work copy, which is pristine when `apply` is called: the
    helpers every kind uses; the kinds themselves are in the kinds_*.py mixins."""

    def __init__(self, model: Model, work: Path):
        self.m = model
        self.work = work

    def path(self, rel: str) -> Path:
        return self.work / rel

    @staticmethod
    def disp(rel: str) -> str:
        return f"data/{rel}"

    def write_rows(self, f: CsvFile, rows, header=None) -> str:
        text = dump(header or f.header, rows)
        self.path(f.rel).write_text(text, encoding="utf-8", newline="")
        return text

    def pick(self, rng: random.Random, table: str, pred=None) -> tuple[CsvFile, int]:
        choices = self.m.rows(table, pred)
        if not choices:
            raise Skip(f"no {table} row fits")
        return rng.choice(choices)

    def set_cell(self, f: CsvFile, i: int, col: str, value: str, also=frozenset()) -> Applied:
        rows = [list(r) for r in f.rows]
        old = rows[i][f.header.index(col)]
        rows[i][f.header.index(col)] = value
        line = row_lines(self.write_rows(f, rows))[i]
        d = self.disp(f.rel)
        return Applied(
            f"{d} line {line} column {col}: {short(old)} -> {short(value)}",
            d,
            line,
            col,
            also=frozenset(also),
        )

    def apply(self, m: Mutation, rng: random.Random) -> Applied:
        fn = getattr(self, "k_" + m.kind.replace("-", "_"), None)
        if fn is None:
            raise ValueError(f"no mutation kind {m.kind!r}")
        return fn(m, rng)

    # -- one cell, any column of a class --

    def _cell(self, m: Mutation, rng, value_of, pred=None, also=frozenset()) -> Applied:
        f, i = self.pick(rng, m.table, pred or (lambda d: d[m.column].strip()))
        old = f.dicts()[i][m.column]
        return self.set_cell(f, i, m.column, value_of(old), also)


def short(v, n=70) -> str:
    r = repr(v)
    return r if len(r) <= n else r[: n - 12] + f"…<{len(v)} chars>"
