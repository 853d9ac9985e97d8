"""What the build must make of each mutation: the problem code(s) it must be rejected with (one
of `codes`, at the place the mutation names), the codes it may cite besides, or that it builds.
Codes only: the wording of a rule is free to change."""

from __future__ import annotations

from dataclasses import dataclass

from harness.fuzz.model import QUOTES, UNCHECKED, Mutation, col_class
from pfcc.ingest import problems, schema


@dataclass(frozen=True)
class Expect:
    codes: frozenset[str] = frozenset()  # empty: the copy must build
    also: frozenset[str] = frozenset()  # may be cited besides: the change's knock-on effects
    neutral: bool = False  # builds with every table's contents unchanged
    located: bool = True  # a problem with one of `codes` names the place the mutation reports

    @property
    def builds(self) -> bool:
        return not self.codes


def reject(*codes: str, also=(), located=True) -> Expect:
    return Expect(frozenset(codes), frozenset(also), located=located)


BUILDS = Expect()
NEUTRAL = Expect(neutral=True)

# A date changed or lost, or the year a quote's date is read in: every date rule may follow.
DATE_CHECKS = frozenset(
    {
        "date-not-in-quote",
        "deadline-not-in-quote",
        "deadline-before-report",
        "deadline-before-raised",
        "period-start-after-end",
        "period-length-mismatch",
        "closing-date-not-in-quote",
        "month-not-first-day",
        "year-not-first-day",
    }
)
# A file's rows lost: whatever named them is now unknown, and a lost source takes with it the
# year its facts' dates are read in.
REF_LOSS = (
    frozenset(
        {
            "unknown-source",
            "unknown-family",
            "unknown-metric",
            "unknown-parent",
            "unknown-finding",
            "series-without-source",
        }
    )
    | DATE_CHECKS
)
# A word inserted into a quote may split whatever the quote states.
QUOTE_EDIT = (
    frozenset(
        {
            "value-not-in-quote",
            "interval-not-in-quote",
            "period-length-not-in-quote",
            "grade-not-in-quote",
            "number-not-in-quote",
            "text-not-in-quote",
            # a word between a threshold's number and its unit: "10 not seconds"
            "quote-lacks-threshold",
            "quote-lacks-average",
            "quote-lacks-deadline",
        }
    )
    | DATE_CHECKS
)
_SOURCE_REF = frozenset({"unknown-source", "wrong-file-for-source"}) | DATE_CHECKS
_CLOSING = frozenset(
    {
        "reported-after-closing-source",
        "closing-field-required",
        "unknown-source",
        "closing-date-not-in-quote",
        "closed-on-while-not-closed",
    }
)

