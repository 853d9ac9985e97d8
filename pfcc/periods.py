"""A figure's window: how long the period it covers is ('month', '3 months', '12 months',
'week', '12 days' …, or 'not stated'), and the one rule that decides which figures a line may
join. Every time chart (live page, slides, pack, static edition) draws through
`pfcc.charts.series_chart`, which asks `joinable`."""

from __future__ import annotations

import calendar
import re
from datetime import date

import pandas as pd

from pfcc.ingest.textcheck import WORD_NUMBERS, fold

NOT_STATED = "not stated"
_LENGTH = re.compile(r"^(day|week|month|(\d+) (days|weeks|months))$")


def length_of(start: date, end: date) -> str:
    """The window two stated dates make: 'day', 'week', 'month' or 'N months' for whole
    calendar months, else 'N days'."""
    days = (end - start).days + 1
    if days == 1:
        return "day"
    if days == 7:
        return "week"
    if start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return "month" if months == 1 else f"{months} months"
    return f"{days} days"


def is_length(text: str) -> bool:
    """True for a window written as this module writes one ('week', '3 months', '12 days')."""
    m = _LENGTH.match(text or "")
    return bool(m) and (m.group(2) is None or int(m.group(2)) > 1)


def quote_states_length(quote: str, length: str) -> bool:
    """Whether the quote's words give `length`: 'week' by 'week'; '3 months' by '3 months',
    'three months', 'three-month'; '12 months' also by 'twelve months' or '12-month'."""
    m = _LENGTH.match(length or "")
    if not m:
        return False
    text = fold(quote).lower()
    if m.group(2) is None:
        return re.search(rf"\b{m.group(1)}\b", text) is not None
    n, unit = int(m.group(2)), m.group(3)[:-1]
    words = [str(n)] + [w for w, i in WORD_NUMBERS.items() if i == n and not w.endswith("th")]
    return any(re.search(rf"\b{re.escape(w)}[ -]{unit}s?\b", text) for w in words)


def length_problem(start: date | None, end: date | None, length: str, quote: str):
    """None where `length` is right for the row; else (code, message)."""
    if start and end and start <= end:
        want = length_of(start, end)
        if length != want:
            return (
                "period-length-mismatch",
                f"{length!r} is not the length of {start} to {end} ({want!r})",
            )
        return None
    if start:
        return None
    if length == NOT_STATED:
        return None
    if not is_length(length):
        return (
            "period-length-mismatch",
            f"{length!r} is not a length ('week', '3 months', '12 months', … or 'not stated')",
        )
    if quote and not quote_states_length(quote, length):
        return (
            "period-length-not-in-quote",
            f"the length {length!r} is not stated in the quote; without dates or words for "
            "it, write 'not stated'",
        )
    return None


def windows(df: pd.DataFrame) -> pd.Series:
    """Each row's window: its `period_length`; in a frame without that column (the Home Office
    series), the length of its stated dates, else '' (one window for every such row)."""
    if "period_length" in df:
        return df["period_length"].fillna(NOT_STATED).replace("", NOT_STATED)
    if "period_start" not in df:
        return pd.Series([""] * len(df), index=df.index, dtype=object)
    return pd.Series(
        [
            length_of(pd.Timestamp(a).date(), pd.Timestamp(b).date())
            if pd.notna(a) and pd.notna(b)
            else ""
            for a, b in zip(df["period_start"], df["period_end"])
        ],
        index=df.index,
        dtype=object,
    )


def window_of(row) -> str:
    """A row's window, from its `period_length` where it has one."""
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    window = get("window", None)
    if isinstance(window, str):
        return window
    length = get("period_length")
    return length if isinstance(length, str) and length else NOT_STATED


def stated(row) -> bool:
    return window_of(row) != NOT_STATED


def joinable(a, b, max_gap_days: int) -> bool:
    """Whether a line may join figure `a` to figure `b` of the same series and tier: both of one
    window (a month with a month, 12 months with 12 months), that window stated, and no more
    than `max_gap_days` between their ends. A figure whose window is not stated is never
    joined."""
    wa, wb = window_of(a), window_of(b)
    if wa != wb or wa == NOT_STATED:
        return False
    ea = pd.Timestamp(a["period_end"] if hasattr(a, "get") else a.period_end)
    eb = pd.Timestamp(b["period_end"] if hasattr(b, "get") else b.period_end)
    return abs((eb - ea).days) <= max_gap_days
