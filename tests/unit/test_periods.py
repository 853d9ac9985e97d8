"""One function decides what a line may join (`periods.joinable`): figures of one window only,
never one whose period is not stated; and a measure's stated window is checked against its
dates or its quote."""

from datetime import date

import pytest

from pfcc import periods


def row(end, length):
    return {"period_end": end, "period_length": length}


@pytest.mark.parametrize(
    ("start", "end", "length"),
    [
        (date(2022, 6, 1), date(2022, 6, 30), "month"),
        (date(2024, 1, 1), date(2024, 3, 31), "3 months"),
        (date(2020, 12, 1), date(2021, 11, 30), "12 months"),
        (date(2024, 4, 1), date(2025, 3, 31), "12 months"),
        (date(2022, 12, 23), date(2023, 1, 3), "12 days"),
        (date(2023, 5, 1), date(2023, 5, 7), "week"),
        (date(2023, 5, 1), date(2023, 5, 1), "day"),
    ],
)
def test_the_window_of_two_dates(start, end, length):
    assert periods.length_of(start, end) == length
    assert periods.length_problem(start, end, length, "") is None


def test_same_window_is_joined():
    assert periods.joinable(row("2022-06-30", "month"), row("2022-07-31", "month"), 400)
    assert periods.joinable(row("2021-11-30", "12 months"), row("2022-11-30", "12 months"), 400)


def test_different_windows_are_never_joined():
    assert not periods.joinable(row("2021-11-30", "12 months"), row("2022-06-30", "month"), 400)
    assert not periods.joinable(row("2022-09-30", "week"), row("2022-12-31", "month"), 400)
    assert not periods.joinable(row("2023-05-28", "3 months"), row("2023-07-31", "month"), 400)


def test_a_figure_whose_period_is_not_stated_is_never_joined():
    ns = periods.NOT_STATED
    assert not periods.joinable(row("2022-09-30", ns), row("2022-10-31", ns), 400)
    assert not periods.joinable(row("2022-09-30", ns), row("2022-10-31", "month"), 400)
    assert not periods.joinable(row("2022-09-30", None), row("2022-10-31", None), 400)


def test_a_long_silence_is_not_joined():
    assert not periods.joinable(row("2014-07-31", "month"), row("2022-06-30", "month"), 400)


def test_a_frame_without_lengths_keeps_one_window_a_row_kind():
    import pandas as pd

    df = pd.DataFrame({"period_start": ["2023-04-01", None], "period_end": ["2023-06-30", "x"]})
    assert list(periods.windows(df)) == ["3 months", ""]
    assert list(periods.windows(df[["period_end"]])) == ["", ""]


@pytest.mark.parametrize(
    ("quote", "length", "stated"),
    [
        ("The latest week saw 73% of 999 calls answered", "week", True),
        ("compared to 23 seconds overall in the past 12 months", "12 months", True),
        ("In the last three months, our average time", "3 months", True),
        ("a twelve-month average", "12 months", True),
        ("an average time to answer of 33.6 seconds", "week", False),
        ("In the last three months, our average time", "12 months", False),
    ],
)
def test_a_stated_length_must_be_in_the_quote(quote, length, stated):
    assert periods.quote_states_length(quote, length) is stated
    problem = periods.length_problem(None, date(2023, 7, 5), length, quote)
    assert (problem is None) is stated
    if not stated:
        assert problem[0] == "period-length-not-in-quote"


def test_dates_and_a_length_must_agree():
    problem = periods.length_problem(date(2022, 6, 1), date(2022, 6, 30), "12 months", "")
    assert problem[0] == "period-length-mismatch"
    assert periods.length_problem(None, date(2022, 6, 30), "fortnightish", "")[0] == (
        "period-length-mismatch"
    )
    assert periods.length_problem(None, date(2022, 6, 30), periods.NOT_STATED, "") is None
