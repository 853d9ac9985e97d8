"""The live page's pieces, in Streamlit. `chart_panel` owns everything a chart carries (message
title, subtitle, source line with tier, text summary, accessible table, CSV download and the
passage behind a selected figure), so every chart on a page has all of them by construction."""

from __future__ import annotations

import copy
import functools
import io
import logging
import threading
import zipfile
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pandas as pd
import streamlit as st

from pfcc import registry
from pfcc.render import markup, theme
from pfcc.render.spec import ChartSpec
from pfcc.render.templates import safe
from pfcc.store import db
from pfcc.store.asof import is_past, parse_meeting_date
from pfcc.stories import sources
from pfcc.stories.common import settled
from pfcc.text.formatting import fmt_date

log = logging.getLogger("pfcc")
Made = TypeVar("Made")


class _Ready:
    """HTML for st.html as it is. Given a string, st.html checks it is not a file's path and
    dedents it (a regex pass over the whole text: a third of the Sources page's run); given an
    object with `_repr_html_` it does neither. Ours comes from pfcc.render.markup and needs
    neither."""

    __slots__ = ("body",)

    def __init__(self, body: str):
        self.body = body

    def _repr_html_(self) -> str:
        return self.body


def html(body: str, *, js: bool = False) -> None:
    """The one way a page puts HTML on screen; `js` only for our own fixed scripts."""
    st.html(_Ready(body.strip()), unsafe_allow_javascript=js)


_nav: list = [None, []]  # the registry's pages it was made from, the st.Page objects
_nav_lock = threading.Lock()


def navigation_pages(pages: tuple, make: Callable[[registry.Page], object]) -> list:
    """`make(page)` for each registry page, once a server: st.Page resolves, checks and hashes
    its file on every call (a fifth of a short page's run). st.navigation marks the page it
    picks as callable and its run() unmarks it, so each run gets its own shallow copies."""
    with _nav_lock:
        if _nav[0] is not pages:
            _nav[:] = [pages, [make(p) for p in pages]]
        made = _nav[1]
    return [copy.copy(p) for p in made]


def configure_page(title: str) -> None:
    """The tab's title and the layout, once a run (each call is a message to the browser)."""
    st.set_page_config(
        page_title=title, page_icon="📊", layout="wide", initial_sidebar_state="collapsed"
    )


def setup_page() -> None:
    html(theme.APP_CSS)
    # a chart box that scrolls sideways on a phone becomes a named, focusable region
    html(theme.PHONE_JS, js=True)


def meeting_date() -> date | None:
    """The meeting date a link asks for (`?date=YYYY-MM-DD`), if it is a past day."""
    as_of = parse_meeting_date(st.query_params.get("date"))
    return as_of if is_past(as_of) else None


def as_presented() -> date | None:
    """The day the page's figures are shown as they stood on: the meeting's date settled on the
    last day before it that anything changed (`common.settled`), the same view, built once."""
    return settled(meeting_date())


def page_title(title: str, lede: str | None = None, figures: bool = True) -> None:
    """The page's title, the as-presented notice, its lede and (`figures`: a page that shows
    any) when figures were last added, as presented on the page's date."""
    asked, as_of = meeting_date(), as_presented()
    notice = ""
    if asked:
        same = (
            ""
            if as_of == asked
            else f" Nothing we hold changed between {fmt_date(as_of)} and that day."
        )
        notice = (
            f"As presented on {fmt_date(asked)}: only what had been published by then.{same} "
            "Remove the date from the address to see today's figures."
        )
    held = sources.newest_held(as_of, said=asked) if figures else ""
    html(markup.page_head(title, notice, lede or "", held))


def _select_from_chart(chart_key: str, quote_key: str, labels: dict) -> None:
    """A clicked point selects its figure in the quote picker (and so in the URL)."""
    state = st.session_state.get(chart_key)
    try:
        points = state.selection.points if state else []
    except AttributeError:
        points = []
    for p in points:
        ident = p.get("customdata")
        if isinstance(ident, list):
            ident = ident[0] if ident else None
        if ident in labels:
            st.session_state[quote_key] = labels[ident]
            return


def quote_picker(spec: ChartSpec) -> None:
    """Choose a figure (or click it on the chart) to read the passage it comes from."""
    options = spec.quote_options()
    if not options:
        return
    choice = st.selectbox(
        "Show the source passage for",
        options,
        index=None,
        placeholder="Choose a figure, or click one on the chart",
        key=f"q_{spec.key}",
        bind="query-params",
    )
    passage = spec.passage_html(choice) if choice else None
    if passage:
        html(passage)


