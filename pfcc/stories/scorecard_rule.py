"""The scorecard's status rule: whether a finding's measure got better, worse or did not clearly
change, comparing like with like only. One declared function, `status`, whose docstring the
page prints; pure, so the tests apply it to rows made by hand."""

from __future__ import annotations

from dataclasses import dataclass

from pfcc import periods

BETTER = "better"
WORSE = "worse"
NO_CLEAR_CHANGE = "no clear change"
NOT_COMPARABLE = "not comparable"
STATUSES = (BETTER, WORSE, NO_CLEAR_CHANGE, NOT_COMPARABLE)
# A shape for each status, so that it is never told by colour alone.
SHAPES = {BETTER: "▲", WORSE: "▼", NO_CLEAR_CHANGE: "●", NOT_COMPARABLE: "○"}
# Any two stated windows of one length may be compared, however far apart their ends.
_ANY_GAP = 10**6


@dataclass(frozen=True)
class Status:
    word: str  # one of STATUSES
    why: str  # the figures compared, or why they could not be

    @property
    def shape(self) -> str:
        return SHAPES[self.word]


def _definition(f: dict) -> tuple:
    return (f.get("metric"), f.get("breakdown") or "", f.get("unit"), f.get("geography"))


def status(before: dict | None, latest: dict | None, better: str) -> Status:
    """A status compares Staffordshire's last figure published before Engage with its latest
    figure, and only where both measure the same metric by the same definition and unit, over
    a stated window of the same length, from sources of the same tier: *better* or *worse* as
    the vocabulary says the metric improves, *no clear change* where the two figures are
    equal (no margin is applied, for no source states one). Anything else is *not
    comparable*, and says why (a figure missing, windows or tiers that differ, a metric with
    no better direction) instead of judging."""
    if before is None or latest is None:
        missing = "before Engage" if before is None else "latest"
        return Status(NOT_COMPARABLE, f"no figure {missing} to compare")
    if before.get("measure_id") == latest.get("measure_id"):
        return Status(NOT_COMPARABLE, "the latest figure is the one from before Engage")
    if _definition(before) != _definition(latest):
        return Status(NOT_COMPARABLE, "the two figures are not of the same definition")
    wa, wb = periods.window_of(before), periods.window_of(latest)
    if not periods.joinable(before, latest, _ANY_GAP):
        if periods.NOT_STATED in (wa, wb):
            return Status(NOT_COMPARABLE, "the period of one figure is not stated")
        return Status(NOT_COMPARABLE, f"the windows differ ({wa} before, {wb} latest)")
    if before.get("tier") != latest.get("tier"):
        return Status(
            NOT_COMPARABLE,
            f"the sources' tiers differ ({before.get('tier')} before, {latest.get('tier')} latest)",
        )
    if better not in ("higher", "lower"):
        return Status(NOT_COMPARABLE, "neither direction of this figure is better")
    a, b = float(before["value"]), float(latest["value"])
    if a == b:
        return Status(NO_CLEAR_CHANGE, "the two figures are equal")
    up = b > a
    word = BETTER if up == (better == "higher") else WORSE
    return Status(word, f"{'higher' if up else 'lower'} than before Engage; {better} is better")


RULE = " ".join(status.__doc__.split())  # the rule as the page prints it
