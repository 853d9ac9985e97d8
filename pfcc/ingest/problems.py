"""What the build reports: a `Problem` names file, line, column and rule, and carries a stable
code (one of CODES) that tests and the fuzzer match on, so a rule's wording can change freely."""

from __future__ import annotations

from dataclasses import dataclass

MAX_REPORTED = 50

# One stable code per rule the build enforces, with the rule in a few words.
CODES: dict[str, str] = {
    # reading a file
    "no-files": "a table has no CSV file",
    "not-a-regular-file": "a CSV path is a folder or a link",
    "not-utf8": "a CSV file is not UTF-8",
    "empty-file": "a CSV file has no header row",
    "missing-column": "the header lacks one of the table's columns",
    "unknown-column": "the header names a column the table does not have",
    "duplicate-column": "the header names a column twice",
    "wrong-field-count": "a row has more or fewer fields than the header",
    "malformed-csv": "the CSV is malformed or truncated",
    "cell-too-long": "a cell is longer than 1,048,576 characters",
    # one cell
    "control-character": "a cell holds a control character",
    "invisible-character": "an id or vocabulary cell holds a zero-width or direction mark",
    "empty-required": "a required cell is empty",
    "not-an-id": "an id holds characters other than letters, digits and . _ / : -",
    "not-a-date": "a date is not written YYYY-MM-DD",
    "not-a-real-date": "a date does not exist",
    "date-out-of-range": "a date lies outside 2014–2026",
    "not-a-number": "a number is not written in plain ASCII digits",
    "not-finite": "a number is infinite",
    "not-in-vocabulary": "a cell is not one of its column's words",
    "repeated-choice": "a list cell names the same word twice",
    # keys and references
    "duplicate-key": "a key appears twice in a table",
    "unknown-source": "a source_id is not in data/sources",
    "wrong-file-for-source": "a row is not in the file named by its source_id",
    "unknown-metric": "a measure's metric is not in data/metrics.csv",
    "unknown-family": "a metric's or measure's family is not in data/families.csv",
    "unknown-parent": "a parent_id names no recommendation",
    "unknown-finding": "a scorecard link names no recommendation or graded area",
    "parent-not-cause-of-concern": "a parent_id names something other than a cause of concern",
    # sources and documents
    "document-required": "a source names no document (the kept text of its quotes)",
    "url-required": "a source whose document is a kept web passage gives no url",
    "passage-header": "a kept web passage lacks its Address: and Read: lines before '---'",
    "not-a-web-address": "a url is not an http(s) address",
    "document-outside-folders": "a document path is not a file in data/documents/ or"
    " data/home-office-outcomes/ (absolute, '..', a dot-part or another folder)",
    "document-is-a-link": "a document path is, or passes through, a symbolic link",
    "document-not-found": "a document does not exist where its path says",
    "document-not-utf8": "a document is not UTF-8 text",
    "document-unreadable": "a document path cannot be read",
    "quote-not-found": "a quote is not verbatim in its document",
    # metrics
    "unit-not-allowed": "a measure's unit is not one of its metric's units",
    "family-mismatch": "a measure's family differs from its metric's",
    "reason-required": "a metric that is not charted gives no reason",
    "reason-but-charted": "a charted metric gives a reason for not being charted",
    "noun-capitalised": "a metric's noun starts with a capital letter",
    "definition-not-one-sentence": "a metric's definition is not one sentence ending with '.'",
    # a metric's sentence against the quotes filed under it (pfcc/ingest/meanings.py)
    "quote-lacks-average": "an average metric's quote says neither average nor mean",
    "quote-lacks-threshold": "a threshold metric's quote does not state the threshold",
    "quote-lacks-deadline": "a lateness metric's quote states no deadline or time limit",
    # measures
    "negative-value": "a value is negative",
    "percent-out-of-range": "a percentage lies outside 0–100",
    "count-not-whole": "a count is not a whole number",
    "value-not-in-quote": "a measure's value is not stated in its quote",
    "negative-interval": "a confidence interval is negative",
    "interval-not-in-quote": "a confidence interval is not stated in the quote",
    "period-start-after-end": "a period starts after it ends",
    "period-length-mismatch": "a measure's period_length is not the length of its dates",
    "period-length-not-in-quote": "a period_length without dates is not stated in the quote",
    # grades
    "grade-not-in-quote": "a grade's word is not in its quote",
    "adequate-on-4-tier": "'Adequate' on the 4-tier scale",
    "wrong-scale-for-year": "a grade's scale does not fit its inspection's year",
    # milestones
    "reserved-id": "a milestone id starts with 'due/'",
    "month-not-first-day": "a month-precision date is not the month's first day",
    "year-not-first-day": "a year-precision date is not the year's first day (1 January)",
    "date-not-in-quote": "a milestone's date is not stated in its quote",
    "derived-kind": "a 'recommendation due' milestone entered by hand",
    # recommendations
    "text-not-in-quote": "a recommendation's text is not in its quote",
    "number-not-in-quote": "a recommendation's number is not in its quote",
    "deadline-not-in-quote": "a deadline is not stated in the quote",
    "deadline-before-report": "a deadline is before its report",
    "deadline-before-raised": "a deadline is before the date it was raised",
    "closing-field-required": "a closed recommendation lacks a closing field",
    "closed-on-while-not-closed": "closed_on is set but status is not 'closed'",
    "closing-date-not-in-quote": "closed_on is not stated in closed_quote",
    "reported-pair-incomplete": "one of reported_source_id and reported_quote without the other",
    "reported-while-not-closed": "a closure is reported but status is not 'closed'",
    "reported-after-closing-source": "a closure's report is published after its dated source",
    # every document's checksum, a data file's or a kept text's (pfcc/ingest/homeoffice/series.py)
    "not-a-checksum": "a sha256 is not 64 lower-case hex digits",
    "checksum-required": "a source records no sha256 of its document",
    "checksum-not-allowed": "a sha256 is recorded for a source with no document",
    "checksum-mismatch": "a document's sha256 differs from its source row's",
    # the Home Office series in data/home-office-outcomes/ (pfcc/ingest/homeoffice/series*.py)
    "series-missing": "a file of the series is missing or not a regular file",
    "series-without-source": "no source row names a file of the series as its document",
    "series-header": "a series file's header is not its columns in order",
    "series-not-a-count": "a series cell is not a whole count",
    "series-key": "a series row's force, slug, year or quarter is not valid",
    "series-duplicate-key": "a series file repeats a force, year and quarter",
    "series-missing-row": "a series file lacks a force, year or quarter",
    "series-oocd-sum": "oocd is not t2+t3+t6+t7+t8+t22",
    "series-positive-sum": "positive is not t1+oocd",
    "series-positive-exceeds-assigned": "positive outcomes exceed all assigned outcomes",
    "series-negative": "an annual total is negative",
    "series-fraud-exceeds-all": "a total excluding fraud exceeds the total including it",
    "series-quarters-not-year": "the four quarters do not sum to the year",
    "series-forces-not-national": "the 44 forces do not sum to the national figure",
    "series-edition": "an edition's folder is not its publication date, or its sources' differ",
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    rule: str
    code: str  # one of CODES: stable, for tests and tools; the rule's wording may change

    def __post_init__(self):
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}")

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.rule}"


class BuildError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:MAX_REPORTED])
        more = len(problems) - MAX_REPORTED
        super().__init__(
            f"{len(problems)} problem(s) in the data; the database was not changed.\n{shown}"
            + (f"\n  … and {more} more" if more > 0 else "")
        )
