"""The static public edition (`make site`): a page per dashboard page at the same paths with the
same titles and navigation order, figures equal to the live pages', nothing fetched from
elsewhere and no inline script, every chart drawn, axe-core clean, the slides driven by the
keyboard at projector sizes, and the data downloads equal to the database."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import duckdb
import pytest

from harness.apptest import render
from pfcc import registry
from pfcc.render import markup
from pfcc.render.site import build as site_build
from pfcc.render.site import crawl
from pfcc.render.site.previews import serve
from pfcc.stories import sources
from tests.support import tables as read
from tests.support.axe import violations
from tests.support.layout import chart_text_problems, text_problems
from tests.support.sql import rows

ADDRESS = "https://performance.example.org/"


@pytest.fixture(scope="module")
def site(built_db, tmp_path_factory, browser):
    folder = tmp_path_factory.mktemp("site") / "site"
    return site_build.build(folder, live="/live/", browser=browser, address=ADDRESS)


@pytest.fixture(scope="module")
def origin(site):
    with serve(site.folder) as base:
        yield base


def html_of(site, url: str) -> str:
    return site.pages[url].read_text(encoding="utf-8")


def page_url(page: registry.Page) -> str:
    return "/" if page.default else f"/{page.slug}/"


def test_every_page_is_at_its_path_with_its_title_and_the_navigation_in_order(site):
    titles = [p.title for p in registry.PAGES]
    for page in registry.PAGES:
        doc = html_of(site, page_url(page))
        assert f"<title>{page.title} · {registry.SITE_TITLE}</title>" in doc.replace("&#x27;", "'")
        nav = re.search(r'<nav aria-label="Pages">(.*?)</nav>', doc, re.S).group(1)
        links = [read.text(a) for a in re.findall(r"<a\b[^>]*>(.*?)</a>", nav)]
        assert links[: len(titles)] == titles, links
        assert 'aria-current="page"' in nav
    assert [f"/slides/{s.number}/" in site.pages for s in registry.slides()] == [True] * len(
        registry.slides()
    )


def test_every_page_says_when_it_was_built_and_from_which_data(site, con):
    version = str(rows(con, "SELECT data_version FROM build_info")[0]["data_version"])[:10]
    for url in site.pages:
        doc = html_of(site, url)
        assert f'<meta name="pfcc-data-version" content="{version}">' in doc, url
        if not url.startswith("/slides/"):
            assert "Built " in read.text(doc) and f"data version {version}" in read.text(doc)


def test_no_inline_script_and_nothing_from_elsewhere(site):
    for url in site.pages:
        doc = html_of(site, url)
        for tag in re.findall(r"<script\b[^>]*>", doc):
            assert 'type="application/json"' in tag or re.search(r'src="(\.\./)*assets/', tag), (
                url,
                tag,
            )
        assert "Content-Security-Policy" in doc and "script-src 'self'" in doc
        # what the page loads: scripts and linked files (a canonical link names the page's
        # public address and loads nothing)
        loaded = re.findall(r'<script\b[^>]*src="([^"]+)"', doc) + re.findall(
            r'<link\b(?![^>]*rel="canonical")[^>]*href="([^"]+)"', doc
        )
        assert loaded
        for ref in loaded:
            assert not re.match(r"(https?:)?//", ref), (url, ref)


@pytest.mark.parametrize("page", [p for p in registry.PAGES if p.charts], ids=lambda p: p.slug)
def test_static_tables_equal_the_live_pages(site, page):
    """Each chart's table on the static page has the same caption, columns and rows as the same
    chart's table on the live page, tab by tab."""
    static = {t.caption: t for t in read.tables(html_of(site, page_url(page)))}
    seen = 0
    for view in page.views():
        at = render(page.slug, view.params)
        assert not at.exception
        for block in at.get("html"):
            for live in read.tables(block.proto.body):
                if live.caption in static and ":" in live.caption:
                    assert static[live.caption].columns == live.columns, live.caption
                    assert static[live.caption].rows == live.rows, live.caption
                    seen += 1
    assert seen >= len(page.charts), f"{seen} tables compared for {len(page.charts)} charts"


