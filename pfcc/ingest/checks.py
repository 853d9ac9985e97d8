"""The rules across rows: references resolve, every quote is in its document, every figure,
grade, date and deadline is in its quote, and the vocabulary holds."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from pfcc.ingest import meanings, rules, schema
from pfcc.ingest.problems import Problem
from pfcc.ingest.reading import Documents, Row
from pfcc.ingest.textcheck import fold, near_miss

KEEP_THE_TEXT = (
    "a source keeps the text its quotes come from: save the passage as read under"
    " data/documents/ (a web page as web-<source_id>.txt, opening with its Address: and Read:"
    " lines, as docs/kept-passages.md describes), name it here and record its sha256"
)
_HEADER = re.compile(r"^Address: \S+$.*^Read: \d{4}-\d{2}-\d{2}\b.*?^---$", re.M | re.S)


def is_web_passage(document: str) -> bool:
    """A kept web page's passage: data/documents/web-<source_id>.txt."""
    folder, _, name = document.rpartition("/")
    return folder.endswith("documents") and name.startswith("web-")


def passage_header(text: str) -> bool:
    """The kept passage opens with the address read and the day it was read, then '---'."""
    head = text.split("\n---", 1)[0] + "\n---"
    return bool(_HEADER.search(head.replace("\r\n", "\n")))


def _unknown_reference(ref_table: str, value: str, known: dict) -> tuple[str, str]:
    """The rule and code for a reference to a row that does not exist."""
    if ref_table == "metrics":
        close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.8)
        hint = f"; close names: {', '.join(repr(c) for c in close)}" if close else ""
        return (f"unknown metric {value[:120]!r} (not in data/metrics.csv{hint})", "unknown-metric")
    if ref_table == "families":
        names = ", ".join(repr(f[:40]) for f in known)
        rule = f"unknown family {value[:120]!r} (data/families.csv has: {names})"
        return rule, "unknown-family"
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
        if not v.get("document"):
            problems.append(Problem(r.file, r.line, "document", KEEP_THE_TEXT, "document-required"))
        elif is_web_passage(v["document"]) and not v.get("url"):
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    "url",
                    f"{v['document']} is a kept web page: give the page's address",
                    "url-required",
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
            elif is_web_passage(v["document"]) and not passage_header(docs.texts[v["document"]]):
                problems.append(
                    Problem(
                        v["document"],
                        1,
                        None,
                        "a kept web passage opens with its 'Address: <the page read>' and"
                        " 'Read: YYYY-MM-DD, from …' lines, then a line '---' (see"
                        " docs/kept-passages.md)",
                        "passage-header",
                    )
                )
    for r in tables["metrics"]:
        rules.check_metric(r, problems)
        meanings.check_definition(r, problems)

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
                    f"quote not found verbatim in {src['document']}: {fold(quote)[:80]!r};"
                    f" {near_miss(quote, docs.texts[src['document']])}",
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
            if name in ("sources", "families", "metrics"):
                continue
            src = check_quote(r, "quote")
            quote = v.get("quote") or ""
            if name == "measures":
                metric = keyed["metrics"].get(v.get("metric"))
                rules.check_measure(r, quote, metric, problems)
                meanings.check_meaning(r, quote, metric, problems)
            elif name == "grades":
                rules.check_grade(r, quote, problems)
            elif name == "milestones":
                rules.check_milestone(r, quote, src, problems)
            elif name == "finding_evidence":
                check_finding(r, keyed, problems)
            elif name == "recommendations":
                rules.check_recommendation(r, quote, src, keyed, problems)
                if v.get("closed_quote"):
                    check_quote(r, "closed_quote", "closed_source_id")
                if v.get("reported_quote"):
                    check_quote(r, "reported_quote", "reported_source_id")


GRADE_FINDING = "grade:"  # a graded area as a finding: grade:<source_id>/<theme>


def link_id(v: dict) -> str | None:
    """A finding_evidence row's key: its finding and metric."""
    if not v.get("finding_id") or not v.get("metric"):
        return None
    return f"{v['finding_id']} | {v['metric']}"


def check_finding(r: Row, keyed: dict[str, dict[str, dict]], problems: list[Problem]) -> None:
    """A link's finding exists: a recommendation, or a graded area ('grade:<source_id>/<theme>')
    that source grades."""
    finding = r.values.get("finding_id")
    if not finding:
        return
    if finding.startswith(GRADE_FINDING):
        sid, _, theme = finding.removeprefix(GRADE_FINDING).partition("/")
        known = any(
            g.get("source_id") == sid and g.get("theme") == theme for g in keyed["grades"].values()
        )
        what = f"no grade of theme {theme!r} from source {sid!r} in data/grades"
    else:
        known = finding in keyed["recommendations"]
        what = (
            f"no recommendation {finding!r} in data/recommendations"
            " (or write grade:<source_id>/<theme>)"
        )
    if not known:
        problems.append(Problem(r.file, r.line, "finding_id", what, "unknown-finding"))
