"""One message per screen: every chart of every page and slide, today and as presented at past
meetings, says in its title only what its table holds, and its title and summary agree on the
periods and values both name. A title that compares 2015/16 with 2024/25 over a summary that
compares 2014/15 with 2025/26 is two stories on one screen."""

import re
from datetime import date

import pandas as pd
import pytest

from pfcc import registry

DATES = [None, date(2023, 1, 26), date(2024, 6, 1), date(2026, 9, 1)]
SCREENS = [(f"page:{c.key}", c, False) for p in registry.PAGES for c in p.charts] + [
    (f"slide:{s.key}", s.chart, True) for s in registry.slides() if s.chart is not None
]
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
# Spans of a title that are dates or names, not figures: financial years, PEEL 2023–25, days,
# months and years.
NOT_FIGURES = re.compile(
    rf"\b\d{{4}}/\d{{2}}\b|\b\d{{4}}[–-]\d{{2}}\b|\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b"
    rf"|\b(?:{MONTHS}) \d{{4}}\b|\b(?:19|20)\d{{2}}\b"
)
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
VALUE = r"(\d[\d,]*(?:\.\d+)?)(?:%| seconds| minutes| per 100)?"


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(NOT_FIGURES.sub(" ", text))}


def _table_text(spec) -> str:
    shown = spec.table[[c for c in spec.columns if c in spec.table]]
    return " ".join(str(v) for v in shown.astype(str).to_numpy().ravel())


def _periods(spec) -> list[str]:
    """Every period label the chart's table names, longest first (so '2025/26, provisional' is
    read before '2025/26')."""
    found: set[str] = set()
    for col in ("period_label", "period_text", "year_text", "financial_year"):
        if col in spec.table:
            found |= {str(v) for v in spec.table[col].dropna()}
    return sorted(found, key=len, reverse=True)


def _pairs(text: str, periods: list[str], pattern: str) -> dict[str, set[float]]:
    """{period: values} for each value the text attaches to a period, in `pattern`'s form."""
    out: dict[str, set[float]] = {}
    for p in periods:
        for m in re.finditer(pattern.format(value=VALUE, period=re.escape(p)), text):
            out.setdefault(p, set()).add(float(m.group(1).replace(",", "")))
    return out


def _span(text: str, pattern: str) -> list[tuple[str, str]]:
    return re.findall(pattern, text)


def _check(key: str, spec) -> list[str]:
    problems = []
    if spec.empty:
        return problems
    table = _table_text(spec)
    table_numbers = {n.replace(",", "") for n in NUMBER.findall(table)}
    # numbers of the measure's name ('999', 'within 10 seconds') are in its subtitle
    for n in sorted(_numbers(spec.title) - table_numbers - _numbers(spec.subtitle)):
        if not _counted(n, spec):
            problems.append(f"{key}: {n} in the title is not in the table: {spec.title!r}")
    periods = _periods(spec)
    said = _pairs(spec.title, periods, r"{value} in {period}\b")
    summed = _pairs(spec.summary, periods, r"{value} \({period}\)")
    for period, values in said.items():
        if period in summed and not values & summed[period]:
            problems.append(
                f"{key}: title gives {sorted(values)} for {period}, summary "
                f"{sorted(summed[period])}"
            )
    # a title's "from … in P1 to … in P2" is a comparison the summary makes too, if it makes any
    alt = "|".join(re.escape(p) for p in periods) or r"\b\B"
    title_span = _span(spec.title, rf"from {VALUE} in ({alt}) to {VALUE} in ({alt})")
    summary_spans = _span(spec.summary, rf"from {VALUE} \(({alt})\) to {VALUE} \(({alt})\)")
    if title_span and summary_spans:
        first, last = title_span[0][1], title_span[0][3]
        if not any((s[1], s[3]) == (first, last) for s in summary_spans):
            problems.append(
                f"{key}: title compares {first} with {last}; the summary compares "
                f"{sorted({(s[1], s[3]) for s in summary_spans})}"
            )
    return problems


def _counted(n: str, spec) -> bool:
    """A count a title states ('3 areas graded inadequate', '8 of 8 recommendations') is a
    number of the table's rows, or a part of one: it must be no more than the rows shown."""
    return float(n).is_integer() and int(float(n)) <= len(spec.table)


@pytest.mark.parametrize("as_of", DATES, ids=[str(d or "today") for d in DATES])
def test_titles_say_what_tables_hold_and_summaries_agree(built_db, as_of):
    problems = []
    for key, chart, slide in SCREENS:
        spec = (
            chart.story(**chart.slide_args, projector=True, as_of=as_of)
            if slide
            else chart.story(as_of=as_of)
        )
        problems += _check(key, spec)
    assert not problems, "\n".join(problems)


def test_the_check_catches_two_stories():
    """The check itself can fail: a title over a summary that compares other years."""

    class Spec:
        empty = False
        subtitle = "Charged or summonsed as a share of recorded offences"
        title = "Staffordshire's charge rate fell from 16.2% in 2015/16 to 9.9% in 2024/25"
        summary = (
            "Staffordshire fell by 8.6 percentage points, from 17.6% (2014/15) to 8.9% (2025/26)."
        )
        table = pd.DataFrame(
            {
                "period_label": ["2014/15", "2015/16", "2024/25", "2025/26"],
                "value_text": ["17.6%", "16.2%", "9.9%", "8.9%"],
            }
        )
        columns = {"period_label": "Year", "value_text": "Rate"}

    problems = _check("made-up", Spec())
    assert any("title compares 2015/16 with 2024/25" in p for p in problems), problems
    Spec.title = "Staffordshire's charge rate was 12.5% in 2024/25"
    Spec.summary = "Staffordshire: 9.9% (2024/25)."
    problems = _check("made-up", Spec())
    assert any("12.5 in the title is not in the table" in p for p in problems), problems
    assert any("title gives [12.5] for 2024/25" in p for p in problems), problems
