"""The sentences generated from the data: what rose or fell, by how much, between which
periods, whether that is better, and where the sources disagree."""

import pandas as pd

from pfcc.stories.common import with_text
from pfcc.stories.sentences import series_summary


def _series(rows):
    df = pd.DataFrame(
        rows,
        columns=["measure_id", "series", "period_end", "period_label", "value", "unit", "tier"],
    )
    df["period_end"] = pd.to_datetime(df["period_end"])
    df["source_title"] = ["Source " + m for m in df["measure_id"]]
    return with_text(df)


ANSWER = _series(
    [
        ("a", "999", "2021-03-31", "2020/21", 11.3, "seconds", "inspection"),
        ("b", "999", "2022-08-31", "August 2022", 40.4, "seconds", "inspection"),
        ("c", "999", "2025-03-31", "2024/25", 7.41, "seconds", "inspection"),
    ]
)


def test_a_fall_in_answer_time_is_an_improvement_with_its_worst_figure():
    text = series_summary(ANSWER, "series", "999 figure", lower_is_better=True)
    assert text == (
        "999 fell by 3.89 seconds, from 11.3 seconds (2020/21) to 7.41 seconds (2024/25) — an "
        "improvement. Worst figure: 40.4 seconds (August 2022)."
    )


def test_the_same_fall_is_a_deterioration_where_higher_is_better():
    text = series_summary(ANSWER, "series", "rate", lower_is_better=False)
    assert "an improvement" not in text and "a deterioration" in text
    assert (
        "Worst figure: 7.41 seconds" not in text
    )  # the latest figure is not repeated as the worst


def test_percent_changes_are_in_percentage_points():
    df = _series(
        [
            ("a", "Recording", "2016-06-30", "2016", 83.6, "percent", "inspection"),
            ("b", "Recording", "2022-03-31", "2021/22", 90.5, "percent", "inspection"),
        ]
    )
    text = series_summary(df, "series", "recording rate", lower_is_better=False)
    assert text.startswith("Recording rose by 6.9 percentage points, from 83.6% (2016)")
    assert text.endswith("— an improvement.")


def test_sources_that_disagree_are_both_named():
    df = _series(
        [
            ("a", "E&W", "2019-03-31", "2018/19", 7.8, "percent", "official statistics"),
            ("b", "E&W", "2019-03-31", "2018/19", 7.7, "percent", "secondary"),
            ("c", "E&W", "2020-03-31", "2019/20", 7.3, "percent", "official statistics"),
        ]
    )
    text = series_summary(df, "series", "rate", lower_is_better=False)
    assert "Sources differ for 2018/19: 7.7% in Source b; 7.8% in Source a." in text


def test_a_single_figure_and_no_figures_are_said_plainly():
    one = ANSWER.head(1)
    assert series_summary(one, "series", "999 figure", True) == (
        "999: 11.3 seconds (2020/21), the only period the sources give."
    )
    assert series_summary(ANSWER.head(0), "series", "999 figure", True) == (
        "The sources give no 999 figure for this selection."
    )


def _periods(rows):
    """Rows with stated periods: (id, start, end, label, value, unit, tier)."""
    df = pd.DataFrame(
        rows,
        columns=[
            "measure_id",
            "period_start",
            "period_end",
            "period_label",
            "value",
            "unit",
            "tier",
        ],
    )
    df["series"] = "Staffordshire"
    df["period_start"] = pd.to_datetime(df["period_start"])
    df["period_end"] = pd.to_datetime(df["period_end"])
    df["source_title"] = ["Source " + m for m in df["measure_id"]]
    return with_text(df)


STATEMENT = "force or commissioner statement"


def test_a_month_is_not_compared_with_a_year():
    """The panel's case: 60 seconds in February 2014 against 54 seconds for 2024/25 is no
    change the chart draws; the summary gives none."""
    df = _periods(
        [
            ("a", "2014-02-01", "2014-02-28", "February 2014", 60.0, "seconds", STATEMENT),
            ("b", "2024-04-01", "2025-03-31", "2024/25", 54.0, "seconds", STATEMENT),
        ]
    )
    text = series_summary(df, "series", "101 figure", lower_is_better=True)
    assert "fell" not in text and "February 2014" not in text
    assert text == (
        "Staffordshire: 54 seconds (2024/25) is the latest figure; no earlier figure covers the "
        "same length of period from the same tier of source, so no change is given."
    )


def test_a_year_is_compared_with_the_year_before_it_not_with_a_month_or_another_tier():
    df = _periods(
        [
            ("a", "2014-02-01", "2014-02-28", "February 2014", 60.0, "seconds", STATEMENT),
            ("b", "2020-04-01", "2021-03-31", "2020/21", 90.0, "seconds", STATEMENT),
            ("c", "2022-04-01", "2023-03-31", "2022/23", 30.0, "seconds", "secondary"),
            ("d", "2024-04-01", "2025-03-31", "2024/25", 54.0, "seconds", STATEMENT),
        ]
    )
    text = series_summary(df, "series", "101 figure", lower_is_better=True)
    assert text.startswith(
        "Staffordshire fell by 36 seconds, from 90 seconds (2020/21) to 54 seconds (2024/25)"
    )
    assert "February 2014" not in text and "30 seconds" not in text
    assert text.endswith(
        "Only figures covering the same length of period from the same tier of source are compared."
    )


def test_a_figure_whose_period_is_not_stated_is_compared_with_none():
    df = _periods(
        [
            ("a", "2023-01-01", "2023-03-31", "January to March 2023", 80.0, "percent", STATEMENT),
            ("b", None, "2023-10-05", "'now'", 85.0, "percent", STATEMENT),
        ]
    )
    df["period_length"] = ["3 months", "not stated"]  # as the build states each window
    text = series_summary(df, "series", "999 figure", lower_is_better=False)
    assert "rose" not in text and "its period is not stated, so no change is given" in text


def test_a_titles_peak_is_of_the_same_kind_as_the_latest_figure():
    """'54 seconds, down from a peak of 16 minutes in September 2020' compared a year with a
    month: the peak is taken among figures of the latest one's kind, and where the latest is
    the worst of its kind only, no 'highest the sources give' is claimed (count 1)."""
    from pfcc.stories.compare import latest_and_worst
    from pfcc.stories.sentences import latest_worst_title

    df = _periods(
        [
            ("a", "2020-09-01", "2020-09-30", "September 2020", 960.0, "seconds", STATEMENT),
            (
                "b",
                "2019-12-01",
                "2020-11-30",
                "year ending November 2020",
                591.4,
                "seconds",
                STATEMENT,
            ),
            (
                "c",
                "2020-12-01",
                "2021-11-30",
                "year ending November 2021",
                614.7,
                "seconds",
                STATEMENT,
            ),
            ("d", "2024-04-01", "2025-03-31", "2024/25", 54.0, "seconds", STATEMENT),
        ]
    )
    latest, worst, count = latest_and_worst(df, "value", lower=True)
    assert (latest["measure_id"], worst["measure_id"], count) == ("d", "c", 3)
    title = latest_worst_title("average 101 answer time", latest, worst, True, False, count)
    assert "960" not in title and "614.7 seconds" in title
    latest, worst, count = latest_and_worst(df[df["measure_id"] != "d"], "value", lower=True)
    assert (latest["measure_id"], count) == ("c", 1)
