"""The suite's fixtures: the database built from the repository's own data, a connection to it,
a scratch copy of data/, a Streamlit server and Debian's chromium. The machinery behind them,
shared with scripts/, is in harness/; the helpers only tests import (rows: tests/support/sql.py)
are in tests/support/; a test never imports this file or another test module."""

import shutil
from pathlib import Path

import pytest

from harness import browser as chromium
from harness.server import Server
from pfcc.ingest import build
from pfcc.paths import DATA_DIR, DB_PATH
from pfcc.store import db


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


@pytest.fixture(scope="session")
def server(built_db):
    """The dashboard on a loopback port, shared by the session's browser tests."""
    s = Server(built_db)
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser():
    if not chromium.CHROMIUM.exists():
        pytest.fail(
            "Debian chromium is missing: `make test` installs it (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = chromium.launch(p)
        yield b
        b.close()
