"""WCAG 2.2 AA in the real browser: axe-core (from npm) reports no violations at levels A and AA on
every page and every slide; each page has its own title and the page language; every chart has an
accessible name; a keyboard alone can reach and use the filters and a chart's table, with a
visible focus indicator. Pages, their titles, charts and slides come from pfcc.registry."""

import re

import pytest

from harness.browser import wait_idle
from pfcc import registry
from pfcc.render import markup
from tests.support.axe import violations as axe_violations
from tests.support.sql import rows

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("view", registry.views(), ids=lambda v: v.name)
def test_every_page_passes_axe(server, browser, view):
    shown = view.page
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(server.url + view.url)
        wait_idle(page, len(view.charts))
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.title().startswith(shown.title + " · "), page.title()
        names = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(p => {
            for (let e = p; e; e = e.parentElement) {
              const l = e.getAttribute && e.getAttribute('aria-label'); if (l) return l; }
            return ''; })""")
        assert len(names) == len(view.charts), "every chart is there"
        assert all(names), "every chart has an accessible name"
    finally:
        page.close()


@pytest.mark.parametrize("shown", registry.slides(), ids=lambda s: f"slide-{s.number}")
def test_every_slide_passes_axe(server, browser, shown):
    slide = shown.number
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    try:
        page.goto(f"{server.url}/?mode=present&slide={slide}")
        wait_idle(page, shown.charts)
        assert axe_violations(page) == []
        assert page.title().startswith(f"Slide {slide} of "), page.title()
    finally:
        page.close()


FOCUS_VISIBLE = """() => {
  const e = document.activeElement; if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) ||
               (s.boxShadow && s.boxShadow !== 'none');
  let within = false;  // a composite widget may draw its ring on a wrapper
  for (let p = e.parentElement, i = 0; p && i < 4; p = p.parentElement, i++) {
    const ps = getComputedStyle(p);
    if ((ps.outlineStyle !== 'none' && parseFloat(ps.outlineWidth) > 0) ||
        (ps.boxShadow && ps.boxShadow !== 'none') ||
        ps.borderColor !== 'rgba(0, 0, 0, 0)') within = true; }
  return {tag: e.tagName, role: e.getAttribute('role'),
          label: e.getAttribute('aria-label') || e.innerText?.slice(0, 40) ||
                 e.getAttribute('role'),
          visible: ring || within}; }"""


def tab_to(page, matches, limit=80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_VISIBLE)
        if focused and matches(focused):
            return focused
    raise AssertionError("not reachable with the Tab key")


def test_filters_and_the_table_work_by_keyboard_alone(server, browser, con):
    recommendations = registry.page("recommendations")
    charts = len(recommendations.charts)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(server.url + recommendations.path)
        wait_idle(page, charts)
        seen = []
        selectbox = "document.activeElement.closest('[data-testid=stSelectbox]')?.innerText || ''"
        status = tab_to(
            page, lambda f: f["tag"] == "INPUT" and "Status" in page.evaluate(selectbox)
        )
        seen.append(status)
        page.keyboard.type("Closed")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"status=Closed"), timeout=30_000)
        wait_idle(page, charts)
        closed = rows(
            con,
            """SELECT count(*) AS n FROM recommendations
                              WHERE status = 'closed'""",
        )[0]["n"]
        # the chart's table, by keyboard: Tab to its summary, Enter opens it
        table = page.locator("table:has(caption)").first  # the chart's table
        assert not table.is_visible()  # closed until asked for
        summary = tab_to(
            page, lambda f: f["tag"] == "SUMMARY" and f["label"].startswith(markup.TABLE_SUMMARY)
        )
        seen.append(summary)
        page.keyboard.press("Enter")
        table.wait_for(state="visible", timeout=10_000)
        assert table.locator("tbody tr").count() == closed
        seen.append(page.evaluate(FOCUS_VISIBLE))
        assert all(f and f["visible"] for f in seen), seen
    finally:
        page.close()
