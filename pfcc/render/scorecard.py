"""The scorecard's HTML, one template (templates/scorecard.html) for every edition: the live
page and the static page draw `board` (mode "page"), the meeting pack the same section
("print"), and both presentations `slide`. Values only are made here; the template lays them
out and escapes them."""

from __future__ import annotations

import re
from datetime import date

from pfcc import registry
from pfcc.render import markup, where
from pfcc.render.templates import fragment, safe
from pfcc.stories import scorecard, scorecard_board
from pfcc.stories.common import spec_cache
from pfcc.stories.scorecard_rule import RULE
from pfcc.stories.scorecard_table import compared_text
from pfcc.text.formatting import fmt_date

INTROS = {
    scorecard.CAUSES: "The two accelerated causes of concern of March 2022: when each was "
    "raised, revisited and closed, each date with its source.",
    scorecard.GRADED: "Each area graded in PEEL 2021/22, beside its grade in PEEL 2023–25. "
    + scorecard.ACROSS_CYCLES,
    # before any PEEL 2023–25 grade was public, the cycle is not named
    (scorecard.GRADED, False): "Each area graded in PEEL 2021/22.",
    scorecard.ASKED: "What the inspectorate asked the force to do: its deadline, and whether a "
    "published source records it as done.",
}
POINT_HEADS = ("Before Engage", "Worst during Engage", "At exit", "Latest")


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _passage(label: str, quote, title, tier, url=None, publisher=None) -> dict:
    return {"label": label, "html": safe(markup.quoted_passage(quote, title, tier, url, publisher))}


def _figure_passage(label: str, f: dict) -> dict:
    what = f"{label}: {f['value_text']}, {f['period_text']}"
    return _passage(what, f["quote"], f["source_title"], f["tier"], f.get("url"), f["publisher"])


def _chart_of(e: scorecard.Evidence) -> str | None:
    """Where the two figures a status compared are drawn: the chart of either, by its id; the
    Home Office series' own chart for a figure computed from it."""
    for point in ("latest", "before Engage"):
        f = e.figures[point]
        if f is not None and f.get("measure_id") and (url := where.chart_of(f["measure_id"])):
            return url
    if e.metric in scorecard.OFFICIAL:
        return registry.page("outcomes").path
    return None


def _measure(e: scorecard.Evidence, n: int) -> dict:
    points = [e.figures[p] for p in scorecard.POINTS]
    return {
        "metric": e.metric,
        "definition": e.definition,
        "points": [
            {"text": f["value_text"], "period": f["period_text"]} if f else None for f in points
        ],
        "compared": compared_text(e),
        "status": {
            "shape": e.status.shape,
            "word": e.status.word,
            "why": e.status.why,
            "href": _chart_of(e),
        },
        "id": n,
    }


def _dates(r: scorecard.ScoreRow) -> list[dict]:
    dated = [r.raised, *r.revisited, r.closed]
    return [
        {"what": d.what[:1].upper() + d.what[1:], "text": d.text, "source": d.source_title}
        for d in dated
        if d is not None
    ]


def stands(r: scorecard.ScoreRow, later_known: bool = True) -> str:
    """Where a finding stands, in words: its state (with its deadline) or its grades."""
    if r.group == scorecard.GRADED:
        if not later_known:
            return f"{r.grade} in PEEL 2021/22"
        later = r.later_grade["grade"] if r.later_grade else "not yet graded"
        return f"{r.grade} in PEEL 2021/22; {later} in {scorecard.LATER_CYCLE}"
    due = f", due {fmt_date(r.due_on)}" if r.due_on else ""
    return scorecard_board.closure_words(r) + due


def _card(r: scorecard.ScoreRow, start: int, later_known: bool) -> dict:
    passages = [_passage("The finding", r.quote, r.source_title, r.source_tier, r.source_url)]
    seen = {(r.quote, r.source_title)}
    for e in r.evidence:
        said = e.link_source
        if (e.link_quote, said["source_title"]) not in seen:
            seen.add((e.link_quote, said["source_title"]))
            passages.append(
                _passage(
                    f"Why {e.metric} measures it",
                    e.link_quote,
                    said["source_title"],
                    said["tier"],
                    said["url"] if isinstance(said["url"], str) else None,
                    said["publisher"],
                )
            )
        for head, p in zip(POINT_HEADS, scorecard.POINTS, strict=True):
            f = e.figures[p]
            if f is not None and (f.get("quote"), f.get("source_title")) not in seen:
                seen.add((f.get("quote"), f.get("source_title")))
                passages.append(_figure_passage(f"{e.metric}, {head.lower()}", f))
    return {
        "id": _anchor(r.finding_id),
        "title": r.title,
        "kind": r.kind,
        "stands": stands(r, later_known),
        "dates": _dates(r),
        "measures": [_measure(e, start + i) for i, e in enumerate(r.evidence)],
        "passages": passages,
    }


def board_html(board: scorecard_board.Board, mode: str = "page") -> str:
    """The scorecard's sections as chosen: each group a heading, its findings with figures as
    cards, and those no figure measures as one table."""
    groups, n = [], 0
    later = scorecard_board.later_cycle_known(r for _, rows in board.groups for r in rows)
    for name, rows in board.groups:
        cards = []
        for r in rows:
            if r.evidence:
                cards.append(_card(r, n, later))
                n += len(r.evidence)
        plain = [
            {
                "title": r.title,
                "kind": r.kind,
                "stands": stands(r, later),
                "source": r.source_title,
            }
            for r in rows
            if not r.evidence
        ]
        groups.append(
            {
                "heading": name,
                "anchor": _anchor(name),
                "intro": INTROS[(name, False) if name == scorecard.GRADED and not later else name],
                "cards": cards,
                "plain": plain,
            }
        )
    return fragment(
        "scorecard.html",
        "board",
        {
            "groups": groups,
            "rule": RULE.replace("*", ""),  # the docstring's emphasis, as plain words
            "heads": POINT_HEADS,
            "hidden": board.hidden,
            "none": scorecard.NO_FIGURE,
            "mode": mode,
            "nothing": scorecard_board.nothing_yet(board.as_of),
        },
    )


@spec_cache  # the live slide asks on every rerun: made once per build and day
def slide_html(as_of: date | None) -> str:
    """The slide's body: the causes of concern and the graded areas, one line each."""
    lines = scorecard_board.slide_lines(as_of)
    if not lines:
        return markup.empty_note(scorecard_board.nothing_yet(as_of))
    return fragment("scorecard.html", "slide", lines)
