"""pfcc.ingest.textcheck on passages from data/ and on the near misses it must refuse: a figure
inside a
bigger number, a word inside a longer word, a day inside a longer day."""

from datetime import date

import pytest

from pfcc.ingest.textcheck import (
    fold,
    fold_lines,
    near_miss,
    states_date,
    states_grade,
    states_number,
    written_number,
)

# Quotes as they stand in data/measures, data/milestones and data/grades.
FIGURE4 = (
    "Charged/Summonsed Staffordshire Police Number of outcomes Rate England and Wales "
    "Number of outcomes Rate 10,606 17.0 577,678 16.0"
)
CALLS_101 = "Staffordshire Police 1,124,397 145,735 12.96%"
RECORDING = (
    "We estimate that Staffordshire Police is recording 88.4 percent (with a confidence "
    "interval of +/- 2.8 percent)"
)
NINE_SECONDS = "Our average time to answer 999 calls in August was nine seconds"
CALLS_A_DAY = (
    "the force answered 78 per cent of the 350 999 calls-a-day it receives within 10 "
    "seconds in July"
)
NOT_RECORDED = "approximately 6,700 crimes"
SAVINGS = "has achieved savings of £1m over t"
RANKED = "Staffordshire was ranked the ninth worst in the country"
FIELDWORK = "HMIC inspected forces on questions 1, 2 and 4 between September and November 2015."
ENGAGE_EXIT = (
    "Staffordshire Police has been removed from the enhanced monitoring process called "
    "'Engage', following improvements in our service. The decision was made today "
    "(Tuesday 21 May)"
)
PUBLISHED = "Published Date 27/3/2025"
INADEQUATE = "Staffordshire Police is inadequate at responding to the public."


def test_fold_makes_every_run_of_white_space_one_space():
    assert fold("  recorded\n 88.4\tpercent \r\n of crime  ") == "recorded 88.4 percent of crime"
    assert fold("force\u00a0’s\u2003view") == "force ’s view"  # no-break and em spaces fold
    assert fold("force’s") == "force’s"  # nothing else is normalised: the apostrophe stays


@pytest.mark.parametrize(
    "text,value,written",
    [
        (FIGURE4, 17, "17.0"),  # trailing zero
        (FIGURE4, 10606, "10,606"),
        (FIGURE4, 577678, "577,678"),
        (CALLS_101, 1124397, "1,124,397"),
        (CALLS_101, 12.96, "12.96"),  # before a percent sign
        (RECORDING, 88.4, "88.4"),
        (RECORDING, 2.8, "2.8"),
        (NINE_SECONDS, 9, "9"),  # a word
        (NINE_SECONDS, 999, "999"),
        (CALLS_A_DAY, 350, "350"),
        (CALLS_A_DAY, 78, "78"),
        (NOT_RECORDED, 6700, "6,700"),
        ("6700 crimes", 6700, "6700"),
        (SAVINGS, 1_000_000, "1m"),  # a scale word
        (RANKED, 9, "9"),  # an ordinal
    ],
)
def test_a_stated_figure_is_found_as_written(text, value, written):
    assert states_number(text, value)
    assert written_number(text, value) == written


@pytest.mark.parametrize(
    "text,value",
    [
        (NOT_RECORDED, 700),  # only inside 6,700
        (NOT_RECORDED, 6),
        (NOT_RECORDED, 6.7),
        (CALLS_101, 124),  # inside 1,124,397
        (CALLS_101, 397),
        (CALLS_101, 96),  # the decimals of 12.96
        (RECORDING, 88),  # 88.4 is not 88
        (RECORDING, 4),
        (CALLS_A_DAY, 35),  # inside 350
        (CALLS_A_DAY, 99),  # inside 999
        (CALLS_A_DAY, 350999),  # two numbers side by side are not one
        (FIGURE4, 16.5),
        (NINE_SECONDS, 90),
        ("ninety calls", 9),  # 'nine' only inside 'ninety'
        ("none of them", 1),  # 'one' only inside 'none'
        ("the 2,8 figure", 2.8),
    ],
)
def test_a_figure_inside_a_bigger_number_or_word_is_not_stated(text, value):
    assert not states_number(text, value)
    assert written_number(text, value) is None


