"""A preview image per page for shared links (Open Graph): the page's message and lead chart,
1200 by 630 pixels, photographed by headless chromium at build time; and on the same scratch page,
plotly.js loaded once, every chart of the site drawn as SVG (`drawings`). The scratch page is
deleted after."""

from __future__ import annotations

import contextlib
import functools
import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

from pfcc.paths import CHROMIUM
from pfcc.render.site import drawings

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
    # not at the top: the photographer needs none of it
    from pfcc.render.site.shell import script_json
    from pfcc.render.templates import render, safe

    boxes = [
        (slug, spec.title, safe(script_json(_fit(spec.figure))))
        for slug, spec in site.leads.items()
    ]
    a = site.assets
    return render("previews.html", boxes=boxes, css=a.css, plotly=a.plotly, js=a.js, **SIZE)


def _fit(figure):
    import plotly.graph_objects as go

    fig = go.Figure(figure)
    fig.update_layout(height=None, autosize=True)
    return fig


def write_scratch(site) -> None:
    (site.folder / "og").mkdir(exist_ok=True)
    (site.folder / SCRATCH).write_text(_scratch(site), encoding="utf-8")


def write(site, browser=None) -> list[str]:
    """og/<slug>.png for every page with a lead chart, and the drawings asked for
    (`drawings.JOBS`); nothing without chromium. `browser`: a Playwright browser already
    running (one process may run one Playwright)."""
    if not CHROMIUM.exists():
        return []
    write_scratch(site)
    try:
        if browser is not None:
            return _photograph(browser, site.folder)
        return _photograph_alone(site.folder)
    finally:
        (site.folder / SCRATCH).unlink()


READY = "previews.ready"  # written once the scratch page and the drawings' jobs are


def start(folder: Path):
    """Photograph and draw in another process (two cores, two jobs): started first, so that
    chromium starts while this process reads the charts; it waits for `ready`, and `finish`
    waits for it. None where there is no chromium."""
    if not CHROMIUM.exists():
        print(f"no preview images: chromium is not at {CHROMIUM} (make browser installs it)")
        return None
    return subprocess.Popen([sys.executable, "-m", "pfcc.render.site.previews", str(folder)])


def ready(site) -> None:
    """The scratch page written (the drawings' jobs already are): the photographer goes on."""
    write_scratch(site)
    (site.folder / READY).touch()


def finish(proc, folder: Path) -> None:
    try:
        if proc is not None and not (folder / READY).exists():
            proc.terminate()  # the build failed before the scratch page: nothing to draw
            proc.wait(timeout=30)
        elif proc is not None and proc.wait(timeout=120) != 0:
            raise RuntimeError(f"the preview images failed (exit code {proc.returncode})")
    finally:
        for name in (SCRATCH, READY):
            (folder / name).unlink(missing_ok=True)


def _photograph_alone(folder: Path, wait: bool = False) -> list[str]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            for _ in range(1200 if wait else 0):  # 2 minutes at most
                if (folder / READY).exists():
                    break
                time.sleep(0.1)
            return _photograph(browser, folder)
        finally:
            browser.close()


def _photograph(browser, folder: Path) -> list[str]:
    """Every box of the scratch page, each to og/<slug>.png; then the drawings."""
    written = []
    with serve(folder) as base:
        page = browser.new_page(viewport=SIZE)
        try:
            page.goto(f"{base}/{SCRATCH}")
            boxes = page.locator(".pfcc-og")
            page.wait_for_function(
                "n => window.Plotly &&"
                " document.querySelectorAll('.pfcc-chart .main-svg').length >= 2 * n",
                arg=boxes.count(),
                timeout=60_000,
            )
            for box in boxes.all():
                image = f"og/{box.get_attribute('id').removeprefix('og-')}.png"
                box.screenshot(path=str(folder / image), animations="disabled")
                written.append(image)
            drawings.draw(browser, folder, base, page)
        finally:
            page.close()
    return written


if __name__ == "__main__":  # python -m pfcc.render.site.previews FOLDER: the scratch page will be
    _photograph_alone(Path(sys.argv[1]), wait=True)
