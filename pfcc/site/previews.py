"""A preview image per page for shared links (Open Graph): the page's lead chart as the static
page draws it, photographed by headless chromium at build time from a loopback server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading

from pfcc.paths import CHROMIUM


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


def write(site, browser=None) -> list:
    """og/<slug>.png for every page whose HTML names one; nothing (and a note) without chromium.
    `browser`: a Playwright browser already running (one process may run one Playwright)."""
    wanted = []
    for url, path in site.pages.items():
        text = path.read_text(encoding="utf-8")
        marker = 'property="og:image" content="'
        if marker in text:
            image = text.split(marker, 1)[1].split('"', 1)[0].lstrip("./")
            wanted.append((url, image))
    if not wanted:
        return []
    if not CHROMIUM.exists():
        print(f"no preview images: chromium is not at {CHROMIUM} (make browser installs it)")
        return []
    (site.folder / "og").mkdir(exist_ok=True)
    if browser is not None:
        with serve(site.folder) as base:
            return _photograph(browser, base, site.folder, wanted)
    from playwright.sync_api import sync_playwright

    with serve(site.folder) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            return _photograph(browser, base, site.folder, wanted)
        finally:
            browser.close()


def _photograph(browser, base: str, folder, wanted) -> list:
    written = []
    page = browser.new_page(viewport={"width": 1200, "height": 630})
    try:
        for url, image in wanted:
            page.goto(base + url)
            page.wait_for_selector(".pfcc-chart .main-svg", timeout=30_000)
            # the message and the chart under it, as a shared link shows them
            top = page.locator("h1").bounding_box()
            box = page.locator("figure.pfcc-figure-box").first.bounding_box()
            clip = {
                "x": box["x"],
                "y": top["y"],
                "width": box["width"],
                "height": box["y"] + box["height"] - top["y"],
            }
            page.screenshot(
                path=str(folder / image), clip=clip, full_page=True, animations="disabled"
            )
            written.append(image)
    finally:
        page.close()
    return written
