"""Figure builders. Each takes the rows a query returned and gives a Plotly figure in the one
theme. Rules kept here, once: tiers by marker shape, lines only within one definition and tier,
periods drawn as their span, the Engage period and causes of concern on every time axis."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from pfcc import markup, theme
from pfcc.formatting import fmt_date, fmt_value
from pfcc.timeline import FIRST_DAY, Events, axis_end

MAX_GAP_DAYS = 400  # figures further apart than this are not joined by a line


# Shapes and annotations as plain dicts, added in one update_layout per figure: Plotly's
# add_vline/add_annotation re-validate the whole layout on every call (quadratic in marks).
def vline(x, line: dict) -> dict:
    return dict(type="line", xref="x", yref="paper", x0=_x(x), x1=_x(x), y0=0, y1=1, line=line)


def hline(y, line: dict) -> dict:
    return dict(type="line", xref="paper", yref="y", x0=0, x1=1, y0=y, y1=y, line=line)


def vrect(x0, x1, fill: str) -> dict:
    return dict(
        type="rect",
        xref="x",
        yref="paper",
        x0=_x(x0),
        x1=_x(x1),
        y0=0,
        y1=1,
        fillcolor=fill,
        line=dict(width=0),
        layer="below",
    )


def top_label(x, text: str, size: int, xanchor: str = "center") -> dict:
    return dict(
        x=_x(x),
        y=1.0,
        xref="x",
        yref="paper",
        text=text,
        showarrow=False,
        xanchor=xanchor,
        yanchor="bottom",
        font=dict(size=size, color=theme.TEXT),
    )


def _x(x):
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


def _hover(df: pd.DataFrame, value_text: list[str]) -> list[str]:
    return [
        f"<b>{v}</b><br>{r.period_label}<br>{r.source_title}<br>{markup.tier_name(r.tier)}"
        for v, r in zip(value_text, df.itertuples())
    ]


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
) -> go.Figure:
    """Figures over time. One colour per series (a definition), one marker shape per tier.
    A line joins points only within one series and one tier; where a figure covers a stated
    period, a bar spans it. Duplicate figures for the same period all stay visible."""
    fig = base_figure(projector)
    s = theme.sizes(projector)
    df = df.copy()
    df["xdate"] = pd.to_datetime(df["period_end"])
    shapes, notes = [], []
    for i, (name, grp) in enumerate(df.groupby(series, sort=False)):
        colour = theme.PALETTE[i % len(theme.PALETTE)]
        for tier, tgrp in grp.groupby("tier", sort=False):
            order = ["xdate", "source_published_on"] if "source_published_on" in tgrp else ["xdate"]
            tgrp = tgrp.sort_values(
                order, ascending=[True] + [False] * (len(order) - 1), na_position="last"
            )
            # the line joins one figure per period: the latest-published source's
            line_pts = tgrp.drop_duplicates("xdate")
            label_unit = tgrp["unit"].iloc[0] if "unit" in tgrp else unit
            text = (
                tgrp["value_text"]
                if "value_text" in tgrp
                else [fmt_value(v, label_unit) for v in tgrp[y]]
            )
            if len(line_pts) > 1:
                # no line across a long silence in the sources: a gap says "no figures here"
                xs, ys = [], []
                prev = None
                for xv, yv in zip(line_pts["xdate"], line_pts[y]):
                    if prev is not None and (xv - prev).days > MAX_GAP_DAYS:
                        xs.append(None)
                        ys.append(None)
                    xs.append(xv)
                    ys.append(yv)
                    prev = xv
                fig.add_trace(
                    go.Scatter(
                        x=xs,
                        y=ys,
                        mode="lines",
                        hoverinfo="skip",
                        connectgaps=False,
                        line=dict(color=colour, width=s["line"]),
                        showlegend=False,
                    )
                )
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
            fig.add_trace(
                go.Scatter(
                    x=tgrp["xdate"],
                    y=tgrp[y],
                    mode="markers",
                    name=f"{name} – {theme.TIER_SHORT[tier]}",
                    marker=dict(
                        color=colour,
                        symbol=theme.TIER_SYMBOL[tier],
                        size=s["marker"],
                        line=dict(color="#FFFFFF", width=1),
                    ),
                    error_y=error,
                    customdata=tgrp["measure_id"],
                    hovertext=_hover(tgrp, list(text)),
                    hoverinfo="text",
                )
            )
        last = grp.sort_values("xdate").iloc[-1]
        if df[series].nunique() <= 4:  # direct labels rather than a legend
            right = pd.Timestamp(end or axis_end(None))
            span = right - pd.Timestamp(start)
            late = last["xdate"] > right - span / 4  # near the right edge: label on the left
            notes.append(
                dict(
                    x=_x(last["xdate"]),
                    y=last[y],
                    text=f"<b>{name}</b>",
                    showarrow=False,
                    xanchor="right" if late else "left",
                    xshift=-12 if late else 12,
                    yshift=14 if late else 0,
                    font=dict(color=theme.TEXT if projector else colour, size=s["tick"]),
                    bgcolor="rgba(255,255,255,0.8)",
                )
            )
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
                text=reference[1],
                showarrow=False,
                xanchor="left",
                yanchor="bottom",
                font=dict(size=s["tick"], color=theme.TEXT),
            )
        )
    add_marks(fig, shapes, notes)
    if projector and len(df):  # on a projector, no empty years before the first figure
        first = pd.to_datetime(
            df["period_start"].fillna(df["period_end"])
            if "period_start" in df
            else df["period_end"]
        ).min()
        start = max(start, date(first.year, 1, 1))
    time_axis(fig, start, end)
    if events:
        add_events(fig, events, projector)
    fig.update_yaxes(title_text=y_title, rangemode="tozero")
    if y_range:
        fig.update_yaxes(range=list(y_range))
    _tier_key(fig, df["tier"].unique(), projector)
    return fig


def _tier_key(fig: go.Figure, tiers, projector: bool) -> None:
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


def outcome_mix(df: pd.DataFrame, order: list[str], projector: bool = False) -> go.Figure:
    """Outcomes per 100 offences by type, the force against England and Wales."""
    fig = base_figure(projector, height=(640 if projector else 460))
    s = theme.sizes(projector)
    label = {b: (f"<b>{b} (total)</b>" if b.startswith("Out-of-court") else b) for b in order}
    for i, geo in enumerate(["Staffordshire", "England and Wales"]):
        g = df[df["geography"] == geo].set_index("breakdown").reindex(order).dropna(subset=["rate"])
        fig.add_trace(
            go.Bar(
                y=[label[b] for b in g.index],
                x=g["rate"],
                orientation="h",
                name=geo,
                marker_color=theme.PALETTE[0] if i == 0 else theme.PALETTE[1],
                text=[
                    fmt_value(v, "per 100 offences", written=w)
                    for v, w in zip(g["rate"], g["rate_written"])
                ],
                textposition="outside",
                textfont=dict(size=s["tick"], color=theme.TEXT),
                customdata=g["measure_id"],
                hovertemplate="%{y}: %{x} per 100 offences<extra>" + geo + "</extra>",
            )
        )
    fig.update_layout(barmode="group", legend=dict(y=-0.12))
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(title_text="Outcomes per 100 offences recorded", rangemode="tozero")
    return fig


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


def journey(
    m: pd.DataFrame,
    lanes: dict[str, str],
    events: Events,
    projector: bool = False,
    today: date | None = None,
) -> go.Figure:
    """One timeline from 2014 to today: a lane per kind of event."""
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
                y=[lane] * len(g),
                mode="markers",
                name=lane,
                marker=dict(
                    color=theme.PALETTE[i % len(theme.PALETTE)],
                    size=s["marker"] + 4,
                    symbol=[theme.TIER_SYMBOL[t] for t in g["tier"]],
                    line=dict(color="#FFFFFF", width=1),
                ),
                customdata=g["milestone_id"],
                hovertext=[
                    f"<b>{t}</b><br>{fmt_date(d, p)}<br>{src} ({theme.TIER_SHORT[tier]})"
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
    fig.update_yaxes(categoryorder="array", categoryarray=lane_names[::-1], showgrid=False)
    _tier_key(fig, m["tier"].unique(), projector)
    return fig


def deadlines(
    df: pd.DataFrame,
    events: Events | None = None,
    projector: bool = False,
    today: date | None = None,
) -> go.Figure:
    """Recommendation deadlines against today (or the meeting's date)."""
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
                y=g["label"],
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
                    f"<b>{label}</b> due {fmt_date(x)}<br>status: {status}"
                    for label, x, status in zip(g["label"], g["due_on"], g["status"])
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
        categoryarray=list(dict.fromkeys(d.sort_values("due_on")["label"]))[::-1],
    )
    fig.update_layout(legend=dict(y=-0.2), showlegend=True)
    return fig
