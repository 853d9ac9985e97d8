"""A room is not a flood: a meeting room behind one address, through deploy/'s proxy for real on
loopback (deploy/nginx.conf.template under nginx, harness/nginx.py, one app replica under
/live/ and a built static edition at the root).

A council chamber's Wi-Fi puts its whole audience behind one public address (one NAT), and they
all open the shared link within a minute. The template's per-address limits must admit that room
and still refuse a flood:

- the live app: chromium loads /live/ and stays connected, then 99 more attendees arrive over
  half a minute, each fetching what chromium fetched (the page, Streamlit's endpoints, every
  static file) over six connections as a browser does, and opening the websocket with the XSRF
  cookie: no 429, all 100 sessions held at once and answering, and the last one runs the page.
  Then the cap on sessions open at once: opens beyond it are refused while the room holds its
  sessions, and admitted again when one leaves;
- a flood of websocket opens from one address, as fast as it can: most refused;
- the static edition: 100 browsers open its front page in the same second: no 429.

The numbers come from the template. nginx listens on 127.0.0.1 only; the flood and the static
edition's room come from other loopback addresses (127.0.0.2, 127.0.0.3), so that each starts
with a full allowance. Every loop is bounded in count and time."""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import socket
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from harness.browser import APP_IDLE, visible_problems, wait_idle
from harness.loadclient import XSRF_COOKIE
from harness.nginx import LIVE, NAME, TEMPLATE, Proxy, proxy_or_skip
from harness.server import Server
from pfcc.render.site import build as site_build

pytestmark = pytest.mark.browser

ROOM = 100  # people behind one address
ARRIVAL_S = 30.0  # over which the room's attendees after the first arrive, evenly
ROOM_ADDRESS = "127.0.0.1"  # chromium's, so the room's
FLOOD_ADDRESS = "127.0.0.2"
SITE_ROOM_ADDRESS = "127.0.0.3"
FLOOD = 300  # socket opens, as fast as one client can
BROWSER_CONNECTIONS = 6  # a browser's HTTP/1.1 connections to one host
STREAM = f"{LIVE}/_stcore/stream"
MAX_BODY = 20 * 1024 * 1024  # the largest file either part has is Streamlit's plotly.js, 4.8 MB
STEP_S = 30.0  # any one request, socket open or page run


def limit(pattern: str) -> int:
    m = re.search(pattern, TEMPLATE.read_text(encoding="utf-8"))
    assert m, f"deploy/nginx.conf.template has no {pattern!r}"
    return int(m.group(1))


WS_RATE = limit(r"zone=pfcc_ws:\S+ rate=(\d+)r/s;")
WS_BURST = limit(r"limit_req zone=pfcc_ws burst=(\d+) nodelay;")
WS_CAP = limit(r"limit_conn pfcc_conn (\d+);")


