"""The generic time-series story: one metric over time, every geography and breakdown its own
series, described by the metric vocabulary (unit, which direction is better, the noun). A new
family whose rows fit the measures table gets its chart from here in a few lines."""

from __future__ import annotations

from datetime import date

from pfcc.render.spec import ChartSpec
from pfcc.store.asof import known_by
from pfcc.stories.common import (
    SERIES_COLUMNS,
    one_per_observation,
    query,
    quotes_of,
    sources_of,
    time_chart,
    windows_note,
    with_text,
)
from pfcc.stories.sentences import measure_label, phrase_of, series_summary
from pfcc.stories.vocabulary import lower_is_better, noun, vocabulary
from pfcc.text.words import capitalise, first_fitting, nothing_title


def series_story(
    metric: str,
    key: str,
    subtitle: str,
    notes: list[str] = (),
    projector: bool = False,
    as_of: date | None = None,
) -> ChartSpec:
    """`metric` as named in data/metrics.csv; `key` the chart's stable id."""
    every = with_text(known_by(query("measure_series", metric=metric), as_of, "period_end"))
    several = every[["geography", "breakdown"]].drop_duplicates()
    every["series"] = [
        g if len(several) == 1 or not b else f"{g}: {b}"
        for g, b in zip(every["geography"], every["breakdown"].fillna(""))
    ]
    df = one_per_observation(every)  # a figure two sources give is one point citing both
    what = noun(metric)
    force = df[df["geography"] == "Staffordshire"]
    main = force if len(force) else df  # the title follows the force where it has figures
    if len(main):
        latest, first = main.iloc[-1], main.iloc[0]
        head = f"{capitalise(what)}: {latest['value_text']}"
        now, then = phrase_of(latest), phrase_of(first)
        if first["period_end"] != latest["period_end"]:
            title = first_fitting(
                now and then and f"{head} {now}, against {first['value_text']} {then}",
                then and f"{head}, against {first['value_text']} {then}",
                f"{head}, against {first['value_text']} earlier",
                head,
            )
        else:
            title = first_fitting(now and f"{head} {now}", head)
    else:
        title = nothing_title(what, as_of)
    unit = vocabulary()[metric]["units"].split(";")[0].strip()
    summary = series_summary(df, "series", what, lower_is_better(metric))
    return ChartSpec(
        key=key,
        title=title,
        subtitle=subtitle,
        figure=time_chart(df, as_of, projector, unit=unit, y_title=subtitle, ci="ci_half_width"),
        table=df,
        columns=SERIES_COLUMNS,
        summary=summary,
        alt=f"{capitalise(what)} over time. " + summary,
        sources=sources_of(every),
        notes=list(notes) + windows_note(df) + sorted(set(every["comparability"].dropna())),
        quotes=quotes_of(every, "measure_id", measure_label),
    )
