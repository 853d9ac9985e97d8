"""What a page of the registry is made of: its charts and its other blocks, described once and
drawn by each renderer (`ui.page_blocks` live, `site.pages` static). The list of pages itself is
pfcc/registry.py.

A block is data, not drawing: the story it shows (or its words) and its heading. A page's
`blocks` run in order and `CHARTS` marks where its charts go (after its filters, live); a page
with charts and nothing else needs no `blocks`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import quote_plus

if TYPE_CHECKING:
    import pandas as pd

    from pfcc.render.spec import ChartSpec, Headline
    from pfcc.stories.changes import Changes


@dataclass(frozen=True)
class Chart:
    key: str  # the ChartSpec.key the story returns
    story: Callable[..., ChartSpec]
    slide: str | None = None  # the slide's name when the chart is on the meeting deck
    slide_args: dict = field(default_factory=dict)  # the story's filters on the slide
    filters: tuple[str, ...] = ()  # the page's filters this story takes, by parameter name
    in_pack: bool = False  # in the meeting pack although not a slide
    section: str | None = None  # the page's tab it is drawn in, where a page has tabs

    def build(self, as_of: date | None = None, **page_filters) -> ChartSpec:
        """The chart as its page shows it, given the page's filter values; as presented on
        `as_of` where a link asks for a meeting's date."""
        return self.story(**{name: page_filters[name] for name in self.filters}, as_of=as_of)


@dataclass(frozen=True)
class Charts:
    """Where a page's charts are drawn among its blocks: use `CHARTS`."""


CHARTS = Charts()


@dataclass(frozen=True)
class Tiles:
    """Headline figures, a tile each, under a heading."""

    story: Callable[[date | None], list[Headline]]  # as presented on a date (None: today)
    heading: str
    anchor: str  # the heading's id: a link to it is #<anchor>


@dataclass(frozen=True)
class Findings:
    """Figures better read than charted, each with its words and source, under a heading."""

    story: Callable[[], pd.DataFrame]
    heading: str
    anchor: str
    kind: str = "measures"  # how markup.findings lays a row out: "measures" or "grades"


@dataclass(frozen=True)
class Statement:
    """Words in Markdown; the title is the page's where no chart states it."""

    title: str
    text: str = field(repr=False)  # Markdown


@dataclass(frozen=True)
class ChangeList:
    """Everything that became public between two dates, grouped as a panel reads it."""

    days: int = 90  # the window a visitor gets without choosing: this many days to the end

    def start(self, end: date) -> date:
        return end - timedelta(days=self.days)

    def build(self, date_from: date, date_to: date) -> Changes:
        from pfcc.stories import changes

        return changes.changes(date_from, date_to)


@dataclass(frozen=True)
class Reference:
    """The Sources page's reference: how figures are checked, every source, then each list
    better read than charted (a heading, a sentence and a table)."""

    def build(self) -> tuple[dict, pd.DataFrame, list[tuple]]:
        """(the build's facts, every source, [(heading, anchor, intro, frame, columns)])."""
        from pfcc.stories import official, sources
        from pfcc.text import content

        tables = content.source_tables(
            sources.uncharted(),
            sources.undated(),
            sources.reconciliation(),
            sources.series_flags(),
            official.OGL,
            newest=sources.newest_by_family(),
        )
        return sources.data_info(), sources.sources_list(), tables

    @staticmethod
    def title(info: dict) -> str:
        return f"{info['sources']} sources, every figure traced to their words"


@dataclass(frozen=True)
class Scorecard:
    """Each thing the inspectorate asked to change beside the figures that show whether it
    changed, as it stood on a day; `slide` names its slide in the deck (the causes of concern
    and graded areas, one line each)."""

    slide: str | None = None

    def build(self, as_of: date | None = None, group: str | None = None, show: str = "all"):
        from pfcc.stories import scorecard_board

        return scorecard_board.board(as_of, group, show)

    @staticmethod
    def table(as_of: date | None = None) -> pd.DataFrame:
        """The whole scorecard, a line per finding and measure: what its CSV holds."""
        from pfcc.stories import scorecard_table

        return scorecard_table.table(as_of)


Block = Charts | Tiles | Findings | Statement | ChangeList | Reference | Scorecard


