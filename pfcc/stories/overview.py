"""Overview: the journey from the 2014-15 inspections through causes of concern and Engage to
the inspections since, and four headline figures, each before Engage, at its worst and latest."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pfcc import charts, theme
from pfcc.formatting import fmt_date, fmt_value
from pfcc.spec import ChartSpec, Headline
from pfcc.stories.common import (
    events,
    lower_is_better,
    milestones,
    query,
    quotes_of,
    sources_of,
    spec_cache,
)
from pfcc.timeline import ALL_TIME, Events

JOURNEY_LANES = {
    "inspection published": "Inspections published",
    "inspection fieldwork": "Inspections published",
    "grade changed": "Inspections published",
    "cause of concern raised": "Causes of concern",
    "cause of concern closed": "Causes of concern",
    "revisit": "Causes of concern",
    "Engage entered": "Engage",
    "Engage exited": "Engage",
    "recommendation due": "Deadlines",
}
ANSWER_TIME = "999 average answer time"
FORCE_OUTCOME_RATE = "Positive outcome rate (force statement)"
ALL_CRIME = "All crime (excluding fraud)"


@spec_cache
def journey(projector: bool = False, as_of: date | None = None) -> ChartSpec:
    m = milestones(as_of)
    ev = Events.from_milestones(m, as_of)
    shown = m[m["kind"].isin(JOURNEY_LANES)].copy()
    shown["lane"] = shown["kind"].map(JOURNEY_LANES)
    shown["date_text"] = [
        fmt_date(d, p) for d, p in zip(shown["event_date"], shown["date_precision"])
    ]
    shown["tier_text"] = shown["tier"].map(theme.TIER_SHORT)
    raised = shown[shown["kind"] == "cause of concern raised"]["event_date"]
    title = (
        f"Causes of concern raised {fmt_date(raised.min(), 'month')}; Engage from "
        f"{fmt_date(ev.engage_start)} to {fmt_date(ev.engage_end)}"
        if len(raised) and ev.engage_start and ev.engage_end
        else "Staffordshire Police's inspection journey"
    )
    due = shown[shown["kind"] == "recommendation due"]
    summary = (
        f"{len(shown[shown['lane'] == 'Inspections published'])} inspection events from "
        f"{shown['event_date'].min().year} to {shown['event_date'].max().year}. "
        + ev.describe()
        + (
            f" {len(due)} recommendation deadlines fall between "
            f"{fmt_date(due['event_date'].min())} and {fmt_date(due['event_date'].max())}."
            if len(due)
            else ""
        )
    )
    alternatives = "; ".join(
        f"{fmt_date(d, p)} per {w}" for d, p, w in ev.engage_start_alternatives
    )
    return ChartSpec(
        key="journey",
        title=title,
        subtitle="Inspections, causes of concern, enhanced monitoring (Engage) and deadlines, "
        "2014 to today",
        figure=charts.journey(shown, JOURNEY_LANES, ev, projector, today=as_of),
        table=shown,
        columns={
            "date_text": "Date",
            "lane": "Lane",
            "title": "Event",
            "source_title": "Source",
            "tier_text": "Tier",
        },
        summary=summary,
        alt="Timeline of Staffordshire Police inspections, causes of concern, the Engage period "
        "and recommendation deadlines. " + ev.describe(),
        sources=sources_of(shown),
        notes=[
            "Where sources give different dates for the same event, each date is kept and shown "
            f"(entry into Engage: {alternatives}; {fmt_date(ev.engage_start)} per "
            f"{ev.engage_start_source}).",
            "Month-precise dates are drawn at the first day of the month.",
        ],
        quotes=quotes_of(shown, "milestone_id", lambda r: f"{r.date_text} — {r.title}"),
    )


def _point(r) -> tuple[str, str]:
    return (
        fmt_value(r["value"], r["unit"], r.get("qualifier"), r.get("value_as_written")),
        f"{r['period_label']} · {r['publisher']} · {theme.TIER_SHORT[r['tier']]}",
    )


def _headline(
    title: str, df: pd.DataFrame, engage_start: date | None, lower: bool, note: str = ""
) -> Headline:
    if df.empty:
        return Headline(title, [("", "Not stated in the sources", "")])
    df = df.copy()
    df["rank"] = df["tier"].map(theme.TIER_RANK)
    if "order" not in df:
        df["order"] = df["period_end"]
    df = df.sort_values(["order", "rank"])
    rows = []
    before = df[df["period_end"] < pd.Timestamp(engage_start)] if engage_start else df.iloc[0:0]
    if before.empty:
        rows.append(
            (
                "Before Engage",
                "Not stated in the sources",
                "no figure for a period ending before entry",
            )
        )
    else:
        rows.append(("Before Engage", *_point(before.iloc[-1])))
    worst = df.loc[df["value"].idxmax() if lower else df["value"].idxmin()]
    rows.append(("Worst", *_point(worst)))
    latest = df[df["order"] == df["order"].max()].sort_values("rank").iloc[0]
    rows.append(("Latest", *_point(latest)))
    if note:
        rows.append(("Note", "", note))
    return Headline(title, rows)


def _inadequate_counts() -> pd.DataFrame:
    """Areas graded inadequate, one row per inspection, in the shape of a measure."""
    grades = query("grades", theme=None)
    counts = (
        grades.drop_duplicates(["inspection", "area"])
        .assign(inadequate=lambda d: d["grade"] == "Inadequate")
        .groupby("inspection")
        .agg(
            value=("inadequate", "sum"),
            areas=("area", "count"),
            period_end=("sort_date", "min"),
            publisher=("publisher", "first"),
            tier=("tier", "first"),
            year=("programme_year", "min"),
        )
        .reset_index()
    )
    counts["order"] = list(zip(counts["year"], pd.to_datetime(counts["period_end"])))
    counts["period_label"] = (
        counts["inspection"] + " (of " + counts["areas"].astype(str) + " graded)"
    )
    counts["unit"] = "count"
    counts["qualifier"] = None
    counts["period_end"] = pd.to_datetime(counts["period_end"])
    return counts


@spec_cache
def headlines() -> list[Headline]:
    start = events().engage_start
    calls = query("calls_999", metric=ANSWER_TIME, date_from=ALL_TIME[0], date_to=ALL_TIME[1])
    outcome = query("charge_and_outcome_rates")
    outcome = outcome[outcome["metric"] == FORCE_OUTCOME_RATE]
    recording = query("crime_recording_rates", breakdown=ALL_CRIME)
    for df in (calls, outcome, recording):
        df["period_end"] = pd.to_datetime(df["period_end"])
    return [
        _headline(ANSWER_TIME, calls, start, lower_is_better(ANSWER_TIME)),
        _headline(
            "Outcome rate (force-stated)",
            outcome,
            start,
            lower_is_better(FORCE_OUTCOME_RATE),
            note="The force's own 'outcome rate'; not the Home Office charge rate.",
        ),
        _headline(
            "Crime recording rate (all crime)",
            recording,
            start,
            lower_is_better("Crime recording rate"),
        ),
        _headline(
            "Inadequate inspection grades",
            _inadequate_counts(),
            start,
            lower=True,  # fewer inadequate grades is better; a count of grades, not a metric
            note="Counted per inspection; the grading scale changed in 2021/22.",
        ),
    ]
