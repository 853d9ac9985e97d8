"""A fixed-seed sample of scripts/fuzz_urls.py: odd query strings on every page give no exception,
no error box and no echo of unescaped input. The full run (1,000 and more) is the script."""
import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import fuzz_urls  # noqa: E402

SAMPLE = fuzz_urls.query_strings(count=96, seed=20261122)


def test_the_sample_covers_every_page_and_key_kind():
    assert {page for page, _ in SAMPLE} == set(fuzz_urls.PAGES)
    assert any(len(v) > 1 for _, p in SAMPLE for v in p.values()), "repeated keys"


@pytest.mark.parametrize("case", range(len(SAMPLE)))
def test_odd_query_string(built_db, case):
    page, params = SAMPLE[case]
    assert fuzz_urls.check(page, params) == [], (page, params)
