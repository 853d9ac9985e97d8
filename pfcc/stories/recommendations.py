"""Recommendations and causes of concern: every one with its source, deadline and status, the
deadlines on a timeline against today (or the meeting's date)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pfcc import charts, theme
from pfcc.formatting import fmt_date
from pfcc.spec import ChartSpec
from pfcc.stories.common import events, query, quotes_of, sources_of, spec_cache

STATUS_LABELS = {"open": "Open", "closed": "Closed", "unknown": "Not stated in the sources"}


def item_label(kind: str, number) -> str:
    """'Cause of concern 2', 'Recommendation', 'Area for improvement 11'."""
    return (
        f"{kind.capitalize()} {number}" if isinstance(number, str) and number else kind.capitalize()
    )


def _as_of(df: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Raised by the meeting; closed only if closed by then."""
    raised = pd.to_datetime(df["raised_on"].fillna(df["source_published_on"]))
    df = df[raised.isna() | (raised <= pd.Timestamp(as_of))].copy()
    later = pd.to_datetime(df["closed_on"]) > pd.Timestamp(as_of)
    df.loc[later, "status"] = "open"
    df.loc[later, ["closed_on", "closed_precision"]] = None
    return df


def _days_text(n) -> str:
    if pd.isna(n):
        return "—"
    return f"{int(n)} days to go" if n >= 0 else f"{int(-n)} days past"


def _status_text(status: str, closed_on, precision) -> str:
    if status == "closed":
        return f"closed {fmt_date(closed_on, precision)}"
    return "not stated in the sources" if status == "unknown" else status


@spec_cache
def recommendations(
    source_id: str | None = None,
    status: str | None = None,
    today: date | None = None,
    projector: bool = False,
    as_of: date | None = None,
) -> ChartSpec:
    today = as_of or today or date.today()
    df = query("recommendations", source_id=source_id, status=status, today=today)
    if as_of is not None:
        df = _as_of(df, as_of)
    df["label"] = [item_label(k, n) for k, n in zip(df["kind"], df["number"])]
    df["due_text"] = [fmt_date(d) if pd.notna(d) else "no deadline stated" for d in df["due_on"]]
    df["days_text"] = [_days_text(n) for n in df["days_to_due"]]
    df["status_text"] = [
        _status_text(s, c, p)
        for s, c, p in zip(df["status"], df["closed_on"], df["closed_precision"])
    ]
    df["tier_text"] = df["tier"].map(theme.TIER_SHORT)
    due = df[df["due_on"].notna()]
    passed = due[due["days_to_due"] < 0]
    closed = df[df["status"] == "closed"]
    unknown = int((due["status"] == "unknown").sum())
    title = (
        f"{len(passed)} of {len(due)} deadlines have passed; the sources state no progress on "
        f"{unknown} of them"
        if len(due)
        else f"{len(df)} items; {len(closed)} closed"
    )
    concerns = int((df["kind"] == "cause of concern").sum())
    concerns_closed = len(closed[closed["kind"] == "cause of concern"])
    summary = (
        f"{len(df)} items shown: {concerns} causes of concern ({concerns_closed} closed), "
        f"{int((df['kind'] == 'recommendation').sum())} recommendations and "
        f"{int((df['kind'] == 'area for improvement').sum())} areas for improvement. "
        + (
            f"Deadlines run from {fmt_date(due['due_on'].min())} to "
            f"{fmt_date(due['due_on'].max())}; {len(passed)} had passed on {fmt_date(today)}."
            if len(due)
            else "None of those shown has a deadline."
        )
    )
    return ChartSpec(
        key="recommendations",
        title=title,
        subtitle="Deadlines of the recommendations shown, against today",
        figure=charts.deadlines(df, events(as_of), projector, today=today),
        table=df,
        columns={
            "label": "Item",
            "text": "What the force was told",
            "source_title": "Report",
            "due_text": "Deadline",
            "days_text": "Days",
            "status_text": "Status",
            "tier_text": "Tier",
        },
        summary=summary,
        alt="Recommendation deadlines on a timeline with today marked. " + summary,
        sources=sources_of(df),
        notes=[
            "'Not stated in the sources' means no stored source reports progress; it does "
            "not mean nothing was done.",
            "Recommendations of the 2025 national inspection are addressed to all chief "
            "constables, including Staffordshire's.",
        ],
        quotes=quotes_of(df, "rec_id", lambda r: f"{r.label} — {r.source_title[:60]}"),
    )


@spec_cache
def recommendation_reports() -> dict[str, str]:
    """The reports that raised recommendations: source id -> 'title (date)'."""
    r = query("recommendation_reports")
    labels = [f"{t} ({p})" for t, p in zip(r["source_title"], r["published_label"])]
    return dict(zip(r["source_id"], labels))
