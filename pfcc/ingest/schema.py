"""The tables of data/staffordshire.duckdb: one specification drives both the CSV validation
and the DDL (written from it by `pfcc.ingest.ddl`), so the rules a contributor reads in an error
message
are the database's rules."""

from __future__ import annotations

from datetime import date

from pfcc.ingest.tabledef import LIST_SEPARATOR as LIST_SEPARATOR
from pfcc.ingest.tabledef import Column, Table

EARLIEST = date(2014, 1, 1)
LATEST = date(2026, 12, 31)

TIERS = ("inspection", "official statistics", "force or commissioner statement", "secondary")
GEOGRAPHIES = ("Staffordshire", "England and Wales", "United Kingdom")
UNITS = (
    "percent",
    "seconds",
    "minutes",
    "count",
    "per 1,000 population",
    "per 1,000 households",
    "per 100 offences",
    "per million population",
    "rank",
    "pounds",
    "months",
    "years",
)
QUALIFIERS = (
    "about",
    "around",
    "nearly",
    "more than",
    "over",
    "less than",
    "under",
    "up to",
    "at least",
)
GRADES = ("Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate")
SCALES = ("4-tier", "5-tier")
THEMES = (
    "overall",
    "preventing crime",
    "investigating crime",
    "protecting vulnerable people",
    "responding to the public",
    "managing offenders",
    "serious and organised crime",
    "crime recording",
    "treatment of the public",
    "workforce",
    "use of resources",
)
PRECISIONS = ("day", "month")
# A milestone may know only its year ("Earlier this year, ..."): stored as 1 January of it.
EVENT_PRECISIONS = (*PRECISIONS, "year")
MILESTONE_KINDS = (
    "inspection published",
    "inspection fieldwork",
    "cause of concern raised",
    "cause of concern closed",
    "Engage entered",
    "Engage exited",
    "revisit",
    "grade changed",
    "recommendation due",
    "other",
)
# `recommendation due` milestones are derived by the build from recommendations.due_on.
MILESTONE_KINDS_IN_CSV = tuple(k for k in MILESTONE_KINDS if k != "recommendation due")
REC_KINDS = ("cause of concern", "recommendation", "area for improvement")
STATUSES = ("open", "closed", "unknown")
BETTER = ("higher", "lower", "neither")  # which way a metric improves
CHARTED = ("yes", "no")


SOURCES = Table(
    name="sources",
    key="source_id",
    folder="sources",
    one_file_per_source=False,
    columns=(
        Column("source_id", "id", True, doc="short stable id"),
        Column("title", "text", True),
        Column("publisher", "text", True),
        Column("published_label", "text", True, doc="the date as the document gives it"),
        Column("published_on", "date", doc="exact date where known"),
        Column("url", "text", doc="public address; required where the document is a kept web page"),
        Column(
            "document",
            "text",
            doc="path of the kept text (or data file) the quotes are checked against; required",
        ),
        Column("tier", "text", True, TIERS),
        Column(
            "title_note",
            "text",
            optional=True,
            doc="how the title was found where the document gives none; never shown as the title",
        ),
        Column(
            "date_note",
            "text",
            optional=True,
            doc="where published_on comes from, e.g. a 'last updated' stamp, with the evidence",
        ),
        Column(
            "sha256",
            "text",
            optional=True,
            doc="the sha256 of the document, as `sha256sum` prints it; required",
        ),
        Column(
            "public_on",
            "date",
            derived=True,
            doc="published_on, else the last day of the month published_label names; else "
            "empty: unknown, so its rows are shown in no as-presented view",
        ),
        Column(
            "public_on_basis",
            "text",
            derived=True,
            doc="'exact', 'end of the month stated' or 'unknown'",
        ),
    ),
    checks=("document IS NOT NULL",),
)

