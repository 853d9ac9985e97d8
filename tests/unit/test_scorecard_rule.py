"""The scorecard's status rule applied to rows made by hand: each outcome, and windows,
definitions and tiers that differ."""

from datetime import date

from pfcc.stories import scorecard_rule as rule


def fig(value, mid, length="month", tier="inspection", **kw):
    return {
        "measure_id": mid,
        "metric": "999 calls answered within 10 seconds",
        "breakdown": None,
        "unit": "percent",
        "geography": "Staffordshire",
        "period_end": date(2022, 6, 30) if mid == "a" else date(2024, 3, 31),
        "period_length": length,
        "tier": tier,
        "value": value,
    } | kw


def test_better_and_worse_follow_the_vocabulary_direction():
    assert rule.status(fig(70, "a"), fig(80, "b"), "higher").word == rule.BETTER
    assert rule.status(fig(70, "a"), fig(60, "b"), "higher").word == rule.WORSE
    assert rule.status(fig(70, "a"), fig(80, "b"), "lower").word == rule.WORSE
    assert rule.status(fig(70, "a"), fig(60, "b"), "lower").word == rule.BETTER


def test_equal_figures_are_no_clear_change_with_no_margin():
    assert rule.status(fig(70, "a"), fig(70, "b"), "higher").word == rule.NO_CLEAR_CHANGE
    assert rule.status(fig(70, "a"), fig(70.1, "b"), "higher").word == rule.BETTER


def test_windows_that_differ_are_said_not_judged():
    s = rule.status(fig(70, "a", "month"), fig(90, "b", "12 months"), "higher")
    assert s.word == rule.NOT_COMPARABLE
    assert "windows differ" in s.why and "month" in s.why and "12 months" in s.why
    s = rule.status(fig(70, "a", "not stated"), fig(90, "b", "not stated"), "higher")
    assert s.word == rule.NOT_COMPARABLE and "not stated" in s.why


def test_other_unlike_pairs_are_not_comparable():
    cases = [
        (fig(70, "a"), fig(90, "b", tier="secondary"), "higher"),
        (fig(70, "a"), fig(90, "b", unit="seconds"), "higher"),
        (fig(70, "a"), fig(90, "b", geography="England and Wales"), "higher"),
        (fig(70, "a"), fig(90, "b", breakdown="Sexual offences"), "higher"),
        (fig(70, "a"), fig(90, "b"), "neither"),
        (None, fig(90, "b"), "higher"),
        (fig(70, "a"), None, "higher"),
        (fig(70, "a"), fig(70, "a"), "higher"),
    ]
    for a, b, better in cases:
        s = rule.status(a, b, better)
        assert s.word == rule.NOT_COMPARABLE and s.why, (a, b, better)


def test_every_status_has_a_shape_and_the_rule_is_two_sentences():
    assert set(rule.SHAPES) == set(rule.STATUSES)
    assert len(set(rule.SHAPES.values())) == len(rule.STATUSES)
    assert rule.RULE.count(". ") + 1 == 2 and rule.RULE.endswith(".")
