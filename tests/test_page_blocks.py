"""A page is described once, in the registry, and both editions draw that description: a block
a newcomer misdeclares is refused when the registry loads (naming the page and what is wrong),
every kind of block has a drawer in both renderers, and a page made of blocks alone (no file of
its own) shows them live and in the static edition."""

import inspect
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from pfcc import registry
from pfcc.paths import ROOT
from pfcc.registry_types import CHARTS, Chart, Charts, Findings, Page, Statement, Tiles
from pfcc.render.live import blocks as live
from pfcc.render.site import pages as static
from pfcc.stories import calls, official, overview, recording

TABBED = (
    Chart("official_charge_rate", official.charge_rate_trend, section="By year"),
    Chart("official_quarters", official.charges_by_quarter, section="By quarter"),
)


def test_an_intro_for_a_tab_no_chart_names_is_refused():
    """A misspelt tab's intro would never be shown: refused, naming the page and the tab."""
    with pytest.raises(ValueError, match=r"'outcomes'.*'By yaer'.*no chart names"):
        Page("outcomes", "Outcomes", None, charts=TABBED, intros={"By yaer": "Each year."})


def test_a_tab_without_an_intro_simply_has_none():
    page = Page("outcomes", "Outcomes", None, charts=TABBED, intros={"By year": "Each year."})
    assert dict(page.intros) == {"By year": "Each year."}
    assert "By quarter" in page.sections


def test_a_filter_without_a_default_is_refused():
    """The static edition shows a filtered chart at its default: one the page does not give
    would be a KeyError on build day, so the registry refuses it when it loads."""
    chart = Chart("calls_999_time", calls.answer_time_999, filters=("date_from", "date_to"))
    with pytest.raises(ValueError, match=r"'calls'.*'date_to'.*defaults"):
        Page("calls", "Calls", None, charts=(chart,), defaults={"date_from": None})


def test_a_default_for_a_filter_no_chart_takes_is_refused():
    chart = Chart("grades", lambda **_: None, filters=("theme_filter",))
    with pytest.raises(ValueError, match=r"'grades'.*'theme'.*no chart takes"):
        Page("grades", "Grades", None, charts=(chart,), defaults={"theme_filter": None, "theme": 1})


def test_blocks_that_leave_the_charts_out_are_refused():
    """A page with charts and blocks of its own must say where the charts go."""
    with pytest.raises(ValueError, match=r"'overview'.*CHARTS"):
        Page(
            "overview",
            "Overview",
            None,
            charts=(Chart("journey", overview.journey),),
            blocks=(Tiles(overview.headlines, "Headline figures", "headlines"),),
        )


def test_a_page_with_nothing_to_show_is_refused():
    with pytest.raises(ValueError, match=r"'empty'.*no charts"):
        Page("empty", "Empty", None)


def test_every_kind_of_block_has_a_drawer_in_both_editions():
    """A new kind of block drawn live but not in the static edition (or the other way round)
    fails here, not on a visitor's screen."""
    kinds = {type(b) for p in registry.PAGES for b in p.blocks} - {Charts}
    assert kinds <= set(live.DRAW), kinds - set(live.DRAW)
    assert set(live.DRAW) == set(static.DRAW)


@pytest.mark.parametrize("page", [p for p in registry.PAGES if p.defaults], ids=lambda p: p.slug)
def test_a_pages_defaults_are_its_stories_own(page):
    """A story called bare (tests, benchmarks) draws what a visitor first sees on its page."""
    for chart in page.charts:
        params = inspect.signature(chart.story).parameters
        own = {name: params[name].default for name in chart.filters}
        assert own == {name: page.defaults[name] for name in chart.filters}, chart.key


def test_a_page_of_blocks_alone_shows_them_in_both_editions(built_db, monkeypatch):
    """A page with no file of its own, described only in the registry: its tiles above the
    chart and its findings below it, live (AppTest) and in the static edition."""
    page = Page(
        "recorded",
        "Recorded",
        None,
        charts=(Chart("journey", overview.journey),),
        blocks=(
            Tiles(overview.headlines, "Figures at a glance", "glance"),
            CHARTS,
            Findings(recording.recording_findings, "What the inspectors counted", "counted"),
            Statement("Not a title here", "Words *after* the findings."),
        ),
        default=True,  # AppTest can switch only to file pages, so the new page opens first
    )
    others = tuple(replace(p, default=False) for p in registry.PAGES)
    monkeypatch.setattr(registry, "PAGES", (page, *others))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = "\n".join(e.proto.body for e in at.get("html"))
    assert shown.index("Figures at a glance") < shown.index("What the inspectors counted")
    assert shown.count("<h1") == 1 and "Not a title here" not in shown, "one title: the chart's"
    assert len(at.get("plotly_chart")) == 1
    assert "Words *after* the findings." in [e.value for e in at.markdown]
    body = static.body(page, "/")
    assert body.h1 == body.specs[0].title, "a page with charts is titled by its first"
    assert body.html.index("Figures at a glance") < body.html.index("chart-journey")
    assert body.html.index("chart-journey") < body.html.index("What the inspectors counted")
    assert "Words <em>after</em> the findings." in body.html
