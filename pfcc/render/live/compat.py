"""Every change this project makes to Streamlit's or Plotly's own behaviour, in one place. Each
wraps a function of the version pinned in requirements.txt (some private); where a Streamlit or
Plotly lacks one, the server starts as before with a warning, never not at all.
tests/test_compat.py checks each against the pinned versions: a test that starts failing says
Streamlit or Plotly changed underneath.

- `switch_off_nagle`: no 40 ms wait on every page view's later messages.
- `pace_reruns`: one session's reruns coalesce and are paced, so one visitor cannot keep the
  server busy (with `runner.fastReruns = false` in .streamlit/config.toml).
- `withhold_server_details`: no server path, Python version or installation ID to browsers.
- `serialise_once`: a chart's figure goes to browsers as the JSON made once for every session
  (`pfcc.render.spec.LiveFigure`), not serialised again on every run."""

from __future__ import annotations

import asyncio
import functools
import logging
import socket
import time

log = logging.getLogger("pfcc")

# A session's reruns: a burst of this many at once (a visitor clicking through tabs and
# filters), then one each 1/RATE seconds. What arrives faster waits; only the newest waiting
# rerun runs (each carries the whole page state, so it includes those it replaces).
RERUN_BURST = 8
RERUN_RATE = 4.0  # per second


def _wrap(owner, name: str, wrapper, missing: str) -> None:
    """`owner.name = wrapper(owner.name)`, once however often it is asked; where this
    Streamlit has no such function, the warning `missing` and nothing else."""
    found = getattr(owner, name, None)
    if found is None:
        log.warning(missing)
    elif not getattr(found, "__pfcc__", False):
        wrapped = wrapper(found)
        wrapped.__pfcc__ = True
        setattr(owner, name, wrapped)


def _without_nagle(bind):
    """Streamlit binds its listening socket itself, made without a protocol number, so asyncio
    does not switch Nagle's algorithm off on the connections it accepts (it checks the
    number). A run's first message then goes at once and the rest wait for the browser's
    delayed acknowledgement: about 40 ms on every page view. Set on the listening socket, the
    option is inherited by each accepted connection (Linux, and BSD-derived systems)."""

    @functools.wraps(bind)
    def bound(*args, **kwargs) -> socket.socket:
        sock = bind(*args, **kwargs)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    return bound


def switch_off_nagle() -> None:
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        starlette_server = None
    missing = "Streamlit's _bind_socket is gone: Nagle's algorithm stays on"
    _wrap(starlette_server, "_bind_socket", _without_nagle, missing)


class Pace:
    """A token bucket for one session's reruns, and the newest rerun waiting for a token."""

    def __init__(self, burst: int = RERUN_BURST, rate: float = RERUN_RATE, clock=time.monotonic):
        self.burst, self.rate, self.clock = burst, rate, clock
        self.tokens, self.at = float(burst), clock()
        self.waiting = None  # the newest client state held back
        self.timer = None

    def wait(self) -> float:
        """Take a token and return 0, or return how long until one is due (taking none)."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


def _running_loop():
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _paced(request_rerun):
    """AppSession.request_rerun, paced per session (`Pace`). Runs on the server's event loop,
    as Streamlit calls it for each `rerun_script` a browser sends; a held rerun runs from a
    timer on the same loop, and is dropped if the session has closed by then (Streamlit
    discards reruns after shutdown)."""

    @functools.wraps(request_rerun)
    def paced(self, client_state=None):
        loop = getattr(self, "_event_loop", None)
        if loop is None or _running_loop() is not loop:  # not a browser's message: as it was
            return request_rerun(self, client_state)
        pace = self.__dict__.get("_pfcc_pace")
        if pace is None:
            pace = self.__dict__["_pfcc_pace"] = Pace()
        if pace.timer is None:
            delay = pace.wait()
            if delay == 0:
                return request_rerun(self, client_state)
            pace.timer = loop.call_later(delay, release, self)
        pace.waiting = client_state  # the newest waits; a stale one never starts

    def release(session) -> None:
        pace = session.__dict__["_pfcc_pace"]
        held, pace.waiting, pace.timer = pace.waiting, None, None
        delay = pace.wait()
        if delay:  # the clock ran slow: wait the rest
            pace.waiting, pace.timer = held, session._event_loop.call_later(delay, release, session)
            return
        request_rerun(session, held)

    return paced


def pace_reruns() -> None:
    from streamlit import config
    from streamlit.runtime.app_session import AppSession

    if config.get_option("runner.fastReruns"):
        # with fast reruns, each rerun stops the run under way and starts another thread at
        # once, the stopped one running on to its next Streamlit call: 300 distinct reruns
        # sent at once ran side by side for a minute
        log.warning("runner.fastReruns is on: one session's reruns do not coalesce")
    missing = "Streamlit's AppSession has changed: reruns are not paced"
    _wrap(AppSession, "request_rerun", _paced, missing)


def _withheld(create):
    """The new_session message without what a browser does not need: the server's script
    path (Streamlit's own browser code uses it only inside a hash) and the Python version,
    operating system and installation IDs (for usage statistics, which are off)."""

    @functools.wraps(create)
    def withheld(self, *args, **kwargs):
        msg = create(self, *args, **kwargs)
        new = msg.new_session
        new.main_script_path = ""
        env = new.initialize.environment_info
        env.python_version = env.server_os = ""
        env.has_display = False
        user = new.initialize.user_info
        user.installation_id = user.installation_id_v3 = user.installation_id_v4 = ""
        return msg

    return withheld


def withhold_server_details() -> None:
    from streamlit.runtime.app_session import AppSession

    missing = "Streamlit's new_session message has changed: server details not withheld"
    _wrap(AppSession, "_create_new_session_message", _withheld, missing)


def _once_serialised(to_json):
    """plotly.io.to_json, except that a figure serialised once (`LiveFigure.to_dict` gives a
    `spec.Serialised`), asked for as `st.plotly_chart` asks (`validate=False`, nothing else),
    is handed back as the text it carries. Anything else goes to Plotly's own."""
    from pfcc.render.spec import Serialised

    @functools.wraps(to_json)
    def once(fig, *args, **kwargs):
        if type(fig) is Serialised and not args and set(kwargs) <= {"validate"}:
            return fig.json
        return to_json(fig, *args, **kwargs)

    return once


def serialise_once() -> None:
    import plotly.io

    missing = "plotly.io.to_json is gone: every chart is serialised on every run"
    _wrap(plotly.io, "to_json", _once_serialised, missing)


def install() -> None:
    """Every change above, once; for the server (pfcc.render.live.serve) before it starts."""
    switch_off_nagle()
    pace_reruns()
    withhold_server_details()
    serialise_once()
