"""The static edition's benchmark: how long `make site` takes and what it writes, then the site
served by nginx with deploy/'s recipe (published by deploy/publish.sh, over TLS, on loopback) to
one visitor alone, to 100 visitors reading at once, and to 100 visitors flat out.

    PYTHONPATH=. python -m scripts.bench_site [--visitors 100] [--live-views-per-s X]

A visitor loads every page in turn as a browser does: each page's HTML, then its style sheet,
script, plotly.js and preview image, one after the other on its keep-alive connection, asking for
gzip; what the server marks immutable (the hashed assets) it keeps and does not fetch again, so
its first page brings plotly.js (1.5 MB as sent) and the others do not. Each visitor comes from
its own loopback address (127.0.0.0/8), so the proxy's per-address limits apply to each as they
would in production.
scripts/bench.py calls bench_static from its main with the live app's page views per second of
the same run; run alone, this measures the live app briefly itself (--live-sessions). Loopback
only; every loop is bounded."""

from __future__ import annotations

import argparse
import ipaddress
import json
import math
import multiprocessing
import os
import queue
import random
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from pfcc.paths import CHROMIUM, ROOT
from tests.support.nginx import Proxy, find_nginx
from tests.support.server import free_port

if TYPE_CHECKING:
    from scripts.rows import Row

# The rows and the table come from scripts.rows, which scripts.bench shares: this module never
# imports scripts.bench, whose main calls it.

MAX_VISITORS = 1_000
MAX_PAGES = 100
READ_S = (0.5, 1.5)  # a reading visitor's pause on each page, uniform: far quicker than people
ARRIVE_S = 1.0  # reading visitors arrive within this first second
TIMEOUT_S = 30.0  # per socket operation
PHASE_CAP_S = 300.0  # a whole phase, whatever happens
PROCESSES = 4  # client processes the crowd is spread over
FLAT_RUNS = 3
FLAT_PASSES = 5  # within the proxy's per-address burst: about 23 requests a pass
MAX_PASSES = 20
HEADERS = {"Accept-Encoding": "gzip", "User-Agent": "pfcc-bench-site"}
MAX_HEAD = 64 * 1024
MAX_BODY = 64 * 1024 * 1024
MAX_CHUNKS = 100_000


@dataclass
class Load:
    url: str
    seconds: float
    bytes: int


@dataclass
class Visit:
    loads: list[Load] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def percentile(xs: list[float], p: float) -> float:
    """Nearest rank, as tests/support/loadclient.py's Report does."""
    xs = sorted(xs)
    if not xs:
        return math.nan
    return xs[min(len(xs) - 1, max(0, math.ceil(p / 100 * len(xs)) - 1))]


