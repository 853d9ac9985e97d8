"""What a chart is, independent of where it is drawn: stories build these, and the live page,
the slide and the meeting pack render them. Because one object carries the title, subtitle,
table, summary, sources and quotes, every chart gets all of them by construction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from plotly.io._json import to_json as _plotly_to_json  # Plotly's own, whatever pio holds

from pfcc.render import markup
from pfcc.render.templates import render, safe
from pfcc.text import currency


class Serialised(dict):
    """A figure as plain dicts and lists that carries the JSON it was parsed from: what
    `LiveFigure.to_dict` returns, and what `pfcc.render.live.compat.serialise_once` hands
    Streamlit back as it is."""

    __slots__ = ("json",)


class LiveFigure(go.Figure):
    """A copy of a spec's figure for `st.plotly_chart`, which on every run calls `to_dict()` (a
    deep copy and a base64 pass over every array: 1–3 ms a chart) and serialises what it gets
    with `plotly.io.to_json` (0.1–2 ms more). This one's `to_dict` returns the figure's JSON,
    made once and shared by every session, parsed into plain dicts and lists and carrying its
    text, which the live server's `plotly.io.to_json` hands back as it is
    (`pfcc.render.live.compat.serialise_once`): the same bytes Streamlit would have made.
    Where that is not installed, Plotly re-encodes the plain data to the same text. Nobody may
    change what it returns."""

    def __init__(self, figure: go.Figure, serialised: str):
        super().__init__(figure)
        self._serialised = Serialised(json.loads(serialised))
        self._serialised.json = serialised

    def to_dict(self) -> dict:
        return self._serialised


PANEL_MODES = ("page", "notes", "print")  # the static page, the live page, the meeting pack


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

    def _memo(self, name: str, make):
        """`make()` once per spec: specs are shared between sessions and never changed."""
        try:
            return self._made[name]
        except KeyError:
            value = self._made[name] = make()
            return value

    @property
    def empty(self) -> bool:
        """Nothing to draw (e.g. nothing was public yet on an as-presented date): renderers show
        the title, a sentence, instead of empty axes."""
        return self.table.empty

    def csv_bytes(self) -> bytes:
        """Exactly the table shown, with its headers as shown."""

        def make() -> bytes:
            shown = self.table[list(self.columns)].rename(columns=self.columns)
            return shown.to_csv(index=False).encode("utf-8")

        return self._memo("csv", make)

    def table_html(self) -> str:
        """The accessible table of exactly the figures drawn, captioned with the message."""
        return self._memo(
            "table",
            lambda: markup.html_table(self.table, self.columns, f"{self.title}: {self.subtitle}"),
        )

    @property
    def currency(self) -> str:
        """How current the chart is, from its own rows: the period of its newest figure and
        when that was published (`pfcc.text.currency`); "" where nothing is drawn."""
        return self._memo("currency", lambda: currency.currency_text(self.table))

    def under_chart_html(self) -> str:
        """What sits under the chart: the source line with tiers, how current the figures are,
        the licence, the summary."""
        return self._memo(
            "under",
            lambda: (
                markup.source_line(self.sources)
                + markup.currency_line(self.currency)
                + markup.attribution_line(self.attribution)
                + markup.summary(self.summary)
            ),
        )

    def slide_source_html(self) -> str:
        """A slide's source line: who published the figures, how current they are, the
        licence (the live presentation and the static slides alike)."""
        return self._memo(
            "slide_source",
            lambda: (
                markup.compact_source_line(self.sources, self.currency)
                + markup.attribution_line(self.attribution)
            ),
        )

    def head_html(self, heading: bool = True) -> str:
        """The message as the chart's heading (left out where the page's title states it), then
        what is measured."""
        return self._memo(
            f"head-{heading}",
            lambda: (
                (markup.heading(self.title, self.key, 3, "pfcc-chart-title") if heading else "")
                + markup.subtitle(self.subtitle)
            ),
        )

    def notes_html(self) -> str:
        """What follows the chart on a live page, as one block: the source line, the summary,
        then the table and every source, each a click away (the chart-panel partial without
        its chart, which the live page draws itself)."""
        return self._memo("notes", lambda: self.panel_html(mode="notes"))

    def panel_html(self, **values) -> str:
        """The chart-panel partial (templates/chart_panel.html), the one every renderer fills:
        this chart's own pieces, with `values` given by the renderer (`mode`, `head`,
        `figure`, `drawing`, `height`, `csv`, `quotes`, `heading`, `empty`; the pack's
        `source_line`, `config`, `version`)."""
        if values.get("mode", "page") not in PANEL_MODES:
            raise ValueError(f"no chart panel mode {values['mode']!r}: one of {PANEL_MODES}")
        return render(
            "chart_panel.html",
            **{
                "mode": "page",
                "empty": None,
                "heading": True,
                "key": self.key,
                "title": self.title,
                "subtitle": self.subtitle,
                "alt": self.alt,
                "head": safe(self.head_html(True)),
                "figure": None,
                "drawing": "",
                "height": None,
                "under": safe(self.under_chart_html()),
                "currency": self.currency,
                "attribution": self.attribution,
                "summary": self.summary,
                "table_label": markup.TABLE_SUMMARY,
                "table": safe(self.table_html()),
                "csv": None,
                "sources_label": markup.SOURCES_SUMMARY,
                "sources": safe(self.sources_html()),
                "quotes": [],
                **values,
            },
        )

    def sources_html(self) -> str:
        """Every source in full, then the notes and the licence: one block."""
        return self._memo(
            "sources", lambda: markup.source_list(self.sources, self.notes, self.attribution)
        )

    def figure_json(self) -> str:
        """The figure as Streamlit sends it (`plotly.io.to_json(..., validate=False)`)."""
        return self._memo("json", lambda: _plotly_to_json(self.figure, validate=False))

    def live_figure(self, fills_box: bool = False) -> LiveFigure:
        """What the live page hands `st.plotly_chart`: the same figure, serialised once.
        `fills_box`: with no height of its own, sized by the box it is drawn in (a slide)."""
        if not fills_box:
            return self._memo("live", lambda: LiveFigure(self.figure, self.figure_json()))

        def sized_by_box() -> LiveFigure:
            figure = go.Figure(self.figure)  # a copy: the spec's own figure never changes
            figure.update_layout(height=None, autosize=True)
            return LiveFigure(figure, _plotly_to_json(figure, validate=False))

        return self._memo("live_box", sized_by_box)

    def quote_labels(self) -> dict:
        """Figure id -> the quote picker's label for it (what a click on a point selects)."""
        q = self.quotes
        return self._memo("quote_ids", lambda: {} if q is None else dict(zip(q["id"], q["label"])))

    def quote_options(self) -> list[str]:
        """The quote picker's options, in order, once each."""
        q = self.quotes
        return self._memo(
            "quote_options", lambda: [] if q is None else list(dict.fromkeys(q["label"]))
        )

    def passage_html(self, label: str) -> str | None:
        """The passage behind the figure labelled `label` (None for a label it does not have)."""

        def make() -> dict[str, str]:
            if self.quotes is None:
                return {}
            rows = self.quotes.drop_duplicates("label")
            return {
                r.label: markup.quoted_passage(
                    r.quote, r.source_title, r.tier, r.url, getattr(r, "publisher", None)
                )
                for r in rows.itertuples()
            }

        return self._memo("passages", make).get(label)


@dataclass
class Headline:
    """A headline tile: (label, figure, where it comes from) per row."""

    title: str
    rows: list[tuple[str, str, str]]
