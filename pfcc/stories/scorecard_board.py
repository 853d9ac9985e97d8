"""The scorecard as its page, slide, pack section and static page show it: the rows chosen by
the page's filters (a group; open findings or all), grouped, under one generated title, and
the slide's short lines (the causes of concern and the graded areas, one each). Every figure,
date and status is `scorecard.rows`'; this module only chooses, counts and words them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from pfcc.stories import scorecard
from pfcc.stories.common import spec_cache
from pfcc.stories.scorecard_rule import BETTER, NOT_COMPARABLE, SHAPES, STATUSES
from pfcc.text.words import by_date

ALL = "all"
OPEN_ONLY = "open"
SHOW = (ALL, OPEN_ONLY)  # the page's "show" filter: every finding, or only those still open
SHOW_LABELS = {ALL: "All findings", OPEN_ONLY: "Open findings only"}
ON_SLIDE = (scorecard.CAUSES, scorecard.GRADED)  # the rest are on the page
LEDE = (
    "Each thing the inspectorate asked Staffordshire Police to change, beside the published "
    "figures that show whether it changed: before Engage, the worst during it, at exit and the "
    "latest."
)


@dataclass(frozen=True)
class Line:
    """One finding on the slide: its name, where it stands, and its measures' statuses."""

    name: str
    stands: tuple[str, ...]  # a cause's state; a graded area's grade in each cycle
    statuses: str


@dataclass(frozen=True)
class Board:
    as_of: date | None
    title: str
    groups: tuple[tuple[str, tuple[scorecard.ScoreRow, ...]], ...]  # (group, its rows)
    hidden: int  # findings the filters leave out

    @property
    def empty(self) -> bool:
        return not any(rows for _, rows in self.groups)


def _is_open(r: scorecard.ScoreRow) -> bool:
    """Open or overdue; a graded area is never closed, so it always shows."""
    return r.state != scorecard.CLOSED


def measures(rows) -> dict[tuple[str, str], str]:
    """Each distinct measure (metric, definition) of the rows, with its status word: a measure
    linked to two findings is counted once."""
    return {(e.metric, e.definition): e.status.word for r in rows for e in r.evidence}


def title(rows: tuple[scorecard.ScoreRow, ...], as_of: date | None) -> str:
    """One message: how many causes of concern were closed, and how the measures stood."""
    causes = [r for r in rows if r.group == scorecard.CAUSES]
    closed = sum(r.state == scorecard.CLOSED for r in causes)
    when = f" {by_date(as_of)}" if as_of else ""
    if not causes:
        head = f"No cause of concern raised{when}"
    elif closed == len(causes):
        head = "Both causes of concern closed" if closed == 2 else f"All {closed} closed"
    else:
        head = (
            f"{closed} of {len(causes)} causes of concern closed"
            if closed
            else "No cause of concern closed"
        )
    count = Counter(measures(rows).values())
    n = sum(count.values())
    if not n:
        return f"{head}; no figure measures a finding yet"
    if not n - count[NOT_COMPARABLE]:
        return f"{head}; no measure comparable with pre-Engage yet"
    said = [f"{count[w]} {w}" for w in STATUSES if count[w] and w != BETTER]
    return f"{head}; {count[BETTER]} of {n} measures better than pre-Engage, " + ", ".join(said)


@spec_cache
def board(as_of: date | None = None, group: str | None = None, show: str = ALL) -> Board:
    """The scorecard as the page shows it with these filters (`group` None: every group)."""
    every = scorecard.rows(as_of)
    chosen = [
        r
        for r in every
        if (group is None or r.group == group) and (show != OPEN_ONLY or _is_open(r))
    ]
    groups = tuple(
        (g, tuple(r for r in chosen if r.group == g))
        for g in scorecard.GROUPS
        if any(r.group == g for r in chosen)
    )
    return Board(as_of, title(every, as_of), groups, len(every) - len(chosen))


def _name(r: scorecard.ScoreRow) -> str:
    """A cause of concern by the theme its id names ("Responding to the public"); a graded
    area by its area."""
    if r.group == scorecard.CAUSES:
        return scorecard.theme_of(r.finding_id).capitalize()
    return r.title


def closure_words(r: scorecard.ScoreRow) -> str:
    """ "Closed December 2023", "Closed (reported 28 December 2023)" or the state."""
    if r.closed is None:
        return r.state.capitalize()
    if r.closed.what == scorecard.REPORTED:
        return f"Closed ({r.closed.closure_text})"
    return f"Closed {r.closed.text}"


def later_cycle_known(rows) -> bool:
    """Whether any PEEL 2023–25 grade was public: before then, the cycle is not named."""
    return any(r.later_grade for r in rows)


def nothing_yet(as_of: date | None) -> str:
    return f"No finding on the scorecard had been published {by_date(as_of)}."


def _stands(r: scorecard.ScoreRow, later: bool) -> tuple[str, ...]:
    if r.group == scorecard.CAUSES:
        return (closure_words(r),)
    if not later:
        return (r.grade,)
    return (r.grade, r.later_grade["grade"] if r.later_grade else "not yet graded")


def statuses_text(r: scorecard.ScoreRow, none: str = scorecard.NO_FIGURE) -> str:
    """ "▲ 1 better, ○ 3 not comparable", each distinct measure once; or why there is none."""
    if not r.evidence:
        return none
    count = Counter(measures([r]).values())
    return ", ".join(f"{SHAPES[w]} {count[w]} {w}" for w in STATUSES if count[w])


SLIDE_HEADS = {
    scorecard.CAUSES: ("Cause of concern", "Where it stands"),
    scorecard.GRADED: ("Area graded in PEEL 2021/22", "PEEL 2021/22", scorecard.LATER_CYCLE),
}


def slide_lines(as_of: date | None = None) -> tuple[tuple[str, tuple, tuple[Line, ...]], ...]:
    """The slide: the causes of concern and the graded areas, one line each, under each
    group's column heads."""
    rows = scorecard.rows(as_of)
    later = later_cycle_known(rows)
    return tuple(
        (
            g,
            (*SLIDE_HEADS[g][: None if later or g != scorecard.GRADED else 2], "Its measures"),
            tuple(
                Line(_name(r), _stands(r, later), statuses_text(r, "no published figure"))
                for r in rows
                if r.group == g
            ),
        )
        for g in ON_SLIDE
        if any(r.group == g for r in rows)
    )
