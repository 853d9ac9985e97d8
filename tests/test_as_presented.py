"""As presented on a date: a slide shows exactly what had been published by the meeting's date.
Every row carries the day it became public (`public_on`, from its source), every slide renders
at dates from the first day to today without error, a slide with nothing public yet says so in
a sentence instead of drawing empty axes, and no figure, date or year from after the meeting
appears on a slide. Expected values are read from the database with SQL of the test's own."""

import html
import json
import re
from datetime import date, timedelta

import pytest

from harness.apptest import VIEWS, render, text_of
from pfcc import registry
from pfcc.store.asof import FIRST_DAY
from pfcc.text.formatting import fmt_date
from tests.support.sql import rows

DATES = [
    FIRST_DAY,
    date(2014, 1, 2),
    date(2015, 6, 30),
    date(2016, 12, 31),
    date(2020, 1, 1),
    date(2022, 3, 1),
    date(2022, 9, 30),
    date(2024, 5, 20),
    date(2024, 5, 21),
    date(2025, 6, 30),
    date.today() - timedelta(days=1),
]
FACT_TABLES = ("measures", "grades", "milestones", "recommendations")
ISO_DAY = re.compile(r"^(20\d\d-\d\d-\d\d)")
YEAR = re.compile(r"\b(20\d\d)\b")


@pytest.fixture(scope="module", autouse=True)
def _db(built_db):
    return built_db


@pytest.mark.parametrize("table", FACT_TABLES)
def test_every_row_carries_the_day_its_source_made_it_public(con, table):
    own = {
        "grades": "coalesce(t.public_on, s.public_on)",
        # a publication is public on its own day
        "milestones": """CASE WHEN t.kind = 'inspection published' AND t.date_precision = 'day'
                         THEN least(coalesce(s.public_on, t.event_date), t.event_date)
                         ELSE s.public_on END""",
    }.get(table, "s.public_on")
    wrong = rows(
        con,
        f"""SELECT count(*) AS n FROM {table} t JOIN sources s USING (source_id)
            WHERE t.public_on IS DISTINCT FROM {own}""",
    )[0]["n"]
    assert wrong == 0
    assert rows(con, f"SELECT count(*) AS n FROM {table} WHERE public_on IS NOT NULL")[0]["n"]


def test_every_row_of_every_table_from_a_source_says_when_it_became_public(con):
    """Base tables, not the meta tables (build info, documents, the vocabulary, labels)."""
    meta = {"build_info", "documents", "families", "metrics", "outcome_labels"}
    tables = [
        r["table_name"]
        for r in rows(
            con,
            """SELECT table_name FROM information_schema.tables
               WHERE table_type = 'BASE TABLE'""",
        )
        if r["table_name"] not in meta
    ]
    assert "ho_outcome_counts" in tables and "outcome_flags" in tables
    undated_sources = "SELECT source_id FROM sources WHERE public_on IS NULL"
    for name in tables:
        # a row may lack the date only where its source's date is unknown
        allowed = "FALSE" if name == "outcome_flags" else f"source_id IN ({undated_sources})"
        bad = rows(
            con, f"SELECT count(*) AS n FROM {name} WHERE public_on IS NULL AND NOT ({allowed})"
        )[0]["n"]
        assert bad == 0, f"{name}: {bad} rows with no public_on"


def test_a_closure_is_public_from_its_own_source(con):
    """From the source that dates it, or from an earlier one that reports it undated."""
    wrong = rows(
        con,
        """SELECT count(*) AS n FROM recommendations r JOIN sources c
             ON c.source_id = r.closed_source_id
           LEFT JOIN sources rs ON rs.source_id = r.reported_source_id
           WHERE r.closure_public_on IS DISTINCT FROM
                 least(c.public_on, coalesce(rs.public_on, c.public_on))""",
    )[0]["n"]
    assert wrong == 0


def test_the_recommendations_page_shows_a_closure_as_reported_before_it_was_dated(con):
    """On 1 January 2024 the responding-to-the-public cause of concern was reported closed (28
    December 2023) but not yet dated (21 May 2024): closed, as reported, with the report's source
    and words, and nothing of the later source."""
    (r,) = rows(
        con,
        """SELECT r.rec_id, r.reported_source_id, r.reported_quote, r.closed_source_id,
                  rs.public_on AS reported_on, cs.title AS closed_title
           FROM recommendations r JOIN sources rs ON rs.source_id = r.reported_source_id
           JOIN sources cs ON cs.source_id = r.closed_source_id
           WHERE r.rec_id = 'peel-2021-22/coc-responding-to-the-public'""",
    )
    slide = next(s for s in registry.slides() if s.key == "recommendations")
    as_of = date(2024, 1, 1)
    table = slide.build(as_of).table
    row = table[table["rec_id"] == r["rec_id"]].iloc[0]
    assert row["status"] == "closed"
    assert row["status_text"] == f"closed (reported {fmt_date(r['reported_on'])})"
    assert row["closed_source_id"] == r["reported_source_id"]
    assert row["closed_quote"] == r["reported_quote"]
    words = " ".join(str(v) for v in row.to_dict().values())
    assert r["closed_source_id"] not in words and r["closed_title"] not in words, words
    text = html.unescape(text_of(render("recommendations", {"date": as_of.isoformat()})))
    assert f"closed (reported {fmt_date(r['reported_on'])})" in text
    assert r["closed_title"] not in text
    # after the source that dates it, the closure is dated as today
    later = slide.build(date(2024, 6, 1)).table
    row = later[later["rec_id"] == r["rec_id"]].iloc[0]
    assert (row["status_text"], row["closed_source_id"]) == (
        "closed December 2023",
        r["closed_source_id"],
    )


