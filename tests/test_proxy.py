"""The deployment proxy's live part, for real, on loopback: deploy/nginx.conf.template filled in
for two app replicas under /live/ (server.baseUrlPath), a self-signed certificate, nginx in the
foreground (harness/nginx.py). Through it: the app loads over HTTPS and its websocket works;
no Content-Security-Policy violation on the overview, /grades and a presentation slide (whose
keyboard script must still run); the security headers; /_stcore/metrics blocked; HTTP redirected
to HTTPS; sessions sticky to one replica; bursts refused with 429 (a meeting room behind one
address admitted: tests/test_room.py). The static edition at the root:
tests/test_site_proxy.py."""

import base64
import hashlib
import http.client
import os
import re
import time
import urllib.request
from pathlib import Path

import pytest

from harness.browser import visible_problems, wait_idle
from harness.nginx import LIVE, NAME, TEMPLATE, proxy_or_skip
from harness.server import Server
from pfcc import registry

pytestmark = pytest.mark.browser

# A sample, each with a chart: the default page at /live/, a deep link, and a slide.
HOME = next(p for p in registry.PAGES if p.default)
DEEP = registry.page("grades")
PAGES = {
    HOME.slug: f"{LIVE}{HOME.path}",
    DEEP.slug: f"{LIVE}{DEEP.path}",
    "present": f"{LIVE}/?mode=present&slide=1",
}
HEADERS = [
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Content-Security-Policy",
]
# Collects violations as the page sees them (init scripts are not subject to the page's CSP).
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':'
  + e.lineNumber + ' ' + (e.sample || '')));
"""


def limit(pattern: str) -> int:
    """A number of the template's rate limits (tests/test_room.py shows a room fits in them)."""
    m = re.search(pattern, TEMPLATE.read_text(encoding="utf-8"))
    assert m, f"deploy/nginx.conf.template has no {pattern!r}"
    return int(m.group(1))


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def replicas(built_db):
    """Two app processes on one read-only database file, each under /live/ as deployed."""
    started = []
    try:
        for _ in range(2):
            started.append(Server(built_db, base_path=LIVE))
        yield started
    finally:
        for s in started:
            s.stop()


@pytest.fixture(scope="module")
def proxy(replicas):
    p = proxy_or_skip([f"127.0.0.1:{r.port}" for r in replicas])
    yield p
    p.stop()


def test_the_csp_allows_exactly_the_inline_scripts_the_app_has(proxy, replicas):
    """The live app's policy names its three inline scripts by hash: Streamlit's one line in
    index.html, the presentation's keys script and the phone's chart-box script. A change to
    any must change deploy/nginx.conf.template (its `map $uri $pfcc_csp`)."""
    from pfcc.render.live.slideshow import KEYS
    from pfcc.render.theme import PHONE_JS

    _, headers, _ = proxy.get(f"{LIVE}/")
    csp = headers["Content-Security-Policy"]
    assert csp in TEMPLATE.read_text()
    index = urllib.request.urlopen(replicas[0].url + "/", timeout=10).read().decode()
    inline = re.findall(r"<script>(.*?)</script>", index, re.S)
    inline += re.findall(r"<script>(.*?)</script>", KEYS + PHONE_JS, re.S)
    assert len(inline) == 3
    for script in inline:
        assert sha256_source(script) in csp, (
            f"put {sha256_source(script)} in the CSP's script-src for:\n{script.strip()[:200]}"
        )
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "'unsafe-eval'" not in csp


