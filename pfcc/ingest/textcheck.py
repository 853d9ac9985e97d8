"""How a figure, grade or date is recognised inside its verbatim quote.

Deliberately literal: a quote either states the figure or it does not. The only leniencies are
the ones a reader would grant: thousands separators, trailing zeros, small numbers and ordinals
written as words, and the usual ways of writing a date."""

from __future__ import annotations

import calendar
import difflib
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


# Typographic variants a copy may swap, each for one character so positions stay aligned.
_VARIANTS = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
     "\u2033": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"}
)  # fmt: skip
NEAR = 12  # characters in common below which a quote is not near anything in its document


def _plain(text: str) -> str:
    """Typographic variants straightened and case ignored, one character for one."""
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_VARIANTS)


def fold_lines(raw: str) -> tuple[str, list[int]]:
    """`fold(raw)` and, for each of its characters, the line of `raw` it comes from."""
    parts: list[str] = []
    lines: list[int] = []
    line, at = 1, 0
    for m in re.finditer(r"\S+", raw):
        line += raw.count("\n", at, m.start())
        at = m.start()
        if parts:
            parts.append(" ")
            lines.append(line)
        parts.append(m.group())
        lines.extend([line] * len(m.group()))
    return "".join(parts), lines


def _longest(pq: str, pd: str, tail: bool = False) -> int:
    """How many characters of the quote's opening (or its ending) the document holds."""
    lo, hi = 0, len(pq)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        part = pq[-mid:] if tail else pq[:mid]
        lo, hi = (mid, hi) if part in pd else (lo, mid - 1)
    return lo


def _first_difference(q: str, window: str, tail: bool) -> tuple[int, int, str]:
    """The quote's character, the window's, and how they differ, where the quote and the
    document's text around its near match first part (from the matching end inwards)."""
    ops = [
        op
        for op in difflib.SequenceMatcher(None, q, window, autojunk=False).get_opcodes()
        if op[0] != "equal" and not (op[0] == "insert" and op[1] == (0 if tail else len(q)))
    ]
    tag, i1, i2, j1, j2 = ops[-1] if tail else ops[0]
    if tag == "replace" and not tail and i2 == len(q):  # the window's text past the quote's end
        j2 = j1 + i2 - i1
    elif tag == "replace" and tail and i1 == 0:  # and before its start
        j1 = j2 - (i2 - i1)
    if tag == "replace":
        how = f"the document has {window[j1:j2][:20]!r}, the quote has {q[i1:i2][:20]!r}"
    elif tag == "delete":
        how = f"the quote has {q[i1:i2][:20]!r}, the document does not"
    else:
        how = f"the document has {window[j1:j2][:20]!r}, the quote does not"
    return i1, j1, how


def near_miss(quote: str, raw: str) -> str:
    """Where a quote not in its document nearly matches it, and the first character that differs
    (typographic quotes and dashes, case, a word changed); else that nothing in it is near."""
    q = fold(quote)
    doc, lines = fold_lines(raw)
    pq, pd = _plain(q), _plain(doc)
    head, tail = _longest(pq, pd), _longest(pq, pd, tail=True)
    if max(head, tail) < min(NEAR, len(pq)):
        return (
            f"nothing like it is in the document (the longest opening found is {q[:head]!r}):"
            " copy the quote from the document, or name the document it comes from"
        )
    if head >= tail:
        start = pd.find(pq[:head])
        window = doc[start : start + len(q) + 40]
    else:
        end = pd.find(pq[-tail:]) + tail
        start = max(0, end - len(q) - 40)
        window = doc[start:end]
    i, j, how = _first_difference(q, window, tail=head < tail)
    line = lines[min(start + j, len(lines) - 1)] if lines else 1
    return (
        f"nearest match at line {line} of the document; character {i + 1} of the quote: {how}"
        " (copy the quote as the document writes it)"
    )
