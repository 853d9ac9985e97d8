"""Start the dashboard: `streamlit run dashboard.py`, with Streamlit's legacy pages/ mode off.

Because a pages/ folder sits beside dashboard.py, Streamlit's first run after a start builds its
old automatic navigation from the files and, asked for /grades, answers "page not found" before
dashboard.py's st.navigation resolves the page correctly. st.navigation switches that mode off on
its first run; doing it before the server starts gives every run, the first included, the same
behaviour. It also makes this project's changes to Streamlit's behaviour
(`pfcc.render.live.compat`).
Usage: python -m pfcc.render.live.serve [--app PATH] [streamlit options, e.g. --server.port 8502]"""

import ctypes
import ctypes.util
import gc
import logging
import sys
import threading
import time
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from pfcc.paths import ROOT
from pfcc.render.live import compat

log = logging.getLogger("pfcc")

# The memory tidier's rhythm: it looks once a second, and tidies after a second in which the
# server used under 5% of a core, once the server has done at least 0.2 s of work since the last
# tidy (a visitor's session is about ten page runs).
TIDY_LOOK_S = 1.0
TIDY_QUIET_SHARE = 0.05
TIDY_AFTER_WORK_S = 0.2


def _freeze_long_lived_objects() -> None:
    """Freeze what is imported before serving, so no collection walks it again (a full
    collection walked hundreds of thousands of long-lived pandas, Plotly and DuckDB objects).
    Streamlit's own collection after every run is off (`runner.postScriptGC` in
    .streamlit/config.toml): each took about 25 ms and was nine-tenths of the server's CPU
    under load, and Python's generational collector still finds a run's cycles, young. What
    is left for a session that has ended, `_tidy_when_quiet` collects."""
    import duckdb  # noqa: F401
    import pandas  # noqa: F401
    import plotly.graph_objects  # noqa: F401

    from pfcc import registry  # noqa: F401  (and through them every layer

    gc.collect()
    gc.freeze()


def _malloc_trim():
    """glibc's malloc_trim, or None where the C library has none (musl, macOS)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def tidy(trim=None) -> None:
    """Collect every generation, then hand the C heap's free pages back to the system. Freed
    memory otherwise stays with the process: each session's script runs on its own thread, so
    its allocations land in glibc's per-thread arenas, which are trimmed only from their top,
    and the process's resident size stays near its peak after the sessions have gone."""
    gc.collect()
    if trim is not None:
        trim(0)


def _tidy_when_quiet(
    look_s: float = TIDY_LOOK_S,
    quiet_share: float = TIDY_QUIET_SHARE,
    after_work_s: float = TIDY_AFTER_WORK_S,
) -> None:
    """Tidy (above) once the server falls quiet after serving: never under load, where a full
    collection and a trim (some tens of milliseconds, holding the interpreter) would delay
    visitors, and not while idle, when there is nothing new to give back. Only reads the
    process's CPU clock once a look, so it costs nothing measurable."""
    trim = _malloc_trim()
    worked = 0.0
    last = time.process_time()
    while True:
        time.sleep(look_s)
        now = time.process_time()
        used, last = now - last, now
        worked += used
        if worked >= after_work_s and used < quiet_share * look_s:
            try:
                tidy(trim)
            except Exception:  # noqa: BLE001 — tidying must never stop the server
                log.exception("tidying memory failed")
            worked, last = 0.0, time.process_time()


def main() -> None:
    """`--app PATH` first serves another script the same way (the benchmark's bare page)."""
    args = sys.argv[1:]
    app = ROOT / "dashboard.py"
    if args[:1] == ["--app"] and len(args) > 1:
        app, args = Path(args[1]).resolve(), args[2:]
    PagesManager.uses_pages_directory = False
    compat.install()
    _freeze_long_lived_objects()
    threading.Thread(target=_tidy_when_quiet, name="pfcc-tidy", daemon=True).start()
    sys.argv = ["streamlit", "run", str(app), *args]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
