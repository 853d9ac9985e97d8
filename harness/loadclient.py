"""A load-test client that speaks Streamlit's websocket protocol the way a browser tab does.

Each session: GET /_stcore/health (which sets the XSRF cookie), open /_stcore/stream with
subprotocols ["streamlit", <cookie value>] and the cookie and a same-origin Origin header, run
the default page, learn every page's hash from the `navigation` message, then rerun each other
page by its hash. A view ends at `script_finished` (not FINISHED_EARLY_FOR_RERUN). Errors are
exception deltas, error alerts (the app turns a failed page into one: ui.fail_gracefully),
compile errors, "page not found", and anything that breaks the connection.

    report = run_sessions("http://127.0.0.1:8501", sessions=10, concurrency=10, timeout_s=60)

Loopback only, and every loop is bounded in count and time."""

from __future__ import annotations

import asyncio
import concurrent.futures
import ipaddress
import math
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

XSRF_COOKIE = "_streamlit_xsrf"
MAX_SESSIONS = 10_000
MAX_CONCURRENCY = 1_000
MAX_PAGES = 50
MAX_MESSAGES_PER_VIEW = 50_000
MAX_TIMEOUT_S = 600.0
MAX_FRAME_BYTES = 200 * 1024 * 1024  # Streamlit's own server.maxMessageSize default
MAX_HTTP_BYTES = 64 * 1024

_DONE = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


def percentile(xs: list[float], p: float) -> float:
    """Nearest rank: the value at or below which `p`% of them fall (NaN for none). The static
    crowd (harness.staticclient) reports with this too."""
    xs = sorted(xs)
    if not xs:
        return math.nan
    return xs[min(len(xs) - 1, max(0, math.ceil(p / 100 * len(xs)) - 1))]


@dataclass
class View:
    page: str  # path of the page that ran: "/", "/grades"… ("?" if never said)
    latency_s: float
    errors: int


@dataclass
class SessionResult:
    index: int
    pages: list[str] = field(default_factory=list)  # every page path the app offered
    views: list[View] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    completed: bool = False  # viewed every page without losing the link

    @property
    def pages_viewed(self) -> list[str]:
        return [v.page for v in self.views]


@dataclass
class Report:
    sessions: int
    concurrency: int
    results: list[SessionResult]
    wall_s: float

    @property
    def completed(self) -> int:
        return sum(r.completed for r in self.results)

    @property
    def page_views(self) -> int:
        return sum(len(r.views) for r in self.results)

    @property
    def errors(self) -> list[str]:
        return [f"session {r.index}: {e}" for r in self.results for e in r.errors]

    @property
    def latencies_s(self) -> list[float]:
        return [v.latency_s for r in self.results for v in r.views]

    def percentile(self, p: float) -> float:
        return percentile(self.latencies_s, p)

    @property
    def p50_s(self) -> float:
        return self.percentile(50)

    @property
    def p95_s(self) -> float:
        return self.percentile(95)

    @property
    def runs_per_s(self) -> float:
        return self.page_views / self.wall_s if self.wall_s > 0 else math.nan

    @property
    def ok(self) -> bool:
        return self.completed == self.sessions and not self.errors

    def table(self) -> str:
        rows = [
            ("sessions", f"{self.completed} of {self.sessions} completed"),
            ("concurrency", str(self.concurrency)),
            ("page views", str(self.page_views)),
            ("errors", str(len(self.errors))),
            ("p50 latency", f"{self.p50_s:.3f} s"),
            ("p95 latency", f"{self.p95_s:.3f} s"),
            ("wall time", f"{self.wall_s:.1f} s"),
            ("runs per second", f"{self.runs_per_s:.2f}"),
        ]
        width = max(len(k) for k, _ in rows)
        return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def check_loopback(url: str) -> tuple[str, int, str]:
    """(host, port, base path) of a loopback URL; ValueError for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "ws"):
        raise ValueError(f"only http:// or ws:// URLs are load-tested, not {url!r}")
    host = parts.hostname or ""
    try:
        port = parts.port or 80
    except ValueError as exc:
        raise ValueError(f"bad port in {url!r}") from exc
    if host.lower() == "localhost":
        # Trust the name only if it really resolves to loopback here.
        try:
            addrs = {ai[4][0] for ai in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}
        except OSError:
            addrs = set()
        loopback = bool(addrs) and all(
            ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addrs
        )
    else:
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
    if not loopback:
        raise ValueError(
            f"refusing to load-test {host!r}: only loopback hosts (127.0.0.0/8, localhost, ::1)"
        )
    base = parts.path.rstrip("/")
    if base.endswith("/_stcore/stream"):
        base = base[: -len("/_stcore/stream")]
    return host, port, base


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


async def _xsrf_cookie(host: str, port: int, base: str) -> str | None:
    """What a browser does before opening the socket: GET /_stcore/health, which sets the cookie.
    Raw HTTP over asyncio keeps this off threads and away from any proxy settings."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(
            f"GET {base}/_stcore/health HTTP/1.1\r\nHost: {_netloc(host, port)}\r\n"
            "Connection: close\r\n\r\n".encode("ascii")
        )
        await writer.drain()
        head = (await reader.readuntil(b"\r\n\r\n"))[:MAX_HTTP_BYTES].decode("latin-1")
    finally:
        writer.close()
    status, *lines = head.split("\r\n")
    if " 200 " not in status + " ":
        raise ConnectionError(f"health check answered {status!r}")
    for line in lines:
        name, _, value = line.partition(":")
        if name.strip().lower() == "set-cookie":
            cookie = value.strip().split(";", 1)[0]
            if cookie.startswith(XSRF_COOKIE + "="):
                return cookie[len(XSRF_COOKIE) + 1 :]
    return None  # XSRF protection is off on this server


