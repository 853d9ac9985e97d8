"""The Home Office's official outcome series for Staffordshire: its charge/summons rate by year
against England and Wales, its rank among the territorial forces, and charges by quarter. Each
figure is traced to its file and line; the Open Government Licence statement travels with it."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pfcc.render import theme
from pfcc.render.spec import ChartSpec
from pfcc.store.asof import is_past
from pfcc.store.editions import as_presented  # the one reading of the series as presented
from pfcc.stories import bulletins
from pfcc.stories.common import (
    quotes_of,
    sources_of,
    spec_cache,
    time_chart,
)
from pfcc.stories.standing import (
    bulletin_note,
    comparable,
    compared,
    flagged_years,
    labelled,
    ordinal,
    rank_text,
    ranked_count,
    why_unranked,
)
from pfcc.text.words import by_date, first_fitting, nothing_title

FORCE = "Staffordshire"
NATIONAL = "England and Wales"
OGL = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Source: Home Office, police recorded crime and outcomes open data tables."
)
BASES = {
    "recorded": "outcomes of offences recorded in the year, computed from the Home Office's "
    "open data tables",
    "closed": "investigations closed in the year (decisions made in the year)",
}
BASIS_NOTES = {
    "recorded": "Count basis: outcomes of offences recorded in the year. Each rate is "
    "computed here from the counts in the Home Office's open data tables, as a public "
    "repository derived them (see Sources and methods): it is not a rate the Home Office "
    "publishes, and it matches none of the bulletins' first estimates. Outcomes keep being "
    "added after a year ends, so older years read higher than when first published, and the "
    "latest year is provisional: many of its investigations are still open. A provisional or "
    "flagged figure is drawn and named, never the end of a comparison.",
    "closed": "Count basis: outcomes of investigations closed in the year, whenever the offence "
    "was recorded. It shows the decisions made in the year and is complete for the latest "
    "year; divided by the year's recorded crime it is a ratio, not a share of those offences.",
}
RATE_COLUMNS = {
    "period_label": "Year",
    "series": "Force",
    "value_text": "Charge rate",
    "charged_text": "Charged or summonsed",
    "offences_text": "Recorded offences",
    "note": "Notes",
    "source_title": "Source",
}


def not_yet(what: str, as_of: date | None) -> str:
    """The title of a Home Office chart with nothing to draw: on an as-presented date, that
    the tables it uses were not yet out (earlier releases are not in the stored sources)."""
    if is_past(as_of):
        return f"The Home Office tables this chart uses had not been published {by_date(as_of)}"
    return nothing_title(what, as_of)


def percent(x: float) -> str:
    """A computed rate to one decimal place; the table keeps the counts it comes from."""
    return f"{x:.1f}%"


def as_measures(df, *, value, unit: str, text, label, ids, series=None) -> pd.DataFrame:
    """Rows of the Home Office series in the shape the series chart, summaries and tables
    take from measures: series, value, unit, value_text, period_label, measure_id, tier_text."""
    df["series"] = df["force"] if series is None else series
    df["value"] = value
    df["unit"] = unit
    df["value_text"] = text
    df["period_label"] = label
    df["measure_id"] = ids
    df["tier_text"] = theme.tier_texts(df)
    return df


def rates(basis: str, as_of: date | None) -> pd.DataFrame:
    """Every force's rows on one basis as they stood on `as_of`, shaped like measures."""
    df = as_presented("official_rates", as_of, basis=basis)
    df = df[df["charge_rate"].notna()].copy()  # no recorded crime figure, no rate (BTP)
    df = as_measures(
        df,
        value=df["charge_rate"],
        unit="percent",
        text=[percent(v) for v in df["charge_rate"]],
        label=labelled(df["financial_year"], df["provisional"]),
        ids=[f"ho|{f}|{y}|{basis}" for f, y in zip(df["force"], df["financial_year"])],
    )
    df["charged_text"] = [f"{int(n):,}" for n in df["charged"]]
    df["offences_text"] = [f"{int(n):,}" for n in df["offences"]]
    df["note"] = [
        "; ".join(t for t, on in (("provisional", p), ("flagged: left out of ranks", f)) if on)
        or "—"
        for p, f in zip(df["provisional"].fillna(False), df["flagged"].fillna(False))
    ]
    df["quote"] = [
        f"{c:,} charged or summonsed of {o:,} recorded offences, {fy}, {basis} basis "
        f"({file}, line {line})"
        for c, o, fy, file, line in zip(
            df["charged"].astype(int),
            df["offences"].astype(int),
            df["financial_year"],
            df["file"],
            df["line"],
        )
    ]
    return df


