"""The ways to damage a copy of data/: each Mutation names a table, a column (None for the whole
file) and a kind; `apply` performs it on a work copy and says where it did it. What the build
must make of each one is in expectations.py, not here."""

from __future__ import annotations

from harness.fuzz.kinds_form import FormKinds
from harness.fuzz.kinds_rules import RuleKinds
from harness.fuzz.kinds_sources import SourceKinds
from harness.fuzz.model import QUOTES, UNCHECKED, Mutation, col_class
from pfcc.ingest import schema


class Mutator(FormKinds, RuleKinds, SourceKinds):
    """Applies one mutation to the work copy, which is pristine when `apply` is called: every
    kind, `k_<kind>`, from the mixins."""


# --- the catalogue -------------------------------------------------------------------------------

FILE_KINDS = (
    "duplicate-row",
    "duplicate-row-new-key",
    "delete-row",
    "delete-referenced-row",
    "short-row",
    "extra-field",
    "add-column",
    "unclosed-quote",
    "truncate-in-quoted-cell",
    "truncate-at-row",
    "cp1252",
    "utf-16",
    "bom",
    "double-bom",
    "lf-endings",
    "trailing-blank-lines",
    "spreadsheet-save",
    "delete-file",
    "delete-folder",
    "rename-file",
    "add-empty-file",
    "add-header-only-file",
    "add-directory-csv",
    "add-symlink-csv",
)
HEADER_KINDS = (
    "header-delete",
    "header-rename",
    "header-duplicate",
    "header-reorder",
    "header-padding",
)
TARGETED = (
    ("measures", "value", "percent-over-100"),
    ("measures", "value", "count-fraction"),
    ("measures", "value", "negative"),
    ("measures", "ci_half_width", "negative"),
    ("measures", "value", "figure-not-in-quote"),
    ("measures", "ci_half_width", "interval-not-in-quote"),
    ("measures", "period_start", "start-after-end"),
    ("measures", "period_length", "length-mismatch"),
    ("measures", "period_length", "length-not-in-quote"),
    ("measures", "quote", "figure-removed"),
    ("measures", "metric", "metric-typo"),
    ("measures", "unit", "other-metric-unit"),
    ("measures", "family", "other-family"),
    ("measures", "source_id", "other-source"),
    ("grades", "source_id", "other-source"),
    ("milestones", "source_id", "other-source"),
    ("metrics", "units", "repeated-unit"),
    ("metrics", "units", "unit-withdrawn"),
    ("metrics", "family", "family-changed"),
    ("metrics", "not_charted_reason", "no-reason"),
    ("metrics", "charted", "reason-but-charted"),
    ("metrics", "noun", "noun-capitalised"),
    ("metrics", "definition", "definition-two-sentences"),
    ("metrics", "definition", "definition-says-late"),
    ("measures", "metric", "refiled-without-average"),
    ("measures", "metric", "refiled-without-threshold"),
    ("grades", "grade", "adequate-on-4-tier"),
    ("grades", "scale", "5-tier-before-2021"),
    ("grades", "grade", "grade-not-in-quote"),
    ("milestones", "event_date", "date-not-in-quote"),
    ("milestones", "kind", "derived-kind"),
    ("milestones", "milestone_id", "reserved-id"),
    ("milestones", "date_precision", "month-not-first-day"),
    ("milestones", "date_precision", "year-not-first-day"),
    ("recommendations", "number", "number-not-in-quote"),
    ("recommendations", "text", "text-not-in-quote"),
    ("recommendations", "due_on", "deadline-not-in-quote"),
    ("recommendations", "due_on", "deadline-before-report"),
    ("recommendations", "due_on", "deadline-before-raised"),
    ("recommendations", "status", "closed-without-fields"),
    ("recommendations", "closed_on", "closed-on-while-open"),
    ("recommendations", "closed_on", "closing-date-not-in-quote"),
    ("recommendations", "parent_id", "unknown-parent"),
    ("recommendations", "parent_id", "parent-not-cause-of-concern"),
    ("recommendations", "text", "text-and-quote-rewrapped"),
    ("recommendations", "closed_source_id", "unknown-source"),
    ("recommendations", "reported_quote", "reported-without-quote"),
    ("recommendations", "status", "reported-while-open"),
    ("recommendations", "reported_source_id", "reported-after-closing-source"),
    ("finding_evidence", "finding_id", "unknown-finding"),
    ("sources", "url", "no-url-no-document"),
    ("sources", "url", "not-a-web-address"),
    ("sources", "url", "web-page-without-url"),
    ("sources", "document", "document-missing"),
    ("sources", "document", "document-outside-folders"),
    ("sources", "document", "document-is-a-link"),
    ("sources", "document", "document-binary"),
    ("sources", "document", "document-path-too-long"),
    ("sources", "document", "document-other-text"),
    ("sources", "source_id", "renamed-source"),
    ("documents", None, "doc-delete"),
    ("documents", None, "doc-not-utf8"),
    ("documents", None, "doc-emptied"),
    ("documents", None, "doc-without-header"),
    ("documents", None, "doc-crlf"),
    ("documents", None, "doc-add-unrelated"),
)


def cell_kinds(table: str, col: str) -> list[str]:
    """The generic cell mutations that fit a column."""
    cls = col_class(table, col)
    column = schema.BY_NAME[table].column(col)
    kinds = ["nul-byte", "cell-over-limit"]
    if column.required:
        kinds.append("empty")
    if cls == "id":
        kinds += ["zero-width", "not-an-id", "pad"]
    elif cls == "date":
        kinds += ["impossible-date", "date-not-iso", "date-out-of-range", "unicode-digits", "pad"]
    elif cls == "double":
        kinds += ["not-a-number", "infinite", "unicode-digits", "pad"]
    elif cls == "choice":
        kinds += ["zero-width", "unknown-choice", "pad"]
    if (table, col) in UNCHECKED:
        kinds += ["append-words", "line-break"]
    if (table, col) in QUOTES:
        kinds += ["quote-not-in-document", "line-break"]
    if (table, col) in (("measures", "metric"), ("metrics", "metric")):
        kinds += ["pad", "append-words"]
    if (table, col) == ("recommendations", "text"):
        kinds += ["append-words", "line-break"]
    return kinds


def fits(t: schema.Table, kind: str) -> bool:
    """Whether a whole-file kind can apply to a table at all."""
    if t.single_file and kind.startswith("add-"):
        return False  # one fixed file: nothing to add beside it
    if kind == "delete-referenced-row":
        return t.name in ("sources", "families", "metrics", "recommendations")
    if kind in ("delete-row", "delete-file"):
        # every source, family and metric is in use
        return t.name not in ("sources", "families", "metrics")
    if kind == "truncate-at-row":
        return t.name in ("measures", "grades", "milestones")  # nothing names their rows
    return True


def catalogue() -> list[Mutation]:
    """Every mutation: each column's cell kinds, each table's file and header kinds, and the
    targeted ones that make a particular rule fire."""
    out: list[Mutation] = []
    for t in schema.TABLES:
        for c in t.columns:
            if c.derived or c.optional:  # optional: only the NOT_MUTATED files have it
                continue
            out += [Mutation(t.name, c.name, k) for k in cell_kinds(t.name, c.name)]
            out += [Mutation(t.name, c.name, k) for k in HEADER_KINDS]
        out += [Mutation(t.name, None, k) for k in FILE_KINDS if fits(t, k)]
    out += [Mutation(t, c, k) for t, c, k in TARGETED]
    return out
