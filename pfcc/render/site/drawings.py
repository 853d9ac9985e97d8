"""Every chart of the static edition drawn at build time, as SVG, so that a page reads before any
script runs (and with none). Plotly's own export (`Plotly.toImage(…, {format: 'svg'})`) in the
headless chromium that photographs the preview images, on the same scratch page, plotly.js loaded
once: the same figure, so the same picture as the chart drawn live later.

Sizes: a page's chart at the width the page lays it out, 1200 px (the main column at its widest)
and 358 px (a 390 px phone less the page's margins), each at the figure's own height; a chart with
a readable minimum width (`theme.min_width_mark`) is drawn at least that wide on a phone, as its
box keeps that width. A slide's chart at the size of its box on a 1280×720 projector, measured on
the slide itself. The SVGs go inline (not as <img> files): their text is real text, measured and
selected like the live chart's, and the phone rules (`theme.PHONE_CSS`) find a chart's minimum
width mark in it.

The jobs travel to the photographer in a file (`JOBS`), the drawings come back in another
(`DRAWN`); both are deleted with the scratch page."""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path

from pfcc.render.spec import ChartSpec

PAGE_WIDTH = 1200  # px: the main column at its widest (shell's style: main { max-width })
PHONE_WIDTH = 358  # px: a 390 px phone's column (1 rem of margin each side)
SLIDE_VIEW = {"width": 1280, "height": 720}  # the smallest projector a slide is laid out for
JOBS = "drawings.json"
SLIDE_JOBS = "drawings-slides.json"  # written later than JOBS: the pages' drawings start first
DRAWN = "drawn.json"
_MARK = re.compile(r"pfcc-min-(\d+)")


def figure_of(spec: ChartSpec) -> dict:
    from pfcc.render.site.shell import script_json

    return json.loads(script_json(spec.figure).replace("<\\/", "</"))


def _jobs(name: str, spec: ChartSpec, variants: tuple[str, ...]) -> list[dict]:
    if spec.empty:
        return []
    figure = figure_of(spec)
    height = figure["layout"].get("height") or 420
    least = _MARK.search(str(figure["layout"].get("font", {}).get("family", "")))
    widths = {"wide": PAGE_WIDTH, "phone": max(PHONE_WIDTH, int(least.group(1)) if least else 0)}
    return [{"id": f"{name}@{v}", "figure": figure, "w": widths[v], "h": height} for v in variants]


def page_jobs(specs: list[ChartSpec]) -> list[dict]:
    """Two drawings per chart on a page: `<key>@wide` and `<key>@phone`."""
    return [job for spec in specs for job in _jobs(spec.key, spec, ("wide", "phone"))]


def phone_jobs(named: dict[str, ChartSpec]) -> list[dict]:
    """A phone's drawing of each chart named (`<name>@phone`): a slide's chart as its page
    draws it, which a phone shows instead of the projector's."""
    return [job for name, spec in named.items() for job in _jobs(name, spec, ("phone",))]


def write_jobs(folder: Path, pages: list[dict]) -> None:
    """What the photographer draws: the pages' charts."""
    (folder / JOBS).write_text(json.dumps(pages), encoding="utf-8")


def write_slide_jobs(folder: Path, slides: list[str]) -> None:
    """The slides (site addresses, written by now) whose charts the photographer measures and
    draws at the projector's size, once it has the pages' under way."""
    part = folder / (SLIDE_JOBS + ".part")
    part.write_text(json.dumps(slides), encoding="utf-8")
    part.replace(folder / SLIDE_JOBS)


def read(folder: Path) -> dict[str, str]:
    """The drawings by id (`<key>@wide`, `<key>@phone`, `slide-<n>`), tidied for inlining;
    {} when nothing was drawn (no chromium, --no-images)."""
    path = folder / DRAWN
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {name: tidy(svg, name) for name, svg in raw.items()}


def clean_up(folder: Path) -> None:
    for name in (JOBS, SLIDE_JOBS, DRAWN):
        (folder / name).unlink(missing_ok=True)