def chart_panel(spec: ChartSpec, heading: bool = True) -> None:
    """`heading=False` where the page's own title already states this chart's message. The
    table and the sources open in place (HTML details, as on the static edition): five
    elements a chart, where three tabs took twelve, and Streamlit's cost is per element."""
    if spec.empty:  # e.g. filters that leave nothing: a sentence, not empty axes
        html(
            spec.panel_html(
                head=safe(spec.head_html(heading)), empty=safe(markup.nothing_yet(None))
            )
        )
        return
    html(spec.head_html(heading))
    labels = spec.quote_labels()
    chart_key, quote_key = f"c_{spec.key}", f"q_{spec.key}"
    st.plotly_chart(
        # the spec's figure, serialised once for every session (see spec.LiveFigure)
        spec.live_figure(),
        theme=None,
        alt=spec.alt,
        key=chart_key,
        config=theme.PLOTLY_CONFIG,
        on_select=(
            (lambda: _select_from_chart(chart_key, quote_key, labels)) if labels else "ignore"
        ),
        selection_mode="points",
    )
    html(spec.notes_html())
    # made on the click, not with the page: no file per session, nothing fetched on load, and
    # no rerun
    st.download_button(
        "Download CSV of this chart's data",
        spec.csv_bytes,
        file_name=f"{spec.key}.csv",
        mime="text/csv",
        key=f"dl_{spec.key}",
        on_click="ignore",
    )
    quote_picker(spec)


def page_charts(slug: str, section: str | None = None, **filters) -> list[ChartSpec]:
    """The page's charts as the registry lists them (those of the open section, where the page
    has tabs), given the page's filter values (its defaults for those not given)."""
    page, as_of = registry.page(slug), as_presented()
    chosen = {**page.defaults, **filters}
    return [chart.build(as_of, **chosen) for chart in page.shown(section)]


def date_field(label: str, **kwargs):
    """A date input, day first as UK readers write it, URL-bound by its key (the theme makes
    its parts large enough to touch)."""
    return st.date_input(label, format="DD/MM/YYYY", bind="query-params", **kwargs)


def keep(*keys: str) -> None:
    """Keep these widgets' values while their tab is closed (Streamlit forgets the state of a
    widget that a run does not draw), so returning to the tab shows the visitor's choice."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def open_section(slug: str, **filters):
    """The page's section tabs, bound to `?section=` so a link reopens the same one. Only the
    open tab is drawn (a tab's content is built on selection): returns its name and container.
    As presented on a date, a section with nothing published by then is left out, for its name
    may be from later ("2015 inspection"); the first stays where none has anything, to say so.
    `filters`: the page's filter values, where they are chosen outside the tabs (the page's
    defaults for the rest). The open tab starts with its intro, where the registry gives one."""
    page = registry.page(slug)
    filters = {**page.defaults, **filters}
    names = page.sections
    as_of = as_presented()
    if as_of:
        names = (
            tuple(
                name
                for name in names
                if any(not chart.build(as_of, **filters).empty for chart in page.shown(name))
            )
            or names[:1]
        )
    tabs = st.tabs(list(names), key="section", bind="query-params", on_change="rerun")
    name, tab = next(((n, t) for n, t in zip(names, tabs) if t.open), (names[0], tabs[0]))
    if name in page.intros:
        tab.markdown(page.intros[name])
    return name, tab


def chart_panels(specs: list[ChartSpec]) -> None:
    """Every chart of a page; the first one's message is the page's title, so no heading."""
    for i, spec in enumerate(specs):
        chart_panel(spec, heading=i > 0)


def fail_gracefully(exc: Exception) -> None:
    """A visitor gets a plain sentence; the log gets everything."""
    log.error("page failed: %s", exc, exc_info=exc)
    st.title("This page cannot be shown right now", anchor=False)
    if isinstance(exc, db.DatabaseUnavailable):
        st.error(exc.public)
    else:
        st.error(
            "Sorry, something went wrong while drawing this page. The problem has been "
            "logged; please try again later."
        )


def _database_bytes() -> bytes:
    return db.DB_PATH.read_bytes()


def _csv_of(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False).encode("utf-8")


def _zip_of(tables: dict[str, pd.DataFrame]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, df in tables.items():
            z.writestr(f"{name}.csv", _csv_of(df))
    return out.getvalue()


def downloads(tables: dict[str, pd.DataFrame]) -> None:
    """Each file is made on the click, not with the page (as each chart's CSV): no read
    and hash of the database, nor five CSVs, on every run. The tables come as one ZIP: one
    button, not five in columns, on a page whose run is mostly Streamlit's cost per element."""
    html(markup.heading("Download the data", "download"))
    try:
        readable = db.DB_PATH.stat().st_size > 0
    except OSError:
        readable = False
    if readable:
        st.download_button(
            "Download the whole database (DuckDB file)",
            _database_bytes,
            file_name=db.DB_PATH.name,
            mime="application/octet-stream",
            key="dl_database",
            on_click="ignore",
        )
    listed = ", ".join(f"{name} ({len(df):,} rows)" for name, df in tables.items())
    st.download_button(
        f"Download every table as CSV, in one ZIP file: {listed}",
        functools.partial(_zip_of, tables),
        file_name="staffordshire-police-performance-tables.zip",
        mime="application/zip",
        key="dl_tables",
        on_click="ignore",
    )
