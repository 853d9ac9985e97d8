"""How a figure, grade or date is recognised inside its verbatim quote.

Deliberately literal: a quote either states the figure or it does not. The only leniencies are
the ones a reader would grant: thousands separators, trailing zeros, small numbers and ordinals
written as words, and the usual ways of writing a date."""

from __future__ import annotations

import calendar
import re
from datetime import date

_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Runs of white space become one space: PDF and web extraction break lines anywhere."""
    return _WS.sub(" ", text).strip()


_CARDINALS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_ORDINALS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_TENS = {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
WORD_NUMBERS = {w: i for i, w in enumerate(_CARDINALS)} | {w: i for i, w in enumerate(_ORDINALS)}
WORD_NUMBERS |= _TENS

_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?(\s*(?:m|million|k|bn|billion)\b)?",
    re.IGNORECASE,
)
_WORD = re.compile(
    r"\b(" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_SCALE = {"m": 1e6, "million": 1e6, "k": 1e3, "bn": 1e9, "billion": 1e9}


def states_number(text: str, value: float) -> bool:
    return written_number(text, value) is not None


def written_number(text: str, value: float) -> str | None:
    """The figure as the text writes it ("17.0", "6,700", "1m"), or None if it is not there."""
    target = abs(value)
    for m in _NUMBER.finditer(text):
        whole, frac, scale = m.groups()
        n = float(whole.replace(",", "") + (frac or ""))
        if abs(n - target) < 1e-9:
            return whole + (frac or "")
        if scale and abs(n * _SCALE[scale.strip().lower()] - target) < 1e-9:
            return whole + (frac or "") + scale.strip()
    for w in _WORD.findall(text):
        if abs(WORD_NUMBERS[w.lower()] - target) < 1e-9:
            return str(WORD_NUMBERS[w.lower()])
    return None


GRADE_PATTERNS = {
    "Outstanding": r"\boutstanding\b",
    "Good": r"\bgood\b",
    "Adequate": r"\badequate\b",
    "Requires improvement": r"\brequir\w*\s+improvement\b",
    "Inadequate": r"\binadequate\b",
}


def states_grade(text: str, grade: str) -> bool:
    return re.search(GRADE_PATTERNS[grade], text, re.IGNORECASE) is not None


def _month_pattern(m: int) -> str:
    full = calendar.month_name[m]
    abbr = calendar.month_abbr[m]
    alts = {full, abbr + r"\.?"} | ({"Sept\\.?"} if m == 9 else set())
    return "(?:" + "|".join(sorted(alts, key=len, reverse=True)) + ")"


def states_date(text: str, d: date, precision: str, context_year: int | None = None) -> bool:
    """Is the date written in the text? The year may be left out only where it is the year of
    the document itself (`context_year`), as in a statement dated "today (21 May)"."""
    mon = _month_pattern(d.month)
    day = rf"0?{d.day}(?:st|nd|rd|th)?"
    year = str(d.year)
    patterns = [
        rf"\b{day}\s+(?:of\s+)?{mon}\b,?\s+{year}\b",
        rf"\b{mon}\s+{day},?\s+{year}\b",
        rf"\b0?{d.day}/0?{d.month}/(?:{year}|{year[2:]})\b",
        rf"\b{d.isoformat()}\b",
    ]
    if precision == "month":
        patterns.append(rf"\b{mon}\s+{year}\b")
        # the first month of a window: "between September and November 2015"
        patterns.append(rf"\b{mon}\s+(?:and|to|–|-)\s+\w+\.?\s+{year}\b")
    if precision == "year":  # only the year is known: written, or "this year" in its own year
        patterns = [rf"\b{year}\b"] + ([r"\bthis\s+year\b"] if context_year == d.year else [])
    elif context_year == d.year:
        patterns.append(rf"\b{day}\s+(?:of\s+)?{mon}\b" if precision == "day" else rf"\b{mon}\b")
    return any(re.search(p, text, re.IGNORECASE) for p in patterns)