def page_requests(site: Path) -> dict[str, list[str]]:
    """Every page's URL path and the paths it loads: itself, then its style sheet, scripts and
    preview image, resolved from the HTML as a browser would."""
    manifest = json.loads((site / "site.json").read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    for url, file in list(manifest["pages"].items())[:MAX_PAGES]:
        doc = (site / file).read_text(encoding="utf-8")
        refs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', doc)
        refs += re.findall(r'<script src="([^"]+)"', doc)
        refs += re.findall(r'<meta property="og:image" content="([^"]+)"', doc)
        out[url] = [url, *(urljoin(url, r) for r in refs)]
    return out


def source_address(block: int, index: int) -> str:
    """A loopback address of its own for each visitor: 127.<block>.x.y."""
    base = int(ipaddress.IPv4Address(f"127.{block}.0.1"))
    return str(ipaddress.IPv4Address(base + index))


@dataclass(frozen=True)
class Target:
    """The proxy as a visitor sees it (picklable: the crowd runs in several processes)."""

    port: int
    host: str
    cafile: str

    @classmethod
    def of(cls, proxy: Proxy) -> Target:
        return cls(proxy.https_port, proxy.host, str(proxy.cert))


class Visitor:
    """A browser's worth of one visitor: one keep-alive TLS connection from its own loopback
    address, and a cache that keeps what the server marks immutable (the hashed assets). HTTP/1.1
    by hand on the socket: http.client's header parsing costs more CPU than nginx spends on the
    response, and on a small machine the client would be what is measured."""

    def __init__(self, target: Target, tls: ssl.SSLContext, address: str):
        self.target, self.tls, self.address = target, tls, address
        self.sock: ssl.SSLSocket | None = None
        self.buf = b""
        self.scratch = memoryview(bytearray(256 * 1024))
        self.cache: set[str] = set()
        extra = "".join(f"{k}: {v}\r\n" for k, v in HEADERS.items())
        self.head = f"Host: {target.host}\r\n{extra}\r\n".encode()

    def _connect(self) -> ssl.SSLSocket:
        raw = socket.create_connection(
            ("127.0.0.1", self.target.port), timeout=TIMEOUT_S, source_address=(self.address, 0)
        )
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        return self.tls.wrap_socket(raw, server_hostname="127.0.0.1")

    def _read_to(self, sock: ssl.SSLSocket, marker: bytes) -> bytes:
        """Up to and without `marker`, from the buffer and the socket."""
        while (end := self.buf.find(marker)) < 0:
            if len(self.buf) > MAX_HEAD:
                raise RuntimeError("response head too long")
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("connection closed by the server")
            self.buf += chunk
        line, self.buf = self.buf[:end], self.buf[end + len(marker) :]
        return line

    def _skip(self, sock: ssl.SSLSocket, n: int) -> int:
        """Read `n` body bytes and drop them (only their count matters here)."""
        if n > MAX_BODY:
            raise RuntimeError(f"body of {n} bytes")
        have = min(n, len(self.buf))
        self.buf = self.buf[have:]
        while have < n:
            got = sock.recv_into(self.scratch, min(len(self.scratch), n - have))
            if not got:
                raise ConnectionError("connection closed mid-body")
            have += got
        return n

    def get(self, path: str) -> tuple[int, bytes, int]:
        """(status, the response head in lower case, body bytes)."""
        sock = self.sock or self._connect()
        self.sock = sock
        sock.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\n" + self.head)
        head = self._read_to(sock, b"\r\n\r\n").lower()
        status = int(head[9:12])
        if m := re.search(rb"\r\ncontent-length: *(\d+)", head):
            size = self._skip(sock, int(m.group(1)))
        elif b"\r\ntransfer-encoding: chunked" in head:
            size = 0
            for _ in range(MAX_CHUNKS):
                n = int(self._read_to(sock, b"\r\n").split(b";")[0], 16)
                size += self._skip(sock, n)
                self._read_to(sock, b"\r\n")
                if n == 0:
                    break
        else:
            raise RuntimeError(f"{path}: a response with no length")
        if b"\r\nconnection: close" in head:
            self.close()
        return status, head, size

    def load(self, requests: list[str]) -> Load:
        """The page and whatever of its assets is not cached yet, one after the other; raises on
        anything but a 200 with a body."""
        t0 = time.perf_counter()
        sent = 0
        for path in requests:
            if path in self.cache:
                continue
            status, head, size = self.get(path)
            if status != 200 or not size:
                raise RuntimeError(f"{path}: HTTP {status}, {size} bytes")
            if b"immutable" in head:
                self.cache.add(path)
            sent += size
        return Load(requests[0], time.perf_counter() - t0, sent)

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def visit(
    target: Target,
    tls: ssl.SSLContext,
    address: str,
    pages: dict[str, list[str]],
    read_s: tuple[float, float] | None,
    seed: int,
    passes: int = 1,
) -> Visit:
    """Every page in order, `passes` times (the later ones as a returning visitor, the hashed
    assets cached). With `read_s`, the visitor arrives within ARRIVE_S and pauses on each page;
    without, it goes flat out."""
    rng = random.Random(seed)
    out = Visit()
    visitor = Visitor(target, tls, address)
    try:
        if read_s:
            time.sleep(rng.uniform(0, ARRIVE_S))
        for requests in [r for _ in range(min(passes, MAX_PASSES)) for r in pages.values()]:
            try:
                out.loads.append(visitor.load(requests))
            except (OSError, ValueError, RuntimeError) as e:
                out.errors.append(f"{requests[0]}: {type(e).__name__}: {e}")
                visitor.close()  # reconnects on the next request
            if read_s:
                time.sleep(rng.uniform(*read_s))
    finally:
        visitor.close()
    return out


def _crowd_worker(target, pages, indices, block, read_s, passes, ready, go, results) -> None:
    """One process's share of the crowd: a thread per visitor, all released by `go`."""
    tls = ssl.create_default_context(cafile=target.cafile)
    out: dict[int, Visit] = {}

    def run(i: int) -> None:
        go.wait(PHASE_CAP_S)
        out[i] = visit(target, tls, source_address(block, i), pages, read_s, i, passes)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in indices]
    for t in threads:
        t.start()
    ready.release()
    deadline = time.monotonic() + 2 * PHASE_CAP_S
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    results.put(out)


def crowd(
    proxy: Proxy,
    pages: dict[str, list[str]],
    visitors: int,
    block: int,
    read_s: tuple[float, float] | None,
    passes: int = 1,
    processes: int = PROCESSES,
) -> tuple[list[Visit], float]:
    """`visitors` at once, each on its own thread and loopback address, spread over a few
    client processes (one Python process's lock on its interpreter would otherwise queue the
    visitors behind one another and measure the client, not the server): (visits, wall s)."""
    ctx = multiprocessing.get_context("fork")
    ready, go, results = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    target = Target.of(proxy)
    share = [list(range(visitors))[k::processes] for k in range(min(processes, visitors))]
    workers = [
        ctx.Process(
            target=_crowd_worker,
            args=(target, pages, ids, block, read_s, passes, ready, go, results),
            daemon=True,
        )
        for ids in share
    ]
    for w in workers:
        w.start()
    for _ in workers:  # every process and thread started, waiting
        ready.acquire(timeout=60)
    t0 = time.perf_counter()
    go.set()
    got: dict[int, Visit] = {}
    deadline = time.monotonic() + PHASE_CAP_S
    for _ in workers:
        try:
            got.update(results.get(timeout=max(0.1, deadline - time.monotonic())))
        except queue.Empty:
            break
    wall = time.perf_counter() - t0
    for w in workers:
        w.join(5)
        if w.is_alive():
            w.kill()
    missing = Visit(errors=["did not finish within the phase's cap"])
    return [got.get(i, missing) for i in range(visitors)], wall


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
    from scripts.rows import Row
    from tests.support.loadclient import run_sessions
    from tests.support.server import Server

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
