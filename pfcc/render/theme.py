"""The one chart style: a Plotly template on the Government Analysis Function palette, tier
markers, grade colours and the page CSS. Pages and chart builders never set colours themselves."""

from __future__ import annotations

import json

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
# Who publishes each tier at first hand (data/README.md, "Tiers and who reports them"). A source
# of that tier from any other publisher (a newspaper, a news service, a stored copy) is a report
# of the figure, and its badge says who reports it.
PRIMARY_PUBLISHERS = {
    "inspection": ("HMIC", "HMICFRS"),
    "official statistics": ("Home Office", "GOV.UK Home Office"),
    "force or commissioner statement": (
        "Staffordshire Police",
        "Staffordshire Commissioner's Office and Staffordshire Police",
        "Staffordshire Police (Staffordshire Smart Alert)",
    ),
}


def tier_label(tier: str, publisher: str | None = None) -> str:
    """A figure's tier and who reports it: 'Official statistics' from the Home Office itself;
    'Official statistics, as reported by The Times' from a newspaper; 'Official statistics,
    stored copy on fdocuments.net' where the publisher names a first-hand publisher with a note
    ('Home Office (stored copy on fdocuments.net)'). Secondary sources speak for themselves."""
    name = TIER_SHORT.get(tier, tier)
    primary = PRIMARY_PUBLISHERS.get(tier)
    if primary is None or not isinstance(publisher, str) or not publisher.strip():
        return name
    if publisher in primary:
        return name
    own, sep, note = publisher.partition(" (")
    if sep and own in primary and note.endswith(")"):
        return f"{name}, {note[:-1]}"
    return f"{name}, as reported by {publisher}"


