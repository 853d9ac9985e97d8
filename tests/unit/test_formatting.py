"""How figures and dates are written: as the source wrote them, never re-rounded."""

from datetime import date

import pandas as pd
import pytest

from pfcc.text.formatting import decimals, fmt_date, fmt_value, plain_number


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((7.41, "seconds"), "7.41 seconds"),
        ((17.0, "percent", None, "17.0"), "17.0%"),  # the source's trailing zero is kept
        ((17.0, "percent"), "17%"),
        ((6700, "count", None, "6,700"), "6,700"),
        ((6700, "count"), "6,700"),
        ((12.5, "per 100 offences"), "12.5 per 100"),
        ((3, "pounds"), "£3"),
        ((2, "years"), "2 years"),
        ((24.4, "percent", "about"), "about 24.4%"),
        ((5, "widgets"), "5 widgets"),  # an unknown unit is written out, not dropped
    ],
)
def test_fmt_value_writes_the_figure_as_the_source_did(args, expected):
    assert fmt_value(*args) == expected


def test_fmt_value_ignores_a_blank_qualifier_and_written_form():
    assert fmt_value(81.4, "percent", "", "") == "81.4%"
    assert fmt_value(81.4, "percent", float("nan"), float("nan")) == "81.4%"


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (date(2024, 5, 21), "day", "21 May 2024"),
        (pd.Timestamp("2022-07-01"), "month", "July 2022"),
        (date(2015, 3, 1), "day", "1 March 2015"),  # no leading zero, GOV.UK style
        (None, "day", "date not stated"),
        (pd.NaT, "month", "date not stated"),
    ],
)
def test_fmt_date(value, precision, expected):
    assert fmt_date(value, precision) == expected


@pytest.mark.parametrize(
    ("value", "text", "places"),
    [(6700.0, "6,700", 0), (6700.5, "6,700.5", 1), (0.125, "0.125", 3), (17.25, "17.25", 2)],
)
def test_plain_number_and_decimals(value, text, places):
    assert plain_number(value) == text
    assert decimals(value) == places
