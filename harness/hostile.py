"""One hostile session and one visitor beside it, on Streamlit's websocket (loopback only, every
loop bounded): the session sends many reruns of a page, each with its own query string, then
closes or holds its socket open; the visitor views a page over and over, timing each view.
Shared by tests/test_compat.py and scripts/bench_attack.py.

    flood, views = attack("http://127.0.0.1:8501", "/outcomes", queries, hold_s=10)"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from dataclasses import dataclass, field

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from harness.loadclient import (
    _DONE,
    MAX_MESSAGES_PER_VIEW,
    _netloc,
    _rerun,
    _Session,
    _xsrf_cookie,
    check_loopback,
    open_socket,
)

MAX_RERUNS = 5_000
MAX_SECONDS = 300.0


@dataclass
class Flood:
    sent: int = 0
    new_session: ForwardMsg | None = None  # what the server told this browser first
    runs: list[str] = field(default_factory=list)  # each finished run's HTML, while held open
    started_at: float = 0.0  # time.perf_counter() when the first rerun went
    closed_at: float = 0.0  # ... and when the socket closed


@dataclass
class Views:
    times: list[tuple[float, float]] = field(default_factory=list)  # (start, seconds)
    errors: list[str] = field(default_factory=list)


def _html_of(msg: ForwardMsg) -> str:
    if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
        el = msg.delta.new_element
        if el.WhichOneof("type") == "html":
            return el.html.body
    return ""


async def _read_run(ws, out: Flood | None = None) -> tuple[dict[str, str], str]:
    """Messages until a run finishes: the pages the app offers (hash -> path) and its HTML."""
    pages, text = {}, []
    for _ in range(MAX_MESSAGES_PER_VIEW):
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv(decode=False))
        kind = msg.WhichOneof("type")
        if kind == "new_session" and out is not None and out.new_session is None:
            out.new_session = msg
        elif kind == "navigation":
            pages = {p.page_script_hash: "/" + p.url_pathname for p in msg.navigation.app_pages}
        elif kind == "script_finished" and msg.script_finished in _DONE:
            break
        text.append(_html_of(msg))
    return pages, "".join(text)


async def flood_async(
    url: str, path: str, queries: list[str], hold_s: float = 0.0, timeout_s: float = 60.0
) -> Flood:
    """Open a session, view the first page, then send a rerun of `path` for each query string
    at once. Holding the socket open for `hold_s`, count the runs that finish."""
    if not 0 < len(queries) <= MAX_RERUNS or not 0 <= hold_s <= MAX_SECONDS:
        raise ValueError(f"1..{MAX_RERUNS} queries and 0..{MAX_SECONDS} s held")
    host, port, base = check_loopback(url)
    page_url = f"http://{_netloc(host, port)}{base}/"
    out = Flood()
    async with asyncio.timeout(timeout_s):
        token = await _xsrf_cookie(host, port, base)
    async with open_socket(host, port, base, token, timeout_s) as ws:
        await ws.send(_rerun(page_url, "", set()))
        async with asyncio.timeout(timeout_s):
            pages, _ = await _read_run(ws, out)
        target = next(h for h, p in pages.items() if p == path)
        out.started_at = time.perf_counter()
        for q in queries:
            await ws.send(_rerun(page_url + path.lstrip("/"), target, set(), q))
            out.sent += 1
        deadline = time.monotonic() + hold_s
        while hold_s and (left := deadline - time.monotonic()) > 0:
            try:
                async with asyncio.timeout(left):
                    _, text = await _read_run(ws)
            except TimeoutError:
                break
            out.runs.append(text)
    out.closed_at = time.perf_counter()
    return out


async def watch_async(
    url: str,
    path: str,
    seconds: float,
    timeout_s: float = 60.0,
    out: Views | None = None,
    pause_s: float = 0.3,
) -> Views:
    """View `path` again and again for `seconds`, timing each view as a visitor waits for it
    (into `out`, which holds what was seen if the watch is cancelled)."""
    if not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"watch for 0..{MAX_SECONDS} s")
    host, port, base = check_loopback(url)
    s = _Session(0, f"http://{_netloc(host, port)}{base}/", host, port, base, timeout_s)
    out = out if out is not None else Views()
    out.errors = s.result.errors
    async with asyncio.timeout(timeout_s):
        token = await _xsrf_cookie(host, port, base)
    async with open_socket(host, port, base, token, timeout_s) as ws:
        await s._view(ws, "")
        target = next(h for h, p in s.hash_to_path.items() if p == path)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            t0 = time.perf_counter()
            await s._view(ws, target)
            out.times.append((t0, s.result.views[-1].latency_s))
            await asyncio.sleep(pause_s)  # a reader's pause, within a session's pace
    return out


def in_own_loop(make):
    """asyncio.run(make()), in a thread of its own where this one already runs a loop (as
    Playwright's sync API does in the test suite)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def attack(
    url: str,
    path: str,
    queries: list[str],
    *,
    watch: str = "/",
    before_s: float = 3.0,
    after_s: float = 10.0,
    hold_s: float = 0.0,
) -> tuple[Flood, Views]:
    """A visitor views `watch` for `before_s`, then the flood runs, then the visitor goes on for
    `after_s` after the flood's socket has closed."""

    async def both():
        views = Views()
        task = asyncio.create_task(watch_async(url, watch, MAX_SECONDS, out=views))
        await asyncio.sleep(before_s)
        flood = await flood_async(url, path, queries, hold_s=hold_s)
        await asyncio.sleep(after_s)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
        return flood, views

    return in_own_loop(both)
