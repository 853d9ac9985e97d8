"""Figures across categories: the 2015 outcome mix as bars, and the grades as a grid of words."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pfcc.charts.marks import base_figure, finish, top_label, vline
from pfcc.charts.metrics import longest_line, text_width
from pfcc.charts.text import plotly_text
from pfcc.render import theme
from pfcc.text.formatting import fmt_value


def outcome_mix(df: pd.DataFrame, order: list[str], projector: bool = False) -> go.Figure:
    """Outcomes per 100 offences by type, the force against England and Wales. Each type's name
    is written above its pair of bars, so that the bars have the chart's whole width (on a
    phone, names beside the bars would leave them a strip)."""
    s = theme.sizes(projector)
    rated = set(df.dropna(subset=["rate"])["breakdown"])
    order = [b for b in order if b in rated]  # a type without a figure takes no room
    n = len(order)
    slot = 90 if projector else 60  # px per type: its name above, its two bars below
    fig = base_figure(projector, height=n * slot + (170 if projector else 140))
    label = {
        b: (f"<b>{plotly_text(b)} (total)</b>" if b.startswith("Out-of-court") else plotly_text(b))
        for b in order
    }
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
                y=[order.index(b) + BAR_DROP for b in g.index],
                x=g["rate"],
                orientation="h",
                name=plotly_text(geo),
                marker_color=theme.PALETTE[0] if i == 0 else theme.PALETTE[1],
                text=[plotly_text(t) for t in text],
                textposition="outside",
                cliponaxis=False,
                constraintext="none",
                textfont=dict(size=s["tick"], color=theme.TEXT),
                customdata=g["measure_id"],
                hovertext=[f"{label[b]}: {plotly_text(t)}" for b, t in zip(g.index, text)],
                hovertemplate="%{hovertext}<extra>" + plotly_text(geo) + "</extra>",
            )
        )
    names = [
        dict(
            x=0,
            xref="paper",
            xanchor="left",
            y=i - NAME_RISE,
            yref="y",
            yanchor="middle",
            text=label[b],
            showarrow=False,
            font=dict(size=s["tick"], color=theme.TEXT),
        )
        for i, b in enumerate(order)
    ]
    # the key above the bars: below them it would meet the axis title on a narrow screen
    fig.update_layout(
        barmode="group",
        bargap=0.5,
        legend=dict(yref="paper", y=1.0, yanchor="bottom"),
        annotations=names,
        margin=dict(l=10),
    )
    fig.update_yaxes(
        range=[n - 0.45, -0.6], showgrid=False, showticklabels=False, ticks="", zeroline=False
    )
    fig.update_xaxes(title_text="Outcomes per 100 offences recorded", rangemode="tozero")
    if ends:
        fig.update_xaxes(range=[0, _room_for_text(ends, s["tick"], projector)])
    return finish(fig, projector)


# Within a type's slot (one unit of the y axis, top to bottom): its name centred NAME_RISE above
# the slot's middle, the pair of bars (half the slot, bargap 0.5) centred BAR_DROP below it.
NAME_RISE, BAR_DROP = 0.3, 0.15
BAR_PLOT_WIDTH = {False: 260, True: 640}  # px: the narrowest plot area a bar chart is drawn in


def _room_for_text(ends, size: float, projector: bool) -> float:
    """The axis's end that leaves room, after every bar, for its text written outside it at
    `size` px (estimated from its characters) in the narrowest plot it is drawn in."""
    need = []
    for value, text in ends:
        px = len(text) * 0.56 * size + 8  # Arial, a little generous, and the gap to the bar
        need.append(float(value) / max(1 - px / BAR_PLOT_WIDTH[projector], 0.2))
    return max(need)


def grade_matrix(
    cells: pd.DataFrame,
    columns: list[str],
    rows: list[str],
    break_after: str | None,
    projector: bool = False,
    key: str | None = None,
) -> go.Figure:
    """Themes by inspection, the grade's word in every cell; a visible break where the scale
    changed. `cells` has one row per (row, column) with text, fill and font colours; its `text`
    and `hover` are Plotly markup, their words escaped by the caller (`plotly_text`). The row
    and column names are words, escaped here."""
    s = theme.sizes(projector)
    height = max(380, 48 * len(rows) + 140) if not projector else max(560, 60 * len(rows) + 160)
    fig = base_figure(projector, height=height)
    size = s["tick"] if projector else s["tick"] - 2
    if not projector:  # a projector's cells are wide: four inspections, not eight
        cells = cells.assign(text=[_wrapped(t) for t in cells["text"]])
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
                font=dict(color=c.font, size=size),
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
        # each side's words on its own side of the line, short where a side has one column
        right = len(columns) - 1 - xi[break_after]
        notes.append(top_label(xb, "◀ four-tier grades ", s["tick"], "right"))
        five = " five-tier ▶" if right <= 1 else " five-tier grades ▶"
        notes.append(top_label(xb, five, s["tick"], "left"))
    fig.update_layout(shapes=shapes, annotations=notes)
    upright = projector or len(columns) <= 5  # a slide's names on two lines, not slanted
    fig.update_xaxes(
        tickvals=list(range(len(columns))),
        ticktext=[_two_lines(c) if projector else plotly_text(c) for c in columns],
        side="bottom",
        showgrid=False,
        range=[-0.6, len(columns) - 0.4],
        tickangle=0 if upright else -30,
    )
    if key:  # what a slide's short grades stand for, under the inspections' names
        fig.update_xaxes(title_text=plotly_text(key), title_font=dict(size=s["tick"]))
    fig.update_yaxes(
        tickvals=list(range(len(rows))),
        ticktext=[plotly_text(r.capitalize()) for r in rows],
        showgrid=False,
        autorange="reversed",
    )
    fig.update_layout(margin=dict(l=10, r=10, t=50, b=10))
    # every word whole in its cell: narrower than this, the grid scrolls sideways on its own
    labels = max((text_width(r, s["tick"]) for r in rows), default=0) + 16
    cell = max([longest_line(t, size) + 6 for t in cells["text"]] + [40])
    need = labels + cell * (len(columns) + 0.2) + 20
    return finish(fig, projector, need)


def _two_lines(name: str) -> str:
    """A column's name on two lines where it is long ("PEEL<br>2018/19"), each
    escaped (`plotly_text`)."""
    words = name.split(" ")
    if len(name) <= 9 or len(words) < 2:
        return plotly_text(name)
    cut = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(name) / 2))
    return plotly_text(" ".join(words[:cut])) + "<br>" + plotly_text(" ".join(words[cut:]))


def _longest_line(text: str) -> int:
    return max(len(line) for line in text.split("<br>"))


def _wrapped(text: str) -> str:
    """A cell's words on two lines where they are long: differing grades one to a line."""
    if _longest_line(text) <= 12 or "<br>" in text:
        return text
    if " / " in text:
        return text.replace(" / ", "<br>/ ", 1)
    return text.replace(" ", "<br>", 1)  # Requires<br>improvement
