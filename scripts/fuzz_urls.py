"""Odd URLs against every page, rendered through Streamlit's AppTest: no exception, no error box,
no unescaped echo of the input (the generator and the check: harness/urlfuzz.py).

    python -m scripts.fuzz_urls [--count 1000] [--seed 7]

The test suite runs a fixed-seed sample of the same generator (tests/test_url_fuzz.py)."""

from __future__ import annotations

import argparse
import logging
import sys
import time

from harness import urlfuzz


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    started = time.monotonic()
    failures = []
    for i, (page, params) in enumerate(urlfuzz.query_strings(args.count, args.seed), 1):
        problems = urlfuzz.check(page, params)
        if problems:
            failures.append((page, params, problems))
        if i % 100 == 0:
            print(f"{i} query strings, {len(failures)} failing", flush=True)
    print(
        f"{args.count} query strings over {len(urlfuzz.PAGES)} pages in "
        f"{time.monotonic() - started:.0f} s: {len(failures)} failing"
    )
    for page, params, problems in failures[:20]:
        shown = {k: [v[:40] for v in vs] for k, vs in params.items()}
        print(f"  {page} {shown}: {problems}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
