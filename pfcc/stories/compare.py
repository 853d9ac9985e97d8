"""Which figures a summary or a title may compare: those of one kind, as a time chart joins
them. The same tier and the same window (a month with months, 12 months with 12 months, by
`pfcc.periods.windows`, the rule every time chart follows); a figure whose period is not stated
is compared with none."""

from __future__ import annotations

import pandas as pd

from pfcc import periods


def like_the_latest(g: pd.DataFrame) -> pd.DataFrame:
    """The figures of the latest one's kind (`g` sorted oldest first): the same tier and the
    same stated window. A summary compares only these, never February 2014 with 2024/25."""
    windows = list(periods.windows(g))
    window = windows[-1]
    same = [w == window and w != periods.NOT_STATED for w in windows]
    if "tier" in g:
        same = [s and t == g.iloc[-1]["tier"] for s, t in zip(same, g["tier"])]
    like = g[same]
    return like if len(like) else g.iloc[[-1]]


def alone_because(g: pd.DataFrame) -> str:
    """Why the latest figure is compared with none: its period is not stated, or no earlier
    figure is of its kind."""
    if periods.windows(g).iloc[-1] == periods.NOT_STATED:
        return "its period is not stated"
    return "no earlier figure covers the same length of period from the same tier of source"


def latest_and_worst(df: pd.DataFrame, value: str, lower: bool | None):
    """The latest figure, the worst of those a chart may join to it (`like_the_latest`) and
    how many those are: a title's 'down from a peak of …' compares only like with like. Where
    the latest is the worst of its kind but another kind gives a worse figure, the count is 1:
    the title then states the latest alone, never 'the highest the sources give'."""
    like = like_the_latest(df.sort_values(["period_end", value]))
    latest = like.iloc[-1]
    worst = like.loc[like[value].idxmax() if lower else like[value].idxmin()]
    overall = df[value].max() if lower else df[value].min()
    if worst[value] == latest[value] and latest[value] != overall:
        return latest, worst, 1  # the worst of its kind but not of all: no claim either way
    return latest, worst, like["period_end"].nunique()
