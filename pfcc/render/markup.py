"""The small HTML pieces every renderer shares (live page, slide, meeting pack): the source line
with tier badges, the accessible table, the headline tile and the quoted passage. Everything a
source or a figure says is escaped here, once. Whole documents and the chart panel are templates
(pfcc/render/templates/), which take these pieces as fragments already made safe."""

from __future__ import annotations

import functools
import html

import pandas as pd
from markdown_it import MarkdownIt

from pfcc.render import theme
from pfcc.render.templates import fragment, safe
from pfcc.text.formatting import fmt_date, plain_number

# our own words (pfcc.text.content, the stories) are Markdown; any HTML in them is escaped
_MD = MarkdownIt("commonmark", {"html": False})


def tier_name(tier: str, publisher: str | None = None) -> str:
    """The tier's name and, where the publisher reports a figure rather than publishing it at
    first hand, who reports it ('Official statistics, as reported by The Times')."""
    return theme.tier_label(tier, publisher)


def tier_badge(tier: str, publisher: str | None = None) -> str:
    return f"<span class='pfcc-tier'>{html.escape(tier_name(tier, publisher))}</span>"


def source_line(sources: pd.DataFrame, limit: int = 3) -> str:
    """Up to `limit` sources with publisher and tier; the rest counted."""
    items = [
        f"{html.escape(r.source_title)} ({html.escape(r.publisher)})"
        f"{tier_badge(r.tier, r.publisher)}"
        for r in sources.head(limit).itertuples()
    ]
    more = len(sources) - limit
    tail = f" and {more} more (see Sources)" if more > 0 else ""
    label = "Source" if len(sources) == 1 else "Sources"
    return f"<p class='pfcc-source'>{label}: " + "; ".join(items) + tail + "</p>"


def currency_line(text: str) -> str:
    """How current a chart's figures are (`ChartSpec.currency`), under its source line."""
    return f"<p class='pfcc-source pfcc-currency'>{html.escape(text)}</p>" if text else ""


def attribution_line(text: str) -> str:
    """A licence statement (e.g. the Open Government Licence's) where the figures appear."""
    return f"<p class='pfcc-source pfcc-licence'>{html.escape(text)}</p>" if text else ""


def source_list(sources: pd.DataFrame, notes: list[str], attribution: str = "") -> str:
    """Every source in full (title, publisher, tier, address) and then the chart's notes: one
    block, as a chart's "Sources and notes" shows it."""
    items = []
    for r in sources.itertuples():
        url = r.url if isinstance(r.url, str) and r.url else ""
        link = (
            f" — <a class='pfcc-addr' href='{html.escape(url)}'>{html.escape(url)}</a>"
            if url
            else ""
        )
        items.append(
            f"<li><strong>{html.escape(r.source_title)}</strong>, {html.escape(r.publisher)}. "
            f"<em>{html.escape(tier_name(r.tier, r.publisher))}</em>{link}</li>"
        )
    items += [f"<li>{html.escape(note)}</li>" for note in notes]
    return f"<ul class='pfcc-sources'>{''.join(items)}</ul>" + (
        f"<p>{html.escape(attribution)}</p>" if attribution else ""
    )


def nothing_yet(as_of) -> str:
    """What stands where a chart has nothing to draw: a sentence, never empty axes."""
    if as_of:
        text = f"Nothing to chart: no figures on this had been published by {fmt_date(as_of)}."
    else:
        text = "Nothing to chart: the sources give no figures on this."
    return empty_note(text)


def empty_note(text: str) -> str:
    """A sentence standing where figures would be."""
    return f"<p class='pfcc-empty' role='note'>{html.escape(text)}</p>"


# the labels of a chart panel's two disclosures (GOV.UK's Details component: native <details>,
# opened by click or keyboard, no script), drawn by templates/chart_panel.html
TABLE_SUMMARY = "Table of these figures"
SOURCES_SUMMARY = "Sources and notes"


def heading(text: str, anchor: str | None = None, level: int = 2, css: str = "") -> str:
    ident = f" id='{html.escape(anchor)}'" if anchor else ""
    klass = f" class='{css}'" if css else ""
    return f"<h{level}{ident}{klass}>{html.escape(text)}</h{level}>"


def subtitle(text: str) -> str:
    """What a chart measures, under its message."""
    return f"<p class='pfcc-subtitle'>{html.escape(text)}</p>"


@functools.lru_cache(maxsize=256)  # the same few titles and ledes, on every run
def page_head(title: str, notice: str = "", lede: str = "", held: str = "") -> str:
    """A page's title, a notice (e.g. "as presented on…"), its opening Markdown and when
    figures were last added (`held`: the newest publication held): one block
    (templates/sections.html)."""
    lede_html = safe(from_markdown(lede)) if lede else ""
    return fragment(
        "sections.html", "page_head", title, notice, lede_html, safe(currency_line(held))
    )


def summary(text: str) -> str:
    return f"<p class='pfcc-summary'>{html.escape(text)}</p>"


