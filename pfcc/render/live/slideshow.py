"""Presentation mode (the slideshow) for the Commissioner's public meetings: one chart a screen,
in the order the story is told, large type, high contrast, nothing else on screen.

URL: ?mode=present&slide=N (1-based) [&date=YYYY-MM-DD: the meeting, shown as the data stood on
that day] [&v=…: the data version the slide showed when the link was made]. Keys: → ↓ PageDown
space for next, ← ↑ PageUp for previous, Escape to leave."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from pfcc import registry
from pfcc.render import markup, theme
from pfcc.render import scorecard as scorecard_html
from pfcc.render.live import ui
from pfcc.render.templates import fragment, safe
from pfcc.store.asof import parse_meeting_date
from pfcc.stories import changes, sources
from pfcc.stories.common import data_version_of
from pfcc.text.formatting import fmt_date

CSS = f"""
<style>
  header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"],
  [data-testid="stElementToolbar"], [data-testid="stStatusWidget"], footer {{
    display: none !important; }}
  [data-testid="stMainBlockContainer"] {{ padding: 1rem 2.5rem 0.25rem !important;
    max-width: 100% !important; }}
  [data-testid="stApp"], [data-testid="stApp"] p, [data-testid="stApp"] button {{
    font-size: 24px !important; color: {theme.TEXT}; }}
  [data-testid="stApp"] h1.pfcc-slide-title {{ font-size: clamp(30px, 2.3vw, 46px);
    line-height: 1.15; margin: 0 0 0.2em; padding: 0; color: {theme.TEXT}; font-weight: 700; }}
  .pfcc-slide-source, .pfcc-slide-source * {{ font-size: 24px !important;
    color: {theme.TEXT} !important; margin: 0; }}
  .pfcc-slide-source .pfcc-tier {{ border-color: {theme.TEXT}; }}
  .pfcc-slide-footer {{ font-size: 24px; color: {theme.TEXT}; margin: 0; }}
  .pfcc-empty {{ font-size: 36px; color: {theme.TEXT}; margin: 2em 0; max-width: 40em; }}
  .pfcc-slide-changes li {{ font-size: 36px; color: {theme.TEXT}; margin: 0.3em 0; }}
  .pfcc-slide-note {{ font-size: 24px; color: {theme.TEXT}; background: #FFF7BF;
    border-left: 6px solid {theme.TEXT}; padding: 0.1em 0.5em; margin: 0; }}
  /* the slide is one screen: a column whose chart takes the height the words leave */
  [data-testid="stMainBlockContainer"] {{ height: 100vh; box-sizing: border-box;
    display: flex; flex-direction: column; }}
  [data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] {{ flex: 1 1 auto;
    min-height: 0; }}
  [data-testid="stLayoutWrapper"]:has(> .st-key-slide_chart) {{ flex: 1 1 0; min-height: 0; }}
  .st-key-slide_chart {{ height: 100% !important; min-height: 0; }}
  [data-testid="stVerticalBlock"] {{ gap: 0.35rem !important; }}
  /* the live font's lines are taller than the static edition's Arial (32 px at 24 px): the
     scorecard's rows are spaced by them, so that no row's text reaches into the next */
  .pfcc-slide-score th, .pfcc-slide-score td {{ line-height: 1.3; }}
  .st-key-present_prev button, .st-key-present_next button, .st-key-present_exit button {{
    min-height: 44px; border: 2px solid {theme.TEXT}; color: {theme.TEXT}; background: #FFFFFF; }}
</style>
"""

# A static script (no data in it): keys a presentation clicker sends, mapped to the buttons.
KEYS = """
<script>
(function () {
  if (window.__pfccDeckKeys) return;
  window.__pfccDeckKeys = true;
  const next = ["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar"];
  const prev = ["ArrowLeft", "ArrowUp", "PageUp"];
  document.addEventListener("keydown", function (e) {
    const t = e.target || {};
    // on a chart box that scrolls sideways, the arrows scroll it
    const sideways = e.key === "ArrowLeft" || e.key === "ArrowRight";
    if (sideways && t.dataset && t.dataset.pfccScrolls === "1") return;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName || "") || t.isContentEditable) return;
    if (t.tagName === "BUTTON" && (e.key === " " || e.key === "Enter")) return;
    const key = next.includes(e.key) ? "present_next" : prev.includes(e.key) ? "present_prev"
      : e.key === "Escape" ? "present_exit" : null;
    if (!key) return;
    const button = document.querySelector(".st-key-" + key + " button");
    if (button && !button.disabled) { e.preventDefault(); button.click(); }
  });
})();
</script>
"""


def _piece(macro: str, *args) -> str:
    """A piece of the slide from templates/slide.html (title, counts, source, changed,
    footer), escaped there."""
    return fragment("slide.html", macro, *args)


def _int(value, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def start() -> None:
    st.query_params["mode"] = "present"
    st.query_params["slide"] = "1"


def _go(n: int) -> None:
    st.query_params["slide"] = str(n)
    st.query_params.pop("v", None)  # the new slide records its own version


def _leave() -> None:
    for key in ("mode", "slide", "date", "v"):
        st.query_params.pop(key, None)


def is_on() -> bool:
    return st.query_params.get("mode") == "present"


def _chart_slide(slide: registry.Slide, as_of) -> str:
    """A chart's slide: its message, the chart (or a sentence where nothing was public yet) and
    its sources. Returns the data version it drew from."""
    spec = slide.build(as_of)
    ui.html(_piece("title", spec.title))
    if spec.empty:  # nothing public yet on the meeting's date: a sentence, not empty axes
        ui.html(markup.nothing_yet(as_of))
    else:
        with st.container(key="slide_chart"):
            st.plotly_chart(
                spec.live_figure(fills_box=True),  # the box sets the height; serialised once
                theme=None,
                alt=spec.alt,
                key=f"slide_{slide.key}",
                height="stretch",
                config={
                    "displayModeBar": False,
                    "responsive": True,
                    "scrollZoom": False,
                    "doubleClick": False,
                },
            )
    if len(spec.sources):
        ui.html(_piece("source", safe(spec.slide_source_html())))
    return data_version_of(spec)


def _changes_slide(as_of) -> str:
    """Since the last meeting (`?since=`, else 90 days before): how much became public, by
    kind, in words large enough for the back of the room; every line is on the page."""
    to = as_of or date.today()
    since = parse_meeting_date(st.query_params.get("since"))
    if since is None or since >= to:
        since = to - timedelta(days=90)
    found = changes.changes(since + timedelta(days=1), to)
    ui.html(_piece("title", found.title))
    if not found.empty:  # else the title says nothing new was published
        ui.html(_piece("counts", found.groups))
    return str(sources.data_info()["data_version"])[:10]


def _scorecard_slide(slide: registry.Slide, as_of) -> str:
    """The causes of concern and graded areas, one line each, with their statuses."""
    ui.html(_piece("title", slide.block.build(as_of).title))
    ui.html(scorecard_html.slide_html(as_of) + _piece("words_source"))
    return str(sources.data_info()["data_version"])[:10]


def run() -> None:
    deck = registry.slides()
    total = len(deck)
    n = min(max(_int(st.query_params.get("slide"), 1), 1), total)
    as_of = parse_meeting_date(st.query_params.get("date"))
    if st.query_params.get("slide") != str(n):
        st.query_params["slide"] = str(n)  # the URL always names the slide shown
    settled = ui.as_presented()  # the day the meeting's date settles on (None: today)
    slide = deck[n - 1]
    name = slide.name
    ui.configure_page(f"Slide {n} of {total}: {name} · {registry.SITE_TITLE}")
    ui.html(CSS)
    if slide.block is not None:
        version = _scorecard_slide(slide, settled)
    elif slide.chart is None:
        version = _changes_slide(as_of)
    else:
        version = _chart_slide(slide, settled)  # built for the settled day
    linked = st.query_params.get("v")
    if not linked:
        st.query_params["v"] = version
    if linked and linked != version:
        ui.html(_piece("changed", linked, version))
    footer, prev, nxt, leave = st.columns([6, 1.2, 1.2, 1.4], vertical_alignment="center")
    when = f"As presented on {fmt_date(as_of)} · " if as_of else ""
    if settled and settled != as_of:  # the slide was built for the day the data last changed
        when = f"As presented on {fmt_date(as_of)}, nothing new since {fmt_date(settled)} · "
    with footer:
        ui.html(_piece("footer", n, total, name, when, version))
    prev.button(
        "◀ Previous",
        key="present_prev",
        on_click=_go,
        args=(n - 1,),
        disabled=n == 1,
        use_container_width=True,
    )
    nxt.button(
        "Next ▶",
        key="present_next",
        on_click=_go,
        args=(n + 1,),
        disabled=n == total,
        use_container_width=True,
    )
    leave.button("Leave (Esc)", key="present_exit", on_click=_leave, use_container_width=True)
    ui.html(KEYS, js=True)
