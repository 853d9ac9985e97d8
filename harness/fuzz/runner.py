"""Apply mutations to a scratch copy of data/, run the build in-process, and classify each one:

REJECTED-CLEARLY  BuildError whose problems include an expected code at the expected place,
                  cite no unexpected code, and left the previous database byte-identical;
BUILT-OK          built, expected to build, with the row counts the mutation implies;
FAILURE           anything else: a traceback, a wrong or missing code, a rejection of
                  good data, acceptance of bad data, a changed database, a stray file."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from harness.fuzz.expectations import Expect, codes_expected, expect
from harness.fuzz.model import Applied, Model, Mutation, Skip
from harness.fuzz.mutations import Mutator, catalogue
from pfcc.ingest import build as pbuild
from pfcc.ingest import schema
from pfcc.ingest.problems import BuildError, Problem
from pfcc.paths import DATA_DIR

REJECTED, BUILT, FAILURE, SKIPPED = "REJECTED-CLEARLY", "BUILT-OK", "FAILURE", "SKIPPED"
TABLE_NAMES = [t.name for t in schema.TABLES]


@dataclass
class Result:
    index: int
    mutation: Mutation
    outcome: str = FAILURE
    applied: Applied | None = None
    reasons: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # cited by the build
    shown: list[str] = field(default_factory=list)  # the first problems, as printed


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def db_facts(path: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Row counts and a content digest of every table of a built database."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        counts, digest = {}, {}
        for t in schema.TABLES:
            rows = con.execute(f"SELECT * FROM {t.name} ORDER BY {t.key}").fetchall()
            counts[t.name] = len(rows)
            digest[t.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return counts, digest
    finally:
        con.close()


class Workspace:
    """A pristine copy of data/ kept in memory, a work copy restored between mutations, and an
    output folder holding a database built from the pristine copy."""

    def __init__(self, tmp: Path, data: Path):
        self.data = tmp / "root" / "data"
        shutil.copytree(data, self.data, ignore=shutil.ignore_patterns("*.duckdb*", ".*.tmp*"))
        self.blobs = {
            p.relative_to(self.data).as_posix(): p.read_bytes()
            for p in self.data.rglob("*")
            if p.is_file()
        }
        self.dirs = {
            p.relative_to(self.data).as_posix() for p in self.data.rglob("*") if p.is_dir()
        }
        self.out_dir = tmp / "out"
        self.out = self.out_dir / "staffordshire.duckdb"
        pbuild.build(self.data, self.out)
        self.golden = self.out.read_bytes()
        self.golden_sha = hashlib.sha256(self.golden).hexdigest()
        self.base_counts, self.base_digest = db_facts(self.out)
        self.model = Model(self.data)

    def restore(self) -> None:
        for dirpath, dirnames, filenames in os.walk(self.data):
            d = Path(dirpath)
            for name in list(dirnames):
                if (d / name).relative_to(self.data).as_posix() not in self.dirs:
                    p = d / name
                    p.unlink() if p.is_symlink() else shutil.rmtree(p)
                    dirnames.remove(name)
            for name in filenames:
                if (d / name).relative_to(self.data).as_posix() not in self.blobs:
                    (d / name).unlink()
        for rel, blob in self.blobs.items():
            p = self.data / rel
            if p.is_symlink() or not p.is_file() or p.read_bytes() != blob:
                if p.is_symlink():
                    p.unlink()
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_bytes(blob)
        for p in self.out_dir.iterdir():
            if p != self.out:
                p.unlink() if p.is_file() or p.is_symlink() else shutil.rmtree(p)
        if not self.out.exists() or sha(self.out) != self.golden_sha:
            self.out.write_bytes(self.golden)

    def stray(self) -> list[str]:
        return [p.name for p in self.out_dir.iterdir() if p != self.out]


def judge_rejection(problems: list, exp: Expect, applied: Applied) -> list[str]:
    """Why a rejection is not the clear one expected (empty: it is)."""
    reasons = []
    if not problems:
        return ["BuildError without problems"]
    for p in problems:
        if not isinstance(p, Problem):
            reasons.append(f"not a Problem: {p!r}")
            continue
        text = str(p)
        if not p.file.startswith("data/") or "Traceback" in text:
            reasons.append(f"problem not in `data/…, line N, column C: rule` form: {text[:200]}")
        if p.line is not None and p.line < 1:
            reasons.append(f"bad line number: {text[:200]}")
    codes = {p.code for p in problems}
    if exp.builds:
        return reasons + [f"rejected, but should build: {problems[0]}"]
    if not codes & exp.codes:
        reasons.append(f"wrong code: expected {sorted(exp.codes)}, got {sorted(codes)}")
    unexpected = codes - exp.codes - exp.also - applied.also
    if unexpected:
        first = next(p for p in problems if p.code in unexpected)
        reasons.append(f"unexpected code(s) {sorted(unexpected)}: {str(first)[:200]}")
    if exp.located and applied.file and codes & exp.codes:
        near = [
            p
            for p in problems
            if p.code in exp.codes
            and (
                p.file == applied.file
                or (applied.file.endswith("/") and p.file.startswith(applied.file))
            )
        ]
        if applied.line is not None:
            near = [p for p in near if p.line == applied.line]
        if applied.column is not None:
            near = [p for p in near if p.column == applied.column]
        if not near:
            where = (
                applied.file
                + (f", line {applied.line}" if applied.line else "")
                + (f", column {applied.column}" if applied.column else "")
            )
            reasons.append(
                f"no {sorted(exp.codes)} problem at {where} (got: "
                f"{'; '.join(str(p)[:120] for p in problems[:3])})"
            )
    return reasons


def judge_build(ws: Workspace, summary, exp: Expect, applied: Applied) -> list[str]:
    if not exp.builds:
        return [f"built, but should be rejected with {sorted(exp.codes)}"]
    try:
        counts, digest = db_facts(ws.out)
    except Exception as e:  # noqa: BLE001 - a database that does not open is the finding
        return [f"the new database does not open: {type(e).__name__}: {e}"]
    reasons = []
    if counts != {k: summary.rows[k] for k in TABLE_NAMES}:
        reasons.append(f"summary rows {summary.rows} differ from the database's {counts}")
    for t in TABLE_NAMES:
        want = ws.base_counts[t] + applied.delta.get(t, 0)
        if counts[t] != want:
            reasons.append(f"{t}: {counts[t]} rows, expected {want}")
    if exp.neutral:
        changed = [t for t in TABLE_NAMES if digest[t] != ws.base_digest[t]]
        if changed:
            reasons.append(f"contents changed in {changed} although the mutation keeps them")
    return reasons


def run_one(
    ws: Workspace, mutator: Mutator, index: int, m: Mutation, seed: int, exp: Expect | None = None
) -> Result:
    """Apply mutation `m` (the `index`-th of a run with `seed`) and judge the build's answer."""
    ws.restore()
    res = Result(index, m)
    exp = exp or expect(m)
    try:
        res.applied = mutator.apply(m, random.Random(f"{seed}/{index}/{m.name}"))
    except Skip as e:
        res.outcome, res.reasons = SKIPPED, [str(e)]
        return res
    try:
        summary = pbuild.build(ws.data, ws.out)
    except BuildError as e:
        res.codes = sorted({p.code for p in e.problems})
        res.shown = [str(p)[:300] for p in e.problems[:3]]
        res.reasons = judge_rejection(e.problems, exp, res.applied)
    except Exception as e:  # noqa: BLE001 - any other exception is the finding
        frames = traceback.extract_tb(e.__traceback__)
        here = next(
            (
                f"{Path(fr.filename).name}:{fr.lineno} in {fr.name}"
                for fr in reversed(frames)
                if "pfcc" in fr.filename
            ),
            "?",
        )
        res.reasons = [f"{type(e).__name__} at {here}: {str(e)[:200]}"]
    else:
        res.reasons = judge_build(ws, summary, exp, res.applied)
        if not res.reasons:
            res.outcome = BUILT
            return res
        return res
    if sha(ws.out) != ws.golden_sha:
        res.reasons.append("the previous database was changed by a failed build")
    if ws.stray():
        res.reasons.append(f"files left next to the database: {ws.stray()}")
    if not res.reasons:
        res.outcome = REJECTED
    return res


