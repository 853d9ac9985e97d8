"""A preview image per page for shared links (Open Graph): the page's message and lead chart,
1200 by 630 pixels, photographed by headless chromium at build time. Every preview is drawn on
one scratch page, so plotly.js loads once; the scratch page is deleted after."""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import threading

from pfcc.paths import CHROMIUM
from pfcc.site.shell import figure_block

SIZE = {"width": 1200, "height": 630}
SCRATCH = "previews.html"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


@contextlib.contextmanager
def serve(folder):
    """The built site on a loopback port, for as long as the block runs."""
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _scratch(site) -> str:
    boxes = "".join(
        f"""<div class="pfcc-og" id="og-{slug}" style="width:{SIZE["width"]}px;
height:{SIZE["height"]}px;box-sizing:border-box;padding:24px 32px;display:flex;
flex-direction:column;overflow:hidden;background:#fff"><h1 style="margin:0 0 8px">
{html.escape(spec.title)}</h1><div class="pfcc-chart" id="og-chart-{slug}"
style="flex:1 1 0;min-height:0"></div>{figure_block(f"og-chart-{slug}", _fit(spec.figure))}</div>"""
        for slug, spec in site.leads.items()
    )
    a = site.assets
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>previews</title>
<link rel="stylesheet" href="{a.css}"><script src="{a.plotly}" defer></script>
<script src="{a.js}" defer></script></head><body style="margin:0">{boxes}
<script type="application/json" id="pfcc-plotly-config">{{"displayModeBar": false,
"responsive": true, "staticPlot": true}}</script></body></html>"""


def _fit(figure):
    import plotly.graph_objects as go

    fig = go.Figure(figure)
    fig.update_layout(height=None, autosize=True)
    return fig


def write(site, browser=None) -> list[str]:
    """og/<slug>.png for every page with a lead chart; nothing (and a note) without chromium.
    `browser`: a Playwright browser already running (one process may run one Playwright)."""
    if not site.leads:
        return []
    if not CHROMIUM.exists():
        print(f"no preview images: chromium is not at {CHROMIUM} (make browser installs it)")
        return []
    (site.folder / "og").mkdir(exist_ok=True)
    (site.folder / SCRATCH).write_text(_scratch(site), encoding="utf-8")
    try:
        if browser is not None:
            return _photograph(browser, site)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            try:
                return _photograph(browser, site)
            finally:
                browser.close()
    finally:
        (site.folder / SCRATCH).unlink()


def _photograph(browser, site) -> list[str]:
    written = []
    with serve(site.folder) as base:
        page = browser.new_page(viewport=SIZE)
        try:
            page.goto(f"{base}/{SCRATCH}")
            page.wait_for_function(
                "n => document.querySelectorAll('.pfcc-chart .main-svg').length >= 2 * n",
                arg=len(site.leads),
                timeout=60_000,
            )
            for slug in site.leads:
                image = f"og/{slug}.png"
                page.locator(f"#og-{slug}").screenshot(
                    path=str(site.folder / image), animations="disabled"
                )
                written.append(image)
        finally:
            page.close()
    return written