@pytest.fixture(scope="module")
def site(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("room") / "site"
    return site_build.build(folder, live=f"{LIVE}/", images=False)


@pytest.fixture(scope="module")
def app(built_db):
    s = Server(built_db, base_path=LIVE)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def proxy(site, app):
    p = proxy_or_skip([f"127.0.0.1:{app.port}"], site=site.folder, keep="room-proxy")
    yield p
    p.stop()


# --- A browser's requests, from a chosen loopback address ------------------------------------


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def cookie(self, name: str) -> str | None:
        for k, v in self.headers:
            if k == "set-cookie" and v.startswith(name + "="):
                return v.split(";", 1)[0][len(name) + 1 :]
        return None


async def tls_connection(proxy: Proxy, source: str):
    """A TLS connection to the proxy from `source` (a loopback address), as NAME."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((source, 0))
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", proxy.https_port))
        return await asyncio.open_connection(sock=sock, ssl=proxy.tls, server_hostname=NAME)
    except BaseException:
        sock.close()
        raise


async def read_response(reader: asyncio.StreamReader) -> tuple[Response, bool]:
    """One HTTP/1.1 response, and whether the connection stays open after it."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    status_line, *lines = head.rstrip("\r\n").split("\r\n")
    status = int(status_line.split()[1])
    headers = [(k.strip().lower(), v.strip()) for k, _, v in (x.partition(":") for x in lines)]
    h = dict(headers)
    if h.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        for _ in range(100_000):
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            body += (await reader.readexactly(size + 2))[:-2]  # no trailers: nginx sends none
            assert len(body) <= MAX_BODY
            if size == 0:
                break
    elif "content-length" in h:
        assert int(h["content-length"]) <= MAX_BODY
        body = await reader.readexactly(int(h["content-length"]))
    else:
        return Response(status, headers, await reader.read(MAX_BODY)), False
    return Response(status, headers, body), h.get("connection", "").lower() != "close"


class Browser:
    """A browser's HTTP side: up to BROWSER_CONNECTIONS keep-alive connections to the proxy, from
    one address, asking for gzip as browsers do."""

    def __init__(self, proxy: Proxy, source: str):
        self.proxy, self.source = proxy, source

    async def fetch_all(self, paths: list[str]) -> list[tuple[str, Response]]:
        todo = list(reversed(paths))
        done: list[tuple[str, Response]] = []

        async def connection() -> None:
            conn = None
            try:
                while todo:
                    path = todo.pop()
                    if conn is None:
                        conn = await tls_connection(self.proxy, self.source)
                    reader, writer = conn
                    writer.write(
                        f"GET {path} HTTP/1.1\r\nHost: {self.proxy.host}\r\n"
                        "Accept-Encoding: gzip, deflate\r\n\r\n".encode("ascii")
                    )
                    await writer.drain()
                    async with asyncio.timeout(STEP_S):
                        response, keep = await read_response(reader)
                    done.append((path, response))
                    if not keep:
                        writer.close()
                        conn = None
            finally:
                if conn is not None:
                    conn[1].close()

        await asyncio.gather(*(connection() for _ in range(BROWSER_CONNECTIONS)))
        return done


async def open_socket(proxy: Proxy, source: str, xsrf: str | None = None):
    """The app's websocket through the proxy, as the browser opens it: the XSRF cookie's value as
    the second subprotocol, a same-origin Origin. (status, connection or None)."""
    try:
        ws = await connect(
            f"wss://{proxy.host}{STREAM}",
            host="127.0.0.1",
            port=proxy.https_port,
            local_addr=(source, 0),
            ssl=proxy.tls,
            server_hostname=NAME,
            subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
            origin=proxy.origin,
            additional_headers={"Cookie": f"{XSRF_COOKIE}={xsrf}"} if xsrf else None,
            proxy=None,
            ping_interval=None,  # browsers send no pings of their own
            open_timeout=STEP_S,
            close_timeout=5,
            max_size=MAX_BODY * 10,
        )
    except InvalidStatus as exc:
        return exc.response.status_code, None
    return 101, ws


async def run_default_page(ws, url: str) -> bool:
    """A rerun of the default page, as the browser sends on load: True once it finishes."""
    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_script_hash = ""
    msg.rerun_script.page_name = ""
    msg.rerun_script.context_info.url = url
    msg.rerun_script.context_info.timezone = "Europe/London"
    msg.rerun_script.context_info.locale = "en-GB"
    await ws.send(msg.SerializeToString())
    async with asyncio.timeout(STEP_S * 2):
        for _ in range(50_000):
            fwd = ForwardMsg()
            fwd.ParseFromString(await ws.recv(decode=False))
            if fwd.WhichOneof("type") == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return True
                if fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return False
    return False


def in_thread(coro):
    """Playwright's sync API runs an event loop in this thread: run `coro` in another."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def refused_by(proxy: Proxy, zone: str, client: str) -> int:
    """How many of `client`'s requests nginx refused by `zone` (it logs each, at warn)."""
    who = re.escape(client)
    line = rf'limiting (?:connections|requests)[^\n]* by zone "{zone}", client: {who},'
    return len(re.findall(line, proxy.error_log.read_text()))


# --- The tests ---------------------------------------------------------------------------------


@dataclass
class Room:
    loads: list[tuple[str, Response]] = field(default_factory=list)
    opens: list[int] = field(default_factory=list)
    arrived_s: float = 0.0
    held: int = 0
    answered: int = 0
    ran_page: bool = False
    beyond_cap: list[int] = field(default_factory=list)
    after_one_left: int = 0


async def room_of(proxy: Proxy, paths: list[str], attendees: int) -> Room:
    """`attendees` arrive evenly over ARRIVAL_S, each loading `paths` and opening a socket; then
    the checks on the room at its full size, and at the cap."""
    room, sockets = Room(), []
    t0 = time.monotonic()

    async def attendee(i: int) -> None:
        await asyncio.sleep(i * ARRIVAL_S / attendees)
        loaded = await Browser(proxy, ROOM_ADDRESS).fetch_all(paths)
        room.loads += loaded
        xsrf = next((r.cookie(XSRF_COOKIE) for _, r in loaded if r.cookie(XSRF_COOKIE)), None)
        status, ws = await open_socket(proxy, ROOM_ADDRESS, xsrf)
        room.opens.append(status)
        if ws is not None:
            sockets.append(ws)

    try:
        async with asyncio.timeout(ARRIVAL_S + 4 * STEP_S):
            await asyncio.gather(*(attendee(i) for i in range(attendees)))
        room.arrived_s = time.monotonic() - t0
        room.held = sum(ws.state.name == "OPEN" for ws in sockets)

        async def answers(ws) -> bool:  # a pong comes from the app, through the proxy
            try:
                async with asyncio.timeout(STEP_S):
                    await (await ws.ping())
                return True
            except Exception:  # noqa: BLE001 — any failure is a session that does not answer
                return False

        room.answered = sum(await asyncio.gather(*(answers(ws) for ws in sockets)))
        if sockets:
            room.ran_page = await run_default_page(sockets[-1], f"{proxy.origin}{LIVE}/")

        # More sessions than the room, up to the cap, once the opens' allowance has room for
        # them (the room used its opens less what the rate refilled while it arrived); then a
        # few beyond the cap, refused while all are held.
        extra = WS_CAP - (len(sockets) + 1)  # chromium holds one
        used = max(0.0, attendees + 1 - WS_RATE * room.arrived_s)
        await asyncio.sleep(min(STEP_S, max(0.0, used + extra - WS_BURST) / WS_RATE + 2))
        for _ in range(max(0, extra)):
            status, ws = await open_socket(proxy, ROOM_ADDRESS)
            room.opens.append(status)
            if ws is not None:
                sockets.append(ws)
        await asyncio.sleep(3 / WS_RATE)  # so that it is not the opens' rate that refuses them
        for _ in range(3):
            status, ws = await open_socket(proxy, ROOM_ADDRESS)
            room.beyond_cap.append(status)
            if ws is not None:
                sockets.append(ws)
        await sockets.pop(0).close()
        await asyncio.sleep(1)
        room.after_one_left, ws = await open_socket(proxy, ROOM_ADDRESS)
        if ws is not None:
            sockets.append(ws)
    finally:
        await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    return room


def test_a_room_of_100_behind_one_address_opens_the_live_app_together(proxy, browser):
    """Bounded: 100 attendees over 30 s, each one page load and one socket; then up to the cap
    and 3 beyond it. About a minute."""
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        start = len(proxy.log())
        page.goto(f"{proxy.origin}{LIVE}/")
        wait_idle(page, 1)
        first = proxy.log()[start:]
        route = next(c["value"] for c in context.cookies() if c["name"] == "pfcc_route")
        # What a browser's first load fetched: the room's other 99 fetch the same.
        paths = [e["path"] for e in first if e["path"] != STREAM]
        assert any(p.startswith(f"{LIVE}/static/") for p in paths), paths
        assert all(e["status"] == "200" for e in first), first

        room = in_thread(room_of(proxy, paths, ROOM - 1))

        statuses = Counter(r.status for _, r in room.loads)
        refused = [p for p, r in room.loads if r.status == 429]
        assert not refused, f"{len(refused)} of the room's page loads refused: {refused[:10]}"
        assert set(statuses) == {200}, statuses
        assert len(room.loads) == (ROOM - 1) * len(paths)
        assert room.opens[: ROOM - 1] == [101] * (ROOM - 1), Counter(room.opens[: ROOM - 1])
        assert room.held == ROOM - 1 and room.answered == ROOM - 1, (room.held, room.answered)
        assert room.ran_page, "with the room connected, a session runs the page"
        # chromium, the room's first, is still connected, with no error on its page; its socket
        # never closed (nginx logs a websocket when it closes).
        assert page.locator(APP_IDLE).count() == 1
        assert visible_problems(page) == []
        assert not [e for e in proxy.log() if e["route"] == route and e["path"] == STREAM]

        # At the cap: the room and its second tabs, all admitted; beyond it, refused, by the
        # connection limit (not the opens' rate); a place again once one leaves.
        assert room.opens[ROOM - 1 :] == [101] * (WS_CAP - ROOM), Counter(room.opens)
        assert room.beyond_cap == [429] * 3, room.beyond_cap
        assert refused_by(proxy, "pfcc_conn", ROOM_ADDRESS) == 3
        assert refused_by(proxy, "pfcc_ws", ROOM_ADDRESS) == 0, "none refused for the opens' rate"
        assert room.after_one_left == 101
        print(
            f"\nroom: {ROOM} sessions from one address ({len(paths)} requests each before the "
            f"socket), arrived over {room.arrived_s:.1f} s; {WS_CAP} held; beyond: 429"
        )
    finally:
        context.close()


def test_a_flood_of_socket_opens_from_one_address_is_refused(proxy):
    """Bounded: FLOOD opens, 30 at a time, each closed once open; 60 s at most."""
    statuses: list[int] = []

    async def flood() -> float:
        gate = asyncio.Semaphore(30)

        async def one() -> None:
            async with gate:
                status, ws = await open_socket(proxy, FLOOD_ADDRESS)
                statuses.append(status)
                if ws is not None:
                    await ws.close()

        t0 = time.monotonic()
        async with asyncio.timeout(60):
            await asyncio.gather(*(one() for _ in range(FLOOD)))
        return time.monotonic() - t0

    elapsed = in_thread(flood())
    admitted, refused = statuses.count(101), statuses.count(429)
    assert set(statuses) <= {101, 429}, Counter(statuses)
    # The burst at once and what the rate adds while the flood lasts; the rest refused.
    assert WS_BURST + 1 <= admitted <= WS_BURST + 1 + WS_RATE * (elapsed + 1), (admitted, elapsed)
    assert refused == FLOOD - admitted
    assert refused >= FLOOD // 2, f"{refused} of {FLOOD} refused in {elapsed:.1f} s"
    assert refused_by(proxy, "pfcc_ws", FLOOD_ADDRESS) == refused
    print(f"\nflood: {FLOOD} opens in {elapsed:.1f} s: {admitted} admitted, {refused} refused")


def test_a_room_of_100_behind_one_address_opens_the_static_edition_together(proxy):
    """100 browsers open the front page in the same second: its HTML, then its style sheet,
    script and plotly.js (the room reaches for a chart at once: the script loads plotly.js,
    named on the page, then). Bounded: 400 requests."""
    _, _, home = proxy.get("/")
    assets = re.findall(r'(?:src|href|data-plotly)="(assets/[^"]+)"', home.decode())
    assert any("plotly" in a for a in assets) and len(assets) == 3, assets
    paths = ["/", *(f"/{a}" for a in assets)]

    async def room() -> list[tuple[str, Response]]:
        async def browser(i: int) -> list[tuple[str, Response]]:
            await asyncio.sleep(i / ROOM)
            b = Browser(proxy, SITE_ROOM_ADDRESS)
            return await b.fetch_all(paths[:1]) + await b.fetch_all(paths[1:])

        async with asyncio.timeout(60):
            return [x for got in await asyncio.gather(*map(browser, range(ROOM))) for x in got]

    loads = in_thread(room())
    assert len(loads) == ROOM * len(paths)
    assert Counter(r.status for _, r in loads) == {200: ROOM * len(paths)}
