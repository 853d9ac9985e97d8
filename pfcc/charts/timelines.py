"""Figures of dated events: the journey's lanes and the recommendation deadlines."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

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
from pfcc.charts.metrics import text_width
from pfcc.charts.text import plotly_text
from pfcc.render import theme
from pfcc.store.asof import FIRST_DAY, Events, axis_end
from pfcc.text.formatting import fmt_date


def journey(
    m: pd.DataFrame,
    lanes: dict[str, str],
    events: Events,
    projector: bool = False,
    today: date | None = None,
    named: list[tuple[date, str, str]] = (),
    lane_notes: dict[str, list[str]] | None = None,
) -> go.Figure:
    """One timeline from 2014 to today: a lane per kind of event. Every word from the data is
    escaped (`plotly_text`), a lane's name alike in its points and in the axis's order.

    What a room needs is written on the chart: `named` (date, name, result) above the first
    lane, each with a leader to its day (the PEEL inspections and their headline results), and
    each lane's `lane_notes`, lines of words before its first event (causes of concern raised
    and closed, Engage in and out, the deadlines). Every other event is in the hover text."""
    lane_names = [
        lane
        for lane in dict.fromkeys(lanes.values())
        if m["kind"].isin(kinds_of(lanes, lane)).any()
    ]
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
    add_marks(fig, *_day_mark(today, projector))
    time_axis(fig, end=axis_end(today))
    add_events(fig, events, projector)
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[plotly_text(lane) for lane in lane_names[::-1]],
        showgrid=False,
    )
    if named or lane_notes:
        firsts = {
            lane: pd.Timestamp(m.loc[m["kind"].isin(kinds_of(lanes, lane)), "event_date"].min())
            for lane in lane_names
        }
        _write_milestones(fig, lane_names, named, lane_notes or {}, firsts, today, projector)
    tier_key(fig, m["tier"].unique(), projector)
    return finish(fig, projector, 0 if projector else JOURNEY_MIN_PX)


def _day_mark(today: date, projector: bool) -> tuple[list, list]:
    """The line at today (or the meeting's date) and its label, written to the line's left:
    centred on it, a date ran past the axis's end ("26 January 202")."""
    size = theme.sizes(projector)["tick"]
    word = "Today" if today == date.today() else fmt_date(today)
    line = vline(today, dict(color=theme.TEXT, width=3 if projector else 1.5))
    return [line], [top_label(today, word, size, "right")]


# The journey's narrowest plot area, px: a slide's on a phone, which keeps it 796 px wide in a
# box that scrolls sideways (956 at 1280×720), and a page's, which scrolls likewise (`finish`).
# Names are spread for it by their measured widths: an average character's width hid this.
JOURNEY_PLOT_PX = {True: 790, False: 560}
JOURNEY_MIN_PX = 760
HEADROOM = 2.3  # lanes' worth of room above the first lane, for two rows of names


def _spread(items: list[tuple[float, float]], width: float) -> list[float]:
    """Centres for boxes (natural centre, width) in one row, in order, none overlapping and
    none past either end, each as near its natural centre as the others let it be."""
    gap, out = 10.0, []
    for centre, w in items:
        lo = w / 2 if not out else out[-1][0] + out[-1][1] / 2 + gap + w / 2
        out.append((max(centre, lo), w))
    hi = width
    for i in range(len(out) - 1, -1, -1):  # and back from the right end
        c, w = out[i]
        c = min(c, hi - w / 2)
        out[i] = (c, w)
        hi = c - w / 2 - gap
    return [c for c, _ in out]


def kinds_of(lanes: dict[str, str], lane: str) -> list[str]:
    return [k for k, v in lanes.items() if v == lane]


def _write_milestones(fig, lane_names, named, lane_notes, firsts, today, projector) -> None:
    """The names above the first lane, in two rows, each beside its day as near as the others
    let it be, with a leader to the day; and each lane's notes before its first event."""
    s = theme.sizes(projector)
    size, plot = s["tick"], JOURNEY_PLOT_PX[projector]
    start, end = pd.Timestamp(FIRST_DAY), pd.Timestamp(axis_end(today))
    top = len(lane_names) - 1
    fig.update_yaxes(range=[-0.6, top + HEADROOM])
    line_h = size * 1.25

    def frac(d) -> float:
        return (pd.Timestamp(d) - start) / (end - start)

    notes = []
    rows = {0: [], 1: []}
    for i, item in enumerate(sorted(named)):
        rows[i % 2].append(item)
    lift = s["marker"] / 2 + 8
    for row, items in rows.items():
        widths = [max(text_width(n, size, bold=True), text_width(r, size)) + 8 for _, n, r in items]
        centres = _spread([(frac(d) * plot, w) for (d, _, _), w in zip(items, widths)], plot)
        for (d, name, result), c in zip(items, centres):
            notes.append(
                dict(
                    x=pd.Timestamp(d).isoformat(),
                    y=top,
                    xref="x",
                    yref="y",
                    text=f"<b>{plotly_text(name)}</b><br>{plotly_text(result)}",
                    showarrow=True,
                    arrowhead=0,
                    arrowwidth=2,
                    arrowcolor=theme.MUTED,
                    standoff=s["marker"] / 2 + 2,
                    ax=c - frac(d) * plot,
                    ay=-(lift + row * (2 * line_h + 10)),
                    xanchor="center",
                    yanchor="bottom",
                    align="center",
                    font=dict(size=size, color=theme.TEXT),
                )
            )
    lanes_at = {lane: len(lane_names) - 1 - i for i, lane in enumerate(lane_names)}
    for lane, lines in lane_notes.items():
        if lane not in lanes_at or not lines:
            continue
        first = firsts[lane].isoformat()
        notes.append(
            dict(
                x=first,
                y=lanes_at[lane],
                xref="x",
                yref="y",
                xshift=-(s["marker"] / 2 + 8),
                text="<br>".join(plotly_text(t) for t in lines),
                showarrow=False,
                xanchor="right",
                yanchor="middle",
                align="right",
                font=dict(size=size, color=theme.TEXT),
            )
        )
    add_marks(fig, (), notes)


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
