"""Outcomes: how offences were resolved in 2015 against England and Wales, and charge and
outcome rates since, each definition kept apart."""

from __future__ import annotations

from datetime import date

from pfcc import charts
from pfcc.render import theme
from pfcc.render.spec import ChartSpec
from pfcc.store.asof import known_by
from pfcc.store.editions import as_presented
from pfcc.stories.common import (
    SERIES_COLUMNS,
    query,
    quotes_of,
    sources_of,
    spec_cache,
    time_chart,
    with_text,
)
from pfcc.stories.compare import leading
from pfcc.stories.sentences import measure_label, phrase_of, series_summary
from pfcc.stories.standing import bulletin_note
from pfcc.stories.vocabulary import lower_is_better
from pfcc.text.formatting import fmt_value
from pfcc.text.words import first_fitting, nothing_title, period_text

# HMIC's Figure 4 (PEEL 2015 effectiveness), in its order.
FIGURE4_ORDER = [
    "Charged/summonsed",
    "Taken into consideration",
    "Out-of-court (formal)",
    "Caution – youths",
    "Caution – adults",
    "Penalty notices for disorder",
    "Out-of-court (informal)",
    "Cannabis/khat warning",
    "Community resolution",
]
CHARGE_RATE = "Charge/summons rate"
NATIONAL = "England and Wales"
FORCE_OUTCOME_RATE = "Outcome rate (force's own definition, not stated)"


@spec_cache
def outcome_mix(projector: bool = False, as_of: date | None = None) -> ChartSpec:
    df = known_by(query("outcomes_2015_mix"), as_of, "period_end")
    df["rate_text"] = [
        fmt_value(v, "per 100 offences", written=w) for v, w in zip(df["rate"], df["rate_written"])
    ]
    df["outcomes_text"] = [w if isinstance(w, str) else "—" for w in df["outcomes_written"]]
    df["tier_text"] = theme.tier_texts(df)
    df["order"] = df["breakdown"].map({b: i for i, b in enumerate(FIGURE4_ORDER)})
    df = df.sort_values(["order", "geography"], ascending=[True, False])
    staffs = df[df["geography"] == "Staffordshire"].set_index("breakdown")["rate"]
    ew = df[df["geography"] == "England and Wales"].set_index("breakdown")["rate"]
    both = [b for b in FIGURE4_ORDER if b in staffs and b in ew]
    higher = [b for b in both if staffs[b] > ew[b]]
    lower = [b for b in both if staffs[b] < ew[b]]
    lead = "Charged/summonsed"
    text = df.set_index(["breakdown", "geography"])["rate_text"]
    first = df.iloc[0] if len(df) else None
    period = (
        period_text(first["period_label"], first.get("period_start"), first["period_end"])
        if first is not None
        else ""
    )
    if lead in both:
        staffs_text = text[(lead, "Staffordshire")]
        ew_written = df[(df["breakdown"] == lead) & (df["geography"] == "England and Wales")]
        ew_text = ew_written["rate_written"].iloc[0]
        ew_text = ew_text if isinstance(ew_text, str) and ew_text else text[(lead, NATIONAL)]
        when = phrase_of(first) or "in 2015"
        title = first_fitting(
            f"Staffordshire charged or summonsed {staffs_text} offences {when}; England and "
            f"Wales {ew_text}",
            f"In 2015 Staffordshire charged or summonsed {staffs_text} offences; England and "
            f"Wales {ew_text}",
            f"In 2015 Staffordshire charged or summonsed {staffs_text} offences",
        )
    elif len(df):
        title = f"How offences were resolved {phrase_of(first) or 'in 2015'}"
    else:
        title = nothing_title("outcome rates", as_of)
    summary = (
        f"Higher in Staffordshire than England and Wales: {', '.join(higher) or 'none'}. "
        f"Lower: {', '.join(lower) or 'none'}. The out-of-court totals (formal and informal) "
        f"count the rows beneath them; each rate is rounded on its own, so rates may not "
        f"add up exactly."
    )
    if df.empty:
        summary = title + "."
    return ChartSpec(
        key="outcome_mix",
        title=title,
        subtitle="Outcomes per 100 offences recorded, "
        + (f"{period}, " if period else "")
        + "all police recorded crime excluding fraud",
        figure=charts.outcome_mix(df, FIGURE4_ORDER, projector),
        table=df,
        columns={
            "breakdown": "Outcome",
            "geography": "Area",
            "outcomes_text": "Outcomes",
            "rate_text": "Per 100 offences",
            "source_title": "Source",
            "tier_text": "Tier",
        },
        summary=summary,
        alt="Bar chart of outcomes per 100 offences by outcome type, "
        "Staffordshire against England and Wales, 2015. " + summary,
        sources=sources_of(df),
        notes=[
            "Rate = outcomes recorded in the 12 months to 30 June 2015 divided by offences "
            "recorded in the same period (HMIC). This is not the Home Office charge/summons "
            "rate for a year ending March, nor the force's own 'outcome rate'.",
            "Only the outcome types with full data for every force are shown (Figure 4).",
        ],
        quotes=quotes_of(
            df, "measure_id", lambda r: f"{r.breakdown} — {r.geography} — {r.rate_text} per 100"
        ),
    )


