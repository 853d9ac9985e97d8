"""The static edition's HTML: the page around the content, a chart panel and a slide. Built from
the same ChartSpecs as the live app and the meeting pack, so a chart carries its message, subtitle,
source line with tiers, summary, table, CSV and sources here too. No inline script: figures
travel as JSON data blocks, drawn by the one shared, hashed script."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from pfcc import markup, registry, theme
from pfcc.spec import ChartSpec

# Scripts only from the site itself, none inline; Plotly writes its own styles, so styles may be
# inline. Nothing is fetched from anywhere else, and there is nothing to connect to.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)

PAGE_CONFIG = {**theme.PLOTLY_CONFIG, "responsive": True}
SLIDE_CONFIG = {
    "displayModeBar": False,
    "responsive": True,
    "scrollZoom": False,
    "doubleClick": False,
}


@dataclass(frozen=True)
class Assets:
    """Hashed file names under assets/, relative to the site's root."""

    plotly: str
    css: str
    js: str


@dataclass(frozen=True)
class Stamp:
    built: str  # when the site was built, as words
    version: str  # the data version it was built from
    live: str  # the interactive dashboard's address
    # the site's public address (https://…/), for what must be absolute: a shared link's preview
    # image and the page's canonical address. Without it the site works from any address and
    # its preview images are relative, which some link previewers do not follow.
    address: str = ""
    # when figures were last added: the newest publication held (`sources.newest_held`), which
    # the footer gives as the data's date; the build time is only when this copy was made
    held: str = ""


def script_json(fig: go.Figure) -> str:
    """Figure JSON inside a data block: `</` escaped so no text can close the script element."""
    return pio.to_json(fig, validate=False).replace("</", "<\\/")


def figure_block(target: str, fig: go.Figure) -> str:
    return (
        f'<script type="application/json" class="pfcc-figure" data-for="{target}">'
        f"{script_json(fig)}</script>"
    )


def quotes_html(spec: ChartSpec) -> str:
    """Each figure's source passage, one anchor each (#q-<chart>-<figure>)."""
    q = spec.quotes
    if q is None or q.empty:
        return ""
    items = "".join(
        f"<li id='q-{html.escape(spec.key)}-{html.escape(str(r.id))}'>"
        f"<b>{html.escape(str(r.label))}</b>"
        + markup.quoted_passage(
            r.quote, r.source_title, r.tier, r.url, getattr(r, "publisher", None)
        )
        + "</li>"
        for r in q.drop_duplicates("label").itertuples()
    )
    return f"<h3>Where each figure comes from</h3><ul class='pfcc-quotes'>{items}</ul>"


def chart_panel(spec: ChartSpec, root: str, heading: bool = True) -> str:
    """A chart with everything that travels with it; the table and the sources one click away
    in native disclosure elements (no script, keyboard and screen reader ready). `heading=False`
    where the page's own title states this chart's message, as on the live page."""
    key = html.escape(spec.key)
    title = markup.heading(spec.title, spec.key) if heading else ""
    subtitle = markup.subtitle(spec.subtitle)
    if spec.empty:
        return f"<section class='pfcc-panel'>{title}{subtitle}{markup.nothing_yet(None)}</section>"
    target = f"chart-{key}"
    csv = f"{root}data/charts/{key}.csv"
    table = (
        f"{spec.table_html()}<p><a href='{csv}' download>Download CSV of this chart's data</a></p>"
    )
    scroll_name = html.escape(f"Chart: {spec.title}")
    named = f'aria-labelledby="{key}"' if heading else f'id="{key}" aria-labelledby="main-title"'
    return f"""<section class="pfcc-panel" {named}>{title}{subtitle}
<figure class="pfcc-figure-box" aria-label="{html.escape(spec.alt)}">
<div class="pfcc-chart-scroll" tabindex="0" role="region" aria-label="{scroll_name}">
<div class="pfcc-chart" id="{target}"></div></div>{figure_block(target, spec.figure)}</figure>
{spec.under_chart_html()}
{markup.disclosure(markup.TABLE_SUMMARY, table)}
{markup.disclosure(markup.SOURCES_SUMMARY, spec.sources_html() + quotes_html(spec))}
</section>"""


