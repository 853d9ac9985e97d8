"""The static edition's benchmark: how long `make site` takes and what it writes, then the site
served by nginx with deploy/'s recipe (published by deploy/publish.sh, over TLS, on loopback) to
one visitor alone, to 100 visitors reading at once, and to 100 visitors flat out.

    PYTHONPATH=. python -m scripts.bench_site [--visitors 100] [--live-views-per-s X]

A visitor loads every page in turn as a browser does, from its own loopback address, keeping
the hashed assets it has fetched: the crowd is `harness.staticclient`, as the live app's is
`harness.loadclient`.
scripts/bench.py calls bench_static from its main with the live app's page views per second of
the same run; run alone, this measures the live app briefly itself (--live-sessions). Loopback
only; every loop is bounded."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from harness.loadclient import percentile
from harness.nginx import Proxy, find_nginx
from harness.server import free_port
from harness.staticclient import (
    ARRIVE_S,
    READ_S,
    Target,
    Visit,
    crowd,
    page_requests,
    source_address,
    visit,
)
from pfcc.paths import CHROMIUM, ROOT

if TYPE_CHECKING:
    from scripts.rows import Row

# The rows and the table come from scripts.rows, which scripts.bench shares: this module never
# imports scripts.bench, whose main calls it.

MAX_VISITORS = 1_000
FLAT_RUNS = 3
FLAT_PASSES = 5  # within the proxy's per-address burst: about 23 requests a pass


def build_site(rows: list[Row], out: Path) -> Path:
    """`make site`, as a subprocess: its time, and what it wrote."""
    from scripts.rows import PY, Row

    cmd = [PY, "-m", "pfcc.render.site", "--out", str(out)]
    if not CHROMIUM.exists():
        cmd.append("--no-images")  # make site installs chromium first; without it, no previews
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - t0
    print(done.stdout.rstrip() + "\n")
    manifest = json.loads((out / "site.json").read_text(encoding="utf-8"))
    plotly = out / manifest["assets"]["plotly"]
    own = {url: (out / f).stat().st_size for url, f in manifest["pages"].items()}
    biggest = max(own, key=own.get)
    total = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    rows.append(
        Row(
            "static site: build (python -m pfcc.render.site, as make site)",
            seconds,
            "s",
            goal=10.0,
            note=f"{len(own)} pages, {total / 1e6:.1f} MB in all"
            + ("" if CHROMIUM.exists() else "; no preview images: chromium is missing"),
        )
    )
    rows.append(
        Row(
            "static site: plotly.js, once for every page",
            plotly.stat().st_size / 1e6,
            "MB",
            note="hashed, cached for a year",
        )
    )
    rows.append(
        Row(
            f"static site: the {len(own)} pages' own HTML, together",
            sum(own.values()) / 1e3,
            "kB",
            note=f"largest {biggest} {own[biggest] / 1e3:.0f} kB",
        )
    )
    return out


def bench_static(
    rows: list[Row],
    tmp: Path,
    live_views_per_s: float | None,
    *,
    visitors: int = 100,
    live_cpu_ms: float | None = None,
) -> None:
    """Build, publish and serve the static edition; one visitor alone, then `visitors` reading
    at once and `visitors` flat out. Appends Rows; with `live_views_per_s` (the live app's page
    views per second at 100 sessions at once, same run) one compares the two, and with
    `live_cpu_ms` (its server's CPU per view) the servers' own work, whatever the clients cost."""
    from scripts.rows import Row, cpu_seconds, median

    if not 1 <= visitors <= MAX_VISITORS:
        raise ValueError(f"visitors must be 1..{MAX_VISITORS}")
    nginx = find_nginx()
    if nginx is None:
        raise RuntimeError("nginx is not installed (make browser installs it)")
    site = build_site(rows, tmp / "site")
    pages = page_requests(site)
    t0 = time.perf_counter()
    # No app behind /live/ here: the static part is measured alone. A port nothing listens on.
    proxy = Proxy(nginx, [f"127.0.0.1:{free_port()}"], site=site, keep="bench-site-proxy")
    rows.append(Row("static site: publish and start nginx", time.perf_counter() - t0, "s"))
    gz = proxy.root / (json.loads((site / "site.json").read_text())["assets"]["plotly"] + ".gz")
    print(f"plotly.js as sent (gzip): {gz.stat().st_size / 1e6:.2f} MB")
    try:
        target, tls = Target.of(proxy), proxy.tls
        visit(target, tls, source_address(2, 0), pages, None, seed=0)  # warm-up
        quick = visit(target, tls, source_address(2, 1), pages, None, seed=0)
        # One visitor alone reads as each of the crowd does, pausing on each page, so its pages
        # are timed over as long a spell as theirs; its passes come before, between and after
        # the crowds, so a busy spell on the machine (it is shared) falls on both.
        alone = [visit(target, tls, source_address(2, 2), pages, READ_S, seed=1)]
        reading = crowd(proxy, pages, visitors, 3, READ_S)
        alone.append(visit(target, tls, source_address(2, 3), pages, READ_S, seed=2))
        # Flat out, one pass is over in a second: each visitor comes back FLAT_PASSES times,
        # and FLAT_RUNS such crowds give the median rate.
        nginx_cpu0 = cpu_seconds(proxy.proc.pid)
        flats = [crowd(proxy, pages, visitors, 4 + k, None, FLAT_PASSES) for k in range(FLAT_RUNS)]
        nginx_cpu = cpu_seconds(proxy.proc.pid) - nginx_cpu0
        alone.append(visit(target, tls, source_address(2, 4), pages, READ_S, seed=3))
    finally:
        proxy.stop()

    def seconds(visits: list[Visit], first: bool | None = None) -> list[float]:
        """Page-load times; first=True: only each visitor's first page (plotly.js with it)."""
        return [
            x.seconds
            for v in visits
            for i, x in enumerate(v.loads)
            if first is None or (i == 0) == first
        ]

    def split(visits: list[Visit]) -> str:
        return (
            f"p95 first page (plotly.js with it) {percentile(seconds(visits, True), 95) * 1000:.0f}"
            f" ms, others {percentile(seconds(visits, False), 95) * 1000:.1f} ms"
        )

    alone_errors = [e for v in [quick, *alone] for e in v.errors]
    single_p95 = percentile(seconds(alone), 95)
    sent = median([sum(x.bytes for x in v.loads) for v in alone])
    rows.append(
        Row(
            "static, one visitor alone: page load p50",
            percentile(seconds(alone), 50) * 1000,
            "ms",
            note=f"{len(pages)} pages × {len(alone)} visits, reading as the crowd does; "
            f"{sent / 1e6:.1f} MB sent a visit",
        )
    )
    rows.append(
        Row(
            "static, one visitor alone: page load p95 (baseline)",
            single_p95 * 1000,
            "ms",
            note=f"{split(alone)}; {len(alone_errors)} errors",
        )
    )
    rows.append(
        Row(
            "static, one visitor alone: every page, no pause",
            sum(x.seconds for x in quick.loads),
            "s",
        )
    )

    def errors(label: str, visits: list[Visit]) -> Row:
        found = [e for v in visits for e in v.errors]
        return Row(f"{label}: errors", len(found), "errors", goal=0, note="; ".join(found[:3]))

    label = f"static, {visitors} visitors reading at once"
    visits, _ = reading
    rows.append(errors(label, visits))
    rows.append(
        Row(
            f"{label}: page load p95",
            percentile(seconds(visits), 95) * 1000,
            "ms",
            single_p95 * 1000,
            2.0,
            note=f"arriving within {ARRIVE_S:g} s, {READ_S[0]:g}–{READ_S[1]:g} s on each page; "
            + split(visits),
        )
    )

    label = f"static, {visitors} visitors flat out"
    visits = [v for crowd_visits, _ in flats for v in crowd_visits]
    wall = sum(w for _, w in flats)
    loads = seconds(visits)
    views = median([len(seconds(v)) / w for v, w in flats])
    sent = sum(x.bytes for v in visits for x in v.loads)
    rows.append(errors(label, visits))
    rows.append(
        Row(
            f"{label}: page load p95",
            percentile(loads, 95) * 1000,
            "ms",
            single_p95 * 1000,
            note=f"no pause: {visitors} loads always in flight on {os.cpu_count()} cores shared "
            "with the client (Little's law)",
        )
    )
    rows.append(
        Row(
            f"{label}: page views per second",
            views,
            "views/s",
            note=f"every page ×{FLAT_PASSES} each, median of {FLAT_RUNS} crowds: {len(loads)} "
            f"page loads in {wall:.1f} s, {sent / wall / 1e6:.0f} MB/s over TLS",
        )
    )
    rows.append(
        Row(
            f"{label}: nginx CPU per page view",
            nginx_cpu * 1000 / max(len(loads), 1),
            "ms",
            live_cpu_ms,
            note=f"nginx's own CPU: {nginx_cpu / wall:.0%} of a core while the client, on the "
            "same cores, made the requests; against the live server's CPU per view",
        )
    )
    if live_views_per_s:
        rows.append(
            Row(
                f"static vs live: time per page view, {visitors} at once",
                1000 / views,
                "ms",
                1000 / live_views_per_s,
                0.02,
                note=f"goal ≤0.02×, i.e. ≥50× the live app's {live_views_per_s:.1f} views/s: "
                f"here {views / live_views_per_s:.0f}×",
            )
        )


def live_views_per_s(rows: list[Row], sessions: int) -> float:
    """The live app's page views per second with `sessions` at once, as scripts/bench.py's
    bench_load measures them (there with 100)."""
    from harness.loadclient import run_sessions
    from harness.server import Server
    from scripts.rows import Row

    app = Server()
    try:
        run_sessions(app.url, 2, 2, timeout_s=120)  # warm caches and imports
        report = run_sessions(app.url, sessions, sessions, timeout_s=600)
    finally:
        app.stop()
    rows.append(
        Row(
            f"live app, {sessions} sessions at once: page views per second",
            report.runs_per_s,
            "views/s",
            note=f"{len(report.errors)} errors; for the comparison (scripts.bench: 100 sessions)",
        )
    )
    return report.runs_per_s


def main(argv: list[str] | None = None) -> int:
    from scripts.rows import report

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--visitors", type=int, default=100)
    ap.add_argument(
        "--live-views-per-s",
        type=float,
        default=None,
        help="the live app's page views per second, measured elsewhere; else measured here",
    )
    ap.add_argument(
        "--live-sessions",
        type=int,
        default=20,
        help="sessions at once when measuring the live app here (0: no comparison)",
    )
    args = ap.parse_args(argv)
    rows: list[Row] = []
    live = args.live_views_per_s
    if live is None and args.live_sessions > 0:
        live = live_views_per_s(rows, args.live_sessions)
    with tempfile.TemporaryDirectory() as tmpdir:
        bench_static(rows, Path(tmpdir), live, visitors=args.visitors)
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
