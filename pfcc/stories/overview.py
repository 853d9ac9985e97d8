"""Overview: the journey from the 2014-15 inspections through causes of concern and Engage to
the inspections since, each PEEL inspection named with its result; and four headline figures:
the Home Office charge rate and rank, and three each before Engage, at its worst and latest."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from pfcc import charts
from pfcc.render import theme
from pfcc.render.spec import ChartSpec, Headline
from pfcc.store.asof import ALL_TIME, Events, is_past, known_by
from pfcc.stories.common import events, milestones, query, quotes_of, sources_of, spec_cache
from pfcc.stories.grades import programme
from pfcc.stories.official import FORCE, NATIONAL, rates
from pfcc.stories.outcomes import FORCE_OUTCOME_RATE
from pfcc.stories.standing import comparable, rank_text, ranked_count
from pfcc.stories.vocabulary import lower_is_better
from pfcc.text.formatting import fmt_date, fmt_value
from pfcc.text.words import by_date, count_text, first_fitting, nothing_title, period_text

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
        if ev.engage_known_from:  # a source gave the year alone: in Engage by its day
            return first_fitting(
                f"{concerns}; in Engage by {fmt_date(ev.engage_known_from)}",
                f"In Engage by {fmt_date(ev.engage_known_from)}",
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


def _peel_results(as_of: date | None) -> list[tuple[pd.Timestamp, str, str]]:
    """Each PEEL inspection public by `as_of`, at the day its grades were first public (else
    its own date), with its headline result: how many areas it graded inadequate."""
    g = known_by(query("grades", theme=None), as_of, "sort_date").copy()
    g["programme"] = g["inspection"].map(programme)
    out = []
    for name, p in g[g["programme"].str.startswith("PEEL")].groupby("programme", sort=False):
        day = pd.to_datetime(p["public_on"]).min()
        day = pd.to_datetime(p["sort_date"]).min() if pd.isna(day) else day
        n = int((p.drop_duplicates("area")["grade"] == "Inadequate").sum())
        out.append((day, name, f"{n} inadequate" if n else "none inadequate"))
    return out


def _best_of_day(rows: pd.DataFrame) -> pd.DataFrame:
    """One source's account of a day's events: the inspectorate's where it gives one."""
    best = rows.assign(rank=rows["tier"].map(theme.TIER_RANK)).sort_values("rank")
    return best[best["tier"] == best["tier"].iloc[0]]


