"""The words generators (pfcc/text/words.py) over every period label in the data, and the house
style
they keep (docs/style-guide.md): no brackets inside brackets, no empty period, every 'about' and
'around' and every year kept, no start date invented, titles of at most 90 characters."""

import re
from datetime import date, timedelta

import pandas as pd
import pytest

from pfcc.paths import DATA_DIR
from pfcc.text.formatting import fmt_date, fmt_value
from pfcc.text.words import (
    TITLE_LIMIT,
    aside,
    bracket_depth,
    clean_label,
    count_text,
    date_text,
    first_fitting,
    fit_title,
    flatten,
    join_clauses,
    nothing_title,
    one_level,
    period_phrase,
    period_text,
    sentence,
    series_of,
    title_problems,
)


def _periods() -> list[tuple[str, str | None, str | None, str]]:
    """Every row's (period_label, period_start, period_end, file) in data/measures, once each."""
    seen, out = set(), []
    for path in sorted((DATA_DIR / "measures").glob("*.csv")):
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        for label, start, end in zip(df["period_label"], df["period_start"], df["period_end"]):
            key = (label, start or None, end or None)
            if key not in seen:
                seen.add(key)
                out.append((*key, path.name))
    return out


PERIODS = _periods()
YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
HEDGE = re.compile(r"\b(about|around)\b", re.IGNORECASE)


def test_the_data_has_period_labels_to_check():
    assert len(PERIODS) > 50
    assert any(start is None for _, start, _, _ in PERIODS)  # labels with no start date
    assert any(HEDGE.search(label) for label, _, _, _ in PERIODS)  # and hedged labels


@pytest.mark.parametrize(("label", "start", "end", "file"), PERIODS, ids=lambda v: str(v)[:40])
def test_every_period_in_the_data_is_written_cleanly(label, start, end, file):
    text = period_text(label, start, end)
    assert text.strip(), "no empty period"
    assert "(" not in text and ")" not in text, f"{file}: brackets left in {text!r}"
    assert "nan" not in text.lower().split() and "NaT" not in text
    phrase = period_phrase(label, start, end)
    assert phrase is None or (phrase.strip() and bracket_depth(phrase) == 0)
    # in a summary the period sits in one pair of brackets: never deeper
    assert bracket_depth(f"from 7.41 seconds ({text})") == 1


@pytest.mark.parametrize(("label", "start", "end", "file"), PERIODS, ids=lambda v: str(v)[:40])
def test_about_and_around_are_kept(label, start, end, file):
    text = period_text(label, start, end)
    for word in HEDGE.findall(label):
        assert re.search(rf"\b{word}\b", text, re.IGNORECASE), f"{file}: {word!r} lost: {text!r}"


@pytest.mark.parametrize(("label", "start", "end", "file"), PERIODS, ids=lambda v: str(v)[:40])
def test_the_year_is_kept(label, start, end, file):
    text = period_text(label, start, end)
    if start and end and not HEDGE.search(label):  # written from the dates
        e = pd.Timestamp(end)
        assert str(e.year) in text or f"{e.year - 1}/{str(e.year)[2:]}" in text, text
    else:
        for m in YEAR.finditer(label):
            assert m.group(0) in text, f"{file}: year {m.group(0)} lost from {label!r}: {text!r}"


@pytest.mark.parametrize(("label", "start", "end", "file"), PERIODS, ids=lambda v: str(v)[:40])
def test_no_start_date_is_invented(label, start, end, file):
    """Without a start date the period is the label's own words, whatever the end date."""
    if start:
        return
    assert period_text(label, None, end) == clean_label(label)
    # and it names no year the label does not
    assert set(m.group(0) for m in YEAR.finditer(period_text(label, None, end))) <= set(
        m.group(0) for m in YEAR.finditer(label)
    )


@pytest.mark.parametrize(
    ("label", "start", "end", "expected"),
    [
        ("April (2023)", "2023-04-01", "2023-04-30", "April 2023"),
        ("the three months up to March (2024)", "2024-01-01", "2024-03-31", "Jan to Mar 2024"),
        ("2024 ('last year')", "2024-01-01", "2024-12-31", "2024"),
        ("1 January to 31 December 2021", "2021-01-01", "2021-12-31", "2021"),
        ("the previous year (year ending March 2017)", "2016-04-01", "2017-03-31", "2016/17"),
        ("April 2024 to March 2025", "2024-04-01", "2025-03-31", "2024/25"),
        ("12 months to 30 June 2015", "2014-07-01", "2015-06-30", "year ending June 2015"),
        (
            "the previous 12 months (before December 2020 to November 2021)",
            "2019-12-01",
            "2020-11-30",
            "year ending November 2020",
        ),
        (
            "Friday, December 23, to Tuesday, January 3",
            "2022-12-23",
            "2023-01-03",
            "23 December 2022 to 3 January 2023",
        ),
        ("a fortnight", "2024-05-06", "2024-05-19", "6 to 19 May 2024"),
        ("a spring", "2024-02-01", "2024-04-30", "February to April 2024"),
        ("a day", "2024-05-21", "2024-05-21", "21 May 2024"),
        # the label's own words where the dates do not define the period
        (
            "the last three months (to about March 2025)",
            None,
            "2025-04-06",
            "the last 3 months to about March 2025",
        ),
        (
            "the past 12 months (to July 2023)",
            None,
            "2023-07-05",
            "the past 12 months to July 2023",
        ),
        ("2012-Jan 2016 (since April 2012)", None, "2016-01-31", "April 2012 to January 2016"),
        (
            "not stated (report published September 2022)",
            None,
            "2022-09-01",
            "period not stated, report published September 2022",
        ),
        (
            "inspection published 27/3/2025",
            None,
            "2025-03-27",
            "inspection published 27 March 2025",
        ),
        ("12 months to 30 June 2015", None, "2015-06-30", "year ending June 2015"),
        (
            "the year covered by our inspection",
            None,
            "2022-09-01",
            "the year covered by the inspection",
        ),
        # a hedged label is never rewritten from its dates
        ("around April 2024", "2024-04-01", "2024-04-30", "around April 2024"),
        (None, None, None, "period not stated"),
        ("", None, "2024-01-01", "period not stated"),
    ],
)
def test_period_text(label, start, end, expected):
    assert period_text(label, start, end) == expected


