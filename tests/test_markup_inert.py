"""Markup in the data is shown as written, never drawn. A database is built from a copy of data/
in which every free-text cell of every table (source titles and publishers, periods, breakdowns,
inspections, areas, milestone titles, recommendation numbers and texts…) ends in a payload of
HTML: a link, a styled span, an image and the end of a script element (tests/support/inert.py).
Every chart's figure then carries no markup but the builders' own, and in a real browser the
live page, a slide, the static pages and the meeting pack draw the payload as text, hovers
included: no element of it exists, no link and no styled text in any chart."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from harness.browser import wait_charts, wait_idle
from harness.fuzz.runner import db_facts
from harness.server import Server
from pfcc import registry
from pfcc.ingest import build
from pfcc.paths import DATA_DIR, ROOT
from pfcc.render.site.previews import serve
from tests.support import inert

MEETING = date(2024, 6, 1)  # the pack's meeting: as presented on a day after the Engage exit
HOVERS = 3  # points hovered in each chart


@dataclass
class Injected:
    root: Path
    db: Path
    counts: dict[str, int]
    rows: dict[str, int]  # per table, as built from the data unchanged

    def run(self, *args: str) -> None:
        """`python -m ARGS` on this database, as an operator runs it."""
        done = subprocess.run(
            [sys.executable, "-m", *args],
            cwd=ROOT,
            env=os.environ | {"PFCC_DB": str(self.db)},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> Injected:
    root = tmp_path_factory.mktemp("inert")
    data = root / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", ".*.tmp*"))
    plain = root / "plain" / "staffordshire.duckdb"
    build.build(data, plain)
    counts = inert.inject(data)
    out = root / "out" / "staffordshire.duckdb"
    build.build(data, out)
    return Injected(root, out, counts, db_facts(plain)[0])


@pytest.fixture(scope="module")
def figures(injected) -> dict[str, dict]:
    out = injected.root / "figures.json"
    injected.run("tests.support.inert", "figures", MEETING.isoformat(), str(out))
    return {k: json.loads(v) for k, v in json.loads(out.read_text()).items()}


def test_the_payload_is_in_every_free_text_column_and_no_row_was_lost(injected):
    for name in (
        "sources.title",
        "sources.publisher",
        "measures.period_label",
        "measures.breakdown",
        "measures.comparability",
        "grades.inspection",
        "grades.area",
        "milestones.title",
        "recommendations.number",
        "recommendations.text",
    ):
        assert injected.counts.get(name, 0) > 0, name
    assert db_facts(injected.db)[0] == injected.rows


def test_no_figure_draws_markup_from_the_data(figures):
    reached = set()
    for name, fig in figures.items():
        assert inert.live_markup(fig) == [], name
        for where, text in inert.strings(fig):
            if inert.ESCAPED in text:
                reached.add(re.sub(r"\[\d+\]", "", where))
    # the payload got as far as every kind of text a chart shows from its rows
    assert {
        "data.hovertext",  # hover: every chart with data rows
        "data.name",  # legend entries: the recording chart's breakdowns
        "data.y",  # category points: the recommendations' labels
        "layout.yaxis.categoryarray",  # and the axis's order, alike
        "layout.xaxis.ticktext",  # tick labels: the grades' inspections
    } <= reached, reached


# --- in a browser -----------------------------------------------------------------------------

PROBE = """shown => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const count = sel => plots.reduce((n, p) => n + p.querySelectorAll(sel).length, 0);
  return {
    injected: document.querySelectorAll('[id^="pfcc-injected"]').length,
    links: count('svg a'),
    styled: count('svg [style*="red"]'),
    shown: plots.filter(p => p.textContent.includes(shown)).length,
  };
}"""
POINTS = ".scatterlayer .point, .barlayer .point"


def check_inert(tab, where: str) -> None:
    """No element of the payload on the page, no link or styled text in a chart, before and
    after hovering the first points of every chart; the payload's words shown in some chart;
    no script error."""
    page, errors = tab
    states = [page.evaluate(PROBE, inert.SHOWN)]
    for plot in page.locator(".js-plotly-plot").all():
        points = plot.locator(POINTS)
        for i in range(min(points.count(), HOVERS)):
            points.nth(i).hover(force=True)  # Plotly's drag layer lies over the points
            page.wait_for_timeout(50)
            states.append(page.evaluate(PROBE, inert.SHOWN))  # with its hover label drawn
    for state in states:
        assert (state["injected"], state["links"], state["styled"]) == (0, 0, 0), (where, state)
    assert max(state["shown"] for state in states) >= 1, (where, states[-1])
    assert errors == [], (where, errors)


@pytest.fixture
def tab(browser):
    """A page in a context of its own, and the script errors it meets."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page, errors
    context.close()


def slide_of(key: str) -> registry.Slide:
    return next(s for s in registry.slides() if s.key == key)


LIVE = ("grades", "recording", "recommendations")  # tick labels, legend, category labels


@pytest.mark.browser
def test_live_pages_and_a_slide_draw_the_payload_as_text(injected, tab):
    page = tab[0]
    with Server(injected.db) as server:
        for slug in LIVE:
            p = registry.page(slug)
            page.goto(server.url + p.path)
            wait_idle(page, len(p.shown()), settle_ms=0)
            check_inert(tab, slug)
        slide = slide_of("recommendations")
        page.goto(f"{server.url}/?mode=present&slide={slide.number}")
        wait_idle(page, slide.charts, settle_ms=0)
        check_inert(tab, f"slide {slide.number}")


@pytest.mark.browser
def test_static_pages_and_a_slide_draw_the_payload_as_text(injected, tab):
    page = tab[0]
    folder = injected.root / "site"
    injected.run("pfcc.render.site", "--no-images", "--out", str(folder))
    slide = slide_of("grades")
    with serve(folder) as origin:
        for url in (
            "/",
            "/grades/",
            "/recording/",
            "/recommendations/",
            f"/slides/{slide.number}/",
        ):
            page.goto(origin + url)
            # a slide's phone chart is not drawn on a wider screen
            wait_charts(page, page.locator("script.pfcc-figure:not([data-screen=phone])").count())
            check_inert(tab, url)


@pytest.mark.browser
def test_the_meeting_pack_draws_the_payload_as_text(injected, tab):
    page = tab[0]
    folder = injected.root / "pack"
    injected.run(
        "pfcc.render.pack", "--no-pdf", "--date", MEETING.isoformat(), "--out", str(folder)
    )
    (pack,) = folder.glob("*.html")
    page.goto(pack.resolve().as_uri())
    # every chart drawn: a script element ended early by the data would leave one undrawn
    wait_charts(page, page.locator(".pfcc-chart").count())
    check_inert(tab, pack.name)
