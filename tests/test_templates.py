"""HTML from templates (pfcc/render/templates/): one Jinja2 environment whose autoescape draws
whatever
the data says as text, whose StrictUndefined refuses a template that names a value it was not
given, and one chart-panel partial that every renderer of a chart panel fills. No database and no
browser: the chart here is made by hand."""

from __future__ import annotations

import html
import re
from datetime import date

import jinja2
import pandas as pd
import plotly.graph_objects as go
import pytest

from pfcc.render import markup
from pfcc.render.site import shell
from pfcc.render.spec import ChartSpec
from pfcc.render.templates import environment, render, safe
from tests.support.inert import PAYLOAD

PANEL = "chart_panel.html"
MARKER = "class='pfcc-details'"  # the partial's disclosures, in every panel it draws


def hostile_spec() -> ChartSpec:
    """A chart whose every free text ends in the payload a hostile edit of a CSV could bring."""
    table = pd.DataFrame({"period": ["2023/24" + PAYLOAD], "value": [31.5]})
    sources = pd.DataFrame(
        {
            "source_id": ["s1"],
            "source_title": ["A report" + PAYLOAD],
            "publisher": ["HMICFRS" + PAYLOAD],
            "tier": ["inspection"],
            "url": ["https://example.org/r?a=1&b=2"],
        }
    )
    quotes = pd.DataFrame(
        {
            "id": ["f1"],
            "label": ["2023/24" + PAYLOAD],
            "quote": ["31.5 per cent" + PAYLOAD],
            "source_title": ["A report" + PAYLOAD],
            "tier": ["inspection"],
            "url": [None],
        }
    )
    return ChartSpec(
        key="hostile",
        title="A message" + PAYLOAD,
        subtitle="What is measured" + PAYLOAD,
        figure=go.Figure(go.Scatter(x=[1], y=[2])),
        table=table,
        columns={"period": "Period", "value": "Rate (%)"},
        summary="A summary" + PAYLOAD,
        alt="A chart" + PAYLOAD,
        sources=sources,
        notes=["A note" + PAYLOAD],
        quotes=quotes,
        attribution="A licence" + PAYLOAD,
    )


STAMP = shell.Stamp("6 December 2026" + PAYLOAD, "abc", "/live/", "https://ex.org/", "held")
ASSETS = shell.Assets("assets/plotly.js", "assets/site.css", "assets/site.js")


def rendered() -> dict[str, str]:
    spec = hostile_spec()
    return {
        "static panel": shell.chart_panel(spec, "../"),
        "static panel, page's own title": shell.chart_panel(spec, "", heading=False),
        "live notes": spec.notes_html(),
        "static page": shell.document(
            title="T" + PAYLOAD,
            h1="H" + PAYLOAD,
            body=shell.chart_panel(spec, "../"),
            root="../",
            assets=ASSETS,
            stamp=STAMP,
            description="D" + PAYLOAD,
            lede="L" + PAYLOAD,
            explore="/live/x?a=1&b=2",
            og_image="og/x.png",
            path="/x/",
        ),
    }


@pytest.mark.parametrize("name", list(rendered()))
def test_markup_in_the_data_renders_as_text(name):
    out = rendered()[name]
    for element in ('id="pfcc-injected"', 'id="pfcc-injected-span"', 'id="pfcc-injected-img"'):
        assert element not in out, f"{name}: {element} drawn"
    assert "&lt;a href=&quot;https://example.invalid/x&quot;" in out
    assert "</script>z" not in out  # no text closes a script element


def test_autoescape_is_on_for_html_templates_and_strings():
    env = environment()
    assert env.autoescape("page.html") and env.autoescape(PANEL)
    out = env.from_string("<p>{{ x }}</p>").render(x=PAYLOAD)
    assert "<a " not in out and "&lt;a href=&quot;" in out
    # as pfcc.render.markup writes quotes, so a template and a hand-made fragment agree byte for
    # byte
    assert env.from_string("{{ x }}").render(x="it's") == html.escape("it's") == "it&#x27;s"