def test_period_text_takes_timestamps_and_missing_values():
    assert period_text("April (2023)", pd.Timestamp("2023-04-01"), pd.Timestamp("2023-04-30")) == (
        "April 2023"
    )
    assert period_text("2020/21", pd.NaT, pd.Timestamp("2021-03-31")) == "2020/21"
    assert period_text("2020/21", float("nan"), None) == "2020/21"


def test_period_phrases_follow_a_figure():
    assert period_phrase("August (2022)", "2022-08-01", "2022-08-31") == "in August 2022"
    assert period_phrase("x", "2014-07-01", "2015-06-30") == "in the year ending June 2015"
    assert period_phrase("x", "2022-12-23", "2023-01-03") == (
        "from 23 December 2022 to 3 January 2023"
    )
    assert period_phrase("the last three months (to about March 2025)", None, "2025-04-06") == (
        "in the last 3 months to about March 2025"
    )
    assert period_phrase("now (statement of 21 May 2024)", None, "2024-05-21") is None


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (date(2024, 5, 21), "day", "21 May 2024"),
        ("2015-03-01", "day", "1 March 2015"),
        (pd.Timestamp("2022-07-01"), "month", "July 2022"),
        (date(2022, 7, 1), "year", "2022"),
        (None, "day", "date not stated"),
        (pd.NaT, "day", "date not stated"),
    ],
)
def test_date_text(value, precision, expected):
    assert date_text(value, precision) == expected
    assert fmt_date(value, precision) == expected  # the one way dates are written


def test_brackets_never_nest():
    assert flatten("a (b (c) d)") == "a, b, c, d"
    assert one_level("from 11.3 s (the previous 12 months (before December 2020))") == (
        "from 11.3 s (the previous 12 months, before December 2020)"
    )
    assert aside("Title (title from the page address)") == "(Title, title from the page address)"
    joined = join_clauses("a (b (c))", "", None, "d (e)")
    assert joined == "a (b, c); d (e)" and bracket_depth(joined) == 1
    assert sentence("rose by 3", "fell by 2") == "Rose by 3; fell by 2."
    assert bracket_depth("a (b (c))") == 2 and bracket_depth("none") == 0


def test_counts_and_lists():
    assert count_text(1, "area") == "1 area"
    assert count_text(3, "area") == "3 areas"
    assert count_text(2, "cause of concern", "causes of concern") == "2 causes of concern"
    assert series_of(["a"]) == "a"
    assert series_of(["a", "b", "c"]) == "a, b and c"  # no serial comma


def test_fit_title():
    assert fit_title("Average 999 answer time: 7.41 seconds, down from a peak of 40.4 seconds")
    assert not fit_title("x" * (TITLE_LIMIT + 1))
    assert fit_title("x" * TITLE_LIMIT)
    assert not fit_title("a (b (c))")
    assert not fit_title("")
    assert not fit_title("Average 999 answer time: 7.41 s at the latest figure")
    assert title_problems("y" * 91) == ["91 characters, more than 90"]


def test_first_fitting_gives_the_fullest_title_that_fits():
    long = "a" * 95
    assert first_fitting(None, long, "short and true", "short") == "short and true"
    assert first_fitting("fits") == "fits"
    assert first_fitting(long, "b" * 92) == "b" * 92  # none fits: the shortest, for a test to see


def test_a_title_with_nothing_to_show_says_so_in_a_sentence():
    title = nothing_title("inspection grades", date(2020, 1, 1))
    assert title == "No inspection grades had been published by 1 January 2020"
    assert fit_title(title) and not re.search(r"\b0\b", title)
    later = nothing_title("inspection grades", date.today() + timedelta(days=1))
    assert later == "The sources give no inspection grades for this selection"
    assert nothing_title("999 figures") == "The sources give no 999 figures for this selection"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((7.41, "seconds"), "7.41 seconds"),
        ((1, "seconds"), "1 second"),
        ((16, "minutes"), "16 minutes"),
        ((10, "seconds", "less than"), "less than 10 seconds"),
        ((85, "percent"), "85%"),
    ],
)
def test_units_are_written_one_way(args, expected):
    assert fmt_value(*args) == expected
