"""What a chart is, independent of where it is drawn: stories build these, and the live page,
the slide and the meeting pack render them. Because one object carries the title, subtitle,
table, summary, sources and quotes, every chart gets all of them by construction."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from pfcc import markup


@dataclass
class ChartSpec:
    key: str  # stable id: widget keys, file names, URL parameter
    title: str  # the message, stated
    subtitle: str  # what is measured
    figure: go.Figure
    table: pd.DataFrame  # exactly the data shown, one row per figure drawn
    columns: dict[str, str]  # table column -> header shown
    summary: str  # generated from the data shown
    alt: str  # the chart's accessible name
    sources: pd.DataFrame  # source_id, source_title, publisher, tier, url (one row per source)
    notes: list[str] = field(default_factory=list)  # definitions and caveats
    quotes: pd.DataFrame | None = None  # id, label, quote, source_title, tier, url
    attribution: str = ""  # a licence statement that must travel with the figures (OGL)
    # what every rerun would otherwise rebuild: a spec is built once per data build and day and
    # shared, never changed, so its table and CSV are made once too
    _made: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def empty(self) -> bool:
        """Nothing to draw (e.g. nothing was public yet on an as-presented date): renderers show
        the title, a sentence, instead of empty axes."""
        return self.table.empty

    def csv_bytes(self) -> bytes:
        """Exactly the table shown, with its headers as shown."""
        if "csv" not in self._made:
            shown = self.table[list(self.columns)].rename(columns=self.columns)
            self._made["csv"] = shown.to_csv(index=False).encode("utf-8")
        return self._made["csv"]

    def table_html(self) -> str:
        """The accessible table of exactly the figures drawn, captioned with the message."""
        if "table" not in self._made:
            self._made["table"] = markup.html_table(
                self.table, self.columns, f"{self.title}: {self.subtitle}"
            )
        return self._made["table"]

    def under_chart_html(self) -> str:
        """What sits under the chart: the source line with tiers, the licence, the summary."""
        if "under" not in self._made:
            self._made["under"] = (
                markup.source_line(self.sources)
                + markup.attribution_line(self.attribution)
                + markup.summary(self.summary)
            )
        return self._made["under"]

    def sources_html(self) -> str:
        """Every source in full, then the notes and the licence: one block."""
        if "sources" not in self._made:
            self._made["sources"] = markup.source_list(self.sources, self.notes, self.attribution)
        return self._made["sources"]


@dataclass
class Headline:
    """A headline tile: (label, figure, where it comes from) per row."""

    title: str
    rows: list[tuple[str, str, str]]
