"""Odd URLs against every page: unknown keys, huge values, wrong types, script and SQL fragments,
unicode, repeated keys. Each query string is rendered through Streamlit's AppTest; any exception,
error box or unescaped echo of the input is a failure.

    python scripts/fuzz_urls.py [--count 1000] [--seed 7]

The test suite runs a fixed-seed sample of the same generator (tests/test_url_fuzz.py)."""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = {
    "overview": "pages/overview_page.py", "grades": "pages/grades_page.py",
    "recording": "pages/recording_page.py", "outcomes": "pages/outcomes_page.py",
    "calls": "pages/calls_page.py", "recommendations": "pages/recommendations_page.py",
    "sources": "pages/sources_page.py", "accessibility": "pages/accessibility_page.py",
}
KEYS = ["theme", "crime", "years", "report", "status", "mode", "slide", "date", "v",
        "q_grades", "q_journey", "q_recording", "q_calls_101", "q_recommendations", "embed",
        "page", "x", "", "__proto__", "constructor", "theme[]", "a" * 300]
VALUES = [
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
    "'; DROP TABLE measures; --", "1 OR 1=1", "$today", "${7*7}", "{{7*7}}", "%00", "\x00",
    "../../etc/passwd", "/etc/passwd", "C:\\Windows", "-1", "0", "999999999999999999999", "1e308",
    "NaN", "inf", "-inf", "3.5", "", " ", "true", "null", "None", "[]", "{}", "2022-02-30",
    "2014-01-01", "2099-12-31", "31/12/2022", "Investigating crime", "investigating crime",
    "Closed", "closed", "present", "PRESENT", "😀" * 50, "\u202e\u200b\u2066", "ß" * 1000,
    "Z" * 100_000, "All crime (excluding fraud)", "2016", "2030", "abc",
]
MARKERS = ["<script>alert", "<img src=x", "onerror=alert", "${7*7}", "\u202e"]


def query_strings(count: int, seed: int) -> list[tuple[str, dict[str, list[str]]]]:
    """(page, params) pairs; a param may repeat (several values for one key)."""
    rng = random.Random(seed)
    out = []
    pages = list(PAGES)
    for i in range(count):
        page = pages[i % len(pages)]
        params: dict[str, list[str]] = {}
        for _ in range(rng.randint(1, 4)):
            key = rng.choice(KEYS)
            values = [rng.choice(VALUES) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
            params.setdefault(key, []).extend(values)
        out.append((page, params))
    return out


def check(page: str, params: dict[str, list[str]]) -> list[str]:
    """Render one page with these parameters; the problems a visitor would see."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    if page != "overview":
        at.switch_page(PAGES[page])
    for key, values in params.items():
        at.query_params[key] = values if len(values) > 1 else values[0]
    at.run()
    problems = [f"exception: {e.value[:200]}" for e in at.exception]
    problems += [f"error box: {e.value[:200]}" for e in at.error]
    shown = [e.value for e in at.title] + [e.value for e in at.markdown] + \
            [e.proto.body for e in at.get("html")] + [e.value for e in at.caption]
    for text in shown:
        for marker in MARKERS:
            if marker in text:
                problems.append(f"echoed {marker!r}")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    import logging
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    started = time.monotonic()
    failures = []
    for i, (page, params) in enumerate(query_strings(args.count, args.seed), 1):
        problems = check(page, params)
        if problems:
            failures.append((page, params, problems))
        if i % 100 == 0:
            print(f"{i} query strings, {len(failures)} failing", flush=True)
    print(f"{args.count} query strings over {len(PAGES)} pages in "
          f"{time.monotonic() - started:.0f} s: {len(failures)} failing")
    for page, params, problems in failures[:20]:
        print(f"  {page} {dict((k, [v[:40] for v in vs]) for k, vs in params.items())}: {problems}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
