"""No chart text overlaps other chart text or is cut off, measured in a real browser: every screen
of every page and every slide, at both projector sizes and at a phone's (390×844), where a chart
too wide to be read narrower keeps its width in its own box that scrolls sideways; the page
itself never scrolls sideways. What is measured is in tests/support/layout.py; a failure lists
each problem with the texts involved."""

import pytest

from harness.browser import SHOTS, SIZES, visible_problems, wait_idle
from pfcc import registry
from tests.support.layout import chart_text_problems

pytestmark = pytest.mark.browser

PHONE = (390, 844)
ALL_SIZES = [pytest.param(size, id=f"{size[0]}x{size[1]}") for size in (*SIZES, PHONE)]

# How far the page's own scrolling boxes (the document, Streamlit's main area) reach past their
# width: more than a pixel, and the page scrolls sideways.
SIDEWAYS = """() => [document.scrollingElement, document.querySelector('[data-testid="stMain"]')]
  .filter(Boolean).map(e => e.scrollWidth - e.clientWidth)"""


def _check(browser, url: str, charts: int, shot: str, size: tuple[int, int]) -> None:
    w, h = size
    page = browser.new_page(viewport={"width": w, "height": h})
    try:
        page.goto(url)
        wait_idle(page, charts, settle_ms=500)
        assert visible_problems(page) == []
        problems = chart_text_problems(page)
        if any(px > 1 for px in page.evaluate(SIDEWAYS)):
            problems.append(f"the page scrolls sideways: {page.evaluate(SIDEWAYS)} px")
        if problems:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"layout-{shot}-{w}x{h}.png"), full_page=True)
        assert problems == [], "\n".join(problems)
    finally:
        page.close()


@pytest.mark.parametrize("size", ALL_SIZES)
@pytest.mark.parametrize("view", registry.views(), ids=lambda v: v.name)
def test_page_chart_text_is_readable(server, browser, view, size):
    _check(browser, server.url + view.url, len(view.charts), view.name.replace("/", "-"), size)


@pytest.mark.parametrize("size", ALL_SIZES)
@pytest.mark.parametrize("slide", registry.slides(), ids=lambda s: f"slide-{s.number}")
def test_slide_chart_text_is_readable(server, browser, slide, size):
    url = f"{server.url}/?mode=present&slide={slide.number}"
    _check(browser, url, slide.charts, f"slide-{slide.number}", size)


GRADES_SLIDE = next(s.number for s in registry.slides() if s.key == "grades")
SCROLLING_CHARTS = [
    pytest.param("/grades", 1, id="grades"),
    pytest.param(f"/?mode=present&slide={GRADES_SLIDE}", 1, id="grades-slide"),
]


@pytest.mark.parametrize(("path", "charts"), SCROLLING_CHARTS)
def test_a_chart_box_that_scrolls_is_reached_by_keyboard(server, browser, path, charts):
    """On a phone the grades grid and a slide keep their width in a box that scrolls sideways:
    the box is a named region in the tab order (theme.PHONE_JS), and the arrow keys scroll it."""
    w, h = PHONE
    page = browser.new_page(viewport={"width": w, "height": h})
    try:
        page.goto(server.url + path)
        wait_idle(page, charts, settle_ms=500)
        if not page.evaluate("() => !!window.__pfccChartBoxes"):
            pytest.xfail(
                "the page does not add theme.PHONE_JS yet (pfcc/render/live/ui.py setup_page)"
            )
        box = page.locator('[data-pfcc-scrolls="1"]').first
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
        assert "scrolls sideways" in (box.get_attribute("aria-label") or "")
        for _ in range(40):  # Tab from the top of the page until the box has the focus
            page.keyboard.press("Tab")
            if box.evaluate("b => document.activeElement === b"):
                break
        else:
            pytest.fail("Tab never reached the chart's box")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert box.evaluate("b => b.scrollLeft") > 0
    finally:
        page.close()


def test_the_check_reads_a_box_that_scrolls(browser):
    """A chart wider than its box: in a box that scrolls sideways, the texts past its visible
    part are read by scrolling, not cut off; in a box that hides its overflow, they are."""
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=[10, 17], y=["a", "b"], orientation="h", text=["10", "17"]))
    fig.update_xaxes(range=[0, 20], title_text="a title at the far end", title_standoff=4)
    fig.update_layout(width=600, height=300, margin=dict(l=40, r=10, t=10, b=60))
    chart = fig.to_html(include_plotlyjs=True, full_html=False)
    found = {}
    page = browser.new_page(viewport={"width": 700, "height": 400})
    try:
        for overflow in ("auto", "hidden"):
            page.set_content(f"<div style='width:300px;overflow-x:{overflow}'>{chart}</div>")
            page.wait_for_selector(".js-plotly-plot .main-svg")
            found[overflow] = "\n".join(chart_text_problems(page))
    finally:
        page.close()
    assert found["auto"] == ""
    assert "is cut off by the box around the chart" in found["hidden"], found["hidden"]


def test_the_check_finds_overlaps_and_cut_offs(browser):
    """The measure itself, on a figure made to fail: two labels on one spot, bar text clipped
    by its plot area, a note running off the chart; and rotated ticks whose upright boxes
    overlap although the texts do not, which is no problem."""
    import plotly.graph_objects as go

    fig = go.Figure(
        go.Bar(
            x=[10, 17],
            y=["a", "b"],
            orientation="h",
            text=["10.0 per 100", "17.0 per 100"],
            textposition="outside",
        )
    )
    fig.add_annotation(x=5, y=0, text="first label", showarrow=False)
    fig.add_annotation(x=5.3, y=0, text="second label", showarrow=False)
    fig.add_annotation(
        x=0.95,
        xref="paper",
        y=1.1,
        yref="paper",
        text="a note off the edge",
        showarrow=False,
        xanchor="left",
    )
    fig.update_xaxes(
        range=[0, 17.5], tickangle=-60, tickvals=[2, 3], ticktext=["long tick a", "long tick b"]
    )
    fig.update_layout(width=600, height=300, margin=dict(r=10))
    page = browser.new_page(viewport={"width": 700, "height": 400})
    try:
        page.set_content(fig.to_html(include_plotlyjs=True))
        page.wait_for_selector(".js-plotly-plot .main-svg")
        found = "\n".join(chart_text_problems(page))
    finally:
        page.close()
    assert "'first label' overlaps annotation 'second label'" in found, found
    assert "bar text '17.0 per 100' is cut off by the plot area" in found, found
    assert "'a note off the edge' is cut off by the chart" in found, found
    assert "long tick" not in found, found
