"""The scorecard's editions agree with its one table (`scorecard_table.table`) and so with each
other: the live page (today and as presented on a date), the live and static slide, the
meeting pack's section and the static page show the same findings, figures and statuses, read
back from each edition's HTML as a reader meets it (its tables). In a real browser, the page
and the slide, live and static, pass axe and have no text cut off or overlapping at both
projector sizes and a phone's, and the slide fits one projector screen."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from harness.apptest import render
from harness.browser import visible_problems, wait_idle
from pfcc import registry
from pfcc.render import pack
from pfcc.render.site import build as site_build
from pfcc.render.site.previews import serve
from pfcc.stories import scorecard, scorecard_board, scorecard_table
from pfcc.stories.scorecard_rule import SHAPES, STATUSES
from tests.support import tables as read
from tests.support.axe import violations
from tests.support.layout import text_problems

MEASURES_CAPTION = "The figures that show whether it changed"
SLIDE = next(s for s in registry.slides() if s.key == "scorecard")
SIZES = [(1920, 1080), (1280, 720), (390, 844)]


def measure_rows(df) -> list[list[str]]:
    """Each measure's row as a reader meets it: measure, the four points, compared with, status."""
    out = []
    for _, r in df[df["metric"] != ""].iterrows():
        points = [
            f"{r[f'{p} figure']} {r[f'{p} period']}" if r[f"{p} figure"] else "none published"
            for p in scorecard.POINTS
        ]
        out.append(
            [
                " ".join(x for x in (r["metric"], r["definition"]) if x),
                *points,
                r["compared_with"] or "none in the sources",
                f"{r['status']} {r['why']}",
            ]
        )
    return out


def unmeasured(df) -> list[str]:
    return list(df[df["metric"] == ""]["finding"])


def slide_rows(df) -> list[list[str]]:
    """The slide's rows, from the table: where each cause or graded area stands and its
    measures' statuses counted (a measure once per finding)."""
    out = []
    for group in (scorecard.CAUSES, scorecard.GRADED):
        rows = df[df["group"] == group]
        for finding in dict.fromkeys(rows["finding_id"]):
            f = rows[rows["finding_id"] == finding]
            first = f.iloc[0]
            measured = f[f["metric"] != ""].drop_duplicates(["metric", "definition"])
            count = Counter(s.split(" ", 1)[1] for s in measured["status"])
            statuses = ", ".join(f"{SHAPES[w]} {count[w]} {w}" for w in STATUSES if count[w])
            if group == scorecard.CAUSES:
                state = first["state"]
                closed = first["closed"]
                if closed.startswith("reported "):
                    closed = f"({closed})"
                stands = [f"Closed {closed}" if state == "closed" else state.capitalize()]
            else:
                stands = [first["grade"], first["grade_2023_25"] or "not yet graded"]
            out.append([*stands, statuses or "no published figure"])
    return out


def read_board(html: str) -> tuple[list[list[str]], list[str]]:
    found = read.tables(html)
    measured = [r for t in found if t.caption == MEASURES_CAPTION for r in t.rows]
    plain = [r[0] for t in found if scorecard.NO_FIGURE in t.caption for r in t.rows]
    return measured, plain


def read_slide(html: str) -> list[list[str]]:
    """The slide's rows without the finding's name (the cell every row has first)."""
    return [r[1:] for t in read.tables(html) if t.columns[-1] == "Its measures" for r in t.rows]


def _live_html(at) -> str:
    return "".join(e.proto.body for e in at.get("html"))


