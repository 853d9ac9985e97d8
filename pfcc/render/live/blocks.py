"""A live page drawn from its registry description: the title, the blocks above the charts, the
charts (the open tab's, given the page's filter values) and the blocks below, each block by a
drawer named for its type below, as `site.pages` draws the static edition. A page's file in
pages/ draws only its widgets and then calls `draw_page`."""

from __future__ import annotations

from contextlib import nullcontext

import streamlit as st

from pfcc import registry
from pfcc.registry_types import ChangeList, Findings, Reference, Scorecard, Statement, Tiles
from pfcc.render import markup, where
from pfcc.render import scorecard as scorecard_html
from pfcc.render.live.ui import as_presented, chart_panels, html, page_charts, page_title
from pfcc.render.spec import ChartSpec
from pfcc.stories.common import spec_cache
from pfcc.text import content


def draw_page(slug: str, section: str | None = None, head=None, **values) -> list[ChartSpec]:
    """`section`: the open tab, where the page has tabs (`ui.open_section`); `head`: a container
    above the page's widgets for its title, where the widgets come first; `values`: the
    filters' values (the page's defaults where left out) and any its blocks take. Returns the
    charts drawn."""
    page = registry.page(slug)
    specs = page_charts(slug, section, **values) if page.charts else []
    if specs:  # the first chart's message is the page's title
        with head or nullcontext():
            page_title(specs[0].title, page.lede)
    # a block states the page's title only where no chart does
    head = None if specs else head or nullcontext()
    for block in page.before:
        DRAW[type(block)](page, block, head, **values)
    chart_panels(specs)
    for block in page.after:
        DRAW[type(block)](page, block, head, **values)
    return specs


# Each block's live drawing; a block that states the page's title draws it in `head`, which is
# None where the page's first chart has stated it.


def _title(head, title: str, lede: str, figures: bool = True) -> None:
    if head is not None:
        with head:
            page_title(title, lede, figures=figures)


def _tiles(page: registry.Page, block: Tiles, head, **_) -> None:
    """A heading and the tiles under it: one element."""
    html(_tiles_html(block, as_presented()))


# A block's HTML is made once per build and day, like the stories it draws (`spec_cache`),
# not on every rerun: the blocks are frozen, so they are the keys.
@spec_cache
def _tiles_html(block: Tiles, as_of) -> str:
    tiles = markup.tiles([markup.tile(h.title, h.rows) for h in block.story(as_of)])
    return markup.heading(block.heading, block.anchor) + tiles


def _findings(page: registry.Page, block: Findings, head, **_) -> None:
    """Figures better read than charted under a heading: one element."""
    html(_findings_html(block))


@spec_cache
def _findings_html(block: Findings) -> str:
    df = block.story()
    if df.empty:
        body = markup.empty_note("The sources give no figures here.")
    else:
        body = markup.findings(df, block.kind)
    return markup.heading(block.heading, block.anchor) + body


def _statement(page: registry.Page, block: Statement, head, **_) -> None:
    _title(head, block.title, page.lede, figures=False)
    st.markdown(block.text)


def _changes(page: registry.Page, block: ChangeList, head, date_from, date_to, **_) -> None:
    found = block.build(date_from, date_to)
    _title(head, found.title, page.lede)
    if found.empty:
        st.markdown("Try a wider range of dates, or see every figure on the other pages.")
    else:
        html(markup.changes(where.linked(found.groups)))


def _reference(page: registry.Page, block: Reference, head, **_) -> None:
    """How figures are checked, every source, then each list better read than charted (a
    heading, a sentence and a real table): one element, for Streamlit's cost is per element."""
    title, body = _reference_html(block)
    _title(head, title, page.lede)
    html(body)


@spec_cache
def _reference_html(block: Reference) -> tuple[str, str]:
    info, every, tables = block.build()
    columns, caption = content.SOURCES_COLUMNS, content.SOURCES_CAPTION
    parts = [
        markup.from_markdown(content.methods(info)),
        markup.table_section("Every source", "sources", "", every, columns, caption),
    ]
    for heading, anchor, intro, df, cols in tables:
        parts.append(markup.table_section(heading, anchor, intro, df, cols))
    return Reference.title(info), "".join(parts)


def _scorecard(page: registry.Page, block: Scorecard, head, group=None, show="all", **_) -> None:
    """The title, the chosen findings (one element) and the whole table as CSV."""
    as_of = as_presented()
    title, body = _scorecard_html(block, as_of, group, show or "all")
    _title(head, title, page.lede)
    html(body)
    st.download_button(
        "Download CSV of the whole scorecard",
        _scorecard_csv(block, as_of),
        file_name="scorecard.csv",
        mime="text/csv",
        key="dl_scorecard",
        on_click="ignore",
    )


@spec_cache
def _scorecard_html(block: Scorecard, as_of, group, show) -> tuple[str, str]:
    board = block.build(as_of, group, show)
    return board.title, scorecard_html.board_html(board)


@spec_cache
def _scorecard_csv(block: Scorecard, as_of) -> bytes:
    return block.table(as_of).to_csv(index=False).encode("utf-8")


DRAW = {
    Tiles: _tiles,
    Findings: _findings,
    Statement: _statement,
    ChangeList: _changes,
    Reference: _reference,
    Scorecard: _scorecard,
}
