"""999 and 101 calls: 999 answer times and the share answered within 10 seconds against the
national standard, and 101 on its own chart."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pfcc.charts.text import plotly_text
from pfcc.render.spec import ChartSpec
from pfcc.store.asof import ALL_TIME, FIRST_DAY, known_by
from pfcc.stories.common import (
    SERIES_COLUMNS,
    one_per_observation,
    query,
    quotes_of,
    sources_of,
    spec_cache,
    time_chart,
    windows_note,
    with_period_text,
    with_text,
)
from pfcc.stories.compare import latest_and_worst
from pfcc.stories.sentences import latest_worst_title, measure_label, series_summary
from pfcc.stories.vocabulary import lower_is_better, noun
from pfcc.text.formatting import fmt_date, fmt_value
from pfcc.text.words import nothing_title

ANSWER_TIME = "999 average answer time"
WITHIN_10S = "999 calls answered within 10 seconds"
ANSWER_TIME_101 = "101 average answer time"
STANDARD = "999 answer standard (share within 10 seconds)"
# a statement against the 10-second threshold that gives no share: beside the standard, no point
THRESHOLD_STATEMENT = "999 calls answered in less than 10 seconds (force statement, no share given)"
PERIODS_NOTE = (
    "Periods differ between figures (a week, a month, three months, 12 months): a shaded bar "
    "shows the span where the source states it. A line joins only figures of one window (a "
    "month with months, 12 months with 12 months) and one tier; a hollow mark is a figure "
    "whose period the source does not state, drawn at its publication and never joined."
)
HOME = "Staffordshire"
SCOPES_NOTE = (
    "A national figure (England and Wales, or the United Kingdom) is its own series, labelled "
    "with its scope and never joined to Staffordshire's line; the title and the changes it "
    "states compare Staffordshire's figures only."
)


def _by_scope(every: pd.DataFrame) -> pd.DataFrame:
    """One series for each geography: Staffordshire's, and each national scope the sources give
    beside it (England and Wales, United Kingdom), never one line across scopes."""
    return every.assign(series=every["geography"])


def _national_context(df: pd.DataFrame, metric: str, value: str = "value") -> str:
    """A sentence for each national figure: context beside Staffordshire's, not compared."""
    rows = with_period_text(df[df["series"] != HOME]) if (df["series"] != HOME).any() else df[0:0]
    return "".join(
        f" Across {'the ' if r.geography == 'United Kingdom' else ''}{r.geography}, the "
        f"{noun(metric)} was {fmt_value(getattr(r, value), r.unit, written=r.value_as_written)} "
        f"({r.period_text}): a national figure, given for context."
        for r in rows.itertuples()
    )