@dataclass(frozen=True)
class Page:
    slug: str  # the URL path: /<slug>
    title: str
    file: str | None  # pages/<file> for its widgets; None draws it with the generic page
    charts: tuple[Chart, ...] = ()
    default: bool = False
    lede: str = ""  # the sentence under the title: what the page shows (both editions print it)
    blocks: tuple[Block, ...] = (CHARTS,)  # what the page shows, in order
    intros: Mapping[str, str] = field(default_factory=dict)  # a tab's sentence, by section
    # each filter's value when a visitor has chosen none: the live page's widgets start from
    # it and the static edition shows the charts at it
    defaults: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "intros", MappingProxyType(dict(self.intros)))
        object.__setattr__(self, "defaults", MappingProxyType(dict(self.defaults)))
        # on a page with tabs a chart with no tab would never be drawn: refuse it here
        loose = [c.key for c in self.charts if not c.section]
        if self.sections and loose:
            self._refuse(
                f"has tabs ({', '.join(self.sections)}), but chart(s) {', '.join(loose)} name "
                "no section: give each a `section=`"
            )
        if not self.blocks or self.blocks.count(CHARTS) != (1 if self.charts else 0):
            self._refuse(
                "has charts: its `blocks` hold CHARTS once, where they are drawn"
                if self.charts
                else "has no charts: give it `blocks` of its own to show, without CHARTS"
            )
        for intro in self.intros:
            if intro not in self.sections:
                self._refuse(f"has an intro for section {intro!r}, which no chart names")
        wanted = {name for c in self.charts for name in c.filters}
        for name in sorted(wanted - set(self.defaults)):
            self._refuse(f"has no default for the filter {name!r}: add it to `defaults`")
        for name in sorted(set(self.defaults) - wanted):
            self._refuse(f"has a default for {name!r}, a filter no chart takes")

    def _refuse(self, why: str) -> None:
        raise ValueError(f"page {self.slug!r} {why}")

    @property
    def path(self) -> str:
        """What to open in a browser: the default page lives at /."""
        return "/" if self.default else f"/{self.slug}"

    @property
    def sections(self) -> tuple[str, ...]:
        """The page's tabs (`?section=`), in order; none where every chart shows at once."""
        return tuple(dict.fromkeys(c.section for c in self.charts if c.section))

    @property
    def before(self) -> tuple[Block, ...]:
        """The blocks drawn above the charts (all of them on a page without charts)."""
        return self.blocks[: self.blocks.index(CHARTS)] if self.charts else self.blocks

    @property
    def after(self) -> tuple[Block, ...]:
        """The blocks drawn below the charts."""
        return self.blocks[self.blocks.index(CHARTS) + 1 :] if self.charts else ()

    @property
    def filtered(self) -> bool:
        """Whether the live page offers choices the static edition shows only at their defaults
        (filters, or a window of dates)."""
        return bool(self.defaults) or any(
            isinstance(b, ChangeList | Scorecard) for b in self.blocks
        )

    def block(self, kind: type[Block]) -> Block:
        """The page's first block of this type (where a page's widgets need its settings)."""
        return next(b for b in self.blocks if isinstance(b, kind))

    def shown(self, section: str | None = None) -> tuple[Chart, ...]:
        """The charts drawn with a section open: the first section's when the name is unknown
        (as Streamlit opens the first tab for an unknown `?section=`)."""
        if not self.sections:
            return self.charts
        name = section if section in self.sections else self.sections[0]
        return tuple(c for c in self.charts if c.section == name)

    def views(self) -> tuple[View, ...]:
        """Every distinct screen of the page: one per section, or the page itself."""
        return tuple(View(self, name) for name in self.sections) or (View(self, None),)


@dataclass(frozen=True)
class View:
    """One screen a visitor can open: a page, with a section where the page has tabs."""

    page: Page
    section: str | None

    @property
    def charts(self) -> tuple[Chart, ...]:
        return self.page.shown(self.section)

    @property
    def params(self) -> dict[str, str]:
        return {"section": self.section} if self.section else {}

    @property
    def url(self) -> str:
        return self.page.path + (f"?section={quote_plus(self.section)}" if self.section else "")

    @property
    def name(self) -> str:
        """A short id for test names and reports: `outcomes` or `outcomes/all-forces`."""
        if not self.section:
            return self.page.slug
        return f"{self.page.slug}/{'-'.join(self.section.lower().split())}"


@dataclass(frozen=True)
class Slide:
    number: int  # 1-based, as in ?slide=N
    key: str
    name: str
    chart: Chart | None  # None: a slide of words (`block`, else since the last meeting)
    defaults: Mapping[str, object] = field(default_factory=dict)  # its page's filter defaults
    block: Block | None = None  # a block's slide (the scorecard), where it is not a chart

    @property
    def charts(self) -> int:
        """How many charts the slide draws: what a browser waits for."""
        return 0 if self.chart is None else 1

    def build(self, as_of: date | None = None, projector: bool = True) -> ChartSpec:
        """The chart as its page first shows it, but for the filters its `slide_args` set."""
        chosen = {**{n: self.defaults[n] for n in self.chart.filters}, **self.chart.slide_args}
        return self.chart.story(**chosen, projector=projector, as_of=as_of)
