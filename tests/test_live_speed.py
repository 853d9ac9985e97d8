"""What keeps a live rerun cheap stays correct: a chart is serialised once per data build and
shared by every session, and sends exactly what Plotly would have made of it; the HTML made
from a story's table once is the same HTML, and what holds it is bounded."""

import json

import plotly.io as pio
import plotly.tools
import pytest

from harness.apptest import render
from pfcc import registry
from pfcc.render import markup, spec
from pfcc.stories import overview

CHARTS = [c for p in registry.PAGES for c in p.charts]


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.key)
def test_the_live_figure_sends_what_plotly_would(built_db, chart):
    s = chart.story()
    plotly_would = spec._plotly_to_json(s.figure, validate=False)
    # as st.plotly_chart does it: the figure to a dict, the dict to JSON
    sent = pio.to_json(
        plotly.tools.return_figure_from_figure_or_data(s.live_figure(), True), validate=False
    )
    assert sent == plotly_would
    # and were the cached text not used, re-encoding the shared plain data gives it again
    assert spec._plotly_to_json(dict(s.live_figure().to_dict()), validate=False) == plotly_would


def test_other_callers_of_to_json_get_plotly_s_own(built_db):
    s = overview.journey()
    assert pio.to_json(s.figure, validate=False) == spec._plotly_to_json(s.figure, validate=False)
    pretty = pio.to_json(s.live_figure().to_dict(), validate=False, pretty=True)
    assert json.loads(pretty) == json.loads(s.figure_json()) and "\n" in pretty


def test_sessions_share_one_serialised_figure(built_db):
    first, second = render("overview"), render("overview")
    s = overview.journey()  # the spec both sessions drew: cached per data build and day
    live = s.live_figure()
    assert s.live_figure() is live
    sent = [at.get("plotly_chart")[0].proto.spec for at in (first, second)]
    assert sent[0] == sent[1] == s.figure_json()


def test_picking_a_figure_shows_the_same_passage_as_before(built_db):
    for chart in CHARTS:
        s = chart.story()
        if s.quotes is None or s.quotes.empty:
            continue
        for label in s.quote_options()[:3]:
            row = s.quotes[s.quotes["label"] == label].iloc[0]
            assert s.passage_html(label) == markup.quoted_passage(
                row["quote"], row["source_title"], row["tier"], row["url"], row.get("publisher")
            )
        assert s.passage_html("no such figure") is None


def test_a_blocks_html_is_made_once_per_build_and_day(monkeypatch):
    """The Recording page's findings: the second session's rerun gets the same HTML object,
    made once, as a story's spec is."""
    from pfcc.registry_types import Findings
    from pfcc.render.live import blocks

    block = next(b for b in registry.page("recording").blocks if isinstance(b, Findings))
    made = []
    real = blocks.markup.findings
    monkeypatch.setattr(blocks.markup, "findings", lambda *a: made.append(1) or real(*a))
    blocks._findings_html.cache_clear()
    first = blocks._findings_html(block)
    assert blocks._findings_html(block) is first and len(made) == 1
    assert first.count("<li>") == len(block.story())  # one item a figure


def test_story_caches_keep_only_the_current_data_version(built_db, monkeypatch):
    from pfcc.store import db
    from pfcc.stories import grades

    first = grades.grades()
    assert grades.grades() is first, "one build of the data, one spec for every session"
    assert grades.grades.cache_len() >= 1
    db.cached_query("metrics")
    assert db._cached.cache_len() >= 1
    stamp = db.file_stamp()
    monkeypatch.setattr(db, "file_stamp", lambda path=None: (*stamp[:2], stamp[2] + 1))
    db.cached_query("metrics")
    assert db._cached.cache_len() == 1, "an old build's query results are dropped"
    rebuilt = grades.grades()
    assert rebuilt is not first and grades.grades.cache_len() == 1


def test_sessions_asking_at_once_wait_for_one_build(built_db):
    import threading
    import time

    from pfcc.stories.common import spec_cache

    builds = []

    @spec_cache
    def slow(x):
        builds.append(x)
        time.sleep(0.2)
        return object()

    got = []
    threads = [threading.Thread(target=lambda: got.append(slow(1))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert builds == [1] and len({id(g) for g in got}) == 1

    @spec_cache
    def broken():
        builds.append("broken")
        raise ValueError("no data")

    with pytest.raises(ValueError):
        broken()
    with pytest.raises(ValueError):
        broken()  # a failure is not remembered: the next call tries again
