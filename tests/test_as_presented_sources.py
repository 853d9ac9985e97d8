"""As presented, nothing that was public goes missing (issue 21, part 1): PEEL 2023–25's eight
grades cite the inspectorate's own news release and its publication day, so a meeting after that
day sees all eight and a meeting before it none; and Engage is known from HMICFRS's PEEL 2021/22
release of 22 September 2022 ("Earlier this year, ... was moved into ... Engage"), which gives
only the year: the journey shades Engage from that day, citing it, and never before it.
Expected values are read from the database with SQL of the test's own."""

import re
from datetime import date, timedelta

import pandas as pd
import pytest

from pfcc.ingest.textcheck import states_date
from pfcc.stories import grades, overview
from tests.support.sql import rows

PEEL_2023_25 = "PEEL 2023–25"
HMICFRS_RELEASE = "peel-2023-25-news"
WIREDGOV_2022 = "wiredgov-2022-09-22-peel-2021-22"
MEETING_2023 = date(2023, 1, 26)
MEETING_2025 = date(2025, 1, 15)


@pytest.fixture(scope="module", autouse=True)
def _db(built_db):
    return built_db


def _source(con, source_id):
    found = rows(con, "SELECT * FROM sources WHERE source_id = ?", source_id)
    assert found, f"no source {source_id}"
    return found[0]


def _published(con) -> date:
    day = _source(con, HMICFRS_RELEASE)["published_on"]
    assert day is not None, "the release's publication day is not recorded"
    return day


def _inspectorate_grades(con) -> dict[str, str]:
    found = rows(
        con,
        "SELECT theme, grade FROM grades WHERE source_id = ? AND inspection = ?",
        HMICFRS_RELEASE,
        PEEL_2023_25,
    )
    return {r["theme"]: r["grade"] for r in found}


def _peel_2023_25(spec) -> pd.DataFrame:
    return spec.table[spec.table["inspection"] == PEEL_2023_25]


WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


# -- PEEL 2023–25: the inspectorate's own source, dated ------------------------------------------


def test_the_inspectorates_release_is_dated_with_the_evidence(con):
    s = _source(con, HMICFRS_RELEASE)
    assert (s["publisher"], s["tier"]) == ("HMICFRS", "inspection")
    day = s["published_on"]
    assert s["published_label"] == f"{day.day} {day:%B %Y}"
    note = s["date_note"] or ""
    # the day is the one the quoted evidence gives, not typed here
    assert "was published today" in note and f"{day:%b} {day.day}, {day.year}" in note, note
    report = _source(con, "peel-2023-25-web")
    assert report["url"].endswith("/peel-reports/staffordshire-2023-25/")
    assert report["published_on"] == s["published_on"]


def test_eight_grades_are_filed_under_the_inspectorate_and_agree_with_its_counts(con):
    filed = _inspectorate_grades(con)
    counts = pd.Series(list(filed.values())).value_counts().to_dict()
    quotes = {
        r["quote"]
        for r in rows(con, "SELECT quote FROM grades WHERE source_id = ?", HMICFRS_RELEASE)
    }
    assert len(quotes) == 1, quotes
    # the counts the release's own words give: "‘good’ in one area, ‘adequate’ in four areas …"
    said = {
        grade.capitalize(): WORDS[n]
        for grade, n in re.findall(r"‘([a-z ]+)’ in (\w+) areas?", quotes.pop())
    }
    assert said and counts == said, (counts, said)
    assert len(filed) == sum(said.values()), filed
    for r in rows(con, "SELECT * FROM grades WHERE source_id = ?", HMICFRS_RELEASE):
        assert r["published_on"] == _published(con), r


def test_the_force_newsletter_gives_the_same_grade_for_every_area(con):
    """Two sources, one grade: the newsletter's rows add the areas in words and never disagree."""
    news = {
        r["theme"]: r["grade"]
        for r in rows(
            con,
            "SELECT theme, grade FROM grades WHERE source_id = 'peel-2023-25-force-newsletter'",
        )
    }
    assert news == _inspectorate_grades(con)