def test_chart_csvs_and_tables_download_as_the_database_holds_them(site, con):
    data = site.folder / "data"
    for key, spec in site.charts.items():
        assert (data / "charts" / f"{key}.csv").read_bytes() == spec.csv_bytes()
    for table in ("measures", "outcome_rates", "sources", "grades"):
        n = rows(con, f"SELECT count(*) AS n FROM {table}")[0]["n"]
        parquet = data / "tables" / f"{table}.parquet"
        got = duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchall()[0][0]
        assert got == n, table
        assert (data / "tables" / f"{table}.csv").read_text().count("\n") >= n
    assert (data / "staffordshire.duckdb").stat().st_size > 0
    assert sources.data_info()["sources"] == rows(con, "SELECT count(*) AS n FROM sources")[0]["n"]


def test_plotly_is_one_shared_hashed_file(site):
    assets = sorted(p.name for p in (site.folder / "assets").iterdir())
    assert len([a for a in assets if a.startswith("plotly.")]) == 1
    assert all(re.fullmatch(r"(plotly|site)\.[0-9a-f]{12}\.(min\.js|js|css)", a) for a in assets)
    for url in site.pages:
        assert html_of(site, url).count("plotly.") >= 1
        assert "Plotly.newPlot" not in html_of(site, url)  # drawn by the shared script
        # named for the shared script to load when a reader reaches for a chart, not loaded
        assert not re.search(r"<script\b[^>]*src=\"[^\"]*plotly", html_of(site, url)), url
    # the partial bundle pinned in package.json: it draws every trace type the site's figures use
    drawn = {
        t for s in site.charts.values() if not s.empty for t in {d.type for d in s.figure.data}
    }
    assert drawn <= {"scatter", "bar"}, drawn
    bundle = next((site.folder / "assets").glob("plotly.*.min.js")).read_text()
    assert bundle.startswith("/**\n* plotly.js (cartesian - minified) v")


def test_shared_links_preview_the_message(site):
    for page in registry.PAGES:
        doc = html_of(site, page_url(page))
        assert '<meta property="og:title"' in doc and '<meta name="description"' in doc
        here = ADDRESS + page_url(page).lstrip("/")
        assert f'<link rel="canonical" href="{here}">' in doc
        if page.charts:  # absolute, as link previewers expect, and a real picture
            image = re.search(r'property="og:image" content="([^"]+)"', doc).group(1)
            assert image.startswith(ADDRESS + "og/")
            assert (site.folder / image.removeprefix(ADDRESS)).stat().st_size > 5_000


@pytest.mark.parametrize("address", ["javascript:alert(1)", "example.org", "https://a b/"])
def test_a_public_address_that_is_not_one_is_refused(address, capsys):
    with pytest.raises(SystemExit) as stop:
        site_build.main(["--address", address, "--out", "/nonexistent/never-written"])
    assert stop.value.code == 2
    assert "--address must be an http(s) address" in capsys.readouterr().err


CSP_WATCH = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