def test_a_fragment_marked_safe_is_printed_as_it_is():
    fragment = markup.summary("Figures" + PAYLOAD)
    assert environment().from_string("{{ x }}").render(x=safe(fragment)) == fragment


def test_a_missing_value_raises():
    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("<p>{{ missing }}</p>").render()
    with pytest.raises(jinja2.UndefinedError):
        render(PANEL, panel=True)  # the partial names values it was not given
    with pytest.raises(jinja2.UndefinedError):
        render("page.html", title="a page")


def loads(monkeypatch) -> list[str]:
    """The names of the templates loaded from now on, in order; not figure.html, the data-block
    macro that the templates drawing a chart import."""
    env = environment()
    loaded = []
    get = env.get_template

    def load(name, *args, **kwargs):
        if name != "figure.html":
            loaded.append(name)
        return get(name, *args, **kwargs)

    monkeypatch.setattr(env, "get_template", load)
    return loaded


def test_every_chart_panel_is_the_one_partial(monkeypatch):
    """The static edition's panel (with its chart, and as a page's lead) and the live page's
    notes are all drawn by chart_panel.html, and carry its marker."""
    loaded = loads(monkeypatch)
    for name, out in rendered().items():
        assert MARKER in out, name
    assert loaded.count(PANEL) == 4  # two static panels, the live notes, the page's panel
    assert "page.html" in loaded
    # the empty chart too: a sentence where the figures would be, in the same partial
    empty = hostile_spec()
    empty.table = empty.table.iloc[0:0]
    loaded.clear()
    assert "pfcc-empty" in shell.chart_panel(empty, "")
    assert loaded == [PANEL]


def test_the_pack_and_the_static_pages_draw_their_charts_with_the_partial(built_db, monkeypatch):
    """On the repository's data: the meeting pack's every chart (empty ones too, as presented
    long ago) and a static page's every chart come from chart_panel.html; the pack and the page
    themselves from their document templates."""
    from pfcc import registry
    from pfcc.render import pack
    from pfcc.render.site import pages

    loaded = loads(monkeypatch)
    for meeting in (date(2016, 1, 1), date(2024, 6, 1)):
        loaded.clear()
        pack.build(meeting)
        assert loaded.count(PANEL) == len(registry.pack_charts()) and "pack.html" in loaded
    loaded.clear()
    page = registry.page("calls")
    body = pages.body(page, "../")
    panels = [name for name in loaded if name == PANEL]
    # every chart from the partial; the page's list of its charts from site.html
    assert panels == [PANEL] * len(page.charts) and set(loaded) == {PANEL, "site.html"}
    assert body.html.count(MARKER) == 2 * len(page.charts)


def test_the_live_slides_pieces_are_templates_that_draw_the_data_as_text(monkeypatch):
    """The presentation's title, counts, source line, changed-data note and footer come from
    templates/slide.html, whatever the data says drawn as text."""
    from types import SimpleNamespace

    from pfcc.render.live import slideshow

    loaded = loads(monkeypatch)
    spec = hostile_spec()
    groups = [SimpleNamespace(heading="New figures" + PAYLOAD, lines=[1, 2])]
    pieces = [
        slideshow._piece("title", spec.title),
        slideshow._piece("counts", groups),
        slideshow._piece("source", safe(spec.slide_source_html())),
        slideshow._piece("changed", "abc" + PAYLOAD, "0123456789"),
        slideshow._piece("footer", 1, 9, "A slide" + PAYLOAD, "", "0123456789"),
    ]
    assert set(loaded) == {"slide.html"}
    for out in pieces:
        assert 'id="pfcc-injected' not in out and "&lt;" in out, out
    assert "New figures" in pieces[1] and ": 2</li>" in pieces[1]


