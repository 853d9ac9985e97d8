"""pfcc.render.live.compat, Streamlit's and Plotly's behaviour as this project changes it,
against the pinned versions: a test here that starts failing says Streamlit or Plotly changed
underneath."""

import asyncio
import socket
import subprocess
import sys
import tomllib
import types
from datetime import date, timedelta

import plotly.graph_objects as go
import plotly.io
import plotly.tools
import pytest
from plotly.io._json import to_json as plotly_to_json
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from streamlit.web.server.starlette import starlette_server

from harness.hostile import flood_async, in_own_loop
from harness.server import Server
from pfcc.paths import ROOT
from pfcc.render.live import compat, serve
from pfcc.render.spec import LiveFigure
from pfcc.text.formatting import fmt_date


def _accepted_nodelay(bind) -> int:
    """Bind with `bind` as Streamlit does, connect, and read TCP_NODELAY on the accepted side."""
    listener = bind("127.0.0.1", 0, 8)
    listener.setblocking(True)
    try:
        with socket.create_connection(listener.getsockname(), timeout=5):
            accepted, _ = listener.accept()
            with accepted:
                return accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        listener.close()


def test_streamlit_s_own_connections_would_wait_for_acknowledgements():
    """Why pfcc.render.live.compat mends the socket: if this starts failing, Streamlit has fixed
    it."""
    bind = starlette_server._bind_socket
    assert _accepted_nodelay(getattr(bind, "__wrapped__", bind)) == 0


def test_served_connections_send_each_message_at_once(monkeypatch, tmp_path):
    """`python -m pfcc.render.live.serve` binds with Nagle's algorithm off, for the dashboard and
    for
    another script given with --app; every other argument goes to Streamlit as given."""
    original = getattr(starlette_server._bind_socket, "__wrapped__", starlette_server._bind_socket)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", PagesManager.uses_pages_directory)
    monkeypatch.setattr(serve, "_freeze_long_lived_objects", lambda: None)
    monkeypatch.setattr(
        serve.threading, "Thread", lambda **kw: types.SimpleNamespace(start=lambda: None)
    )
    monkeypatch.setattr(AppSession, "request_rerun", AppSession.request_rerun)
    monkeypatch.setattr(
        AppSession, "_create_new_session_message", AppSession._create_new_session_message
    )
    monkeypatch.setattr(plotly.io, "to_json", plotly.io.to_json)
    ran = []
    monkeypatch.setattr(serve.cli, "main", lambda: ran.append(list(sys.argv)) or 0)
    for given, script in (([], ROOT / "dashboard.py"), (["--app", str(tmp_path)], tmp_path)):
        monkeypatch.setattr(starlette_server, "_bind_socket", original)
        monkeypatch.setattr(sys, "argv", ["serve", *given, "--server.port", "8599"])
        with pytest.raises(SystemExit):
            serve.main()
        assert ran[-1] == ["streamlit", "run", str(script), "--server.port", "8599"]
        assert _accepted_nodelay(starlette_server._bind_socket) == 1


def test_a_streamlit_without_the_private_functions_still_serves(monkeypatch, caplog):
    """Each wrap is of a function that may go: where one is gone, the server starts without it."""
    monkeypatch.delattr(starlette_server, "_bind_socket")
    monkeypatch.delattr(AppSession, "request_rerun")
    monkeypatch.delattr(AppSession, "_create_new_session_message")
    monkeypatch.setattr(plotly.io, "to_json", None)  # plotly.io would import it again
    compat.install()
    assert "Nagle's algorithm stays on" in caplog.text
    assert "reruns are not paced" in caplog.text
    assert "server details not withheld" in caplog.text
    assert "every chart is serialised on every run" in caplog.text


def test_the_public_configuration_coalesces_reruns():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["fastReruns"] is False