def compact_source_line(sources: pd.DataFrame, currency: str = "", limit: int = 3) -> str:
    """One line for a slide: who published the figures, how many of each tier, and how current
    they are (`ChartSpec.currency`)."""
    publishers = list(dict.fromkeys(sources["publisher"]))
    more = len(publishers) - limit
    who = ", ".join(html.escape(p) for p in publishers[:limit]) + (
        f" and {more} more" if more > 0 else ""
    )
    tiers = sources["tier"].value_counts()
    kinds = "; ".join(f"{html.escape(tier_name(t))}: {n}" for t, n in tiers.items())
    label = "Source" if len(sources) == 1 else f"{len(sources)} sources"
    when = f". {html.escape(currency)}" if currency else ""
    return f"<p class='pfcc-source'>{label} — {who} ({kinds}){when}</p>"


def plain_source_line(sources: pd.DataFrame) -> str:
    """Every source as plain text, for print: title (publisher) [tier]."""
    items = [
        f"{r.source_title} ({r.publisher}) [{tier_name(r.tier, r.publisher)}]"
        for r in sources.itertuples()
    ]
    return ("Source: " if len(items) == 1 else "Sources: ") + "; ".join(items)


def _cell_text(v) -> tuple[str, bool]:
    numeric = isinstance(v, (int, float)) and not isinstance(v, bool)
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return "—", False
    if hasattr(v, "strftime"):
        return fmt_date(v), False
    return (plain_number(v) if numeric else str(v)), numeric


_ADDRESSES = ("http://", "https://", "data/")


def html_table(df: pd.DataFrame, columns: dict[str, str], caption: str) -> str:
    """A real table: caption, header cells with scope, numbers right-aligned, text escaped; in
    its own box that scrolls sideways where the screen is narrower than the table (a phone),
    focusable and named so that a keyboard can scroll it (theme.TABLE_CSS: its first column
    stays in view)."""
    head = "".join(f"<th scope='col'>{html.escape(h)}</th>" for h in columns.values())
    body = []
    for _, r in df.iterrows():
        cells = []
        for i, c in enumerate(columns):
            text, numeric = _cell_text(r.get(c))
            tag = "th scope='row'" if i == 0 else ("td class='num'" if numeric else "td")
            if tag == "td" and text.startswith(_ADDRESSES):
                tag = "td class='addr'"  # an address may break anywhere, a word may not
            cells.append(f"<{tag}>{html.escape(text)}</{tag.split()[0]}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    name = html.escape(caption)
    return (
        f"<div class='pfcc-table-wrap' role='region' tabindex='0' aria-label='Table: {name}'>"
        f"<table class='pfcc-table'><caption>{name}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def from_markdown(text: str) -> str:
    return _MD.render(text)


def table_section(
    title: str, anchor: str, intro: str, df: pd.DataFrame, columns: dict, caption: str = ""
) -> str:
    """A heading with its anchor, a sentence or two (Markdown) and a real table: the Sources
    page's lists, the same in the live app and the static edition (templates/sections.html)."""
    table = safe(html_table(df, columns, caption or title))
    return fragment(
        "sections.html", "table_section", title, anchor, safe(from_markdown(intro)), table
    )


def tile(title: str, rows: list[tuple[str, str, str]]) -> str:
    """A headline figure: (label, figure, where it comes from) per row, as a definition list."""
    items = "".join(
        f"<dt>{html.escape(a)}</dt><dd>{html.escape(b)}<small>{html.escape(c)}</small></dd>"
        for a, b, c in rows
    )
    t = html.escape(title)
    return f"<section class='pfcc-tile' aria-label='{t}'><h3>{t}</h3><dl>{items}</dl></section>"


def tiles(made: list[str]) -> str:
    """Tiles side by side, as many to a row as fit (one on a phone)."""
    return f"<div class='pfcc-tiles'>{''.join(made)}</div>"


def quoted_passage(
    quote: str, source_title: str, tier: str, url: str | None = None, publisher: str | None = None
) -> str:
    """A source's own words, its title and tier (and who reports it, where `publisher` is
    given), and its address where it has one."""
    link = (
        f" <a class='pfcc-addr' href='{html.escape(url)}'>{html.escape(url)}</a>"
        if isinstance(url, str) and url
        else ""
    )
    return (
        f"<blockquote class='pfcc-quote'>“{html.escape(quote)}”</blockquote>"
        f"<p class='pfcc-source'>{html.escape(source_title)}{tier_badge(tier, publisher)}{link}</p>"
    )


def findings(df: pd.DataFrame, kind: str = "measures") -> str:
    """Figures better read than charted: each with its words and source, as a list
    (templates/sections.html)."""
    grades = kind == "grades"
    items = [
        {
            "figure": r.grade if grades else r.value_text,
            "what": r.area if grades else r.metric,
            "when": r.inspection if grades else getattr(r, "period_text", r.period_label),
            "grade": grades,
            "passage": safe(
                quoted_passage(
                    r.quote, r.source_title, r.tier, publisher=getattr(r, "publisher", None)
                )
            ),
        }
        for r in df.itertuples()
    ]
    return fragment("sections.html", "findings", items)


def changes(groups) -> str:
    """Since the last meeting: each group a heading and a list; each line with its source, tier
    and a link to the page where it is charted (templates/changes.html, a whole section)."""
    return fragment("changes.html", "listed", groups, tier_name)
