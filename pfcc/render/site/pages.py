"""The static edition of each page, drawn from its registry description: its charts at their
filters' defaults (a page with tabs shows every tab's chart in turn, with a contents list) and
its other blocks, each by a drawer named for the block's type below. A page with filters shows
its default view and links to the interactive dashboard for the rest."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pfcc import registry
from pfcc.registry_types import ChangeList, Findings, Reference, Scorecard, Statement, Tiles
from pfcc.render import markup, where
from pfcc.render import scorecard as scorecard_html
from pfcc.render.site.shell import chart_panel
from pfcc.render.spec import ChartSpec
from pfcc.render.templates import fragment
from pfcc.text import content


@dataclass
class Body:
    h1: str
    html: str
    specs: list[ChartSpec] = field(default_factory=list)  # in page order; the first leads
    description: str = ""


def default_specs(page: registry.Page) -> list[ChartSpec]:
    """The page's charts as a visitor first sees them: every filter at the page's default."""
    return [chart.build(None, **page.defaults) for chart in page.charts]


def _contents(specs: list[ChartSpec]) -> str:
    return fragment("site.html", "contents", specs)


# Each block's static drawing: (the page's title where the block states it, its HTML).


def _tiles(block: Tiles, root: str) -> tuple[str | None, str]:
    tiles = markup.tiles([markup.tile(h.title, h.rows) for h in block.story(None)])
    return None, markup.heading(block.heading, block.anchor) + tiles


def _findings(block: Findings, root: str) -> tuple[str | None, str]:
    found = block.story()
    listed = (
        markup.findings(found, kind=block.kind)
        if not found.empty
        else markup.empty_note("The sources give no figures here.")
    )
    return None, markup.heading(block.heading, block.anchor) + listed


def _statement(block: Statement, root: str) -> tuple[str | None, str]:
    return block.title, markup.from_markdown(block.text)


def _changes(block: ChangeList, root: str) -> tuple[str | None, str]:
    to = date.today()
    found = block.build(block.start(to), to)
    if found.empty:
        return found.title, "<p>Try the interactive dashboard for a wider range of dates.</p>"
    return found.title, markup.changes(where.linked(found.groups))


def _reference(block: Reference, root: str) -> tuple[str | None, str]:
    info, every, tables = block.build()
    body = markup.from_markdown(content.methods(info))
    body += markup.table_section(
        "Every source", "sources", "", every, content.SOURCES_COLUMNS, content.SOURCES_CAPTION
    )
    for heading, anchor, intro, df, columns in tables:
        body += markup.table_section(heading, anchor, intro, df, columns)
    body += fragment("site.html", "download_link", root)
    return Reference.title(info), body


SCORECARD_CSV = "data/scorecard.csv"  # written with the other data (site.build.write_data)


def _scorecard(block: Scorecard, root: str) -> tuple[str | None, str]:
    board = block.build(None)
    link = (
        f"<p><a href='{root}{SCORECARD_CSV}' download>Download CSV of the whole scorecard</a></p>"
    )
    return board.title, scorecard_html.board_html(board) + link


DRAW = {
    Tiles: _tiles,
    Findings: _findings,
    Statement: _statement,
    ChangeList: _changes,
    Reference: _reference,
    Scorecard: _scorecard,
}


def body(page: registry.Page, root: str, drawings: dict[str, str] | None = None) -> Body:
    """The page's title (its first chart's message, or what its first block states), then its
    blocks above the charts, the charts (drawn as the SVGs `drawings` holds), and its blocks
    below them."""
    specs = default_specs(page)
    before = [DRAW[type(b)](b, root) for b in page.before]
    after = [DRAW[type(b)](b, root) for b in page.after]
    panels = [chart_panel(s, root, i > 0, drawings) for i, s in enumerate(specs)]
    charts = (_contents(specs) if len(specs) > 1 else "") + "".join(panels)
    titled = [title for title, _ in before if title]
    h1 = specs[0].title if specs else titled[0] if titled else page.title
    parts = [part for _, part in before] + [charts] + [part for _, part in after]
    return Body(h1, "".join(parts), specs, page.lede)
