"""Presentation mode, driven with the keyboard through every slide at both projector sizes, and
measured from the page's computed styles: no scroll bars, no toolbar, sidebar or navigation, body
text at least 24 px (at 1920×1080), chart text at least 20 px, data lines at least 3 px, text
contrast at least 7:1; the URL names the slide; Escape returns to the normal view. The slides
and pages come from pfcc.registry."""

import re

import pytest

from harness.browser import SIZES, visible_problems, wait_idle
from harness.server import ARTIFACTS
from pfcc import registry
from tests.support.sql import rows

pytestmark = pytest.mark.browser
SLIDES = ARTIFACTS / "slides"
NAVIGATION = registry.page("grades").title  # a link of the app's navigation
NEXT_KEYS = ["ArrowRight", "PageDown", " ", "ArrowDown"]  # what presentation clickers send

# Measures the slide. Colours are composited over white; a text's background is whatever is
# painted under its centre (Plotly's shapes made hit-testable for the measurement).
MEASURE = r"""
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(',').map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const over = (top, under) => ({r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1});
  const lum = (c) => {
    const f = (v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const white = {r: 255, g: 255, b: 255, a: 1};
  const htmlBackground = (el) => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
    return layers.reverse().reduce((acc, c) => over(c, acc), white); };
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
      && Number(s.opacity) > 0; };
  const out = {html: [], svg: [], lines: []};
  const main = document.querySelector('[data-testid="stMain"]');
  const root = document.documentElement;
  out.scroll = {main: [main.scrollHeight, main.clientHeight, main.scrollWidth, main.clientWidth],
                doc: [root.scrollHeight, innerHeight, root.scrollWidth, innerWidth]};
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !visible(el) || el.closest('svg')) continue;
    // inactive controls are exempt
    if (el.closest('button:disabled, [aria-disabled="true"]')) continue;
    const s = getComputedStyle(el);
    out.html.push({text: n.textContent.trim().slice(0, 40), size: parseFloat(s.fontSize),
                   contrast: ratio(over(parse(s.color), htmlBackground(el)), htmlBackground(el))});
  }
  const style = document.createElement('style');
  style.textContent = '.js-plotly-plot .shapelayer path, .js-plotly-plot .bg '
    + '{ pointer-events: all !important; }';
  document.head.appendChild(style);
  for (const t of main.querySelectorAll('.js-plotly-plot svg text')) {
    if (!t.textContent.trim() || !visible(t)) continue;
    const s = getComputedStyle(t); const r = t.getBoundingClientRect();
    t.style.pointerEvents = 'none';
    let bg = white;
    const under = document.elementsFromPoint(r.x + r.width / 2, r.y + r.height / 2)
      .filter(e => e.closest('.js-plotly-plot') && e.tagName === 'path'
                   && e.closest('.shapelayer'));
    for (const e of under.reverse()) { const f = parse(getComputedStyle(e).fill);
      if (f) { const es = getComputedStyle(e);
        const op = Number(es.fillOpacity || 1) * Number(es.opacity || 1);
        bg = over({...f, a: f.a * op}, bg); } }
    const fill = parse(s.fill) || {r: 0, g: 0, b: 0, a: 1};
    out.svg.push({text: t.textContent.trim().slice(0, 40), size: parseFloat(s.fontSize),
                  contrast: ratio(over(fill, bg), bg)});
  }
  style.remove();
  const drawn = '.js-plotly-plot .scatterlayer .js-line, .js-plotly-plot .errorbar path, '
    + '.js-plotly-plot .shapelayer path';
  for (const p of main.querySelectorAll(drawn)) {
    const s = getComputedStyle(p); const w = parseFloat(s.strokeWidth);
    if (!visible(p) || s.stroke === 'none' || !w || Number(s.strokeOpacity) === 0) continue;
    const c = parse(s.stroke); if (c && c.a === 0) continue;
    out.lines.push({cls: p.getAttribute('class'), width: w});
  }
  return out;
}
"""
CHROME = [
    '[data-testid="stToolbar"]',
    '[data-testid="stHeader"]',
    '[data-testid="stSidebar"]',
    '[data-testid="stSidebarCollapsedControl"]',
    '[data-testid="stElementToolbar"]',
    ".modebar",
]


def slide_number(page) -> tuple[int, int]:
    m = re.search(r"Slide (\d+) of (\d+)", page.locator(".pfcc-slide-footer").inner_text())
    return int(m.group(1)), int(m.group(2))