def _calls_999(metric: str, date_from: date, date_to: date, projector: bool, as_of: date | None):
    every = with_text(
        known_by(
            query("calls_999", metric=metric, date_from=date_from, date_to=date_to),
            as_of,
            "period_end",
        )
    )
    every = _by_scope(every)
    df = one_per_observation(every)  # a figure two sources give is one point citing both
    own = df[df["series"] == HOME]  # titles and changes: Staffordshire's against its own
    # the national standard as it stood on the day: a line is not drawn before it was stated
    standard = known_by(query("measure_series", metric=STANDARD), as_of, "period_end")
    share = metric == WITHIN_10S
    percent = standard[standard["unit"] == "percent"]
    reference = None
    if share and len(percent):
        level = percent.iloc[0]["value"]
        reference = (level, f"National standard: {fmt_value(level, 'percent')} within 10 seconds")
    # statements against the threshold (no share, no average): shown beside the standard
    said = (
        with_text(
            known_by(query("measure_series", metric=THRESHOLD_STATEMENT), as_of, "period_end")
        )
        if share
        else every.iloc[0:0]
    )
    lower = lower_is_better(metric)
    if len(own):
        # the worst of the figures the chart may join to the latest: like with like
        latest, worst, count = latest_and_worst(own, "value", lower)
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
    if len(own) < len(df):
        notes.append(SCOPES_NOTE)
    notes += [_beside_standard(r) for r in said.to_dict("records")]
    summary = series_summary(own, "series", "999 figure", lower) + _national_context(df, metric)
    if share:
        against = f" against the {reference[1]}" if reference else ""
        alt = f"Share of 999 calls answered within 10 seconds over time{against}. "
    else:
        alt = "999 average answer time over time. "
    if len(every) or len(said):
        sources = sources_of(pd.concat([every, said]) if len(said) else every)
    elif len(standard):  # the standard's source: the empty chart names where figures would be
        sources = sources_of(standard.head(1))
    else:
        sources = sources_of(every)
    figure = time_chart(
        df,
        as_of,
        projector,
        unit="percent" if share else "seconds",
        reference=reference,
        y_title="Within 10 s (%)" if share else "Seconds",
        start=max(date_from, FIRST_DAY),
        y_range=(0, 100) if share else None,
        # the force's statements are marked after the series are named: a key of colours, so
        # that a national series' name never sits on them
        direct_labels=not (len(said) and len(own) < len(df)),
    )
    if reference:
        _mark_beside_standard(figure, said, reference)
    behind = with_text(percent.head(1)) if reference else every.iloc[0:0]
    return ChartSpec(
        key="calls_999_share" if share else "calls_999_time",
        title=title,
        subtitle=(
            "Share of 999 calls answered within 10 seconds (%)"
            if share
            else "999 average time to answer (seconds)"
        ),
        figure=figure,
        table=df,
        columns=SERIES_COLUMNS,
        summary=summary,
        alt=alt + summary + "".join(" " + _beside_standard(r) for r in said.to_dict("records")),
        sources=sources,
        notes=notes,
        # the passages behind the points, the statements and the standard's line
        quotes=quotes_of(
            pd.concat([f for f in (every, said, behind) if len(f)] or [every]),
            "measure_id",
            measure_label,
        ),
    )


def _beside_standard(r: dict) -> str:
    """A statement against the 10-second threshold, in words: it gives no share to draw."""
    return (
        f"Beside the standard: on {fmt_date(r['period_end'])} the force said "
        f"\u201c{r['quote'].strip().rstrip('.')}\u201d ({r['source_title']}); it gives no share of "
        "calls, so it is not drawn as a point."
    )


def _mark_beside_standard(figure, said: pd.DataFrame, reference: tuple[float, str]) -> None:
    """A labelled tick on the standard's line at the day of each statement."""
    font = next(
        (a.font for a in figure.layout.annotations if a.text == plotly_text(reference[1])), None
    )
    for r in said.to_dict("records"):
        figure.add_annotation(
            x=pd.Timestamp(r["period_end"]),
            y=reference[0],
            # short lines ending at the day: the label never runs past the axis's end, nor
            # back over the national figure of 2022
            text="<br>".join(
                plotly_text(t)
                for t in (
                    f"Force, {fmt_date(r['period_end'])}:",
                    "less than 10 s,",
                    "no share given",
                )
            ),
            showarrow=True,
            arrowhead=0,
            ax=0,
            ay=30,  # below the line: above it sits the Engage label, which ended that day
            xanchor="right",
            yanchor="top",
            font=font,
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
    every = _by_scope(every)
    df = one_per_observation(every)
    own = df[df["series"] == HOME]
    if len(own):
        latest, worst, count = latest_and_worst(own, "minutes", lower=True)
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
        in_minutes[in_minutes["series"] == HOME],
        "series",
        "101 figure",
        lower_is_better(ANSWER_TIME_101),
        places=1,
    ) + _national_context(df, ANSWER_TIME_101)
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
        ]
        + ([SCOPES_NOTE] if len(own) < len(df) else []),
        quotes=quotes_of(every, "measure_id", measure_label),
    )
