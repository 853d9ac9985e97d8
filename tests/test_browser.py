"""The dashboard in a real browser: Debian's chromium driven by Playwright against a Streamlit
server the test starts. Every page draws its charts with no error; a deep link works as the first
request to a new server; a copied link reopens its filters. Screenshots go to
tests/artifacts/screenshots/ for review."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, rows
from test_app_pages import CHARTS

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
SIZES = [(1920, 1080), (1280, 720)]
URLS = {"overview": "", "grades": "grades", "recording": "recording", "outcomes": "outcomes",
        "calls": "calls", "recommendations": "recommendations", "sources": "sources"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = os.environ | {"PFCC_DB": str(db)}
        self.log = open(REPO / "tests" / "artifacts" / f"server-{self.port}.log", "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pfcc.serve", "--server.port", str(self.port),
             "--server.address", "127.0.0.1"],
            cwd=REPO, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/_stcore/health", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the Streamlit server did not start")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="module")
def server(built_db):
    (REPO / "tests" / "artifacts").mkdir(parents=True, exist_ok=True)
    s = Server(built_db)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()


def wait_idle(page, charts: int) -> None:
    """Streamlit is done: connected, script not running, no skeleton, every chart drawn."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
                           '[data-test-script-state="notRunning"]', timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')",
                           timeout=60_000)
    page.wait_for_function(
        f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
        timeout=60_000)
    page.wait_for_timeout(300)


def visible_problems(page) -> list[str]:
    found = []
    for selector in ('[data-testid="stException"]', '[role="dialog"]', '[data-testid="stAlertContentError"]'):
        for el in page.locator(selector).all():
            found.append(el.inner_text()[:200])
    return found


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", URLS)
def test_page_draws_every_chart_without_error(server, browser, name, size):
    w, h = size
    page = browser.new_page(viewport={"width": w, "height": h})
    try:
        page.goto(f"{server.url}/{URLS[name]}")
        wait_idle(page, CHARTS[name])
        assert page.locator(".js-plotly-plot").count() == CHARTS[name]
        assert visible_problems(page) == []
        assert page.locator("h1").count() == 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{w}x{h}.png"))
    finally:
        page.close()


def test_deep_link_is_the_first_request_to_a_new_server(built_db, browser, con):
    fresh = Server(built_db)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(f"{fresh.url}/grades")
        wait_idle(page, CHARTS["grades"])
        assert visible_problems(page) == [], "no 'page not found' or error on a first request"
        assert page.url.endswith("/grades")
        n = rows(con, """SELECT count(*) AS n FROM grades WHERE inspection = 'PEEL 2021/22'
                         AND grade = 'Inadequate'""")[0]["n"]
        assert f"{n} areas graded inadequate" in page.locator("h1").inner_text()
        nav = page.get_by_role("link", name="Crime recording")
        assert nav.count() >= 1, "the app's own navigation is there"
        nav.first.click()
        wait_idle(page, CHARTS["recording"])
        assert page.url.endswith("/recording")
    finally:
        fresh.stop()


def test_a_copied_link_reopens_the_same_filters(server, browser, con):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{server.url}/recommendations")
        wait_idle(page, CHARTS["recommendations"])
        page.get_by_label("Status").click()
        page.get_by_role("option", name="Closed").click()
        page.wait_for_url("**status=Closed**", timeout=30_000)
        wait_idle(page, CHARTS["recommendations"])
        copied = page.url
    finally:
        page.close()
    again = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        again.goto(copied)
        wait_idle(again, CHARTS["recommendations"])
        closed = rows(con, "SELECT count(*) AS n FROM recommendations WHERE status = 'closed'")[0]["n"]
        table = again.locator("table.pfcc-table").first
        assert table.locator("tbody tr").count() == closed
        shown = again.locator('[data-testid="stSelectbox"]').filter(has_text="Status")
        assert shown.locator("input").input_value() == "Closed"
    finally:
        again.close()
