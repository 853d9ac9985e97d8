"""The sentences a story writes about its figures: a chart's title from the latest and worst
figures, the summary of what rose and fell, and the quote picker's label for a figure."""

from __future__ import annotations

import pandas as pd

from pfcc.stories.common import with_period_text
from pfcc.stories.compare import series_sentences
from pfcc.text.words import capitalise, first_fitting, one_level, period_phrase


def measure_label(r) -> str:
    period = getattr(r, "period_text", None) or r.period_label
    return f"{r.value_text} — {period} — {r.source_title}"


def phrase_of(r) -> str | None:
    """A row's period as a phrase after a figure ('in April 2023'), or None."""
    get = r.get if hasattr(r, "get") else (lambda k, d=None: getattr(r, k, d))
    return period_phrase(get("period_label"), get("period_start"), get("period_end"))


def _with(text: str, phrase: str | None) -> str | None:
    return f"{text} {phrase}" if phrase else None


def latest_worst_title(what: str, latest, worst, lower: bool, same: bool, count: int = 2) -> str:
    """One message from the latest figure and the worst the sources give, e.g. 'Average 999
    answer time: 7.41 seconds, down from a peak of 40.4 seconds in August 2022'. `same`: the
    latest figure is (or equals) the worst; `count`: how many figures there are. The fullest
    candidate that fits is used."""
    head = capitalise(what)
    now, then = latest["value_text"], worst["value_text"]
    lp, wp = phrase_of(latest), phrase_of(worst)
    if count < 2:
        return first_fitting(_with(f"{head}: {now}", lp), f"{head}: {now}")
    if same:
        extreme = "the highest" if lower else "the lowest"
        return first_fitting(
            f"{head}: {_with(now, lp) or now}, {extreme} the sources give",
            _with(f"{head}: {now}", lp),
            f"{head}: {now}, {extreme} the sources give",
            f"{head}: {now}",
        )
    move = "down from a peak of" if lower else "up from a low of"
    return first_fitting(
        _with(f"{head}: {_with(now, lp)}, {move} {then}", wp) if lp else None,
        _with(f"{head}: {now}, {move} {then}", wp),
        _with(f"{head}: {now}", lp) and f"{head}: {now} {lp}, {move} {then}",
        f"{head}: {now}, {move} {then}",
        f"{head}: {now}",
    )


def series_summary(
    df: pd.DataFrame,
    series: str,
    noun: str,
    lower_is_better: bool | None,
    places: int | None = None,
) -> str:
    """What rose, what fell, by how much, from when to when; and where sources disagree.
    A change is given to the places its figures are written with, or to `places` for figures
    computed here (rates from counts), which have no written form. `lower_is_better` None: a
    figure with no better direction (a count for context), so no judgement and no worst."""
    if df.empty:
        return f"The sources give no {noun} for this selection."
    if "period_text" not in df:
        df = with_period_text(df)
    out = []
    for name, g in df.groupby(series, sort=False):
        out += series_sentences(
            name, g.sort_values(["period_end", "value"]), lower_is_better, places
        )
    return one_level(" ".join(out))
