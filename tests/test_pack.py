"""The meeting pack, as `make pack` writes it: one self-contained HTML file whose charts draw with
the network blocked, and a PDF with a page or more per chart carrying each chart's source line as
text. The same inputs give the same content. A chart a slide: the deck is pfcc.registry's."""

import html
import re
import subprocess
import sys
from datetime import date

import pytest
from pypdf import PdfReader

from pfcc import registry
from pfcc.paths import ROOT
from tests.support.axe import violations
from tests.support.sql import rows

pytestmark = pytest.mark.browser


def make_pack(out, meeting: str):
    done = subprocess.run(
        [sys.executable, "-m", "pfcc.pack", "--date", meeting, "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return sorted(out.iterdir())


@pytest.fixture(scope="module")
def pack(tmp_path_factory, built_db, con):
    meeting = rows(con, "SELECT max(event_date) AS d FROM milestones WHERE kind = 'Engage exited'")[
        0
    ]["d"].isoformat()
    first = make_pack(tmp_path_factory.mktemp("pack1"), meeting)
    again = make_pack(tmp_path_factory.mktemp("pack2"), meeting)
    return meeting, first, again


def test_pack_files_are_named_by_meeting_and_version(pack):
    meeting, files, _ = pack
    names = [f.name for f in files]
    assert len(files) == 2 and {f.suffix for f in files} == {".html", ".pdf"}
    pattern = rf"staffordshire-police-meeting-pack-{meeting}-[0-9a-f]{{10}}\.(html|pdf)"
    for name in names:
        assert re.fullmatch(pattern, name), name


def test_same_inputs_give_the_same_content(pack):
    _, first, again = pack
    assert [f.name for f in first] == [f.name for f in again]
    assert first[0].read_bytes() == again[0].read_bytes()  # the HTML, byte for byte

    def text(pdf):
        return [page.extract_text() for page in PdfReader(pdf).pages]

    assert text(first[1]) == text(again[1])  # the PDF's content (its timestamp aside)


def test_html_draws_every_chart_offline(pack, browser):
    meeting, files, _ = pack
    page_html = files[0]
    built = [s.build(date.fromisoformat(meeting)) for s in registry.pack_charts()]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requested = []

    def block(route):
        requested.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", block)
    page = context.new_page()
    try:
        page.goto(page_html.resolve().as_uri())
        n = page.locator(".chart").count()
        drawn = sum(not spec.empty for spec in built)
        assert n == drawn, "every slide and every chart marked for the pack"
        # a chart with nothing public by the meeting is a sentence, not empty axes
        assert page.locator(".pfcc-empty").count() == len(built) - drawn
        page.wait_for_function(
            "n => [...document.querySelectorAll('.chart')]"
            ".filter(c => c.querySelector('.main-svg')).length >= n",
            arg=n,
            timeout=60_000,
        )
        fetched = [u for u in requested if not u.startswith("file:")]
        assert fetched == [], "the pack fetched something"
        assert page.locator("script[src]").count() == 0, "plotly.js is embedded, not linked"
        source = page_html.read_text(encoding="utf-8")
        assert source.count("Plotly.newPlot") == n
        assert len(re.findall(r"plotly\.js v\d", source)) <= 1, "plotly.js embedded once"
        assert "Contents" in page.locator("section.cover").inner_text()
        assert page.locator("section#sources table tbody tr").count() >= 1
        assert page.locator("section.slide table caption").count() == n
        assert violations(page) == []  # a chart's name sits on a figure, not an image role
    finally:
        context.close()


def test_pdf_has_a_page_per_chart_and_every_source_line(pack):
    _, files, _ = pack
    html_text, pdf = files[0].read_text(encoding="utf-8"), files[1]
    lines = [html.unescape(s) for s in re.findall(r'data-source-line="([^"]*)"', html_text)]
    reader = PdfReader(pdf)
    assert len(reader.pages) >= len(lines) + 2  # opening page, a page or more per chart, sources
    # read by position on the page, as a person reads it (the default follows paint order)
    text = " ".join(
        " ".join(p.extract_text(extraction_mode="layout").split()) for p in reader.pages
    )
    for line in lines:
        assert " ".join(line.split()) in text, line[:80]