def open_static(browser, origin: str, url: str, size=(1280, 720), bypass_csp: bool = False):
    """A page of the static site with every chart drawn; what it asked of other addresses, its
    errors and its CSP violations recorded."""
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, bypass_csp=bypass_csp
    )
    context.add_init_script(CSP_WATCH)
    found = {"elsewhere": [], "errors": []}

    def route(r):
        if r.request.url.startswith(origin):
            r.continue_()
        else:
            found["elsewhere"].append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: found["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found["errors"].append(str(e)))
    page.goto(origin + url)
    n = page.locator(".pfcc-chart").count()
    page.wait_for_function(
        "n => [...document.querySelectorAll('.pfcc-chart')]"
        ".filter(c => c.querySelector('.main-svg')).length >= n",
        arg=n,
    )
    return context, page, found


@pytest.mark.browser
@pytest.mark.parametrize("url", [page_url(p) for p in registry.PAGES] + ["/data/", "/packs/"])
def test_every_static_page_draws_offline_and_passes_axe(site, origin, browser, url):
    context, page, found = open_static(browser, origin, url)
    try:
        assert found == {"elsewhere": [], "errors": []}
        assert page.evaluate("window.__csp") == []  # the strict policy holds, and is enough
    finally:
        context.close()
    context, page, _ = open_static(browser, origin, url, bypass_csp=True)  # axe is a script
    try:
        assert violations(page) == []
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_static_slides_by_keyboard_at_projector_size(site, origin, browser, size):
    deck = registry.slides()
    context, page, _ = open_static(browser, origin, "/slides/1/", size, bypass_csp=True)
    try:
        for slide in deck:
            page.wait_for_url(re.compile(rf"/slides/{slide.number}/$"))
            if slide.charts:
                page.wait_for_selector(".pfcc-chart .main-svg")
            scroll = page.evaluate(
                "[document.documentElement.scrollHeight, innerHeight,"
                " document.documentElement.scrollWidth, innerWidth]"
            )
            assert scroll[0] <= scroll[1] and scroll[2] <= scroll[3], (slide.number, scroll)
            sizes = page.evaluate(
                "[...document.querySelectorAll('main p, main li, main a')]"
                ".filter(e => e.innerText.trim())"
                ".map(e => parseFloat(getComputedStyle(e).fontSize))"
            )
            assert min(sizes) >= 24, (slide.number, min(sizes))
            assert violations(page) == [], slide.number
            if slide.number < len(deck):
                page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowLeft")
        page.wait_for_url(re.compile(rf"/slides/{len(deck) - 1}/$"))
        with page.expect_navigation(url=origin + "/"):
            page.keyboard.press("Escape")
        assert page.title().startswith(registry.page("overview").title)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("page", [p for p in registry.PAGES if p.charts], ids=lambda p: p.slug)
def test_static_charts_can_be_read_on_a_phone(site, origin, browser, page):
    """At 390 by 844 no chart text overlaps or leaves its chart, and the page itself does not
    scroll sideways."""
    context, shown, _ = open_static(browser, origin, page_url(page), size=(390, 844))
    try:
        assert shown.locator("svg.pfcc-svg-phone").count() >= 1  # drawn at build time
        assert chart_text_problems(shown) == []
        width = shown.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], width
        reach_for_every_chart(shown)  # and as Plotly draws them live
        shown.wait_for_timeout(300)  # Plotly's responsive relayout
        assert chart_text_problems(shown) == []
        width = shown.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], width
    finally:
        context.close()


def test_robots_allows_everything_and_the_sitemap_names_every_page_and_slide(site):
    robots = (site.folder / "robots.txt").read_text()
    assert "User-agent: *" in robots and "Allow: /" in robots and "Disallow: /" not in robots
    assert f"Sitemap: {ADDRESS}sitemap.xml" in robots.splitlines()
    root = ET.fromstring((site.folder / "sitemap.xml").read_bytes())
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    slides = [f"/slides/{s.number}/" for s in registry.slides()]
    wanted = [ADDRESS + u.lstrip("/") for u in [page_url(p) for p in registry.PAGES] + slides]
    assert set(wanted) <= set(locs) and len(locs) == len(set(locs))
    for loc in locs:  # each an absolute address of a page the build wrote
        assert loc.startswith(ADDRESS), loc
        assert (site.folder / loc.removeprefix(ADDRESS) / "index.html").is_file(), loc


def test_without_an_address_robots_names_no_sitemap(tmp_path):
    """The Sitemaps protocol wants absolute addresses: without one, no sitemap at all."""
    written = crawl.write(tmp_path, ["/", "/slides/1/"])
    assert [p.name for p in written] == ["robots.txt"] and not (tmp_path / "sitemap.xml").exists()
    assert "Sitemap" not in (tmp_path / "robots.txt").read_text()
    assert crawl.robots_txt("https://a.example/sub/").endswith(
        "Sitemap: https://a.example/sub/sitemap.xml\n"
    )


