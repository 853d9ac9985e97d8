"""Benchmarks: speed, memory and concurrency, each as a ratio against a baseline measured in the
same run (machines here are noisy), with the absolute figures beside it.

    python -m scripts.bench [--loads 5] [--sessions 100] [--quick] [--no-site]

Prints one table and exits non-zero when a goal is missed. Not a test: nothing here asserts in
the test suite. Loopback only; every loop is bounded. The pages and their charts are
pfcc.registry's."""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from harness.browser import launch, wait_charts, wait_idle
from harness.loadclient import run_sessions, run_sessions_spread
from harness.server import Server
from pfcc import registry
from pfcc.paths import ROOT
from pfcc.render.site.previews import serve
from scripts.rows import PY, Row, cpu_seconds, median, report

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


def bench_load(rows: list[Row], sessions: int) -> tuple[float, float]:
    """Returns the page views per second with `sessions` at once and the server's CPU ms per
    view, for the static comparison."""
    app = Server()
    try:
        run_sessions(app.url, 2, 2, timeout_s=120)  # warm caches and imports
        singles = [run_sessions(app.url, 1, 1, timeout_s=120) for _ in range(5)]
        single_p95 = median([r.p95_s for r in singles])
        single_p50 = median([r.p50_s for r in singles])
        rss_start = app.rss_mb()
        peak = [rss_start]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak.append(app.rss_mb())
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        cpu0 = cpu_seconds(app.proc.pid)
        report = run_sessions(app.url, sessions, sessions, timeout_s=600)
        cpu_ms = (cpu_seconds(app.proc.pid) - cpu0) * 1000 / max(report.page_views, 1)
        stop.set()
        sampler.join()
        time.sleep(5)  # sessions end when their websockets close
        rss_after = app.rss_mb()
        rows.append(Row("one session alone: page view p50", single_p50 * 1000, "ms"))
        rows.append(Row("one session alone: page view p95 (baseline)", single_p95 * 1000, "ms"))
        rows.append(Row(f"{sessions} sessions at once: completed", report.completed, "sessions"))
        rows.append(Row(f"{sessions} sessions at once: page views", report.page_views, "views"))
        rows.append(
            Row(
                f"{sessions} sessions at once: errors",
                len(report.errors),
                "errors",
                goal=0,
                note="; ".join(report.errors[:3]),
            )
        )
        rows.append(
            Row(
                f"{sessions} sessions at once: page view p50",
                report.p50_s * 1000,
                "ms",
                single_p50 * 1000,
            )
        )
        rows.append(
            Row(
                f"{sessions} sessions at once: page view p95",
                report.p95_s * 1000,
                "ms",
                single_p95 * 1000,
                10.0,
                note=queue_floor(sessions, cpu_ms, 1, single_p95),
            )
        )
        rows.append(
            Row(f"{sessions} sessions at once: runs per second", report.runs_per_s, "views/s")
        )
        rows.append(
            Row(
                f"{sessions} sessions at once: server CPU per page view",
                cpu_ms,
                "ms",
                note="the Streamlit process's own CPU time, whatever the client costs",
            )
        )
        rows.append(Row("memory: server before the sessions", rss_start, "MB"))
        rows.append(Row("memory: server peak during them", max(peak), "MB"))
        rows.append(
            Row("memory: per session added", (max(peak) - rss_start) / sessions, "MB", goal=2.0)
        )
        rows.append(
            Row(
                "memory: after they closed",
                rss_after,
                "MB",
                rss_start,
                1.10,
                note="goal: back within 10% of the start",
            )
        )
        bench_replicas(rows, sessions, single_p95, cpu_ms)
        return report.runs_per_s, cpu_ms
    finally:
        app.stop()


def queue_floor(sessions: int, cpu_ms: float, cores: int, single_s: float) -> str:
    """Why a crowd waits: with every session's next view in line, a view waits for the others'
    server CPU (Little's law), whatever else is made faster."""
    floor = sessions * cpu_ms / cores
    return (
        f"the queue alone: {sessions} views in line x {cpu_ms:.1f} ms CPU / {cores} core(s) "
        f"= {floor:.0f} ms, {floor / (single_s * 1000):.0f}x one alone"
    )


def bench_replicas(rows: list[Row], sessions: int, single_p95: float, cpu_ms: float) -> None:
    """The live app as deploy/ runs it: a replica a core (Streamlit runs Python on one core at
    a time), each visitor pinned to one. Against the same one session alone."""
    replicas = max(2, os.cpu_count() or 2)
    servers = [Server() for _ in range(replicas)]
    try:
        for s in servers:
            run_sessions(s.url, 2, 2, timeout_s=120)  # warm caches and imports
        report = run_sessions_spread([s.url for s in servers], sessions, timeout_s=600)
    finally:
        for s in servers:
            s.stop()
    label = f"{sessions} sessions over {replicas} replicas (deploy/)"
    rows.append(Row(f"{label}: errors", len(report.errors), "errors", goal=0))
    rows.append(
        Row(
            f"{label}: page view p95",
            report.p95_s * 1000,
            "ms",
            single_p95 * 1000,
            10.0,
            note=queue_floor(sessions, cpu_ms, replicas, single_p95),
        )
    )
    rows.append(Row(f"{label}: runs per second", report.runs_per_s, "views/s"))


# --- build and pack ----------------------------------------------------------------------------


def bench_build(rows: list[Row], tmp: Path, repeats: int = 3) -> Path:
    out = tmp / "bench.duckdb"
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(
            [PY, "-m", "pfcc.ingest.build", "--out", str(out)],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - t0)
    rows.append(Row("build: make data (python -m pfcc.ingest.build)", median(times), "s", goal=2.0))
    rows.append(Row("build: database size", out.stat().st_size / 1e6, "MB"))
    return out


def bench_pack(rows: list[Row], tmp: Path) -> None:
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    from pfcc.render import pack

    meeting = date.today()
    t0 = time.perf_counter()
    built = pack.build(meeting)
    (tmp / "pack.html").write_text(built.html, encoding="utf-8")
    t_html = time.perf_counter() - t0
    rows.append(Row("meeting pack: HTML", t_html, "s", note=f"{len(built.html) / 1e6:.1f} MB"))
    if pack.can_print():
        t0 = time.perf_counter()
        pdf = pack.pdf_bytes(built.html)
        rows.append(
            Row("meeting pack: PDF", time.perf_counter() - t0, "s", note=f"{len(pdf) / 1e6:.2f} MB")
        )


# --- report ------------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loads", type=int, default=5, help="warm browser loads per page (≥5)")
    ap.add_argument("--sessions", type=int, default=100)
    ap.add_argument("--quick", action="store_true", help="fewer loads and sessions: a smoke run")
    ap.add_argument("--no-site", action="store_true", help="skip the static edition's part")
    args = ap.parse_args(argv)
    loads, sessions = (2, 10) if args.quick else (max(args.loads, 5), args.sessions)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        bench_build(rows, tmp)
        subprocess.run(
            [PY, "-m", "pfcc.ingest.build"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
        bench_reruns(rows, tmp)
        app = Server()
        try:
            bench_browser(rows, app, loads, tmp)
        finally:
            app.stop()
        live_views_per_s, live_cpu_ms = bench_load(rows, sessions)
        bench_pack(rows, tmp)
        if not args.no_site:
            from scripts.bench_site import bench_static

            bench_static(
                rows, tmp, live_views_per_s, visitors=min(sessions, 100), live_cpu_ms=live_cpu_ms
            )
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
