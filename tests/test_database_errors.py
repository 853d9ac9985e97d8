"""Saying what is wrong: a damaged database file is called damaged (not "locked", though DuckDB's
words for it hold "block"), a file another program writes is called locked, each with a sentence
a visitor may read and the file's path in the log only. And the build leaves no temporary file
behind: not when stopped by SIGTERM, SIGHUP or Ctrl-C mid-write, and one left by a build killed
outright (SIGKILL) is removed by the next build."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pfcc.ingest import atomic, build
from pfcc.paths import DATA_DIR, ROOT
from pfcc.store import db
from tests.support.sql import hold_for_writing

# DuckDB 2.0's own words, as seen on files damaged these ways.
CORRUPT_BLOCK = (
    "Corrupt database file: computed checksum 10936939031118418070 does not match stored"
    " checksum 12370169555311111083 in block at location 4096"
)
NOT_DUCKDB = 'IO Error: The file "/x/db.duckdb" exists, but it is not a valid DuckDB database file!'
CUT_SHORT = (
    'IO Error: Could not read enough bytes from file "/x/db.duckdb": attempted to read 262144'
    " bytes from location 2895872"
)
LOCKED = (
    'IO Error: Could not set lock on file "/x/db.duckdb": Conflicting lock is held in'
    " /usr/bin/python3.11 (PID 7085). See also https://duckdb.org/docs/current/connect/concurrency"
)
DAMAGED = (
    "The dashboard's database file is damaged (or is not a DuckDB database) and cannot be read. "
    "An operator can rebuild it with `make data`."
)


@pytest.mark.parametrize(
    "message, kind",
    [
        (CORRUPT_BLOCK, "corrupt"),
        (NOT_DUCKDB, "corrupt"),
        (CUT_SHORT, "corrupt"),
        (LOCKED, "locked"),
        ('IO Error: Could not read from file "/x/db.duckdb": Is a directory', "unreadable"),
        ("Catalog Error: a block-locked clock", "unreadable"),
    ],
)
def test_duckdb_errors_are_told_apart_by_their_phrases(message, kind):
    assert db.error_kind(Exception(message)) == kind


@pytest.fixture(scope="module")
def fresh_db(tmp_path_factory) -> Path:
    """A database of our own: the repository's data/staffordshire.duckdb is left alone."""
    out = tmp_path_factory.mktemp("db") / "staffordshire.duckdb"
    build.build(DATA_DIR, out)
    return out


# A query that reads a whole table's blocks (build_info's one row, or a max DuckDB answers from
# its statistics, may sit in the first part of the file and be read whole from a cut copy).
READS_A_TABLE = "sources"


