"""Build data/staffordshire.duckdb from the CSV files under data/, proving every quote against its
document and every figure against its quote.

    python -m pfcc.ingest.build              build (to a temporary file, then rename), summarise
    python -m pfcc.ingest.build --check      validate only
    python -m pfcc.ingest.build --data DIR --out FILE
    python -m pfcc.ingest.build --data-date  when the data last changed (for the Docker build)

Any problem stops the build with `file, line N, column C: rule` and leaves the existing database
exactly as it was. Every problem also carries a stable `code` (one of CODES) that tests and the
fuzzer match on, so the wording of a rule can change without breaking them."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pfcc.hashing import content_hash
from pfcc.ingest import ddl, schema
from pfcc.ingest.atomic import exit_on_terminate, remove_stale_temps, remove_temp, temp_path
from pfcc.ingest.checks import check_rows, link_id
from pfcc.ingest.homeoffice import checks as ho_checks
from pfcc.ingest.homeoffice import flags as ho_flags
from pfcc.ingest.homeoffice import reconcile as ho_reconcile
from pfcc.ingest.homeoffice import series as ho_series
from pfcc.ingest.homeoffice import tables as ho_tables
from pfcc.ingest.inputs import (
    DataDateError,
    data_changed_at,
    data_version,
    input_files,
    source_versions,
)
from pfcc.ingest.problems import BuildError, Problem
from pfcc.ingest.public import PublicDays
from pfcc.ingest.reading import Documents, Row, document_folders, read_table_file
from pfcc.ingest.textcheck import written_number
from pfcc.paths import DATA_DIR, DB_PATH


@dataclass
class Summary:
    rows: dict[str, int]
    tiers: dict[str, int]
    data_version: str
    files: int
    passed: list[str] = field(default_factory=list)  # the Home Office series checks passed
    flags: dict[str, int] = field(default_factory=dict)  # outcome_flags rows by kind
    reconciliation: list[str] = field(default_factory=list)
    changed: str = ""  # when the data last changed, and how that is known

    def __str__(self) -> str:
        width = max(len(k) for k in self.rows)
        lines = [f"data version {self.data_version} from {self.files} files"]
        lines += [f"data last changed {self.changed}", "rows per table:"]
        lines += [f"  {k:<{width}}  {n:>5}" for k, n in self.rows.items()]
        lines.append("sources by tier:")
        lines += [f"  {k:<32} {n:>3}" for k, n in self.tiers.items()]
        lines.append("Home Office series, checks passed:")
        lines += [f"  ok  {p}" for p in self.passed]
        lines.append("outcome_flags by kind (not failures; flagged force-years are not ranked):")
        lines += [f"  {k:<24} {n:>4}" for k, n in self.flags.items()]
        if self.reconciliation:
            lines.append("reconciliation with what was published (table reconciliation):")
            lines += [f"  {r}" for r in self.reconciliation]
        return "\n".join(lines)


def load(
    data_dir: Path,
) -> tuple[dict[str, list[Row]], Documents, ho_series.Series, list[dict]]:
    problems: list[Problem] = []
    root = data_dir.resolve().parent
    tables: dict[str, list[Row]] = {}
    read: set[str] = set()
    for table in schema.TABLES:
        files = table.files(data_dir)
        if not files:
            where, rule = (
                (table.folder, f"is missing: it holds table {table.name}")
                if table.single_file
                else (f"{table.folder}/", f"no CSV files for table {table.name}")
            )
            problems.append(Problem(f"{data_dir.name}/{where}", None, None, rule, "no-files"))
        tables[table.name] = []
        for path in files:
            display = path.absolute().relative_to(data_dir.absolute().parent).as_posix()
            if path.is_symlink() or not path.is_file():
                problems.append(
                    Problem(
                        display,
                        None,
                        None,
                        "is not a regular file (a folder or a link): remove it",
                        "not-a-regular-file",
                    )
                )
                continue
            rows = read_table_file(path, table, display, problems)
            if rows is not None and table is schema.FINDING_EVIDENCE:
                for r in rows:  # the key: one link a finding and metric
                    r.values["link_id"] = link_id(r.values)
            if rows is not None:
                read.add(table.name)
                tables[table.name] += rows
    # a table none of whose files could be read is reported once, not at every reference to it
    absent = {t.name for t in schema.TABLES} - read
    docs = Documents(root, document_folders(data_dir))
    check_rows(tables, docs, problems, frozenset(absent))
    series = ho_series.load_series(data_dir, tables["sources"], problems)
    ho_checks.check_series(series, problems)  # the arithmetic, before anything is written
    if problems:
        raise BuildError(problems)
    return tables, docs, series, ho_flags.flags(series, data_dir)


def _due_milestones(recs: list[Row]) -> list[dict]:
    out = []
    for r in recs:
        v = r.values
        if v.get("due_on"):
            label = (
                f"{v['kind'].capitalize()} {v['number']}"
                if v.get("number")
                else v["kind"].capitalize()
            )
            out.append(
                {
                    "milestone_id": f"due/{v['rec_id']}",
                    "event_date": v["due_on"],
                    "date_precision": "day",
                    "kind": "recommendation due",
                    "title": f"{label} due",
                    "detail": v["text"],
                    "source_id": v["source_id"],
                    "quote": v["quote"],
                }
            )
    return out


def build(data_dir: Path = DATA_DIR, out: Path = DB_PATH, check_only: bool = False) -> Summary:
    import duckdb  # imported here so `--check` stays light

    changed_at, basis = data_changed_at(data_dir)  # an unusable PFCC_DATA_CHANGED_AT stops here
    tables, docs, series, flags = load(data_dir)
    version = data_version(data_dir)
    files = len(input_files(data_dir))
    counts = {name: len(rows) for name, rows in tables.items()}
    due = _due_milestones(tables["recommendations"])
    counts["milestones"] += len(due)
    tiers = dict(sorted(Counter(r.values["tier"] for r in tables["sources"]).items()))
    summary = Summary(counts, tiers, version, files, series.passed)
    summary.flags = ho_flags.counts_by_kind(flags)
    summary.changed = f"{changed_at:%Y-%m-%d %H:%M:%S} UTC, {basis}"
    if check_only:
        return summary

    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out)
    tmp = temp_path(out)
    remove_temp(tmp)
    try:
        with exit_on_terminate():
            con = duckdb.connect(str(tmp))
            _write(con, tables, docs, series, flags, due, summary, changed_at)
            os.replace(tmp, out)
    except BaseException:  # an error, Ctrl-C, or SIGTERM/SIGHUP (exit_on_terminate)
        remove_temp(tmp)
        raise
    return summary


def _write(con, tables, docs, series, flags, due, summary: Summary, changed_at) -> None:
    """Every table into `con`, the open temporary database, which it closes."""
    try:
        for table in schema.TABLES:
            con.execute(ddl.create_table(table))
        for stmt in ddl.INTERNAL_DDL:
            con.execute(stmt)
        public = PublicDays([r.values for r in tables["sources"]])
        for table in schema.TABLES:
            rows = [r.values for r in tables[table.name]]
            if table is schema.MILESTONES:
                rows += due
            if "public_on" in table.all_columns:
                rows = [public.stamp(table.name, row) for row in rows]
            if table is schema.MEASURES:
                rows = [
                    r | {"value_as_written": written_number(r["quote"], r["value"])} for r in rows
                ]
            cols = table.all_columns
            con.executemany(
                f"INSERT INTO {table.name} ({', '.join(cols)}) VALUES"
                f" ({', '.join('?' for _ in cols)})",
                [[row.get(c) for c in cols] for row in rows],
            )
        ho_tables.write(con, series, flags, public)
        summary.reconciliation = ho_reconcile.write(con, public)
        for name in ("ho_outcome_counts", "ho_recorded_crime", "outcome_flags"):
            summary.rows[name] = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        con.executemany(
            "INSERT INTO source_versions VALUES (?, ?, ?)",
            [
                (sid, v, public.day("source_versions", {"source_id": sid}))
                for sid, v in sorted(source_versions(tables, docs).items())
            ],
        )
        con.executemany(
            "INSERT INTO documents VALUES (?, ?, ?)",
            [(rel, content_hash(text), text) for rel, text in sorted(docs.texts.items())],
        )
        _every_row_dated(con)
        built_at = datetime.now(UTC).replace(tzinfo=None)
        con.execute(
            "INSERT INTO build_info VALUES (?, ?, ?, ?)",
            [summary.data_version, built_at, summary.files, changed_at],
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _every_row_dated(con) -> None:
    """Every table whose rows come from a source says when each became public (`public_on`,
    given by `public.PublicDays`): a new table without it would escape every as-presented
    view, so the build stops."""
    undated = con.execute(
        """SELECT table_name FROM information_schema.columns c
           JOIN information_schema.tables t USING (table_schema, table_name)
           WHERE t.table_type = 'BASE TABLE' AND c.column_name IN ('source_id', 'file')
             AND table_name NOT IN ('documents', 'build_info')
             AND table_name NOT IN (SELECT table_name FROM information_schema.columns
                                    WHERE column_name = 'public_on')"""
    ).fetchall()
    if undated:
        names = ", ".join(sorted({n for (n,) in undated}))
        raise RuntimeError(f"tables without public_on (see pfcc/ingest/public.py): {names}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="folder of the CSVs and documents")
    ap.add_argument("--out", type=Path, default=DB_PATH, help="the database file to write")
    ap.add_argument("--check", action="store_true", help="validate only; write nothing")
    ap.add_argument(
        "--data-date",
        action="store_true",
        help="print when the data last changed, for PFCC_DATA_CHANGED_AT (how it is known: stderr)",
    )
    args = ap.parse_args(argv)
    try:
        if args.data_date:
            when, basis = data_changed_at(args.data)
            print(f"{when.isoformat()}+00:00")
            print(f"data last changed {basis}", file=sys.stderr)
            return 0
        summary = build(args.data, args.out, check_only=args.check)
    except (BuildError, DataDateError) as e:
        print(f"build stopped: {e}", file=sys.stderr)
        return 1
    print(("checked (nothing written): " if args.check else f"built {args.out}: ") + str(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
