"""What each static page holds, page by page, from the same stories as the live pages. A page
with tabs shows every tab's chart in turn, with a contents list; a page with filters shows its
default view and links to the interactive dashboard for the rest."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, timedelta

from pfcc import registry
from pfcc.render import markup
from pfcc.render.site.shell import chart_panel
from pfcc.render.spec import ChartSpec
from pfcc.stories import changes, overview, recording, sources
from pfcc.text import content


@dataclass
class Body:
    h1: str
    html: str
    specs: list[ChartSpec] = field(default_factory=list)  # in page order; the first leads
    description: str = ""


def _defaults(chart: registry.Chart) -> dict:
    """A chart's filters at their defaults: the view a visitor gets without choosing."""
    import inspect

    params = inspect.signature(chart.story).parameters
    return {name: params[name].default for name in chart.filters}


def default_specs(page: registry.Page) -> list[ChartSpec]:
    return [chart.story(**_defaults(chart), as_of=None) for chart in page.charts]


def _contents(specs: list[ChartSpec]) -> str:
    items = "".join(
        f"<li><a href='#{html.escape(s.key)}'>{html.escape(s.title)}</a></li>" for s in specs
    )
    return f"<nav aria-label='Charts on this page'><ol class='pfcc-contents'>{items}</ol></nav>"


def charts_body(page: registry.Page, root: str) -> Body:
    specs = default_specs(page)
    panels = [chart_panel(s, root, heading=i > 0) for i, s in enumerate(specs)]
    body = (_contents(specs) if len(specs) > 1 else "") + "".join(panels)
    if page.slug == "overview":
        tiles = markup.tiles([markup.tile(h.title, h.rows) for h in overview.headlines()])
        body = markup.heading("Headline figures", "headlines") + tiles + body
    if page.slug == "recording":
        body += (
            markup.heading("What the inspections found on recording", "findings")
            + markup.findings(recording.recording_findings())
            + markup.heading("The 2016 grade and its re-grading", "regrading")
            + markup.findings(recording.crime_recording_grades(), kind="grades")
        )
    return Body(specs[0].title, body, specs, page.lede)


def changes_body(page: registry.Page, root: str) -> Body:
    to = date.today()
    found = changes.changes(to - timedelta(days=90), to)
    listed = (
        markup.changes(found.groups)
        if not found.empty
        else ("<p>Try the interactive dashboard for a wider range of dates.</p>")
    )
    return Body(found.title, listed, [], page.lede)


def sources_body(page: registry.Page, root: str) -> Body:
    from pfcc.stories import official

    info = sources.data_info()
    s = sources.sources_list()
    body = markup.from_markdown(content.methods(info))
    body += markup.table_section(
        "Every source", "sources", "", s, content.SOURCES_COLUMNS, content.SOURCES_CAPTION
    )
    for heading, anchor, intro, df, columns in content.source_tables(
        sources.uncharted(),
        sources.undated(),
        sources.reconciliation(),
        sources.series_flags(),
        official.OGL,
        newest=sources.newest_by_family(),
    ):
        body += markup.table_section(heading, anchor, intro, df, columns)
    body += (
        f"<h2 id='download'>Download the data</h2><p><a href='{root}data/'>Every table as CSV and "
        "Parquet, every chart's figures as CSV, and the whole database</a>.</p>"
    )
    return Body(
        f"{info['sources']} sources, every figure traced to their words", body, [], page.lede
    )


def accessibility_body(page: registry.Page, root: str) -> Body:
    return Body(
        content.ACCESSIBILITY_TITLE, markup.from_markdown(content.ACCESSIBILITY_STATEMENT), [], ""
    )


def body(page: registry.Page, root: str) -> Body:
    """A page without charts has its own builder here, named `<slug>_body`; the rest draw their
    charts."""
    return globals().get(f"{page.slug}_body", charts_body)(page, root)
