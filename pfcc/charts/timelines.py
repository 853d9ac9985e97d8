"""Figures of dated events: the journey's lanes and the recommendation deadlines."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from pfcc import theme
from pfcc.charts.marks import (
    add_events,
    add_marks,
    base_figure,
    finish,
    legend_name,
    tier_key,
    time_axis,
    top_label,
    vline,
)
from pfcc.charts.text import plotly_text
from pfcc.formatting import fmt_date
from pfcc.timeline import Events, axis_end


def journey(
    m: pd.DataFrame,
    lanes: dict[str, str],
    events: Events,
    projector: bool = False,
    today: date | None = None,
) -> go.Figure:
    """One timeline from 2014 to today: a lane per kind of event. Every word from the data is
    escaped (`plotly_text`), a lane's name alike in its points and in the axis's order."""
    lane_names = list(dict.fromkeys(lanes.values()))
    fig = base_figure(projector, height=(600 if projector else 440))
    s = theme.sizes(projector)
    for i, lane in enumerate(lane_names):
        kinds = [k for k, v in lanes.items() if v == lane]
        g = m[m["kind"].isin(kinds)]
        if g.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(g["event_date"]),
                y=[plotly_text(lane)] * len(g),
                mode="markers",
                name=plotly_text(lane),
                marker=dict(
                    color=theme.PALETTE[i % len(theme.PALETTE)],
                    size=s["marker"] + 4,
                    symbol=[theme.TIER_SYMBOL[t] for t in g["tier"]],
                    line=dict(color="#FFFFFF", width=1),
                ),
                customdata=g["milestone_id"],
                hovertext=[
                    f"<b>{plotly_text(t)}</b><br>{plotly_text(fmt_date(d, p))}<br>"
                    f"{plotly_text(src)} ({plotly_text(theme.TIER_SHORT[tier])})"
                    for t, d, p, src, tier in zip(
                        g["title"],
                        g["event_date"],
                        g["date_precision"],
                        g["source_title"],
                        g["tier"],
                    )
                ],
                hoverinfo="text",
                showlegend=False,
            )
        )
    today = today or date.today()
    add_marks(
        fig,
        [vline(today, dict(color=theme.TEXT, width=3 if projector else 1.5))],
        [top_label(today, "Today" if today == date.today() else fmt_date(today), s["tick"])],
    )
    time_axis(fig, end=axis_end(today))
    add_events(fig, events, projector)
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[plotly_text(lane) for lane in lane_names[::-1]],
        showgrid=False,
    )
    tier_key(fig, m["tier"].unique(), projector)
    return finish(fig, projector)


def deadlines(
    df: pd.DataFrame,
    events: Events | None = None,
    projector: bool = False,
    today: date | None = None,
    caption: str | None = None,
) -> go.Figure:
    """Recommendation deadlines against today (or the meeting's date). An item's label is
    escaped (`plotly_text`) alike in its points and in the axis's order, so they still match.
    `caption`, under the time axis, says whose recommendations they are (the report, and
    whether they are national), so a slide that shows only the chart still names them."""
    today = today or date.today()
    fig = base_figure(projector, height=(520 if projector else 360))
    s = theme.sizes(projector)
    d = df[df["due_on"].notna()].copy()
    overdue = d["days_to_due"] < 0
    for flag, name, colour, symbol in (
        (False, "Due", theme.PALETTE[0], "circle-open"),
        (True, "Deadline passed", theme.PALETTE[2], "x"),
    ):
        g = d[overdue == flag]
        if g.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(g["due_on"]),
                y=[plotly_text(label) for label in g["label"]],
                mode="markers",
                name=name,
                marker=dict(
                    symbol=symbol,
                    size=s["marker"] + 4,
                    color=colour,
                    line=dict(width=3, color=colour),
                ),
                customdata=g["rec_id"],
                hovertext=[
                    f"<b>{plotly_text(label)}</b> due {plotly_text(fmt_date(x))}<br>"
                    f"status: {plotly_text(status)}"
                    for label, x, status in zip(
                        g["label"], g["due_on"], g.get("status_text", g["status"])
                    )
                ],
                hoverinfo="text",
            )
        )
    add_marks(
        fig,
        [vline(today, dict(color=theme.TEXT, width=3 if projector else 2))],
        [top_label(today, "Today" if today == date.today() else fmt_date(today), s["tick"])],
    )
    if not d.empty:
        lo = min(pd.to_datetime(d["due_on"]).min(), pd.Timestamp(today)) - pd.Timedelta(days=60)
        hi = max(pd.to_datetime(d["due_on"]).max(), pd.Timestamp(today)) + pd.Timedelta(days=60)
        fig.update_xaxes(type="date", range=[lo, hi])
    if events:
        add_events(fig, events, projector)
    fig.update_yaxes(
        showgrid=False,
        categoryorder="array",
        categoryarray=[
            plotly_text(label) for label in dict.fromkeys(d.sort_values("due_on")["label"])
        ][::-1],
    )
    if caption:
        fig.update_xaxes(
            title_text=legend_name(caption, 44 if projector else 38),  # a phone: 390 px
            title_font=dict(size=s["tick"] - (0 if projector else 2)),
        )
    fig.update_layout(showlegend=True)
    return finish(fig, projector)
