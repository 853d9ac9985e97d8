"""The words every story writes, in the house style (docs/style-guide.md): dates as "21 May 2024";
periods as "April 2023", "Jan to Mar 2025", "year ending March 2025" or "2014/15"; clauses joined
without brackets inside brackets; titles of one message in at most 90 characters.

Pure: strings, dates and pandas timestamps in, strings out. No Streamlit, no database."""

from __future__ import annotations

import calendar
import re
from datetime import date

import pandas as pd

TITLE_LIMIT = 90
MONTHS = list(calendar.month_name)[1:]  # "January" …
SHORT_MONTHS = list(calendar.month_abbr)[1:]  # "Jan" …
# words that say a period is approximate: a label carrying one is never rewritten from dates
HEDGES = re.compile(
    r"\b(about|around|approximately|roughly|nearly|almost|some|circa|c\.)\b", re.IGNORECASE
)
NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
}
_MONTH = "|".join(MONTHS)


# -- dates ---------------------------------------------------------------------------------


def _ts(d) -> pd.Timestamp | None:
    """A timestamp, or None for anything empty (None, NaT, NaN, "")."""
    if d is None or (isinstance(d, str) and not d.strip()):
        return None
    try:
        if pd.isna(d):
            return None
    except (TypeError, ValueError):
        pass
    try:
        return pd.Timestamp(d)
    except (TypeError, ValueError):
        return None


def date_text(d, precision: str = "day") -> str:
    """'21 May 2024'; 'May 2024' where only the month is known; '2024' for a year. No leading
    zero, no weekday, no ordinal ('21st'): GOV.UK style."""
    t = _ts(d)
    if t is None:
        return "date not stated"
    if precision == "year":
        return str(t.year)
    if precision == "month":
        return f"{MONTHS[t.month - 1]} {t.year}"
    return f"{t.day} {MONTHS[t.month - 1]} {t.year}"


def by_date(as_of) -> str:
    """'by 1 January 2020': how a sentence about an as-presented date ends."""
    return f"by {date_text(as_of)}"


# -- periods -------------------------------------------------------------------------------


def _month_start(t: pd.Timestamp) -> bool:
    return t.day == 1


def _month_end(t: pd.Timestamp) -> bool:
    return t.day == calendar.monthrange(t.year, t.month)[1]


def _fy(start: pd.Timestamp, end: pd.Timestamp) -> str:
    return f"{start.year}/{str(end.year)[2:]}"


def _from_dates(s: pd.Timestamp, e: pd.Timestamp) -> str | None:
    """The period the dates define, where they define a whole month, quarter, year or span."""
    if e < s:
        return None
    if _month_start(s) and _month_end(e):
        months = (e.year - s.year) * 12 + e.month - s.month + 1
        if months == 1:
            return f"{MONTHS[e.month - 1]} {e.year}"
        if months == 12 and s.month == 1:
            return str(e.year)
        if months == 12 and s.month == 4:  # a financial year, April to March: one form always
            return _fy(s, e)
        if months == 12:
            return f"year ending {MONTHS[e.month - 1]} {e.year}"
        if months == 3 and s.month in (1, 4, 7, 10):  # a calendar quarter
            return f"{SHORT_MONTHS[s.month - 1]} to {SHORT_MONTHS[e.month - 1]} {e.year}"
        if s.year == e.year:
            return f"{MONTHS[s.month - 1]} to {MONTHS[e.month - 1]} {e.year}"
        return f"{MONTHS[s.month - 1]} {s.year} to {MONTHS[e.month - 1]} {e.year}"
    if s == e:
        return date_text(s)
    if s.year == e.year and s.month == e.month:
        return f"{s.day} to {date_text(e)}"
    if s.year == e.year:
        return f"{s.day} {MONTHS[s.month - 1]} to {date_text(e)}"
    return f"{date_text(s)} to {date_text(e)}"


def _numeric_date(m: re.Match) -> str:
    day, month, year = (int(g) for g in m.groups())
    try:
        return date_text(date(year, month, day))
    except ValueError:
        return m.group(0)  # not a date after all: left as written


def _year_ending(m: re.Match) -> str:
    """'year ending June 2015' where the label's 12 months end with a month (or its last day)."""
    day, month, year = m.group(1).strip(), m.group(2), int(m.group(3))
    last = calendar.monthrange(year, MONTHS.index(month) + 1)[1]
    if day and int(day) != last:
        return m.group(0)  # ends mid-month: left as written
    return f"year ending {month} {year}"