def _flag_note(df: pd.DataFrame) -> list[str]:
    flagged = df[(df["force"] == FORCE) & df["flagged"].fillna(False).astype(bool)]
    if flagged.empty:
        return []
    years = ", ".join(flagged["financial_year"])
    return [
        f"Staffordshire's figures for {years} are flagged by the build's checks (see Sources "
        "and methods) and left out of its rank for those years."
    ]


@spec_cache
def charge_rate_trend(
    basis: str = "recorded", projector: bool = False, as_of: date | None = None
) -> ChartSpec:
    df = rates(basis, as_of)
    if df.empty and is_past(as_of):  # before the tables we hold: what the bulletins had said
        earlier = bulletins.trend(as_of, projector)
        if earlier is not None:
            return earlier
    shown = df[df["force"].isin([FORCE, NATIONAL])].copy()
    shown = shown.sort_values("force", key=lambda f: f != FORCE, kind="stable")  # force first
    force = shown[shown["force"] == FORCE]
    clean = comparable(force)
    if len(clean) >= 2:
        first, last = clean.iloc[0], clean.iloc[-1]
        verb = (
            "rose"
            if last["value"] > first["value"]
            else "fell"
            if last["value"] < first["value"]
            else "was unchanged"
        )
        title = (
            f"Staffordshire's charge rate {verb} from {first['value_text']} in "
            f"{first['period_label']} to {last['value_text']} in {last['period_label']}"
        )
    elif len(force):
        last = (clean if len(clean) else force).iloc[-1]
        title = f"Staffordshire's charge rate was {last['value_text']} in {last['period_label']}"
    elif is_past(as_of):
        title = f"No charge rate in the sources we hold had been published {by_date(as_of)}"
    else:
        title = not_yet("Home Office charge rates for Staffordshire", as_of)
    summary = compared(shown, "charge rate", basis)
    return ChartSpec(
        key="official_charge_rate",
        title=title,
        subtitle=f"Charged or summonsed as a share of recorded offences, by financial year; "
        f"{BASES[basis]}",
        figure=time_chart(
            shown, as_of, projector, unit="percent", y_title="Charged or summonsed (%)"
        ),
        table=shown,
        columns=RATE_COLUMNS,
        summary=summary,
        alt="Staffordshire's charge/summons rate by financial year against England and Wales. "
        + summary,
        sources=sources_of(shown) if len(shown) else sources_of(df),
        notes=[
            BASIS_NOTES[basis],
            "England and Wales: the 43 territorial forces (British Transport Police has no "
            "recorded crime figure after 2014/15). Rates are computed from the counts shown in "
            "the table; see Sources and methods for how they reconcile with the Home Office's "
            "bulletins.",
            *bulletin_note(as_of),
        ],
        quotes=quotes_of(shown, "measure_id", lambda r: f"{r.series} — {r.period_label}"),
        attribution=OGL,
    )


@spec_cache
def charge_rank(
    basis: str = "recorded", projector: bool = False, as_of: date | None = None
) -> ChartSpec:
    df = rates(basis, as_of)
    counts = ranked_count(df)
    force = df[(df["force"] == FORCE) & df["rank_charge_rate"].notna()].copy()
    force["value"] = force["rank_charge_rate"].astype(float)
    force["unit"] = "rank"
    force["value_text"] = [
        rank_text(r, fy, counts)
        for r, fy in zip(force["rank_charge_rate"], force["financial_year"])
    ]
    force["note"] = [
        "; ".join(t for t in (n if n != "—" else "", why_unranked(df, fy)) if t) or "—"
        for n, fy in zip(force["note"], force["financial_year"])
    ]
    if len(force):
        final = comparable(force)
        best = (final if len(final) else force).sort_values("value").iloc[0]
        last = force.iloc[-1]
        ranked = (
            f"Staffordshire's charge rate ranked {last['value_text']} in {last['period_label']}"
        )
        title = (
            ranked
            if best["measure_id"] == last["measure_id"] or len(force) == 1
            else first_fitting(
                f"{ranked}; its best was {ordinal(int(best['value']))}, in {best['period_label']}",
                f"{ranked}; {best['value_text']} in {best['period_label']}",
                f"Staffordshire ranked {last['value_text']} in {last['period_label']}; its "
                f"best was {ordinal(int(best['value']))}, in {best['period_label']}",
                ranked,
            )
        )
    else:
        title = not_yet("ranked charge rates", as_of)
    summary = (
        "Ranked among the territorial forces with a figure that passed the build's checks. "
        + " ".join(
            f"{label}: {t}" + (f"; {why}." if why else ".")
            for label, t, why in zip(
                force["period_label"],
                force["value_text"],
                (why_unranked(df, fy) for fy in force["financial_year"]),
            )
        )
        if len(force)
        else "No year is ranked."
    )
    return ChartSpec(
        key="official_charge_rank",
        title=title,
        subtitle="Staffordshire's place among the territorial forces by charge rate, 1 the "
        f"highest; {BASES[basis]}",
        figure=time_chart(
            force,
            as_of,
            projector,
            unit="rank",
            y_title="Rank (1 = highest charge rate)",
            y_reversed=True,
        ),
        table=force,
        columns={
            "period_label": "Year",
            "value_text": "Rank",
            "charged_text": "Charged or summonsed",
            "offences_text": "Recorded offences",
            "note": "Notes",
            "source_title": "Source",
        },
        summary=summary,
        alt="Staffordshire's rank among forces by charge rate, by year. " + summary,
        sources=sources_of(force) if len(force) else sources_of(df),
        notes=[
            BASIS_NOTES[basis],
            "Ranked among the territorial forces whose figure that year passed the build's "
            "checks; British Transport Police and flagged force-years are not ranked.",
            *_flag_note(df),
            *bulletin_note(as_of),
        ],
        quotes=quotes_of(force, "measure_id", lambda r: f"{r.series} — {r.period_label}"),
        attribution=OGL,
    )


