"""Source titles and publication dates, proven from the built database: a title is what a member of
the public reads (how it was found is in `title_note`), and a publication date never comes from a
page's "last updated" stamp without `date_note` saying so, with the evidence."""

import re
from datetime import date, datetime

import pytest

from tests.support.sql import rows

NOTE_PHRASES = ("title from", "opening words", "no title")
# Whose titles were rebuilt from a page address or opening words, or are descriptions, because
# the stored copy gives no headline: each must say so in title_note, never in the title.
TITLES_FOUND_NOT_GIVEN = [
    "lichfieldlive-2022-10-999",
    "eands-2023-01-04-festive-calls",
    "lichfieldlive-2023-05-28-999",
    "lichfieldlive-2023-10-08-999",
    "lichfieldlive-2024-05-21-engage-exit",
    "staffspolice-newsletter-responding-to-the-public",
    "lichfieldlive-2024-10-09-101",
    "lichfieldlive-2025-04-06-999",
    "lichfieldlive-2025-04-06-injuryclaims-study",
    "conveniencestore-charge-rate-ye-mar-2018",
    "independent-2022-07-21-charge-rate",
    "southwalesargus-charge-rate-2015",
]
PLAIN_DATE = re.compile(r"\d{1,2} [A-Z][a-z]+ 20\d\d")


def _source(con, source_id):
    found = rows(con, "SELECT * FROM sources WHERE source_id = ?", source_id)
    assert found, f"no source {source_id}"
    return found[0]


def _grades(con, source_id):
    found = rows(con, "SELECT * FROM grades WHERE source_id = ? ORDER BY grade_id", source_id)
    assert found, f"no grades from {source_id}"
    return found


def _says_last_updated(note):
    return "last updated" in (note or "").lower()


def test_the_note_columns_exist(con):
    cols = {
        r["column_name"]
        for r in rows(
            con,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'sources'",
        )
    }
    assert {"title_note", "date_note"} <= cols


@pytest.mark.parametrize("phrase", NOTE_PHRASES)
def test_no_title_carries_an_internal_note(con, phrase):
    bad = rows(
        con,
        "SELECT source_id, title FROM sources WHERE lower(title) LIKE '%' || ? || '%'",
        phrase,
    )
    assert not bad, bad


def test_titles_carry_no_note_about_the_stored_copy_or_the_page_address(con):
    bad = rows(
        con,
        """SELECT source_id, title FROM sources
           WHERE lower(title) LIKE '%page address%' OR lower(title) LIKE '%stored copy%'
              OR lower(title) LIKE '%(copy %'""",
    )
    assert not bad, bad


@pytest.mark.parametrize("source_id", TITLES_FOUND_NOT_GIVEN)
def test_a_title_not_given_by_the_page_says_how_it_was_found(con, source_id):
    s = _source(con, source_id)
    note = (s["title_note"] or "").strip()
    assert note, f"{source_id}: title_note is empty"
    assert note != s["title"]
    assert re.search(r"page address|opening words|description", note, re.I), note


def test_a_title_note_never_repeats_the_title(con):
    for s in rows(con, "SELECT source_id, title, title_note FROM sources"):
        if s["title_note"]:
            assert s["title_note"].strip() != s["title"].strip(), s["source_id"]


def test_a_last_updated_label_is_never_a_date_without_a_note(con):
    """A label still showing a stamp: the date_note must say the date is that stamp."""
    for s in rows(con, "SELECT * FROM sources WHERE lower(published_label) LIKE '%last updated%'"):
        assert _says_last_updated(s["date_note"]), (s["source_id"], s["published_label"])


def test_a_grade_dated_by_a_last_updated_stamp_has_its_source_say_so(con):
    for g in rows(
        con,
        """SELECT g.grade_id, g.published_label, s.date_note FROM grades g
           JOIN sources s USING (source_id)
           WHERE lower(g.published_label) LIKE '%last updated%'""",
    ):
        assert _says_last_updated(g["date_note"]), g


def test_no_label_carries_a_note_that_belongs_in_date_note(con):
    for table, key in (("sources", "source_id"), ("grades", "grade_id")):
        bad = rows(
            con,
            f"""SELECT {key}, published_label FROM {table}
                WHERE lower(published_label) LIKE '%page address%'
                   OR lower(published_label) LIKE '%stored copy%'""",
        )
        assert not bad, bad


@pytest.mark.parametrize("table,key", [("sources", "source_id"), ("grades", "grade_id")])
def test_a_plain_date_label_is_the_stored_date(con, table, key):
    """'6 February 2020' as a label means published_on is 2020-02-06, not another day."""
    checked = 0
    for r in rows(con, f"SELECT {key}, published_label, published_on FROM {table}"):
        if PLAIN_DATE.fullmatch(r["published_label"] or ""):
            day = datetime.strptime(r["published_label"], "%d %B %Y").date()
            assert r["published_on"] == day, r
            checked += 1
    assert checked