def test_a_session_s_pace_allows_a_burst_then_a_steady_rate():
    now = [0.0]
    pace = compat.Pace(burst=3, rate=2.0, clock=lambda: now[0])
    assert [pace.wait() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert pace.wait() == pytest.approx(0.5)  # none left: the next is due in 1/rate
    now[0] += 0.5
    assert pace.wait() == 0.0
    now[0] += 100
    assert [pace.wait() for _ in range(4)][-1] > 0  # the bucket holds `burst`, no more


def test_reruns_beyond_the_pace_wait_and_only_the_newest_runs():
    """300 reruns at once: a burst run as they come, the rest wait, and of those only the
    newest reaches Streamlit, once a token is due."""
    ran = []

    class Session:
        def request_rerun(self, client_state=None):
            ran.append(client_state)

    Session.request_rerun = compat._paced(Session.request_rerun)

    async def go():
        s = Session()
        s._event_loop = asyncio.get_running_loop()
        for i in range(300):
            s.request_rerun(i)
        assert ran == list(range(compat.RERUN_BURST))
        await asyncio.sleep(1.5 / compat.RERUN_RATE)
        s.request_rerun("off the loop's own call")  # a new one waits for its own token

    in_own_loop(go)
    assert ran == [*range(compat.RERUN_BURST), 299]


@pytest.fixture(scope="module")
def live(built_db):
    with Server() as app:
        yield app


def test_a_hostile_session_s_distinct_reruns_run_once(live):
    """300 reruns of a page, each for another meeting date, sent at once on one socket held
    open: the server runs the page a handful of times, the last for the newest date, where each
    once ran side by side with the others."""
    dates = [date(2014, 1, 2) + timedelta(days=14 * i) for i in range(300)]
    queries = [f"date={d.isoformat()}" for d in dates]
    flood = in_own_loop(lambda: flood_async(live.url, "/outcomes", queries, hold_s=8))
    assert flood.sent == 300
    assert 1 <= len(flood.runs) <= 3, f"{len(flood.runs)} runs for 300 reruns"
    assert f"As presented on {fmt_date(dates[-1])}" in flood.runs[-1]


def test_no_server_path_or_python_version_reaches_a_browser(live):
    flood = in_own_loop(lambda: flood_async(live.url, "/outcomes", ["date=2020-01-02"]))
    new = flood.new_session.new_session
    env, user = new.initialize.environment_info, new.initialize.user_info
    assert str(ROOT) not in str(flood.new_session)
    assert new.main_script_path == "" and env.python_version == "" and env.server_os == ""
    assert user.installation_id == user.installation_id_v3 == user.installation_id_v4 == ""
    assert env.streamlit_version  # sent, as the served JavaScript names it too (SECURITY.md)


def test_importing_the_chart_spec_leaves_plotly_as_it_was():
    """Only the live server changes plotly.io.to_json: a static build, a pack or a script that
    imports the renderers gets Plotly's own."""
    check = (
        "import plotly.io as pio; from plotly.io._json import to_json; "
        "import pfcc.render.spec, pfcc.render.site.build, pfcc.render.pack; "
        "assert pio.to_json is to_json, pio.to_json"
    )
    subprocess.run([sys.executable, "-c", check], cwd=ROOT, check=True)


def _sent_by_streamlit(figure) -> str:
    """What `st.plotly_chart` puts on the wire for `figure`, in Streamlit's own script runner."""

    def script(figure):
        import streamlit as st

        st.plotly_chart(figure, theme=None)

    at = AppTest.from_function(script, args=(figure,))
    at.run()
    return at.get("plotly_chart")[0].proto.spec


def test_streamlit_sends_a_live_figure_s_own_json(monkeypatch):
    """What serialise_once relies on, in the pinned Streamlit and Plotly: `st.plotly_chart` takes
    a figure's `to_dict()` as it is (plotly.tools.return_figure_from_figure_or_data) and asks
    `plotly.io.to_json` for it, looked up when it is called, with `validate=False` alone. The
    JSON a LiveFigure carries is marked here, so only the shortcut can have sent it."""
    figure = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    made = plotly_to_json(figure, validate=False)
    marked = made[:-1] + ', "pfcc": "made once"}'
    monkeypatch.setattr(plotly.io, "to_json", plotly.io.to_json)  # put back after the test
    compat.serialise_once()
    compat.serialise_once()  # once however often it is asked
    assert plotly.io.to_json.__wrapped__ is plotly_to_json
    assert _sent_by_streamlit(LiveFigure(figure, marked)) == marked
    # any other figure, and any other way of asking, gets Plotly's own
    assert _sent_by_streamlit(figure) == made
    asked_otherwise = plotly.io.to_json(
        LiveFigure(figure, marked).to_dict(), validate=False, pretty=True
    )
    assert asked_otherwise != marked and "made once" in asked_otherwise
