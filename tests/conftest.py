import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pfcc import build, db
from pfcc.paths import DATA_DIR, DB_PATH, ROOT


@pytest.fixture(scope="session")
def built_db() -> Path:
    """The repository's own data, built fresh for this run at the path the app reads."""
    build.build(DATA_DIR, DB_PATH)
    return DB_PATH


@pytest.fixture(scope="session")
def con(built_db):
    """Through the app's own function: one process may not open the file two ways."""
    c = db.connect(built_db)
    yield c
    c.close()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A scratch copy of data/ (CSVs and documents) that a test may damage."""
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst, ignore=shutil.ignore_patterns("*.duckdb*", ".*.tmp*"))
    return dst


def rows(con, sql, *params):
    cur = con.cursor()
    res = cur.execute(sql, list(params))
    names = [d[0] for d in res.description]
    return [dict(zip(names, r)) for r in res.fetchall()]


REPO = ROOT


# --- a real browser against a real server ------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
SIZES = [(1920, 1080), (1280, 720)]


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
        stop_process(self.proc)
        self.log.close()


def stop_process(proc: subprocess.Popen, grace_s: float = 10) -> None:
    """Ask a test server to stop; insist if it does not."""
    proc.terminate()
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=grace_s)


@pytest.fixture(scope="session")
def server(built_db):
    (REPO / "tests" / "artifacts").mkdir(parents=True, exist_ok=True)
    s = Server(built_db)
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
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