def _lane_notes(shown: pd.DataFrame, ev: Events) -> dict[str, list[str]]:
    """Each lane's words before its first event: causes of concern raised and closed, Engage
    in (both dates where the sources differ) and out, and the deadlines."""
    notes = {}
    raised = shown[shown["kind"] == "cause of concern raised"]
    if len(raised):
        lines = []
        for d, r in raised.groupby("event_date"):
            n = len(_best_of_day(r))
            lines.append(f"{n} cause{'s' if n > 1 else ''} of concern raised {fmt_date(d)}")
        closed = shown[shown["kind"] == "cause of concern closed"]
        days = [fmt_date(d, p) for d, p in ev.concerns_closed]
        if len(closed):
            lines.append(f"{len(closed)} closed: " + " and ".join(days))
        notes["Causes of concern"] = lines
    known_from = ev.engage_known_from  # from a source that gives only the year
    if known_from and not ev.engage_start:
        notes["Engage"] = [
            f"In Engage by {fmt_date(known_from)}",
            f"entered earlier in {ev.engage_entered_year}, no day stated",
        ]
    if ev.engage_start:
        lines = [f"Into Engage {fmt_date(ev.engage_start)}"]
        if ev.engage_start_alternatives:
            others = " and ".join(fmt_date(d, p) for d, p, _ in ev.engage_start_alternatives)
            lines[0] += f", {others} in other sources"
        if ev.engage_end:
            lines.append(f"out {fmt_date(ev.engage_end)}")
        notes["Engage"] = lines
    due = shown[shown["kind"] == "recommendation due"]
    if len(due):
        notes["Deadlines"] = [
            # from the first: the last may fall after a meeting's date, and the lane shows it
            f"{count_text(len(due), 'recommendation deadline')} from "
            f"{fmt_date(due['event_date'].min())}"
        ]
    return notes


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
    # an event known only to its year ("earlier this year") is drawn on the day its source said
    # so, as the Engage shading starts there, not at a 1 January the source never gave; the
    # table and hover keep its year
    year_only = (shown["date_precision"] == "year") & shown["public_on"].notna()
    shown.loc[year_only, "event_date"] = pd.to_datetime(shown.loc[year_only, "public_on"])
    title = _journey_title(shown, ev, as_of)
    # the lanes show the causes of concern and the entry dates, each named in words: the chart
    # draws no unnamed lines across them
    drawn = replace(ev, concerns_raised=(), concerns_closed=(), engage_start_alternatives=())
    lane_notes = _lane_notes(shown, ev)
    written = " ".join(f"{'; '.join(lines)}." for lines in lane_notes.values())
    inspections = shown[shown["lane"] == "Inspections published"]
    summary = (
        (
            f"{count_text(len(inspections), 'inspection event')} from "
            f"{inspections['event_date'].min().year} to {inspections['event_date'].max().year}. "
            if len(inspections)
            else ""
        )
        + drawn.describe()
        + " "
        + written
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
        figure=charts.journey(
            shown,
            JOURNEY_LANES,
            drawn,
            projector,
            today=as_of,
            named=_peel_results(as_of),
            lane_notes=lane_notes,
        ),
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
        "and recommendation deadlines. " + summary,
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


def _official_row(r, counts: pd.Series, label: str) -> tuple[str, str, str]:
    """A year of the Home Office series: its rate and its rank, '9.9% in 2024/25, 19th of 42'
    (a provisional year named so by its label), then where it comes from."""
    ranked = pd.notna(r["rank_charge_rate"]) and r["financial_year"] in counts
    rank = f", {rank_text(r['rank_charge_rate'], r['financial_year'], counts)}" if ranked else ""
    return (
        label,
        f"{r['value_text']} in {r['period_label']}{rank}",
        f"charged or summonsed as a share of recorded offences, ranked among the forces, 1 "
        f"the highest · {r['tier_text']}",
    )


CHARGE_RATE = "Charge/summons rate"


def _outcomes_headline(outcomes: pd.DataFrame, as_of: date | None) -> Headline:
    """The outcomes tile: the Home Office charge rate and Staffordshire's rank among the forces
    first (the last final year, then a provisional one); as presented before the Home Office's
    force tables were public, the England and Wales bulletin rate public then, and that no force
    figure was; the force's own outcome rate last, labelled as its own."""
    df = rates("recorded", as_of)
    counts = ranked_count(df)
    force = df[df["force"] == FORCE]
    final = comparable(force)
    rows = []
    if len(final):
        rows.append(_official_row(final.iloc[-1], counts, "Latest"))
    later = force[pd.to_datetime(force["period_end"]) > pd.to_datetime(final["period_end"]).max()]
    if len(final) and len(later):
        row = _official_row(later.iloc[-1], counts, "Provisional")
        rows.append((*row[:2], "still gaining outcomes, so it reads low against final years"))
    if force.empty:
        bulletins = outcomes[
            (outcomes["metric"] == CHARGE_RATE) & (outcomes["geography"] == NATIONAL)
        ]
        if len(bulletins):
            last = bulletins.assign(rank=bulletins["tier"].map(theme.TIER_RANK)).sort_values(
                ["period_end", "rank"], ascending=[True, False]
            )
            value, where = _point(last.iloc[-1])
            rows.append(("Nationally", value, f"England and Wales, {where}"))
        rows.append(
            (
                "Force",
                "Not yet published",
                "the Home Office's tables by force had not been published "
                + (by_date(as_of) if is_past(as_of) else "yet"),
            )
        )
    own = outcomes[outcomes["metric"] == FORCE_OUTCOME_RATE].sort_values("period_end")
    if len(own):
        value, where = _point(own.iloc[-1])
        rows.append(("Force's own", f"{value} outcome rate", f"definition not stated · {where}"))
    return Headline("Home Office charge rate", rows)


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
    recording = known_by(query("crime_recording_rates", breakdown=ALL_CRIME), as_of, "period_end")
    for df in (calls, outcome, recording):
        df["period_end"] = pd.to_datetime(df["period_end"])
    return [
        _headline(ANSWER_TIME, calls, start, lower_is_better(ANSWER_TIME)),
        _outcomes_headline(outcome, as_of),
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
