"""The dashboard in a real browser: Debian's chromium driven by Playwright against a Streamlit
server the test starts. Every page draws its charts with no error; a deep link works as the first
request to a new server; a copied link reopens its filters. Screenshots go to
tests/artifacts/screenshots/ for review."""

import pytest

from harness.browser import SHOTS, SIZES, visible_problems, wait_idle
from harness.server import Server
from pfcc import registry
from tests.support.sql import rows

pytestmark = pytest.mark.browser


def charts(slug: str) -> int:
    return len(registry.page(slug).shown())


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("view", registry.views(), ids=lambda v: v.name)
def test_page_draws_every_chart_without_error(server, browser, view, size):
    w, h = size
    page = browser.new_page(viewport={"width": w, "height": h})
    try:
        page.goto(server.url + view.url)
        wait_idle(page, len(view.charts))
        assert page.locator(".js-plotly-plot").count() == len(view.charts)
        assert visible_problems(page) == []
        assert page.locator("h1").count() == 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = view.name.replace("/", "-")
        page.screenshot(path=str(SHOTS / f"{shot}-{w}x{h}.png"))
    finally:
        page.close()


def test_deep_link_is_the_first_request_to_a_new_server(built_db, browser, con):
    fresh = Server(built_db)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        grades, recording = registry.page("grades"), registry.page("recording")
        page.goto(fresh.url + grades.path)
        wait_idle(page, charts("grades"))
        assert visible_problems(page) == [], "no 'page not found' or error on a first request"
        assert page.url.endswith(grades.path)
        n = rows(
            con,
            """SELECT count(*) AS n FROM grades WHERE inspection = 'PEEL 2021/22'
                         AND grade = 'Inadequate'""",
        )[0]["n"]
        assert f"{n} areas graded inadequate" in page.locator("h1").inner_text()
        nav = page.get_by_role("link", name=recording.title)
        assert nav.count() >= 1, "the app's own navigation is there"
        nav.first.click()
        page.wait_for_url(f"**{recording.path}", timeout=30_000)  # the old page is idle too
        wait_idle(page, charts("recording"))
        assert page.url.endswith(recording.path)
    finally:
        fresh.stop()


def test_a_copied_link_reopens_the_same_filters(server, browser, con):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(server.url + registry.page("recommendations").path)
        wait_idle(page, charts("recommendations"))
        page.get_by_label("Status").click()
        page.get_by_role("option", name="Closed").click()
        page.wait_for_url("**status=Closed**", timeout=30_000)
        wait_idle(page, charts("recommendations"))
        copied = page.url
    finally:
        page.close()
    again = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        again.goto(copied)
        wait_idle(again, charts("recommendations"))
        closed = rows(
            con,
            """SELECT count(*) AS n FROM recommendations
                              WHERE status = 'closed'""",
        )[0]["n"]
        table = again.locator("table:has(caption)").first  # the chart's table
        assert table.locator("tbody tr").count() == closed
        shown = again.locator('[data-testid="stSelectbox"]').filter(has_text="Status")
        assert shown.locator("input").input_value() == "Closed"
    finally:
        again.close()
