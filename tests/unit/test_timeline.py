"""What was known when: rows as they stood on a meeting's date, the limits of a meeting date,
and the Engage period read from milestones."""

from datetime import date, timedelta

import pandas as pd

from pfcc.store.asof import (
    AXIS_PADDING,
    FIRST_DAY,
    LAST_MEETING_DAY,
    Events,
    axis_end,
    known_by,
    milestones_known_by,
    parse_meeting_date,
)

ROWS = pd.DataFrame(
    {
        "period_end": pd.to_datetime(["2019-03-31", "2022-03-31", "2024-03-31"]),
        "public_on": pd.to_datetime(["2019-07-18", None, "2024-07-25"]),
        "value": [1.0, 2.0, 3.0],
    }
)


def test_known_by_none_means_everything():
    assert known_by(ROWS, None, "period_end").equals(ROWS)


def test_known_by_needs_the_period_over_and_the_source_published():
    # 2024-03-31 has ended by 2024-06-01 but its source came out in July 2024
    assert known_by(ROWS, date(2024, 6, 1), "period_end")["value"].tolist() == [1.0]
    assert known_by(ROWS, date(2024, 8, 1), "period_end")["value"].tolist() == [1.0, 3.0]
    # a figure is not known before its source was published, even if its period had ended
    assert known_by(ROWS, date(2019, 5, 1), "period_end")["value"].tolist() == []


def test_a_row_with_no_known_publication_date_is_known_at_no_past_date():
    for day in (date(2022, 4, 1), date(2025, 1, 1), date.today() - timedelta(days=1)):
        assert 2.0 not in known_by(ROWS, day, "period_end")["value"].tolist()
    # today (and the live view) holds back nothing: everything stored was public by now
    assert known_by(ROWS, date.today(), "period_end")["value"].tolist() == [1.0, 2.0, 3.0]


def test_a_query_without_public_on_is_refused_in_an_as_of_view():
    try:
        known_by(ROWS.drop(columns="public_on"), date(2024, 8, 1), "period_end")
    except KeyError as e:
        assert "public_on" in str(e)
    else:
        raise AssertionError("an as-of view must not silently show rows of unknown date")


def _milestones(rows):
    return pd.DataFrame(
        rows,
        columns=[
            "event_date",
            "date_precision",
            "kind",
            "public_on",
            "tier",
            "publisher",
            "title",
        ],
    ).assign(event_date=lambda d: pd.to_datetime(d["event_date"]).dt.date)


M = _milestones(
    [
        (
            "2022-03-29",
            "day",
            "cause of concern raised",
            "2022-03-29",
            "inspection",
            "HMICFRS",
            "a",
        ),
        ("2022-07-01", "month", "Engage entered", "2022-08-01", "secondary", "Paper", "b"),
        ("2022-07-15", "day", "Engage entered", "2024-05-21", "inspection", "HMICFRS", "c"),
        ("2024-05-21", "day", "Engage exited", "2024-05-21", "inspection", "HMICFRS", "d"),
        ("2026-06-01", "day", "recommendation due", "2025-03-01", "inspection", "HMICFRS", "e"),
    ]
)


def test_deadlines_are_known_once_set_and_events_once_happened():
    got = milestones_known_by(M, date(2025, 4, 1))
    assert got["title"].tolist() == ["a", "b", "c", "d", "e"]
    # c happened in 2022 but the only source saying so was published in 2024
    assert milestones_known_by(M, date(2023, 1, 1))["title"].tolist() == ["a", "b"]
    assert milestones_known_by(M, date(2025, 2, 1))["title"].tolist() == ["a", "b", "c", "d"]


def test_events_prefer_the_inspectorates_day_precise_entry_date():
    ev = Events.from_milestones(M, date(2025, 1, 1))
    assert ev.engage_start == date(2022, 7, 15)
    assert ev.engage_start_source == "HMICFRS"
    assert [a[0] for a in ev.engage_start_alternatives] == [date(2022, 7, 1)]
    assert ev.engage_end == date(2024, 5, 21) and ev.ongoing_until is None
    text = ev.describe()
    assert "15 July 2022 to 21 May 2024" in text
    assert "Dashed line: July 2022, the entry date given by Paper." in text


def test_events_before_the_exit_show_engage_still_in_force():
    ev = Events.from_milestones(M[M["kind"] != "Engage exited"], date(2023, 1, 1))
    assert ev.engage_end is None and ev.ongoing_until == date(2023, 1, 1)
    assert "still in force on 1 January 2023" in ev.describe()


def test_meeting_dates_outside_the_range_are_refused():
    assert parse_meeting_date("2024-05-21") == date(2024, 5, 21)
    assert parse_meeting_date(FIRST_DAY.isoformat()) == FIRST_DAY
    assert parse_meeting_date(LAST_MEETING_DAY.isoformat()) == LAST_MEETING_DAY
    for bad in ("2013-12-31", "2031-01-01", "2024-02-30", "yesterday", None, "", "2024-5-21x"):
        assert parse_meeting_date(bad) is None, bad


def test_axes_end_a_padding_after_the_meeting():
    assert axis_end(date(2024, 5, 21)) == date(2024, 5, 21) + AXIS_PADDING


def test_a_date_settles_on_the_last_change_day_on_or_before_it():
    from pfcc.store.asof import settle

    days = [date(2020, 1, 1), date(2021, 6, 30), date(2022, 9, 22)]
    assert settle(days, date(2021, 6, 30)) == date(2021, 6, 30)
    assert settle(days, date(2022, 9, 21)) == date(2021, 6, 30)
    assert settle(days, date(2019, 5, 5)) == date(2014, 1, 1)  # before anything: nothing known
    assert settle(days, None) is None
    assert settle(days, date.today()) is None  # today's figures are today's view


def test_a_window_settles_on_the_change_days_inside_it():
    from pfcc.store.asof import settle_window

    days = [date(2020, 1, 1), date(2021, 6, 30), date(2022, 9, 22)]
    assert settle_window(days, date(2020, 1, 2), date(2022, 1, 1)) == (
        date(2021, 6, 30),
        date(2021, 6, 30),
    )
    first, last = settle_window(days, date(2021, 7, 1), date(2022, 9, 1))  # none inside
    assert first > last and last == date(2021, 6, 30)
