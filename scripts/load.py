"""Load-test the dashboard over Streamlit's websocket: N browser-like sessions, each viewing every
page once. Without --url it serves the app itself (pfcc.render.live.serve on a loopback port, with
the built
database) and stops it afterwards. Exits 1 if any session saw an error or did not finish.

    python -m scripts.load [--sessions 100] [--concurrency 100] [--port P] [--url URL]"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import time

from harness import loadclient
from harness.server import Server
from pfcc.paths import DB_PATH, ROOT


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=100)
    where = ap.add_mutually_exclusive_group()
    where.add_argument(
        "--port", type=int, help="port for the server this script starts (default: a free one)"
    )
    where.add_argument("--url", help="a running server on loopback, e.g. http://127.0.0.1:8501")
    ap.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds allowed for each step: connect, or one page view (default 120)",
    )
    args = ap.parse_args(argv)

    server = None
    if args.url:
        try:
            loadclient.check_loopback(args.url)
        except ValueError as exc:
            ap.error(str(exc))
    else:
        if not DB_PATH.exists():
            subprocess.run([sys.executable, "-m", "pfcc.ingest.build"], cwd=ROOT, check=True)
        try:
            server = Server(DB_PATH, port=args.port)
        except RuntimeError as exc:
            raise SystemExit(str(exc)) from None
    url = args.url or server.url
    try:
        before = server.rss_mb() if server else math.nan
        cpu0 = time.process_time()
        print(f"{args.sessions} sessions, {args.concurrency} at once, against {url}", flush=True)
        report = loadclient.run_sessions(url, args.sessions, args.concurrency, args.timeout)
        after = server.rss_mb() if server else math.nan
        client_cpu = time.process_time() - cpu0
    finally:
        if server:
            server.stop()

    print(report.table())
    # The client shares the machine's cores with the server: its CPU time says how much.
    print(f"client CPU time  {client_cpu:.1f} s")
    if not (math.isnan(before) or math.isnan(after)):
        print(f"server memory    {before:.0f} → {after:.0f} MB")
    for line in report.errors[:20]:
        print("error:", line)
    if len(report.errors) > 20:
        print(f"… and {len(report.errors) - 20} more errors")
    if server and not report.ok:
        print(f"server log (tail, {server.log_path}):\n" + server.log_tail())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