# What else a cell's damage (lost, or changed to a value no rule accepts) may bring about.
CONSEQUENCES: dict[tuple[str, str], frozenset[str]] = {
    # a source renamed is a source lost to its rows, with the year their dates are read in
    ("sources", "source_id"): frozenset({"unknown-source", "unknown-finding"}) | DATE_CHECKS,
    ("sources", "url"): frozenset({"url-required"}),
    # a document lost leaves its sha256 with nothing to check
    ("sources", "document"): frozenset({"document-required", "checksum-not-allowed"}),
    # a source's date moved: an earlier report of a closure may come after its dated source
    ("sources", "published_on"): DATE_CHECKS | {"reported-after-closing-source"},
    ("sources", "published_label"): DATE_CHECKS | {"reported-after-closing-source"},
    ("families", "family"): frozenset({"unknown-family"}),
    ("metrics", "metric"): frozenset({"unknown-metric"}),
    # a metric's family lost: its measures' families no longer match it
    ("metrics", "family"): frozenset({"unknown-family", "family-mismatch"}),
    ("measures", "family"): frozenset({"unknown-family"}),
    ("metrics", "units"): frozenset({"unit-not-allowed"}),
    ("metrics", "charted"): frozenset({"reason-required", "reason-but-charted"}),
    ("metrics", "not_charted_reason"): frozenset({"reason-required"}),
    ("measures", "metric"): frozenset({"unknown-metric"}),
    ("measures", "unit"): frozenset({"unit-not-allowed"}),
    ("measures", "period_length"): frozenset({"period-length-mismatch"}),
    # a start date lost: the length must then be in the quote
    ("measures", "period_start"): frozenset({"period-length-not-in-quote"}),
    ("measures", "source_id"): _SOURCE_REF | {"quote-not-found"},
    ("grades", "source_id"): _SOURCE_REF | {"quote-not-found", "unknown-finding"},
    ("grades", "theme"): frozenset({"unknown-finding"}),
    ("grades", "inspection"): frozenset({"wrong-scale-for-year"}),
    ("milestones", "source_id"): _SOURCE_REF | {"quote-not-found"},
    ("milestones", "date_precision"): frozenset(
        {"month-not-first-day", "year-not-first-day", "date-not-in-quote"}
    ),
    ("recommendations", "source_id"): _SOURCE_REF | {"quote-not-found"},
    ("recommendations", "rec_id"): frozenset({"unknown-parent", "unknown-finding"}),
    ("recommendations", "parent_id"): frozenset({"unknown-parent"}),
    ("recommendations", "kind"): frozenset({"parent-not-cause-of-concern"}),
    ("recommendations", "status"): frozenset(
        {"closed-on-while-not-closed", "reported-while-not-closed"}
    ),
    ("recommendations", "closed_on"): _CLOSING | DATE_CHECKS,
    ("recommendations", "closed_precision"): _CLOSING,
    ("recommendations", "closed_source_id"): _CLOSING,
    ("recommendations", "closed_quote"): _CLOSING,
    ("finding_evidence", "finding_id"): frozenset({"unknown-finding"}),
    ("finding_evidence", "metric"): frozenset({"unknown-metric"}),
    ("finding_evidence", "source_id"): _SOURCE_REF | {"quote-not-found"},
}


def consequences(table: str, col: str) -> frozenset[str]:
    out = CONSEQUENCES.get((table, col), frozenset())
    if col_class(table, col) == "date":
        out |= DATE_CHECKS
    return out


CELL = {  # generic cell mutations: the code they must produce
    "nul-byte": "control-character",
    "empty": "empty-required",
    "zero-width": "invisible-character",
    "not-an-id": "not-an-id",
    "impossible-date": "not-a-real-date",
    "date-not-iso": "not-a-date",
    "date-out-of-range": "date-out-of-range",
    "not-a-number": "not-a-number",
    "infinite": "not-finite",
    "unknown-choice": "not-in-vocabulary",
}

FILE = {  # whole-file mutations that must be rejected
    "duplicate-row": reject("duplicate-key"),
    "short-row": reject("wrong-field-count", also=REF_LOSS),
    "extra-field": reject("wrong-field-count", also=REF_LOSS),
    "add-column": reject("unknown-column", also=REF_LOSS),
    "unclosed-quote": reject("malformed-csv"),
    "truncate-in-quoted-cell": reject("malformed-csv", also=REF_LOSS),
    "cp1252": reject("not-utf8", also=REF_LOSS),
    "utf-16": reject("not-utf8", also=REF_LOSS),
    "delete-folder": reject("no-files", also=REF_LOSS),
    "add-empty-file": reject("empty-file"),
    "add-directory-csv": reject("not-a-regular-file"),
    "add-symlink-csv": reject("not-a-regular-file"),
    "header-delete": reject("missing-column", also=REF_LOSS),
    "header-rename": reject("missing-column", "unknown-column", also=REF_LOSS),
    "header-duplicate": reject("duplicate-column", also=REF_LOSS),
}
FILE_BUILDS = {  # whole-file mutations that must build: spreadsheet habits, harmless additions
    "bom": NEUTRAL,
    "double-bom": NEUTRAL,
    "lf-endings": NEUTRAL,
    "trailing-blank-lines": NEUTRAL,
    "spreadsheet-save": NEUTRAL,
    "header-reorder": NEUTRAL,
    "header-padding": NEUTRAL,
    "add-header-only-file": NEUTRAL,
    "duplicate-row-new-key": BUILDS,
    "delete-row": BUILDS,
    "truncate-at-row": BUILDS,
}