def open_socket(host: str, port: int, base: str, token: str | None, timeout_s: float):
    """Streamlit's websocket, opened as a browser tab opens it."""
    netloc = _netloc(host, port)
    # As the browser: the cookie's value doubles as the second subprotocol.
    return connect(
        f"ws://{netloc}{base}/_stcore/stream",
        subprotocols=["streamlit", token] if token else ["streamlit"],
        origin=f"http://{netloc}",
        additional_headers={"Cookie": f"{XSRF_COOKIE}={token}"} if token else None,
        # Browsers send no pings of their own; proxy=None keeps
        # an environment proxy from taking loopback traffic elsewhere.
        proxy=None,
        ping_interval=None,
        open_timeout=timeout_s,
        close_timeout=min(timeout_s, 10),
        max_size=MAX_FRAME_BYTES,
    )


def _rerun(url: str, page_script_hash: str, cached: set[str], query: str = "") -> bytes:
    msg = BackMsg()
    cs = msg.rerun_script
    cs.query_string = query
    cs.page_script_hash = page_script_hash  # "" runs the default page, as a first visit does
    cs.page_name = ""
    cs.cached_message_hashes.extend(sorted(cached))
    cs.context_info.url = url
    cs.context_info.timezone = "Europe/London"
    cs.context_info.locale = "en-GB"
    return msg.SerializeToString()