FAMILIES_TABLE = Table(
    name="families",
    key="family",
    folder="families.csv",
    one_file_per_source=False,
    columns=(
        Column("family", "id", True, doc="the name measures.family and metrics.family use"),
        Column("name", "text", True, doc="its heading on Since the last meeting"),
        Column("sources_name", "text", doc="its name on the Sources page, where not name"),
        Column("page", "text", True, doc="the registry page that charts it (its slug)"),
    ),
)

METRICS = Table(
    name="metrics",
    key="metric",
    folder="metrics.csv",
    one_file_per_source=False,
    columns=(
        Column("metric", "text", True, doc="the name measures.metric uses"),
        Column("family", "id", True, references="families.family", doc="every measure's family"),
        Column(
            "units",
            "text",
            True,
            UNITS,
            is_list=True,
            doc="the allowed units, `;`-separated; the first is the one a chart draws in",
        ),
        Column("better", "text", True, BETTER, doc="which way the figure improves"),
        Column("noun", "text", True, doc="a lower-case noun phrase for generated sentences"),
        Column("charted", "text", True, CHARTED, doc="whether a chart draws it"),
        Column("not_charted_reason", "text", doc="why not, where charted is 'no'"),
        Column("definition", "text", True, doc="one plain sentence: what the metric measures"),
    ),
    checks=(
        "charted = 'yes' OR not_charted_reason IS NOT NULL",
        "charted = 'no' OR not_charted_reason IS NULL",
        "definition LIKE '%.'",
    ),
)

MEASURES = Table(
    name="measures",
    key="measure_id",
    folder="measures",
    columns=(
        Column("measure_id", "id", True),
        Column("family", "id", True, references="families.family"),
        Column(
            "metric", "text", True, references="metrics.metric", doc="a name from data/metrics.csv"
        ),
        Column("breakdown", "text"),
        Column("geography", "text", True, GEOGRAPHIES),
        Column("period_label", "text", True),
        Column("period_start", "date"),
        Column("period_end", "date", True),
        Column(
            "period_length",
            "text",
            True,
            doc="the window: the length of period_start..period_end ('month', '3 months'), "
            "else the length the quote states ('week'), else 'not stated'",
        ),
        Column("value", "double", True),
        Column(
            "qualifier", "text", choices=QUALIFIERS, doc="'about', 'nearly'… as the source says"
        ),
        Column("unit", "text", True, UNITS),
        Column("ci_half_width", "double"),
        Column("comparability", "text"),
        Column("source_id", "id", True, references="sources.source_id"),
        Column("quote", "text", True),
        Column(
            "value_as_written",
            "text",
            derived=True,
            doc="the figure as its quote writes it (17.0, 6,700): shown, never re-rounded",
        ),
        Column(
            "public_on",
            "date",
            derived=True,
            doc="the day this row became public: its source's publication date (see sources)",
        ),
    ),
    checks=(
        "unit <> 'percent' OR value BETWEEN 0 AND 100",
        "unit <> 'count' OR (value >= 0 AND value = floor(value))",
        "value >= 0",
        "ci_half_width IS NULL OR ci_half_width >= 0",
        "period_start IS NULL OR period_start <= period_end",
    ),
)

GRADES_TABLE = Table(
    name="grades",
    key="grade_id",
    folder="grades",
    columns=(
        Column("grade_id", "id", True),
        Column("inspection", "text", True),
        Column("published_label", "text", True),
        Column("published_on", "date"),
        Column("area", "text", True),
        Column("theme", "text", True, THEMES),
        Column("grade", "text", True, GRADES),
        Column("scale", "text", True, SCALES),
        Column("source_id", "id", True, references="sources.source_id"),
        Column("quote", "text", True),
        Column(
            "public_on",
            "date",
            derived=True,
            doc="the day this row became public: the grade's own published_on or month, else "
            "its source's",
        ),
    ),
    checks=("NOT (grade = 'Adequate' AND scale = '4-tier')",),
)

