"""Load through Streamlit's own websocket protocol (harness/loadclient.py): ten
browser-like sessions at once each view every page of the app (pfcc.registry's) without an error.
Speed is measured by `python -m scripts.load`, not asserted here: a benchmark is not a test."""

import asyncio
import threading

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from harness import loadclient
from harness.server import Server
from pfcc import registry


def app_pages() -> list[str]:
    """The paths a browser shows: "/" for the default page."""
    return sorted(p.path for p in registry.PAGES)


def test_ten_concurrent_sessions_view_every_page_without_error(server):
    pages = app_pages()

    report = loadclient.run_sessions(server.url, sessions=10, concurrency=10, timeout_s=180)

    assert report.errors == []
    assert report.completed == 10
    assert len(report.results) == 10
    for r in report.results:
        assert sorted(r.pages) == pages, "the navigation message names every page"
        assert sorted(r.pages_viewed) == pages, f"session {r.index} viewed {r.pages_viewed}"
        assert all(v.errors == 0 for v in r.views)
    assert report.page_views == 10 * len(pages)
    assert len(report.latencies_s) == report.page_views


def test_a_failing_page_is_counted_as_an_error(tmp_path):
    """Without its database the data pages fail gracefully (an error alert, not a traceback):
    the client must see that, or the test above would pass on a broken app."""
    broken = Server(tmp_path / "missing.duckdb")
    try:
        report = loadclient.run_sessions(broken.url, sessions=1, concurrency=1, timeout_s=120)
    finally:
        broken.stop()
    assert not report.ok
    assert report.page_views == len(app_pages()), "it still viewed every page"
    views = {v.page: v.errors for v in report.results[0].views}
    charted = [p.path for p in registry.PAGES if p.charts]
    assert charted and all(views[path] > 0 for path in charted), views
    assert report.errors and all("error alert" in e for e in report.errors)


class FakeSocket:
    """Plays back ForwardMsgs as the server would send them."""

    def __init__(self, msgs):
        self.msgs = [m.SerializeToString() for m in msgs]
        self.sent = []

    async def send(self, data):
        self.sent.append(data)

    async def recv(self, decode=None):
        return self.msgs.pop(0)


def test_exception_deltas_count_and_an_early_finish_is_not_the_end():
    nav = ForwardMsg()
    page = nav.navigation.app_pages.add(page_script_hash="h1", url_pathname="", is_default=True)
    nav.navigation.page_script_hash = page.page_script_hash
    boom = ForwardMsg()
    boom.delta.new_element.exception.type = "ZeroDivisionError"
    boom.delta.new_element.exception.message = "division by zero"
    early = ForwardMsg(script_finished=ForwardMsg.FINISHED_EARLY_FOR_RERUN)
    done = ForwardMsg(script_finished=ForwardMsg.FINISHED_SUCCESSFULLY)
    ws = FakeSocket([nav, boom, early, boom, done])

    s = loadclient._Session(0, "http://127.0.0.1:1/", "127.0.0.1", 1, "", timeout_s=5)
    # a thread of its own: Playwright's sync API may hold a running loop in this one
    worker = threading.Thread(target=lambda: asyncio.run(s._view(ws, "")))
    worker.start()
    worker.join(timeout=30)

    assert ws.msgs == [], "it read on past FINISHED_EARLY_FOR_RERUN to script_finished"
    assert [v.page for v in s.result.views] == ["/"]
    assert s.result.views[0].errors == 2
    assert all("ZeroDivisionError" in e for e in s.result.errors)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com:8501",
        "http://10.0.0.1:8501",
        "http://0.0.0.0:8501",
        "http://[2001:db8::1]:8501",
        "http://127.0.0.1.example.com:8501",
        "http://192.168.1.5",
    ],
)
def test_the_client_refuses_any_host_but_loopback(url):
    with pytest.raises(ValueError, match="loopback"):
        loadclient.run_sessions(url, sessions=1, concurrency=1, timeout_s=5)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8501",
        "http://127.8.9.10:8501",
        "http://[::1]:8501",
        "http://localhost:8501",
    ],
)
def test_loopback_hosts_are_accepted(url):
    host, port, base = loadclient.check_loopback(url)
    assert port == 8501 and base == ""


def test_counts_are_bounded():
    for kwargs in (
        {"sessions": 0, "concurrency": 1},
        {"sessions": 10**6, "concurrency": 1},
        {"sessions": 1, "concurrency": 0},
        {"sessions": 1, "concurrency": 10**6},
    ):
        with pytest.raises(ValueError):
            loadclient.run_sessions("http://127.0.0.1:8501", timeout_s=5, **kwargs)
