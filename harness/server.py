"""A real Streamlit server on loopback, for the tests and the scripts alike: the dashboard
(`python -m pfcc.render.live.serve`) or a bare script under `streamlit run`, on a free port, ready
once
/_stcore/health answers. Its output goes to tests/artifacts/server-PORT.log, kept for review."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from pfcc.paths import DB_PATH, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
HEALTH = "/_stcore/health"

# No proxy: the health check must reach the loopback server, whatever the environment says.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen, grace_s: float = 10) -> None:
    """Ask a process to stop; insist if it does not."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=grace_s)


class Server:
    """`python -m pfcc.render.live.serve` with PFCC_DB=db (default: the app's own database), or,
    given
    `script`, the same serving that script from `cwd`. `base_path="live"`: served under /live/, as
    behind deploy/'s proxy (server.baseUrlPath), and `url` ends with /live. Raises RuntimeError,
    with the end of the log, if the server is not healthy within `startup_s`."""

    def __init__(
        self,
        db: Path | None = None,
        *,
        script: Path | None = None,
        cwd: Path = ROOT,
        port: int | None = None,
        startup_s: float = 60,
        base_path: str = "",
    ):
        self.db = Path(db) if db is not None else DB_PATH
        self.port = port or free_port()
        self.base_path = base_path.strip("/")
        # The app's root: with a base path (server.baseUrlPath), every route is under it.
        self.url = f"http://127.0.0.1:{self.port}" + (
            f"/{self.base_path}" if self.base_path else ""
        )
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.log_path = ARTIFACTS / f"server-{self.port}.log"
        # another script is served the same way as the dashboard (pfcc.render.live.serve --app)
        app = [
            "-m",
            "pfcc.render.live.serve",
            *(["--app", str(script)] if script is not None else []),
        ]
        cmd = [
            sys.executable,
            *app,
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *(["--server.baseUrlPath", self.base_path] if self.base_path else []),
        ]
        with open(self.log_path, "wb") as log:  # the child keeps its own handle
            self.proc = subprocess.Popen(
                cmd,
                cwd=cwd,
                env=os.environ | {"PFCC_DB": str(self.db)},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + startup_s
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                _DIRECT.open(self.url + HEALTH, timeout=2).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"the Streamlit server did not start: {' '.join(cmd)}\n" + self.log_tail()
        )

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def log_tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "".join(text.splitlines(keepends=True)[-lines:])

    def rss_mb(self) -> float:
        """The server process's resident memory, or NaN once it has gone."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def stop(self) -> None:
        stop_process(self.proc)
