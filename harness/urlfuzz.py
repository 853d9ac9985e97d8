"""Odd URLs against every page: unknown keys, huge values, wrong types, script and SQL fragments,
unicode, repeated keys. Each query string is rendered through Streamlit's AppTest; any exception,
error box or unescaped echo of the input is a problem.

The generator and the check behind `python -m scripts.fuzz_urls` (1,000 and more) and
tests/test_url_fuzz.py (a fixed-seed sample)."""

from __future__ import annotations

import random

from harness.apptest import SLUGS, render, text_of
from pfcc import registry

PAGES = SLUGS
# The app's own keys (filters, presentation mode, each chart's picked figure) and strangers.
KEYS = [
    "theme",
    "crime",
    "years",
    "report",
    "status",
    "mode",
    "slide",
    "date",
    "section",
    "basis",
    "year",
    "forces",
    "v",
    *(f"q_{c.key}" for p in registry.PAGES for c in p.charts),
    "embed",
    "page",
    "x",
    "",
    "__proto__",
    "constructor",
    "theme[]",
    "a" * 300,
]
VALUES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "'; DROP TABLE measures; --",
    "1 OR 1=1",
    "$today",
    "${7*7}",
    "{{7*7}}",
    "%00",
    "\x00",
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows",
    "-1",
    "0",
    "999999999999999999999",
    "1e308",
    "NaN",
    "inf",
    "-inf",
    "3.5",
    "",
    " ",
    "true",
    "null",
    "None",
    "[]",
    "{}",
    "2022-02-30",
    "2014-01-01",
    "2099-12-31",
    "31/12/2022",
    "Investigating crime",
    "investigating crime",
    "Closed",
    "closed",
    "present",
    "PRESENT",
    "😀" * 50,
    "\u202e\u200b\u2066",
    "ß" * 1000,
    "Z" * 100_000,
    "All crime (excluding fraud)",
    "2016",
    "2030",
    "abc",
]
MARKERS = ["<script>alert", "<img src=x", "onerror=alert", "${7*7}", "\u202e"]

Case = tuple[str, dict[str, list[str]]]


def query_strings(count: int, seed: int) -> list[Case]:
    """(page slug, params) pairs, every page in turn; a key may repeat (several values)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        params: dict[str, list[str]] = {}
        for _ in range(rng.randint(1, 4)):
            key = rng.choice(KEYS)
            values = [rng.choice(VALUES) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
            params.setdefault(key, []).extend(values)
        out.append((PAGES[i % len(PAGES)], params))
    return out


def check(slug: str, params: dict[str, list[str]]) -> list[str]:
    """Render one page with these parameters: the problems a visitor would see."""
    at = render(slug, {k: vs if len(vs) > 1 else vs[0] for k, vs in params.items()}, timeout_s=60)
    problems = [f"exception: {e.value[:200]}" for e in at.exception]
    problems += [f"error box: {e.value[:200]}" for e in at.error]
    shown = text_of(at)
    problems += [f"echoed {marker!r}" for marker in MARKERS if marker in shown]
    return problems