def check_slide(page, width: int, charts: int = 1) -> None:
    m = page.evaluate(MEASURE)
    main_h, main_ch, main_w, main_cw = m["scroll"]["main"]
    doc_h, inner_h, doc_w, inner_w = m["scroll"]["doc"]
    assert main_h <= main_ch + 1 and main_w <= main_cw + 1, f"the slide scrolls: {m['scroll']}"
    assert doc_h <= inner_h + 1 and doc_w <= inner_w + 1, m["scroll"]
    for selector in CHROME:
        for el in page.locator(selector).all():
            assert not el.is_visible(), f"{selector} is visible"
    assert not page.get_by_role("link", name=NAVIGATION).is_visible(), "navigation shows"
    body_min = 24 if width >= 1920 else 20
    small = [t for t in m["html"] if t["size"] < body_min]
    assert not small, small[:5]
    small_chart = [t for t in m["svg"] if t["size"] < 20]
    assert (m["svg"] or not charts) and not small_chart, small_chart[:5]
    thin = [line for line in m["lines"] if line["width"] < 3]
    assert not thin, thin[:5]
    low = [t for t in m["html"] + m["svg"] if t["contrast"] < 7]
    assert not low, low[:5]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_keyboard_through_every_slide(server, browser, size):
    w, h = size
    page = browser.new_page(viewport={"width": w, "height": h})
    SLIDES.mkdir(parents=True, exist_ok=True)
    try:
        deck = registry.slides()
        page.goto(f"{server.url}/?mode=present&slide=1")
        wait_idle(page, 1)
        n, total = slide_number(page)
        assert (n, total) == (1, len(deck))
        for i in range(1, total + 1):
            assert re.search(rf"[?&]slide={i}(&|$)", page.url), page.url
            assert visible_problems(page) == []
            check_slide(page, w, deck[i - 1].charts)
            page.screenshot(path=str(SLIDES / f"slide-{i}-{w}x{h}.png"))
            if i < total:
                page.keyboard.press(NEXT_KEYS[i % len(NEXT_KEYS)])
                page.wait_for_function(
                    f"() => (document.querySelector('.pfcc-slide-footer') || {{}}).innerText"
                    f"?.includes('Slide {i + 1} of')",
                    timeout=60_000,
                )
                wait_idle(page, deck[i].charts)
        # and back, as a clicker's back button does
        for key, expect in (("PageUp", total - 1), ("ArrowLeft", total - 2)):
            page.keyboard.press(key)
            page.wait_for_url(re.compile(rf"slide={expect}(&|$)"), timeout=60_000)
            wait_idle(page, deck[expect - 1].charts)
            assert slide_number(page)[0] == expect
        page.keyboard.press("Escape")
        page.wait_for_function("() => !location.search.includes('mode=present')", timeout=60_000)
        wait_idle(page, 1)
        assert page.get_by_role("link", name=NAVIGATION).first.is_visible()
        assert page.get_by_role("button", name="Presentation mode").is_visible()
    finally:
        page.close()


def test_presentation_starts_from_the_app_and_from_a_bookmark(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        calls = registry.page("calls")
        page.goto(server.url + calls.path)
        wait_idle(page, len(calls.views()[0].charts))  # its first tab
        page.get_by_role("button", name="Presentation mode").click()
        page.wait_for_url(re.compile(r"mode=present"), timeout=60_000)
        wait_idle(page, 1)
        assert slide_number(page)[0] == 1
        last = registry.slides()[-1]
        page.goto(f"{server.url}/?mode=present&slide={last.number}")  # a bookmark
        wait_idle(page, last.charts)
        assert slide_number(page)[0] == last.number
        page.goto(f"{server.url}/?mode=present&slide=banana")  # odd input: first slide, no error
        wait_idle(page, 1)
        assert slide_number(page)[0] == 1 and visible_problems(page) == []
    finally:
        page.close()


def test_as_presented_shows_the_meeting_date_and_data_version(server, browser, con):
    exit_day = rows(
        con,
        """SELECT max(event_date) AS d FROM milestones
                            WHERE kind = 'Engage exited'""",
    )[0]["d"]
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    try:
        page.goto(f"{server.url}/?mode=present&slide=1&date={exit_day.isoformat()}")
        wait_idle(page, 1)
        footer = page.locator(".pfcc-slide-footer").inner_text()
        assert f"As presented on {exit_day.day} {exit_day:%B %Y}" in footer
        version = re.search(r"data version ([0-9a-f]{10})", footer).group(1)
        assert f"v={version}" in page.url, "the link records the version shown"
        # a link whose version no longer matches says so, rather than silently differing
        page.goto(f"{server.url}/?mode=present&slide=1&date={exit_day.isoformat()}&v=0000000000")
        wait_idle(page, 1)
        note = page.locator(".pfcc-slide-note").inner_text()
        assert "has changed since this link was made" in note
    finally:
        page.close()
