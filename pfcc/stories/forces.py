"""Staffordshire among the forces on the Home Office series: every territorial force in one
year, the neighbouring forces over time, how positive outcomes divide by type, and recorded
crime for context."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pfcc import charts
from pfcc.render import theme
from pfcc.render.spec import ChartSpec
from pfcc.store.asof import axis_end
from pfcc.stories.common import events, query, quotes_of, sources_of, spec_cache, time_chart
from pfcc.stories.official import (
    BASES,
    BASIS_NOTES,
    FORCE,
    NATIONAL,
    OGL,
    RATE_COLUMNS,
    as_measures,
    as_presented,
    not_yet,
    percent,
    rates,
)
from pfcc.stories.sentences import series_summary
from pfcc.stories.standing import (
    comparable,
    compared,
    labelled,
    ordinal,
    ranked_count,
    why_unranked,
)
from pfcc.text.words import first_fitting

# Staffordshire's neighbours on the map. The inspectorate's most similar group of forces is not
# in the stored sources, so these are called neighbouring forces, never "similar" ones.
NEIGHBOURS = ("West Mercia", "Warwickshire", "West Midlands", "Derbyshire", "Cheshire")
MAX_COMPARED = 5  # the palette has six colours: Staffordshire and five others


@spec_cache
def territorial_forces() -> list[str]:
    """The forces a reader may compare with: every force in the series but England and Wales
    and British Transport Police (no recorded crime, so no rate, after 2014/15)."""
    df = query("official_rates", basis="recorded")
    names = df.loc[df["charge_rate"].notna(), "force"].drop_duplicates()
    return sorted(n for n in names if n not in (FORCE, NATIONAL, "British Transport Police"))


@spec_cache
def years(basis: str = "recorded", as_of: date | None = None) -> list[str]:
    """Financial years in the series as it stood on `as_of`, newest first."""
    df = as_presented("official_rates", as_of, basis=basis)
    return sorted(df["financial_year"].drop_duplicates(), reverse=True)


@spec_cache
def latest_complete_year(basis: str = "recorded", as_of: date | None = None) -> str | None:
    return _latest_complete(as_presented("official_rates", as_of, basis=basis))


def _latest_complete(df: pd.DataFrame) -> str | None:
    """The latest year whose Staffordshire figure is not provisional, among the rows given."""
    solid = df[(df["force"] == FORCE) & ~df["provisional"].fillna(False).astype(bool)]
    return solid["financial_year"].max() if len(solid) else None


def _flag_reasons(year: str | None, basis: str) -> dict[str, str]:
    """Why each force's figure for `year` on `basis` is flagged: the build's own words
    (`outcome_flags.detail`), a flag on both bases included."""
    f = query("official_flags")
    f = f[(f["financial_year"] == year) & (f["basis"].isna() | (f["basis"] == basis))]
    return {force: "; ".join(g["detail"]) for force, g in f.groupby("force", sort=False)}


def _flagged_note(provisional, reason: str | None) -> str:
    """A flagged figure's note: not ranked, and why."""
    head = "provisional; " if pd.notna(provisional) and bool(provisional) else ""
    return head + "flagged, left out of ranks: " + (reason or "see Sources and methods")


