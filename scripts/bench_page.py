"""The page part of the benchmarks: how soon a browser shows each view against a bare page, and
what a rerun of each view costs against an empty script, as `pfcc.render.live.serve` runs them.
scripts/bench.py's main calls both; each appends its Rows."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from harness.browser import launch, wait_charts, wait_idle
from harness.server import Server
from pfcc import registry
from pfcc.render.site.previews import serve
from scripts.rows import Row, median

BARE_APP = """import plotly.graph_objects as go
import streamlit as st
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[3, 1, 4, 1])), theme=None)
"""


# --- page ready in a real browser ----------------------------------------------------------------


def load_once(browser, url: str, charts: int, app: bool = True) -> float:
    """Seconds from navigation until Streamlit is idle and every chart is drawn, in a fresh
    page."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        t0 = time.perf_counter()
        page.goto(url)
        if app:
            wait_idle(page, charts, settle_ms=0)
        else:
            wait_charts(page, charts)
        return time.perf_counter() - t0
    finally:
        page.close()


def browser_ready(
    browser, url: str, charts: int, loads: int, base_url: str, app: bool = True
) -> tuple[float, float]:
    """Median page-ready seconds of `url` and of the baseline page at `base_url`, over `loads`
    warm loads each (one extra warm-up load first). The two alternate, load by load, so a slow
    spell on the machine falls on both and the ratio compares like with like."""
    page_times, base_times = [], []
    for i in range(loads + 1):
        base = load_once(browser, base_url, 1)
        t = load_once(browser, url, charts, app)
        if i:  # the first load warms caches and the browser
            base_times.append(base)
            page_times.append(t)
    return median(page_times), median(base_times)


def static_overview(dest: Path) -> Path:
    """The overview's chart and headline tiles as one static HTML file (the physical limit)."""
    import logging

    import plotly.io as pio
    from plotly.offline import get_plotlyjs

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from pfcc.render import markup, theme
    from pfcc.stories import overview

    spec = overview.journey()
    tiles = "".join(markup.tile(h.title, h.rows) for h in overview.headlines())
    page = dest / "index.html"
    page.write_text(
        f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Overview</title><style>{theme.APP_CSS.replace("<style>", "").replace("</style>", "")}</style>
<script>{get_plotlyjs()}</script></head><body><h1>{spec.title}</h1>
<div style="display:grid;grid-template-columns:repeat(4,1fr);gap:8px">{tiles}</div>
<div id="c"></div><script>const f = {pio.to_json(spec.figure, validate=False)};
Plotly.newPlot("c", f.data, f.layout, {{displaylogo: false}});</script></body></html>""",
        encoding="utf-8",
    )
    return page


def bench_browser(rows: list[Row], app: Server, loads: int, tmp: Path) -> None:
    from playwright.sync_api import sync_playwright

    bare_dir = tmp / "bare"
    bare_dir.mkdir()
    (bare_dir / "bare.py").write_text(BARE_APP)
    bare = Server(script=bare_dir / "bare.py", cwd=bare_dir)
    static_dir = tmp / "static"
    static_dir.mkdir()
    static_overview(static_dir)
    first = len(rows)
    try:
        with sync_playwright() as p:
            browser = launch(p)
            bases = []
            for view in registry.views():
                charts = len(view.charts)
                t, base = browser_ready(browser, app.url + view.url, charts, loads, bare.url)
                bases.append(base)
                rows.append(Row(f"page ready: {view.name} ({charts} charts)", t, "s", base, 1.3))
            t, base = browser_ready(browser, f"{app.url}/?mode=present&slide=1", 1, loads, bare.url)
            bases.append(base)
            rows.append(Row("page ready: presentation slide 1", t, "s", base, 1.3))
            with serve(static_dir) as origin:  # the same loopback server make site uses
                url = f"{origin}/index.html"
                t, base = browser_ready(browser, url, 1, loads, bare.url, app=False)
            bases.append(base)
            rows.append(
                Row(
                    "page ready: overview as static HTML (reference)",
                    t,
                    "s",
                    base,
                    note="the physical limit: no server, no websocket",
                )
            )
            rows.insert(
                first,
                Row(
                    "page ready: bare Streamlit page, one Plotly chart (baseline)",
                    median(bases),
                    "s",
                    note="loaded in turn with each page below; each ratio is against its own turn",
                ),
            )
            browser.close()
    finally:
        bare.stop()


# --- server rerun cost -------------------------------------------------------------------------


@contextlib.contextmanager
def _as_the_server_runs():
    """Run AppTest as `pfcc.render.live.serve` runs the app, in two ways AppTest does not by itself:

    - Streamlit's legacy pages/ mode off. AppTest turns it back on before every run (a pages/
      folder sits beside dashboard.py), and each run then goes through Streamlit's v1
      emulation (`_mpa_v1`): ten more st.Page objects and a second navigation round
      dashboard.py's own, which the live server never does (pfcc/render/live/serve.py switches it
      off).
    - Scripts compiled once. AppTest makes a new ScriptCache, so recompiles dashboard.py and the
      page, on every run; the server keeps one for its lifetime.

    The empty script has no pages/ folder and next to nothing to compile: its baseline is the
    same either way."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    from pfcc.render.live import compat

    compat.serialise_once()  # as the server installs it: each chart serialised once
    original, mode = PagesManager.__init__, PagesManager.uses_pages_directory
    shared = ScriptCache()

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared
    try:
        yield
    finally:
        PagesManager.__init__ = original
        PagesManager.uses_pages_directory = mode
        app_test.ScriptCache = local_script_runner.ScriptCache = ScriptCache


def bench_reruns(rows: list[Row], tmp: Path, repeats: int = 30) -> None:
    """The median wall time of a rerun of each view in AppTest, against an empty script's. The
    views and the baseline alternate run by run, so a busy spell on the machine falls on both."""
    import logging

    from streamlit.testing.v1 import AppTest

    from harness.apptest import VIEWS, render

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    empty = tmp / "empty.py"
    empty.write_text("import streamlit as st\n")

    def once(at: AppTest) -> float:
        t0 = time.perf_counter()
        at.run()
        return time.perf_counter() - t0

    with _as_the_server_runs():
        base_at = AppTest.from_file(str(empty), default_timeout=60)
        base_at.run()
        bases: list[float] = []
        views: list[tuple[str, AppTest, list[float]]] = []
        for view in VIEWS:
            at = render(view.page.slug, view.params, timeout_s=60)
            at.run()  # warm: the first rerun after switching pages fills the page's caches
            views.append((view.name, at, []))
        for _ in range(repeats):
            for _name, at, samples in views:
                bases.append(once(base_at))
                samples.append(once(at))
    base = median(bases)
    rows.append(Row("rerun: empty script (baseline, AppTest)", base * 1000, "ms"))
    for name, _at, samples in views:
        rows.append(Row(f"rerun: {name}", median(samples) * 1000, "ms", base * 1000, 3.0))


# --- concurrency and memory ------------------------------------------------------------------
