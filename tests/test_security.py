"""Read-only and locked down: through the app's own connection nothing can be written, no file
read, nothing attached or installed; only named queries run; a broken database gives a plain page
that says what is wrong and how an operator fixes it (the detail goes to the log, not the
visitor); the app is unchanged after every cache is emptied; the committed Streamlit
configuration is the public one."""

import datetime
import hashlib
import os
import tomllib

import duckdb
import pytest
import streamlit as st

from harness.apptest import SLUGS, render, text_of
from harness.server import Server
from pfcc import registry
from pfcc.paths import ROOT
from pfcc.store import db
from tests.support.sql import hold_for_writing

ATTEMPTS = {
    "write a row": (
        "INSERT INTO sources VALUES ('x', 't', 'p', 'l', NULL, 'https://x', NULL, 'secondary')"
    ),
    "change a row": "UPDATE measures SET value = 0",
    "delete rows": "DELETE FROM grades",
    "create a table": "CREATE TABLE stolen AS SELECT 1",
    "drop a table": "DROP TABLE sources",
    "read a file": "SELECT * FROM read_csv('/etc/passwd')",
    "read a file by path": "SELECT * FROM '/etc/passwd'",
    "read text": "SELECT * FROM read_text('/etc/hostname')",
    "write a file": "COPY sources TO '/tmp/pfcc-leak.csv'",
    "attach a database": "ATTACH '/tmp/pfcc-other.duckdb' AS other",
    "install an extension": "INSTALL httpfs",
    "load an extension": "LOAD httpfs",
    "change configuration": "SET enable_external_access = true",
    "lift the lock": "SET lock_configuration = false",
    "export the database": "EXPORT DATABASE '/tmp/pfcc-export'",
}


@pytest.mark.parametrize("shared", [True, False], ids=["shared", "private"])
@pytest.mark.parametrize("attempt", ATTEMPTS, ids=list(ATTEMPTS))
def test_the_app_connection_refuses(built_db, attempt, shared):
    before = hashlib.sha256(built_db.read_bytes()).hexdigest()
    cur = db.connect(built_db, shared=shared)
    try:
        with pytest.raises(duckdb.Error):
            cur.execute(ATTEMPTS[attempt]).fetchall()
    finally:
        cur.close()
    assert hashlib.sha256(built_db.read_bytes()).hexdigest() == before
    assert not os.path.exists("/tmp/pfcc-leak.csv") and not os.path.exists("/tmp/pfcc-export")


@pytest.mark.parametrize(
    "name",
    [
        "../data/x",
        "sources; DROP TABLE sources",
        "Sources",
        "",
        "export_sources.sql",
        "no_such_query",
        "/etc/passwd",
    ],
)
def test_only_named_query_files_run(built_db, name):
    with pytest.raises(db.UnknownQuery):
        db.run_query(name)


def test_parameters_are_bound_not_formatted(built_db):
    hostile = "x' OR '1'='1"
    assert db.run_query(
        "recommendations", source_id=hostile, status=None, today=datetime.date.today()
    ).empty


@pytest.mark.parametrize("state", ["missing", "empty", "corrupt", "locked"])
def test_a_broken_database_gives_a_plain_page(tmp_path, monkeypatch, built_db, state):
    broken = tmp_path / "staffordshire.duckdb"
    holder = None
    if state == "empty":
        broken.write_bytes(b"")
    elif state == "corrupt":
        broken.write_bytes(b"this is not a database" * 1000)
    elif state == "locked":
        broken.write_bytes(built_db.read_bytes())
        holder = hold_for_writing(broken)
    monkeypatch.setattr(db, "DB_PATH", broken)
    st.cache_data.clear()
    try:
        at = render("overview")
        assert not at.exception
        shown = text_of(at) + "\n".join(e.value for e in at.error)
        assert at.error and "database" in at.error[0].value
        assert ("make data" in shown) or ("stop it" in shown)
        assert str(tmp_path) not in shown, "no server path reaches the visitor"
        assert "Traceback" not in shown and "IO Error" not in shown and ".py" not in shown
    finally:
        if holder:
            holder.kill()
        st.cache_data.clear()


@pytest.mark.parametrize("slug", SLUGS)
def test_the_app_is_the_same_after_every_cache_is_emptied(built_db, slug):
    first = text_of(render(slug))
    st.cache_data.clear()
    st.cache_resource.clear()
    assert text_of(render(slug)) == first


def test_the_committed_configuration_is_the_public_one():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert cfg["client"]["toolbarMode"] in ("minimal", "viewer")
    assert cfg["client"]["showErrorDetails"] == "none"
    assert cfg["client"]["showErrorLinks"] is False
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["fileWatcherType"] == "none"
    assert cfg["server"]["maxUploadSize"] <= 1
    assert cfg["runner"]["magicEnabled"] is False


@pytest.mark.browser
def test_a_visitor_sees_a_sentence_and_the_log_gets_the_detail(tmp_path, browser):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database" * 100)
    srv = Server(broken)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(srv.url + registry.page("grades").path)
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
        )
        page.wait_for_timeout(500)
        body = page.locator('[data-testid="stMain"]').inner_text()
        assert "cannot be read" in body and "make data" in body
        assert str(tmp_path) not in body and "Traceback" not in body
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        srv.stop()
    log = srv.log_path.read_text()
    assert str(broken) in log and "page failed" in log
