"""The rules of one row of each table: a measure's value is in its quote and fits its
metric, a grade fits its scale, a milestone's date and a recommendation's deadline are
stated where they say. `checks.check_rows` calls these after resolving references; when a
source was published (`year_of`, `published_on`) is read in `public`."""

from __future__ import annotations

import re

from pfcc import periods
from pfcc.ingest import schema
from pfcc.ingest.problems import Problem
from pfcc.ingest.public import published_on, year_of
from pfcc.ingest.reading import Row
from pfcc.ingest.textcheck import fold, states_date, states_grade, states_number


def check_metric(r: Row, problems: list[Problem]) -> None:
    v = r.values
    if v.get("charted") == "no" and not (v.get("not_charted_reason") or "").strip():
        problems.append(
            Problem(
                r.file,
                r.line,
                "not_charted_reason",
                "is required when charted is 'no' (say why the figure is not drawn)",
                "reason-required",
            )
        )
    if v.get("charted") == "yes" and v.get("not_charted_reason"):
        problems.append(
            Problem(
                r.file,
                r.line,
                "not_charted_reason",
                "is set but charted is 'yes'",
                "reason-but-charted",
            )
        )
    noun = v.get("noun") or ""
    if noun[:1].isupper():
        problems.append(
            Problem(
                r.file,
                r.line,
                "noun",
                f"{noun[:60]!r} starts with a capital: it is used inside"
                " sentences (write 'average 999 answer time')",
                "noun-capitalised",
            )
        )


def check_measure(r: Row, quote: str, metric: dict | None, problems: list[Problem]) -> None:
    v = r.values
    if metric is not None:
        if v.get("family") and metric.get("family") and v["family"] != metric["family"]:
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "family",
                    f"{v['family']!r} differs from the family of metric"
                    f" {v['metric']!r} in data/metrics.csv"
                    f" ({metric['family']!r})",
                    "family-mismatch",
                )
            )
        allowed = (metric.get("units") or "").split(schema.LIST_SEPARATOR)
        if v.get("unit") in schema.UNITS and metric.get("units") and v["unit"] not in allowed:
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "unit",
                    f"{v['unit']!r} is not a unit of metric {v['metric']!r}"
                    f" (data/metrics.csv allows: {', '.join(allowed)})",
                    "unit-not-allowed",
                )
            )
    value, unit = v.get("value"), v.get("unit")
    if value is None:
        return
    if value < 0:
        problems.append(
            Problem(
                r.file,
                r.line,
                "value",
                f"{value:g} is negative: record the figure as written and say"
                " fall/decrease in the metric",
                "negative-value",
            )
        )
    if unit == "percent" and not 0 <= value <= 100:
        problems.append(
            Problem(
                r.file,
                r.line,
                "value",
                f"{value:g} percent is outside 0–100",
                "percent-out-of-range",
            )
        )
    if unit == "count" and value != int(value):
        problems.append(
            Problem(r.file, r.line, "value", f"{value:g} is not a whole count", "count-not-whole")
        )
    if quote and not states_number(quote, value):
        problems.append(
            Problem(
                r.file,
                r.line,
                "value",
                f"the figure {value:g} is not stated in the quote",
                "value-not-in-quote",
            )
        )
    ci = v.get("ci_half_width")
    if ci is not None:
        if ci < 0:
            problems.append(
                Problem(r.file, r.line, "ci_half_width", "is negative", "negative-interval")
            )
        elif quote and not states_number(quote, ci):
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "ci_half_width",
                    f"the interval ±{ci:g} is not stated in the quote",
                    "interval-not-in-quote",
                )
            )
    if v.get("period_start") and v.get("period_end") and v["period_start"] > v["period_end"]:
        problems.append(
            Problem(r.file, r.line, "period_start", "is after period_end", "period-start-after-end")
        )
    if v.get("period_length"):
        wrong = periods.length_problem(
            v.get("period_start"), v.get("period_end"), v["period_length"], quote
        )
        if wrong:
            problems.append(Problem(r.file, r.line, "period_length", wrong[1], wrong[0]))


def check_grade(r: Row, quote: str, problems: list[Problem]) -> None:
    v = r.values
    if v.get("grade") in schema.GRADES and quote and not states_grade(quote, v["grade"]):
        problems.append(
            Problem(
                r.file,
                r.line,
                "quote",
                f"the grade {v['grade']!r} is not stated in the quote",
                "grade-not-in-quote",
            )
        )
    if v.get("grade") == "Adequate" and v.get("scale") == "4-tier":
        problems.append(
            Problem(
                r.file,
                r.line,
                "grade",
                "'Adequate' exists only on the 5-tier scale",
                "adequate-on-4-tier",
            )
        )
    year = re.search(r"\b(20[0-9]{2})\b", v.get("inspection") or "")
    if year and v.get("scale") in schema.SCALES:
        want = "5-tier" if int(year.group(1)) >= 2021 else "4-tier"
        if v["scale"] != want:
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "scale",
                    f"{v['inspection']} grades on the {want} scale (five tiers from 2021/22)",
                    "wrong-scale-for-year",
                )
            )


