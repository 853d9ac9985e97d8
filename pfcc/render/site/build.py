"""Write the static public edition: one HTML page per dashboard page at the same paths, one per
slide, the data to download, and a preview image per page for shared links.

  python -m pfcc.render.site [--out build/site] [--live /live/] [--address https://…/] [--no-images]

Every page names when its figures were last added (the newest publication held), and when it
was built and from which data version. Nothing on it asks a server for anything but its own
files."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import plotly.graph_objects as go

from pfcc import registry
from pfcc.paths import ROOT
from pfcc.registry_types import Scorecard
from pfcc.render import datapackage, markup, pack
from pfcc.render import scorecard as scorecard_html
from pfcc.render.site import assets, crawl, drawings, packs, pages, previews
from pfcc.render.site.shell import SLIDE_CONFIG, Assets, Stamp, document, script_json
from pfcc.render.spec import ChartSpec
from pfcc.render.templates import fragment, safe
from pfcc.store import db
from pfcc.stories import changes, sources
from pfcc.text.formatting import fmt_date

OUT_DIR = ROOT / "build" / "site"
LIVE_URL = "/live/"  # where deploy/ serves the interactive dashboard


@dataclass
class Site:
    folder: Path
    version: str
    pages: dict[str, Path] = field(default_factory=dict)  # url path -> file
    charts: dict[str, ChartSpec] = field(default_factory=dict)  # key -> spec, as drawn
    leads: dict[str, ChartSpec] = field(default_factory=dict)  # page slug -> its lead chart
    assets: Assets | None = None
    seconds: float = 0.0


def page_file(folder: Path, page: registry.Page) -> tuple[Path, str]:
    """Where a page is written, and the relative way back to the root from it."""
    if page.default:
        return folder / "index.html", ""
    return folder / page.slug / "index.html", "../"


def _slide_values(slide: registry.Slide, drawn: dict[str, str] | None = None) -> tuple[str, dict]:
    """A slide's title and what it shows, as the live presentation draws them: its chart (and
    its drawing, SVG, where `drawn` has one) and source line, a sentence where the chart has
    nothing to draw, or how much became public in the 90 days to today (as the live slide does
    with no ?since=). On a phone a chart slide shows its chart as its page draws it
    (`phone_spec`: a page's sizes, drawn at a phone's width, in a box that scrolls sideways
    where the chart keeps a readable width), for the projector's chart is laid out for 1280 px
    and more."""
    drawn = drawn or {}
    shown = {"chart": None, "empty": None, "groups": None, "words": None}
    if isinstance(slide.block, Scorecard):
        lines = scorecard_html.slide_html(None)
        return slide.block.build(None).title, {**shown, "words": safe(lines)}
    if slide.chart is None:
        to = datetime.now().date()
        found = changes.changes(to - timedelta(days=89), to)
        return found.title, {**shown, "groups": found.groups}
    spec = slide.build(None)
    if spec.empty:
        return spec.title, {**shown, "empty": safe(markup.nothing_yet(None))}
    fig = go.Figure(spec.figure)
    fig.update_layout(height=None, autosize=True)  # the slide's box sets the height
    phone = phone_spec(slide)
    chart = {
        "key": spec.key,
        "alt": spec.alt,
        "figure": safe(script_json(fig)),
        "drawing": safe(drawn.get(f"slide-{slide.number}", "")),
        "source": safe(spec.slide_source_html()),
        "phone": {
            "key": f"{spec.key}-phone",
            "alt": phone.alt,
            "title": phone.title,
            "figure": safe(script_json(phone.figure)),
            "drawing": safe(drawn.get(f"slide-{slide.number}@phone", "")),
            "height": phone.figure.layout.height or 420,
        },
    }
    return spec.title, {**shown, "chart": chart}


def phone_spec(slide: registry.Slide) -> ChartSpec:
    """A chart slide's chart as its page draws it: what a phone shows."""
    return slide.build(None, projector=False)


