"""Benchmarks: speed, memory and concurrency, each as a ratio against a baseline measured in the
same run (machines here are noisy), with the absolute figures beside it.

    python -m scripts.bench [--loads 5] [--sessions 100] [--quick] [--no-site]
                            [--no-lighthouse] [--pages / /outcomes/ /slides/1/]

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
        crowd_rows(
            rows, f"{sessions} sessions at once", sessions, report.p95_s, single_p95, cpu_ms, 1
        )
        rows.append(
            Row(f"{sessions} sessions at once: runs per second", report.runs_per_s, "views/s")
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
        f"= {floor:.0f} ms, {floor / (single_s * 1000):.1f}x one alone"
    )


CROWD_P95_OVER_FLOOR = 1.5  # issue 25: p95 within 1.5x the queue's floor
CPU_MS_PER_VIEW = 6.0  # issue 25: server CPU a page view, at most


def crowd_rows(
    rows: list[Row],
    label: str,
    sessions: int,
    p95_s: float,
    single_p95_s: float,
    cpu_ms: float,
    cores: int,
) -> None:
    """The crowd's goal (issue 25): its p95 against the queue's floor, which the server's CPU a
    view sets, and that CPU held down; the p95 against one session alone beside them."""
    floor_ms = sessions * cpu_ms / cores
    rows.append(
        Row(
            f"{label}: page view p95",
            p95_s * 1000,
            "ms",
            single_p95_s * 1000,
            note="against one alone; no goal: the queue's floor (next row) sets a crowd's wait",
        )
    )
    rows.append(
        Row(
            f"{label}: p95 vs the queue floor",
            p95_s * 1000,
            "ms",
            floor_ms,
            CROWD_P95_OVER_FLOOR,
            note=queue_floor(sessions, cpu_ms, cores, single_p95_s),
        )
    )
    rows.append(
        Row(
            f"{label}: server CPU per page view",
            cpu_ms,
            "ms",
            goal=CPU_MS_PER_VIEW,
            note="the Streamlit processes' own CPU time, whatever the client costs",
        )
    )


def bench_replicas(rows: list[Row], sessions: int, single_p95: float, cpu_ms: float) -> None:
    """The live app as deploy/ runs it: a replica a core (Streamlit runs Python on one core at
    a time), each visitor pinned to one. Its p95 against the queue's floor its own CPU a view
    sets over the replicas, and against the same one session alone."""
    replicas = max(2, os.cpu_count() or 2)
    servers = [Server() for _ in range(replicas)]
    try:
        for s in servers:
            run_sessions(s.url, 2, 2, timeout_s=120)  # warm caches and imports
        cpu0 = sum(cpu_seconds(s.proc.pid) for s in servers)
        report = run_sessions_spread([s.url for s in servers], sessions, timeout_s=600)
        used = sum(cpu_seconds(s.proc.pid) for s in servers) - cpu0
    finally:
        for s in servers:
            s.stop()
    label = f"{sessions} sessions over {replicas} replicas (deploy/)"
    rows.append(Row(f"{label}: errors", len(report.errors), "errors", goal=0))
    # the replicas' own CPU a view; the one process's if theirs could not be read
    replica_cpu_ms = used * 1000 / max(report.page_views, 1) if used == used else cpu_ms
    crowd_rows(rows, label, sessions, report.p95_s, single_p95, replica_cpu_ms, replicas)
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
    ap.add_argument(
        "--no-lighthouse", action="store_true", help="skip Lighthouse on the static edition"
    )
    ap.add_argument(
        "--pages", nargs="+", help="Lighthouse only these URL paths (default: every page, slide)"
    )
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
            if not args.no_lighthouse:
                from scripts.bench_lighthouse import bench_lighthouse

                bench_lighthouse(rows, tmp / "site", args.pages)  # the site bench_static built
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