def plan(mutations: list[Mutation], count: int, seed: int) -> list[Mutation]:
    """Every code first (one mutation that must cite it), then every kind (those that must build
    first), then every column, then everything again in a shuffled order."""
    rng = random.Random(seed)
    pool = list(mutations)
    rng.shuffle(pool)
    chosen: list[Mutation] = []
    seen: set = set()

    def take(features) -> None:
        for m in list(pool):
            if len(chosen) >= count:
                return
            new = features(m) - seen
            if new:
                chosen.append(m)
                pool.remove(m)
                seen.update(new)

    take(lambda m: {("code", c) for c in expect(m).codes})
    take(lambda m: {("kind", m.kind)} if expect(m).builds else set())
    take(lambda m: {("kind", m.kind)})
    take(lambda m: {("column", m.table, m.column)})
    while len(chosen) < count:
        again = list(mutations)
        rng.shuffle(again)
        chosen += again[: count - len(chosen)]
    return chosen[:count]


@dataclass
class Report:
    results: list[Result]
    seconds: float

    @property
    def failures(self) -> list[Result]:
        return [r for r in self.results if r.outcome == FAILURE]

    def counts(self) -> Counter:
        return Counter(r.outcome for r in self.results)

    def codes_cited(self) -> set[str]:
        return {c for r in self.results if r.outcome == REJECTED for c in r.codes}


