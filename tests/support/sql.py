"""Reading the built database in a test, with the test's own SQL."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def rows(con, sql: str, *params) -> list[dict]:
    """The result of `sql` with bound `params`, one dict per row."""
    cur = con.cursor()
    res = cur.execute(sql, list(params))
    names = [d[0] for d in res.description]
    return [dict(zip(names, r)) for r in res.fetchall()]


def hold_for_writing(path: Path) -> subprocess.Popen:
    """Another program holding the database file open for writing (the caller ends it)."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]);"
            " print('ready', flush=True); time.sleep(120)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc
