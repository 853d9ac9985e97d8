import shutil
from pathlib import Path

import duckdb
import pytest

from pfcc import build
from pfcc.paths import DATA_DIR, ROOT


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The repository's own data, built fresh for this test run."""
    out = tmp_path_factory.mktemp("db") / "staffordshire.duckdb"
    build.build(DATA_DIR, out)
    return out


@pytest.fixture(scope="session")
def con(built_db):
    c = duckdb.connect(str(built_db), read_only=True)
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
