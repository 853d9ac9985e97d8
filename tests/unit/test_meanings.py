"""pfcc.ingest.meanings: what a metric's sentence claims, asked of each quote filed under it."""

import pytest

from pfcc.ingest.meanings import lacks, states_threshold

AVERAGE = "The average time, in seconds, the force took to answer 999 emergency calls."
WITHIN = "The percentage of 999 emergency calls the force answered within 10 seconds."
WEEK = "The number of reports the force took more than a week to record and classify."
LATE = "The number of reports the force recorded late."


@pytest.mark.parametrize(
    "quote",
    [
        "In April, the average time to answer 999 calls was 11 seconds",
        "In July 2022 we were averaging 25 seconds to answer a 999 call",
        "receiving on average 102 contacts a day",
        "a mean answer time of 9 seconds",
    ],
)
def test_an_average_is_said_as_average_or_mean(quote):
    assert lacks(AVERAGE, quote) == []


@pytest.mark.parametrize(
    "quote",
    [
        "we were taking nearly 25 seconds to answer 999 calls",
        "Now, 999 calls are consistently answered in less than 10 seconds.",
        "increased from 11.3 to 24.1 seconds",
        "meaningful improvement to 9 seconds",
    ],
)
def test_a_quote_without_average_does_not_support_an_average(quote):
    assert [code for code, _ in lacks(AVERAGE, quote)] == ["quote-lacks-average"]


@pytest.mark.parametrize(
    "quote",
    [
        "answered 78 per cent within 10 seconds",
        "The latest week saw 73% of 999 calls answered in ten seconds",
        "91 per cent of calls were answered in under 10 seconds",
    ],
)
def test_a_threshold_is_stated_in_any_of_its_spellings(quote):
    assert lacks(WITHIN, quote) == []


@pytest.mark.parametrize(
    "quote", ["answered 78 per cent in July", "answered 78 per cent within 20 seconds"]
)
def test_a_quote_without_the_threshold_is_refused(quote):
    assert [code for code, _ in lacks(WITHIN, quote)] == ["quote-lacks-threshold"]


def test_a_week_and_minutes_spelled_short():
    assert lacks(WEEK, "took more than a week to record and classify 377 of 429") == []
    assert [c for c, _ in lacks(WEEK, "took too long to record 377 of 429")] == [
        "quote-lacks-threshold"
    ]
    assert states_threshold("Around five per cent of calls take over 15 mins", 15, "minute")
    assert not states_threshold("Around five per cent of calls take over 15 mins", 5, "minute")


def test_lateness_needs_a_deadline_or_time_limit():
    assert lacks(LATE, "recorded 20 reports after the 24-hour deadline") == []
    assert lacks(LATE, "took more than a week to record 377 reports") == []
    missing = lacks(LATE, "recorded very few (3 of 23) crimes we reviewed")
    assert [c for c, _ in missing] == ["quote-lacks-deadline"]


def test_a_sentence_that_claims_nothing_checkable_checks_nothing():
    assert lacks("The number of 999 calls the force received.", "a total of 5,438 calls") == []