def quarter_label(start, end) -> str:
    """'Apr to Jun 2024'."""
    return f"{pd.Timestamp(start):%b} to {pd.Timestamp(end):%b %Y}"


@spec_cache
def charges_by_quarter(
    basis: str = "recorded", projector: bool = False, as_of: date | None = None
) -> ChartSpec:
    df = as_presented("official_quarters", as_of, basis=basis)
    df = df.sort_values("force", key=lambda f: f != FORCE, kind="stable").copy()
    labels = [quarter_label(a, b) for a, b in zip(df["period_start"], df["period_end"])]
    flagged = flagged_years(basis)
    df["flagged"] = [(f, fy) in flagged for f, fy in zip(df["force"], df["financial_year"])]
    df = as_measures(
        df,
        value=df["charge_share_of_positive"],
        unit="percent",
        text=[percent(v) for v in df["charge_share_of_positive"]],
        label=labelled(pd.Series(labels, index=df.index), df["provisional"]),
        ids=[f"hoq|{f}|{q}|{basis}" for f, q in zip(df["force"], labels)],
    )
    df["charged_text"] = [f"{int(n):,}" for n in df["charged"]]
    df["positive_text"] = [f"{int(n):,}" for n in df["positive"]]
    df["quote"] = [
        f"{c:,} charged or summonsed of {p:,} positive outcomes ({file}, line {line})"
        for c, p, file, line in zip(
            df["charged"].astype(int), df["positive"].astype(int), df["file"], df["line"]
        )
    ]
    force = df[df["force"] == FORCE]
    if len(force):
        last = force.iloc[-1]
        ew = df[(df["force"] == NATIONAL) & (df["period_end"] == last["period_end"])]
        against = f", against {ew.iloc[0]['value_text']} nationally" if len(ew) else ""
        title = first_fitting(
            f"Charges were {last['value_text']} of positive outcomes in "
            f"{last['period_label']}{against}",
            f"Charges were {last['value_text']} of positive outcomes in {last['period_label']}",
        )
    else:
        title = not_yet("Home Office quarterly figures", as_of)
    summary = compared(df, "quarterly figure", basis)
    return ChartSpec(
        key="official_quarters",
        title=title,
        subtitle="Charged or summonsed as a share of positive outcomes (charges plus "
        f"out-of-court disposals), by quarter; {BASES[basis]}",
        figure=time_chart(
            df,
            as_of,
            projector,
            unit="percent",
            y_title="Charges, share of positive outcomes (%)",
            direct_labels=False,
        ),
        table=df,
        columns={
            "period_label": "Quarter",
            "series": "Area",
            "value_text": "Charges' share",
            "charged_text": "Charged or summonsed",
            "positive_text": "Positive outcomes",
            "source_title": "Source",
        },
        summary=summary,
        alt="Charges as a share of positive outcomes by quarter, Staffordshire against "
        "England and Wales. " + summary,
        sources=sources_of(df),
        notes=[
            BASIS_NOTES[basis],
            "The files give recorded crime by year only, so a charge rate cannot be computed "
            "for a quarter: this chart shows how positive outcomes divided instead.",
            "England and Wales by quarter covers all 44 forces, British Transport Police included.",
        ],
        quotes=quotes_of(df, "measure_id", lambda r: f"{r.series} — {r.period_label}"),
        attribution=OGL,
    )