class _Session:
    def __init__(self, index: int, url: str, host: str, port: int, base: str, timeout_s: float):
        self.result = SessionResult(index)
        self.url, self.host, self.port, self.base, self.timeout_s = url, host, port, base, timeout_s
        self.hash_to_path: dict[str, str] = {}
        self.cached: set[str] = set()  # hashes of cacheable messages, as the browser's cache

    async def run(self) -> SessionResult:
        r = self.result
        try:
            async with asyncio.timeout(self.timeout_s):
                token = await _xsrf_cookie(self.host, self.port, self.base)
            async with open_socket(self.host, self.port, self.base, token, self.timeout_s) as ws:
                if ws.subprotocol != "streamlit":
                    raise ConnectionError(f"server chose subprotocol {ws.subprotocol!r}")
                await self._view(ws, "")
                if not self.hash_to_path:
                    raise RuntimeError("no navigation message: the app's pages are unknown")
                r.pages = list(self.hash_to_path.values())
                seen = set(r.pages_viewed)
                for h, path in list(self.hash_to_path.items()):
                    if path not in seen:
                        await self._view(ws, h)
            r.completed = sorted(r.pages_viewed) == sorted(r.pages)
            if not r.completed:
                r.errors.append(f"viewed {r.pages_viewed}, app offers {r.pages}")
        except Exception as exc:  # noqa: BLE001 — a load test records failures, it does not stop
            r.errors.append(f"{type(exc).__name__}: {exc}"[:300])
        return r

    async def _view(self, ws, page_script_hash: str) -> None:
        t0 = time.perf_counter()
        ran, errors = "?", []
        await ws.send(_rerun(self.url, page_script_hash, self.cached))
        async with asyncio.timeout(self.timeout_s):
            for _ in range(MAX_MESSAGES_PER_VIEW):
                msg = ForwardMsg()
                msg.ParseFromString(await ws.recv(decode=False))
                kind = msg.WhichOneof("type")
                if msg.metadata.cacheable and msg.hash:
                    self.cached.add(msg.hash)
                if kind == "ref_hash" and msg.ref_hash not in self.cached:
                    errors.append(f"reference to a message never sent: {msg.ref_hash}")
                elif kind == "navigation":
                    nav = msg.navigation
                    if len(nav.app_pages) > MAX_PAGES:
                        raise RuntimeError(f"{len(nav.app_pages)} pages: more than {MAX_PAGES}")
                    for p in nav.app_pages:
                        # The browser's address: the default page is "/" whatever its url_path.
                        self.hash_to_path[p.page_script_hash] = "/" + p.url_pathname
                    ran = self.hash_to_path.get(nav.page_script_hash, ran)
                elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                    el = msg.delta.new_element
                    what = el.WhichOneof("type")
                    if what == "exception":
                        e = el.exception
                        errors.append(f"exception {e.type}: {e.message}"[:300])
                    elif what == "alert" and el.alert.format == Alert.ERROR:
                        errors.append(f"error alert: {el.alert.body}"[:300])
                elif kind == "page_not_found":
                    errors.append(f"page not found: {msg.page_not_found.page_name!r}")
                elif kind == "session_event" and msg.session_event.HasField(
                    "script_compilation_exception"
                ):
                    e = msg.session_event.script_compilation_exception
                    errors.append(f"compile error {e.type}: {e.message}"[:300])
                elif kind == "script_finished" and msg.script_finished in _DONE:
                    if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        errors.append("script finished with a compile error")
                    break
            else:
                raise RuntimeError(f"no script_finished within {MAX_MESSAGES_PER_VIEW} messages")
        self.result.views.append(View(ran, time.perf_counter() - t0, len(errors)))
        self.result.errors += [f"{ran}: {e}" for e in errors]


async def run_sessions_async(
    url: str, sessions: int, concurrency: int, timeout_s: float = 60.0
) -> Report:
    host, port, base = check_loopback(url)
    if not 1 <= sessions <= MAX_SESSIONS:
        raise ValueError(f"sessions must be 1..{MAX_SESSIONS}")
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise ValueError(f"concurrency must be 1..{MAX_CONCURRENCY}")
    if not 0 < timeout_s <= MAX_TIMEOUT_S:
        raise ValueError(f"timeout_s must be in (0, {MAX_TIMEOUT_S}]")
    page_url = f"http://{_netloc(host, port)}{base}/"
    gate = asyncio.Semaphore(concurrency)

    async def one(i: int) -> SessionResult:
        async with gate:
            return await _Session(i, page_url, host, port, base, timeout_s).run()

    # Each step has its own timeout; this caps the whole run as well, whatever happens.
    waves = math.ceil(sessions / concurrency)
    cap = waves * timeout_s * (MAX_PAGES + 3)
    t0 = time.perf_counter()
    async with asyncio.timeout(cap):
        results = await asyncio.gather(*(one(i) for i in range(sessions)))
    return Report(sessions, concurrency, list(results), time.perf_counter() - t0)


def run_sessions(url: str, sessions: int, concurrency: int, timeout_s: float = 60.0) -> Report:
    """Run `sessions` browser-like sessions, at most `concurrency` at once; each views every
    page once. `timeout_s` bounds each step (health check, connect, one page view)."""

    def run() -> Report:
        return asyncio.run(run_sessions_async(url, sessions, concurrency, timeout_s))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run()
    # a loop already runs in this thread (Playwright's sync API does that): use another thread
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def run_sessions_spread(urls: list[str], sessions: int, timeout_s: float = 60.0) -> Report:
    """`sessions` at once, shared out in turn over several servers, as deploy/'s proxy pins
    each visitor to one replica: one report for them all."""

    async def spread() -> Report:
        shares = [len(range(i, sessions, len(urls))) for i in range(len(urls))]
        reports = await asyncio.gather(
            *(run_sessions_async(u, k, k, timeout_s) for u, k in zip(urls, shares) if k)
        )
        results = [r for rep in reports for r in rep.results]
        return Report(sessions, sessions, results, max(rep.wall_s for rep in reports))

    return asyncio.run(spread())
