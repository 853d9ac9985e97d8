"""Figures that compare forces: every force's rate in one year as a ranked row of dots, and how
a force's positive outcomes divide between charge and each out-of-court type over the years."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pfcc.charts.marks import (
    add_events,
    add_marks,
    base_figure,
    finish,
    hline,
    legend_name,
    time_axis,
)
from pfcc.charts.text import plotly_text
from pfcc.render import theme
from pfcc.store.asof import Events


def ranked_dots(
    df: pd.DataFrame,
    *,
    highlight: str,
    reference: tuple[float, str] | None,
    x_title: str,
    projector: bool = False,
) -> go.Figure:
    """One dot per force, highest first; `highlight` in the strong colour, its row's name in
    bold with its figure (beside the dot there is no room on a phone), the rest muted; flagged
    figures hollow (a white dot ringed in the row's colour) and their names marked '(flagged)',
    so no row is left with nothing drawn and no word why. `df` has force, value, value_text,
    flagged, id. A force's name is escaped (`plotly_text`) alike in its points, the axis's order
    and its tick label."""
    s = theme.sizes(projector)
    df = df.sort_values("value", ascending=False)
    values = [float(v) for v in df["value"].dropna()] + ([float(reference[0])] if reference else [])
    x_end = max(values, default=1.0) * 1.08 or 1.0  # room for the largest dot
    height = max(420, 19 * len(df) + 120) if not projector else max(600, 13 * len(df) + 160)
    fig = base_figure(projector, height=height)
    for is_force, flagged in ((False, False), (False, True), (True, False), (True, True)):
        g = df[(df["force"] == highlight) == is_force]
        g = g[g["flagged"].fillna(False).astype(bool) == flagged]
        if g.empty:
            continue
        colour = theme.PALETTE[0] if is_force else theme.MUTED
        fig.add_trace(
            go.Scatter(
                x=g["value"],
                y=[plotly_text(f) for f in g["force"]],
                mode="markers",
                marker=dict(
                    # hollow: a white fill inside a ring of the row's colour ("circle-open"
                    # would draw its ring in the fill's white: no dot at all on the page)
                    color="#FFFFFF" if flagged else colour,
                    symbol="circle",
                    size=s["marker"] + (6 if is_force else 0),
                    line=dict(color=colour, width=3 if flagged else 2),
                ),
                customdata=g["id"],
                hovertext=[
                    f"<b>{plotly_text(f)}</b>: {plotly_text(t)}"
                    + (", flagged: not ranked" if flagged else "")
                    for f, t in zip(g["force"], g["value_text"])
                ],
                hoverinfo="text",
                showlegend=False,
            )
        )
    shapes, notes = [], []
    if reference:
        shapes.append(
            dict(
                type="line",
                xref="x",
                yref="paper",
                x0=reference[0],
                x1=reference[0],
                y0=0,
                y1=1,
                line=dict(color=theme.TEXT, width=3 if projector else 2, dash="dash"),
            )
        )
        text, anchor = _above_line(reference[1], reference[0] / x_end, s["tick"], projector)
        notes.append(
            dict(
                x=reference[0],
                y=1.0,
                xref="x",
                yref="paper",
                text=text,
                showarrow=False,
                xanchor=anchor,
                yanchor="bottom",
                font=dict(size=s["tick"], color=theme.TEXT),
            )
        )
    add_marks(fig, shapes, notes)
    forces = list(df["force"])[::-1]
    shown = dict(zip(df["force"], df["value_text"]))
    marked = set(df.loc[df["flagged"].fillna(False).astype(bool), "force"])
    names = [plotly_text(f) for f in forces]
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=names,
        tickmode="array",
        tickvals=names,
        ticktext=[
            (f"<b>{name}: {plotly_text(shown[f])}</b>" if f == highlight else name)
            + (" (flagged)" if f in marked else "")
            for f, name in zip(forces, names)
        ],
        showgrid=False,
        tickfont=dict(size=s["tick"] - (2 if not projector else 6)),
    )
    fig.update_xaxes(title_text=x_title, range=[0, x_end])
    fig.update_layout(margin=dict(l=10, r=30, t=50, b=50))
    return finish(fig, projector)


DOTS_PLOT_WIDTH = {False: 170, True: 860}  # px: the narrowest plot of a row of dots


def _above_line(text: str, fx: float, size: float, projector: bool) -> tuple[str, str]:
    """A line's label above the plot, at `fx` along the axis: on the side of the line with room
    for it in the narrowest plot the chart is drawn in, else centred on it, its last word on a
    line of its own where one line has no room anywhere. The words are escaped
    (`plotly_text`), measured as a reader sees them."""
    width = DOTS_PLOT_WIDTH[projector]
    for lines in ([text], text.rsplit(" ", 1)):
        wide = max(len(line) for line in lines) * 0.55 * size + 6
        room = {
            "left": (1 - fx) * width >= wide,
            "right": fx * width >= wide,
            "center": min(fx, 1 - fx) * width >= wide / 2,
        }
        anchor = next((side for side, fits in room.items() if fits), None)
        if anchor:
            break
    return "<br>".join(plotly_text(line) for line in lines), anchor or "center"


def share_bars(
    df: pd.DataFrame,
    *,
    order: list[str],
    events: Events | None,
    projector: bool = False,
    end=None,
) -> go.Figure:
    """Stacked bars per year: each outcome type's share of positive outcomes (0 to 100%).
    `df` has period_end, label, share, value_text, id; `order` the labels bottom to top."""
    fig = base_figure(projector, height=560 if projector else 460)
    s = theme.sizes(projector)
    for i, label in enumerate(order):
        g = df[df["label"] == label]
        if g.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=pd.to_datetime(g["period_end"]) - pd.Timedelta(days=182),
                y=g["share"],
                width=1000 * 3600 * 24 * 300,  # ms: most of a year, a gap between years
                name=legend_name(label),
                marker=dict(
                    color=theme.PALETTE[i % len(theme.PALETTE)],
                    line=dict(color="#FFFFFF", width=1),
                    # past the palette's six colours, a hatch tells the repeats apart
                    pattern=dict(shape="/" if i >= len(theme.PALETTE) else "", fgcolor="#FFFFFF"),
                ),
                customdata=g["id"],
                hovertext=[
                    f"<b>{plotly_text(label)}</b>: {plotly_text(t)}" for t in g["value_text"]
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(barmode="stack", showlegend=True, legend=dict(traceorder="reversed"))
    add_marks(fig, [hline(100, dict(color=theme.GRID, width=1))])
    time_axis(fig, end=end)
    if events:
        add_events(fig, events, projector)
    fig.update_yaxes(title_text="Share of positive outcomes (%)", range=[0, 100])
    fig.update_xaxes(tickfont=dict(size=s["tick"]))
    return finish(fig, projector)