@pytest.mark.parametrize("offset", [1, None])
def test_all_eight_grades_shown_the_day_after_publication_and_at_the_2025_meeting(con, offset):
    as_of = _published(con) + timedelta(days=offset) if offset else MEETING_2025
    spec = grades.grades(as_of=as_of)
    shown = _peel_2023_25(spec)
    expected = _inspectorate_grades(con)
    assert set(shown["theme"]) == set(expected), (as_of, sorted(set(shown["theme"])))
    for theme_name, grade in expected.items():
        assert set(shown.loc[shown["theme"] == theme_name, "grade"]) == {grade}, theme_name
    assert HMICFRS_RELEASE in set(shown["source_id"])


@pytest.mark.parametrize("as_of", [None, MEETING_2025])
def test_a_grade_two_sources_give_is_one_word_in_its_cell(con, as_of):
    spec = grades.grades(as_of=as_of)
    cells = grades._cells(spec.table, False)
    cells = cells[cells["column"] == PEEL_2023_25]
    assert len(cells) == len(_inspectorate_grades(con)), cells
    assert not cells["text"].str.contains(r"\*|/").any(), cells["text"].tolist()


def test_no_peel_2023_25_grade_the_day_before_publication(con):
    spec = grades.grades(as_of=_published(con) - timedelta(days=1))
    assert _peel_2023_25(spec).empty
    assert PEEL_2023_25 not in spec.title and PEEL_2023_25 not in spec.summary


# -- Engage from when it was first public --------------------------------------------------------


def test_the_2022_release_is_an_inspection_source_as_wiredgov_carries_it(con):
    s = _source(con, WIREDGOV_2022)
    assert (s["publisher"], s["tier"]) == ("WiredGov", "inspection")
    assert s["published_on"] == date(2022, 9, 22)
    assert "22092022" in s["url"]
    m = rows(con, "SELECT * FROM milestones WHERE source_id = ?", WIREDGOV_2022)
    assert len(m) == 1, m
    assert m[0]["kind"] == "Engage entered"
    assert (m[0]["event_date"], m[0]["date_precision"]) == (date(2022, 1, 1), "year")
    assert m[0]["quote"].startswith("Earlier this year")
    assert m[0]["public_on"] == s["published_on"]


def _engage_rect(spec):
    return [sh for sh in spec.figure.layout.shapes if sh.type == "rect"]


def test_engage_is_on_the_journey_as_presented_on_26_january_2023(con):
    spec = overview.journey(as_of=MEETING_2023)
    engage = spec.table[spec.table["kind"] == "Engage entered"]
    assert list(engage["source_id"]) == [WIREDGOV_2022], engage
    assert list(engage["date_text"]) == ["2022"]  # the year only, as the source gives it
    rects = _engage_rect(spec)
    assert len(rects) == 1, rects
    assert str(rects[0].x0).startswith("2022-09-22") and str(rects[0].x1).startswith("2023-01-26")
    assert "WiredGov" in spec.summary and "22 September 2022" in spec.summary
    assert "1 January 2022" not in spec.summary + spec.title  # never a day the source did not give


def test_engage_is_not_known_before_the_release(con):
    spec = overview.journey(as_of=date(2022, 9, 21))
    assert spec.table[spec.table["kind"] == "Engage entered"].empty
    assert not _engage_rect(spec)
    assert "Engage enhanced monitoring" not in spec.summary


def test_a_day_stated_later_wins_over_the_year(con):
    """Today the letter's 6 July 2022 is the entry drawn; the year-only entry draws no line."""
    spec = overview.journey()
    rects = _engage_rect(spec)
    assert rects and str(rects[0].x0).startswith("2022-07-06"), rects
    lines = [str(sh.x0)[:10] for sh in spec.figure.layout.shapes if sh.type == "line"]
    assert "2022-01-01" not in lines


# -- the rule that lets a milestone know only its year -------------------------------------------


@pytest.mark.parametrize(
    "text,context_year,expected",
    [
        ("Earlier this year, the force was moved into Engage", 2022, True),
        ("Earlier this year, the force was moved into Engage", 2023, False),
        ("In 2022 the force was moved into Engage", None, True),
        ("The force was moved into Engage", 2022, False),
    ],
)
def test_a_year_precision_date_must_be_written_or_be_the_sources_own_year(
    text, context_year, expected
):
    assert states_date(text, date(2022, 1, 1), "year", context_year) is expected
