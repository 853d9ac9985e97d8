"""The marks every figure shares: the base figure in the theme, lines and shaded periods, the
Engage period and causes of concern on a time axis, and the key of tier shapes."""

from __future__ import annotations

import textwrap
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from pfcc.charts.labels import plot_widths
from pfcc.charts.text import plotly_text
from pfcc.render import theme
from pfcc.store.asof import FIRST_DAY, Events, axis_end


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
    """A label above the plot at `x`: `text` is words, shown as written (`plotly_text`)."""
    return dict(
        x=as_x(x),
        y=1.0,
        xref="x",
        yref="paper",
        text=plotly_text(text),
        showarrow=False,
        xanchor=xanchor,
        yanchor="bottom",
        font=dict(size=size, color=theme.TEXT),
    )


LEGEND_CHARS = 28  # a legend entry's line: fits a phone's width (360 px) beside its symbol


def legend_name(text: str, chars: int = LEGEND_CHARS) -> str:
    """A legend entry's words on lines short enough for a phone (a legend does not wrap),
    each line escaped (`plotly_text`): wrapped by the characters a reader sees."""
    lines = textwrap.wrap(str(text), chars) or [str(text)]
    return "<br>".join(plotly_text(line) for line in lines)


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


def readable_from(fig: go.Figure, px: float) -> None:
    """The chart cannot be read narrower than `px`: on a narrower screen it keeps that width
    inside its own box, which scrolls sideways (the theme's phone rules). The mark is the first
    name in the figure's font family, a font no system has, which every text of the chart
    carries into the page and the browser passes over to Arial."""
    fig.update_layout(font_family=f"{theme.min_width_mark(px)}, {theme.FONT}")


PROJECTOR_MIN_WIDTH = 1040  # px: a slide is laid out for 1280×720 and up


def finish(fig: go.Figure, projector: bool, min_px: float = 0) -> go.Figure:
    """The last step of every builder: the labels above the plot clear of each other at every
    width the chart is drawn at, and its readable minimum width (`readable_from`): `min_px`, and
    for a projector's chart the width of the smallest screen it is laid out for."""
    _clear_top_labels(fig, projector)
    need = max(min_px, PROJECTOR_MIN_WIDTH if projector else 0)
    if need:
        readable_from(fig, need)
        # room at the top for the cue that the chart scrolls sideways, laid over it
        top = fig.layout.margin.t if fig.layout.margin.t is not None else 40
        fig.update_layout(margin_t=top + theme.CUE_PX)
    return fig


def _fraction(x, lo, hi) -> float | None:
    """Where `x` lies along an axis from `lo` to `hi`, as a fraction; None if not a place."""
    try:
        if isinstance(lo, (int, float)) and isinstance(hi, (int, float)):
            return (float(x) - lo) / ((hi - lo) or 1.0)
        a, b = pd.Timestamp(lo), pd.Timestamp(hi)
        return (pd.Timestamp(x) - a) / ((b - a) or pd.Timedelta(days=1))
    except (TypeError, ValueError):
        return None


def _clear_top_labels(fig: go.Figure, projector: bool) -> None:
    """Labels above the plot ("Engage", "Concerns", "Today", …) that would meet at some width
    the chart is drawn at: the later one goes up a line, and the top margin makes room."""
    lo_hi = fig.layout.xaxis.range
    if not lo_hi:
        return
    tops = []
    for i, a in enumerate(fig.layout.annotations):
        if a.yref == "paper" and a.y == 1.0 and a.yanchor == "bottom" and a.xref in (None, "x"):
            fx = _fraction(a.x, *lo_hi)
            if fx is not None:
                size = a.font.size if a.font and a.font.size else theme.sizes(projector)["tick"]
                wide = len(a.text or "") * 0.55 * size + 6
                left = {"left": 0.0, "right": -wide}.get(a.xanchor or "center", -wide / 2)
                tops.append((fx, i, left, wide, size))
    if len(tops) < 2:
        return
    notes = [dict(a.to_plotly_json()) for a in fig.layout.annotations]
    placed, lifted = [], 0  # (row, fx, left, wide) of the labels kept so far
    for fx, i, left, wide, size in sorted(tops):
        row = 0
        while any(
            r == row
            and any(
                fx * w + left < gx * w + gl + g + 3 and gx * w + gl < fx * w + left + wide + 3
                for w in plot_widths(projector)
            )
            for r, gx, gl, g in placed
        ):
            row += 1
        placed.append((row, fx, left, wide))
        if row:
            notes[i]["yshift"] = row * (size * 1.35 + 2)
            lifted = max(lifted, (row + 1) * (size * 1.35 + 2) + 6)
    if lifted:
        top = fig.layout.margin.t if fig.layout.margin.t is not None else 40
        fig.update_layout(annotations=notes, margin_t=max(top, round(lifted)))


def time_axis(fig: go.Figure, start: date = FIRST_DAY, end: date | None = None) -> None:
    """Years labelled as many as the width has room for (Plotly picks every year, two or
    five), with a mark at every year. Where a short span gives room for a tick every few
    months, each names its month too: 'Jan 2020  Jul 2020', never '2020  2020'."""
    end = end or axis_end(None)
    fig.update_xaxes(
        type="date",
        range=[start.isoformat(), end.isoformat()],
        tickformat="%Y",
        tickformatstops=[
            dict(dtickrange=[None, "M6"], value="%b %Y"),
            dict(dtickrange=["M12", None], value="%Y"),
        ],
        minor=dict(dtick="M12", ticks="outside", ticklen=4, showgrid=True),
    )


def add_events(
    fig: go.Figure, events: Events, projector: bool = False, labels: bool = True
) -> None:
    """The Engage period shaded (from the entry day, else from the day a source giving only the
    year said the force was in it), other stated entry dates dashed, causes of concern dotted."""
    s = theme.sizes(projector)
    width = 3 if projector else 1.5
    shapes, notes = [], []
    engage_end = events.engage_end or events.ongoing_until
    # shaded from the entry day; where a source gives only the year, from the day it said so
    engage_from = events.engage_start or events.engage_known_from
    if engage_from and engage_end:
        shapes.append(vrect(engage_from, engage_end, theme.ENGAGE_FILL))
        if labels:
            notes.append(top_label(engage_from, "Engage", s["tick"], "left"))
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
                name=legend_name(theme.TIER_SHORT[tier], 32),  # narrow letters: one line
                hoverinfo="skip",
                marker=dict(symbol=theme.TIER_SYMBOL[tier], color=theme.TEXT, size=s["marker"]),
                showlegend=True,
            )
        )
    # the title above the entries: beside them it takes a phone's width from the longest
    fig.update_layout(showlegend=True, legend_title_text="Source:", legend_title_side="top left")