def write_slides(site: Site, assets_: Assets, stamp: Stamp, drawn: dict[str, str]) -> list[str]:
    """Every slide, its chart drawn as `drawn` holds (`slide-<n>`); the addresses of the slides
    with a chart."""
    deck = registry.slides()
    total = len(deck)
    charted = []
    for slide in deck:
        n = slide.number
        title, shown = _slide_values(slide, drawn)
        if shown["chart"]:
            charted.append(f"/slides/{n}/")
        prev = f"../{n - 1}/" if n > 1 else ""
        nxt = f"../{n + 1}/" if n < total else ""
        links = [
            {"href": href, "rel": rel, "label": label}
            for href, rel, label in (
                (prev, "prev", "◀ Previous"),
                (nxt, "next", "Next ▶"),
                ("../../", None, "Leave (Esc)"),
            )
            if href
        ]
        body = fragment(
            "slide.html",
            "static",
            {
                **shown,
                "n": n,
                "total": total,
                "name": slide.name,
                "version": stamp.version,
                "links": links,
            },
        )
        doc = document(
            title=f"Slide {n} of {total}: {slide.name} · {registry.SITE_TITLE}",
            h1=title,
            body=body,
            root="../../",
            assets=assets_,
            stamp=stamp,
            description=title,
            deck={"next": nxt, "prev": prev, "leave": "../../"},
            chrome=False,
            plotly_config=SLIDE_CONFIG,
        )
        path = site.folder / "slides" / str(n) / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(doc, encoding="utf-8")
        site.pages[f"/slides/{n}/"] = path
    return charted


def collect(site: Site) -> None:
    """Every page's charts as first shown, and each page's lead chart."""
    for page in registry.PAGES:
        specs = pages.default_specs(page)
        for spec in specs:
            site.charts[spec.key] = spec
        if specs and not specs[0].empty:
            site.leads[page.slug] = specs[0]