def _staffordshire_rate_note(as_of) -> list[str]:
    """Where Staffordshire's own charge rate is: the bulletins held give England and Wales only."""
    if as_presented("official_rates", as_of, basis="recorded").empty:
        return [
            "The Home Office bulletins held give England and Wales only; the tables from which "
            "a Staffordshire charge rate is computed here were not yet published."
        ]
    return [
        "The Home Office bulletins held give England and Wales only. Staffordshire's charge "
        "rate by year, computed from the Home Office's open data tables, is on the By year tab."
    ]


def national_rate_title(ew) -> str | None:
    """How the England and Wales charge rate moved, from its bulletin figures one a period
    (`compare.leading`); None where there are none. The Force's figures chart and the
    charge-rate slide before the Home Office tables were public both say it this way."""
    if ew["period_end"].nunique() >= 2:
        a, b = ew.iloc[0], ew.iloc[-1]
        verb = "rose" if b["value"] > a["value"] else "fell" if b["value"] < a["value"] else "was"
        pa, pb = phrase_of(a), phrase_of(b)
        head = "The England and Wales charge rate"
        if verb == "was":
            return first_fitting(
                pa and pb and f"{head} was {b['value_text']} {pa} and {pb}",
                f"{head} was {b['value_text']} in both years",
            )
        return first_fitting(
            pa and pb and f"{head} {verb} from {a['value_text']} {pa} to {b['value_text']} {pb}",
            pb and f"{head} {verb} from {a['value_text']} to {b['value_text']} {pb}",
            f"{head} {verb} from {a['value_text']} to {b['value_text']}",
        )
    if len(ew):
        b = ew.iloc[-1]
        return first_fitting(
            f"The England and Wales charge rate was {b['value_text']} {phrase_of(b) or ''}",
            f"The England and Wales charge rate was {b['value_text']}",
        )
    return None


def _rates_title(df, ew, force, as_of) -> str:
    """One message: how the England and Wales charge rate moved, else what the figures say."""
    national = national_rate_title(ew)
    if national:
        return national
    if len(force):
        b = force.iloc[-1]
        return first_fitting(
            f"The force reports an outcome rate of {b['value_text']} {phrase_of(b) or ''}",
            f"The force reports an outcome rate of {b['value_text']}",
        )
    hmic = df[df["geography"] == "Staffordshire"]
    if len(hmic):
        b = hmic.iloc[-1]
        return first_fitting(
            f"Staffordshire charged or summonsed {b['value_text']} offences {phrase_of(b) or ''}",
            f"Staffordshire charged or summonsed {b['value_text']} offences",
        )
    return nothing_title("charge or outcome rates", as_of)


@spec_cache
def charge_rates(projector: bool = False, as_of: date | None = None) -> ChartSpec:
    df = with_text(known_by(query("charge_and_outcome_rates"), as_of, "period_end"))
    df["series"] = df["definition"]
    # for a year the bulletins round differently, the latest bulletin's figure leads
    ew = leading(df[df["metric"] == CHARGE_RATE])
    force = df[df["metric"] == FORCE_OUTCOME_RATE].sort_values("period_end")
    title = _rates_title(df, ew, force, as_of)
    summary = series_summary(df, "series", "rate", lower_is_better(CHARGE_RATE))
    return ChartSpec(
        key="charge_rates",
        title=title,
        subtitle="Three different measures, never joined: Home Office charge/summons rate "
        "(England and Wales), the force's own outcome rate, and HMIC's 2015 "
        "charged/summonsed per 100 offences",
        figure=time_chart(df, as_of, projector, unit="percent", y_title="Percent of offences"),
        table=df,
        columns=SERIES_COLUMNS,
        summary=summary,
        alt="Charge and outcome rates over time, each definition a separate series. " + summary,
        sources=sources_of(df),
        notes=[
            "Home Office charge/summons rate: share of offences (excluding fraud) in a year "
            "ending March that resulted in a charge or summons, England and Wales. Bulletins "
            "round the same year differently; each bulletin's own figure is shown.",
            "Force's own outcome rate: the Chief Constable's 'outcome rate' — its definition "
            "is not stated and it is not comparable with the Home Office charge rate.",
            "HMIC 2015: charged/summonsed outcomes per 100 offences, 12 months to 30 June 2015.",
            *_staffordshire_rate_note(as_of),
            *bulletin_note(as_of),
        ],
        quotes=quotes_of(df, "measure_id", measure_label),
    )