def test_ninety_is_ninety():
    assert written_number("ninety calls", 90) == "90"


@pytest.mark.parametrize(
    "text,day,precision,context_year",
    [
        ("it entered Engage on 6 July 2022", date(2022, 7, 6), "day", None),
        ("on 6th of July, 2022", date(2022, 7, 6), "day", None),
        ("on July 6, 2022", date(2022, 7, 6), "day", None),
        (PUBLISHED, date(2025, 3, 27), "day", None),
        ("dated 2024-05-21", date(2024, 5, 21), "day", None),
        (FIELDWORK, date(2015, 9, 1), "month", None),  # the first month of a window
        ("in Sept. 2015", date(2015, 9, 1), "month", None),
        ("in July 2022", date(2022, 7, 1), "month", None),
        (ENGAGE_EXIT, date(2024, 5, 21), "day", 2024),  # no year: the source's own year
    ],
)
def test_a_stated_date_is_found(text, day, precision, context_year):
    assert states_date(text, day, precision, context_year)


@pytest.mark.parametrize(
    "text,day,precision,context_year",
    [
        (ENGAGE_EXIT, date(2024, 5, 21), "day", None),  # no year, and none to assume
        (ENGAGE_EXIT, date(2024, 5, 21), "day", 2023),  # the source is of another year
        ("on 16 July 2022", date(2022, 7, 6), "day", None),  # 6 only inside 16
        ("on 6 July 2021", date(2022, 7, 6), "day", None),
        ("in July 2022", date(2022, 7, 1), "day", None),  # a month does not state its first day
        (FIELDWORK, date(2015, 10, 1), "month", None),  # inside the window, but not written
        (PUBLISHED, date(2025, 3, 2), "day", None),
    ],
)
def test_a_near_miss_date_is_not_stated(text, day, precision, context_year):
    assert not states_date(text, day, precision, context_year)


@pytest.mark.parametrize(
    "text,grade,stated",
    [
        (INADEQUATE, "Inadequate", True),
        (INADEQUATE, "Adequate", False),  # only inside 'inadequate'
        (
            "Staffordshire Police requires improvement at operating efficiently.",
            "Requires improvement",
            True,
        ),
        ("the force required\nimprovement", "Requires improvement", True),
        ("the force requires some improvement", "Requires improvement", False),
        ("Good.", "Good", True),
        ("with goodwill", "Good", False),
        ("OUTSTANDING", "Outstanding", True),
    ],
)
def test_a_grade_is_stated_only_as_its_word(text, grade, stated):
    assert states_grade(text, grade) is stated


# near_miss: where a quote not in its document nearly matches, and how it differs
KEPT = (
    "Address: x\nRead: 2026-12-06\n---\n"
    "The force\u2019s call\nhandlers answered 78 per cent \u2013 in time.\n"
)
DIFFERS = "character {} of the quote: the document has {!r}, the quote has {!r}"


@pytest.mark.parametrize(
    "quote, says",
    [
        ("force's call handlers", "line 4 of the document; " + DIFFERS.format(6, "\u2019", "'")),
        ("call handlers answered 79", "line 5 of the document; " + DIFFERS.format(25, "8", "9")),
        ("78 per cent - in time", DIFFERS.format(13, "\u2013", "-")),
        ("The police call handlers answered 78", "line 4 of the document"),
        ("Nobody said anything of the sort", "nothing like it is in the document"),
    ],
)
def test_a_near_miss_says_where_and_how_it_differs(quote, says):
    assert says in near_miss(quote, KEPT)


def test_fold_lines_keeps_each_characters_line():
    folded, lines = fold_lines("a b\n\n  cd\n")
    assert folded == fold("a b\n\n  cd\n") == "a b cd"
    assert lines == [1, 1, 1, 3, 3, 3]