def write_pages(
    site: Site, assets_: Assets, stamp: Stamp, images: bool, drawn: dict[str, str]
) -> None:
    for page in registry.PAGES:
        path, root = page_file(site.folder, page)
        body = pages.body(page, root, drawn)
        has_filters = page.filtered
        explore = (
            stamp.live + ("" if page.default else page.slug)
            if has_filters or page.sections
            else None
        )
        doc = document(
            title=f"{page.title} · {registry.SITE_TITLE}",
            h1=body.h1,
            body=body.html,
            root=root,
            assets=assets_,
            stamp=stamp,
            description=body.description or body.h1,
            og_image=f"og/{page.slug}.png" if images and page.slug in site.leads else None,
            current=page.slug,
            lede=body.description,
            explore=explore,
            path=page.path if page.default else f"{page.path}/",
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(doc, encoding="utf-8")
        site.pages[page.path if page.default else f"{page.path}/"] = path


def write_data(site: Site, assets_: Assets, stamp: Stamp) -> None:
    """Every chart's CSV, every table and view as CSV and Parquet, and the database itself,
    listed on one page."""
    data = site.folder / "data"
    (data / "charts").mkdir(parents=True, exist_ok=True)
    (data / "tables").mkdir(parents=True, exist_ok=True)
    for key, spec in site.charts.items():
        (data / "charts" / f"{key}.csv").write_bytes(spec.csv_bytes())
    scorecard = site.folder / pages.SCORECARD_CSV
    scorecard.write_bytes(Scorecard.table(None).to_csv(index=False).encode("utf-8"))
    copy = data / db.DB_PATH.name
    shutil.copyfile(db.DB_PATH, copy)
    names = db.export_tables(copy, data / "tables")
    datapackage.write(copy, data, names)  # the tables' CSV files, described from the schema

    def size(p: Path) -> str:
        return f"{p.stat().st_size / 1000:,.0f} kB"

    body = fragment(
        "site.html",
        "downloads",
        {"file": copy.name, "size": size(copy)},
        [
            {
                "name": n,
                "csv": size(data / "tables" / f"{n}.csv"),
                "parquet": size(data / "tables" / f"{n}.parquet"),
            }
            for n in names
        ],
        [{"key": k, "title": s.title} for k, s in site.charts.items()],
    )
    doc = document(
        title=f"Download the data · {registry.SITE_TITLE}",
        h1="Download the data",
        body=body,
        root="../",
        assets=assets_,
        stamp=stamp,
        description="Every figure of the dashboard, as CSV, Parquet and a DuckDB database.",
    )
    (data / "index.html").write_text(doc, encoding="utf-8")
    site.pages["/data/"] = data / "index.html"


def build(
    folder: Path = OUT_DIR,
    live: str = LIVE_URL,
    images: bool = True,
    browser=None,
    address: str = "",
    packs_from: Path = pack.OUT_DIR,
) -> Site:
    """`browser`: a running Playwright browser for the preview images, where the caller has
    one; else one is started."""
    t0 = time.perf_counter()
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    info = sources.data_info()
    version = str(info["data_version"])[:10]
    now = datetime.now()
    built = f"{fmt_date(now.date())} at {now:%H:%M}"
    stamp = Stamp(built, version, live, address, sources.newest_held())
    site = Site(tmp, version)
    assets_ = assets.write(tmp)
    site.assets = assets_
    photographer = previews.start(tmp) if images and browser is None else None
    try:
        collect(site)
        if images:
            phones = {
                f"slide-{s.number}": phone_spec(s) for s in registry.slides() if s.chart is not None
            }
            jobs = drawings.page_jobs(list(site.charts.values())) + drawings.phone_jobs(phones)
            drawings.write_jobs(tmp, jobs)
        if photographer is not None:
            previews.ready(site)  # it draws the pages' charts while this writes the slides
        # the slides first without their drawings: the photographer measures their charts' boxes
        charted = write_slides(site, assets_, stamp, {})
        if images:
            drawings.write_slide_jobs(tmp, charted)
        write_data(site, assets_, stamp)
        site.pages[f"/{packs.FOLDER}/"] = packs.write(tmp, version, assets_, stamp, packs_from)
    finally:
        if photographer is not None:
            previews.finish(photographer, tmp)
    if images and browser is not None:
        previews.write(site, browser)
    drawn = drawings.read(tmp)  # {} without chromium: each chart then drawn live at once
    drawings.clean_up(tmp)
    write_pages(site, assets_, stamp, images, drawn)
    if drawn:
        write_slides(site, assets_, stamp, drawn)
    rank = {"/slides/": 1, "/data/": 2, f"/{packs.FOLDER}/": 2}  # pages, slides, the rest
    site.pages = dict(sorted(site.pages.items(), key=lambda u: rank.get(u[0][:8], 0)))
    crawl.write(tmp, list(site.pages), address)  # robots.txt, and sitemap.xml given one
    manifest = {
        "built": now.isoformat(timespec="seconds"),
        "data_version": version,
        "figures_last_added": stamp.held,
        "pages": {url: str(p.relative_to(tmp)) for url, p in site.pages.items()},
        "assets": {"plotly": assets_.plotly, "css": assets_.css, "js": assets_.js},
    }
    (tmp / "site.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    site.folder = folder
    site.pages = {url: folder / p.relative_to(tmp) for url, p in site.pages.items()}
    site.seconds = time.perf_counter() - t0
    return site


def report(site: Site) -> str:
    manifest = json.loads((site.folder / "site.json").read_text())
    plotly = (site.folder / manifest["assets"]["plotly"]).stat().st_size
    own = {url: p.stat().st_size for url, p in site.pages.items()}
    total = sum(f.stat().st_size for f in site.folder.rglob("*") if f.is_file())
    lines = [
        f"wrote {site.folder} in {site.seconds:.1f} s: {len(own)} pages, "
        f"{total / 1e6:.1f} MB in all, data version {site.version}",
        f"  plotly.js once: {plotly / 1e6:.2f} MB ({manifest['assets']['plotly']})",
    ]
    lines += [f"  {url:<28} {size / 1000:8.1f} kB" for url, size in own.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write the static public edition.")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--live", default=LIVE_URL, help="the interactive dashboard's address")
    ap.add_argument(
        "--address",
        default="",
        help="the site's public address, e.g. https://example.org/: makes preview images and "
        "canonical links absolute, as link previewers expect",
    )
    ap.add_argument("--no-images", action="store_true", help="no preview images (no browser)")
    args = ap.parse_args(argv)
    if args.address and not re.fullmatch(r"https?://[^\s\"'<>]+", args.address):
        ap.error(f"--address must be an http(s) address, not {args.address!r}")
    site = build(args.out, args.live, images=not args.no_images, address=args.address)
    print(report(site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