TARGETED = {
    "percent-over-100": reject("percent-out-of-range", also={"value-not-in-quote"}),
    "count-fraction": reject("count-not-whole", also={"value-not-in-quote"}),
    "figure-not-in-quote": reject("value-not-in-quote", also={"percent-out-of-range"}),
    "interval-not-in-quote": reject("interval-not-in-quote"),
    "start-after-end": reject("period-start-after-end"),
    "length-mismatch": reject("period-length-mismatch"),
    "length-not-in-quote": reject("period-length-not-in-quote"),
    "figure-removed": reject(
        "value-not-in-quote", also={"interval-not-in-quote", "quote-lacks-threshold"}
    ),
    "metric-typo": reject("unknown-metric"),
    "other-metric-unit": reject(
        "unit-not-allowed", also={"percent-out-of-range", "count-not-whole"}
    ),
    "other-family": reject("family-mismatch"),
    "other-source": reject(
        "wrong-file-for-source", also={"quote-not-found", "unknown-finding"} | DATE_CHECKS
    ),
    "unknown-source": reject("unknown-source", also=DATE_CHECKS | {"wrong-file-for-source"}),
    "repeated-unit": reject("repeated-choice"),
    "unit-withdrawn": reject("unit-not-allowed", located=False),
    "family-changed": reject("family-mismatch", located=False),
    "no-reason": reject("reason-required"),
    "reason-but-charted": reject("reason-but-charted"),
    "noun-capitalised": reject("noun-capitalised"),
    "definition-two-sentences": reject("definition-not-one-sentence"),
    "definition-says-late": reject("quote-lacks-deadline", located=False),
    "refiled-without-average": reject("quote-lacks-average"),
    "refiled-without-threshold": reject("quote-lacks-threshold"),
    "adequate-on-4-tier": reject("adequate-on-4-tier", also={"grade-not-in-quote"}),
    "5-tier-before-2021": reject("wrong-scale-for-year"),
    "grade-not-in-quote": reject("grade-not-in-quote"),
    "date-not-in-quote": reject(
        "date-not-in-quote",
        also={"date-out-of-range", "month-not-first-day", "year-not-first-day"},
    ),
    "derived-kind": reject("derived-kind"),
    "reserved-id": reject("reserved-id"),
    "month-not-first-day": reject("month-not-first-day", also={"date-not-in-quote"}),
    "year-not-first-day": reject("year-not-first-day", also={"date-not-in-quote"}),
    "number-not-in-quote": reject("number-not-in-quote"),
    "text-not-in-quote": reject("text-not-in-quote"),
    "deadline-not-in-quote": reject(
        "deadline-not-in-quote", also=DATE_CHECKS | {"date-out-of-range"}
    ),
    "deadline-before-report": reject("deadline-before-report", also=DATE_CHECKS),
    "deadline-before-raised": reject("deadline-before-raised", also=DATE_CHECKS),
    "closed-without-fields": reject("closing-field-required"),
    "closed-on-while-open": reject("closed-on-while-not-closed"),
    "reported-without-quote": reject("reported-pair-incomplete"),
    "reported-while-open": reject("reported-while-not-closed", also={"closed-on-while-not-closed"}),
    "reported-after-closing-source": reject(
        "reported-after-closing-source", also={"quote-not-found"}
    ),
    "closing-date-not-in-quote": reject(
        "closing-date-not-in-quote", also={"date-out-of-range", "month-not-first-day"}
    ),
    "unknown-parent": reject("unknown-parent"),
    "parent-not-cause-of-concern": reject("parent-not-cause-of-concern"),
    "unknown-finding": reject("unknown-finding"),
    "text-and-quote-rewrapped": BUILDS,
    "no-url-no-document": reject("document-required"),
    "not-a-web-address": reject("not-a-web-address"),
    "web-page-without-url": reject("url-required"),
    "document-missing": reject("document-not-found"),
    "document-outside-folders": reject("document-outside-folders"),
    "document-is-a-link": reject("document-is-a-link"),
    "document-binary": reject("document-not-utf8", also={"checksum-mismatch"}),
    "document-path-too-long": reject("document-unreadable"),
    # another kept text: its quotes are not in it, nor is its sha256 the one recorded
    "document-other-text": reject("quote-not-found", also={"checksum-mismatch"}, located=False),
    "renamed-source": reject("unknown-source", also={"unknown-finding"}, located=False),
    "doc-delete": reject("document-not-found", located=False),
    "doc-not-utf8": reject("document-not-utf8", also={"checksum-mismatch"}, located=False),
    "doc-emptied": reject("quote-not-found", also={"checksum-mismatch"}, located=False),
    "doc-without-header": reject("passage-header", also={"checksum-mismatch"}, located=False),
    "doc-crlf": NEUTRAL,
    "doc-add-unrelated": NEUTRAL,
}


