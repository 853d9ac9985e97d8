"""The page components. `chart_panel` owns everything a chart carries — message title, subtitle,
source line with tier, text summary, accessible table, CSV download and the quote behind a
selected figure — so every chart has all of them by construction."""
from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pfcc import db, theme
from pfcc.charts import fmt_date

log = logging.getLogger("pfcc")


@dataclass
class ChartSpec:
    key: str                 # stable id: widget keys, file names, URL parameter
    title: str               # the message, stated
    subtitle: str            # what is measured
    figure: go.Figure
    table: pd.DataFrame      # exactly the data shown, one row per figure drawn
    columns: dict[str, str]  # table column -> header shown
    summary: str             # generated from the data shown
    alt: str                 # the chart's accessible name
    sources: pd.DataFrame    # source_title, publisher, tier, url (one row per source)
    notes: list[str] = field(default_factory=list)  # definitions and caveats
    quotes: pd.DataFrame | None = None  # id, label, quote, source_title, tier, url


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_query(name: str, stamp: tuple, params: tuple) -> pd.DataFrame:
    return db.run_query(name, **dict(params))


def query(name: str, **params) -> pd.DataFrame:
    """A named query's rows, cached per version of the database file."""
    return _cached_query(name, db.file_stamp(), tuple(sorted(params.items()))).copy()


def setup_page() -> None:
    st.html(theme.APP_CSS)


def page_title(title: str, lede: str | None = None) -> None:
    st.title(title, anchor=False)
    if lede:
        st.markdown(lede)


def source_line(sources: pd.DataFrame, limit: int = 3) -> str:
    items = []
    for r in sources.head(limit).itertuples():
        tier = theme.TIER_SHORT.get(r.tier, r.tier)
        items.append(f"{html.escape(r.source_title)} ({html.escape(r.publisher)})"
                     f"<span class='pfcc-tier'>{html.escape(tier)}</span>")
    more = len(sources) - limit
    tail = f" and {more} more (see Sources)" if more > 0 else ""
    label = "Source" if len(sources) == 1 else "Sources"
    return f"<p class='pfcc-source'>{label}: " + "; ".join(items) + tail + "</p>"


def compact_source_line(sources: pd.DataFrame, limit: int = 3) -> str:
    """One line for a slide: who published the figures, and how many of each tier."""
    publishers = list(dict.fromkeys(sources["publisher"]))
    more = len(publishers) - limit
    who = ", ".join(html.escape(p) for p in publishers[:limit]) + \
        (f" and {more} more" if more > 0 else "")
    tiers = sources["tier"].value_counts()
    kinds = "; ".join(f"{html.escape(theme.TIER_SHORT.get(t, t))}: {n}"
                      for t, n in tiers.items())
    label = "Source" if len(sources) == 1 else f"{len(sources)} sources"
    return f"<p class='pfcc-source'>{label} — {who} ({kinds})</p>"