def damaged(fresh: Path, folder: Path, how: str) -> Path:
    path = folder / "staffordshire.duckdb"
    raw = bytearray(fresh.read_bytes())
    if how == "header overwritten":
        raw[:64] = bytes(64)
    elif how == "blocks overwritten":  # the database headers' checksums fail: "in block"
        raw[4096 : 4096 + 3 * 8192] = b"\xab" * (3 * 8192)
    elif how == "not a database":
        raw = bytearray(b"this is not a database\n" * 1000)
    elif how == "cut short":  # opens; the first query of a table finds its blocks missing
        raw = raw[: len(raw) // 20]
    path.write_bytes(bytes(raw))
    return path


def assert_public(exc: db.DatabaseUnavailable, path: Path) -> None:
    assert str(path) in str(exc), "the log names the file"
    assert str(path.parent) not in exc.public, "no server path reaches a visitor"
    for internal in ("Error", "checksum", "PID", "block", "http"):
        assert internal not in exc.public, internal


@pytest.mark.parametrize(
    "how", ["header overwritten", "blocks overwritten", "not a database", "cut short"]
)
def test_a_damaged_file_is_called_damaged(fresh_db, tmp_path, how):
    path = damaged(fresh_db, tmp_path, how)
    with pytest.raises(db.DatabaseUnavailable) as caught:
        db.run_query(READS_A_TABLE, db=path)
    exc = caught.value
    assert exc.kind == "corrupt", str(exc)
    assert exc.public == DAMAGED
    assert "lock" not in exc.public
    assert_public(exc, path)


def test_a_file_cut_short_is_found_damaged_by_the_query_that_reads_it(fresh_db, tmp_path):
    path = damaged(fresh_db, tmp_path, "cut short")
    db.connect(path).close()  # the header and catalogue are intact: it opens
    with pytest.raises(db.DatabaseUnavailable) as caught:
        db.run_query(READS_A_TABLE, db=path)
    assert caught.value.kind == "corrupt" and f"query {READS_A_TABLE}" in str(caught.value)


@pytest.mark.parametrize("shared", [True, False])
def test_a_file_another_program_writes_is_called_locked(fresh_db, tmp_path, shared):
    path = tmp_path / "staffordshire.duckdb"
    path.write_bytes(fresh_db.read_bytes())
    holder = hold_for_writing(path)
    try:
        with pytest.raises(db.DatabaseUnavailable) as caught:
            db.connect(path, shared=shared)
    finally:
        holder.kill()
        holder.wait()
    exc = caught.value
    assert exc.kind == "locked", str(exc)
    assert exc.public.startswith("The dashboard's database file is locked by another program.")
    assert "Conflicting lock" in str(exc)
    assert_public(exc, path)


# --- the build's temporary file ------------------------------------------------------------------

# The build, in a process of its own, made to wait once its temporary file is half written.
SLOW_BUILD = """
import sys, time
from pfcc.ingest import build
from pfcc.ingest.homeoffice import tables

write = tables.write

def write_then_wait(*args):
    write(*args)
    print("writing", flush=True)
    time.sleep(120)

tables.write = write_then_wait
sys.exit(build.main(["--out", sys.argv[1]]))
"""


def temporaries(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f".{out.name}.*"))


def start_slow_build(out: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()
    assert line.strip() == "writing", line + proc.stderr.read()
    assert f".{out.name}.{proc.pid}.tmp" in temporaries(out), "mid-write, the file is there"
    return proc


@pytest.fixture
def previous(fresh_db, tmp_path) -> Path:
    out = tmp_path / "out" / "staffordshire.duckdb"
    out.parent.mkdir()
    out.write_bytes(fresh_db.read_bytes())
    return out


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_build_stopped_mid_write_leaves_no_temporary_file(previous, sig):
    before = previous.read_bytes()
    proc = start_slow_build(previous)
    proc.send_signal(sig)
    try:
        proc.wait(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode != 0
    assert temporaries(previous) == [], "the temporary file and its .wal are removed"
    assert previous.read_bytes() == before, "the previous database is untouched"


def test_a_temporary_file_left_by_a_killed_build_is_removed_by_the_next(previous, capfd):
    proc = start_slow_build(previous)
    proc.kill()  # SIGKILL: nothing runs, the file stays
    proc.wait(timeout=30)
    left = previous.parent / f".{previous.name}.{proc.pid}.tmp"
    assert temporaries(previous) == [left.name, f"{left.name}.wal"]
    build.build(DATA_DIR, previous)
    assert temporaries(previous) == []
    err = capfd.readouterr().err
    assert f"removed {left}: left by build process {proc.pid}, which is not running" in err
    assert f"removed {left}.wal" in err


def test_another_builds_file_is_left_alone_unless_it_is_old(previous, capfd):
    """A build writing now (its process alive) keeps its file; a file older than any build
    takes is removed even so (its process id has been reused)."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        writing = previous.parent / f".{previous.name}.{sleeper.pid}.tmp"
        writing.write_bytes(b"being written")
        old = previous.parent / f".{previous.name}.{os.getppid()}.tmp"  # alive, but old
        old.write_bytes(b"old")
        hours_ago = time.time() - 2 * atomic.STALE_AFTER
        os.utime(old, (hours_ago, hours_ago))
        build.build(DATA_DIR, previous)
        assert temporaries(previous) == [writing.name]
        assert f"removed {old}: left by build process {os.getppid()}, 2 hours old" in (
            capfd.readouterr().err
        )
    finally:
        sleeper.kill()
        sleeper.wait()
