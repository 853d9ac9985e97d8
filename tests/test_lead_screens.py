"""The first screens a room sees (issue 21, part 3): the Overview's outcomes tile leads with the
Home Office charge rate and Staffordshire's rank, and as presented before those tables were
public says what was public instead; the journey (slide 1) names on the chart each PEEL
inspection with its headline result, the causes of concern raised and closed and Engage in and
out, and draws no line it does not name; the grades slide runs from PEEL 2014 to the latest;
the deck has the charge-rate rank and a 101 slide. And two things that broke as presented on
26 January 2023: the journey's date label ran past the chart's edge, and the Overview read
"closed ()"."""

import re
from datetime import date

import pandas as pd
import pytest

from harness.apptest import render, text_of
from pfcc import registry
from pfcc.stories import official, overview
from pfcc.stories.common import query
from pfcc.stories.grades import programme
from pfcc.stories.standing import FORCE, comparable, rank_text, ranked_count

MEETING = date(2023, 1, 26)


def _peel_names(as_of=None) -> list[str]:
    g = query("grades", theme=None)
    if as_of is not None:
        g = g[pd.to_datetime(g["public_on"]) <= pd.Timestamp(as_of)]
    return sorted({p for p in g["inspection"].map(programme) if p.startswith("PEEL")})


def _annotations(fig) -> str:
    return "\n".join((a.text or "").replace("<br>", " ") for a in fig.layout.annotations)


def _slide(name: str) -> registry.Slide:
    return next(s for s in registry.slides() if s.name == name)


def test_the_outcomes_tile_leads_with_the_official_rate_and_rank(built_db):
    df = official.rates("recorded", None)
    final = comparable(df[df["force"] == FORCE])
    last = final.iloc[-1]
    rank = rank_text(last["rank_charge_rate"], last["financial_year"], ranked_count(df))
    tile = overview.headlines()[1]
    assert "Home Office" in tile.title
    label, value, _ = tile.rows[0]
    assert (
        value == f"{last['value_text']} in {last['period_label']}, {rank}"
    )  # 9.9% in …, 19th of 42
    later = [r for r in tile.rows[1:] if "provisional" in r[1]]
    assert all(r[0] == "Provisional" for r in later)
    own = [r for r in tile.rows if r[0] == "Force's own"]
    assert own and "definition not stated" in own[0][2], "the force's own rate follows, labelled"


def test_the_outcomes_tile_before_the_tables_were_public_says_so(built_db):
    tile = overview.headlines(date(2023, 3, 1))[1]
    words = " ".join(" ".join(r) for r in tile.rows)
    assert "%" not in " ".join(r[1] for r in tile.rows if r[0] != "Nationally")
    assert "had not been published by 1 March 2023" in words
    assert "2026" not in words


@pytest.mark.parametrize("as_of", [None, MEETING], ids=["today", "2023-01-26"])
def test_the_journey_names_its_milestones_on_the_slide(built_db, as_of):
    spec = _slide("The journey").build(as_of)
    text = _annotations(spec.figure)
    for name in _peel_names(as_of):
        assert name in text, f"{name} is not named on the journey"
    assert "inadequate" in text
    assert "causes of concern raised" in text
    if as_of is None:
        assert "closed" in text and "Into Engage" in text and "out 21 May 2024" in text
    # no line across the chart without words: the lanes carry the concerns and entry dates
    dashed = [s for s in spec.figure.layout.shapes if s.line and s.line.dash]
    assert dashed == []


def test_the_journey_s_date_label_stays_inside_the_chart(built_db):
    spec = _slide("The journey").build(MEETING)
    day = [a for a in spec.figure.layout.annotations if a.y == 1.0 and "2023" in (a.text or "")]
    assert day and all(a.xanchor == "right" for a in day), "written to the line's left"


def test_the_grades_slide_runs_from_peel_2014_to_the_latest(built_db):
    fig = _slide("Inspection grades").build().figure
    columns = [t.replace("<br>", " ") for t in fig.layout.xaxis.ticktext]
    assert columns[0] == "PEEL 2014"
    assert columns[-1] == _peel_names()[-1] == "PEEL 2023–25"


def test_the_deck_has_the_rank_and_101_slides():
    keys = [s.key for s in registry.slides()]
    assert keys.index("official_charge_rank") == keys.index("official_charge_rate") + 1
    assert "calls_101" in keys


def test_the_overview_as_presented_in_january_2023_has_no_empty_brackets(built_db):
    at = render("overview", {"date": MEETING.isoformat()})
    assert not at.exception, [e.value for e in at.exception]
    raw = text_of(at) + " ".join(e.proto.body for e in at.get("html"))
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style).*?</\1>", "", raw, flags=re.S))
    assert "()" not in text and "( )" not in text


@pytest.mark.browser
def test_the_journey_names_its_milestones_at_1280x720(server, browser):
    from harness.browser import wait_idle
    from tests.support.layout import chart_text_problems

    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(f"{server.url}/?mode=present&slide=1")
        wait_idle(page, 1, settle_ms=500)
        drawn = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot .annotation text')]"
            ".map(t => t.textContent).join(' ')"
        )
        for name in _peel_names():
            assert name in drawn, name
        assert "causes of concern raised" in drawn and "Into Engage" in drawn
        assert chart_text_problems(page) == []
    finally:
        page.close()