def test_a_month_label_is_public_from_the_months_last_day_and_a_year_alone_is_unknown(con):
    for r in rows(con, "SELECT published_label, public_on, public_on_basis FROM sources"):
        label = r["published_label"]
        if r["public_on_basis"] == "end of the month stated":
            assert (r["public_on"] + timedelta(days=1)).day == 1, label
            assert r["public_on"].strftime("%B %Y") == label
        if re.fullmatch(r"20\d\d", label or "") and r["public_on_basis"] != "exact":
            assert r["public_on"] is None, label


def test_the_sources_page_lists_every_source_with_no_known_date(con):
    undated = rows(con, "SELECT title FROM sources WHERE public_on IS NULL")
    text = html.unescape(text_of(render("sources")))
    for r in undated:
        assert r["title"] in text, r["title"]


def _figure_dates(spec: dict) -> list[date]:
    out = []
    for trace in spec.get("data", []):
        if "deadline" in (trace.get("name") or "").lower():
            continue  # a deadline set before the meeting may fall after it
        for x in trace.get("x") or []:
            m = ISO_DAY.match(str(x))
            if m:
                out.append(date.fromisoformat(m.group(1)))
    return out


@pytest.mark.parametrize("as_of", DATES, ids=str)
@pytest.mark.parametrize("slide", registry.slides(), ids=lambda s: s.key)
def test_a_slide_as_presented_shows_nothing_from_after_the_meeting(slide, as_of):
    at = render(
        "overview", {"mode": "present", "slide": str(slide.number), "date": as_of.isoformat()}
    )
    assert not at.exception, [e.value for e in at.exception]
    text = text_of(at)
    charts = at.get("plotly_chart")
    if slide.block is not None:  # the scorecard: no year after the meeting in its words
        words = " ".join(e.proto.body for e in at.get("html"))
        later = sorted({int(y) for y in YEAR.findall(words) if int(y) > as_of.year})
        assert not later, f"years after {as_of} in the slide's words: {later}"
        return
    if slide.chart is None:  # since the last meeting: what became public up to the meeting
        titles = [e.proto.body for e in at.get("html") if "pfcc-slide-title" in e.proto.body]
        assert not charts and "published between" in titles[0]
        return
    if not charts:
        assert "Nothing to chart: no figures on this had been published by" in text
        return
    assert "−1" not in text and "0 closed" not in text
    if slide.key == "recommendations":
        return  # deadlines set before the meeting may fall after it: checked below
    spec = json.loads(charts[0].proto.spec)
    late = [d for d in _figure_dates(spec) if d > as_of]
    assert not late, f"figures dated after {as_of}: {sorted(set(late))[:5]}"
    words = " ".join(e.proto.body for e in at.get("html")) + " " + charts[0].proto.alt
    later = sorted({int(y) for y in YEAR.findall(words) if int(y) > as_of.year})
    assert not later, f"years after {as_of} in the slide's words: {later}"


@pytest.mark.parametrize("as_of", [date(2020, 1, 1), date(2022, 9, 30), date(2024, 6, 1)])
def test_recommendations_as_presented_count_only_items_public_by_then(con, as_of):
    slide = next(s for s in registry.slides() if s.key == "recommendations")
    spec = slide.build(as_of)
    public = rows(
        con,
        "SELECT rec_id FROM recommendations WHERE public_on <= ?",
        as_of,
    )
    assert len(spec.table) <= len(public)
    if not public:
        assert spec.empty


PAGE_DATES = [date(2014, 1, 2), date(2020, 1, 1), date(2022, 9, 30), date(2025, 6, 30)]


@pytest.mark.parametrize("as_of", PAGE_DATES, ids=str)
@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.name)
def test_a_page_as_presented_renders_and_says_so(view, as_of):
    at = render(view.page.slug, {**view.params, "date": as_of.isoformat()})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    text = text_of(at)
    if view.charts:
        assert f"As presented on {fmt_date(as_of)}" in text
        # the words around the figures too: the title, the notice and the lede
        head = next(e.proto.body for e in at.get("html") if "<h1" in e.proto.body)
        head += " ".join(t.label for t in at.tabs)  # and the names of the sections offered
        later = sorted({int(y) for y in YEAR.findall(head) if int(y) > as_of.year})
        assert not later, f"years after {as_of} in the page's title, lede or tabs: {later}"
        if view.page.slug == "recommendations":
            return  # deadlines set before the meeting may fall after it
        for chart in at.get("plotly_chart"):
            spec = json.loads(chart.proto.spec)
            late = [d for d in _figure_dates(spec) if d > as_of]
            assert not late, f"figures dated after {as_of}: {sorted(set(late))[:5]}"


def test_the_overview_tiles_as_presented_before_engage_do_not_mention_it():
    at = render("overview", {"date": "2020-01-01"})
    tiles = " ".join(e.proto.body for e in at.get("html") if "pfcc-tile" in e.proto.body)
    assert tiles and "Engage" not in tiles


def test_filters_as_presented_offer_nothing_published_later(con):
    at = render("recommendations", {"date": "2020-01-01"})
    public = rows(
        con,
        """SELECT count(DISTINCT r.source_id) AS n FROM recommendations r
           JOIN sources s USING (source_id) WHERE s.public_on <= DATE '2020-01-01'""",
    )[0]["n"]
    assert len(at.selectbox(key="report").options) == public
    calls = render("calls", {"date": "2020-01-01"})
    assert max(int(y) for y in calls.select_slider(key="years").options) == 2020
    outcomes = render("outcomes", {"date": "2020-01-01", "section": registry.ALL_FORCES})
    # the series was published in 2026: neither its sections nor their year filter are offered
    assert registry.ALL_FORCES not in [t.label for t in outcomes.tabs]
    assert not [box for box in outcomes.selectbox if box.key == "year"]
