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
        [sys.executable, "-m", "pfcc.render.pack", "--date", meeting, "--out", str(out)],
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
        n = page.locator(".pfcc-chart").count()
        drawn = sum(not spec.empty for spec in built)
        assert n == drawn, "every slide and every chart marked for the pack"
        # a chart with nothing public by the meeting is a sentence, not empty axes
        assert page.locator(".pfcc-empty").count() == len(built) - drawn
        page.wait_for_function(
            "n => [...document.querySelectorAll('.pfcc-chart')]"
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
        # a caption a chart's table, and the scorecard's section after the journey's panel
        assert page.locator("section.slide:not(#scorecard) table caption").count() == n
        assert page.locator("section#scorecard").count() == 1
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


def test_packs_are_printed_ahead_and_published_with_the_static_edition(tmp_path, built_db):
    """`make pack` with no date: today's pack and one for each past meeting listed, with a
    manifest; `make site` publishes this data version's packs under packs/ and lists them."""
    from pfcc.render import pack as pack_module
    from pfcc.render.site import build as site_build

    listed = tmp_path / "meetings.csv"
    listed.write_text("date\n2023-01-26\n2099-01-01\n", encoding="utf-8")  # a future one waits
    out = tmp_path / "pack"
    written = pack_module.write_all(out, pdf=False, path=listed)
    assert [p.name[len("staffordshire-police-meeting-pack-") :][:10] for p in written] == [
        "2023-01-26",
        date.today().isoformat(),
    ]
    site = site_build.build(tmp_path / "site", images=False, packs_from=out)
    page = site.pages["/packs/"].read_text(encoding="utf-8")
    for p in written:
        assert (site.folder / "packs" / p.name).read_bytes() == p.read_bytes()
        assert f"href='{p.name}'" in page
    assert "Meeting of 26 January 2023" in page and "2099" not in page
    # a manifest from another version of the data publishes nothing
    manifest = out / pack_module.MANIFEST
    manifest.write_text(manifest.read_text().replace(site.version, "0000000000"))
    again = site_build.build(tmp_path / "site2", images=False, packs_from=out)
    assert not list((again.folder / "packs").glob("*.html"))[1:]  # only the listing page


def test_the_public_server_links_to_the_packs_and_prints_none(built_db):
    from harness.apptest import render, text_of

    at = render("sources")
    assert "every meeting pack" in text_of(at)
    assert not [b for b in at.button if b.key == "pack_make"]
