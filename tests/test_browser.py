"""The dashboard in a real browser: Debian's chromium driven by Playwright against a Streamlit
server the test starts. Every page draws its charts with no error; a deep link works as the first
request to a new server; a copied link reopens its filters. Screenshots go to
tests/artifacts/screenshots/ for review."""
import pytest

from conftest import SHOTS, SIZES, Server, rows, visible_problems, wait_idle
from test_app_pages import CHARTS

pytestmark = pytest.mark.browser
URLS = {"overview": "", "grades": "grades", "recording": "recording", "outcomes": "outcomes",
        "calls": "calls", "recommendations": "recommendations", "sources": "sources",
        "accessibility": "accessibility"}

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
