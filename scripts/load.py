"""Load-test the dashboard over Streamlit's websocket: N browser-like sessions, each viewing every
page once. Without --url it serves the app itself (pfcc.serve on a loopback port, with the built
database) and stops it afterwards. Exits 1 if any session saw an error or did not finish.

    python scripts/load.py [--sessions 100] [--concurrency 100] [--port P] [--url URL]"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pfcc import loadclient  # noqa: E402
from pfcc.paths import DB_PATH  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class OwnServer:
    def __init__(self, port: int, startup_s: float = 60):
        if not DB_PATH.exists():
            subprocess.run([sys.executable, "-m", "pfcc.build"], cwd=ROOT, check=True)
        self.url = f"http://127.0.0.1:{port}"
        self.log = tempfile.NamedTemporaryFile("w+", prefix="pfcc-load-server-", suffix=".log")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pfcc.serve", "--server.port", str(port),
             "--server.address", "127.0.0.1"],
            cwd=ROOT, env=os.environ | {"PFCC_DB": str(DB_PATH)},
            stdout=self.log, stderr=subprocess.STDOUT)
        # No proxy: the health check must reach this loopback server, whatever the environment says.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + startup_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                opener.open(self.url + "/_stcore/health", timeout=2).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"the Streamlit server did not start:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        self.log.flush()
        self.log.seek(0)
        return "".join(self.log.readlines()[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=100)
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--port", type=int, help="port for the server this script starts "
                       "(default: a free one)")
    where.add_argument("--url", help="a running server on loopback, e.g. http://127.0.0.1:8501")
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="seconds allowed for each step: connect, or one page view (default 120)")
    args = ap.parse_args(argv)

    if args.url:
        try:
            loadclient.check_loopback(args.url)
        except ValueError as exc:
            ap.error(str(exc))
    server = None if args.url else OwnServer(args.port or free_port())
    url = args.url or server.url
    try:
        before = rss_mb(server.proc.pid) if server else None
        cpu0 = time.process_time()
        print(f"{args.sessions} sessions, {args.concurrency} at once, against {url}", flush=True)
        report = loadclient.run_sessions(url, args.sessions, args.concurrency, args.timeout)
        after = rss_mb(server.proc.pid) if server else None
        client_cpu = time.process_time() - cpu0
    finally:
        if server:
            server.stop()

    print(report.table())
    # The client shares the machine's cores with the server: its CPU time says how much.
    print(f"client CPU time  {client_cpu:.1f} s")
    if before and after:
        print(f"server memory    {before:.0f} → {after:.0f} MB")
    for line in report.errors[:20]:
        print("error:", line)
    if len(report.errors) > 20:
        print(f"… and {len(report.errors) - 20} more errors")
    if server and not report.ok:
        print("server log (tail):\n" + server.log_tail())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
