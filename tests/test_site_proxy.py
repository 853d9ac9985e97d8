"""The whole public address, for real, on loopback: the static edition (`make site`, published by
deploy/publish.sh) at the root and one app replica under /live/, behind deploy/nginx.conf.template
(harness/nginx.py). Every static page answers 200 with the security headers and a CSP
header that is its meta tag's policy plus frame-ancestors; hashed assets are cached for a year,
pages for minutes; text is compressed; a missing page is 404; /outcomes draws every chart in
chromium with no CSP violation, and its "Explore this in the interactive dashboard" link opens
the live app through the same nginx, connected and drawing."""

from __future__ import annotations

import gzip
import html
import json
import re
import time

import pytest

from harness.browser import visible_problems, wait_idle
from harness.nginx import LIVE, proxy_or_skip
from harness.server import Server
from pfcc.render.site import build as site_build

pytestmark = pytest.mark.browser

HEADERS = [
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "Content-Security-Policy",
]
YEAR = "public, max-age=31536000, immutable"
ADDRESS = "https://performance.example.org/"  # the site knows its address: it writes a sitemap
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile));
"""


def directives(policy: str) -> dict[str, str]:
    parts = (d.strip().split(None, 1) for d in policy.split(";") if d.strip())
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


def meta_csp(doc: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', doc)
    assert m, "the page carries its policy in a meta tag"
    return html.unescape(m.group(1))


def max_age(cache_control: str) -> int:
    m = re.search(r"max-age=(\d+)", cache_control)
    return int(m.group(1)) if m else 0


@pytest.fixture(scope="module")
def site(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("site-proxy") / "site"
    return site_build.build(folder, live=f"{LIVE}/", images=False, address=ADDRESS)


@pytest.fixture(scope="module")
def live(built_db):
    app = Server(built_db, base_path=LIVE)
    yield app
    app.stop()


@pytest.fixture(scope="module")
def proxy(site, live):
    p = proxy_or_skip([f"127.0.0.1:{live.port}"], site=site.folder, keep="site-proxy")
    yield p
    p.stop()


def test_every_static_page_is_served_with_its_policy_as_a_header(site, proxy):
    assert len(site.pages) >= 10
    for url, path in site.pages.items():
        status, headers, body = proxy.get(url)
        assert status == 200, url
        assert body == path.read_bytes(), url
        assert headers["Content-Type"] == "text/html; charset=utf-8", url
        for name in HEADERS:
            assert headers.get(name), f"{url} lacks {name}"
        header, meta = (
            directives(headers["Content-Security-Policy"]),
            directives(meta_csp(body.decode())),
        )
        assert header.pop("frame-ancestors") == "'none'", url  # a meta tag cannot carry it
        assert header == meta, f"{url}: the header's policy is not the page's own"
        assert header["script-src"] == "'self'" and header["connect-src"] == "'none'"
        assert not any(c.startswith("pfcc_route=") for c in headers.get_all("Set-Cookie", [])), (
            "the route cookie is the live app's: static files neither need nor get it"
        )
    # A page asked without its final slash is sent to it: its relative links need the slash.
    for url, to in {
        "/outcomes": "/outcomes/",
        "/slides/2": "/slides/2/",
        "/grades?x=1": "/grades/?x=1",
        LIVE: f"{LIVE}/",
    }.items():
        status, headers, _ = proxy.get(url)
        assert (status, headers["Location"]) == (301, to), url


def test_hashed_assets_are_cached_for_good_and_pages_for_minutes(site, proxy):
    manifest = json.loads((site.folder / "site.json").read_text())
    assets = list(manifest["assets"].values())
    assert len(assets) == 3 and all(re.search(r"\.[0-9a-f]{12}\.", a) for a in assets)
    for asset in assets:
        status, headers, body = proxy.get(f"/{asset}")
        assert status == 200 and body == (site.folder / asset).read_bytes(), asset
        assert headers["Cache-Control"] == YEAR, asset
    charts = sorted((site.folder / "data" / "charts").glob("*.csv"))
    for url in [*site.pages, "/site.json", f"/data/charts/{charts[0].name}"]:
        status, headers, _ = proxy.get(url)
        cache = headers["Cache-Control"]
        assert status == 200 and "immutable" not in cache and max_age(cache) <= 300, (url, cache)
        etag = headers["ETag"]
        status, headers, body = proxy.get(url, {"If-None-Match": etag})
        assert status == 304 and body == b"", f"{url}: revalidated by its ETag"


def test_text_is_sent_compressed(site, proxy):
    manifest = json.loads((site.folder / "site.json").read_text())
    chart_csv = next((site.folder / "data" / "charts").glob("*.csv"))
    for url, file, kind in (
        ("/outcomes/", site.folder / "outcomes" / "index.html", "text/html"),
        (f"/{manifest['assets']['plotly']}", None, "application/javascript"),
        (f"/{manifest['assets']['css']}", None, "text/css"),
        (f"/data/charts/{chart_csv.name}", chart_csv, "text/csv"),
    ):
        file = file or site.folder / url.lstrip("/")
        status, headers, body = proxy.get(url, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip", url
        assert headers["Content-Type"].startswith(kind) and "Accept-Encoding" in headers["Vary"]
        assert gzip.decompress(body) == file.read_bytes(), url
        assert len(body) < file.stat().st_size / 2, url
        status, headers, body = proxy.get(url)  # a client that does not ask gets it plain
        assert "Content-Encoding" not in headers and body == file.read_bytes(), url


def test_robots_and_the_sitemap_are_served_as_text_and_xml(site, proxy):
    for name, kind in (("robots.txt", "text/plain"), ("sitemap.xml", "application/xml")):
        status, headers, body = proxy.get(f"/{name}")
        assert status == 200 and body == (site.folder / name).read_bytes(), name
        assert headers["Content-Type"] == f"{kind}; charset=utf-8", name
        assert headers.get("X-Content-Type-Options") == "nosniff", name


def test_a_missing_page_is_404_with_the_headers(proxy):
    for url in ("/no-such-page/", "/no-such-page", "/assets/plotly.000000000000.min.js"):
        status, headers, _ = proxy.get(url)
        assert status == 404, url
        for name in HEADERS:
            assert headers.get(name), f"{url} ({status}) lacks {name}"
        assert "immutable" not in headers.get("Cache-Control", ""), "a 404 is not kept a year"
    assert proxy.get("/outcomes/", method="POST")[0] == 405, "GET only, static part included"


def test_outcomes_draws_through_nginx_and_its_explore_link_opens_the_live_app(site, proxy, browser):
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 720})
    context.add_init_script(CSP_WATCH)
    elsewhere, errors = [], []

    def route(r):
        if r.request.url.startswith(proxy.origin + "/"):
            r.continue_()
        else:
            elsewhere.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(proxy.origin + "/outcomes/")
        charts = page.locator(".pfcc-chart").count()
        assert charts >= 1
        page.wait_for_function(
            "n => [...document.querySelectorAll('.pfcc-chart')]"
            ".filter(c => c.querySelector('.main-svg')).length >= n",
            arg=charts,
            timeout=60_000,
        )
        assert page.evaluate("window.__cspViolations") == []
        assert (elsewhere, errors) == ([], [])

        link = page.get_by_role("link", name="Explore this in the interactive dashboard")
        assert link.get_attribute("href") == f"{LIVE}/outcomes"
        with page.expect_navigation():
            link.click()
        wait_idle(page, 1)  # connected over the websocket through nginx, a chart drawn
        assert page.url.startswith(f"{proxy.origin}{LIVE}/outcomes"), page.url
        assert visible_problems(page) == []
        page.wait_for_timeout(500)
        assert page.evaluate("window.__cspViolations") == []
        assert elsewhere == []
        assert any(c["name"] == "pfcc_route" and c["path"] == LIVE for c in context.cookies())
    finally:
        context.close()
    deadline = time.monotonic() + 10  # a websocket is logged when it closes
    while time.monotonic() < deadline:
        stream = [e for e in proxy.log() if e["path"] == f"{LIVE}/_stcore/stream"]
        if stream:
            break
        time.sleep(0.2)
    assert [e["status"] for e in stream] == ["101"], stream