# Runs in the page: every word of every table cell (but a web address, which may break
# anywhere) whose pieces lie on more than one line. A piece is what lies between the break
# points a reader accepts: spaces, and just after a hyphen, a dash or a slash ("non-" /
# "emergency"); a break anywhere else is inside a word ("St" / "aff"). And every table's box.
_BROKEN = r"""() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const broken = [], boxes = [];
  for (const cell of document.querySelectorAll('.pfcc-table th, .pfcc-table td')) {
    if (cell.classList.contains('addr')) continue;
    const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const n = walk.currentNode, piece = /[^\s\-\u2010-\u2014\/]+[\-\u2010-\u2014\/]*/g;
      let m;
      while ((m = piece.exec(n.textContent))) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const lines = new Set([...r.getClientRects()].filter(b => b.width > 0)
          .map(b => Math.round(b.bottom)));
        const where = cell.textContent.slice(0, 40);
        if (lines.size > 1) broken.push(`${JSON.stringify(m[0])} in ${where}`);
      }
    }
  }
  for (const t of document.querySelectorAll('table.pfcc-table')) {
    const box = t.parentElement, first = t.querySelector('tbody tr > :first-child');
    const named = box.matches('.pfcc-table-wrap[role=region][tabindex="0"][aria-label]');
    box.scrollLeft = box.scrollWidth;  // the first column stays where it was
    const held = !first || Math.abs(first.getBoundingClientRect().left
      - box.getBoundingClientRect().left - box.clientLeft) <= 1;
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    box.scrollLeft = 0;
    const caption = t.caption ? t.caption.textContent.slice(0, 50) : '';
    boxes.push({caption, named, held, scrolls});
  }
  return {broken, boxes};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("url", ["/sources/", "/outcomes/", "/calls/", "/scorecard/"])
def test_static_tables_read_on_a_phone(site, origin, browser, url):
    """At 390 by 844, with every table shown: no word or number in a table is broken inside it,
    each table scrolls in its own named, focusable box with its first column held in view, the
    page itself does not scroll sideways, no text is cut off or overlaps, and axe finds
    nothing."""
    context, shown, _ = open_static(browser, origin, url, size=(390, 844), bypass_csp=True)
    try:
        found = shown.evaluate(_BROKEN)
        assert found["broken"] == []
        assert found["boxes"] and all(b["named"] and b["held"] for b in found["boxes"]), [
            b for b in found["boxes"] if not (b["named"] and b["held"])
        ]
        assert any(b["scrolls"] for b in found["boxes"])  # a phone is narrower than some table
        width = shown.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], width
        assert text_problems(shown, "main") == []
        assert violations(shown) == []
    finally:
        context.close()


def reach_for_every_chart(page) -> None:
    """Focus every chart's box, as a keyboard user would, and wait for every live chart."""
    boxes = page.locator(".pfcc-figure-box")
    for i in range(boxes.count()):
        boxes.nth(i).dispatch_event("focusin")
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
        arg=page.locator(".pfcc-chart").count(),
        timeout=30_000,
    )


def chart_urls() -> list[str]:
    return [page_url(p) for p in registry.PAGES if p.charts] + [
        f"/slides/{s.number}/" for s in registry.slides() if s.chart is not None
    ]


@pytest.mark.browser
@pytest.mark.parametrize("url", chart_urls())
def test_with_scripts_off_every_chart_reads_completely(site, origin, browser, url):
    """No script at all: every chart is there as its build-time SVG, with real text in it and
    its accessible name, and on a page its title, table and sources as well."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 720}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(origin + url)
        slide = url.startswith("/slides/")
        panels = page.locator(".pfcc-slide-chart" if slide else ".pfcc-panel:has(.pfcc-chart)")
        assert panels.count() >= 1 or page.locator(".pfcc-empty").count() >= 1, url
        for i in range(panels.count()):
            panel = panels.nth(i)
            svg = panel.locator(".pfcc-chart > svg.pfcc-svg:visible")
            assert svg.count() == 1, (url, i)
            words = svg.evaluate("s => [...s.querySelectorAll('text')].map(t => t.textContent)")
            assert len([w for w in words if w.strip()]) >= 5, (url, i, words)
            assert svg.evaluate("s => s.closest('figure').getAttribute('aria-label')"), (url, i)
            if slide:
                assert page.locator(".pfcc-source").first.inner_text().strip(), url
                continue
            title = panel.locator(".pfcc-chart-title")
            assert (title.inner_text() if title.count() else page.inner_text("h1")).strip()
            assert panel.locator("table.pfcc-table").count() >= 1, (url, i)
            folded = panel.locator("details.pfcc-details > summary").all_inner_texts()
            assert [markup.TABLE_SUMMARY, markup.SOURCES_SUMMARY] == folded, (url, i)
        assert page.locator(".js-plotly-plot").count() == 0
    finally:
        context.close()


SHIFTS = """window.__shift = 0;
new PerformanceObserver(l => l.getEntries().forEach(e => { window.__shift += e.value; }))
  .observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.browser