MILESTONES = Table(
    name="milestones",
    key="milestone_id",
    folder="milestones",
    columns=(
        Column("milestone_id", "id", True),
        Column("event_date", "date", True),
        Column("date_precision", "text", True, EVENT_PRECISIONS),
        Column("kind", "text", True, MILESTONE_KINDS),
        Column("title", "text", True),
        Column("detail", "text"),
        Column("source_id", "id", True, references="sources.source_id"),
        Column("quote", "text", True),
        Column(
            "public_on",
            "date",
            derived=True,
            doc="the day this row became public: its source's publication date (see sources)",
        ),
    ),
)

RECOMMENDATIONS = Table(
    name="recommendations",
    key="rec_id",
    folder="recommendations",
    columns=(
        Column("rec_id", "id", True),
        Column("source_id", "id", True, references="sources.source_id"),
        Column("kind", "text", True, REC_KINDS),
        Column("number", "text"),
        Column("parent_id", "id", doc="the cause of concern a recommendation belongs to"),
        Column("text", "text", True),
        Column("raised_on", "date"),
        Column("due_on", "date"),
        Column("status", "text", True, STATUSES),
        Column("closed_on", "date"),
        Column("closed_precision", "text", choices=PRECISIONS),
        Column("closed_source_id", "id", references="sources.source_id"),
        Column("closed_quote", "text"),
        Column(
            "reported_source_id",
            "id",
            references="sources.source_id",
            optional=True,
            doc="an earlier source that reports the closure without dating it (with"
            " reported_quote; only for a closed item, published no later than closed_source_id)",
        ),
        Column(
            "reported_quote",
            "text",
            optional=True,
            doc="the passage, in reported_source_id's kept text, that reports the closure",
        ),
        Column("quote", "text", True),
        Column(
            "public_on",
            "date",
            derived=True,
            doc="the day this row became public: its source's publication date (see sources)",
        ),
        Column(
            "closure_public_on",
            "date",
            derived=True,
            doc="the day the closure became public: the earlier of the publication dates of"
            " closed_source_id and reported_source_id",
        ),
    ),
    checks=(
        "status <> 'closed' OR (closed_on IS NOT NULL AND closed_source_id IS NOT NULL"
        " AND closed_quote IS NOT NULL AND closed_precision IS NOT NULL)",
        "closed_on IS NULL OR status = 'closed'",
        "(reported_source_id IS NULL) = (reported_quote IS NULL)",
        "reported_source_id IS NULL OR status = 'closed'",
    ),
)

FINDING_EVIDENCE = Table(
    name="finding_evidence",
    key="link_id",
    folder="scorecard",
    one_file_per_source=False,
    columns=(
        Column(
            "link_id",
            "text",
            True,
            derived=True,
            doc="finding_id and metric joined by ' | ': one link a finding and metric",
        ),
        Column(
            "finding_id",
            "text",
            True,
            doc="what the inspectorate asked to change: a recommendations.rec_id, or"
            " 'grade:<source_id>/<theme>' for a graded area",
        ),
        Column(
            "metric",
            "text",
            True,
            references="metrics.metric",
            doc="a metric whose figures show whether it changed (data/metrics.csv)",
        ),
        Column("source_id", "id", True, references="sources.source_id"),
        Column(
            "quote",
            "text",
            True,
            doc="the inspectorate's words naming what must improve, verbatim from the source",
        ),
        Column("note", "text", doc="why this metric evidences the finding"),
        Column(
            "public_on",
            "date",
            derived=True,
            doc="the day this row became public: its source's publication date (see sources)",
        ),
    ),
)

# In the order they are created: a table comes after the tables it references.
TABLES: tuple[Table, ...] = (
    SOURCES,
    FAMILIES_TABLE,
    METRICS,
    MEASURES,
    GRADES_TABLE,
    MILESTONES,
    RECOMMENDATIONS,
    FINDING_EVIDENCE,
)
BY_NAME = {t.name: t for t in TABLES}
