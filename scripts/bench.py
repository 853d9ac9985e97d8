"""Benchmarks: speed, memory and concurrency, each as a ratio against a baseline measured in the
same run (machines here are noisy), with the absolute figures beside it.

    python -m scripts.bench [--loads 5] [--sessions 100] [--quick] [--no-site]

Prints one table and exits non-zero when a goal is missed. Not a test: nothing here asserts in
the test suite. Loopback only; every loop is bounded. The pages and their charts are
pfcc.registry's."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from harness.loadclient import run_sessions, run_sessions_spread
from harness.server import Server
from pfcc.paths import ROOT
from scripts.bench_page import bench_browser, bench_reruns
from scripts.rows import PY, Row, cpu_seconds, median, report


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
