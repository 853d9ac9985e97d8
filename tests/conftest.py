import shutil
from pathlib import Path

import pytest

from pfcc import build, db
from pfcc.paths import DATA_DIR, DB_PATH, ROOT


@pytest.fixture(scope="session")
def built_db() -> Path:
    """The repository's own data, built fresh for this run at the path the app reads."""
    build.build(DATA_DIR, DB_PATH)
    return DB_PATH


@pytest.fixture(scope="session")
def con(built_db):
    """Through the app's own function: one process may not open the file two ways."""
    c = db.connect(built_db)
    yield c
    c.close()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A scratch copy of data/ (CSVs and documents) that a test may damage."""
    dst = tmp_path / "data"
    shutil.copytree(DATA_DIR, dst, ignore=shutil.ignore_patterns("*.duckdb*", ".*.tmp*"))
    return dst


def rows(con, sql, *params):
    cur = con.cursor()
    res = cur.execute(sql, list(params))
    names = [d[0] for d in res.description]
    return [dict(zip(names, r)) for r in res.fetchall()]


REPO = ROOT