@spec_cache
def forces_in_year(
    year: str | None = None,
    basis: str = "recorded",
    projector: bool = False,
    as_of: date | None = None,
) -> ChartSpec:
    df = rates(basis, as_of)
    year = year if year in set(df["financial_year"]) else _latest_complete(df)
    one = df[(df["financial_year"] == year) & (df["force"] != NATIONAL)].copy()
    one = one[one["force"] != "British Transport Police"]
    one["id"] = one["measure_id"]
    ew = df[(df["financial_year"] == year) & (df["force"] == NATIONAL)]
    reference = (
        (ew.iloc[0]["value"], f"England and Wales {ew.iloc[0]['value_text']}") if len(ew) else None
    )
    counts = ranked_count(df)
    force = one[one["force"] == FORCE]
    if len(force) and pd.notna(force.iloc[0]["rank_charge_rate"]):
        top = one.sort_values("value", ascending=False).iloc[0]
        ranked = (
            f"In {force.iloc[0]['period_label']} Staffordshire's {force.iloc[0]['value_text']} "
            f"ranked {ordinal(int(force.iloc[0]['rank_charge_rate']))} of {counts[year]} forces"
        )
        title = first_fitting(f"{ranked}; {top['force']} led at {top['value_text']}", ranked)
    elif len(force):
        title = f"In {year} Staffordshire charged {force.iloc[0]['value_text']} of offences"
    else:
        title = not_yet("Home Office charge rates by force", as_of)
    one["rank_text"] = [
        ordinal(int(r)) if pd.notna(r) else "not ranked" for r in one["rank_charge_rate"]
    ]
    why = _flag_reasons(year, basis)
    flagged = one["flagged"].fillna(False).astype(bool)
    one.loc[flagged, "note"] = [
        _flagged_note(p, why.get(f))
        for f, p in zip(one.loc[flagged, "force"], one.loc[flagged, "provisional"])
    ]
    ordered = one.sort_values("value", ascending=False)
    marked = list(one.loc[flagged, "force"])
    label = ordered.iloc[0]["period_label"] if len(ordered) else year
    ranked_n = int(counts.get(year, 0))
    summary = (
        f"{len(one)} territorial forces in {label}, {ranked_n} of them ranked: highest "
        f"{ordered.iloc[0]['force']} ({ordered.iloc[0]['value_text']}), lowest "
        f"{ordered.iloc[-1]['force']} ({ordered.iloc[-1]['value_text']})"
        + (f"; England and Wales {ew.iloc[0]['value_text']}." if len(ew) else ".")
        + (
            f" {why_unranked(df, year)} (hollow dots; the table says why)."
            if marked and len(marked) <= 5
            else f" {len(marked)} of {len(one)} forces flagged and not ranked (hollow dots)."
            if marked
            else ""
        )
        if len(one)
        else "No force figures for this year."
    )
    return ChartSpec(
        key="official_forces_year",
        title=title,
        subtitle=f"Charge/summons rate of every territorial force in {year or 'a year'}; "
        f"{BASES[basis]}; "
        "hollow dots are flagged figures, not ranked",
        figure=charts.ranked_dots(
            one,
            highlight=FORCE,
            reference=reference,
            x_title="Charged or summonsed (%)",
            projector=projector,
        ),
        table=ordered,
        columns={
            "rank_text": "Rank",
            "series": "Force",
            "value_text": "Charge rate",
            "charged_text": "Charged or summonsed",
            "offences_text": "Recorded offences",
            "note": "Notes",
        },
        summary=summary,
        alt=f"Dot plot of every territorial force's charge rate in {year or 'a year'}, "
        "Staffordshire "
        "marked. " + summary,
        sources=sources_of(one) if len(one) else sources_of(df),
        notes=[BASIS_NOTES[basis]],
        quotes=quotes_of(one, "measure_id", lambda r: f"{r.series} — {r.period_label}"),
        attribution=OGL,
    )