# Rewrites of the data's own labels, most specific first. Each keeps every word that carries
# meaning (and every year, and "about"/"around"); only brackets and internal shorthand go.
_REWRITES: list[tuple[re.Pattern, object]] = [
    # "27/3/2025" -> "27 March 2025"
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), _numeric_date),
    # "2012-Jan 2016 (since April 2012)" -> "April 2012 to January 2016"
    (
        re.compile(rf"^(\d{{4}})-([A-Z][a-z]{{2}}) (\d{{4}}) \(since ({_MONTH}) \1\)$"),
        lambda m: (
            f"{m.group(4)} {m.group(1)} to {MONTHS[SHORT_MONTHS.index(m.group(2))]} {m.group(3)}"
        ),
    ),
    # "not stated (statement of …)" -> "period not stated, statement of …"
    (re.compile(r"^not stated \((.+)\)$"), r"period not stated, \1"),
    # "(to a report of May 2023)" -> ", reported May 2023"
    (re.compile(r"\s*\(to a report of ([^()]+)\)"), r", reported \1"),
    # "the past 12 months (to July 2023)" -> "the past 12 months to July 2023"
    (re.compile(r"\s*\((to [^()]+)\)"), r" \1"),
    # "April (2023)" -> "April 2023"
    (re.compile(rf"\b({_MONTH}) \((\d{{4}})\)"), r"\1 \2"),
    # "as advised to the inspectorate (2022)" -> "as advised to the inspectorate in 2022"
    (re.compile(r"\s*\((\d{4})\)"), r" in \1"),
    # "12 months to 30 June 2015" -> "year ending June 2015" (the same 12 months, GOV.UK words)
    (
        re.compile(
            r"^(?:the )?(?:(?:12 months|year) to|year ending) (?:the end of )?"
            rf"((?:\d{{1,2}} )?)({_MONTH}) (\d{{4}})$"
        ),
        lambda m: _year_ending(m),
    ),
    # the source's voice is not ours
    (re.compile(r"\bour inspection\b"), "the inspection"),
    # numerals for numbers: "three months" -> "3 months"
    (
        re.compile(
            r"\b(" + "|".join(NUMBER_WORDS) + r")(?=[ -](months?|years?|weeks?|days?)\b)",
            re.IGNORECASE,
        ),
        lambda m: NUMBER_WORDS[m.group(1).lower()],
    ),
]


def flatten(text: str) -> str:
    """The text with no brackets at all: each bracketed aside becomes a clause after a comma
    ('A (B (C))' -> 'A, B, C'). Empty brackets go."""
    out = text
    while "(" in out or ")" in out:
        new = re.sub(
            r"\s*\(([^()]*)\)(?=(\s*\w)?)",
            lambda m: (f", {m.group(1)}" + ("," if m.group(2) else "")) if m.group(1) else "",
            out,
        )
        if new == out:  # unbalanced: drop the stray bracket
            new = out.replace("(", "").replace(")", "")
        out = new
    return _tidy(out)


def one_level(text: str) -> str:
    """The text with brackets at most one deep: anything inside an inner pair is flattened."""
    out, depth, inner = [], 0, []
    for ch in text:
        if ch == "(":
            depth += 1
            if depth == 1:
                out.append(ch)
                continue
        if ch == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append(flatten("".join(inner)).strip(", "))
                inner = []
                out.append(ch)
                continue
        (inner if depth else out).append(ch)
    out.extend(inner)
    return _tidy("".join(out))


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,;:.)])", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r",\s*;", ";", text)
    return text.strip().strip(",;").strip()


def clean_label(label) -> str:
    """The data's own period label, cleaned: no brackets, numerals, dates in GOV.UK form. It
    keeps every year and every 'about' or 'around', and adds nothing the label does not say."""
    if label is None or (not isinstance(label, str) and pd.isna(label)):
        return "period not stated"
    text = re.sub(r"\s+", " ", str(label)).strip()
    if not text:
        return "period not stated"
    for pattern, repl in _REWRITES:
        text = pattern.sub(repl, text)
    return flatten(text) or "period not stated"


def period_text(period_label, period_start=None, period_end=None) -> str:
    """A period as a reader needs it. Where the dates define a whole month, quarter, year or a
    clear span and the label does not hedge ('about', 'around'), it is written from the dates:
    'April 2023', 'Jan to Mar 2024', '2024', '2021/22' (April to March), 'year ending June
    2015', '23 December 2022 to 3 January 2023'. Otherwise it is the label, cleaned
    (`clean_label`): a label with no start date never gains one."""
    label = "" if period_label is None or not isinstance(period_label, str) else period_label
    s, e = _ts(period_start), _ts(period_end)
    if s is not None and e is not None and not HEDGES.search(label):
        structured = _from_dates(s, e)
        if structured:
            return structured
    return clean_label(period_label)


