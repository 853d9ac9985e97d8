"""Figures across categories: the 2015 outcome mix as bars, and the grades as a grid of words."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pfcc import theme
from pfcc.charts.marks import base_figure, top_label, vline
from pfcc.formatting import fmt_value


def outcome_mix(df: pd.DataFrame, order: list[str], projector: bool = False) -> go.Figure:
    """Outcomes per 100 offences by type, the force against England and Wales."""
    fig = base_figure(projector, height=(640 if projector else 460))
    s = theme.sizes(projector)
    label = {b: (f"<b>{b} (total)</b>" if b.startswith("Out-of-court") else b) for b in order}
    ends = []  # (bar length, its text): the axis leaves room for the text after each bar
    for i, geo in enumerate(["Staffordshire", "England and Wales"]):
        g = df[df["geography"] == geo].set_index("breakdown").reindex(order).dropna(subset=["rate"])
        text = [
            fmt_value(v, "per 100 offences", written=w)
            for v, w in zip(g["rate"], g["rate_written"])
        ]
        ends += zip(g["rate"], text)
        fig.add_trace(
            go.Bar(
                y=[label[b] for b in g.index],
                x=g["rate"],
                orientation="h",
                name=geo,
                marker_color=theme.PALETTE[0] if i == 0 else theme.PALETTE[1],
                text=text,
                textposition="outside",
                cliponaxis=False,
                constraintext="none",
                textfont=dict(size=s["tick"], color=theme.TEXT),
                customdata=g["measure_id"],
                hovertemplate="%{y}: %{x} per 100 offences<extra>" + geo + "</extra>",
            )
        )
    # the key above the bars: below them it would meet the axis title on a narrow screen
    fig.update_layout(barmode="group", legend=dict(y=1.0, yanchor="bottom"))
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(title_text="Outcomes per 100 offences recorded", rangemode="tozero")
    if ends:
        fig.update_xaxes(range=[0, _room_for_text(ends, s["tick"])])
    return fig


BAR_PLOT_WIDTH = 640  # px: the narrowest plot area a bar chart is drawn in (1280×720 and up)


def _room_for_text(ends, size: float) -> float:
    """The axis's end that leaves room, after every bar, for its text written outside it at
    `size` px (estimated from its characters) in a plot BAR_PLOT_WIDTH wide."""
    need = []
    for value, text in ends:
        px = len(text) * 0.56 * size + 8  # Arial, a little generous, and the gap to the bar
        need.append(float(value) / max(1 - px / BAR_PLOT_WIDTH, 0.2))
    return max(need)


def grade_matrix(
    cells: pd.DataFrame,
    columns: list[str],
    rows: list[str],
    break_after: str | None,
    projector: bool = False,
) -> go.Figure:
    """Themes by inspection, the grade's word in every cell; a visible break where the scale
    changed. `cells` has one row per (row, column) with text, fill and font colours."""
    s = theme.sizes(projector)
    height = max(380, 48 * len(rows) + 140) if not projector else max(560, 60 * len(rows) + 160)
    fig = base_figure(projector, height=height)
    xi = {c: i for i, c in enumerate(columns)}
    yi = {r: i for i, r in enumerate(rows)}
    shapes, notes = [], []
    for c in cells.itertuples():
        x, y = xi[c.column], yi[c.row]
        shapes.append(
            dict(
                type="rect",
                x0=x - 0.48,
                x1=x + 0.48,
                y0=y - 0.45,
                y1=y + 0.45,
                fillcolor=c.fill,
                line=dict(color="#FFFFFF", width=0 if projector else 1),
                layer="below",
            )
        )
        notes.append(
            dict(
                x=x,
                y=y,
                text=c.text,
                showarrow=False,
                font=dict(color=c.font, size=s["tick"] if projector else s["tick"] - 2),
            )
        )
    # an invisible marker per cell, so hovering and selecting a cell works
    fig.add_trace(
        go.Scatter(
            x=[xi[c] for c in cells["column"]],
            y=[yi[r] for r in cells["row"]],
            mode="markers",
            marker=dict(size=30, opacity=0, symbol="square"),
            customdata=cells["cell_id"],
            hovertext=cells["hover"],
            hoverinfo="text",
            showlegend=False,
        )
    )
    if break_after in xi:
        xb = xi[break_after] + 0.5
        shapes.append(vline(xb, dict(color=theme.TEXT, width=3)))
        notes.append(top_label(xb, "◀ four-tier grades | five-tier grades ▶", s["tick"]))
    fig.update_layout(shapes=shapes, annotations=notes)
    fig.update_xaxes(
        tickvals=list(range(len(columns))),
        ticktext=columns,
        side="bottom",
        showgrid=False,
        range=[-0.6, len(columns) - 0.4],
        tickangle=0 if len(columns) <= 5 else -30,
    )
    fig.update_yaxes(
        tickvals=list(range(len(rows))),
        ticktext=[r.capitalize() for r in rows],
        showgrid=False,
        autorange="reversed",
    )
    fig.update_layout(margin=dict(l=10, r=10, t=50, b=10))
    return fig