def html_table(df: pd.DataFrame, columns: dict[str, str], caption: str) -> str:
    """A real table: caption, header cells with scope, numbers right-aligned, text escaped."""
    head = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in columns.values())
    body = []
    for _, r in df.iterrows():
        cells = []
        for i, c in enumerate(columns):
            v = r.get(c)
            numeric = isinstance(v, (int, float)) and not isinstance(v, bool)
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                text = "—"
            elif hasattr(v, "strftime"):
                text = fmt_date(v)
            else:
                text = f"{v:,.10f}".rstrip("0").rstrip(".") if numeric else str(v)
            tag = "th scope='row'" if i == 0 else ("td class='num'" if numeric else "td")
            cells.append(f"<{tag}>{html.escape(text)}</{tag.split()[0]}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<table class='pfcc-table'><caption>{html.escape(caption)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


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
    q = spec.quotes
    if q is None or q.empty:
        return
    labels = dict(zip(q["id"], q["label"]))
    options = list(dict.fromkeys(q["label"]))
    choice = st.selectbox("Show the source passage for", options, index=None,
                          placeholder="Choose a figure, or click one on the chart",
                          key=f"q_{spec.key}", bind="query-params")
    if choice:
        row = q[q["label"] == choice].iloc[0]
        tier = theme.TIER_SHORT.get(row["tier"], row["tier"])
        link = (f" <a href='{html.escape(row['url'])}'>{html.escape(row['url'])}</a>"
                if isinstance(row.get("url"), str) and row["url"] else "")
        st.html(f"<blockquote class='pfcc-quote'>“{html.escape(row['quote'])}”</blockquote>"
                f"<p class='pfcc-source'>{html.escape(row['source_title'])}"
                f"<span class='pfcc-tier'>{html.escape(tier)}</span>{link}</p>")
    return labels


def chart_panel(spec: ChartSpec, heading: bool = True) -> None:
    """`heading=False` where the page's own title already states this chart's message."""
    if heading:
        st.subheader(spec.title, anchor=spec.key)
    st.caption(spec.subtitle)
    chart, table, sources = st.tabs(["Chart", "Table", "Sources and notes"])
    labels = dict(zip(spec.quotes["id"], spec.quotes["label"])) if spec.quotes is not None \
        else {}
    with chart:
        chart_key = f"c_{spec.key}"
        quote_key = f"q_{spec.key}"
        st.plotly_chart(spec.figure, theme=None, alt=spec.alt, key=chart_key,
                        config=theme.PLOTLY_CONFIG, on_select=(
                            (lambda: _select_from_chart(chart_key, quote_key, labels))
                            if labels else "ignore"),
                        selection_mode="points")
        st.html(source_line(spec.sources))
        st.markdown(f"<p class='pfcc-summary'>{html.escape(spec.summary)}</p>",
                    unsafe_allow_html=True)
        quote_picker(spec)
    with table:
        st.html(html_table(spec.table, spec.columns, caption=f"{spec.title}: {spec.subtitle}"))
        st.markdown(spec.summary)
        st.download_button("Download CSV of this chart's data",
                           spec.table[list(spec.columns)].rename(columns=spec.columns)
                           .to_csv(index=False).encode("utf-8"),
                           file_name=f"{spec.key}.csv", mime="text/csv", key=f"dl_{spec.key}")
    with sources:
        for r in spec.sources.itertuples():
            tier = theme.TIER_SHORT.get(r.tier, r.tier)
            url = f" — [{r.url}]({r.url})" if isinstance(r.url, str) and r.url else ""
            st.markdown(f"- **{r.source_title}**, {r.publisher}. *{tier}*{url}")
        for note in spec.notes:
            st.markdown(f"- {note}")


def tile(title: str, rows: list[tuple[str, str, str]]) -> str:
    """A headline figure: (label, figure, where it comes from) per row, as a definition list."""
    items = "".join(f"<dt>{html.escape(a)}</dt><dd>{html.escape(b)}<small>{html.escape(c)}</small></dd>"
                    for a, b, c in rows)
    return f"<section class='pfcc-tile' aria-label='{html.escape(title)}'><h3>{html.escape(title)}</h3><dl>{items}</dl></section>"


def fail_gracefully(exc: Exception) -> None:
    """A visitor gets a plain sentence; the log gets everything."""
    log.error("page failed: %s", exc, exc_info=exc)
    st.title("This page cannot be shown right now", anchor=False)
    if isinstance(exc, db.DatabaseUnavailable):
        st.error(exc.public)
    else:
        st.error("Sorry, something went wrong while drawing this page. The problem has been "
                 "logged; please try again later.")


def findings_list(df: pd.DataFrame, kind: str = "measures") -> None:
    """Figures that are better read than charted: each with its words and source."""
    if df.empty:
        st.info("The sources give no figures here.")
        return
    items = []
    for r in df.itertuples():
        tier = theme.TIER_SHORT.get(r.tier, r.tier)
        if kind == "grades":
            head = f"<b>{html.escape(r.grade)}</b> — {html.escape(r.area)} ({html.escape(r.inspection)})"
        else:
            head = (f"<b>{html.escape(r.value_text)}</b> — {html.escape(r.metric)}"
                    f" — {html.escape(r.period_label)}")
        items.append(f"<li>{head}<blockquote class='pfcc-quote'>“{html.escape(r.quote)}”</blockquote>"
                     f"<p class='pfcc-source'>{html.escape(r.source_title)}"
                     f"<span class='pfcc-tier'>{html.escape(tier)}</span></p></li>")
    st.html("<ul>" + "".join(items) + "</ul>")


def methods(info: dict) -> None:
    tiers = ", ".join(f"{theme.TIER_SHORT[t].lower()}: {n}" for t, n in info["tiers"].items())
    built = info["built_at"]
    newest = info["newest_source"]
    st.markdown(f"""
**Data last changed** {fmt_date(info['data_changed_at'])} (data version `{info['data_version']}`,
built {fmt_date(built)} from {info['files']} files);
newest dated source {fmt_date(newest) if newest is not None and not pd.isna(newest) else 'not dated'}.
{info['facts']} facts rest on {info['sources']} sources ({tiers}).

**How every figure is checked.** Each fact is a row in an editable CSV file with its source and a
verbatim quote. The build refuses a row whose quote is not found, word for word, in the kept text
of its document (runs of white space aside), and a figure whose digits are not in its quote. Web
pages whose text is not kept are quoted by the short phrase that states the figure. Nothing is
rounded, estimated or filled in: where the sources are silent the chart says so, and where they
disagree both figures are shown with their sources.

**Tiers** say how much weight a figure carries: *Inspection* (HMIC and HMICFRS reports and
letters), *Official statistics* (Home Office and ONS), *Force or Commissioner statement* (figures
the force or the Commissioner's office gave, including those reported from public meetings), and
*Secondary source* (third-party studies and summaries).

**Definitions and caveats.** Inspection grades moved from four tiers to five (adding
*Adequate*) in 2021/22: grades across the change are not directly comparable. The Home Office
charge/summons rate, HMIC's outcomes per 100 offences and the force's own "outcome rate" are three
different measures and are never joined. 999 and 101 figures cover different periods (a week, a
month, a year) and come mostly from force statements; there is no national 101 dataset.

**Revisions and updates.** Corrections are made in the CSV files and the database is rebuilt;
the data version changes with any change to the data. There is no fixed release schedule: new
figures are added when the inspectorate, the Home Office or the Commissioner publish them.
""")


def sources_table(s: pd.DataFrame) -> None:
    st.header("Every source", anchor="sources")
    st.html(html_table(s, {"title": "Source", "publisher": "Publisher",
                           "published_label": "Date", "tier_text": "Tier", "facts": "Facts",
                           "address": "Address or kept text"},
                       caption="Sources of the dashboard's figures, by tier"))


def downloads(tables: dict[str, pd.DataFrame]) -> None:
    st.header("Download the data", anchor="download")
    try:
        payload = db.DB_PATH.read_bytes()
    except OSError:
        payload = None
    if payload:
        st.download_button("Download the whole database (DuckDB file)", payload,
                           file_name=db.DB_PATH.name, mime="application/octet-stream",
                           key="dl_database")
    cols = st.columns(len(tables))
    for col, (name, df) in zip(cols, tables.items()):
        with col:
            st.download_button(f"{name.capitalize()} (CSV, {len(df)} rows)",
                               df.to_csv(index=False).encode("utf-8"),
                               file_name=f"{name}.csv", mime="text/csv", key=f"dl_{name}")


@st.cache_data(show_spinner=False, max_entries=8)
def _pack(meeting, stamp: tuple, with_pdf: bool) -> tuple[str, str, bytes | None]:
    from pfcc import pack
    p = pack.build(meeting)
    return p.stem, p.html, (pack.pdf_bytes(p.html) if with_pdf else None)


def meeting_pack() -> None:
    """The meeting pack on demand: the same files `make pack` writes."""
    from datetime import date

    from pfcc import pack
    st.header("Meeting pack", anchor="pack")
    st.markdown("The presentation's charts with their messages, summaries, tables and sources, "
                "as the data stood on the meeting's date: one self-contained HTML file "
                "(interactive, works offline) and a PDF.")
    meeting = st.date_input("Meeting date", value=date.today(), min_value=date(2014, 1, 1),
                            max_value=date(2030, 12, 31), format="DD/MM/YYYY", key="pack_date")
    if st.button("Prepare the meeting pack", key="pack_make"):
        with st.spinner("Preparing the pack…"):
            stem, document, pdf = _pack(meeting, db.file_stamp(), pack.can_print())
        st.download_button("Download the pack (HTML)", document.encode("utf-8"),
                           file_name=f"{stem}.html", mime="text/html", key="pack_html")
        if pdf:
            st.download_button("Download the pack (PDF)", pdf, file_name=f"{stem}.pdf",
                               mime="application/pdf", key="pack_pdf")
        else:
            st.info("The PDF is printed by chromium, which this server does not have; "
                    "`make pack` writes both files.")
