"""Where things live. The database path can be overridden for tests and deployments."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
QUERIES_DIR = ROOT / "queries"
DB_PATH = Path(os.environ.get("PFCC_DB", DATA_DIR / "staffordshire.duckdb"))
# Debian's chromium: browser tests and the meeting pack's PDF (never a downloaded browser).
CHROMIUM = Path(os.environ.get("PFCC_CHROMIUM", "/usr/bin/chromium"))
