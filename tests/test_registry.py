"""The one registry of pages, charts and slides is true to the app: every page file exists,
every chart's story returns the chart the registry names, slides are numbered in order, and a
page with no file of its own (a new family, from its data alone) renders."""

import csv
from dataclasses import replace
from functools import partial

import pytest
from streamlit.testing.v1 import AppTest

from harness.apptest import title_of
from pfcc import registry
from pfcc.ingest import build
from pfcc.paths import DATA_DIR, ROOT
from pfcc.stories.series import series_story
from tests.support.against import run_against
from tests.support.figures import refile_a_figure


def test_pages_are_unique_and_their_files_exist():
    slugs = [p.slug for p in registry.PAGES]
    assert len(set(slugs)) == len(slugs)
    assert len({p.title for p in registry.PAGES}) == len(slugs)
    assert [p.default for p in registry.PAGES].count(True) == 1
    for p in registry.PAGES:
        assert p.file is None or (ROOT / p.file).is_file(), p.file
        # a url path equal to a file name would reach Streamlit's legacy pages/ mode
        assert p.file is None or p.slug != (ROOT / p.file).stem


def test_slides_are_numbered_in_page_order():
    deck = registry.slides()
    assert [s.number for s in deck] == list(range(1, len(deck) + 1))
    charts = [c.key for p in registry.PAGES for c in p.charts if c.slide]
    assert [s.key for s in deck if s.chart] == charts
    assert deck[-1].key == registry.CHANGES_SLIDE and deck[-1].charts == 0  # words, last


@pytest.mark.parametrize(
    "chart", [c for p in registry.PAGES for c in p.charts], ids=lambda c: c.key
)
def test_each_story_returns_the_chart_the_registry_names(built_db, chart):
    spec = chart.story()
    assert spec.key == chart.key
    assert spec.title and spec.subtitle and spec.summary and spec.alt
    assert set(spec.columns) <= set(spec.table.columns), "the table shows only real columns"


def test_a_page_without_a_file_draws_its_charts(built_db, monkeypatch):
    story = partial(
        series_story,
        "Victim satisfaction",
        "victim_satisfaction",
        "Victims satisfied with the service (%)",
    )
    page = registry.Page(
        "satisfaction",
        "Victim satisfaction",
        None,
        charts=(registry.Chart("victim_satisfaction", story),),
        default=True,  # AppTest can switch only to file pages, so the new page opens first
    )
    others = tuple(replace(p, default=False) for p in registry.PAGES)
    monkeypatch.setattr(registry, "PAGES", (page, *others))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert title_of(at).startswith("Victim satisfaction: ")
    assert len(at.get("plotly_chart")) == 1
    assert any("Victim satisfaction" in e.proto.body for e in at.get("html"))


def _rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _append(path, row):
    fields = list(_rows(path)[0])
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=fields, lineterminator="\n").writerow(row)


def test_every_family_is_charted_on_a_registry_page():
    """data/families.csv names each family's page by its registry slug (checked here, for the
    build does not import the registry: it imports the stories)."""
    pages = {r["family"]: r["page"] for r in _rows(DATA_DIR / "families.csv")}
    assert pages and set(pages.values()) <= {p.slug for p in registry.PAGES}, pages


def test_a_new_family_is_three_data_files_and_its_changes_name_its_page(data_copy, tmp_path):
    """The README's add-a-family data steps, on a copy of data/: a row in families.csv, one in
    metrics.csv and a figure in measures/<source_id>.csv, and no code. The build accepts it and
    Since the last meeting heads the figure with the family's name and links it to its page."""
    before = {p.relative_to(data_copy): p.read_bytes() for p in data_copy.rglob("*.csv")}
    _append(
        data_copy / "families.csv",
        {"family": "confidence", "name": "Public confidence", "page": "confidence"},
    )
    _append(
        data_copy / "metrics.csv",
        {
            "metric": "Public confidence in the police",
            "family": "confidence",
            "units": "percent",
            "better": "higher",
            "noun": "public confidence in the police",
            "charted": "yes",
            "definition": "The percentage of residents who say they have confidence in the police.",
        },
    )
    refile_a_figure(data_copy, "confidence", "Public confidence in the police", "public-confidence")
    changed = {
        p.relative_to(data_copy)
        for p in data_copy.rglob("*.csv")
        if before.get(p.relative_to(data_copy)) != p.read_bytes()
    }
    assert len(changed) == 3, changed
    out = tmp_path / "new-family.duckdb"
    build.build(data_copy, out)
    listed = run_against(
        out,
        "-c",
        "from datetime import date\n"
        "from pfcc.stories.changes import changes\n"
        "for g in changes(date(2014, 1, 1), date.today()).groups:\n"
        "    print(g.heading, '->', sorted({x.page for x in g.lines}))\n",
        timeout=120,
    )
    assert "New figures: Public confidence -> ['confidence']" in listed, listed
    assert "New figures: Crime recording -> ['recording']" in listed, listed


def test_a_chart_without_a_tab_on_a_page_with_tabs_is_refused():
    """Such a chart would never be drawn (`Page.shown` opens one tab at a time): the registry
    refuses it when it loads, naming the chart, rather than let it vanish."""
    from pfcc.stories import calls

    with pytest.raises(ValueError, match=r"'calls'.*calls_999_received.*section="):
        registry.Page(
            "calls",
            "999 and 101 calls",
            None,
            charts=(
                registry.Chart("calls_999_time", calls.answer_time_999, section="999"),
                registry.Chart("calls_999_received", calls.answer_time_999),
            ),
        )