def expect(m: Mutation) -> Expect:
    """The build's required answer to mutation `m`."""
    t, c, k = m.table, m.column, m.kind
    if k in TARGETED and not (k == "unknown-source" and c is None):
        return TARGETED[k]
    if k == "negative":
        return (
            reject("negative-interval")
            if c == "ci_half_width"
            else reject("negative-value", also={"percent-out-of-range"})
        )
    if k in FILE_BUILDS:
        return FILE_BUILDS[k]
    if k in FILE:
        return FILE[k]
    if k == "cell-over-limit":
        return reject("cell-too-long", also=REF_LOSS)
    if k == "delete-file":
        return reject("no-files") if schema.BY_NAME[t].single_file else BUILDS
    if k == "rename-file":
        table = schema.BY_NAME[t]
        if table.single_file:
            return reject("no-files")
        return reject("wrong-file-for-source") if table.one_file_per_source else NEUTRAL
    if k == "delete-referenced-row":
        return reject(
            {
                "sources": "unknown-source",
                "families": "unknown-family",
                "metrics": "unknown-metric",
                "recommendations": "unknown-parent",
            }[t],
            also=REF_LOSS,
            located=False,
        )
    if k in CELL:
        also = consequences(t, c)
        if k == "not-an-id":
            also |= {
                "unknown-source",
                "unknown-family",
                "unknown-parent",
                "unknown-finding",
                "wrong-file-for-source",
            }
        if k == "date-out-of-range":
            also |= DATE_CHECKS
        return reject(CELL[k], also=also)
    if k == "unicode-digits":
        return reject(
            "not-a-date" if col_class(t, c) == "date" else "not-a-number", also=consequences(t, c)
        )
    if k == "pad":
        cls = col_class(t, c)
        if cls in ("id", "date", "double"):
            return NEUTRAL  # trimmed
        if cls == "choice":
            return reject("not-in-vocabulary", also=consequences(t, c))
        return reject("unknown-metric", located=(t == "measures"))
    if k == "append-words":
        if (t, c) in UNCHECKED:
            return BUILDS
        if c == "text":
            return reject("text-not-in-quote")
        return reject("unknown-metric", located=(t == "measures"))
    if k == "line-break":
        return BUILDS  # white space folds: the quote still matches, the text is still in it
    if k == "quote-not-in-document":
        return reject("quote-not-found", also=QUOTE_EDIT)
    raise KeyError(f"no expectation for {m.name}")


def codes_expected(mutations) -> set[str]:
    """Every code some mutation must make the build cite."""
    return {code for m in mutations for code in expect(m).codes}


# Codes are the build's: an expectation naming anything else is a typo.
_ALL = {c for e in [*FILE.values(), *TARGETED.values()] for c in e.codes | e.also}
_ALL |= set(CELL.values()) | {c for v in CONSEQUENCES.values() for c in v}
assert _ALL <= set(problems.CODES), sorted(_ALL - set(problems.CODES))
assert not {(t, c) for t, c in QUOTES if (t, c) in UNCHECKED}
