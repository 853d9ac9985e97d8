"""The one chart style: a Plotly template on the Government Analysis Function palette, tier
markers, grade colours and the page CSS. Pages and chart builders never set colours themselves."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Government Analysis Function categorical palette, in its order.
PALETTE = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]
TEXT = "#0B0C0C"
MUTED = "#505A5F"  # 7:1 on white: secondary text, axis labels
GRID = "#D9D9D9"
ENGAGE_FILL = "rgba(128, 22, 80, 0.10)"  # the palette's plum, faint: the Engage period
ENGAGE_EDGE = "#801650"
FOCUS = "#FFDD00"

# Tier is shown by shape and by words, never by colour alone.
TIER_SYMBOL = {
    "inspection": "circle",
    "official statistics": "square",
    "force or commissioner statement": "diamond",
    "secondary": "triangle-up",
}
TIER_ORDER = list(TIER_SYMBOL)  # most weight first: sources are listed in this order
TIER_RANK = {t: i for i, t in enumerate(TIER_ORDER)}
TIER_SHORT = {
    "inspection": "Inspection",
    "official statistics": "Official statistics",
    "force or commissioner statement": "Force or Commissioner statement",
    "secondary": "Secondary source",
}

# Grade fills chosen so the grade's word, in the given text colour, passes 4.5:1.
GRADE_STYLE = {
    "Outstanding": ("#12436D", "#FFFFFF"),
    "Good": ("#3DB5A6", "#0B0C0C"),  # lighter than the palette's teal: 7.8:1 with black
    "Adequate": ("#BFE3DE", "#0B0C0C"),
    "Requires improvement": ("#F9C7A9", "#0B0C0C"),
    "Inadequate": ("#801650", "#FFFFFF"),
}
GRADE_ORDER = ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]

FONT = "Arial, Helvetica, sans-serif"
SIZES = {  # normal reading vs the projector
    False: {"base": 15, "title": 18, "tick": 14, "line": 2.5, "marker": 10},
    True: {"base": 22, "title": 26, "tick": 20, "line": 4, "marker": 16},
}


def _template(projector: bool) -> go.layout.Template:
    s = SIZES[projector]
    axis = dict(
        showgrid=True,
        gridcolor=GRID,
        zeroline=False,
        linecolor=MUTED,
        ticks="outside",
        tickcolor=MUTED,
        tickfont=dict(size=s["tick"], color=TEXT),
        title=dict(font=dict(size=s["base"], color=TEXT)),
        fixedrange=True,
        automargin=True,
    )
    t = go.layout.Template()
    t.layout = go.Layout(
        font=dict(family=FONT, size=s["base"], color=TEXT),
        colorway=PALETTE,
        paper_bgcolor="#FFFFFF",
        plot_bgcolor="#FFFFFF",
        xaxis=axis,
        yaxis=axis,
        hoverlabel=dict(
            font=dict(family=FONT, size=s["base"], color=TEXT), bgcolor="#FFFFFF", bordercolor=TEXT
        ),
        legend=dict(orientation="h", yanchor="top", y=-0.18, x=0, font=dict(size=s["base"])),
        margin=dict(l=60, r=30, t=40, b=60),
        dragmode=False,  # nothing needs dragging: no drag-zoom, no pan
    )
    t.data.scatter = [go.Scatter(line=dict(width=s["line"]), marker=dict(size=s["marker"]))]
    return t


pio.templates["pfcc"] = _template(False)
pio.templates["pfcc_projector"] = _template(True)


def template(projector: bool = False) -> str:
    return "pfcc_projector" if projector else "pfcc"


def sizes(projector: bool = False) -> dict:
    return SIZES[projector]


# Plotly's toolbar: keep only the image download; zoom is by full screen, never by dragging.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "scrollZoom": False,
    "doubleClick": False,
    "modeBarButtonsToRemove": [
        "zoom2d",
        "pan2d",
        "select2d",
        "lasso2d",
        "zoomIn2d",
        "zoomOut2d",
        "autoScale2d",
        "resetScale2d",
        "toggleSpikelines",
        "hoverClosestCartesian",
        "hoverCompareCartesian",
    ],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

# The table and tier badge, shared by the live pages and the meeting pack.
TABLE_CSS = f"""
  .pfcc-tier {{ display: inline-block; border: 1px solid {TEXT}; border-radius: 3px;
               padding: 0 0.35rem; font-size: 0.8rem; margin-left: 0.35rem; color: {TEXT}; }}
  .pfcc-table {{ border-collapse: collapse; width: 100%; font-size: 0.95rem; }}
  .pfcc-table caption {{ text-align: left; font-weight: 700; padding: 0.25rem 0; color: {TEXT}; }}
  .pfcc-table th, .pfcc-table td {{ border-bottom: 1px solid {GRID}; padding: 0.35rem 0.5rem;
               text-align: left; vertical-align: top; color: {TEXT}; }}
  .pfcc-table th {{ background: #F3F2F1; }}
  .pfcc-table td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
"""

APP_CSS = f"""
<style>
  :root {{ --pfcc-text: {TEXT}; --pfcc-muted: {MUTED}; }}
  .pfcc-source {{ color: {MUTED}; font-size: 0.9rem; margin: 0.25rem 0 0.5rem; }}
{TABLE_CSS}  .pfcc-summary {{ color: {TEXT}; }}
  /* WCAG 2.2 target size: a date field's day and month parts are 18 px wide by default */
  [data-testid="stDateInput"] [role="spinbutton"] {{ display: inline-block; min-width: 24px;
    min-height: 24px; text-align: center; }}
  .pfcc-quote {{ border-left: 4px solid {PALETTE[0]}; padding: 0.25rem 0.75rem; margin: 0.5rem 0;
                 color: {TEXT}; background: #F3F2F1; }}
  .pfcc-tile {{ border: 1px solid {GRID}; border-top: 5px solid {PALETTE[0]};
                padding: 0.6rem 0.8rem; height: 100%; }}
  .pfcc-tile h3 {{ font-size: 1.05rem; margin: 0 0 0.4rem; padding: 0; color: {TEXT}; }}
  .pfcc-tile dl {{ margin: 0; display: grid; grid-template-columns: max-content 1fr;
                   gap: 0.15rem 0.6rem; }}
  .pfcc-tile dt {{ color: {MUTED}; font-size: 0.85rem; }}
  .pfcc-tile dd {{ margin: 0; font-weight: 700; color: {TEXT}; }}
  .pfcc-tile dd small {{ font-weight: 400; color: {MUTED}; display: block; }}
  .pfcc-grade {{ display: inline-block; padding: 0.1rem 0.4rem; border-radius: 3px; }}
  a:focus-visible, button:focus-visible, [tabindex]:focus-visible, input:focus-visible,
  [role="tab"]:focus-visible {{ outline: 3px solid {FOCUS} !important;
                                box-shadow: 0 0 0 5px {TEXT} !important; }}
</style>
"""
