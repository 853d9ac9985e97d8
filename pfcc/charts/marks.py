"""The marks every figure shares: the base figure in the theme, lines and shaded periods, the
Engage period and causes of concern on a time axis, and the key of tier shapes."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from pfcc import theme
from pfcc.timeline import FIRST_DAY, Events, axis_end


# Shapes and annotations as plain dicts, added in one update_layout per figure: Plotly's
# add_vline/add_annotation re-validate the whole layout on every call (quadratic in marks).
def vline(x, line: dict) -> dict:
    return dict(type="line", xref="x", yref="paper", x0=as_x(x), x1=as_x(x), y0=0, y1=1, line=line)


def hline(y, line: dict) -> dict:
    return dict(type="line", xref="paper", yref="y", x0=0, x1=1, y0=y, y1=y, line=line)


def vrect(x0, x1, fill: str) -> dict:
    return dict(
        type="rect",
        xref="x",
        yref="paper",
        x0=as_x(x0),
        x1=as_x(x1),
        y0=0,
        y1=1,
        fillcolor=fill,
        line=dict(width=0),
        layer="below",
    )


def top_label(x, text: str, size: int, xanchor: str = "center") -> dict:
    return dict(
        x=as_x(x),
        y=1.0,
        xref="x",
        yref="paper",
        text=text,
        showarrow=False,
        xanchor=xanchor,
        yanchor="bottom",
        font=dict(size=size, color=theme.TEXT),
    )


def as_x(x):
    return x if isinstance(x, (int, float, str)) else pd.Timestamp(x).isoformat()


def add_marks(fig: go.Figure, shapes=(), annotations=()) -> None:
    fig.update_layout(
        shapes=list(fig.layout.shapes) + list(shapes),
        annotations=list(fig.layout.annotations) + list(annotations),
    )


def base_figure(projector: bool, height: int | None = None) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        template=theme.template(projector), height=height or (560 if projector else 420)
    )
    return fig


def time_axis(fig: go.Figure, start: date = FIRST_DAY, end: date | None = None) -> None:
    end = end or axis_end(None)
    fig.update_xaxes(
        type="date", range=[start.isoformat(), end.isoformat()], dtick="M12", tickformat="%Y"
    )


def add_events(
    fig: go.Figure, events: Events, projector: bool = False, labels: bool = True
) -> None:
    """The Engage period shaded, other stated entry dates dashed, causes of concern dotted."""
    s = theme.sizes(projector)
    width = 3 if projector else 1.5
    shapes, notes = [], []
    engage_end = events.engage_end or events.ongoing_until
    if events.engage_start and engage_end:
        shapes.append(vrect(events.engage_start, engage_end, theme.ENGAGE_FILL))
        if labels:
            notes.append(top_label(events.engage_start, "Engage", s["tick"], "left"))
    for d, _, _ in events.engage_start_alternatives:
        shapes.append(vline(d, dict(color=theme.ENGAGE_EDGE, width=width, dash="dash")))
    for d in events.concerns_raised:
        shapes.append(vline(d, dict(color=theme.MUTED, width=width, dash="dot")))
    if labels and events.concerns_raised:
        notes.append(top_label(events.concerns_raised[0], "Concerns", s["tick"], "right"))
    for d, _ in events.concerns_closed:
        shapes.append(vline(d, dict(color=theme.MUTED, width=width, dash="dot")))
    add_marks(fig, shapes, notes)


def tier_key(fig: go.Figure, tiers, projector: bool) -> None:
    """A legend of marker shapes only: the tier of every point, not by colour."""
    fig.update_traces(showlegend=False, selector=dict(mode="markers"))
    s = theme.sizes(projector)
    for tier in [t for t in theme.TIER_SYMBOL if t in set(tiers)]:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=theme.TIER_SHORT[tier],
                hoverinfo="skip",
                marker=dict(symbol=theme.TIER_SYMBOL[tier], color=theme.TEXT, size=s["marker"]),
                showlegend=True,
            )
        )
    fig.update_layout(showlegend=True, legend_title_text="Source:")