@pytest.fixture(scope="module")
def site(built_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("scorecard-site") / "site"
    return site_build.build(folder, images=False)


@pytest.mark.parametrize("as_of", [None, date(2024, 1, 1)], ids=["today", "2024-01-01"])
def test_the_live_page_shows_the_table(built_db, as_of):
    at = render("scorecard", {"date": as_of.isoformat()} if as_of else None)
    assert not at.exception
    df = scorecard_table.table(as_of)
    assert read_board(_live_html(at)) == (measure_rows(df), unmeasured(df))
    assert any(e.label.startswith("Download CSV") for e in at.get("download_button"))


def test_the_live_page_filters_by_group_and_open(built_db):
    df = scorecard_table.table(None)
    at = render("scorecard", {"group": scorecard.GRADED})
    shown = df[df["group"] == scorecard.GRADED]
    assert read_board(_live_html(at)) == (measure_rows(shown), unmeasured(shown))
    at = render("scorecard", {"show": scorecard_board.SHOW_LABELS["open"]})  # as the link says
    still = df[df["state"] != "closed"]
    assert read_board(_live_html(at)) == (measure_rows(still), unmeasured(still))
    assert len(still) < len(df)  # the two causes of concern are closed today


def test_the_live_slide_shows_the_table(built_db):
    at = render("overview", {"mode": "present", "slide": str(SLIDE.number)})
    assert not at.exception
    assert read_slide(_live_html(at)) == slide_rows(scorecard_table.table(None))


def test_the_static_page_slide_and_csv_show_the_table(site):
    df = scorecard_table.table(None)
    page = site.pages["/scorecard/"].read_text(encoding="utf-8")
    assert read_board(page) == (measure_rows(df), unmeasured(df))
    slide = site.pages[f"/slides/{SLIDE.number}/"].read_text(encoding="utf-8")
    assert read_slide(slide) == slide_rows(df)
    csv = (site.folder / "data" / "scorecard.csv").read_text(encoding="utf-8")
    assert csv == df.to_csv(index=False)


@pytest.mark.parametrize("meeting", [date(2024, 1, 1), date(2024, 6, 1)])
def test_the_pack_section_shows_the_table_as_presented(built_db, meeting):
    df = scorecard_table.table(meeting)
    assert read_board(pack.build(meeting).html) == (measure_rows(df), unmeasured(df))


# In a real browser: what a reader sees at each size.


def _check(page, root: str, size, one_screen: bool) -> None:
    problems = text_problems(page, root)
    if (wide := page.evaluate(SIDEWAYS)) > 1:
        problems.append(f"the page scrolls sideways by {wide} px")
    if one_screen and size[0] >= 1280:  # the page, or Streamlit's main area, does not scroll
        tall = page.evaluate(TALLEST)
        if tall > size[1] + 1:
            problems.append(f"the slide is {tall} px tall on a {size[1]} px screen")
    assert problems == [], "\n".join(problems)
    assert violations(page) == []


SIDEWAYS = """() => Math.max(...[document.scrollingElement,
  document.querySelector('[data-testid="stMain"]')].filter(Boolean)
  .map(e => e.scrollWidth - e.clientWidth))"""
TALLEST = """() => Math.max(...[document.documentElement,
  document.querySelector('[data-testid="stMain"]')].filter(Boolean).map(e => e.scrollHeight))"""
LIVE = [("/scorecard", "[data-testid='stMain']", False)]
LIVE += [(f"/?mode=present&slide={SLIDE.number}", "[data-testid='stMain']", True)]


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("path", "root", "one_screen"), LIVE, ids=["page", "slide"])
def test_live_scorecard_reads_at_every_size(server, browser, path, root, one_screen, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        page.goto(server.url + path)
        wait_idle(page, 0, settle_ms=500)
        assert visible_problems(page) == []
        _check(page, root, size, one_screen)
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("path", ["/scorecard/", f"/slides/{SLIDE.number}/"], ids=["page", "slide"])
def test_static_scorecard_reads_at_every_size(site, browser, path, size):
    with serve(site.folder) as base:
        # axe is added as a script of its own, which the site's policy would refuse
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]}, bypass_csp=True
        )
        try:
            page = context.new_page()
            page.goto(base + path)
            page.wait_for_load_state("load")
            _check(page, "main", size, path.startswith("/slides/"))
        finally:
            context.close()
