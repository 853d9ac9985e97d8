"""Generated mutations of data/ (harness/fuzz, fixed seed): each one is either rejected with
the problem code it must produce, at the place it touched, with the previous database left
byte-identical, or builds a database whose row counts fit the mutation. The sample here reaches
every code; `python -m scripts.fuzz_data --count 1000` searches wider."""

import subprocess
import sys

import pytest

from harness.fuzz import expectations, runner
from harness.fuzz.mutations import Mutation, catalogue
from pfcc.ingest import problems, schema
from pfcc.paths import ROOT

SEED = 1
COUNT = 78  # the plan takes one mutation per code first (76 codes), then the kinds that build
CLI_COUNT = 3

# A mutation to make each rule fire: every code the build can emit, none left out silently.
# The exceptions: the Home Office series' rules (pfcc/ingest/homeoffice/series*.py). Their inputs
# are the files
# of data/home-office-outcomes/ and their checksummed source rows, which this fuzzer's model
# (the schema tables' CSVs) leaves alone (mutations.NOT_MUTATED);
# tests/test_official_series_build.py mutates those files and asserts each of these codes with
# its file, line and column.
CODES_WITHOUT_A_MUTATION: set[str] = {
    c for c in problems.CODES if c.startswith(("series-", "checksum-")) or c == "not-a-checksum"
}
# Optional columns exist only in the NOT_MUTATED files (sources.sha256): mutated there.
COLUMNS_WITHOUT_A_MUTATION = {
    (t.name, c.name) for t in schema.TABLES for c in t.columns if c.optional
}


@pytest.fixture(scope="module")
def report():
    return runner.run(seed=SEED, count=COUNT)


def summary(rep) -> str:
    lines: list[str] = []
    runner.print_report(rep, out=lines.append)
    return "\n".join(lines)


def test_no_mutation_ends_in_failure(report):
    if report.failures:
        pytest.fail(summary(report), pytrace=False)


def test_the_sample_ran_and_both_outcomes_occurred(report):
    counts = report.counts()
    assert counts[runner.SKIPPED] <= COUNT // 10, summary(report)
    assert counts[runner.REJECTED] >= 50 and counts[runner.BUILT] >= 3, summary(report)


def test_every_code_is_cited_by_the_sample(report):
    wanted = set(problems.CODES) - CODES_WITHOUT_A_MUTATION
    assert expectations.codes_expected(catalogue()) == wanted
    missing = wanted - report.codes_cited()
    assert not missing, f"no mutation in the sample made these codes fire: {sorted(missing)}"


def test_every_table_and_column_has_mutations():
    mutated = {(m.table, m.column) for m in catalogue()}
    missing = {(t.name, c) for t in schema.TABLES for c in t.column_names} - mutated
    missing -= COLUMNS_WITHOUT_A_MUTATION
    assert not missing, f"never mutated: {sorted(missing)}"
    for m in catalogue():
        expectations.expect(m)  # every mutation has an expectation (KeyError otherwise)


def test_the_runner_calls_a_wrong_code_or_a_wrong_outcome_a_failure(tmp_path):
    """The judge itself: a rejection with another code, or a build where a rejection was due,
    or a rejection where a build was due, is a FAILURE, not a pass."""
    ws = runner.Workspace(tmp_path, ROOT / "data")
    mutator = runner.Mutator(ws.model, ws.data)
    not_a_number = Mutation("measures", "value", "not-a-number")
    wrong_code = runner.run_one(
        ws, mutator, 0, not_a_number, SEED, exp=expectations.reject("unknown-source")
    )
    assert wrong_code.outcome == runner.FAILURE and "wrong code" in wrong_code.reasons[0]
    should_build = runner.run_one(ws, mutator, 0, not_a_number, SEED, exp=expectations.BUILDS)
    assert should_build.outcome == runner.FAILURE
    bom = Mutation("measures", None, "bom")
    should_reject = runner.run_one(ws, mutator, 0, bom, SEED, exp=expectations.reject("not-utf8"))
    assert should_reject.outcome == runner.FAILURE and "built" in should_reject.reasons[0]
    assert runner.run_one(ws, mutator, 0, not_a_number, SEED).outcome == runner.REJECTED
    assert runner.run_one(ws, mutator, 0, bom, SEED).outcome == runner.BUILT


def test_the_command_line_runs_and_reports():
    done = subprocess.run(
        [sys.executable, "-m", "scripts.fuzz_data", "--count", str(CLI_COUNT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{CLI_COUNT} mutations in " in done.stdout, done.stdout
    assert " 0 FAILURE" in done.stdout and "codes cited: " in done.stdout, done.stdout
