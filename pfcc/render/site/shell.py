"""The static edition's HTML: the page around the content, a chart panel and a slide. Built from
the same ChartSpecs as the live app and the meeting pack, so a chart carries its message, subtitle,
source line with tiers, summary, table, CSV and sources here too. No inline script: figures
arrive drawn as SVG and travel as JSON data blocks, drawn live by the one shared, hashed script
when a reader reaches for them."""

from __future__ import annotations

import json
from dataclasses import dataclass

import plotly.graph_objects as go
import plotly.io as pio

from pfcc import registry
from pfcc.render import markup, theme
from pfcc.render.spec import ChartSpec
from pfcc.render.templates import fragment, render, safe

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
    """A figure's data block (templates/figure.html), drawn into `target` by the site's script."""
    return fragment("figure.html", "data_block", target, safe(script_json(fig)))


def quotes(spec: ChartSpec) -> list[dict]:
    """Each figure's source passage, for the panel's list (one anchor each:
    #q-<chart>-<figure>)."""
    q = spec.quotes
    if q is None or q.empty:
        return []
    return [
        {
            "id": str(r.id),
            "label": str(r.label),
            "passage": safe(
                markup.quoted_passage(
                    r.quote, r.source_title, r.tier, r.url, getattr(r, "publisher", None)
                )
            ),
        }
        for r in q.drop_duplicates("label").itertuples()
    ]


def chart_panel(
    spec: ChartSpec, root: str, heading: bool = True, drawings: dict[str, str] | None = None
) -> str:
    """A chart with everything that travels with it (the chart-panel partial); the table and
    the sources one click away in native disclosure elements (no script, keyboard and screen
    reader ready). `heading=False` where the page's own title states this chart's message, as
    on the live page. `drawings`: the site's SVGs by name (site.drawings), this chart's
    `<key>@wide` and `<key>@phone` among them, drawn in a box of the figure's height."""
    head = safe(
        (markup.heading(spec.title, spec.key, css="pfcc-chart-title") if heading else "")
        + markup.subtitle(spec.subtitle)
    )
    if spec.empty:
        return spec.panel_html(head=head, empty=safe(markup.nothing_yet(None)))
    drawn = [(drawings or {}).get(f"{spec.key}@{v}") for v in ("wide", "phone")]
    return spec.panel_html(
        heading=heading,
        head=head,
        drawing=safe("".join(drawn)) if all(drawn) else "",
        height=(spec.figure.layout.height or 420) if all(drawn) else None,
        figure=safe(script_json(spec.figure)),
        csv=f"{root}data/charts/{spec.key}.csv",
        quotes=quotes(spec),
    )


def nav(current: str | None, root: str) -> list[dict]:
    """The pages in order, then the slides: each link's address, title and whether it is the
    page shown."""
    items = [
        {
            "href": root + ("" if p.default else f"{p.slug}/") or "./",
            "title": p.title,
            "here": p.slug == current,
        }
        for p in registry.PAGES
    ]
    return [*items, {"href": f"{root}slides/1/", "title": "Slides", "here": False}]


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
    deck: dict | None = None,
    chrome: bool = True,
    plotly_config: dict | None = None,
    path: str | None = None,
) -> str:
    """A whole page (templates/page.html). `root` is the relative way back to the site's root
    ("", "../", …), so the site works from any address and from the file system. `path`: the
    page's own address under the site's, for its canonical link when the stamp knows the
    public address. `body` is HTML already made safe. `deck`: a slide's neighbours (next,
    prev, leave: addresses, "" for none), which the site's script follows on a clicker's keys."""
    base = stamp.address.rstrip("/") + "/" if stamp.address else ""
    config = json.dumps(plotly_config or PAGE_CONFIG).replace("</", "<\\/")
    return render(
        "page.html",
        csp=safe(CSP),
        title=title,
        description=description,
        h1=h1,
        site_title=registry.SITE_TITLE,
        og_image=og_image,
        base=base,
        root=root,
        canonical=base + path.lstrip("/") if base and path is not None else None,
        stamp=stamp,
        assets=assets,
        deck=deck,
        chrome=chrome,
        nav=nav(current, root),
        lede=lede,
        explore=explore,
        body=safe(body),
        held=safe(markup.currency_line(stamp.held)),
        config=safe(config),
    )
