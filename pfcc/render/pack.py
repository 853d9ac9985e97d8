"""The meeting pack: the presentation's charts as one self-contained HTML file (interactive,
plotly.js embedded once, nothing fetched from the network) and a PDF of it printed by headless
chromium. Each chart comes with its message, text summary, table and source line; an opening page
gives the meeting date, data version and contents; a closing page lists the sources.

  python -m pfcc.render.pack [--date YYYY-MM-DD [--since YYYY-MM-DD]] [--out build/pack] [--no-pdf]

Files are named by meeting date and data version; the same inputs give the same content. With
no date, today's pack and one for each past meeting in data/meetings.csv, with a manifest that
`make site` publishes them from: packs are printed ahead of time, never on the public server."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from pfcc import registry
from pfcc.hashing import DECK_VERSION, content_hash
from pfcc.paths import CHROMIUM, ROOT
from pfcc.render import markup, theme, where
from pfcc.render import scorecard as scorecard_html
from pfcc.render.site.shell import script_json
from pfcc.render.templates import fragment, render, safe
from pfcc.stories import changes
from pfcc.stories.common import data_version_of
from pfcc.stories.sources import newest_held
from pfcc.text.formatting import fmt_date

OUT_DIR = ROOT / "build" / "pack"

CSS = (
    theme.TABLE_CSS
    + f"""
  @page {{ size: A4 landscape; margin: 12mm; }}
  body {{ font-family: {theme.FONT}; color: {theme.TEXT}; margin: 0 auto; max-width: 1100px;
         padding: 0 16px; line-height: 1.4; }}
  section {{ break-before: page; padding-top: 8px; }}
  section.cover {{ break-before: auto; }}
  h1 {{ font-size: 30px; }} h2 {{ font-size: 22px; margin: 0 0 4px; }}
  .pfcc-subtitle, .pfcc-source {{ color: {theme.MUTED}; margin: 2px 0; }}
  .pfcc-figure-box {{ margin: 0; }}
  .cover li {{ margin: 6px 0; }} .cover li a {{ display: inline-block; min-height: 24px; }}
  .pfcc-chart {{ height: 440px; break-inside: avoid; }}
  .pfcc-table {{ font-size: 12px; margin-top: 8px; }}
  .pfcc-table th, .pfcc-table td {{ padding: 3px 6px; }}
  tr {{ break-inside: avoid; }}