def run(seed: int = 1, count: int = 300, data: Path = DATA_DIR, only=None) -> Report:
    t0 = time.monotonic()
    # tmpfs where there is one: DuckDB's checkpoint fsyncs, and on a disk that dominates the run
    shm = Path("/dev/shm")
    scratch = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="pfcc-fuzz-", dir=scratch) as tmp:
        ws = Workspace(Path(tmp), data)
        mutator = Mutator(ws.model, ws.data)
        todo = list(enumerate(plan(catalogue(), count, seed)))
        if only:
            todo = [todo[i] for i in only]
        results = [run_one(ws, mutator, i, m, seed) for i, m in todo]
        ws.restore()
    return Report(results, time.monotonic() - t0)


def print_report(rep: Report, out=print, verbose: bool = False) -> None:
    if verbose:
        for r in rep.results:
            out(f"#{r.index} {r.outcome} {r.mutation.name}: {r.applied.note if r.applied else ''}")
            for line in r.shown + r.reasons:
                out(f"      {line}")
    per_table: dict[str, Counter] = defaultdict(Counter)
    for r in rep.results:
        per_table[r.mutation.table][r.outcome] += 1
    for t, n in sorted(per_table.items()):
        out(
            f"  {t:16} rejected {n[REJECTED]:4}  built {n[BUILT]:4}  FAILURE {n[FAILURE]:4}"
            + (f"  skipped {n[SKIPPED]}" if n[SKIPPED] else "")
        )
    c = rep.counts()
    out(
        f"{len(rep.results)} mutations in {rep.seconds:.1f}s: {c[REJECTED]} {REJECTED},"
        f" {c[BUILT]} {BUILT}, {c[FAILURE]} {FAILURE}"
        + (f", {c[SKIPPED]} skipped" if c[SKIPPED] else "")
    )
    wanted = codes_expected(catalogue())
    missing = sorted(wanted - rep.codes_cited())
    out(
        f"codes cited: {len(wanted) - len(missing)} of {len(wanted)}"
        + (f"; never: {missing}" if missing else "")
    )
    if rep.failures:
        out(f"\n{len(rep.failures)} FAILURE(S):")
        for r in rep.failures:
            out(f"  #{r.index} {r.mutation.name}: {r.applied.note if r.applied else ''}")
            for why in r.reasons:
                out(f"      {why}")