@spec_cache
def compare_forces(
    forces: tuple[str, ...] = NEIGHBOURS,
    basis: str = "recorded",
    projector: bool = False,
    as_of: date | None = None,
) -> ChartSpec:
    chosen = [f for f in forces if f not in (FORCE, NATIONAL)][:MAX_COMPARED]
    df = rates(basis, as_of)
    shown = df[df["force"].isin([FORCE, *chosen])].copy()
    order = {f: i for i, f in enumerate([FORCE, *chosen])}
    shown = shown.sort_values("period_end").sort_values(
        "force", key=lambda s: s.map(order), kind="stable"
    )
    year = _latest_complete(df)
    latest = shown[shown["financial_year"] == year].sort_values("value", ascending=False)
    if len(latest) and FORCE in set(latest["force"]):
        place = list(latest["force"]).index(FORCE) + 1
        others = len(latest) - 1
        title = first_fitting(
            f"In {year} Staffordshire's charge rate was {ordinal(place)} highest of "
            f"{len(latest)}: itself and {others} chosen {'force' if others == 1 else 'forces'}",
            f"In {year} Staffordshire's charge rate was {ordinal(place)} highest of "
            f"{len(latest)} forces",
        )
    elif len(shown):
        title = "Staffordshire and the chosen forces: charge/summons rate by year"
    else:
        title = not_yet("Home Office charge rates by force", as_of)
    summary = compared(shown, "charge rate", basis)
    return ChartSpec(
        key="official_compare",
        title=title,
        subtitle=f"Charge/summons rate by financial year; {BASES[basis]}. Neighbouring forces "
        "by default: the inspectorate's most similar group is not in our sources",
        figure=time_chart(
            shown, as_of, projector, unit="percent", y_title="Charged or summonsed (%)"
        ),
        table=shown,
        columns=RATE_COLUMNS,
        summary=summary,
        alt="Charge rates by year of Staffordshire and the chosen forces. " + summary,
        sources=sources_of(shown) if len(shown) else sources_of(df),
        notes=[BASIS_NOTES[basis]],
        quotes=quotes_of(shown, "measure_id", lambda r: f"{r.series} — {r.period_label}"),
        attribution=OGL,
    )


@spec_cache
def outcome_types(
    basis: str = "recorded", projector: bool = False, as_of: date | None = None
) -> ChartSpec:
    df = as_presented("official_mix", as_of, force=FORCE, basis=basis).copy()
    df["label"] = df["outcome_label"]
    df["share"] = df["share_of_positive"]
    df["value_text"] = [percent(v) for v in df["share"]]
    df["count_text"] = [f"{int(n):,}" for n in df["count"]]
    df["id"] = [f"mix|{y}|{o}|{basis}" for y, o in zip(df["financial_year"], df["outcome"])]
    df["tier_text"] = theme.tier_texts(df)
    df["quote"] = [
        f"{int(n):,} ({c}, {file}, line {line})"
        for n, c, file, line in zip(df["count"], df["column"], df["file"], df["line"])
    ]
    order = list(dict.fromkeys(df.sort_values("outcome", key=_type_order)["label"]))
    status = rates(basis, as_of)
    status = status[status["force"] == FORCE].set_index("financial_year")
    df["provisional"] = df["financial_year"].map(status["provisional"]).fillna(False)
    df["flagged"] = df["financial_year"].map(status["flagged"]).fillna(False)
    df["year_text"] = labelled(df["financial_year"], df["provisional"])
    charge = df[df["outcome"] == "t1"].sort_values("period_end")
    final = comparable(charge)
    if len(final) >= 2:
        first, last = final.iloc[0], final.iloc[-1]
        title = (
            f"Charges were {last['value_text']} of positive outcomes in "
            f"{last['financial_year']}, against {first['value_text']} in "
            f"{first['financial_year']}"
        )
    elif len(charge):
        last = charge.iloc[-1]
        title = f"Charges were {last['value_text']} of positive outcomes in {last['year_text']}"
    elif len(df):
        title = "How Staffordshire's positive outcomes divided by type"
    else:
        title = not_yet("Home Office outcome types", as_of)
    summary = (
        " ".join(
            f"In {g.iloc[0]['year_text']}: "
            + "; ".join(f"{lab} {t}" for lab, t in zip(g["label"], g["value_text"]))
            + "."
            for _, g in _latest_years(df, final)
        )
        or "No figures for this date."
    )
    return ChartSpec(
        key="official_outcome_types",
        title=title,
        subtitle=f"Each type's share of Staffordshire's positive outcomes (charges plus "
        f"out-of-court disposals), by financial year; {BASES[basis]}",
        figure=charts.share_bars(
            df, order=order, events=events(as_of), projector=projector, end=axis_end(as_of)
        ),
        table=df,
        columns={
            "year_text": "Year",
            "label": "Outcome",
            "count_text": "Outcomes",
            "value_text": "Share of positive outcomes",
            "source_title": "Source",
        },
        summary=summary,
        alt="Stacked bars of Staffordshire's positive outcomes by type and year. " + summary,
        sources=sources_of(df),
        notes=[
            BASIS_NOTES[basis],
            "Out-of-court types: cautions (youths, adults), penalty notices for disorder, "
            "cannabis or khat warnings, community resolutions, and diversionary, educational or "
            "intervention activity (type 22, which the Home Office reports as a group of its "
            "own). Taken into consideration (type 4) is not counted.",
        ],
        quotes=quotes_of(df, "id", lambda r: f"{r.financial_year} — {r.label}"),
        attribution=OGL,
    )