@pytest.mark.parametrize("name", PAGES)
def test_the_app_works_through_the_proxy_with_no_csp_violation(proxy, browser, name):
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 720})
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    try:
        page.goto(proxy.origin + PAGES[name])
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=90_000
        )
        wait_idle(page, 1)  # connected over the websocket through nginx, a Plotly chart drawn
        assert page.url.startswith(proxy.origin)
        assert visible_problems(page) == []
        if name == HOME.slug:  # a download is a /media file held by the session's replica
            with page.expect_download(timeout=30_000) as download:
                page.get_by_role("button", name="Download CSV of this chart's data").first.click()
            assert Path(download.value.path()).read_bytes().count(b"\n") >= 2
        if name == "present":  # the hashed inline script runs: → moves to the next slide
            page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "() => (document.querySelector('.pfcc-slide-footer') || {})"
                ".innerText?.includes('Slide 2 of')",
                timeout=60_000,
            )
            assert re.search(r"[?&]slide=2(&|$)", page.url), page.url
            wait_idle(page, registry.slides()[1].charts)
        page.wait_for_timeout(500)
        violations = page.evaluate("window.__cspViolations")
        csp_console = [
            m
            for m in console
            if "Content Security Policy" in m
            or "Content-Security-Policy" in m
            or "Permissions-Policy" in m
        ]
        assert violations == [], violations
        assert csp_console == [], csp_console
        route = next(c["value"] for c in context.cookies() if c["name"] == "pfcc_route")
    finally:
        context.close()

    # The websocket is logged when it closes; everything this visitor's cookie carried, the
    # websocket included, went to one replica.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        mine = [e for e in proxy.log() if e["route"] == route]
        if any(e["path"] == f"{LIVE}/_stcore/stream" for e in mine):
            break
        time.sleep(0.2)
    assert any(e["path"] == f"{LIVE}/_stcore/stream" and e["status"] == "101" for e in mine), mine
    assert len({e["upstream"] for e in mine}) == 1, mine
    assert not [e for e in mine if e["status"] == "429" or e["status"][0] == "5"], mine


def test_security_headers_on_every_response(proxy):
    metrics_status, _, _ = proxy.get(f"{LIVE}/_stcore/metrics")
    for path in (
        *PAGES.values(),
        f"{LIVE}/_stcore/health",
        f"{LIVE}/_stcore/metrics",
        f"{LIVE}/no-such-page",
        "/no-such-page",  # the static edition's root (empty here): a 404 from nginx itself
    ):
        status, headers, _ = proxy.get(path)
        for name in HEADERS:
            assert headers.get(name), f"{path} ({status}) lacks {name}"
        assert headers["Server"] == "nginx", "server_tokens off: no version"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "max-age=" in headers["Strict-Transport-Security"]
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert metrics_status == 404
    _, headers, _ = proxy.get(f"{LIVE}/_stcore/health")
    xsrf = [c for c in headers.get_all("Set-Cookie") if c.startswith("_streamlit_xsrf=")]
    assert xsrf and all("Secure" in c for c in xsrf), "Streamlit's XSRF cookie marked Secure"


def test_metrics_and_other_closed_routes_are_blocked(proxy, replicas):
    for path in ("/_stcore/metrics", "/_stcore/metrics/"):  # Streamlit answers both
        assert urllib.request.urlopen(replicas[0].url + path, timeout=10).status == 200
    for path in ("/_stcore/metrics", "/_stcore/metrics?x=1", "/_stcore/metrics/"):
        assert proxy.get(LIVE + path)[0] == 404, f"{path}: metrics list cached functions"
    assert proxy.get(f"{LIVE}/_stcore/agent/openapi.json")[0] == 404
    assert proxy.get(f"{LIVE}/_stcore/health", method="POST")[0] == 405, "GET only: read-only"
    for host in ("evil.example", f"127.0.0.1:{proxy.https_port}"):
        status, _, _ = proxy.get(f"{LIVE}/", headers={"Host": host})
        assert status == 421, f"a Host that is not ours ({host}) never reaches the app"


def test_plain_http_redirects_to_https(proxy):
    conn = http.client.HTTPConnection("127.0.0.1", proxy.http_port, timeout=10)
    try:
        conn.request(
            "GET", f"{PAGES[DEEP.slug]}?theme=x", headers={"Host": f"{NAME}:{proxy.http_port}"}
        )
        r = conn.getresponse()
        r.read()
    finally:
        conn.close()
    assert r.status == 301
    assert r.headers["Location"] == f"{proxy.origin}{PAGES[DEEP.slug]}?theme=x"


