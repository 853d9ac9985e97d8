"""What a metric's sentence claims, checked against every quote filed under it.

Each metric in data/metrics.csv says in one sentence what it measures (`definition`). Where that
sentence makes a claim a quote can be seen to support or not, the build asks the quote for it:

- an *average* ("the average time ..."): the quote says average (averaging, averaged) or mean;
- a *threshold* ("within 10 seconds", "in less than 10 seconds", "more than a week"): the quote
  states that threshold, its number and its unit ("in ten seconds", "over 15 mins");
- *lateness* ("late", "overdue"): the quote states the deadline or time limit it is late against.

The sentence drives the check: a metric whose sentence claims none of these is not checked, and a
new metric is checked as soon as its sentence makes the claim."""

from __future__ import annotations

import re

from pfcc.ingest.problems import Problem
from pfcc.ingest.reading import Row
from pfcc.ingest.textcheck import WORD_NUMBERS, states_number

_I = re.IGNORECASE
AVERAGE = re.compile(r"\baverage\b", _I)
QUOTE_AVERAGE = re.compile(r"\baverag(?:e|es|ed|ing)\b|\bmean\b", _I)
LATE = re.compile(r"\b(?:late|lateness|overdue)\b", _I)
QUOTE_DEADLINE = re.compile(
    r"\b(?:late|later|deadline|due|within|target|time limit|limit)\b"
    r"|\b(?:more than|over|longer than|after)\s+(?:a|an|one|\d[\d,.]*|[a-z]+)\s+"
    r"(?:hours?|days?|weeks?|months?|years?)\b",
    _I,
)
_UNITS = {
    "second": r"(?:seconds?|secs?|s)",
    "minute": r"(?:minutes?|mins?)",
    "hour": r"(?:hours?|hrs?)",
    "day": r"days?",
    "week": r"weeks?",
    "month": r"months?",
    "year": r"years?",
}
THRESHOLD = re.compile(
    r"\b(?:within|in less than|in under|less than|under|over|more than)\s+"
    r"(a|an|one|\d[\d,.]*|[a-z]+)\s+(second|minute|hour|day|week|month|year)s?\b",
    _I,
)
_SENTENCE_BREAK = re.compile(r"[.!?;]\s+\S")


def _amount(word: str) -> float | None:
    w = word.lower().replace(",", "")
    if w in ("a", "an"):
        return 1
    if w in WORD_NUMBERS:
        return WORD_NUMBERS[w]
    try:
        return float(w)
    except ValueError:
        return None


def states_threshold(quote: str, amount: float, unit: str) -> bool:
    """Does the quote write `amount unit` ("10 seconds", "ten seconds", "a week", "15 mins")?"""
    pattern = rf"(\S+)\s+{_UNITS[unit]}\b"
    for m in re.finditer(pattern, quote, _I):
        word = m.group(1).strip("(\"'“‘")
        said = _amount(word)
        if said is None and states_number(word, amount):
            said = amount
        if said is not None and abs(said - amount) < 1e-9:
            return True
    return False


def lacks(definition: str, quote: str) -> list[tuple[str, str]]:
    """(code, what the quote lacks) for each claim of the definition the quote does not support."""
    out = []
    if AVERAGE.search(definition) and not QUOTE_AVERAGE.search(quote):
        out.append(("quote-lacks-average", "says neither 'average' nor 'mean'"))
    for m in THRESHOLD.finditer(definition):
        amount, unit = _amount(m.group(1)), m.group(2).lower()
        if amount is not None and not states_threshold(quote, amount, unit):
            out.append(
                (
                    "quote-lacks-threshold",
                    f"does not state the threshold '{definition[m.start(1) : m.end()]}'",
                )
            )
    if LATE.search(definition) and not QUOTE_DEADLINE.search(quote):
        out.append(("quote-lacks-deadline", "states no deadline or time limit to be late against"))
    return out


def check_meaning(r: Row, quote: str, metric: dict | None, problems: list[Problem]) -> None:
    """A measure whose quote does not support its metric's sentence is refused."""
    definition = (metric or {}).get("definition") or ""
    if not definition or not quote:
        return
    for code, missing in lacks(definition, quote):
        problems.append(
            Problem(
                r.file,
                r.line,
                "metric",
                f"measure {r.values.get('measure_id')!r} is filed under metric"
                f" {r.values.get('metric')!r}, whose sentence reads {definition!r}, but its"
                f" quote {missing}: file it under a metric its words support",
                code,
            )
        )


def check_definition(r: Row, problems: list[Problem]) -> None:
    """A metric's definition is one sentence ending with a full stop."""
    text = (r.values.get("definition") or "").strip()
    if text and (not text.endswith(".") or _SENTENCE_BREAK.search(text[:-1])):
        problems.append(
            Problem(
                r.file,
                r.line,
                "definition",
                f"{text[:80]!r} is not one sentence ending with a full stop",
                "definition-not-one-sentence",
            )
        )
