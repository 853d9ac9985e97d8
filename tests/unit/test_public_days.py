"""`public_on`, given to every row of every table by one rule (pfcc/ingest/public.py), and the
one content hash (pfcc/hashing.py) whose values appear in links and file names."""

from __future__ import annotations

import hashlib
from datetime import date

from pfcc import hashing
from pfcc.ingest.public import PublicDays, public_on

SOURCES = [
    {"source_id": "exact", "published_on": date(2023, 5, 4), "published_label": "4 May 2023"},
    {"source_id": "month", "published_on": None, "published_label": "September 2022"},
    {"source_id": "year", "published_on": None, "published_label": "2015"},
    {
        "source_id": "series-a",
        "published_on": date(2025, 1, 30),
        "document": "data/ho/a.csv",
        "sha256": "a" * 64,
    },
    {
        "source_id": "series-b",
        "published_on": date(2026, 8, 26),
        "document": "data/ho/b.csv",
        "sha256": "b" * 64,
    },
]


def test_a_source_is_public_on_its_date_or_the_end_of_its_month_or_unknown():
    assert public_on(SOURCES[0]) == (date(2023, 5, 4), "exact")
    assert public_on(SOURCES[1]) == (date(2022, 9, 30), "end of the month stated")
    assert public_on({"published_label": "December 2022"})[0] == date(2022, 12, 31)
    assert public_on(SOURCES[2]) == (None, "unknown")


def test_every_table_takes_its_sources_day_with_the_stated_exceptions():
    public = PublicDays(SOURCES)
    row = {"source_id": "month"}
    for table in ("measures", "ho_outcome_counts", "ho_recorded_crime", "reconciliation"):
        assert public.day(table, row) == date(2022, 9, 30)
    source = public.stamp("sources", SOURCES[1])
    assert source["public_on_basis"] == "end of the month stated"
    # a grade states its own publication; an inspection's publication is public that day
    grade = {"source_id": "month", "published_on": date(2022, 9, 12)}
    assert public.day("grades", grade) == date(2022, 9, 12)
    published = {"source_id": "year", "kind": "inspection published", "date_precision": "day"}
    assert public.day("milestones", published | {"event_date": date(2015, 3, 1)}) == date(
        2015, 3, 1
    )
    rec = public.stamp("recommendations", {"source_id": "exact", "closed_source_id": "month"})
    assert (rec["public_on"], rec["closure_public_on"]) == (date(2023, 5, 4), date(2022, 9, 30))
    # a closure reported earlier, undated, is public from the report; a later one changes nothing
    reported = {"source_id": "exact", "closed_source_id": "exact", "reported_source_id": "month"}
    assert public.stamp("recommendations", reported)["closure_public_on"] == date(2022, 9, 30)
    undated = reported | {"reported_source_id": "year"}  # its day unknown: the dated one's
    assert public.stamp("recommendations", undated)["closure_public_on"] == date(2023, 5, 4)


def test_a_flag_is_public_with_its_file_or_else_the_last_of_the_series():
    public = PublicDays(SOURCES)
    assert public.day("outcome_flags", {"file": "data/ho/a.csv"}) == date(2025, 1, 30)
    assert public.day("outcome_flags", {"file": None}) == date(2026, 8, 26)


def test_content_hashes_keep_their_values():
    """Versions appear in links, pack file names and asset names: same bytes, same name."""
    assert hashing.content_hash("abc") == hashlib.sha256(b"abc").hexdigest()
    assert (
        hashing.content_hash(b"a", "b", b"c", length=10) == hashlib.sha256(b"abc").hexdigest()[:10]
    )
    lengths = (
        hashing.DATA_VERSION,
        hashing.SOURCE_VERSION,
        hashing.CHART_VERSION,
        hashing.DECK_VERSION,
        hashing.ASSET,
        hashing.LINE,
    )
    assert lengths == (12, 16, 10, 10, 12, 16)