def period_phrase(period_label, period_start=None, period_end=None) -> str | None:
    """The period as a phrase that follows a figure in a sentence ('in April 2023', 'in the year
    ending June 2015', 'from 23 December 2022 to 3 January 2023'), or None where the label
    cannot be read that way (a title then leaves the period to the summary and table)."""
    text = period_text(period_label, period_start, period_end)
    s, e = _ts(period_start), _ts(period_end)
    structured = (
        s is not None
        and e is not None
        and not HEDGES.search(period_label or "")
        and _from_dates(s, e) == text
    )
    if structured:
        if s == e:
            return f"on {text}"
        if text.startswith("year ending"):
            return f"in the {text}"
        if re.match(r"^\d{1,2} ", text):  # a span of days
            return f"from {text}"
        return f"in {text}"
    if "," in text or ";" in text:
        return None
    if text.startswith("year ending "):
        return f"in the {text}"
    if text.startswith("the "):
        return f"in {text}"
    if re.match(r"^(over|in|since|as at|before|during) ", text):
        return text
    if re.fullmatch(r"(\d{4}|\d{4}/\d{2}|[A-Z][a-z]+ \d{4})", text):
        return f"in {text}"
    return None


# -- sentences and titles ------------------------------------------------------------------


def bracket_depth(text: str) -> int:
    """How deep the brackets go: 0 none, 1 '(a)', 2 '(a (b))'."""
    depth = deepest = 0
    for ch in text:
        if ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch == ")":
            depth = max(depth - 1, 0)
    return deepest


def aside(text: str) -> str:
    """'(text)': a bracketed aside whose own brackets are flattened, so it never nests."""
    inner = flatten(text)
    return f"({inner})" if inner else ""


def join_clauses(*clauses, sep: str = "; ") -> str:
    """Clauses joined by `sep`, empty ones dropped, none with brackets inside brackets."""
    parts = [one_level(str(c)).strip() for c in clauses if c is not None and str(c).strip()]
    return sep.join(p for p in parts if p)


def sentence(*clauses, sep: str = "; ") -> str:
    """Clauses joined into one sentence: a capital first and one full stop at the end."""
    text = join_clauses(*clauses, sep=sep).rstrip(".")
    return (text[:1].upper() + text[1:] + ".") if text else ""


def count_text(n: int, singular: str, plural: str | None = None) -> str:
    """'1 area', '3 areas': numerals, with the noun agreeing."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def series_of(items, last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c': no serial comma (GOV.UK)."""
    items = [str(i) for i in items if str(i)]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def capitalise(text: str) -> str:
    """The first letter a capital, the rest as written ('999 calls' stays, 'the' -> 'The')."""
    return text[:1].upper() + text[1:] if text else text


def title_problems(text: str) -> list[str]:
    """What keeps a title from being read aloud as one message: too long, brackets inside
    brackets, empty, internal words."""
    problems = []
    if not text or not text.strip():
        problems.append("empty")
    if len(text) > TITLE_LIMIT:
        problems.append(f"{len(text)} characters, more than {TITLE_LIMIT}")
    if bracket_depth(text) > 1:
        problems.append("brackets inside brackets")
    for word in ("at the latest figure", "period_label", "value_text", "series", "nan", "NaT"):
        if re.search(rf"\b{re.escape(word)}\b", text):
            problems.append(f"internal word: {word!r}")
    return problems


def fit_title(text: str) -> bool:
    """True where `text` is a title fit for a projector: at most 90 characters, not empty,
    no brackets inside brackets, no internal words."""
    return not title_problems(text)


def first_fitting(*candidates: str | None) -> str:
    """The first candidate that is a fit title: give the fullest true message first and
    shorter true ones after it. If none fits, the shortest (a test will say so)."""
    given = [one_level(c) for c in candidates if c]
    for c in given:
        if fit_title(c):
            return c
    return min(given, key=len) if given else ""


def nothing_title(what: str, as_of=None, past: bool | None = None) -> str:
    """The title of a chart with nothing to draw: 'No inspection grades had been published by
    1 January 2020' on an as-presented date; 'The sources give no … for this selection'
    otherwise. Never a count of zero, never a figure from later."""
    if past is None:
        past = as_of is not None and _ts(as_of) < pd.Timestamp(date.today())
    if past:
        return first_fitting(
            f"No {what} had been published {by_date(as_of)}",
            f"None had been published {by_date(as_of)}",
        )
    return first_fitting(f"The sources give no {what} for this selection", "No figures")
