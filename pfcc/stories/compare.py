"""Which figures a summary or a title may compare, and the sentences that compare them: those
of one kind, as a time chart joins them. The same tier and the same window (a month with
months, 12 months with 12 months, by `pfcc.periods.windows`, the rule every time chart
follows); a figure whose period is not stated is compared with none."""

from __future__ import annotations

import pandas as pd

from pfcc import periods
from pfcc.text.formatting import decimals, fmt_value


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


def leading(g: pd.DataFrame) -> pd.DataFrame:
    """One figure a period, oldest first: where sources give a period different figures (a
    bulletin's first estimate, a later bulletin's rounding), the latest published leads, in a
    title and a summary alike; the summary still names every one (`_differ`)."""
    if "source_published_on" not in g or g["period_end"].is_unique:
        return g
    ordered = g.sort_values(
        ["period_end", "source_published_on"], ascending=[True, True], na_position="first"
    )
    return ordered.drop_duplicates("period_end", keep="last")


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


def series_sentences(name, g: pd.DataFrame, lower_is_better: bool | None, places: int | None):
    """The sentences for one series (`g` sorted oldest first): its change between the first
    and the latest figure of one kind (`like_the_latest`), its worst figure of that kind, and
    where sources differ. A change is given to the places its figures are written with, or
    to `places`."""
    out: list[str] = []
    if len(g) == 1 or g["period_end"].nunique() == 1:
        first = g.iloc[0]
        out.append(
            f"{name}: {first['value_text']} ({first['period_text']}), the only "
            f"period the sources give."
        )
        return out
    everything, like = g, like_the_latest(g)
    g = leading(like)
    first, last = g.iloc[0], g.iloc[-1]
    if first["period_end"] == last["period_end"]:
        out.append(
            f"{name}: {last['value_text']} ({last['period_text']}) is the latest figure; "
            f"{alone_because(everything)}, so no change is given."
        )
        _differ(everything, out)
        return out
    diff = last["value"] - first["value"]
    if places is None:
        places = max(decimals(first["value"]), decimals(last["value"]))
    change = (
        fmt_value(round(abs(diff), places), "count") + " percentage points"
        if last["unit"] == "percent"
        else fmt_value(round(abs(diff), places), last["unit"])
    )
    if diff == 0:
        moved = f"{name}: unchanged at {last['value_text']}"
    elif lower_is_better is None:
        verb = "fell" if diff < 0 else "rose"
        moved = (
            f"{name} {verb} by {change}, from {first['value_text']} "
            f"({first['period_text']}) to {last['value_text']} ({last['period_text']})"
        )
    else:
        verb = "fell" if diff < 0 else "rose"
        better = (diff < 0) == lower_is_better
        moved = (
            f"{name} {verb} by {change}, from {first['value_text']} "
            f"({first['period_text']}) to {last['value_text']} ({last['period_text']}) — "
            f"{'an improvement' if better else 'a deterioration'}"
        )
    peak = g.loc[g["value"].idxmax() if lower_is_better else g["value"].idxmin()]
    moved += (
        f". Worst figure: {peak['value_text']} ({peak['period_text']})."
        if lower_is_better is not None
        and peak["measure_id"] not in (first["measure_id"], last["measure_id"])
        else "."
    )
    if len(like) < len(everything):
        moved += (
            " Only figures covering the same length of period from the same tier of "
            "source are compared."
        )
    out.append(moved)
    _differ(everything, out)
    return out


def _differ(g: pd.DataFrame, out: list[str]) -> None:
    """Where sources give different figures for the same period, both are named."""
    dup = g.groupby("period_end").filter(lambda x: x["value"].nunique() > 1)
    for _, d in dup.groupby("period_end"):
        vals = "; ".join(f"{v} in {s}" for v, s in zip(d["value_text"], d["source_title"]))
        out.append(f"Sources differ for {d['period_text'].iloc[0]}: {vals}.")
