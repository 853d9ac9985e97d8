"""Mutate copies of the data/ CSVs and documents many ways and check that the build either
rejects each copy clearly (an expected problem code at the file, line and column the mutation
touched; previous database byte-identical; no temporary file left) or builds a database whose
row counts fit the mutation.

    python -m scripts.fuzz_data [--count 300] [--seed 1] [--only 5,17] [--verbose]

Exit code 1 if any mutation ends in FAILURE. Mutations are reproducible: `--only I` with the same
seed and count re-runs mutation I. The mutations, expectations and runner are in
harness/fuzz/."""

from __future__ import annotations

import argparse
import sys

from harness.fuzz.runner import print_report, run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=300, help="how many mutations to run")
    ap.add_argument("--seed", type=int, default=1, help="the run's random seed")
    ap.add_argument("--only", help="comma-separated mutation numbers to run (same seed/count)")
    ap.add_argument("--verbose", action="store_true", help="print every mutation and problem")
    args = ap.parse_args(argv)
    only = [int(x) for x in args.only.split(",")] if args.only else None
    report = run(seed=args.seed, count=args.count, only=only)
    print_report(report, verbose=args.verbose)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
