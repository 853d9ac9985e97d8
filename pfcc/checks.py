"""The rules across rows: references resolve, every quote is in its document, every figure,
grade, date and deadline is in its quote, and the vocabulary holds."""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from pathlib import Path

from pfcc import schema
from pfcc.problems import Problem
from pfcc.reading import Documents, Row
from pfcc.textcheck import fold, states_date, states_grade, states_number


def _year_of(source: dict) -> int | None:
    if source.get("published_on"):
        return source["published_on"].year
    m = re.search(r"\b(20\d\d)\b", source.get("published_label") or "")
    return int(m.group(1)) if m else None


def _published(source: dict) -> date | None:
    if source.get("published_on"):
        return source["published_on"]
    label = source.get("published_label") or ""
    m = re.search(r"\b([A-Z][a-z]+)\s+(20\d\d)\b", label)
    if m:
        try:
            return datetime.strptime(f"1 {m.group(1)} {m.group(2)}", "%d %B %Y").date()
        except ValueError:
            return None
    return None


def _unknown_reference(ref_table: str, value: str, known: dict) -> tuple[str, str]:
    """The rule and code for a reference to a row that does not exist."""
    if ref_table == "metrics":
        close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.8)
        hint = f"; close names: {', '.join(repr(c) for c in close)}" if close else ""
        return (f"unknown metric {value[:120]!r} (not in data/metrics.csv{hint})", "unknown-metric")
    return f"unknown source {value[:120]!r} (not in data/sources)", "unknown-source"


def check_rows(
    tables: dict[str, list[Row]],
    docs: Documents,
    problems: list[Problem],
    absent: frozenset[str] = frozenset(),
) -> None:
    """Every rule that spans cells, rows or files. `absent`: tables with no file at all, whose
    references are not reported row by row (the missing file is the one problem)."""
    # keys unique across every file of a table
    for name, rows in tables.items():
        key = schema.BY_NAME[name].key
        seen: dict[str, Row] = {}
        for r in rows:
            k = r.values.get(key)
            if k is None:
                continue
            if k in seen:
                first = seen[k]
                problems.append(
                    Problem(
                        r.file,
                        r.line,
                        key,
                        f"duplicate key {k!r} (first at {first.file}, line {first.line})",
                        "duplicate-key",
                    )
                )
            else:
                seen[k] = r

    keyed = {
        name: {
            r.values[schema.BY_NAME[name].key]: r.values
            for r in rows
            if r.values.get(schema.BY_NAME[name].key) is not None
        }
        for name, rows in tables.items()
    }
    sources = keyed["sources"]
    for r in tables["sources"]:
        v = r.values
        if not v.get("url") and not v.get("document"):
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "url",
                    "a source needs a url or a document",
                    "url-or-document-required",
                )
            )
        if v.get("url") and not re.match(r"^https?://\S+$", v["url"]):
            problems.append(
                Problem(
                    r.file, r.line, "url", f"{v['url']!r} is not a web address", "not-a-web-address"
                )
            )
        if v.get("document"):
            failed = docs.load(v["document"])
            if failed:
                why, code = failed
                problems.append(
                    Problem(r.file, r.line, "document", f"{v['document'][:120]!r} {why}", code)
                )
    for r in tables["metrics"]:
        _check_metric(r, problems)

    def source_text(r: Row, sid_col: str = "source_id") -> tuple[str | None, dict | None]:
        src = sources.get(r.values.get(sid_col))
        if src is None:
            return None, None
        rel = src.get("document")
        return (docs.folded.get(rel) if rel else None), src

    def check_quote(r: Row, col: str, sid_col: str = "source_id") -> dict | None:
        quote = r.values.get(col)
        doc, src = source_text(r, sid_col)
        if src is None or quote is None:
            return src
        if doc is not None and fold(quote) not in doc:
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    col,
                    f"quote not found verbatim in {src['document']}: {fold(quote)[:80]!r}",
                    "quote-not-found",
                )
            )
        return src

    for name, rows in tables.items():
        table = schema.BY_NAME[name]
        for r in rows:
            v = r.values
            for c in table.columns:
                if not c.references or v.get(c.name) is None:
                    continue
                ref_table = c.references.split(".")[0]
                if ref_table not in absent and v[c.name] not in keyed[ref_table]:
                    rule, code = _unknown_reference(ref_table, v[c.name], keyed[ref_table])
                    problems.append(Problem(r.file, r.line, c.name, rule, code))
            if (
                table.one_file_per_source
                and v.get("source_id")
                and Path(r.file).stem != v["source_id"]
            ):
                problems.append(
                    Problem(
                        r.file,
                        r.line,
                        "source_id",
                        f"{v['source_id']!r} belongs in {table.folder}/"
                        f"{v['source_id']}.csv (one file per source)",
                        "wrong-file-for-source",
                    )
                )
            if name in ("sources", "metrics"):
                continue
            src = check_quote(r, "quote")
            quote = v.get("quote") or ""
            if name == "measures":
                _check_measure(r, quote, keyed["metrics"].get(v.get("metric")), problems)
            elif name == "grades":
                _check_grade(r, quote, problems)
            elif name == "milestones":
                _check_milestone(r, quote, src, problems)
            elif name == "recommendations":
                _check_recommendation(r, quote, src, keyed, problems)
                if v.get("closed_quote"):
                    check_quote(r, "closed_quote", "closed_source_id")


def _check_metric(r: Row, problems: list[Problem]) -> None:
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


def _check_measure(r: Row, quote: str, metric: dict | None, problems: list[Problem]) -> None:
    v = r.values
    if metric is not None:
        if (
            v.get("family") in schema.FAMILIES
            and metric.get("family") in schema.FAMILIES
            and v["family"] != metric["family"]
        ):
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


def _check_grade(r: Row, quote: str, problems: list[Problem]) -> None:
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


def _check_milestone(r: Row, quote: str, src: dict | None, problems: list[Problem]) -> None:
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
    if v.get("date_precision") == "month" and v.get("event_date") and v["event_date"].day != 1:
        problems.append(
            Problem(
                r.file,
                r.line,
                "event_date",
                "a month-precision date is stored as the month's first day",
                "month-not-first-day",
            )
        )
    if v.get("event_date") and v.get("date_precision") in schema.PRECISIONS and quote:
        if not states_date(
            quote, v["event_date"], v["date_precision"], _year_of(src) if src else None
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


def _check_recommendation(
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
        if not states_date(quote, v["due_on"], "day", _year_of(src) if src else None):
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "due_on",
                    f"{v['due_on']} is not stated in the quote",
                    "deadline-not-in-quote",
                )
            )
        published = _published(src) if src else None
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
            _year_of(closer) if closer else None,
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
