"""When each row became public: a source's publication date as its row states it, and
`public_on`, the one column every as-presented view filters by, given to every row of every
table here and nowhere else (the CSV tables, the Home Office series, its flags and
reconciliation, the source versions)."""

from __future__ import annotations

import re
from datetime import date, datetime

from pfcc.ingest.homeoffice.series import is_data_file


def year_of(source: dict) -> int | None:
    if source.get("published_on"):
        return source["published_on"].year
    m = re.search(r"\b(20\d\d)\b", source.get("published_label") or "")
    return int(m.group(1)) if m else None


def published_on(source: dict) -> date | None:
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


def public_on(source: dict) -> tuple[date | None, str]:
    """The day a source's contents were certainly public, and how that is known: its exact
    publication date; else, where its label is only a month ("September 2022"), that month's
    last day (never earlier than the truth); else unknown. A year alone ("2015") is often the
    inspection's year, not the publication's, so it gives no date."""
    if source.get("published_on"):
        return source["published_on"], "exact"
    label = (source.get("published_label") or "").strip()
    m = re.fullmatch(r"([A-Z][a-z]+)\s+(20\d\d)", label)
    if m:
        try:
            first = datetime.strptime(f"1 {m.group(1)} {m.group(2)}", "%d %B %Y").date()
        except ValueError:
            return None, "unknown"
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1), "end of the month stated"
    return None, "unknown"


class PublicDays:
    """The day every row became public, from the sources' rows: a row is public when its
    source is, with the exceptions `row` states."""

    def __init__(self, sources: list[dict]):
        self.of = {s["source_id"]: public_on(s) for s in sources}
        self.by_document = {
            s["document"]: self.of[s["source_id"]][0] for s in sources if s.get("document")
        }
        # the last of the statistical data files (the Home Office series) to become public
        series = [self.of[s["source_id"]][0] for s in sources if is_data_file(s.get("document"))]
        self.series = max((d for d in series if d is not None), default=None)

    def day(self, table: str, row: dict) -> date | None:
        """The day `row` of `table` became public."""
        if table == "outcome_flags":
            # a flag names the file it reads, or none where it reads the series as a whole:
            # then it is public when the last of the series' files is
            return self.by_document.get(row.get("file")) or self.series
        day = self.of[row["source_id"]][0]
        if table == "sources":
            return day
        if table == "grades":  # the grade's own publication date, where its row states it
            return public_on(row)[0] or day
        if table == "milestones" and row["kind"] == "inspection published":
            if row["date_precision"] == "day":  # a publication is public on its own day
                return row["event_date"] if day is None else min(day, row["event_date"])
        return day

    def stamp(self, table: str, row: dict) -> dict:
        """`row` with its `public_on`; a source's also says how that is known, and a
        recommendation's closure became public with the source that records it, or with an
        earlier one that reported it undated (reported_source_id), whichever came first."""
        out = row | {"public_on": self.day(table, row)}
        if table == "sources":
            out["public_on_basis"] = self.of[row["source_id"]][1]
        if table == "recommendations":  # the earlier of the dated source and the report
            days = [
                self.of[sid][0]
                for sid in (row.get("closed_source_id"), row.get("reported_source_id"))
                if sid and self.of[sid][0] is not None
            ]
            out["closure_public_on"] = min(days, default=None)
        return out
