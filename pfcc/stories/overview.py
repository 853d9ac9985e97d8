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
from pfcc.stories.outcomes import FORCE_OUTCOME_RATE
from pfcc.timeline import ALL_TIME, Events, is_past, known_by
from pfcc.words import by_date, count_text, first_fitting, nothing_title, period_text

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
ALL_CRIME = "All crime (excluding fraud)"


def _journey_title(shown: pd.DataFrame, ev: Events, as_of: date | None) -> str:
    """The journey's one message as it stood on the day: causes of concern and Engage where
    they had come, else how many inspections had been published."""
    if shown.empty:
        return nothing_title("inspection events", as_of)
    raised = shown[shown["kind"] == "cause of concern raised"]["event_date"]
    if len(raised):
        concerns = f"Causes of concern raised {fmt_date(raised.min(), 'month')}"
        if ev.engage_start and ev.engage_end:
            return first_fitting(
                f"{concerns}; Engage from {fmt_date(ev.engage_start)} to {fmt_date(ev.engage_end)}",
                f"Engage from {fmt_date(ev.engage_start)} to {fmt_date(ev.engage_end)}",
            )
        if ev.engage_start:
            return first_fitting(
                f"{concerns}; in Engage from {fmt_date(ev.engage_start)}",
                f"In Engage from {fmt_date(ev.engage_start)}",
            )
        return concerns
    published = shown[shown["kind"] == "inspection published"]
    when = f" {by_date(as_of)}" if is_past(as_of) else ""
    if len(published):
        first, last = published["event_date"].min().year, published["event_date"].max().year
        span = f"in {first}" if first == last else f"from {first} to {last}"
        return first_fitting(
            f"{count_text(len(published), 'inspection report')} published {span}",
            f"{count_text(len(published), 'inspection report')} published{when}",
        )
    return f"{count_text(len(shown), 'inspection event')} on record{when}"


@spec_cache
def journey(projector: bool = False, as_of: date | None = None) -> ChartSpec:
    m = milestones(as_of)
    ev = Events.from_milestones(m, as_of)
    shown = m[m["kind"].isin(JOURNEY_LANES)].copy()
    shown["lane"] = shown["kind"].map(JOURNEY_LANES)
    shown["date_text"] = [
        fmt_date(d, p) for d, p in zip(shown["event_date"], shown["date_precision"])
    ]
    shown["tier_text"] = theme.tier_texts(shown)
    title = _journey_title(shown, ev, as_of)
    due = shown[shown["kind"] == "recommendation due"]
    inspections = shown[shown["lane"] == "Inspections published"]
    summary = (
        (
            f"{count_text(len(inspections), 'inspection event')} from "
            f"{inspections['event_date'].min().year} to {inspections['event_date'].max().year}. "
            if len(inspections)
            else ""
        )
        + ev.describe()
        + (
            f" {count_text(len(due), 'recommendation deadline')} between "
            f"{fmt_date(due['event_date'].min())} and {fmt_date(due['event_date'].max())}."
            if len(due)
            else ""
        )
    ).strip() or title + "."
    alternatives = "; ".join(
        f"{fmt_date(d, p)} per {w}" for d, p, w in ev.engage_start_alternatives
    )
    notes = ["Month-precise dates are drawn at the first day of the month."]
    if ev.engage_start:
        notes.insert(
            0,
            "Where sources give different dates for the same event, each date is kept and "
            "shown: entry into Engage "
            + (f"{alternatives}; " if alternatives else "")
            + f"{fmt_date(ev.engage_start)} per {ev.engage_start_source}.",
        )
    return ChartSpec(
        key="journey",
        title=title,
        subtitle="Inspections, causes of concern, enhanced monitoring (Engage) and deadlines, "
        f"2014 to {fmt_date(as_of) if is_past(as_of) else 'today'}",
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
        "and recommendation deadlines. " + (ev.describe() or summary),
        sources=sources_of(shown),
        notes=notes,
        quotes=quotes_of(shown, "milestone_id", lambda r: f"{r.date_text} — {r.title}"),
    )


def _point(r) -> tuple[str, str]:
    period = period_text(r["period_label"], r.get("period_start"), r.get("period_end"))
    return (
        fmt_value(r["value"], r["unit"], r.get("qualifier"), r.get("value_as_written")),
        f"{period} · {r['publisher']} · {theme.tier_label(r['tier'], r['publisher'])}",
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
    if engage_start is None:
        pass  # as presented before Engage began: there is no "before" to speak of yet
    elif before.empty:
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


def _inadequate_counts(as_of: date | None = None) -> pd.DataFrame:
    """Areas graded inadequate, one row per inspection, in the shape of a measure."""
    grades = known_by(query("grades", theme=None), as_of, "sort_date")
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
def headlines(as_of: date | None = None) -> list[Headline]:
    """The four headline tiles, as they stood on `as_of` (a meeting's date) where given."""
    start = events(as_of).engage_start
    calls = known_by(
        query("calls_999", metric=ANSWER_TIME, date_from=ALL_TIME[0], date_to=ALL_TIME[1]),
        as_of,
        "period_end",
    )
    outcome = known_by(query("charge_and_outcome_rates"), as_of, "period_end")
    outcome = outcome[outcome["metric"] == FORCE_OUTCOME_RATE]
    recording = known_by(query("crime_recording_rates", breakdown=ALL_CRIME), as_of, "period_end")
    for df in (calls, outcome, recording):
        df["period_end"] = pd.to_datetime(df["period_end"])
    return [
        _headline(ANSWER_TIME, calls, start, lower_is_better(ANSWER_TIME)),
        _headline(
            "Force's own outcome rate",
            outcome,
            start,
            lower_is_better(FORCE_OUTCOME_RATE),
            note="The force's own 'outcome rate', its definition not stated; not the Home "
            "Office charge rate.",
        ),
        _headline(
            "Crime recording rate (all crime)",
            recording,
            start,
            lower_is_better("Crime recording rate"),
        ),
        _headline(
            "Inadequate inspection grades",
            _inadequate_counts(as_of),
            start,
            lower=True,  # fewer inadequate grades is better; a count of grades, not a metric
            note="Counted per inspection; the grading scale changed in 2021/22.",
        ),
    ]
