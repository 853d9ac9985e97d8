"""A fixed-seed sample of the URL fuzzer (harness/urlfuzz.py): odd query strings on every
page give no exception, no error box and no echo of unescaped input. The full run (1,000 and
more) is `python -m scripts.fuzz_urls`."""

import pytest

from harness import urlfuzz
from harness.apptest import SLUGS

SAMPLE = urlfuzz.query_strings(count=96, seed=20261122)


def test_the_sample_covers_every_page_and_key_kind():
    assert {page for page, _ in SAMPLE} == set(SLUGS), "every page AppTest can open"
    assert any(len(v) > 1 for _, p in SAMPLE for v in p.values()), "repeated keys"


@pytest.mark.parametrize("case", range(len(SAMPLE)))
def test_odd_query_string(built_db, case):
    page, params = SAMPLE[case]
    assert urlfuzz.check(page, params) == [], (page, params)