def tier_texts(df) -> list[str]:
    """`tier_label` for each row of a table with `tier` and, where it has one, `publisher`."""
    publishers = df["publisher"] if "publisher" in df else [None] * len(df)
    return [tier_label(t, p) for t, p in zip(df["tier"], publishers)]


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
        # the key at the foot of the chart, below the axis: placed against the whole figure, as
        # one placed against the plot (y < 0) meets the axis's labels once Plotly redraws the
        # chart at another width (a phone turned, a window resized)
        legend=dict(
            orientation="h",
            yref="container",
            yanchor="bottom",
            y=0,
            x=0,
            font=dict(size=s["base"]),
        ),
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
  /* A table of figures never breaks a word or a number: where it is wider than the screen
     (a phone) its box (.pfcc-table-wrap, a focusable named region) scrolls sideways, its first
     column held in view; a web address alone may break anywhere. Separate borders, so that a
     held cell keeps its own. */
  .pfcc-table {{ border-collapse: separate; border-spacing: 0; width: 100%; font-size: 0.95rem; }}
  .pfcc-table caption {{ text-align: left; font-weight: 700; padding: 0.25rem 0; color: {TEXT}; }}
  .pfcc-table th, .pfcc-table td {{ border-bottom: 1px solid {GRID}; padding: 0.35rem 0.5rem;
               text-align: left; vertical-align: top; color: {TEXT}; overflow-wrap: normal;
               word-break: normal; hyphens: manual; }}
  .pfcc-table th {{ background: #F3F2F1; }}
  .pfcc-table tr > :first-child {{ position: sticky; left: 0; z-index: 1; background: #F3F2F1;
               box-shadow: inset -1px 0 0 {GRID}; }}
  .pfcc-table td.num {{ text-align: right; font-variant-numeric: tabular-nums;
               white-space: nowrap; }}
  .pfcc-table td.addr {{ overflow-wrap: anywhere; min-width: 12rem; }}
  .pfcc-addr {{ overflow-wrap: anywhere; }}  /* an address shown as a link's words */
  .pfcc-table-wrap {{ overflow-x: auto; max-width: 100%; overscroll-behavior-x: contain; }}
  @media print {{ .pfcc-table-wrap {{ overflow: visible; }}
    .pfcc-table tr > :first-child {{ position: static; }} }}
  .pfcc-finding {{ border-top: 4px solid {GRID}; margin: 1.25rem 0; padding-top: 0.25rem; }}
  .pfcc-finding h3 {{ margin: 0.25rem 0; }}
  .pfcc-stands {{ margin: 0.25rem 0; }}
  .pfcc-score td, .pfcc-score th {{ min-width: 7rem; }}
  .pfcc-score .pfcc-period, .pfcc-score .pfcc-def {{ display: block; font-size: 0.85rem;
    color: {TEXT}; font-weight: 400; }}
  .pfcc-rule {{ border-left: 5px solid {TEXT}; padding: 0.25rem 0.75rem; background: #F3F2F1; }}
  .pfcc-slide-score {{ border-collapse: collapse; width: 100%; table-layout: fixed;
    margin: 0 0 0.25em; }}
  /* 24 px on a 1920 px projector, 20 px (the least a slide's words may be) at 1280 */
  .pfcc-slide-score th, .pfcc-slide-score td {{ font-size: clamp(20px, 1.25vw, 24px); color: {TEXT};
    text-align: left; padding: 0 0.5em 0 0; vertical-align: top; line-height: 1.1; }}
  .pfcc-slide-score thead th {{ border-bottom: 2px solid {TEXT}; }}
  .pfcc-slide-score tbody th {{ font-weight: 400; }}
  .pfcc-slide-score th:first-child {{ width: 32%; }}
  .pfcc-slide-score-3 thead th:nth-child(2) {{ width: 40%; }}
  .pfcc-slide-score-4 thead th:nth-child(2), .pfcc-slide-score-4 thead th:nth-child(3) {{
    width: 21%; }}
  .pfcc-slide-score tbody tr:nth-child(even) {{ background: #F3F2F1; }}
  .pfcc-slide-score-4 thead th:nth-child(2), .pfcc-slide-score-4 thead th:nth-child(3) {{
    width: 22%; }}
"""

# Phones. A figure is built once, on the server, without knowing the screen: Plotly lays it out
# at its box's width in the browser, so most charts simply fit a phone (their ticks thin out by
# themselves). A chart that cannot be read narrower than some width says so in its font family,
# whose first name is `min_width_mark(px)` (`charts.marks.readable_from`): a font no system has,
# so the browser uses Arial, but every text of the chart carries the name into the page. The
# rules below then keep that chart at least that wide inside its own box, which scrolls sideways
# with a visible cue; the page itself never does.
PHONE_MAX = 640  # px: a viewport this wide or narrower is laid out as a phone
# px: the readable minimum widths a chart may ask for, up to a slide's at 1280×720
MIN_WIDTHS = tuple(range(400, 1201, 80))


def min_width_mark(px: float) -> str:
    """The mark that keeps a chart at least `px` wide: the smallest step that holds it."""
    step = next((w for w in MIN_WIDTHS if w >= px), MIN_WIDTHS[-1])
    return f"pfcc-min-{step}"


# What the rules expect around a chart. The live app: Streamlit's own markup, the element
# container (it scrolls) > the full-screen frame (its width is the one Plotly draws at) > the
# chart. The static edition: <div class="pfcc-chart-scroll" tabindex="0" role="region"
# aria-label="…"> (it scrolls) > <div class="pfcc-chart"> (Plotly draws in it, responsive).
_ST_CHART = '> [data-testid="stFullScreenFrame"] > [data-testid="stPlotlyChart"]'
_SCROLLER = (f'[data-testid="stElementContainer"]:has({_ST_CHART})', ".pfcc-chart-scroll")
_SIZED = (
    '[data-testid="stFullScreenFrame"]:has(> [data-testid="stPlotlyChart"])',
    ".pfcc-chart-scroll > .pfcc-chart",
)
CUE = "Scroll sideways to see the whole chart \\25B8"
CUE_PX = 30  # px: the cue's height, laid over the top margin a chart with a minimum width keeps


def _each(selectors, suffix: str = "") -> str:
    return ",\n  ".join(sel + suffix for sel in selectors)


def _mark(w: int) -> str:
    return f':has(text[style*="pfcc-min-{w},"])'


_MIN_WIDTH_RULES = "\n".join(
    f"""  {_each(_SIZED, _mark(w))} {{ min-width: {w}px; }}
  @container pfcc-chart (max-width: {w - 0.5}px) {{
    {_each(_SCROLLER, _mark(w) + "::before")} {{ content: "{CUE}"; }} }}"""
    for w in MIN_WIDTHS
)

PHONE_CSS = f"""  /* Charts on a narrow screen. A chart's box scrolls sideways when the chart keeps
     a width the screen has not (a readable minimum, marked in its font: min_width_mark). */
  {_each(_SCROLLER)} {{
    overflow-x: auto; overflow-y: hidden; overscroll-behavior-x: contain;
    container: pfcc-chart / inline-size; }}
  /* Streamlit fixes a page's chart box to the chart's height: it grows instead, so that a
     scroll bar never covers the chart's foot (a slide's box is sized by the slide) */
  [data-testid="stElementContainer"]:has({_ST_CHART} text[style*="pfcc-min-"]):not(
    .st-key-slide_chart *) {{ height: auto !important; flex: 0 0 auto !important; }}
{_MIN_WIDTH_RULES}
  /* the cue, laid over the chart's top margin at the box's left edge, there while it scrolls */
  {_each(_SCROLLER, "::before")} {{ display: block; position: sticky; left: 0; z-index: 2;
    height: {CUE_PX - 6}px; margin-bottom: {6 - CUE_PX}px; width: max-content; max-width: 100%;
    box-sizing: border-box; overflow: hidden; white-space: nowrap; color: {TEXT};
    font: 700 14px/{CUE_PX - 6}px {FONT}; padding: 0 8px; background: #F3F2F1;
    border-left: 4px solid {PALETTE[0]}; }}
  @media (max-width: {PHONE_MAX}px) {{
    /* a slide on a phone: the page scrolls down, the chart keeps a screen's height */
    [data-testid="stApp"] [data-testid="stMainBlockContainer"]:has(.st-key-slide_chart) {{
      height: auto !important; padding: 1rem 1rem 0.5rem !important; }}
    [data-testid="stLayoutWrapper"]:has(> .st-key-slide_chart) {{ flex: none !important; }}
    [data-testid="stApp"] .st-key-slide_chart {{ height: min(75vh, 600px) !important;
      flex: none !important; }}
    html body.pfcc-slide, html body.pfcc-slide main {{ height: auto; overflow: visible; }}
    html body.pfcc-slide .pfcc-slide-chart {{ flex: none; height: min(75vh, 600px); }}
    /* the scorecard slide's rows as cards, each cell named by its column */
    .pfcc-slide-score, .pfcc-slide-score tbody, .pfcc-slide-score tr, .pfcc-slide-score th,
    .pfcc-slide-score td {{ display: block; width: auto !important; }}
    .pfcc-slide-score thead {{ position: absolute; left: -9999px; }}
    .pfcc-slide-score tbody tr {{ padding: 0.3em 0; border-bottom: 1px solid {GRID}; }}
    .pfcc-slide-score tbody th {{ font-weight: 700; }}
    .pfcc-slide-score td::before {{ content: attr(data-label) ": "; }}
    .pfcc-slide-score th, .pfcc-slide-score td {{ font-size: 24px; }}
    .pfcc-slide-score::before {{ content: attr(aria-label); display: block; font-size: 24px;
      font-weight: 700; border-bottom: 2px solid {TEXT}; }}
  }}
"""

# The live app's chart boxes that scroll sideways, made reachable by keyboard: focusable, a
# region named after its chart, so that the arrow keys scroll it. Static (no data in it); the
# page adds it once with `st.html(theme.PHONE_JS, unsafe_allow_javascript=True)`; the static
# edition may add the same script (it knows its own boxes, .pfcc-chart-scroll, too).
PHONE_JS = """<script>
(function () {
  if (window.__pfccChartBoxes) return;
  window.__pfccChartBoxes = true;
  var boxes = __BOXES__;
  function name(box) {
    var fig = box.querySelector("[role=figure][aria-label]") || box.closest("[aria-label]");
    var alt = fig ? fig.getAttribute("aria-label") : "";
    var first = alt.split(/(?<=[.;:])\\s/)[0].slice(0, 150);
    return (first ? first + " " : "Chart ") + "(scrolls sideways)";
  }
  function mark() {
    document.querySelectorAll(boxes).forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && box.dataset.pfccScrolls !== "1") {
        box.dataset.pfccScrolls = "1";
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name(box));
      } else if (!scrolls && box.dataset.pfccScrolls === "1") {
        delete box.dataset.pfccScrolls;
        ["tabindex", "role", "aria-label"].forEach(function (a) { box.removeAttribute(a); });
      }
    });
  }
  // once the page has been still for a moment, not on every frame while Streamlit draws
  var timer = 0;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(mark, 150);
  }
  new MutationObserver(soon).observe(document.body, {childList: true, subtree: true});
  window.addEventListener("resize", soon);
  mark();
})();
</script>""".replace("__BOXES__", json.dumps(", ".join(_SCROLLER)))

APP_CSS = f"""
<style>
  :root {{ --pfcc-text: {TEXT}; --pfcc-muted: {MUTED}; }}
  .pfcc-source {{ color: {MUTED}; font-size: 0.9rem; margin: 0.25rem 0 0.5rem; }}
{TABLE_CSS}{PHONE_CSS}  .pfcc-summary {{ color: {TEXT}; }}
  /* headings in our HTML look like st.title's, st.header's and st.subheader's */
  .stHtml h1, .stHtml h2, .stHtml h3.pfcc-chart-title {{ line-height: 1.2; margin: 0;
    letter-spacing: -0.005em; color: {TEXT}; scroll-margin-top: 4rem; }}
  .stHtml h1 {{ font-size: 2.75rem; font-weight: 700; padding: 1.25rem 0 1rem; }}
  .stHtml h2 {{ font-size: 2.25rem; font-weight: 600; padding: 1rem 0; }}
  .stHtml h3.pfcc-chart-title {{ font-size: 1.75rem; font-weight: 600; padding: 0.5rem 0 1rem; }}
  .pfcc-subtitle {{ color: {MUTED}; font-size: 0.95rem; margin: 0; }}
  .pfcc-notice {{ border-left: 5px solid {PALETTE[0]}; background: #E8F0F7; color: {TEXT};
                  padding: 0.75rem 1rem; margin: 0 0 1rem; }}
  /* GOV.UK's Details component: the table and the sources, a click away */
  .pfcc-details {{ margin: 0.5rem 0; }}
  .pfcc-details > summary {{ cursor: pointer; color: {PALETTE[0]}; font-weight: 700;
    text-decoration: underline; padding: 0.35rem 0; min-height: 24px; }}
  .pfcc-details[open] > summary {{ margin-bottom: 0.5rem; }}
  .pfcc-details > :not(summary) {{ border-left: 5px solid {GRID}; padding-left: 1rem; }}
  /* a table's box scrolls under its own padding, past its held first column: none there */
  .pfcc-details > .pfcc-table-wrap {{ padding-left: 0; }}
  .pfcc-tiles {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
                 gap: 1rem; }}
  @media (max-width: 640px) {{
    .stHtml h1 {{ font-size: 2rem; }}
    .stHtml h2 {{ font-size: 1.6rem; }}
    .stHtml h3.pfcc-chart-title {{ font-size: 1.35rem; }}
  }}
  /* WCAG 2.2 target size: a date field's day and month parts are 18 px wide by default */
  [data-testid="stDateInput"] [role="spinbutton"] {{ display: inline-block; min-width: 24px;
    min-height: 24px; text-align: center; }}
  .pfcc-quote {{ border-left: 4px solid {PALETTE[0]}; padding: 0.25rem 0.75rem; margin: 0.5rem 0;
                 color: {TEXT}; background: #F3F2F1; }}
  .pfcc-tile {{ border: 1px solid {GRID}; border-top: 5px solid {PALETTE[0]};
                padding: 0.6rem 0.8rem; height: 100%; }}
  .pfcc-tile h3 {{ font-size: 1.05rem; margin: 0 0 0.4rem; padding: 0; color: {TEXT}; }}
  .pfcc-tile dl {{ margin: 0; padding: 0; display: grid; grid-template-columns: max-content 1fr;
                   gap: 0.15rem 0.6rem; }}
  .pfcc-tile dt {{ color: {MUTED}; font-size: 0.85rem; }}
  .pfcc-tile dd {{ margin: 0; font-weight: 700; color: {TEXT}; }}
  .pfcc-tile dd small {{ font-weight: 400; color: {MUTED}; display: block; }}
  .pfcc-grade {{ display: inline-block; padding: 0.1rem 0.4rem; border-radius: 3px; }}
  a:focus-visible, button:focus-visible, [tabindex]:focus-visible, input:focus-visible,
  summary:focus-visible, [role="tab"]:focus-visible {{ outline: 3px solid {FOCUS} !important;
                                box-shadow: 0 0 0 5px {TEXT} !important; }}
</style>
"""