@pytest.mark.parametrize("url,size", [("/outcomes/", (1280, 720)), ("/slides/1/", (1280, 720))])
def test_plotly_arrives_only_when_a_chart_is_reached_for_and_nothing_moves(
    site, origin, browser, url, size
):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    context.add_init_script(SHIFTS)
    asked = []
    context.on("request", lambda r: asked.append(r.url))
    try:
        page = context.new_page()
        page.goto(origin + url)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # idle: still nothing loads
        assert not [u for u in asked if "/assets/plotly." in u]
        box = page.locator(".pfcc-chart").first
        # where things are on the page (not on the screen: hovering scrolls the chart in)
        where = "e => { const r = e.getBoundingClientRect();"
        where += " return [r.x, r.y + scrollY, r.width, r.height]; }"
        before = box.evaluate(where)
        below = page.locator("main > :last-child").evaluate(where)
        page.locator(".pfcc-figure-box").first.hover()
        page.wait_for_selector(".pfcc-chart.js-plotly-plot .main-svg", timeout=30_000)
        page.wait_for_timeout(300)
        assert len([u for u in asked if "/assets/plotly." in u]) == 1
        assert box.locator("svg.pfcc-svg").count() == 0  # the live chart took its place
        after = box.evaluate(where)
        assert all(abs(a - b) <= 1 for a, b in zip(before, after)), (before, after)
        moved = page.locator("main > :last-child").evaluate(where)
        assert all(abs(a - b) <= 1 for a, b in zip(below, moved)), (below, moved)
        assert page.evaluate("window.__shift") == 0
    finally:
        context.close()


@pytest.mark.browser
def test_a_site_built_without_images_draws_its_charts_at_once(built_db, tmp_path, browser):
    """`--no-images` (or no chromium at build): no SVG, so the site's script loads plotly.js
    and draws every chart as the page loads, as before the SVGs."""
    built = site_build.build(tmp_path / "site", images=False)
    assert "pfcc-svg" not in built.pages["/calls/"].read_text(encoding="utf-8")
    with serve(built.folder) as base:
        context, page, found = open_static(browser, base, "/calls/")
        try:
            assert page.locator(".js-plotly-plot").count() == page.locator(".pfcc-chart").count()
            assert found == {"elsewhere": [], "errors": []}
        finally:
            context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "slide", [s for s in registry.slides() if s.chart is not None], ids=lambda s: s.key
)
def test_a_shared_slide_fits_a_phone(site, origin, browser, slide):
    """At 390 by 844 a chart slide shows its chart as its page draws it (the projector's is
    laid out for 1280 px and more): drawn at build time and then live, no chart text overlaps
    or is cut off, and the page does not scroll sideways; at 1280 by 720 the projector's."""
    url = f"/slides/{slide.number}/"
    context, page, found = open_static(browser, origin, url, (390, 844), bypass_csp=True)
    try:
        assert page.locator(".pfcc-for-projector").is_hidden()
        assert page.locator(".pfcc-for-phone svg.pfcc-svg").is_visible()
        assert chart_text_problems(page) == []
        page.locator(".pfcc-for-phone").dispatch_event("focusin")  # reached for: drawn live
        page.wait_for_selector(".pfcc-for-phone .js-plotly-plot .main-svg", timeout=30_000)
        page.wait_for_timeout(300)
        assert page.locator(".pfcc-for-projector .js-plotly-plot").count() == 0
        assert chart_text_problems(page) == []
        width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], width
        assert violations(page) == [] and found == {"elsewhere": [], "errors": []}
    finally:
        context.close()
    context, page, _ = open_static(browser, origin, url, size=(1280, 720))
    try:
        assert page.locator(".pfcc-for-phone").is_hidden()
        assert page.locator(".pfcc-for-projector svg.pfcc-svg").is_visible()
    finally:
        context.close()
