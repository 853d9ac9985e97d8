"""The words around the Home Office series: ranks as ordinals, computed rates to one place,
quarters as GOV.UK writes them, the licence statement exactly as the licence file gives it."""

import re

import pandas as pd
import pytest

from pfcc.paths import DATA_DIR
from pfcc.stories.common import with_text
from pfcc.stories.official import OGL, ordinal, percent, quarter_label
from pfcc.stories.sentences import series_summary


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (43, "43rd"),
        (111, "111th"),
    ],
)
def test_ordinal(n, text):
    assert ordinal(n) == text


def test_percent_and_quarters():
    assert percent(8.942427) == "8.9%"
    assert quarter_label("2024-04-01", "2024-06-30") == "Apr to Jun 2024"
    assert quarter_label("2025-01-01", "2025-03-31") == "Jan to Mar 2025"


def test_the_licence_statement_is_the_licence_files_own_words():
    edition = DATA_DIR / "home-office-outcomes" / "editions" / "2026-08-26"
    text = (edition / "DATA-LICENCE.md").read_text(encoding="utf-8")
    quoted = " ".join(
        line.lstrip("> ").strip() for line in text.splitlines() if line.startswith(">")
    )
    assert re.sub(r"\s+", " ", quoted).strip() == OGL


def test_a_count_with_no_better_direction_is_described_without_judgement():
    df = pd.DataFrame(
        {
            "measure_id": ["a", "b", "c"],
            "series": ["Staffordshire"] * 3,
            "period_end": pd.to_datetime(["2014-03-31", "2019-03-31", "2024-03-31"]),
            "period_label": ["2013/14", "2018/19", "2023/24"],
            "value": [61000.0, 85000.0, 86094.0],
            "unit": ["count"] * 3,
            "tier": ["official statistics"] * 3,
            "source_title": ["s"] * 3,
        }
    )
    text = series_summary(with_text(df), "series", "recorded crime", lower_is_better=None)
    assert text == "Staffordshire rose by 25,094, from 61,000 (2013/14) to 86,094 (2023/24)."