def nav(current: str | None, root: str) -> str:
    items = []
    for p in registry.PAGES:
        href = root + ("" if p.default else f"{p.slug}/")
        here = ' aria-current="page"' if p.slug == current else ""
        items.append(f'<li><a href="{href or "./"}"{here}>{html.escape(p.title)}</a></li>')
    items.append(f'<li><a href="{root}slides/1/">Slides</a></li>')
    return f'<nav aria-label="Pages"><ul>{"".join(items)}</ul></nav>'


def document(
    *,
    title: str,
    h1: str,
    body: str,
    root: str,
    assets: Assets,
    stamp: Stamp,
    description: str,
    og_image: str | None = None,
    current: str | None = None,
    lede: str = "",
    explore: str | None = None,
    body_attrs: str = "",
    chrome: bool = True,
    plotly_config: dict | None = None,
    path: str | None = None,
) -> str:
    """A whole page. `root` is the relative way back to the site's root ("", "../", …), so the
    site works from any address and from the file system. `path`: the page's own address under
    the site's, for its canonical link when the stamp knows the public address."""
    base = stamp.address.rstrip("/") + "/" if stamp.address else ""
    og = (
        f'<meta property="og:image" content="{html.escape(base or root)}{og_image}">'
        if og_image
        else ""
    )
    if base and path is not None:
        here = html.escape(base + path.lstrip("/"))
        og += f'\n<meta property="og:url" content="{here}">\n<link rel="canonical" href="{here}">'
    explore_html = (
        f'<p class="pfcc-explore"><a href="{html.escape(explore)}">Explore this in the '
        "interactive dashboard</a>: choose filters, read any figure's source passage.</p>"
        if explore
        else ""
    )
    header = (
        f"""<a class="pfcc-skip" href="#main">Skip to main content</a>
<header class="pfcc-header"><p class="pfcc-site">{html.escape(registry.SITE_TITLE)}</p>
{nav(current, root)}</header>"""
        if chrome
        else ""
    )
    footer = (
        f"""<footer class="pfcc-footer">{markup.currency_line(stamp.held)}<p>Built
{html.escape(stamp.built)} (when this copy was made, not when its figures were published) from
data version {html.escape(stamp.version)}. This is the static edition; the
<a href="{html.escape(stamp.live)}">interactive dashboard</a> has the same figures with filters.
<a href="{root}data/">Download the data</a> ·
<a href="{root}accessibility/">Accessibility statement</a></p></footer>"""
        if chrome
        else ""
    )
    config = json.dumps(plotly_config or PAGE_CONFIG)
    lede_html = f'<p class="pfcc-lede">{html.escape(lede)}</p>' if lede else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{html.escape(title)}</title>
<link rel="icon" href="data:,">
<meta name="description" content="{html.escape(description)}">
<meta property="og:type" content="website">
<meta property="og:title" content="{html.escape(h1)}">
<meta property="og:description" content="{html.escape(description)}">
<meta property="og:site_name" content="{html.escape(registry.SITE_TITLE)}">{og}
<meta name="pfcc-data-version" content="{html.escape(stamp.version)}">
<link rel="stylesheet" href="{root}{assets.css}">
<script src="{root}{assets.plotly}" defer></script>
<script src="{root}{assets.js}" defer></script>
</head><body{body_attrs}>
{header}
<main id="main"><h1 id="main-title">{html.escape(h1)}</h1>{lede_html}{explore_html}
{body}
</main>
{footer}
<script type="application/json" id="pfcc-plotly-config">{config}</script>
</body></html>
"""
