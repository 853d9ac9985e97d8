"""The static edition's crowd: visitors that load every page as a browser does, each page's HTML,
then its style sheet, script and preview image, one after the other on a keep-alive TLS
connection, asking for gzip; what the server marks immutable (the hashed assets) a visitor keeps
and does not fetch again. plotly.js comes only when a reader reaches for a chart, which these
visitors do not (charts arrive drawn, as SVG). Each visitor comes from
its own loopback address (127.0.0.0/8), so the proxy's per-address limits apply to each as they
would in production. The live app's crowd (Streamlit's websocket) is `harness.loadclient`.

    visits, wall_s = crowd(proxy, page_requests(site), visitors=100, block=3, read_s=(0.5, 1.5))

Loopback only; every loop is bounded."""

from __future__ import annotations

import ipaddress
import json
import multiprocessing
import queue
import random
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from harness.nginx import Proxy

MAX_PAGES = 100
READ_S = (0.5, 1.5)  # a reading visitor's pause on each page, uniform: far quicker than people
ARRIVE_S = 1.0  # reading visitors arrive within this first second
TIMEOUT_S = 30.0  # per socket operation
PHASE_CAP_S = 300.0  # a whole phase, whatever happens
PROCESSES = 4  # client processes the crowd is spread over
MAX_PASSES = 20
HEADERS = {"Accept-Encoding": "gzip", "User-Agent": "pfcc-static-crowd"}
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
