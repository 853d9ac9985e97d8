"""data/metrics.csv against the queries: every metric a query names by a literal exists in the
vocabulary, so renaming a metric cannot silently drop its figures from a chart; and the metrics
the chart queries select are the ones marked charted."""

import csv
import re

import pytest

from pfcc.paths import DATA_DIR, QUERIES_DIR

# The queries whose rows a chart draws (headline tiles included); the others list figures as
# text (crime_recording_findings), export whole tables or serve filters.
CHART_QUERIES = (
    "calls_999",
    "calls_101",
    "charge_and_outcome_rates",
    "crime_recording_rates",
    "outcomes_2015_mix",
)
# The metrics the stories pass to a chart query as its $metric parameter: calls_999.sql's two,
# and the 90% standard the share chart draws from measure_series.sql.
CHART_PARAMETERS = {
    "999 average answer time",
    "999 calls answered within 10 seconds",
    "999 answer standard (share within 10 seconds)",
}

_LITERAL = r"'((?:[^']|'')*)'"
_COMPARE = re.compile(rf"\bmetric\s*(=|<>|!=)\s*{_LITERAL}", re.IGNORECASE)
# the list of literals up to its closing bracket: a literal may hold brackets and '' itself
_IN = re.compile(r"\bmetric\s+(NOT\s+)?IN\s*\(((?:\s*'(?:[^']|'')*'\s*,?)*)\)", re.IGNORECASE)
_LIKE = re.compile(rf"\bmetric\s+(NOT\s+)?LIKE\s+{_LITERAL}", re.IGNORECASE)


def vocabulary() -> dict[str, dict]:
    with (DATA_DIR / "metrics.csv").open(encoding="utf-8-sig", newline="") as f:
        return {r["metric"]: r for r in csv.DictReader(f)}


def named_metrics(sql: str) -> list[tuple[str, str, bool]]:
    """(kind, literal, positive) for each metric literal a query compares `metric` with:
    kind 'eq' (= or IN) or 'like'; positive False for <>, NOT IN and NOT LIKE."""
    out = []
    for op, lit in _COMPARE.findall(sql):
        out.append(("eq", lit.replace("''", "'"), op == "="))
    for neg, items in _IN.findall(sql):
        out += [("eq", lit.replace("''", "'"), not neg) for lit in re.findall(_LITERAL, items)]
    for neg, lit in _LIKE.findall(sql):
        out.append(("like", lit.replace("''", "'"), not neg))
    return out


def like(pattern: str) -> re.Pattern:
    return re.compile(
        "".join(".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in pattern),
        re.DOTALL,
    )


def matches(kind: str, literal: str, names) -> set[str]:
    return (
        {literal} & set(names) if kind == "eq" else {n for n in names if like(literal).fullmatch(n)}
    )


QUERY_FILES = sorted(QUERIES_DIR.glob("*.sql"))


def test_the_parser_finds_what_it_must():
    sql = """WHERE m.metric = 'A' AND metric <> 'B''s' OR m.metric IN ('C', 'D')
             AND x.metric NOT IN ('E') AND metric LIKE 'F%' AND breakdown = 'G'
             AND metric IN ('H (the force''s)', 'I')"""
    assert sorted(named_metrics(sql)) == sorted(
        [
            ("eq", "A", True),
            ("eq", "B's", False),
            ("eq", "C", True),
            ("eq", "D", True),
            ("eq", "E", False),
            ("like", "F%", True),
            ("eq", "H (the force's)", True),
            ("eq", "I", True),
        ]
    )
    assert matches("like", "999 answer standard%", ["999 answer standard (x)", "999 other"]) == {
        "999 answer standard (x)"
    }


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_every_metric_a_query_names_is_in_the_vocabulary(path):
    known = vocabulary()
    for kind, literal, _ in named_metrics(path.read_text(encoding="utf-8")):
        assert matches(kind, literal, known), (
            f"{path.name} names metric {literal!r}, which data/metrics.csv does not have"
        )


def test_the_chart_queries_name_metrics_at_all():
    """The parser is not silently finding nothing."""
    found = [
        x
        for q in CHART_QUERIES
        for x in named_metrics((QUERIES_DIR / f"{q}.sql").read_text(encoding="utf-8"))
    ]
    assert len(found) >= 6, found


def test_charted_means_a_chart_query_selects_it():
    known = vocabulary()
    selected = set(CHART_PARAMETERS)
    for q in CHART_QUERIES:
        for kind, literal, positive in named_metrics(
            (QUERIES_DIR / f"{q}.sql").read_text(encoding="utf-8")
        ):
            if positive:
                selected |= matches(kind, literal, known)
    charted = {m for m, r in known.items() if r["charted"] == "yes"}
    assert selected - charted == set(), "selected by a chart query but marked charted = no"
    assert charted - selected == set(), "marked charted = yes but no chart query selects it"


def test_the_vocabulary_rows_are_well_formed():
    known = vocabulary()
    assert len(known) >= 82
    for metric, r in known.items():
        assert r["better"] in ("higher", "lower", "neither"), metric
        assert (r["charted"] == "no") == bool(r["not_charted_reason"].strip()), metric
        assert r["noun"] and not r["noun"][0].isupper(), metric
    # the two metrics stated in two units: the chart's unit first
    assert known["101 average answer time"]["units"] == "minutes;seconds"
    assert known["Police recorded crime rate"]["units"].split(";") == [
        "per 1,000 population",
        "per 1,000 households",
    ]
    assert known["999 average answer time"]["better"] == "lower"
    assert known["Crime recording rate"]["better"] == "higher"


def test_every_metric_says_in_one_sentence_what_it_measures():
    """One plain sentence a metric (data/metrics.csv `definition`): not empty, one full stop, at
    the end, starting with a capital; the build checks every quote filed under it against it."""
    for metric, r in vocabulary().items():
        text = r["definition"]
        assert text.strip() == text and text, metric
        assert text[0].isupper() and text.endswith("."), (metric, text)
        assert not re.search(r"[.!?;]\s", text), f"{metric}: more than one sentence: {text!r}"


def test_the_three_meanings_are_filed_by_their_words():
    """Issue 20, part 4: a threshold statement is not an average; "took more than a week to
    record and classify" keeps both verbs; the force's outcome rate is not called positive."""
    known = vocabulary()
    assert "Reports recorded more than a week late" not in known
    assert "Positive outcome rate (force statement)" not in known
    late = "Reports of crime that took more than a week to record and classify (audit sample)"
    assert "record and classify" in known[late]["definition"]
    force = known["Outcome rate (force's own definition, not stated)"]
    assert force["noun"] == "force's own outcome rate"
    assert "positive" not in force["noun"]
    statement = known[
        "999 calls answered in less than 10 seconds (force statement, no share given)"
    ]
    assert "average" not in statement["definition"]
    assert "average" in known["999 average answer time"]["definition"]