def tidy(svg: str, name: str) -> str:
    """Plotly's export made fit to sit in a page: its random id replaced by one from the
    drawing's name (the same build gives the same page), sized by its box through its
    viewBox (top left, never stretched), and its class saying which screen it is for."""
    variant = name.rsplit("@", 1)[-1] if "@" in name else "slide"
    found = re.search(r'id="defs-([0-9a-f]+)"', svg)
    if found:
        uid, new = found.group(1), "d" + hashlib.sha256(name.encode()).hexdigest()[:10]
        svg = re.sub(
            r'(id="[^"]*|url\(#[^)]*|href="#[^"]*)' + uid,
            lambda m: m.group(1) + new,
            svg,
        )
    head, rest = svg.split(">", 1)
    head = re.sub(r'\s(width|height|style)="[^"]*"', "", head)
    head = head.replace(
        'class="main-svg"',
        f'class="main-svg pfcc-svg pfcc-svg-{variant}" preserveAspectRatio="xMinYMin meet" '
        'focusable="false"',
    )
    return head + ">" + rest


# Runs in a page with plotly.js loaded: every job, one after another, to SVG text; started
# without waiting (`window.__drawn`), so that two pages draw at once, one per core.
DRAW = """(jobs) => {
  const draw = async () => {
    const out = {};
    for (const j of jobs) {
      const url = await Plotly.toImage({data: j.figure.data, layout: j.figure.layout},
                                       {format: 'svg', width: j.w, height: j.h});
      out[j.id] = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    }
    return out;
  };
  const before = window.__drawn || Promise.resolve({});
  window.__drawn = Promise.all([before, draw()]).then(([a, b]) => Object.assign({}, a, b));
}"""

# Runs in a slide, its scripts not loaded: each chart's box and figure (the projector's; the
# phone's is drawn at a phone's width with the pages' charts: `phone_jobs`).
SLIDE_BOXES = """() => [...document.querySelectorAll('script.pfcc-figure:not([data-screen=phone])')]
  .map(el => {
  const box = document.getElementById(el.dataset.for).getBoundingClientRect();
  return {figure: JSON.parse(el.textContent), w: Math.round(box.width),
          h: Math.round(box.height)};
})"""


def draw(browser, folder: Path, base: str, scratch) -> None:
    """Every job of `folder`'s JOBS file drawn, half in `scratch` (the scratch page, plotly.js
    loaded) and half in a second page, while the slides' boxes are measured; the drawings
    written to DRAWN."""
    path = folder / JOBS
    if not path.exists():
        return
    pages = json.loads(path.read_text(encoding="utf-8"))
    scratch.evaluate(DRAW, pages[::2])
    helper = browser.new_page()
    try:
        helper.set_content("<!doctype html><html><body></body></html>")
        helper.add_script_tag(path=next((folder / "assets").glob("plotly.*.min.js")))
        helper.evaluate(DRAW, pages[1::2])
        for _ in range(1200):  # the build writes the slides meanwhile: 2 minutes at most
            if (folder / SLIDE_JOBS).exists():
                break
            time.sleep(0.1)
        slides = json.loads((folder / SLIDE_JOBS).read_text(encoding="utf-8"))
        if slides:
            helper.evaluate(DRAW, _slides(browser, base, slides))
        drawn = {
            **scratch.evaluate("() => window.__drawn"),
            **helper.evaluate("() => window.__drawn"),
        }
    finally:
        helper.close()
    (folder / DRAWN).write_text(json.dumps(drawn), encoding="utf-8")


def _slides(browser, base: str, urls: list[str]) -> list[dict]:
    """Each slide's chart at the size of its box at 1280×720, as laid out with no script."""
    todo = []
    context = browser.new_context(viewport=SLIDE_VIEW)
    context.route("**/assets/*.js", lambda r: r.abort())
    try:
        page = context.new_page()
        for url in urls:
            page.goto(base + url)
            for box in page.evaluate(SLIDE_BOXES):
                todo.append({"id": f"slide-{url.strip('/').split('/')[-1]}", **box})
    finally:
        context.close()
    return todo
