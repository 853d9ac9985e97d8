"""How current every chart is (issue 20, part 7): every chart of every page, every slide, every
static page and the meeting pack says the period of its newest figure and when that was
published, and both are what the database says, recomputed here with the test's own SQL; on a
past meeting's date, the newest known by then."""

import html
from datetime import date

import pandas as pd
import pytest

from pfcc import registry
from pfcc.render import pack
from pfcc.render.site import build as site_build
from tests.support.sql import rows

CHARTS = [c for p in registry.PAGES for c in p.charts]
IDS = [c.key for c in CHARTS]
MEETINGS = [None, date(2023, 6, 1), date(2024, 6, 1)]

# Per chart's row identity: the test's own SQL for each drawn row's moment in time (`t`), the
# day it became public and whether that day is one its source gives (else only the month)
ROW_SQL = {
    "measure_id": """
        SELECT m.measure_id AS id, m.period_end AS t, m.public_on,
               coalesce(m.public_on = s.published_on, false) AS exact
        FROM measures m JOIN sources s USING (source_id)
        WHERE m.measure_id IN (SELECT unnest(?::VARCHAR[]))""",
    "grade_id": """
        SELECT g.grade_id AS id, g.inspection,
               min(coalesce(g.published_on, g.public_on)) OVER (PARTITION BY g.inspection) AS t,
               g.public_on,
               coalesce(g.public_on = g.published_on OR g.public_on = s.published_on, false)
                 AS exact
        FROM grades g JOIN sources s USING (source_id)
        WHERE g.grade_id IN (SELECT unnest(?::VARCHAR[]))""",
    "milestone_id": """
        SELECT m.milestone_id AS id, m.event_date AS t, m.public_on,
               coalesce(m.public_on = s.published_on
                        OR (m.date_precision = 'day' AND m.public_on = m.event_date), false)
                 AS exact
        FROM milestones m JOIN sources s USING (source_id)
        WHERE m.milestone_id IN (SELECT unnest(?::VARCHAR[]))
          AND NOT coalesce(m.event_date > m.public_on, false)""",
    "rec_id": """
        SELECT r.rec_id AS id, r.public_on AS t, r.public_on,
               coalesce(r.public_on = s.published_on, false) AS exact
        FROM recommendations r JOIN sources s USING (source_id)
        WHERE r.rec_id IN (SELECT unnest(?::VARCHAR[]))""",
}
SOURCE_SQL = """
    SELECT source_id, public_on, coalesce(public_on = published_on, false) AS exact
    FROM sources WHERE source_id IN (SELECT unnest(?::VARCHAR[]))"""


def _published(public_on, exact: bool) -> str:
    if public_on is None or pd.isna(public_on):
        return "publication date not known"
    d = pd.Timestamp(public_on)
    return f"published {d.day} {d:%B %Y}" if exact else f"published {d:%B %Y}"


def expected(con, spec) -> tuple[str, str]:
    """(the newest figure's period as the chart's table writes it, its publication words)."""
    t = spec.table
    key = next((k for k in ROW_SQL if k in t.columns), None)
    if "financial_year" in t.columns:  # the Home Office series: a row per source and period
        t = t.assign(_t=pd.to_datetime(t["period_end"]))
        newest = t[t["_t"] == t["_t"].max()]
        found = rows(con, SOURCE_SQL, sorted(set(newest["source_id"])))
        first = min(found, key=lambda r: (r["public_on"] is None, r["public_on"]))
        name = "period_label" if "period_label" in t else "financial_year"
        return str(newest[name].iloc[0]), _published(first["public_on"], first["exact"])
    found = pd.DataFrame(rows(con, ROW_SQL[key], [str(i) for i in t[key]]))
    found["t"] = pd.to_datetime(found["t"])
    found["public_on"] = pd.to_datetime(found["public_on"])
    newest = found[found["t"] == found["t"].max()].sort_values("public_on", na_position="last")
    first = newest.iloc[0]
    row = t[t[key].astype(str) == first["id"]].iloc[0]
    period = {
        "measure_id": lambda: row["period_text"] if "period_text" in row else row["period_label"],
        "grade_id": lambda: first["inspection"],
        "milestone_id": lambda: row["date_text"],
        "rec_id": lambda: "",
    }[key]()
    public = None if pd.isna(first["public_on"]) else first["public_on"]
    return period, _published(public, bool(first["exact"]) if public is not None else False)


def _says(text: str, spec, con) -> None:
    period, published = expected(con, spec)
    assert spec.currency, f"{spec.key}: says nothing of how current it is"
    assert published in spec.currency, f"{spec.key}: {spec.currency!r}, not {published!r}"
    assert period in spec.currency, f"{spec.key}: {spec.currency!r}, not {period!r}"
    assert html.escape(spec.currency) in text, f"{spec.key}: not shown"


@pytest.mark.parametrize("as_of", MEETINGS, ids=lambda d: str(d or "today"))
@pytest.mark.parametrize("chart", CHARTS, ids=IDS)
def test_every_chart_says_its_newest_figure_and_when_it_was_published(con, chart, as_of):
    spec = chart.story(as_of=as_of)
    if spec.empty:
        assert spec.currency == ""
        return
    _says(spec.notes_html(), spec, con)  # the live page's source line


@pytest.mark.parametrize("slide", [s for s in registry.slides() if s.chart], ids=lambda s: s.key)
def test_every_slide_says_it(con, slide):
    for as_of in MEETINGS:
        spec = slide.build(as_of)
        if not spec.empty:
            _says(spec.slide_source_html(), spec, con)


def test_the_meeting_pack_says_it(con):
    meeting = date(2024, 6, 1)
    made = pack.build(meeting)
    for s in registry.pack_charts():
        spec = s.build(meeting)
        if not spec.empty:
            _says(made.html, spec, con)


@pytest.fixture(scope="module")
def static_site(built_db, tmp_path_factory):
    return site_build.build(tmp_path_factory.mktemp("site") / "site", images=False)


def test_every_static_page_and_slide_says_it(static_site, con):
    shown = {url: p.read_text(encoding="utf-8") for url, p in static_site.pages.items()}
    for key, spec in static_site.charts.items():
        if spec.empty:
            continue
        assert any(html.escape(spec.currency) in text for text in shown.values()), key
        _says("".join(shown.values()), spec, con)
    for slide in registry.slides():
        if slide.chart is None:
            continue
        spec = slide.build(None)
        text = shown[f"/slides/{slide.number}/"]
        if not spec.empty:
            _says(text, spec, con)


# When figures were last added: the newest publication held, by the test's own SQL
NEWEST_SQL = """
    SELECT public_on, bool_and(public_on = published_on) AS exact,
           string_agg(DISTINCT publisher, '; ' ORDER BY publisher) AS publishers
    FROM sources
    WHERE public_on IS NOT NULL AND (?::DATE IS NULL OR public_on <= ?::DATE)
    GROUP BY public_on ORDER BY public_on DESC LIMIT 1"""


def held(con, as_of=None) -> tuple[str, str]:
    (newest,) = rows(con, NEWEST_SQL, as_of, as_of)
    return _published(newest["public_on"], newest["exact"]), newest["publishers"]


def test_the_static_footer_gives_the_newest_publication_not_the_build_time(static_site, con):
    published, publishers = held(con)
    chrome = {u: p for u, p in static_site.pages.items() if not u.startswith("/slides/")}
    for url, path in chrome.items():
        text = path.read_text(encoding="utf-8")
        footer = text[text.index("<footer") : text.index("</footer>")]
        words = html.unescape(" ".join(footer.split()))
        assert f"Newest figures held: {published} by {publishers}." in words, url
        # the build time is said to be only when this copy was made
        assert "(when this copy was made, not when its figures were published)" in words, url
        assert words.index("Newest figures held") < words.index("Built "), url


@pytest.mark.parametrize("as_of", MEETINGS, ids=lambda d: str(d or "today"))
def test_each_live_page_says_when_figures_were_last_added(built_db, con, as_of):
    from harness.apptest import render, text_of

    published, publishers = held(con, as_of)
    for page in ("overview", "grades", "outcomes", "sources"):
        at = render(page, {"date": as_of.isoformat()} if as_of else {})
        text = html.unescape(text_of(at))
        assert f"{published} by {publishers}." in text, (page, as_of)
        if as_of:
            assert f"Newest figures held on {as_of.day} {as_of:%B %Y}" in text, page


# Per family, with the test's own SQL: the latest period of the measures of each family of
# data/metrics.csv and of the Home Office series, and the first publication of that period
FAMILY_SQL = {
    "measures": """
        SELECT m.family, m.period_end AS t, m.public_on,
               coalesce(m.public_on = s.published_on, false) AS exact, m.period_label AS label
        FROM measures m JOIN sources s USING (source_id)""",
    "home_office_outcomes": """
        SELECT 'home_office_outcomes' AS family, r.period_end AS t, s.public_on,
               coalesce(s.public_on = s.published_on, false) AS exact, r.financial_year AS label
        FROM outcome_rates r JOIN sources s USING (source_id)""",
}


def test_the_sources_page_lists_each_familys_newest_figure(static_site, con):
    from pfcc.stories import sources

    listed = sources.newest_by_family().set_index("family")
    held_families = {r["family"] for r in rows(con, "SELECT DISTINCT family FROM metrics")}
    assert held_families | {"home_office_outcomes", "grades"} <= set(listed.index)
    for sql in FAMILY_SQL.values():
        found = pd.DataFrame(rows(con, sql))
        for family, g in found.groupby("family"):
            g = g[g["t"] == g["t"].max()].sort_values("public_on", na_position="last")
            first = g.iloc[0]
            got = listed.loc[family]
            assert pd.Timestamp(got["period_end"]) == pd.Timestamp(first["t"]), family
            public = None if pd.isna(first["public_on"]) else first["public_on"]
            assert got["published_text"] == _published(public, bool(first["exact"])), family
    page = static_site.pages["/sources/"].read_text(encoding="utf-8")
    assert "id='newest'" in page
    # the day the files were built is named as such, never as the data's date
    assert "Data last changed" not in page and "not how current its figures are" in page
    for r in listed.itertuples():
        assert html.escape(r.published_text) in page and html.escape(r.period_text) in page
