"""Writing the database file whole or not at all: a build writes a temporary file beside it and
renames it over the database only when every table is in. Temporary files left by a build that
was killed outright are removed by the next; SIGTERM and SIGHUP remove the build's own."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
import time
from pathlib import Path


# The temporary file a build writes before renaming it over the database: .NAME.PID.tmp
def temp_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.{os.getpid()}.tmp")


def remove_temp(tmp: Path) -> None:
    for p in (tmp, Path(f"{tmp}.wal")):
        p.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: running, as another user
        return True
    return True


STALE_AFTER = 3600  # seconds: a build takes seconds, so an older file's pid has been reused


def remove_stale_temps(out: Path) -> list[Path]:
    """Temporary files beside `out` left by a build that was killed outright (SIGKILL, power
    loss): those whose process is gone, or older than any build takes. Says what it removed."""
    name = re.compile(rf"\.{re.escape(out.name)}\.([0-9]+)\.tmp(\.wal)?")
    removed = []
    for p in sorted(out.parent.glob(f".{out.name}.*.tmp*")):
        m = name.fullmatch(p.name)
        if not m or int(m[1]) == os.getpid():
            continue
        age = time.time() - p.lstat().st_mtime
        running = _running(int(m[1]))
        if running and age < STALE_AFTER:
            continue  # another build is writing it now
        p.unlink(missing_ok=True)
        removed.append(p)
        why = f"{age / 3600:.0f} hours old" if running else "which is not running"
        print(f"removed {p}: left by build process {m[1]}, {why}", file=sys.stderr)
    return removed


@contextlib.contextmanager
def exit_on_terminate():
    """SIGTERM or SIGHUP while the file is written raise SystemExit, so the temporary file is
    removed as on any other exception (the default action would kill the process outright)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; its own would run anyway
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    kinds = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {k: signal.signal(k, stop) for k in kinds}
    try:
        yield
    finally:
        for k, handler in previous.items():
            signal.signal(k, signal.SIG_DFL if handler is None else handler)
