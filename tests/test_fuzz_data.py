"""Hundreds of generated mutations of data/ (scripts/fuzz_data.py, fixed seed): each one is either
rejected clearly with the previous database left byte-identical, or builds a database whose row
counts fit the mutation. Run `python scripts/fuzz_data.py --count 1000` for a wider search."""
import importlib.util
import sys

import pytest

from conftest import REPO
from pfcc import schema

SEED = 1
COUNT = 220  # the greedy cover needs ~150 to reach every column, kind and rule
CLI_SAMPLE = 10


def load_fuzzer():
    spec = importlib.util.spec_from_file_location("fuzz_data", REPO / "scripts" / "fuzz_data.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_data"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


fuzz = load_fuzzer()


@pytest.fixture(scope="module")
def report():
    return fuzz.run(seed=SEED, count=COUNT, cli_sample=CLI_SAMPLE)


def summary(rep) -> str:
    lines = []
    fuzz.print_report(rep, brief=True, out=lines.append)
    return "\n".join(lines)


def test_no_mutation_ends_in_failure(report):
    if report.failures:
        pytest.fail(summary(report), pytrace=False)


def test_enough_mutations_ran(report):
    ran = [r for r in report.results if r.outcome != "SKIPPED"]
    assert len(ran) >= 200, summary(report)


def test_every_table_and_every_column_was_mutated(report):
    assert report.tables_mutated() >= {t.name for t in schema.TABLES}
    missing = {(t.name, c) for t in schema.TABLES for c in t.column_names} \
        - report.columns_mutated()
    assert not missing, f"never mutated: {sorted(missing)}"


def test_every_rule_was_cited(report):
    missing = [name for name, _, _ in fuzz.RULES if name not in report.rules_seen()]
    assert not missing, f"no mutation made these rules fire: {missing}"


def test_both_outcomes_occurred(report):
    counts = report.counts()
    assert counts[fuzz.REJECTED] > 0 and counts[fuzz.BUILT] > 0, counts


def test_the_cli_agrees_on_a_sample(report):
    sampled = [r for r in report.results if r.cli is not None]
    assert len(sampled) == report.cli_checked >= CLI_SAMPLE - 1
    assert {r.cli for r in sampled} >= {fuzz.REJECTED, fuzz.BUILT}, \
        [(r.index, r.kind, r.cli) for r in sampled]