"""
)


@dataclass
class Pack:
    meeting: date
    version: str
    html: str

    @property
    def stem(self) -> str:
        return f"staffordshire-police-meeting-pack-{self.meeting.isoformat()}-{self.version}"


def build(meeting: date, since: date | None = None) -> Pack:
    """The whole pack as one HTML document, as the data stood on the meeting's date; with
    `since` (the last meeting's date), it opens with what became public after it."""
    charts = registry.pack_charts()
    specs = [(s.key, s.name, s.build(meeting)) for s in charts]
    versions = {key: data_version_of(spec) for key, _, spec in specs}
    deck_version = content_hash(
        "".join(f"{k}={v}" for k, v in sorted(versions.items())), length=DECK_VERSION
    )
    config = json.dumps(
        {
            "displaylogo": False,
            "responsive": True,
            "scrollZoom": False,
            "modeBarButtonsToRemove": theme.PLOTLY_CONFIG["modeBarButtonsToRemove"],
        }
    )
    changed = None
    if since is not None:
        found = changes.changes(since + timedelta(days=1), meeting)
        changed = {
            "title": found.title,
            "since": fmt_date(since),
            "listed": safe(markup.changes(where.linked(found.groups)) if not found.empty else ""),
        }
    panels, numbers = [], [s.number for s in charts]
    for key, _, spec in specs:
        panel = {"mode": "print", "key": key, "table": safe(spec.table_html())}
        if spec.empty:  # nothing public yet on the meeting's date: a sentence, not empty axes
            panels.append(safe(spec.panel_html(**panel, empty=safe(markup.nothing_yet(meeting)))))
            continue
        fig = go.Figure(spec.figure)  # a copy: the spec is shared
        fig.update_layout(height=440, autosize=True)
        panels.append(
            safe(
                spec.panel_html(
                    **panel,
                    figure=safe(script_json(fig)),
                    config=safe(config),
                    source_line=markup.plain_source_line(spec.sources),
                    version=versions[key],
                )
            )
        )
    # a block's section (the scorecard) where its slide stands in the deck
    contents = [(key, spec.title) for key, _, spec in specs]
    for slide in (s for s in registry.slides() if s.block is not None):
        board = slide.block.build(meeting)
        at = sum(n < slide.number for n in numbers)
        section = fragment(
            "scorecard.html",
            "pack_section",
            slide.key,
            board.title,
            safe(scorecard_html.board_html(board, mode="print")),
        )
        panels.insert(at, safe(section))
        contents.insert(at, (slide.key, board.title))
        numbers.insert(at, slide.number)
    sources = pd.concat([spec.sources for _, _, spec in specs]).drop_duplicates("source_id")
    sources = sources.assign(
        rank=sources["tier"].map(theme.TIER_RANK),
        tier_text=sources["tier"].map(markup.tier_name),
        address=[
            u if isinstance(u, str) else "kept text in the repository" for u in sources["url"]
        ],
    ).sort_values(["rank", "source_title"])
    columns = {
        "source_title": "Source",
        "publisher": "Publisher",
        "tier_text": "Tier",
        "address": "Address",
    }
    table = markup.html_table(sources, columns, "Every source the charts above draw on")
    doc = render(
        "pack.html",
        meeting=fmt_date(meeting),
        version=deck_version,
        css=safe(CSS),
        plotly=safe(get_plotlyjs()),
        held=newest_held(meeting),
        contents=contents,
        changes=changed,
        panels=panels,
        sources=safe(table),
    )
    return Pack(meeting, deck_version, doc)


def pdf_bytes(document: str) -> bytes:
    """Print the pack with headless chromium once every chart has drawn; nothing is fetched."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 800})
            page.route("**/*", lambda route: route.abort())  # the pack needs no network
            page.set_content(document, wait_until="load")
            n = page.locator(".pfcc-chart").count()
            page.wait_for_function(
                "n => [...document.querySelectorAll('.pfcc-chart')]"
                ".filter(c => c.querySelector('.main-svg')).length >= n",
                arg=n,
                timeout=60_000,
            )
            page.emulate_media(media="print")
            return page.pdf(
                format="A4",
                landscape=True,
                print_background=True,
                margin={"top": "12mm", "bottom": "12mm", "left": "12mm", "right": "12mm"},
            )
        finally:
            browser.close()


def can_print() -> bool:
    return CHROMIUM.exists()


def write(
    meeting: date, out_dir: Path = OUT_DIR, pdf: bool = True, since: date | None = None
) -> list[Path]:
    pack = build(meeting, since)
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = out_dir / f"{pack.stem}.html"
    html_path.write_text(pack.html, encoding="utf-8")
    written = [html_path]
    if pdf:
        pdf_path = out_dir / f"{pack.stem}.pdf"
        pdf_path.write_bytes(pdf_bytes(pack.html))
        written.append(pdf_path)
    return written


MEETINGS = ROOT / "data" / "meetings.csv"  # the meeting dates a pack is published for
MANIFEST = "packs.json"  # what `make pack` made, for the static edition to publish


def meetings(path: Path = MEETINGS, today: date | None = None) -> list[tuple[date, date | None]]:
    """(meeting, last meeting) for each past date listed, oldest first, then today's."""
    today = today or date.today()
    listed = []
    if path.exists():
        dates = pd.read_csv(path, dtype=str)["date"].dropna()
        listed = sorted({date.fromisoformat(d.strip()) for d in dates if d.strip()})
    past = [d for d in listed if d < today]
    return list(zip([*past, today], [None, *past]))


def write_all(out_dir: Path = OUT_DIR, pdf: bool = True, path: Path = MEETINGS) -> list[Path]:
    """A pack for each listed meeting and for today, and the manifest the static edition
    publishes them from: printed here, ahead of time, never on the public server."""
    from pfcc.stories import sources

    written = []
    for meeting, since in meetings(path):
        written += write(meeting, out_dir, pdf=pdf, since=since)
    listed = [m.isoformat() for m, _ in meetings(path)]
    manifest = {
        "data_version": str(sources.data_info()["data_version"])[:10],
        "packs": [
            {"meeting": m, "files": [p.name for p in written if m in p.name]} for m in listed
        ],
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write the meeting pack (HTML and PDF).")
    ap.add_argument(
        "--date",
        type=date.fromisoformat,
        default=None,
        help="the meeting's date, YYYY-MM-DD (default: today's and each date in "
        "data/meetings.csv, for the static edition to publish)",
    )
    ap.add_argument(
        "--since",
        type=date.fromisoformat,
        default=None,
        help="the last meeting's date, YYYY-MM-DD: the pack opens with what is new since",
    )
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--meetings", type=Path, default=MEETINGS, help="the list of meeting dates")
    ap.add_argument("--no-pdf", action="store_true", help="write the HTML only")
    args = ap.parse_args(argv)
    if args.since is not None and args.since >= (args.date or date.today()):
        ap.error("--since must be before --date")
    if args.date is None and args.since is None:
        written = write_all(args.out, pdf=not args.no_pdf, path=args.meetings)
    else:
        written = write(args.date or date.today(), args.out, pdf=not args.no_pdf, since=args.since)
    for path in written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