def test_sessions_stick_to_one_replica_and_both_replicas_serve(proxy, replicas):
    """The route cookie decides the replica: the same cookie always reaches the same one, and
    different visitors are spread over both."""
    _, headers, body = proxy.get(f"{LIVE}/")
    assert any(
        re.fullmatch(r"pfcc_route=[0-9a-f]{32}; Path=/live; Secure; HttpOnly; SameSite=Lax", c)
        for c in headers.get_all("Set-Cookie")
    )
    css = LIVE + "/" + re.search(r'href="\./(static/css/[^"]+\.css)"', body.decode()).group(1)
    routes = [f"{i:032x}" for i in range(16)]
    for _ in range(2):
        for route in routes:
            status, headers, _ = proxy.get(css, headers={"Cookie": f"pfcc_route={route}"})
            assert status == 200
            cookies = headers.get_all("Set-Cookie", [])
            assert not any(c.startswith("pfcc_route=") for c in cookies), "a valid route is kept"
    served: dict[str, set] = {}
    for e in proxy.log():
        if e["path"] == css and e["route"] in routes:
            served.setdefault(e["route"], set()).add(e["upstream"])
    assert len(served) == len(routes), served
    assert all(len(ups) == 1 for ups in served.values()), served
    assert set().union(*served.values()) == {f"127.0.0.1:{r.port}" for r in replicas}


def test_a_burst_beyond_the_rate_limit_is_refused(proxy):
    """Late in the module: it empties this client's allowance. As fast as one connection goes,
    more than a meeting room's page loads (the burst): the rest refused. Bounded: 1000 requests,
    30 s."""
    rate, burst = (
        limit(r"zone=pfcc_pages:\S+ rate=(\d+)r/s;"),
        limit(r"zone=pfcc_pages burst=(\d+)"),
    )
    statuses = []
    conn = http.client.HTTPSConnection("127.0.0.1", proxy.https_port, context=proxy.tls, timeout=10)
    t0 = time.monotonic()
    deadline = t0 + 30
    try:
        for _ in range(1000):
            if time.monotonic() > deadline:
                break
            try:
                conn.request("GET", f"{LIVE}/_stcore/health", headers={"Host": proxy.host})
                r = conn.getresponse()
                r.read()
                statuses.append(r.status)
            except (http.client.HTTPException, OSError):
                conn.close()  # reconnects on the next request
    finally:
        conn.close()
    elapsed = time.monotonic() - t0
    assert set(statuses) <= {200, 429}, statuses
    assert 200 in statuses, statuses
    assert statuses.count(200) <= burst + 1 + rate * (elapsed + 1), (statuses.count(200), elapsed)
    assert statuses.count(429) >= 200, f"the burst was not limited: {statuses.count(429)} refused"


def test_a_burst_of_websocket_opens_is_refused(proxy):
    """Each websocket is a session that runs the script: opens are limited harder. A meeting
    room's worth at once is admitted (tests/test_room.py); twice that, one after another as fast
    as they go, is mostly refused. Bounded: 200 opens, 30 s."""
    rate, burst = limit(r"zone=pfcc_ws:\S+ rate=(\d+)r/s;"), limit(r"zone=pfcc_ws burst=(\d+)")
    statuses = []
    t0 = time.monotonic()
    for _ in range(2 * burst):
        if time.monotonic() > t0 + 30:
            break
        status, _, _ = proxy.get(
            f"{LIVE}/_stcore/stream",
            headers={
                "Connection": "Upgrade",
                "Upgrade": "websocket",
                "Sec-WebSocket-Version": "13",
                "Sec-WebSocket-Key": base64.b64encode(os.urandom(16)).decode(),
                "Sec-WebSocket-Protocol": "streamlit",
                "Origin": proxy.origin,
            },
        )
        statuses.append(status)
    elapsed = time.monotonic() - t0
    assert statuses[0] == 101, "the proxy passes a websocket handshake to the app"
    assert set(statuses) <= {101, 429}, statuses
    assert statuses.count(101) <= burst + 1 + rate * (elapsed + 1), (statuses.count(101), elapsed)
    assert statuses.count(429) >= burst // 2, statuses
