"""Debian's chromium under Playwright (never a downloaded browser: `make test` installs the Debian
package), and the waits and checks the browser tests and the benchmarks share."""

from __future__ import annotations

from harness.server import ARTIFACTS
from pfcc.paths import CHROMIUM

# Headless and quiet: no sandbox (root in CI), no GPU, nothing fetched in the background.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
SIZES = ((1920, 1080), (1280, 720))  # the projector sizes every page and slide must fit
SHOTS = ARTIFACTS / "screenshots"

APP_IDLE = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)
NO_SKELETON = "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"
PROBLEMS = ('[data-testid="stException"]', '[role="dialog"]', '[data-testid="stAlertContentError"]')


def launch(playwright):
    """Debian's chromium, headless, through a running `sync_playwright()`."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(
            f"Debian chromium is missing at {CHROMIUM}: `make test` installs "
            "it (apt-get install chromium)"
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(LAUNCH_ARGS))


def wait_charts(page, charts: int) -> None:
    """At least `charts` Plotly charts are drawn: counted by plot, as Plotly draws two
    `main-svg` layers in each."""
    page.wait_for_function(
        "n => [...document.querySelectorAll('.js-plotly-plot')]"
        ".filter(p => p.querySelector('.main-svg')).length >= n",
        arg=charts,
        timeout=60_000,
    )


def wait_idle(page, charts: int, settle_ms: int = 300) -> None:
    """Streamlit is done: connected, script not running, no skeleton, every chart drawn."""
    page.wait_for_selector(APP_IDLE, timeout=90_000)
    page.wait_for_function(NO_SKELETON, timeout=60_000)
    wait_charts(page, charts)
    if settle_ms:
        page.wait_for_timeout(settle_ms)


def visible_problems(page) -> list[str]:
    """What a visitor would see go wrong: exceptions, error dialogs and error alerts."""
    return [el.inner_text()[:200] for selector in PROBLEMS for el in page.locator(selector).all()]
