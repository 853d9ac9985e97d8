"""999 and 101 calls: 999 answer times and the share answered within 10 seconds against the
national standard, and 101 on its own chart."""

from __future__ import annotations

from datetime import date

from pfcc.formatting import fmt_value
from pfcc.spec import ChartSpec
from pfcc.stories.common import (
    SERIES_COLUMNS,
    latest_worst_title,
    lower_is_better,
    measure_label,
    noun,
    one_per_observation,
    query,
    quotes_of,
    series_summary,
    sources_of,
    spec_cache,
    time_chart,
    windows_note,
    with_text,
)
from pfcc.stories.compare import latest_and_worst
from pfcc.timeline import ALL_TIME, FIRST_DAY, known_by
from pfcc.words import nothing_title

ANSWER_TIME = "999 average answer time"
WITHIN_10S = "999 calls answered within 10 seconds"
ANSWER_TIME_101 = "101 average answer time"
STANDARD = "999 answer standard (share within 10 seconds)"
PERIODS_NOTE = (
    "Periods differ between figures (a week, a month, three months, 12 months): a shaded bar "
    "shows the span where the source states it. A line joins only figures of one window (a "
    "month with months, 12 months with 12 months) and one tier; a hollow mark is a figure "
    "whose period the source does not state, drawn at its publication and never joined."
)


def _calls_999(metric: str, date_from: date, date_to: date, projector: bool, as_of: date | None):
    every = with_text(
        known_by(
            query("calls_999", metric=metric, date_from=date_from, date_to=date_to),
            as_of,
            "period_end",
        )
    )
    every["series"] = "Staffordshire"
    df = one_per_observation(every)  # a figure two sources give is one point citing both
    # the national standard as it stood on the day: a line is not drawn before it was stated
    standard = known_by(query("measure_series", metric=STANDARD), as_of, "period_end")
    share = metric == WITHIN_10S
    percent = standard[standard["unit"] == "percent"]
    reference = None
    if share and len(percent):
        level = percent.iloc[0]["value"]
        reference = (level, f"National standard: {fmt_value(level, 'percent')} within 10 seconds")
    lower = lower_is_better(metric)
    if len(df):
        # the worst of the figures the chart may join to the latest: like with like
        latest, worst, count = latest_and_worst(df, "value", lower)
        title = latest_worst_title(
            noun(metric),
            latest,
            worst,
            lower,
            same=worst["value"] == latest["value"],
            count=count,
        )
    else:
        title = nothing_title("999 figures", as_of)
    notes = windows_note(df) + [
        PERIODS_NOTE,
        "Figures are the force's or Commissioner's statements as reported, unless the tier "
        "says otherwise; police.uk's official monthly series is not in the stored sources.",
    ]
    if reference:
        notes.append(
            f"The national standard is stated by HMICFRS in {percent.iloc[0]['source_title']}."
        )
    summary = series_summary(df, "series", "999 figure", lower)
    if share:
        against = f" against the {reference[1]}" if reference else ""
        alt = f"Share of 999 calls answered within 10 seconds over time{against}. "
    else:
        alt = "999 average answer time over time. "
    if len(every):
        sources = sources_of(every)
    elif len(standard):  # the standard's source: the empty chart names where figures would be
        sources = sources_of(standard.head(1))
    else:
        sources = sources_of(every)
    return ChartSpec(
        key="calls_999_share" if share else "calls_999_time",
        title=title,
        subtitle=(
            "Share of 999 calls answered within 10 seconds (%)"
            if share
            else "999 average time to answer (seconds)"
        ),
        figure=time_chart(
            df,
            as_of,
            projector,
            unit="percent" if share else "seconds",
            reference=reference,
            y_title="Within 10 s (%)" if share else "Seconds",
            start=max(date_from, FIRST_DAY),
            y_range=(0, 100) if share else None,
        ),
        table=df,
        columns=SERIES_COLUMNS,
        summary=summary,
        alt=alt + summary,
        sources=sources,
        notes=notes,
        quotes=quotes_of(every, "measure_id", measure_label),
    )


@spec_cache
def answer_time_999(
    date_from: date = ALL_TIME[0],
    date_to: date = ALL_TIME[1],
    projector: bool = False,
    as_of: date | None = None,
) -> ChartSpec:
    return _calls_999(ANSWER_TIME, date_from, date_to, projector, as_of)


@spec_cache
def answered_within_10s_999(
    date_from: date = ALL_TIME[0],
    date_to: date = ALL_TIME[1],
    projector: bool = False,
    as_of: date | None = None,
) -> ChartSpec:
    return _calls_999(WITHIN_10S, date_from, date_to, projector, as_of)


@spec_cache
def answer_time_101(
    date_from: date = ALL_TIME[0],
    date_to: date = ALL_TIME[1],
    projector: bool = False,
    as_of: date | None = None,
) -> ChartSpec:
    every = with_text(
        known_by(query("calls_101", date_from=date_from, date_to=date_to), as_of, "period_end")
    )
    every["series"] = "Staffordshire"
    df = one_per_observation(every)
    if len(df):
        latest, worst, count = latest_and_worst(df, "minutes", lower=True)
        title = latest_worst_title(
            noun(ANSWER_TIME_101),
            latest,
            worst,
            lower=True,
            same=worst["minutes"] == latest["minutes"],
            count=count,
        )
    else:
        title = nothing_title("101 figures", as_of)
    # drawn and summarised in minutes; the table keeps each figure as its source states it
    in_minutes = df.assign(value=df["minutes"], unit="minutes")
    # minutes computed from seconds have no written places: a change is given to one
    summary = series_summary(
        in_minutes, "series", "101 figure", lower_is_better(ANSWER_TIME_101), places=1
    )
    return ChartSpec(
        key="calls_101",
        title=title,
        subtitle="101 (non-emergency) average time to answer, drawn in minutes; each figure as "
        "the source states it in the table",
        figure=time_chart(
            in_minutes,
            as_of,
            projector,
            unit="minutes",
            y_title="Minutes",
            start=max(date_from, FIRST_DAY),
        ),
        table=df,
        columns=SERIES_COLUMNS,
        summary=summary,
        alt="101 average answer time over time, in minutes. " + summary,
        sources=sources_of(every),
        notes=windows_note(df)
        + [
            "Figures given in seconds are drawn at seconds ÷ 60; the table keeps each figure "
            "as stated. There is no national 101 dataset.",
            PERIODS_NOTE,
        ],
        quotes=quotes_of(every, "measure_id", measure_label),
    )
