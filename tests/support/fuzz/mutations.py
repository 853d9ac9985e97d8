"""The ways to damage a copy of data/: each Mutation names a table, a column (None for the whole
file) and a kind; `apply` performs it on a work copy and says where it did it. What the build
must make of each one is in expectations.py, not here."""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from pfcc.ingest import meanings, schema
from pfcc.ingest.textcheck import states_date, states_grade, written_number


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
                    if d.get("closed_source_id"):
                        self.cited_sources[d["closed_source_id"]] += 1
        self.used_metrics = Counter(d["metric"] for f in self.files["measures"] for d in f.dicts())
        self.parents = {d["parent_id"] for d in self.recs.values() if d["parent_id"]}

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
}
QUOTES = {
    ("measures", "quote"),
    ("grades", "quote"),
    ("milestones", "quote"),
    ("recommendations", "quote"),
    ("recommendations", "closed_quote"),
}


def col_class(table: str, col: str) -> str:
    c = schema.BY_NAME[table].column(col)
    if c.type in ("id", "date", "double"):
        return c.type
    if c.choices:
        return "choice"
    return "text"


# --- applying ------------------------------------------------------------------------------------


class Mutator:
    """Applies one mutation to the work copy, which is pristine when `apply` is called."""

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

    def k_nul_byte(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: old[: len(old) // 2] + "\x00" + old[len(old) // 2 :],
            pred=lambda d: True,
        )

    def k_empty(self, m, rng):
        return self._cell(m, rng, lambda old: "")

    def k_zero_width(self, m, rng):
        return self._cell(m, rng, lambda old: old[:1] + "\u200b" + old[1:])

    def k_cell_over_limit(self, m, rng):
        a = self._cell(m, rng, lambda old: old + " " + "lorem ipsum " * 90_000, pred=lambda d: True)
        a.line = a.column = None  # the reader stops inside the cell: no column, its own line
        return a

    def k_not_an_id(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(["not an id", "-leading-dash", "id,with,commas", "ünïcode"]),
        )

    def k_impossible_date(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(["2022-02-30", "2023-04-31", "2021-02-29"]),
            pred=lambda d: True,
        )

    def k_date_not_iso(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(["06/07/2022", "20220105", "2022-1-5", "6 July 2022"]),
            pred=lambda d: True,
        )

    def k_date_out_of_range(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(["2013-12-31", "1999-01-01", "2027-01-01", "2099-06-01"]),
            pred=lambda d: True,
        )

    def k_unicode_digits(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: "".join(chr(0xFF10 + int(ch)) if ch.isdigit() else ch for ch in old),
            pred=lambda d: re.search(r"[0-9]", d[m.column]),
        )

    def k_not_a_number(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(
                ["twelve", "n/a", "12%", "£5", "0x1A", "6,700", "1,124,397", "inf", "NaN"]
            ),
            pred=lambda d: True,
        )

    def k_infinite(self, m, rng):
        return self._cell(m, rng, lambda old: rng.choice(["1e999", "-1e400"]), pred=lambda d: True)

    def k_unknown_choice(self, m, rng):
        return self._cell(
            m,
            rng,
            lambda old: rng.choice(
                ["Brilliant", old.upper() if old.upper() != old else old.lower(), old + "s"]
            ),
        )

    def k_pad(self, m, rng):
        return self._cell(m, rng, lambda old: "  " + old + " \t")

    def k_append_words(self, m, rng):
        return self._cell(m, rng, lambda old: old + " (edited)")

    def k_line_break(self, m, rng):
        def wrap(old):
            spaces = [k for k, ch in enumerate(old) if ch == " "]
            k = rng.choice(spaces)
            return old[:k] + "\n" + old[k + 1 :]

        return self._cell(m, rng, wrap, pred=lambda d: " " in d[m.column].strip())

    # -- the header --

    def _header(self, m, rng, edit) -> Applied:
        f = rng.choice(self.m.files[m.table])
        h, rows = list(f.header), [list(r) for r in f.rows]
        j = h.index(m.column)
        col = edit(h, rows, j)
        self.write_rows(f, rows, header=h)
        d = self.disp(f.rel)
        return Applied(f"{d} header: {short(f.header)} -> {short(h)}", d, 1, col)

    def k_header_delete(self, m, rng):
        def edit(h, rows, j):
            del h[j]
            for r in rows:
                del r[j]
            return m.column

        return self._header(m, rng, edit)

    def k_header_rename(self, m, rng):
        def edit(h, rows, j):
            h[j] = rng.choice(
                [
                    m.column + "_x",
                    m.column.replace("_", " ") if "_" in m.column else m.column + "s",
                    m.column[:-1],
                    m.column.upper(),
                ]
            )
            return None  # missing column m.column, unknown column h[j]: either names it

        return self._header(m, rng, edit)

    def k_header_duplicate(self, m, rng):
        def edit(h, rows, j):
            h.append(m.column)
            for r in rows:
                r.append(r[j])
            return m.column

        return self._header(m, rng, edit)

    def k_header_reorder(self, m, rng):
        def edit(h, rows, j):
            k = rng.choice([x for x in range(len(h)) if x != j])
            h[j], h[k] = h[k], h[j]
            for r in rows:
                r[j], r[k] = r[k], r[j]

        return self._header(m, rng, edit)

    def k_header_padding(self, m, rng):
        def edit(h, rows, j):
            h[j] = "  " + m.column + " "

        return self._header(m, rng, edit)

    # -- rows and whole files --

    def _file(self, rng, table, pred=None) -> CsvFile:
        files = [f for f in self.m.files[table] if pred is None or pred(f)]
        if not files:
            raise Skip(f"no {table} file fits")
        return rng.choice(files)

    def k_duplicate_row(self, m, rng):
        f = self._file(rng, m.table)
        i = rng.randrange(len(f.rows))
        rows = f.rows[: i + 1] + [list(f.rows[i])] + f.rows[i + 1 :]
        line = row_lines(self.write_rows(f, rows))[i + 1]
        d = self.disp(f.rel)
        return Applied(f"{d}: a row repeated at line {line}", d, line, schema.BY_NAME[m.table].key)

    def k_duplicate_row_new_key(self, m, rng):
        t = schema.BY_NAME[m.table]
        f = self._file(rng, m.table)
        i = rng.randrange(len(f.rows))
        dup = list(f.rows[i])
        dup[f.header.index(t.key)] += "-copy"
        self.write_rows(f, f.rows[: i + 1] + [dup] + f.rows[i + 1 :])
        return Applied(
            f"{self.disp(f.rel)}: a row copied with key +'-copy'",
            delta=row_delta(m.table, [dict(zip(f.header, dup))], +1),
        )

    def k_delete_row(self, m, rng):
        f, i = self.pick(rng, m.table, lambda d: not self.m.referenced(m.table, d))
        row = f.dicts()[i]
        self.write_rows(f, f.rows[:i] + f.rows[i + 1 :])
        return Applied(
            f"{self.disp(f.rel)}: row {i + 1} deleted", delta=row_delta(m.table, [row], -1)
        )

    def k_delete_referenced_row(self, m, rng):
        f, i = self.pick(rng, m.table, lambda d: self.m.referenced(m.table, d))
        self.write_rows(f, f.rows[:i] + f.rows[i + 1 :])
        return Applied(f"{self.disp(f.rel)}: row {i + 1}, which other rows name, deleted")

    def _rewrite_row(self, m, rng, edit) -> Applied:
        f = self._file(rng, m.table)
        i = rng.randrange(len(f.rows))
        out = dump(f.header, [])
        for k, row in enumerate(f.rows):
            out += dump(f.header, [edit(list(row)) if k == i else row])[len(dump(f.header, [])) :]
        self.path(f.rel).write_text(out, encoding="utf-8", newline="")
        line = row_lines(dump(f.header, f.rows))[i]
        d = self.disp(f.rel)
        return Applied(f"{d} line {line}: {m.kind}", d, line)

    def k_short_row(self, m, rng):
        return self._rewrite_row(m, rng, lambda r: r[:-1])

    def k_extra_field(self, m, rng):
        return self._rewrite_row(m, rng, lambda r: r + ["extra"])

    def k_add_column(self, m, rng):
        f = self._file(rng, m.table)
        self.write_rows(f, [r + ["x"] for r in f.rows], header=f.header + ["notes"])
        d = self.disp(f.rel)
        return Applied(f"{d}: column 'notes' added", d, 1, "notes")

    def k_unclosed_quote(self, m, rng):
        f = self._file(rng, m.table)
        text = self.write_rows(f, f.rows)
        self.path(f.rel).write_text(
            text + '"an opened cell, never closed,\r\n', encoding="utf-8", newline=""
        )
        d = self.disp(f.rel)
        return Applied(f"{d}: a last line opens a quoted cell and never closes it", d)

    def k_truncate_in_quoted_cell(self, m, rng):
        f = self._file(rng, m.table, lambda f: ',"' in dump(f.header, f.rows))
        text = dump(f.header, f.rows)
        starts = [k.start() for k in re.finditer(',"', text)]
        cut = rng.choice(starts) + 2
        self.path(f.rel).write_text(text[:cut], encoding="utf-8", newline="")
        d = self.disp(f.rel)
        return Applied(f"{d}: cut just after a cell's opening quote (character {cut})", d)

    def k_truncate_at_row(self, m, rng):
        f = self._file(rng, m.table, lambda f: len(f.rows) >= 2)
        k = rng.randrange(1, len(f.rows))
        self.write_rows(f, f.rows[:k])
        return Applied(
            f"{self.disp(f.rel)}: cut after {k} of {len(f.rows)} rows",
            delta=row_delta(m.table, f.dicts()[k:], -1),
        )

    def _encode(self, m, rng, encode, ascii_ok) -> Applied:
        f = self._file(
            rng, m.table, None if ascii_ok else lambda f: not dump(f.header, f.rows).isascii()
        )
        p = self.path(f.rel)
        p.write_bytes(encode(p.read_text(encoding="utf-8-sig")))
        d = self.disp(f.rel)
        return Applied(f"{d} re-encoded ({m.kind})", d)

    def k_cp1252(self, m, rng):
        return self._encode(m, rng, lambda t: t.encode("cp1252", errors="replace"), False)

    def k_utf_16(self, m, rng):
        return self._encode(m, rng, lambda t: t.encode("utf-16"), True)

    def _respell(self, m, rng, out) -> Applied:
        f = self._file(rng, m.table)
        p = self.path(f.rel)
        text = p.read_text(encoding="utf-8-sig")
        p.write_bytes(out(text, text.replace("\r\n", "\n")))
        return Applied(f"{self.disp(f.rel)}: {m.kind}")

    def k_bom(self, m, rng):
        return self._respell(m, rng, lambda t, lf: b"\xef\xbb\xbf" + t.encode())

    def k_double_bom(self, m, rng):
        return self._respell(m, rng, lambda t, lf: b"\xef\xbb\xbf" * 2 + t.encode())

    def k_lf_endings(self, m, rng):
        return self._respell(m, rng, lambda t, lf: lf.encode())

    def k_trailing_blank_lines(self, m, rng):
        return self._respell(m, rng, lambda t, lf: (t + "\r\n\r\n,,\r\n   \r\n").encode())

    def k_spreadsheet_save(self, m, rng):
        return self._respell(
            m,
            rng,
            lambda t, lf: (
                b"\xef\xbb\xbf" + (lf.rstrip("\n") + "\n\n\n").replace("\n", "\r\n").encode()
            ),
        )

    def k_delete_file(self, m, rng):
        t = schema.BY_NAME[m.table]
        if t.single_file:
            self.path(t.folder).unlink()
            return Applied(f"data/{t.folder} deleted", f"data/{t.folder}")

        def safe(f):  # another file remains, and nothing outside this one names its rows
            inside = f.dicts()
            if len(self.m.files[m.table]) < 2:
                return False
            if m.table == "recommendations":
                ids = {d["rec_id"] for d in inside}
                return not any(
                    r["parent_id"] in ids for r in self.m.recs.values() if r["rec_id"] not in ids
                )
            return not any(self.m.referenced(m.table, d) for d in inside)

        f = self._file(rng, m.table, safe)
        self.path(f.rel).unlink()
        return Applied(f"{self.disp(f.rel)} deleted", delta=row_delta(m.table, f.dicts(), -1))

    def k_delete_folder(self, m, rng):
        t = schema.BY_NAME[m.table]
        if t.single_file:
            self.path(t.folder).unlink()
            return Applied(f"data/{t.folder} deleted", f"data/{t.folder}")
        shutil.rmtree(self.path(t.folder))
        return Applied(f"data/{t.folder}/ deleted", f"data/{t.folder}/")

    def k_rename_file(self, m, rng):
        t = schema.BY_NAME[m.table]
        f = self._file(rng, m.table)
        p = self.path(f.rel)
        new = p.with_name("renamed-" + p.name)
        p.rename(new)
        note = f"{self.disp(f.rel)} renamed to {new.name}"
        if t.single_file:
            return Applied(note, f"data/{t.folder}")
        if t.one_file_per_source:
            nd = self.disp(new.relative_to(self.work).as_posix())
            return Applied(note, nd, row_lines(dump(f.header, f.rows))[0], "source_id")
        return Applied(note)

    def _extra(self, m) -> tuple[Path, str]:
        t = schema.BY_NAME[m.table]
        if t.single_file:
            raise Skip(f"{t.name} is one file")
        return self.path(f"{t.folder}/zz-extra.csv"), f"data/{t.folder}/zz-extra.csv"

    def k_add_empty_file(self, m, rng):
        p, d = self._extra(m)
        p.write_bytes(rng.choice([b"", b"\r\n\r\n  \r\n"]))
        return Applied(f"{d}: empty or blank lines only", d, 1)

    def k_add_header_only_file(self, m, rng):
        p, d = self._extra(m)
        p.write_text(dump(self.m.files[m.table][0].header, []), encoding="utf-8", newline="")
        return Applied(f"{d}: a header and no rows")

    def k_add_directory_csv(self, m, rng):
        p, d = self._extra(m)
        p.mkdir()
        return Applied(f"{d} is a folder", d)

    def k_add_symlink_csv(self, m, rng):
        p, d = self._extra(m)
        if rng.random() < 0.5:
            p.symlink_to(p.parent / "no-such-target.csv")
            return Applied(f"{d} is a link to nothing", d)
        target = self.work.parent.parent / "outside.csv"
        target.write_text(dump(self.m.files[m.table][0].header, []), encoding="utf-8", newline="")
        p.symlink_to(target)
        return Applied(f"{d} is a link to a CSV outside data/", d)

    # -- measures --

    def _set(self, rng, table, col, pred, value_of, also=frozenset()) -> Applied:
        f, i = self.pick(rng, table, pred)
        return self.set_cell(f, i, col, value_of(f.dicts()[i]), also)

    def k_percent_over_100(self, m, rng):
        return self._set(
            rng,
            "measures",
            "value",
            lambda d: d["unit"] == "percent",
            lambda d: rng.choice(["100.5", "250", "101"]),
        )

    def k_count_fraction(self, m, rng):
        return self._set(
            rng, "measures", "value", lambda d: d["unit"] == "count", lambda d: d["value"] + ".5"
        )

    def k_negative(self, m, rng):
        return self._set(
            rng,
            "measures",
            m.column,
            lambda d: d[m.column] and float(d[m.column]) > 0,
            lambda d: "-" + d[m.column],
        )

    def k_figure_not_in_quote(self, m, rng):
        return self._set(
            rng, "measures", "value", None, lambda d: f"{float(d['value']) + 1000003:g}"
        )

    def k_interval_not_in_quote(self, m, rng):
        return self._set(rng, "measures", "ci_half_width", None, lambda d: "987654.3")

    def k_start_after_end(self, m, rng):
        return self._set(
            rng,
            "measures",
            "period_start",
            lambda d: d["period_end"] < "2026-12",
            lambda d: (date.fromisoformat(d["period_end"]) + timedelta(days=1)).isoformat(),
        )

    def k_length_mismatch(self, m, rng):
        return self._set(
            rng,
            "measures",
            "period_length",
            lambda d: bool(d["period_start"]),
            lambda d: "week" if d["period_length"] != "week" else "month",
        )

    def k_length_not_in_quote(self, m, rng):
        return self._set(
            rng, "measures", "period_length", lambda d: not d["period_start"], lambda d: "17 months"
        )

    def k_figure_removed(self, m, rng):
        """The quote loses the measure's figure (the quote then no longer matches its document,
        unless the source keeps no document)."""

        def removed(d):
            q = d["quote"]
            for _ in range(6):
                w = written_number(q, float(d["value"]))
                if w is None:
                    return q
                if w[0].isdigit():
                    q = re.sub(rf"(?<![\w.]){re.escape(w)}(?![\d])", "", q)
                else:
                    q = re.sub(
                        r"\b\w+\b",
                        lambda x: (
                            ""
                            if written_number(x.group(0), float(d["value"])) is not None
                            else x.group(0)
                        ),
                        q,
                    )
            return None

        a = self._set(
            rng,
            "measures",
            "quote",
            lambda d: not self.m.doc_of(d["source_id"]) and removed(d) and removed(d).strip(),
            removed,
        )
        a.column = "value"  # the value is what is no longer stated
        return a

    def k_metric_typo(self, m, rng):
        def typo(old):
            k = rng.randrange(len(old))
            return old[:k] + old[k + 1 :]

        return self._cell(m, rng, typo)

    def k_other_metric_unit(self, m, rng):
        """A unit the vocabulary does not allow for the measure's metric."""

        def fits(d):
            return d["metric"] in self.m.metrics

        f, i = self.pick(rng, "measures", fits)
        d = f.dicts()[i]
        allowed = self.m.metrics[d["metric"]]["units"].split(";")
        unit = rng.choice([u for u in schema.UNITS if u not in allowed])
        return self.set_cell(f, i, "unit", unit)

    def k_other_family(self, m, rng):
        f, i = self.pick(rng, m.table)
        old = f.dicts()[i]["family"]
        return self.set_cell(f, i, "family", rng.choice([x for x in self.m.families if x != old]))

    def k_other_source(self, m, rng):
        f, i = self.pick(rng, m.table)
        old = f.dicts()[i]["source_id"]
        return self.set_cell(
            f, i, "source_id", rng.choice(sorted(s for s in self.m.sources if s != old))
        )

    def k_unknown_source(self, m, rng):
        return self._cell(m, rng, lambda old: f"no-such-source-{rng.randint(1, 999)}")

    # -- the metric vocabulary --

    def k_repeated_unit(self, m, rng):
        return self._set(
            rng, "metrics", "units", None, lambda d: d["units"] + ";" + d["units"].split(";")[0]
        )

    def k_unit_withdrawn(self, m, rng):
        """A metric stops allowing a unit its measures use."""
        f, i = self.pick(rng, "metrics", lambda d: self.m.used_metrics[d["metric"]])
        d = f.dicts()[i]
        used = {x["unit"] for x in self.m.rows_of_metric(d["metric"])}
        rest = [u for u in schema.UNITS if u not in used]
        a = self.set_cell(f, i, "units", rng.choice(rest))
        a.file = a.line = a.column = None  # reported on the measures
        return a

    def k_family_changed(self, m, rng):
        f, i = self.pick(rng, "metrics", lambda d: self.m.used_metrics[d["metric"]])
        old = f.dicts()[i]["family"]
        a = self.set_cell(f, i, "family", rng.choice([x for x in self.m.families if x != old]))
        a.file = a.line = a.column = None  # reported on the measures
        return a

    def k_no_reason(self, m, rng):
        f, i = self.pick(rng, "metrics", lambda d: d["charted"] == "yes")
        rows = [list(r) for r in f.rows]
        rows[i][f.header.index("charted")] = "no"
        line = row_lines(self.write_rows(f, rows))[i]
        d = self.disp(f.rel)
        return Applied(
            f"{d} line {line}: charted yes -> no, with no reason", d, line, "not_charted_reason"
        )

    def k_reason_but_charted(self, m, rng):
        a = self._set(rng, "metrics", "charted", lambda d: d["charted"] == "no", lambda d: "yes")
        a.column = "not_charted_reason"
        return a

    def k_noun_capitalised(self, m, rng):
        return self._set(
            rng,
            "metrics",
            "noun",
            None,
            lambda d: (
                d["noun"][:1].upper() + d["noun"][1:]
                if d["noun"][:1].islower()
                else "The " + d["noun"]
            ),
        )

    # -- a metric's sentence against the quotes filed under it (pfcc/ingest/meanings.py) --

    def _refile(self, rng, code: str) -> Applied:
        """A measure re-filed under another metric of its family and unit whose sentence its
        quote does not support, for that one reason (`code`)."""
        pairs = []
        for f, i in self.m.rows("measures"):
            d = f.dicts()[i]
            for name, k in self.m.metrics.items():
                if (
                    name != d["metric"]
                    and k["family"] == d["family"]
                    and d["unit"] in k["units"].split(";")
                    and [c for c, _ in meanings.lacks(k["definition"], d["quote"])] == [code]
                ):
                    pairs.append((f, i, name))
        if not pairs:
            raise Skip(f"no measure to re-file for {code}")
        f, i, name = rng.choice(pairs)
        return self.set_cell(f, i, "metric", name)

    def k_refiled_without_average(self, m, rng):
        return self._refile(rng, "quote-lacks-average")

    def k_refiled_without_threshold(self, m, rng):
        return self._refile(rng, "quote-lacks-threshold")

    def k_definition_says_late(self, m, rng):
        """A used metric's sentence comes to speak of lateness; no quote of it states a limit."""

        def no_limit(d):
            quotes = [x["quote"] for x in self.m.rows_of_metric(d["metric"])]
            late = "The number of reports recorded late."
            return quotes and all(meanings.lacks(late, q) for q in quotes)

        a = self._set(
            rng, "metrics", "definition", no_limit, lambda d: "The number of reports recorded late."
        )
        a.file = a.line = a.column = None  # reported on the measures
        return a

    def k_definition_two_sentences(self, m, rng):
        return self._set(
            rng, "metrics", "definition", None, lambda d: d["definition"] + " It is one more."
        )

    # -- grades --

    def k_adequate_on_4_tier(self, m, rng):
        return self._set(
            rng, "grades", "grade", lambda d: d["scale"] == "4-tier", lambda d: "Adequate"
        )

    def k_5_tier_before_2021(self, m, rng):
        def early(d):
            y = re.search(r"\b(20\d\d)\b", d["inspection"])
            return d["scale"] == "4-tier" and y and int(y.group(1)) < 2021

        return self._set(rng, "grades", "scale", early, lambda d: "5-tier")

    def k_grade_not_in_quote(self, m, rng):
        def other(d):
            return [
                g
                for g in schema.GRADES
                if g != "Adequate" and g != d["grade"] and not states_grade(d["quote"], g)
            ]

        a = self._set(rng, "grades", "grade", lambda d: other(d), lambda d: rng.choice(other(d)))
        a.column = "quote"  # the quote does not state the new grade
        return a

    # -- milestones --

    def _date_not_stated(self, rng, table, col, quote_col, prec_col, pred):
        """A date moved by a year, checked not to be written in the quote however read."""

        def moved(d):
            old = date.fromisoformat(d[col])
            prec = d.get(prec_col, "day") if prec_col else "day"
            prec = prec if prec in schema.PRECISIONS else "day"
            # a year earlier; else, where the quote's month is read in any year, another month
            candidates = [old.replace(year=y, day=min(old.day, 28)) for y in (old.year - 1,)]
            candidates += [
                date(old.year + (old.month - 1 + k) // 12, (old.month - 1 + k) % 12 + 1, 1)
                for k in (-1, 1, -2, 2)
            ]
            for new in candidates:
                if 2014 <= new.year <= 2026 and not states_date(d[quote_col], new, prec, new.year):
                    return new.isoformat()
            return None

        return self._set(rng, table, col, lambda d: pred(d) and d[col] and moved(d), moved)

    def k_date_not_in_quote(self, m, rng):
        return self._date_not_stated(
            rng, "milestones", "event_date", "quote", "date_precision", lambda d: True
        )

    def k_derived_kind(self, m, rng):
        return self._set(rng, "milestones", "kind", None, lambda d: "recommendation due")

    def k_reserved_id(self, m, rng):
        due = sorted(r for r, d in self.m.recs.items() if d["due_on"])
        return self._set(
            rng, "milestones", "milestone_id", None, lambda d: "due/" + rng.choice(due + ["x"])
        )

    def k_month_not_first_day(self, m, rng):
        a = self._set(
            rng,
            "milestones",
            "date_precision",
            lambda d: d["date_precision"] == "day" and not d["event_date"].endswith("-01"),
            lambda d: "month",
        )
        a.column = "event_date"  # the date is not a month's first day
        return a

    def k_year_not_first_day(self, m, rng):
        a = self._set(
            rng,
            "milestones",
            "date_precision",
            lambda d: d["date_precision"] == "day" and not d["event_date"].endswith("-01-01"),
            lambda d: "year",
        )
        a.column = "event_date"  # the date is not a year's first day
        return a

    # -- recommendations --

    def k_number_not_in_quote(self, m, rng):
        def absent(d):
            return next(n for n in ("4711", "98", "77") if not re.search(rf"\b{n}\b", d["quote"]))

        return self._set(rng, "recommendations", "number", lambda d: d["number"], absent)

    def k_text_not_in_quote(self, m, rng):
        return self._set(
            rng, "recommendations", "text", None, lambda d: d["text"] + " and more besides"
        )

    def k_deadline_not_in_quote(self, m, rng):
        return self._date_not_stated(
            rng,
            "recommendations",
            "due_on",
            "quote",
            None,
            lambda d: d["due_on"] and d["due_on"] < "2026",
        )

    def k_deadline_before_report(self, m, rng):
        return self._set(
            rng, "recommendations", "due_on", lambda d: d["due_on"], lambda d: "2014-01-02"
        )

    def k_deadline_before_raised(self, m, rng):
        return self._set(
            rng,
            "recommendations",
            "due_on",
            lambda d: d["due_on"] and d["raised_on"],
            lambda d: (date.fromisoformat(d["raised_on"]) - timedelta(days=1)).isoformat(),
        )

    def k_closed_without_fields(self, m, rng):
        a = self._set(
            rng, "recommendations", "status", lambda d: d["status"] != "closed", lambda d: "closed"
        )
        a.column = None  # each missing closing field is named
        return a

    def k_closed_on_while_open(self, m, rng):
        return self._set(
            rng,
            "recommendations",
            "closed_on",
            lambda d: d["status"] != "closed",
            lambda d: "2023-01-01",
        )

    def k_closing_date_not_in_quote(self, m, rng):
        return self._date_not_stated(
            rng,
            "recommendations",
            "closed_on",
            "closed_quote",
            "closed_precision",
            lambda d: d["status"] == "closed",
        )

    def k_unknown_parent(self, m, rng):
        return self._set(
            rng, "recommendations", "parent_id", None, lambda d: "no-such-recommendation"
        )

    def k_parent_not_cause_of_concern(self, m, rng):
        def targets(d):
            return sorted(
                r
                for r, x in self.m.recs.items()
                if x["kind"] != "cause of concern" and r != d["rec_id"]
            )

        return self._set(
            rng,
            "recommendations",
            "parent_id",
            lambda d: targets(d),
            lambda d: rng.choice(targets(d)),
        )

    def k_text_and_quote_rewrapped(self, m, rng):
        """Quote and text re-wrapped on other lines: white space folds, so it builds."""
        f, i = self.pick(rng, "recommendations", lambda d: " " in d["text"])
        rows = [list(r) for r in f.rows]
        for col in ("text", "quote"):
            j = f.header.index(col)
            rows[i][j] = rows[i][j].replace(" ", "\n", 1).replace(" ", "  \t", 1)
        self.write_rows(f, rows)
        return Applied(f"{self.disp(f.rel)}: row {i + 1} text and quote re-wrapped")

    # -- sources and documents --

    def k_no_url_no_document(self, m, rng):
        """A source left with neither address nor kept text: its url blanked, and its document
        too where it keeps one (every web source keeps its page's passage; a statistical table,
        whose checksum names its file, is not picked)."""
        f, i = self.pick(rng, "sources", lambda d: d["url"] and not d.get("sha256"))
        if f.dicts()[i]["document"]:
            rows = [list(r) for r in f.rows]
            rows[i][f.header.index("document")] = ""
            f = CsvFile(f.rel, f.table, f.header, rows)
        return self.set_cell(f, i, "url", "")

    def k_not_a_web_address(self, m, rng):
        return self._set(
            rng,
            "sources",
            "url",
            lambda d: d["url"],
            lambda d: rng.choice(["www.example.org/x", "ftp://example.org/a", "see the report"]),
        )

    def _document(self, rng, value):
        return self._set(rng, "sources", "document", lambda d: d["document"], lambda d: value)

    def k_document_missing(self, m, rng):
        return self._document(
            rng,
            rng.choice(
                [
                    "data/documents/no-such-file.txt",
                    "data/documents/NO-SUCH-FILE.TXT",
                    "data/home-office-outcomes/no-such-file.txt",
                ]
            ),
        )

    def k_document_binary(self, m, rng):
        blob = bytes(rng.randrange(256) for _ in range(4096))
        (self.work / "documents" / "scan.pdf").write_bytes(b"%PDF-1.4\n\xff\xfe" + blob)
        return self._document(rng, "data/documents/scan.pdf")

    def k_document_path_too_long(self, m, rng):
        return self._document(rng, "data/documents/" + "x" * 5000 + ".txt")

    def k_document_outside_folders(self, m, rng):
        """Anywhere but a file directly in data/documents/ or data/home-office-outcomes/."""
        return self._document(
            rng,
            rng.choice(
                [
                    "../../etc/passwd",
                    "/etc/passwd",
                    ".",
                    "data/documents",
                    ".git/config",
                    "data/README.md",
                    "pfcc/paths.py",
                    "data/documents/../README.md",
                    "data/documents/./000.txt",
                    "data/documents/.env",
                    "data/documents/sub/notes.txt",
                    "data\\documents\\000.txt",
                ]
            ),
        )

    def k_document_is_a_link(self, m, rng):
        """A link in data/documents/ to a file elsewhere (here data/README.md)."""
        (self.work / "documents" / "linked.txt").symlink_to(Path("..") / "README.md")
        return self._document(rng, "data/documents/linked.txt")

    def k_document_other_text(self, m, rng):
        def another(d):
            docs = {s["document"] for s in self.m.sources.values() if s["document"]}
            return rng.choice(sorted(x for x in docs - {d["document"]} if "/documents/" in x))

        a = self._set(rng, "sources", "document", lambda d: d["document"], another)
        a.file = a.line = a.column = None  # the quotes are not found: reported on the facts
        return a

    def k_renamed_source(self, m, rng):
        a = self._set(
            rng,
            "sources",
            "source_id",
            lambda d: self.m.cited_sources[d["source_id"]],
            lambda d: d["source_id"] + "-renamed",
        )
        a.file = a.line = a.column = None  # reported on the facts citing it
        return a

    def k_quote_not_in_document(self, m, rng):
        sid = "closed_source_id" if m.column == "closed_quote" else "source_id"

        def edited(d):
            words = d[m.column].split(" ")
            k = len(words) // 2
            return " ".join(words[:k] + ["not"] + words[k:])

        return self._set(
            rng, m.table, m.column, lambda d: d[m.column] and self.m.doc_of(d[sid]), edited
        )

    def _doc_file(self, rng) -> tuple[Path, str]:
        rel = rng.choice(
            sorted(
                {
                    s["document"]
                    for s in self.m.sources.values()
                    if s["document"] and self.m.cited_sources[s["source_id"]]
                }
            )
        )
        return self.work.parent / rel, rel

    def k_doc_delete(self, m, rng):
        p, rel = self._doc_file(rng)
        p.unlink()
        return Applied(f"{rel} deleted")

    def k_doc_not_utf8(self, m, rng):
        p, rel = self._doc_file(rng)
        text = p.read_text(encoding="utf-8")
        if text.isascii():
            p.write_bytes(text.encode("utf-16"))
        else:
            p.write_bytes(text.encode(rng.choice(["utf-16", "cp1252"]), errors="replace"))
        return Applied(f"{rel} re-encoded")

    def k_doc_emptied(self, m, rng):
        p, rel = self._doc_file(rng)
        p.write_bytes(b"")
        return Applied(f"{rel} emptied")

    def k_doc_crlf(self, m, rng):
        p, rel = self._doc_file(rng)
        text = p.read_text(encoding="utf-8")
        p.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode())
        return Applied(f"{rel}: CRLF line endings")

    def k_doc_add_unrelated(self, m, rng):
        (self.work / "documents" / "999_unrelated.txt").write_text("Nothing cited here.\n")
        return Applied("data/documents/999_unrelated.txt added")


def short(v, n=70) -> str:
    r = repr(v)
    return r if len(r) <= n else r[: n - 12] + f"…<{len(v)} chars>"


# --- the catalogue -------------------------------------------------------------------------------

FILE_KINDS = (
    "duplicate-row",
    "duplicate-row-new-key",
    "delete-row",
    "delete-referenced-row",
    "short-row",
    "extra-field",
    "add-column",
    "unclosed-quote",
    "truncate-in-quoted-cell",
    "truncate-at-row",
    "cp1252",
    "utf-16",
    "bom",
    "double-bom",
    "lf-endings",
    "trailing-blank-lines",
    "spreadsheet-save",
    "delete-file",
    "delete-folder",
    "rename-file",
    "add-empty-file",
    "add-header-only-file",
    "add-directory-csv",
    "add-symlink-csv",
)
HEADER_KINDS = (
    "header-delete",
    "header-rename",
    "header-duplicate",
    "header-reorder",
    "header-padding",
)
TARGETED = (
    ("measures", "value", "percent-over-100"),
    ("measures", "value", "count-fraction"),
    ("measures", "value", "negative"),
    ("measures", "ci_half_width", "negative"),
    ("measures", "value", "figure-not-in-quote"),
    ("measures", "ci_half_width", "interval-not-in-quote"),
    ("measures", "period_start", "start-after-end"),
    ("measures", "period_length", "length-mismatch"),
    ("measures", "period_length", "length-not-in-quote"),
    ("measures", "quote", "figure-removed"),
    ("measures", "metric", "metric-typo"),
    ("measures", "unit", "other-metric-unit"),
    ("measures", "family", "other-family"),
    ("measures", "source_id", "other-source"),
    ("grades", "source_id", "other-source"),
    ("milestones", "source_id", "other-source"),
    ("metrics", "units", "repeated-unit"),
    ("metrics", "units", "unit-withdrawn"),
    ("metrics", "family", "family-changed"),
    ("metrics", "not_charted_reason", "no-reason"),
    ("metrics", "charted", "reason-but-charted"),
    ("metrics", "noun", "noun-capitalised"),
    ("metrics", "definition", "definition-two-sentences"),
    ("metrics", "definition", "definition-says-late"),
    ("measures", "metric", "refiled-without-average"),
    ("measures", "metric", "refiled-without-threshold"),
    ("grades", "grade", "adequate-on-4-tier"),
    ("grades", "scale", "5-tier-before-2021"),
    ("grades", "grade", "grade-not-in-quote"),
    ("milestones", "event_date", "date-not-in-quote"),
    ("milestones", "kind", "derived-kind"),
    ("milestones", "milestone_id", "reserved-id"),
    ("milestones", "date_precision", "month-not-first-day"),
    ("milestones", "date_precision", "year-not-first-day"),
    ("recommendations", "number", "number-not-in-quote"),
    ("recommendations", "text", "text-not-in-quote"),
    ("recommendations", "due_on", "deadline-not-in-quote"),
    ("recommendations", "due_on", "deadline-before-report"),
    ("recommendations", "due_on", "deadline-before-raised"),
    ("recommendations", "status", "closed-without-fields"),
    ("recommendations", "closed_on", "closed-on-while-open"),
    ("recommendations", "closed_on", "closing-date-not-in-quote"),
    ("recommendations", "parent_id", "unknown-parent"),
    ("recommendations", "parent_id", "parent-not-cause-of-concern"),
    ("recommendations", "text", "text-and-quote-rewrapped"),
    ("recommendations", "closed_source_id", "unknown-source"),
    ("sources", "url", "no-url-no-document"),
    ("sources", "url", "not-a-web-address"),
    ("sources", "document", "document-missing"),
    ("sources", "document", "document-outside-folders"),
    ("sources", "document", "document-is-a-link"),
    ("sources", "document", "document-binary"),
    ("sources", "document", "document-path-too-long"),
    ("sources", "document", "document-other-text"),
    ("sources", "source_id", "renamed-source"),
    ("documents", None, "doc-delete"),
    ("documents", None, "doc-not-utf8"),
    ("documents", None, "doc-emptied"),
    ("documents", None, "doc-crlf"),
    ("documents", None, "doc-add-unrelated"),
)


def cell_kinds(table: str, col: str) -> list[str]:
    """The generic cell mutations that fit a column."""
    cls = col_class(table, col)
    column = schema.BY_NAME[table].column(col)
    kinds = ["nul-byte", "cell-over-limit"]
    if column.required:
        kinds.append("empty")
    if cls == "id":
        kinds += ["zero-width", "not-an-id", "pad"]
    elif cls == "date":
        kinds += ["impossible-date", "date-not-iso", "date-out-of-range", "unicode-digits", "pad"]
    elif cls == "double":
        kinds += ["not-a-number", "infinite", "unicode-digits", "pad"]
    elif cls == "choice":
        kinds += ["zero-width", "unknown-choice", "pad"]
    if (table, col) in UNCHECKED:
        kinds += ["append-words", "line-break"]
    if (table, col) in QUOTES:
        kinds += ["quote-not-in-document", "line-break"]
    if (table, col) in (("measures", "metric"), ("metrics", "metric")):
        kinds += ["pad", "append-words"]
    if (table, col) == ("recommendations", "text"):
        kinds += ["append-words", "line-break"]
    return kinds


def fits(t: schema.Table, kind: str) -> bool:
    """Whether a whole-file kind can apply to a table at all."""
    if t.single_file and kind.startswith("add-"):
        return False  # one fixed file: nothing to add beside it
    if kind == "delete-referenced-row":
        return t.name in ("sources", "families", "metrics", "recommendations")
    if kind in ("delete-row", "delete-file"):
        # every source, family and metric is in use
        return t.name not in ("sources", "families", "metrics")
    if kind == "truncate-at-row":
        return t.name in ("measures", "grades", "milestones")  # nothing names their rows
    return True


def catalogue() -> list[Mutation]:
    """Every mutation: each column's cell kinds, each table's file and header kinds, and the
    targeted ones that make a particular rule fire."""
    out: list[Mutation] = []
    for t in schema.TABLES:
        for c in t.columns:
            if c.derived or c.optional:  # optional: only the NOT_MUTATED files have it
                continue
            out += [Mutation(t.name, c.name, k) for k in cell_kinds(t.name, c.name)]
            out += [Mutation(t.name, c.name, k) for k in HEADER_KINDS]
        out += [Mutation(t.name, None, k) for k in FILE_KINDS if fits(t, k)]
    out += [Mutation(t, c, k) for t, c, k in TARGETED]
    return out
