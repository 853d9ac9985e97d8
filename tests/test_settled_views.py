"""A meeting date settles on the last day before it that anything changed (common.settled), and
a view is built once per settled day: so the settled day must show exactly what the date would
have. Checked on every as-of filter the stories use, over dates spread across the data."""

from datetime import date, timedelta

import pytest

from pfcc.store.asof import known_by, milestones_known_by, public_by
from pfcc.stories import changes, common

DATES = [date(2014, 1, 2) + timedelta(days=23 * i) for i in range(200)]


@pytest.mark.parametrize("when", DATES[::7], ids=str)
def test_the_settled_day_knows_what_the_date_knew(built_db, when):
    day = common.settled(when)
    assert day <= when and (day in common.change_days() or day < common.change_days()[0])
    m = common.query("milestones")
    assert milestones_known_by(m, when).equals(milestones_known_by(m, day))
    for df in (common.query("grades", theme=None), m):
        assert public_by(df, when).equals(public_by(df, day))
    rates = common.query("official_rates", basis="recorded")
    assert known_by(rates, when, "period_end").equals(known_by(rates, day, "period_end"))


def test_about_a_hundred_views_stand_for_every_date(built_db):
    assert len({common.settled(d) for d in DATES}) <= len(common.change_days()) + 1 < 150


def test_a_window_s_changes_are_those_of_its_settled_window(built_db):
    for start, end in (
        (date(2022, 7, 1), date(2022, 12, 31)),
        (date(2024, 5, 1), date(2024, 6, 1)),
    ):
        found = changes.changes(start, end)
        assert (found.date_from, found.date_to) == (start, end)  # the title says what was asked
        lines = {line.text for g in found.groups for line in g.lines}
        # found for the dates as given, not settled
        wider = changes._groups(start, end)
        assert lines == {line.text for g in wider for line in g.lines}
