"""Crime recording: how much reported crime the force records, with the inspectorate's
confidence intervals, the 2016 re-grading, and what 2021/22 found on delays."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pfcc.render import theme
from pfcc.render.spec import ChartSpec
from pfcc.store.asof import known_by
from pfcc.stories.common import (
    one_per_observation,
    query,
    quotes_of,
    sources_of,
    spec_cache,
    time_chart,
    with_text,
)
from pfcc.stories.sentences import measure_label, series_summary
from pfcc.stories.vocabulary import lower_is_better, noun
from pfcc.text.formatting import fmt_value
from pfcc.text.words import capitalise, first_fitting, nothing_title

METRIC = "Crime recording rate"
ALL_CRIME = "All crime (excluding fraud)"
BREAKDOWNS = (ALL_CRIME, "Violence against the person", "Sexual offences")


@spec_cache
def recording(
    breakdown: str | None = None, projector: bool = False, as_of: date | None = None
) -> ChartSpec:
    every = with_text(
        known_by(query("crime_recording_rates", breakdown=breakdown), as_of, "period_end")
    )
    every["series"] = every["breakdown"]
    # the 2016 audit's 91% from the news item and from PEEL 2021/22 is one point citing both
    df = one_per_observation(every)
    df["ci_text"] = [
        "±" + fmt_value(c, "percent") if pd.notna(c) else "not stated" for c in df["ci_half_width"]
    ]
    main = df[df["breakdown"] == ALL_CRIME].sort_values("period_end")
    shown = main if len(main) else df.sort_values("period_end")
    if len(shown):
        b = shown.iloc[-1]
        same_source = shown[shown["source_id"] == b["source_id"]]  # compare like with like
        a = (same_source if len(same_source) >= 2 else shown).iloc[0]
        what = "reported crime" if len(main) else f"reported {b['breakdown'].lower()}"
        hedged = isinstance(b["qualifier"], str) and b["qualifier"]
        lead = capitalise(b["value_text"]) if hedged else f"An estimated {b['value_text']}"
        year_b = pd.Timestamp(b["period_end"]).year
        year_a = pd.Timestamp(a["period_end"]).year
        if a["period_end"] != b["period_end"]:
            title = first_fitting(
                f"{lead} of {what} was recorded at the latest inspection, against "
                f"{a['value_text']} in {year_a}",
                f"{lead} of {what} was recorded at the latest inspection; {a['value_text']} "
                f"in {year_a}",
                f"{lead} of {what} was recorded in {year_b}, against {a['value_text']} in {year_a}",
                f"{lead} of {what} was recorded; {a['value_text']} in {year_a}",
            )
        else:
            title = first_fitting(
                f"{lead} of {what} was recorded in {year_b}",
                f"{lead} of {what} was recorded",
            )
    else:
        title = nothing_title("crime recording rates", as_of)
    summary = series_summary(df, "series", noun(METRIC), lower_is_better(METRIC))
    return ChartSpec(
        key="recording",
        title=title,
        subtitle="Estimated share of reported crime that was recorded, with 95% confidence "
        "intervals where the inspectorate gives them",
        figure=time_chart(
            df,
            as_of,
            projector,
            unit="percent",
            y_title="Recorded (%)",
            ci="ci_half_width",
            y_range=(60, 100),
        ),
        table=df,
        columns={
            "series": "Crime type",
            "period_label": "Period",
            "value_text": "Recorded",
            "ci_text": "Interval",
            "source_title": "Source",
            "tier_text": "Tier",
            "quote": "Source's words",
            "comparability": "Notes",
        },
        summary=summary + " Overlapping intervals mean a change may not be real: the "
        "inspectorate called the 2021/22 results broadly unchanged from 2016.",
        alt="Crime recording rates by crime type with confidence intervals. " + summary,
        sources=sources_of(every),
        notes=[
            "The y-axis starts at 60% so that the intervals can be read.",
            "Estimates come from audits of samples of crime reports; the period each audit "
            "covered is given where the source states it. No stored source states the period "
            "the 2016 or the 2021/22 audit covered: each figure is a hollow mark at its "
            "report's publication, never joined by a line.",
        ]
        + sorted(set(every["comparability"].dropna())),
        quotes=quotes_of(every, "measure_id", measure_label),
    )


@spec_cache
def recording_findings() -> pd.DataFrame:
    """Everything else the inspections counted about recording, read as text."""
    return with_text(query("crime_recording_findings"))


@spec_cache
def crime_recording_grades() -> pd.DataFrame:
    """The 2016 crime data integrity grade and its re-grading."""
    g = query("grades", theme="crime recording")
    g["tier_text"] = g["tier"].map(theme.TIER_SHORT)
    return g
