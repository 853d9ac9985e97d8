"""Run the project's Python in a process of its own against another database (PFCC_DB): what a
test needs when the module under test reads its database once, at import or in a cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pfcc.paths import ROOT


def run_against(db: Path, *args: str, timeout: int = 300) -> str:
    """`python *args` with PFCC_DB=db, from the repository root; its stdout, or the test fails
    with its stderr."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=os.environ | {"PFCC_DB": str(db)},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout
