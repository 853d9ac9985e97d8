"""Figures over time: one colour per series (a definition), one marker shape per tier, lines
only within one series, tier and window (`pfcc.periods.joinable`), periods drawn as their span,
a hollow mark where the period is not stated."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from pfcc import periods
from pfcc.charts.labels import WORD, fixed_texts, place_labels, word_side, y_span_of
from pfcc.charts.marks import (
    add_events,
    add_marks,
    as_x,
    base_figure,
    finish,
    hline,
    legend_name,
    tier_key,
    time_axis,
)
from pfcc.charts.text import plotly_text
from pfcc.render import theme
from pfcc.store.asof import FIRST_DAY, Events, axis_end
from pfcc.text.formatting import fmt_value

MAX_GAP_DAYS = 400  # figures further apart than this are not joined by a line
NOT_STATED_KEY = "Hollow: period not stated<br>(drawn at its publication)"


def _lines(fig: go.Figure, tgrp: pd.DataFrame, y: str, colour: str, s: dict) -> None:
    """The lines of one series and tier: one a window (months with months, 12 months with
    12 months), each joining one figure per period, the latest-published source's, and only
    where `periods.joinable` allows: no line across a long silence in the sources, none to a
    figure whose period is not stated."""
    for _, wgrp in tgrp.groupby("window", sort=False):
        pts = wgrp.drop_duplicates("xdate").sort_values("xdate", kind="stable")
        xs, ys, ids, prev, joined = [], [], [], None, False
        for r in pts.to_dict("records"):
            if prev is not None:
                if periods.joinable(prev, r, MAX_GAP_DAYS):
                    joined = True
                else:
                    xs.append(None)
                    ys.append(None)
                    ids.append(None)
            xs.append(r["xdate"])
            ys.append(r[y])
            ids.append(r.get("measure_id"))
            prev = r
        if joined:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    customdata=ids,  # what each point is: tests check what a line joins
                    mode="lines",
                    hoverinfo="skip",
                    connectgaps=False,
                    line=dict(color=colour, width=s["line"]),
                    showlegend=False,
                )
            )


def _hover(df: pd.DataFrame, value_text: list[str]) -> list[str]:
    """A point's value, period, source and what the figure is and who reports it, as the
    table's badge says it ('Official statistics, as reported by WiredGov')."""
    said = df["tier_text"] if "tier_text" in df else theme.tier_texts(df)
    return [
        f"<b>{plotly_text(v)}</b><br>{plotly_text(getattr(r, 'period_text', r.period_label))}"
        f"<br>{plotly_text(r.source_title)}<br>{plotly_text(t)}"
        for v, r, t in zip(value_text, df.itertuples(), said)
    ]


def _provisional(
    fig: go.Figure, rows: pd.DataFrame, y: str, colour: str, s: dict, side: str | None
) -> None:
    """Figures still accruing: a hollow ring over the point, and the word under the last one
    on `side` of it (for the first series only, so that the words do not pile up)."""
    fig.add_trace(
        go.Scatter(
            x=rows["xdate"],
            y=rows[y],
            mode="markers+text",
            text=[""] * (len(rows) - 1) + [WORD if side else ""],
            textposition=f"bottom {side or 'center'}",
            textfont=dict(size=s["tick"], color=theme.TEXT),
            marker=dict(
                color="#FFFFFF",
                size=s["marker"] + 4,
                symbol="circle-open",
                line=dict(color=colour, width=3),
            ),
            hoverinfo="skip",
            showlegend=False,
        )
    )


def axis_start(df: pd.DataFrame, start: date) -> date:
    """No empty years before the first figure: the axis starts in the year of the earliest
    figure (or its period's start) when that is later than `start`."""
    if not len(df):
        return start
    first = pd.to_datetime(
        df["period_start"].fillna(df["period_end"]) if "period_start" in df else df["period_end"]
    ).min()
    return start if pd.isna(first) else max(start, date(first.year, 1, 1))


def series_chart(
    df: pd.DataFrame,
    *,
    series: str,
    y: str = "value",
    unit: str,
    events: Events | None,
    projector: bool = False,
    y_title: str = "",
    reference: tuple[float, str] | None = None,
    ci: str | None = None,
    start: date = FIRST_DAY,
    end: date | None = None,
    y_range: tuple[float, float] | None = None,
    y_reversed: bool = False,
    direct_labels: bool = True,
) -> go.Figure:
    """Figures over time. One colour per series (a definition), one marker shape per tier.
    A line joins points only within one series, one tier and one window (`periods.joinable`);
    a figure whose period is not stated is a hollow mark, never joined; where a figure covers a
    stated period, a bar spans it. Duplicate figures for the same period all stay visible.
    Rows with a true `provisional` column are drawn hollow and labelled. Each series is named
    beside its last point, placed by `place_labels` so that no two texts overlap and none is
    cut off; more than four series, labels with no such place, and `direct_labels=False` get
    a legend of colours instead. The time axis starts no earlier than the year of the first
    figure.
    `y_reversed` puts 1 at the top (ranks)."""
    fig = base_figure(projector)
    s = theme.sizes(projector)
    df = df.copy()
    df["xdate"] = pd.to_datetime(df["period_end"])
    df["window"] = periods.windows(df)
    start = axis_start(df, start)
    end = end or axis_end(None)
    x0, x1 = pd.Timestamp(start), pd.Timestamp(end)
    shapes, notes, ends, words = [], [], [], []
    for i, (name, grp) in enumerate(df.groupby(series, sort=False)):
        colour = theme.PALETTE[i % len(theme.PALETTE)]
        for tier, tgrp in grp.groupby("tier", sort=False):
            order = ["xdate", "source_published_on"] if "source_published_on" in tgrp else ["xdate"]
            tgrp = tgrp.sort_values(
                order, ascending=[True] + [False] * (len(order) - 1), na_position="last"
            )
            label_unit = tgrp["unit"].iloc[0] if "unit" in tgrp else unit
            text = (
                tgrp["value_text"]
                if "value_text" in tgrp
                else [fmt_value(v, label_unit) for v in tgrp[y]]
            )
            _lines(fig, tgrp, y, colour, s)
            if "period_start" in tgrp and tgrp["period_start"].notna().any():
                xs, ys = [], []
                for r in tgrp[tgrp["period_start"].notna()].itertuples():
                    xs += [pd.Timestamp(r.period_start), r.xdate, None]
                    ys += [getattr(r, y), getattr(r, y), None]
                fig.add_trace(
                    go.Scatter(
                        x=xs,
                        y=ys,
                        mode="lines",
                        hoverinfo="skip",
                        line=dict(color=colour, width=s["line"] * 2.2),
                        opacity=0.35,
                        showlegend=False,
                    )
                )
            error = None
            if ci and ci in tgrp and tgrp[ci].notna().any():
                error = dict(
                    type="data",
                    array=tgrp[ci].fillna(0),
                    visible=True,
                    color=colour,
                    thickness=s["line"],
                    width=8,
                )
            hollow = (tgrp["window"] == periods.NOT_STATED).tolist()
            fig.add_trace(
                go.Scatter(
                    x=tgrp["xdate"],
                    y=tgrp[y],
                    mode="markers",
                    name=plotly_text(f"{name} – {theme.TIER_SHORT[tier]}"),
                    marker=dict(
                        color=colour,  # an open symbol's outline takes it
                        symbol=[
                            theme.TIER_SYMBOL[tier] + ("-open-dot" if h else "") for h in hollow
                        ],
                        size=s["marker"],
                        line=dict(
                            color=[colour if h else "#FFFFFF" for h in hollow],
                            width=[3 if h else 1 for h in hollow],
                        ),
                    ),
                    error_y=error,
                    customdata=tgrp["measure_id"],
                    hovertext=_hover(tgrp, list(text)),
                    hoverinfo="text",
                )
            )
            if "provisional" in tgrp and tgrp["provisional"].fillna(False).astype(bool).any():
                rows = tgrp[tgrp["provisional"].fillna(False).astype(bool)]
                side = None
                if i == 0:  # the word under the last one: direct labels keep clear of it
                    last_x = rows["xdate"].iloc[-1]
                    side = word_side((last_x - x0) / (x1 - x0), projector)
                    words.append((last_x, rows[y].iloc[-1], side))
                _provisional(fig, rows, y, colour, s, side)
        last = grp.sort_values("xdate").iloc[-1]
        ends.append((str(name), last["xdate"], last[y], colour))
    labels = None
    if direct_labels and 0 < len(ends) <= 4:  # direct labels rather than a legend, if they fit
        labels = place_labels(
            ends,
            fixed=fixed_texts(words, reference, s),
            x_span=(x0, x1),
            y_span=y_span_of(df, y, ci, reference, y_range, y_reversed),
            y_reversed=y_reversed,
            projector=projector,
        )
    for (name, x, yv, colour), (anchor, xshift, yshift, led) in zip(ends, labels or []):
        note = dict(
            x=as_x(x),
            y=yv,
            text=f"<b>{plotly_text(name)}</b>",
            showarrow=False,
            xanchor=anchor,
            xshift=xshift,
            yshift=yshift,
            font=dict(color=theme.TEXT if projector else colour, size=s["tick"]),
            bgcolor="rgba(255,255,255,0.8)",
        )
        if led:  # moved well away from its point: a line leads back to it
            note.update(
                showarrow=True,
                arrowhead=0,
                arrowwidth=3 if projector else 1.5,
                arrowcolor=colour,
                standoff=s["marker"] / 2 + 2,
                ax=xshift,
                ay=-yshift,
                xshift=0,
                yshift=0,
            )
        notes.append(note)
    if reference:
        shapes.append(
            hline(reference[0], dict(color=theme.TEXT, width=3 if projector else 2, dash="dash"))
        )
        notes.append(
            dict(
                x=0,
                xref="paper",
                y=reference[0],
                yref="y",
                text=plotly_text(reference[1]),
                showarrow=False,
                xanchor="left",
                yanchor="bottom",
                font=dict(size=s["tick"], color=theme.TEXT),
            )
        )
    add_marks(fig, shapes, notes)
    time_axis(fig, start, end)
    if events:
        add_events(fig, events, projector)
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    if y_range:
        fig.update_yaxes(range=list(y_range))
    if y_reversed and len(df):
        # 1 at the top; below the lowest point, room for the word 'provisional' under it
        lo, hi = float(df[y].min()), float(df[y].max())
        pad = max(hi - lo, 1.0) * 0.08
        below = pad * (3 if words else 1)
        fig.update_yaxes(range=[hi + below, lo - pad], autorange=False, rangemode="normal")
    tier_key(fig, df["tier"].unique(), projector)
    if (df["window"] == periods.NOT_STATED).any():  # the hollow mark's key
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=NOT_STATED_KEY,
                hoverinfo="skip",
                marker=dict(symbol="circle-open-dot", color=theme.TEXT, size=s["marker"]),
                showlegend=True,
            )
        )
    if labels is None and len(ends):  # a key of colours instead
        for i, name in enumerate(df[series].drop_duplicates()):
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="lines+markers",
                    name=legend_name(name),
                    hoverinfo="skip",
                    line=dict(color=theme.PALETTE[i % len(theme.PALETTE)], width=s["line"]),
                    showlegend=True,
                )
            )
    # a legend on a phone takes a line an entry: the chart grows so that the plot keeps its height
    lines = 1 + sum(str(t.name).count("<br>") + 1 for t in fig.data if t.showlegend)
    legend = lines * 1.35 * s["base"] + 10
    fig.update_layout(height=max(fig.layout.height, round(PLOT_AND_AXES[projector] + legend)))
    return finish(fig, projector)


PLOT_AND_AXES = {False: 300, True: 420}  # px: the plot, its top margin and the axis below it