def test_the_static_slide_is_the_live_slide_s_template_and_draws_the_data_as_text(monkeypatch):
    """The static edition's slide (templates/slide.html's `static`) lists what became public as
    the live slide does, from the same macro, and draws whatever the data says as text."""
    from types import SimpleNamespace

    from pfcc.render.templates import fragment

    loaded = loads(monkeypatch)
    spec = hostile_spec()
    groups = [SimpleNamespace(heading="New figures" + PAYLOAD, lines=[1, 2])]
    slide = {
        "chart": None,
        "empty": None,
        "groups": None,
        "words": None,
        "n": 2,
        "total": 9,
        "name": "A slide" + PAYLOAD,
        "version": "0123456789",
        "links": [{"href": "../1/", "rel": "prev", "label": "◀ Previous"}],
    }
    chart = {
        "key": spec.key,
        "alt": spec.alt,
        "figure": safe(shell.script_json(spec.figure)),
        "drawing": "",
        "source": safe(spec.slide_source_html()),
        "phone": {
            "key": f"{spec.key}-phone",
            "alt": spec.alt,
            "title": spec.title,
            "figure": safe(shell.script_json(spec.figure)),
            "drawing": "",
            "height": 420,
        },
    }
    drawn = [
        fragment("slide.html", "static", {**slide, "chart": chart}),
        fragment("slide.html", "static", {**slide, "groups": groups}),
    ]
    assert set(loaded) == {"slide.html"}
    for out in drawn:
        assert 'id="pfcc-injected' not in out and "&lt;" in out, out
        assert '<a href="../1/" rel="prev">◀ Previous</a></div>' in out
    listed = fragment("slide.html", "changes_list", groups)
    assert listed in drawn[1] and listed in fragment("slide.html", "counts", groups)
    assert 'class="pfcc-figure" data-for="chart-hostile"' in drawn[0]


def test_a_chart_panel_s_parts_have_one_set_of_class_names():
    """The static page, the live page (its head, then the notes) and the meeting pack name the
    same parts of a chart panel with the same classes."""
    spec = hostile_spec()
    page = shell.chart_panel(spec, "../")
    live = spec.head_html(True) + spec.notes_html()
    pack = spec.panel_html(
        mode="print",
        key=spec.key,
        figure=safe("{}"),
        config=safe("{}"),
        source_line="Source: a report",
        version="0123456789",
    )
    shared = ("pfcc-chart-title", "pfcc-subtitle", "pfcc-source", "pfcc-summary")
    for name, out in (("static page", page), ("live page", live), ("pack", pack)):
        for css in shared:
            assert re.search(rf"class=['\"]{css}[ '\"]", out), f"{name}: no {css}"
    for css in ("pfcc-panel", "pfcc-figure-box", "pfcc-chart"):
        for name, out in (("static page", page), ("pack", pack)):
            assert re.search(rf"class=['\"]{css}[ '\"]", out), f"{name}: no {css}"
    for old in ('class="subtitle"', 'class="source"', 'class="summary"', "chart-box"):
        assert old not in pack


def test_the_shared_sections_draw_the_data_as_text(monkeypatch):
    """A page's head, its findings and a table section come from templates/sections.html, and
    what the data says is drawn as text."""
    loaded = loads(monkeypatch)
    spec = hostile_spec()
    row = {"quote": "q" + PAYLOAD, "source_title": "s" + PAYLOAD, "tier": "inspection"}
    measures = pd.DataFrame(
        [{**row, "value_text": "1" + PAYLOAD, "metric": "m" + PAYLOAD, "period_label": "p"}]
    )
    grades = pd.DataFrame(
        [{**row, "grade": "Good" + PAYLOAD, "area": "a" + PAYLOAD, "inspection": "i" + PAYLOAD}]
    )
    drawn = [
        markup.page_head("T" + PAYLOAD, "N" + PAYLOAD, "Lede *words*", "held" + PAYLOAD),
        markup.findings(measures),
        markup.findings(grades, kind="grades"),
        markup.table_section("T" + PAYLOAD, "x", "", spec.table, spec.columns),
    ]
    assert set(loaded) == {"sections.html"}
    for out in drawn:
        assert 'id="pfcc-injected' not in out and "&lt;" in out, out
