"""The one way the app and the tests read the database: a read-only, locked-down connection and
named query files with bound parameters. No other SQL ever runs against the public database;
`export_tables` writes a copy of it out as files for the static edition."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import duckdb
import pandas as pd

from pfcc.paths import DB_PATH, QUERIES_DIR
from pfcc.store.cache import cached_per

# Read-only, no files, no extensions, no SET/PRAGMA afterwards: DuckDB 2.0 refuses all of them
# on a connection opened this way, so no visitor input can reach the file system.
LOCKED_CONFIG = {
    "access_mode": "READ_ONLY",
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "lock_configuration": True,
}
_QUERY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class DatabaseUnavailable(RuntimeError):
    """The database file is missing, empty, locked, damaged or otherwise unreadable. `public` is
    what a visitor may read (no paths, no internals); str(self) has the detail for the log,
    naming the file."""

    FIX = {
        "missing": "An operator can build it with `make data` (or `python -m pfcc.ingest.build`).",
        "empty": "An operator can rebuild it with `make data`.",
        "locked": "Another program holds the file open for writing; an operator should stop it "
        "(the dashboard only ever reads the file) and reload.",
        "corrupt": "An operator can rebuild it with `make data`.",
        "unreadable": "An operator should check the file and its permissions, or rebuild it "
        "with `make data`.",
    }
    WHAT = {
        "missing": "The dashboard's database file is missing.",
        "empty": "The dashboard's database file is empty.",
        "locked": "The dashboard's database file is locked by another program.",
        "corrupt": "The dashboard's database file is damaged (or is not a DuckDB database) and "
        "cannot be read.",
        "unreadable": "The dashboard's database file cannot be read.",
    }

    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind = kind
        self.public = f"{self.WHAT[kind]} {self.FIX[kind]}"


# How DuckDB 2.0 words its errors, matched as phrases (never the bare substring "lock", which
# "Corrupt database file: ... in block at location 4096" contains).
_LOCKED = re.compile(r"\bCould not set lock on file\b|\bConflicting lock\b", re.IGNORECASE)
_CORRUPT = re.compile(
    r"\bCorrupt database file\b"  # a block's checksum does not match (on open or on a query)
    r"|\bis not a valid DuckDB database file\b"  # the header is not DuckDB's
    r"|\bCould not read enough bytes from file\b",  # the file is cut short
    re.IGNORECASE,
)


def error_kind(error: BaseException) -> str:
    """What a DuckDB error on opening or reading the file says is wrong with it."""
    text = str(error)
    if _LOCKED.search(text):
        return "locked"
    if _CORRUPT.search(text):
        return "corrupt"
    return "unreadable"


def unavailable(path: Path, error: BaseException) -> DatabaseUnavailable:
    """The error for a visitor, classified, with the file and DuckDB's own words for the log."""
    return DatabaseUnavailable(error_kind(error), f"{path} cannot be opened: {error}")


class UnknownQuery(ValueError):
    pass


_lock = threading.Lock()
_open: dict[Path, tuple[tuple[int, int], duckdb.DuckDBPyConnection]] = {}


def connect(path: Path | str | None = None, shared: bool = True) -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the shared read-only connection to `path` (default: the built database).

    A cursor per caller because DuckDB connections must not be shared between threads; the base
    connection is reopened when the file is replaced by a rebuild. `shared=False` gives a
    connection of the caller's own, with the same locks, for files that are about to change
    (the caller closes it)."""
    path = Path(path or DB_PATH).resolve()
    if not shared:
        try:
            return duckdb.connect(str(path), config=dict(LOCKED_CONFIG))
        except duckdb.Error as e:
            raise unavailable(path, e) from e
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DatabaseUnavailable("missing", f"{path} does not exist") from None
    if st.st_size == 0:
        raise DatabaseUnavailable("empty", f"{path} is empty")
    stamp = (st.st_ino, st.st_mtime_ns)
    with _lock:
        cached = _open.get(path)
        if cached is None or cached[0] != stamp:
            if cached is not None:
                cached[1].close()
                _open.pop(path, None)
            try:
                con = duckdb.connect(str(path), config=dict(LOCKED_CONFIG))
            except duckdb.Error as e:
                raise unavailable(path, e) from e
            _open[path] = (stamp, con)
        return _open[path][1].cursor()


def query_path(name: str) -> Path:
    if not _QUERY_NAME.match(name or ""):
        raise UnknownQuery(f"{name!r} is not a query name")
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise UnknownQuery(f"there is no query file queries/{name}.sql")
    return path


def run_query(name: str, db: Path | str | None = None, **params) -> pd.DataFrame:
    """Run queries/<name>.sql with `$param` placeholders bound to `params`."""
    sql = query_path(name).read_text(encoding="utf-8")
    cur = connect(db)
    try:
        return cur.execute(sql, params or None).df()
    except duckdb.Error as e:
        if error_kind(e) != "corrupt":  # a damaged block is found only when a query reads it
            raise
        path = Path(db or DB_PATH).resolve()
        raise DatabaseUnavailable("corrupt", f"{path} is damaged (query {name}): {e}") from e
    finally:
        cur.close()


def file_stamp(path: Path | str | None = None) -> tuple[int, int, int]:
    """Identifies one build of the database file: caches keyed on it expire on a rebuild."""
    try:
        st = Path(path or DB_PATH).stat()
    except FileNotFoundError:
        raise DatabaseUnavailable("missing", f"{Path(path or DB_PATH)} does not exist") from None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


_QUERY_CACHE_SIZE = 512


@cached_per(lambda: file_stamp(), _QUERY_CACHE_SIZE)  # looked up at each call: tests replace it
def _cached(name: str, params: tuple) -> pd.DataFrame:
    return run_query(name, **dict(params))


def cached_query(name: str, **params) -> pd.DataFrame:
    """`run_query` remembered per build of the database file; callers get their own copy. A
    new build empties the cache, so an old build's frames are not kept."""
    return _cached(name, tuple(sorted(params.items()))).copy()


def export_tables(database: Path, folder: Path) -> list[str]:
    """Every table and view of `database` as CSV and Parquet files in `folder`, for the static
    edition's downloads; returns their names. `database` must be a copy of the built file: its
    connection may write files, which the locked one refuses."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        sql = query_path("public_tables").read_text(encoding="utf-8")
        names = [r[0] for r in con.execute(sql).fetchall()]
        for name in names:  # from the catalogue, never from a visitor
            for fmt, options in (("csv", "FORMAT csv, HEADER"), ("parquet", "FORMAT parquet")):
                target = folder / f"{name}.{fmt}"
                con.execute(f"COPY (SELECT * FROM \"{name}\") TO '{target}' ({options})")
    finally:
        con.close()
    return names
