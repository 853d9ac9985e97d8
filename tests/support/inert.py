"""Markup in the data, for tests/test_markup_inert.py: a copy of data/ with a payload of HTML
appended to every free-text cell of every table the build reads, and every chart's figure as
JSON, built in a process of its own on a given database.

    PFCC_DB=path/to/db python -m tests.support.inert figures MEETING OUT.json

The payload is what a careless or hostile edit of a CSV could bring: a link, a styled span, an
image and the end of a script element. It ends in a letter, so that a recommendation's number
carrying it is still a whole word of its quote."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import date
from pathlib import Path

from pfcc.hashing import content_hash
from pfcc.ingest import schema

PAYLOAD = (
    ' <a href="https://example.invalid/x" id="pfcc-injected">link</a>'
    '<span style="color:red" id="pfcc-injected-span">s</span>'
    '<img src="x" id="pfcc-injected-img"></script>z'
)
# How the payload's start reads once escaped for Plotly: proof that it reached a figure.
ESCAPED = '&lt;a href="https://example.invalid/x"'
SHOWN = '<a href="https://example.invalid/x"'  # and as a reader sees it, as text

# Free text, by table, that the build checks against nothing but its own rules. Not mutated:
# ids, dates, numbers and choices (the build rejects anything but their values), metric names
# (stories ask for them by name) and quotes (found verbatim in their documents), except where a
# recommendation's number and text must be in its quote: there the quote gains them too, and its
# document the quote.
TEXT_COLUMNS = {
    "sources": ("title", "publisher", "published_label", "title_note", "date_note"),
    "metrics": ("noun", "not_charted_reason"),
    "measures": ("breakdown", "period_label", "comparability"),
    "grades": ("inspection", "published_label", "area"),
    "milestones": ("title", "detail"),
    "recommendations": ("number", "text"),
    "families": ("name", "sources_name"),
    "finding_evidence": ("note",),
}


def _kept_breakdowns() -> set[str]:
    """Breakdowns a story or query asks for by name: changed, their charts would be empty."""
    from pfcc.stories.outcomes import FIGURE4_ORDER
    from pfcc.stories.recording import ALL_CRIME

    return set(FIGURE4_ORDER) | {ALL_CRIME, "Charged/summonsed"}


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")


def inject(data: Path) -> dict[str, int]:
    """Append PAYLOAD to every non-empty free-text cell of the copy `data`; returns how many
    cells changed per `table.column`."""
    kept = _kept_breakdowns()
    documents = {}  # source_id -> its document's path, read before anything changes
    for path in schema.SOURCES.files(data):
        header, rows = _read(path)
        for r in rows:
            d = dict(zip(header, r))
            if d.get("document"):
                documents[d["source_id"]] = data.parent / d["document"]
    counts: dict[str, int] = {}
    appended: dict[Path, list[str]] = {}  # document -> quotes to add to it
    for table in schema.TABLES:
        for path in table.files(data):
            header, rows = _read(path)
            for r in rows:
                if not any(c.strip() for c in r):
                    continue
                d = dict(zip(header, r))
                for col in TEXT_COLUMNS[table.name]:
                    if col not in header or not d[col].strip():
                        continue
                    if col == "breakdown" and d[col] in kept:
                        continue
                    if (table.name, col) == ("sources", "published_label") and not d.get(
                        "published_on"
                    ):
                        continue  # a month alone dates the source: it must stay readable
                    r[header.index(col)] = d[col] = d[col] + PAYLOAD
                    counts[f"{table.name}.{col}"] = counts.get(f"{table.name}.{col}", 0) + 1
                if table.name == "recommendations":
                    quote = " ".join(
                        [d["quote"], d["text"]] + ([d["number"]] if d["number"] else [])
                    )
                    r[header.index("quote")] = quote
                    if d["source_id"] in documents:
                        appended.setdefault(documents[d["source_id"]], []).append(quote)
            _write(path, header, rows)
    for doc, quotes in appended.items():
        with doc.open("a", encoding="utf-8") as f:
            f.write("\n\n" + "\n\n".join(quotes) + "\n")
    _record_checksums(data, set(appended))
    return counts


def _record_checksums(data: Path, changed: set[Path]) -> None:
    """The documents the quotes were added to get their new sha256 in their sources' rows, as
    a contributor records it after changing a kept text."""
    for path in schema.SOURCES.files(data):
        header, rows = _read(path)
        if "sha256" not in header:
            continue
        for r in rows:
            d = dict(zip(header, r))
            doc = data.parent / d["document"] if d.get("document") else None
            if doc in changed and d.get("sha256"):
                r[header.index("sha256")] = content_hash(doc.read_bytes())
        _write(path, header, rows)


# --- what a figure says ---------------------------------------------------------------------------

OWN_MARKUP = re.compile(r"</?(?:b|br|extra)>")  # the only tags the chart builders write


def strings(obj, where: str = ""):
    """Every string in a figure's JSON, with where it is (`layout.yaxis.ticktext[3]`)."""
    if isinstance(obj, str):
        yield where, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from strings(v, f"{where}.{k}" if where else k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from strings(v, f"{where}[{i}]")


def live_markup(figure: dict) -> list[tuple[str, str]]:
    """The strings of a figure with markup Plotly would draw that is not the builders' own."""
    return [(w, s) for w, s in strings(figure) if "<" in OWN_MARKUP.sub("", s)]


def figures(meeting: date) -> dict[str, str]:
    """Every chart's figure as JSON: each page's charts as first opened, each slide, and the
    meeting pack's charts on `meeting`."""
    from plotly.io._json import to_json

    from pfcc import registry
    from pfcc.render.site.pages import default_specs

    out = {}
    for page in registry.PAGES:
        for spec in default_specs(page):
            out[f"page {page.slug} {spec.key}"] = to_json(spec.figure, validate=False)
    for slide in registry.slides():
        if slide.chart is not None:
            out[f"slide {slide.number}"] = to_json(slide.build().figure, validate=False)
    for slide in registry.pack_charts():
        if slide.chart is not None:
            out[f"pack {slide.number}"] = to_json(slide.build(meeting).figure, validate=False)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] != "figures":
        print("usage: python -m tests.support.inert figures MEETING OUT.json", file=sys.stderr)
        return 2
    got = figures(date.fromisoformat(argv[1]))
    Path(argv[2]).write_text(json.dumps(got), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
