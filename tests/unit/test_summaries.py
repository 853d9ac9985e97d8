"""The sentences generated from the data: what rose or fell, by how much, between which
periods, whether that is better, and where the sources disagree."""

import pandas as pd

from pfcc.stories.common import series_summary, with_text


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