def test_every_dated_source_from_a_page_stamp_says_where_the_date_comes_from(con):
    """HMIC and HMICFRS PEEL pages carry a 'last updated' stamp: each dated one has a date_note."""
    dated = rows(
        con,
        """SELECT source_id, date_note FROM sources
           WHERE url LIKE '%peel-assessments/peel-20%' AND published_on IS NOT NULL""",
    )
    assert len(dated) >= 7
    for s in dated:
        assert (s["date_note"] or "").strip(), s["source_id"]


def _stated_day(con, milestone_id: str) -> date:
    """The publication day the inspectorate's own page states: a milestone whose date the
    build checks against its quote."""
    return rows(con, "SELECT event_date FROM milestones WHERE milestone_id = ?", milestone_id)[0][
        "event_date"
    ]


PEEL_2014 = "hmicfrs-2014-peel-assessment-web/published"
TRANCHE_THREE = "hmicfrs-national-peel-reports-web/tranche-three-published"


@pytest.mark.parametrize("source_id", ["peel-2014-web", "peel-2014-efficiency-web"])
def test_peel_2014_is_dated_by_hmics_own_publication_day(con, source_id):
    s, day = _source(con, source_id), _stated_day(con, PEEL_2014)
    assert s["published_on"] == day, s
    assert s["published_label"] == f"{day.day} {day:%B %Y}"
    assert f"On {day.day} {day:%B %Y}, we published our first PEEL assessment" in (
        s["date_note"] or ""
    )
    for g in rows(con, "SELECT * FROM grades WHERE source_id = ?", source_id):
        assert g["published_on"] == day, g


@pytest.mark.parametrize("source_id", ["peel-2018-web", "peel-2018-effectiveness-web"])
def test_peel_2018_19_is_dated_by_the_tranche_three_publication(con, source_id):
    s, day = _source(con, source_id), _stated_day(con, TRANCHE_THREE)
    assert s["published_on"] == day, s
    assert s["published_label"] == f"{day.day} {day:%B %Y}"
    note = s["date_note"] or ""
    assert "tranche three" in note and f"{day.day} {day:%B %Y}" in note


def test_peel_2018_19_grades_follow_their_source(con):
    day = _stated_day(con, TRANCHE_THREE)
    for g in _grades(con, "peel-2018-web"):
        assert g["published_on"] == day, g


def test_no_peel_2018_19_row_is_dated_by_the_earlier_stamp(con):
    """The effectiveness page's 'Last updated 20/01/2020' is before the publication."""
    assert not rows(con, "SELECT source_id FROM sources WHERE published_on = DATE '2020-01-20'")
    assert not rows(con, "SELECT grade_id FROM grades WHERE published_on = DATE '2020-01-20'")


def test_peel_2016_legitimacy_is_not_dated_by_the_forces_response(con):
    """HMIC's publication day for PEEL 2016 legitimacy is not in our sources: unknown, never the
    force's response of 12 December 2016."""
    for g in rows(con, "SELECT * FROM grades WHERE inspection = 'PEEL 2016 legitimacy'"):
        assert g["published_on"] is None, g
        assert g["published_on"] != date(2016, 12, 12)
    s = _source(con, "peel-2016-web")
    assert s["published_on"] is None, s
    assert "not in our sources" in (s["date_note"] or "")
    responses = _source(con, "peel-2016-force-responses")
    assert responses["published_on"] is None, responses
    assert not rows(
        con,
        """SELECT source_id FROM sources WHERE published_on = DATE '2016-12-12'
           UNION ALL SELECT grade_id FROM grades WHERE published_on = DATE '2016-12-12'""",
    )


@pytest.mark.parametrize(
    "source_id,day",
    [
        ("peel-2016-effectiveness-web", date(2017, 3, 2)),
        ("peel-2017-efficiency-web", date(2017, 11, 9)),
        ("peel-2017-legitimacy-web", date(2017, 12, 12)),
        ("peel-2017-effectiveness-web", date(2018, 3, 22)),
    ],
)
def test_a_stamp_kept_as_the_date_is_shown_to_be_the_publication_day(con, source_id, day):
    s = _source(con, source_id)
    assert s["published_on"] == day, s
    assert PLAIN_DATE.fullmatch(s["published_label"]), s["published_label"]
    assert _says_last_updated(s["date_note"]) and "National PEEL reports" in (s["date_note"] or "")
    for g in _grades(con, source_id):
        assert g["published_on"] == day, g
