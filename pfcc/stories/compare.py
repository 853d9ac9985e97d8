"""Which figures a summary may compare: those a time chart may join. The same tier and the same
window (a month with months, 12 months with 12 months); a figure whose period is not stated is
joined to nothing. `pfcc.periods` (where the build states `period_length`) is the one rule the
charts follow; this reads its column where the rows carry it and the stated dates otherwise."""

from __future__ import annotations

import pandas as pd


def _window(r, stated: bool) -> str | None:
    """How long a figure's period is ('month', '12 months', '12 days'), as the build states it
    (`period_length`) or as its stated dates make it; 'not stated' where the source gives no
    start. None where the rows carry no periods at all (nothing to tell them apart by)."""
    length = r.get("period_length")
    if isinstance(length, str) and length:
        return length
    if not stated:
        return None
    start, end = r.get("period_start"), r.get("period_end")
    if start is None or pd.isna(start) or end is None or pd.isna(end):
        return "not stated"
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start.day == 1 and (end + pd.Timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return "month" if months == 1 else f"{months} months"
    return f"{(end - start).days + 1} days"


def like_the_latest(g: pd.DataFrame) -> pd.DataFrame:
    """The figures a chart may join to the latest one: the same tier and the same window
    (a month with months, 12 months with 12 months); a figure whose period is not stated is
    joined to nothing. A summary compares only these, never February 2014 with 2024/25."""
    stated = "period_length" in g or "period_start" in g
    windows = [_window(r, stated) for r in g.to_dict("records")]
    last = g.iloc[-1]
    window = windows[-1]
    same = [w == window and w != "not stated" for w in windows]
    if "tier" in g:
        same = [s and t == last["tier"] for s, t in zip(same, g["tier"])]
    like = g[same]
    return like if len(like) else g.iloc[[-1]]


def alone_because(g: pd.DataFrame) -> str:
    """Why the latest figure is compared with none: its period is not stated, or no earlier
    figure is of its kind."""
    stated = "period_length" in g or "period_start" in g
    if _window(g.iloc[-1].to_dict(), stated) == "not stated":
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