def _latest_years(df: pd.DataFrame, final: pd.DataFrame):
    """The year a comparison ends at (the last final one) and any provisional year after it,
    oldest first: the summary gives each type's share in each."""
    if df.empty:
        return []
    ends = {final["period_end"].max()} if len(final) else set()
    ends |= set(df.loc[df["provisional"].astype(bool), "period_end"])
    ends = ends or {df["period_end"].max()}
    return list(df[df["period_end"].isin(ends)].groupby("period_end", sort=True))


def _type_order(s: pd.Series) -> pd.Series:
    ranks = {"t1": 0, "t2": 1, "t3": 2, "t6": 3, "t7": 4, "t8": 5, "t22": 6}
    return s.map(ranks).fillna(9)


@spec_cache
def recorded_crime(projector: bool = False, as_of: date | None = None) -> ChartSpec:
    df = as_presented("official_recorded_crime", as_of, force=FORCE).copy()
    df = as_measures(
        df,
        series=FORCE,
        value=df["recorded_crime"].astype(float),
        unit="count",
        text=[f"{int(n):,}" for n in df["recorded_crime"]],
        label=df["financial_year"],
        ids=[f"rc|{y}" for y in df["financial_year"]],
    )
    df["quote"] = [
        f"recorded_crime ({file}, line {line})" for file, line in zip(df["file"], df["line"])
    ]
    if len(df) >= 2:
        first, last = df.iloc[0], df.iloc[-1]
        title = (
            f"Staffordshire recorded {last['value_text']} crimes in {last['financial_year']}, "
            f"against {first['value_text']} in {first['financial_year']}"
        )
    elif len(df):
        last = df.iloc[-1]
        title = f"Staffordshire recorded {last['value_text']} crimes in {last['financial_year']}"
    else:
        title = not_yet("Home Office recorded crime figures", as_of)
    summary = series_summary(df, "series", "recorded crime figure", lower_is_better=None)
    flags = query("official_flags")
    flagged = flags[(flags["force"] == FORCE) & (flags["kind"] == "repeated-value")]
    if df.empty:  # nothing public yet: no flag on figures not yet shown
        flagged = flagged.iloc[0:0]
    return ChartSpec(
        key="official_recorded_crime",
        title=title,
        subtitle="Police recorded crime in Staffordshire by financial year: the denominator of "
        "the charge rate",
        figure=time_chart(df, as_of, projector, unit="count", y_title="Recorded crimes"),
        table=df,
        columns={"period_label": "Year", "value_text": "Recorded crimes", "source_title": "Source"},
        summary=summary,
        alt="Recorded crime in Staffordshire by year. " + summary,
        sources=sources_of(df),
        notes=[
            "More recorded crime is not in itself worse: recording improved after the "
            "inspectorate's crime data integrity findings.",
            *[f"Flagged: {d}" for d in flagged["detail"]],
        ],
        quotes=quotes_of(df, "measure_id", lambda r: f"{r.period_label}"),
        attribution=OGL,
    )