def check_milestone(r: Row, quote: str, src: dict | None, problems: list[Problem]) -> None:
    v = r.values
    if (v.get("milestone_id") or "").startswith("due/"):
        problems.append(
            Problem(
                r.file,
                r.line,
                "milestone_id",
                "ids starting 'due/' are kept for the deadlines the "
                "build derives from recommendations",
                "reserved-id",
            )
        )
    # a month is stored as its first day, a year as 1 January
    d, precision = v.get("event_date"), v.get("date_precision")
    first = {"month": (d.day == 1, "the month's first day")} if d else {}
    first |= {"year": ((d.month, d.day) == (1, 1), "the year's first day (1 January)")} if d else {}
    if precision in first and not first[precision][0]:
        problems.append(
            Problem(
                r.file,
                r.line,
                "event_date",
                f"a {precision}-precision date is stored as {first[precision][1]}",
                f"{precision}-not-first-day",
            )
        )
    if v.get("event_date") and v.get("date_precision") in schema.EVENT_PRECISIONS and quote:
        if not states_date(
            quote, v["event_date"], v["date_precision"], year_of(src) if src else None
        ):
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "event_date",
                    f"{v['event_date']} is not stated in the quote",
                    "date-not-in-quote",
                )
            )
    if v.get("kind") == "recommendation due":
        problems.append(
            Problem(
                r.file,
                r.line,
                "kind",
                "'recommendation due' is derived from recommendations.due_on; do not enter it",
                "derived-kind",
            )
        )


def _check_reported(r: Row, keyed: dict[str, dict[str, dict]], problems: list[Problem]) -> None:
    """An earlier source that reports a closure without dating it (reported_source_id with its
    reported_quote): both or neither, only for a closed item, and no later than the dated
    source (closed_source_id), or it tells nothing the dated source does not."""
    v = r.values
    sid, quote = v.get("reported_source_id"), v.get("reported_quote")

    def refuse(col: str, why: str, code: str) -> None:
        problems.append(Problem(r.file, r.line, col, why, code))

    if not sid and not quote:
        return
    if not (sid and quote):
        col, other = (
            ("reported_quote", "reported_source_id")
            if sid
            else ("reported_source_id", "reported_quote")
        )
        refuse(
            col,
            f"is required when {other} is set (the source that reports the closure and"
            " its words go together)",
            "reported-pair-incomplete",
        )
    if v.get("status") != "closed":
        col = "reported_source_id" if sid else "reported_quote"
        refuse(col, "a closure is reported but status is not 'closed'", "reported-while-not-closed")
        return
    reporter = keyed["sources"].get(sid) if sid else None
    closer = keyed["sources"].get(v.get("closed_source_id"))
    reported = published_on(reporter) if reporter else None
    dated = published_on(closer) if closer else None
    if reported and dated and reported > dated:
        refuse(
            "reported_source_id",
            f"{sid!r} ({reporter['published_label']}) is published after closed_source_id"
            f" {v['closed_source_id']!r} ({closer['published_label']}): it makes the"
            " closure public no earlier, so the pair is pointless; leave it out",
            "reported-after-closing-source",
        )


def check_recommendation(
    r: Row, quote: str, src: dict | None, keyed: dict[str, dict[str, dict]], problems: list[Problem]
) -> None:
    v = r.values
    if v.get("text") and quote and fold(v["text"]) not in fold(quote):
        problems.append(
            Problem(r.file, r.line, "text", "is not contained in the quote", "text-not-in-quote")
        )
    if v.get("number") and quote and not re.search(rf"\b{re.escape(v['number'])}\b", quote):
        problems.append(
            Problem(
                r.file,
                r.line,
                "number",
                f"{v['number']!r} is not stated in the quote",
                "number-not-in-quote",
            )
        )
    if v.get("due_on") and quote:
        if not states_date(quote, v["due_on"], "day", year_of(src) if src else None):
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "due_on",
                    f"{v['due_on']} is not stated in the quote",
                    "deadline-not-in-quote",
                )
            )
        published = published_on(src) if src else None
        if published and v["due_on"] < published:
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "due_on",
                    f"deadline {v['due_on']} is before its report ({src['published_label']})",
                    "deadline-before-report",
                )
            )
    if v.get("raised_on") and v.get("due_on") and v["due_on"] < v["raised_on"]:
        problems.append(
            Problem(r.file, r.line, "due_on", "is before raised_on", "deadline-before-raised")
        )
    if v.get("status") == "closed":
        for col in ("closed_on", "closed_precision", "closed_source_id", "closed_quote"):
            if not v.get(col):
                problems.append(
                    Problem(
                        r.file,
                        r.line,
                        col,
                        "is required when status is closed",
                        "closing-field-required",
                    )
                )
    elif v.get("closed_on"):
        problems.append(
            Problem(
                r.file,
                r.line,
                "closed_on",
                "is set but status is not 'closed'",
                "closed-on-while-not-closed",
            )
        )
    if v.get("closed_on") and v.get("closed_quote") and v.get("closed_precision"):
        closer = keyed["sources"].get(v.get("closed_source_id"))
        if not states_date(
            v["closed_quote"],
            v["closed_on"],
            v["closed_precision"],
            year_of(closer) if closer else None,
        ):
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "closed_on",
                    f"{v['closed_on']} is not stated in closed_quote",
                    "closing-date-not-in-quote",
                )
            )
    _check_reported(r, keyed, problems)
    if v.get("closed_precision") == "month" and v.get("closed_on") and v["closed_on"].day != 1:
        problems.append(
            Problem(
                r.file,
                r.line,
                "closed_on",
                "a month-precision date is stored as the month's first day",
                "month-not-first-day",
            )
        )
    if v.get("parent_id"):
        parents = keyed["recommendations"]
        if v["parent_id"] not in parents:
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "parent_id",
                    f"unknown recommendation {v['parent_id']!r}",
                    "unknown-parent",
                )
            )
        elif parents[v["parent_id"]].get("kind") != "cause of concern":
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "parent_id",
                    f"{v['parent_id']!r} is not a cause of concern",
                    "parent-not-cause-of-concern",
                )
            )
