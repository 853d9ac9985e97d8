"""Mutations of dates, recommendations, sources and their documents: what each quote and
document must state."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from harness.fuzz.model import Applied, CsvFile, MutatorBase
from pfcc.ingest import schema
from pfcc.ingest.textcheck import states_date


class SourceKinds(MutatorBase):
    # -- milestones --

    def _date_not_stated(self, rng, table, col, quote_col, prec_col, pred):
        """A date moved by a year, checked not to be written in the quote however read."""

        def moved(d):
            old = date.fromisoformat(d[col])
            prec = d.get(prec_col, "day") if prec_col else "day"
            prec = prec if prec in schema.PRECISIONS else "day"
            # a year earlier; else, where the quote's month is read in any year, another month
            candidates = [old.replace(year=y, day=min(old.day, 28)) for y in (old.year - 1,)]
            candidates += [
                date(old.year + (old.month - 1 + k) // 12, (old.month - 1 + k) % 12 + 1, 1)
                for k in (-1, 1, -2, 2)
            ]
            for new in candidates:
                if 2014 <= new.year <= 2026 and not states_date(d[quote_col], new, prec, new.year):
                    return new.isoformat()
            return None

        return self._set(rng, table, col, lambda d: pred(d) and d[col] and moved(d), moved)

    def k_date_not_in_quote(self, m, rng):
        return self._date_not_stated(
            rng, "milestones", "event_date", "quote", "date_precision", lambda d: True
        )

    def k_derived_kind(self, m, rng):
        return self._set(rng, "milestones", "kind", None, lambda d: "recommendation due")

    def k_reserved_id(self, m, rng):
        due = sorted(r for r, d in self.m.recs.items() if d["due_on"])
        return self._set(
            rng, "milestones", "milestone_id", None, lambda d: "due/" + rng.choice(due + ["x"])
        )

    def k_month_not_first_day(self, m, rng):
        a = self._set(
            rng,
            "milestones",
            "date_precision",
            lambda d: d["date_precision"] == "day" and not d["event_date"].endswith("-01"),
            lambda d: "month",
        )
        a.column = "event_date"  # the date is not a month's first day
        return a

    def k_year_not_first_day(self, m, rng):
        a = self._set(
            rng,
            "milestones",
            "date_precision",
            lambda d: d["date_precision"] == "day" and not d["event_date"].endswith("-01-01"),
            lambda d: "year",
        )
        a.column = "event_date"  # the date is not a year's first day
        return a

    # -- recommendations --

    def k_number_not_in_quote(self, m, rng):
        def absent(d):
            return next(n for n in ("4711", "98", "77") if not re.search(rf"\b{n}\b", d["quote"]))

        return self._set(rng, "recommendations", "number", lambda d: d["number"], absent)

    def k_text_not_in_quote(self, m, rng):
        return self._set(
            rng, "recommendations", "text", None, lambda d: d["text"] + " and more besides"
        )

    def k_deadline_not_in_quote(self, m, rng):
        return self._date_not_stated(
            rng,
            "recommendations",
            "due_on",
            "quote",
            None,
            lambda d: d["due_on"] and d["due_on"] < "2026",
        )

    def k_deadline_before_report(self, m, rng):
        return self._set(
            rng, "recommendations", "due_on", lambda d: d["due_on"], lambda d: "2014-01-02"
        )

    def k_deadline_before_raised(self, m, rng):
        return self._set(
            rng,
            "recommendations",
            "due_on",
            lambda d: d["due_on"] and d["raised_on"],
            lambda d: (date.fromisoformat(d["raised_on"]) - timedelta(days=1)).isoformat(),
        )

    def k_closed_without_fields(self, m, rng):
        a = self._set(
            rng, "recommendations", "status", lambda d: d["status"] != "closed", lambda d: "closed"
        )
        a.column = None  # each missing closing field is named
        return a

    def k_closed_on_while_open(self, m, rng):
        return self._set(
            rng,
            "recommendations",
            "closed_on",
            lambda d: d["status"] != "closed",
            lambda d: "2023-01-01",
        )

    def k_closing_date_not_in_quote(self, m, rng):
        return self._date_not_stated(
            rng,
            "recommendations",
            "closed_on",
            "closed_quote",
            "closed_precision",
            lambda d: d["status"] == "closed",
        )

    def _reported(self, d) -> bool:
        return bool(d.get("reported_source_id"))

    def k_reported_without_quote(self, m, rng):
        return self._set(rng, "recommendations", "reported_quote", self._reported, lambda d: "")

    def k_reported_while_open(self, m, rng):
        a = self._set(rng, "recommendations", "status", self._reported, lambda d: "open")
        a.column = None  # named at reported_source_id, beside closed_on
        return a

    def k_reported_after_closing_source(self, m, rng):
        """The report replaced by a source published after the one that dates the closure."""

        def later(d):
            closed = self.m.sources[d["closed_source_id"]].get("published_on") or ""
            return next(
                sid
                for sid, s in sorted(self.m.sources.items())
                if (s.get("published_on") or "") > closed and s.get("document")
            )

        return self._set(rng, "recommendations", "reported_source_id", self._reported, later)

    def k_unknown_parent(self, m, rng):
        return self._set(
            rng, "recommendations", "parent_id", None, lambda d: "no-such-recommendation"
        )

    def k_unknown_finding(self, m, rng):
        return self._set(
            rng, "finding_evidence", "finding_id", None, lambda d: "no-such-recommendation"
        )

    def k_parent_not_cause_of_concern(self, m, rng):
        def targets(d):
            return sorted(
                r
                for r, x in self.m.recs.items()
                if x["kind"] != "cause of concern" and r != d["rec_id"]
            )

        return self._set(
            rng,
            "recommendations",
            "parent_id",
            lambda d: targets(d),
            lambda d: rng.choice(targets(d)),
        )

    def k_text_and_quote_rewrapped(self, m, rng):
        """Quote and text re-wrapped on other lines: white space folds, so it builds."""
        f, i = self.pick(rng, "recommendations", lambda d: " " in d["text"])
        rows = [list(r) for r in f.rows]
        for col in ("text", "quote"):
            j = f.header.index(col)
            rows[i][j] = rows[i][j].replace(" ", "\n", 1).replace(" ", "  \t", 1)
        self.write_rows(f, rows)
        return Applied(f"{self.disp(f.rel)}: row {i + 1} text and quote re-wrapped")

    # -- sources and documents --

    def k_no_url_no_document(self, m, rng):
        """A source left with neither address nor kept text: its url, document and sha256
        blanked (the statistical tables, bound to the series, are not in the model)."""
        f, i = self.pick(rng, "sources", lambda d: d["url"] and d["document"])
        rows = [list(r) for r in f.rows]
        for col in ("url", "sha256"):
            if col in f.header:
                rows[i][f.header.index(col)] = ""
        return self.set_cell(CsvFile(f.rel, f.table, f.header, rows), i, "document", "")

    def k_web_page_without_url(self, m, rng):
        """A kept web page's passage whose source row gives no address."""
        return self._set(rng, "sources", "url", lambda d: "/web-" in d["document"], lambda d: "")

    def k_not_a_web_address(self, m, rng):
        return self._set(
            rng,
            "sources",
            "url",
            lambda d: d["url"],
            lambda d: rng.choice(["www.example.org/x", "ftp://example.org/a", "see the report"]),
        )

    def _document(self, rng, value):
        return self._set(rng, "sources", "document", lambda d: d["document"], lambda d: value)

    def k_document_missing(self, m, rng):
        return self._document(
            rng,
            rng.choice(
                [
                    "data/documents/no-such-file.txt",
                    "data/documents/NO-SUCH-FILE.TXT",
                    "data/home-office-outcomes/no-such-file.txt",
                ]
            ),
        )

    def k_document_binary(self, m, rng):
        blob = bytes(rng.randrange(256) for _ in range(4096))
        (self.work / "documents" / "scan.pdf").write_bytes(b"%PDF-1.4\n\xff\xfe" + blob)
        return self._document(rng, "data/documents/scan.pdf")

    def k_document_path_too_long(self, m, rng):
        return self._document(rng, "data/documents/" + "x" * 5000 + ".txt")

    def k_document_outside_folders(self, m, rng):
        """Anywhere but a file directly in data/documents/ or data/home-office-outcomes/."""
        return self._document(
            rng,
            rng.choice(
                [
                    "../../etc/passwd",
                    "/etc/passwd",
                    ".",
                    "data/documents",
                    ".git/config",
                    "data/README.md",
                    "pfcc/paths.py",
                    "data/documents/../README.md",
                    "data/documents/./000.txt",
                    "data/documents/.env",
                    "data/documents/sub/notes.txt",
                    "data\\documents\\000.txt",
                ]
            ),
        )

    def k_document_is_a_link(self, m, rng):
        """A link in data/documents/ to a file elsewhere (here data/README.md)."""
        (self.work / "documents" / "linked.txt").symlink_to(Path("..") / "README.md")
        return self._document(rng, "data/documents/linked.txt")

    def k_document_other_text(self, m, rng):
        def another(d):
            docs = {s["document"] for s in self.m.sources.values() if s["document"]}
            return rng.choice(sorted(x for x in docs - {d["document"]} if "/documents/" in x))

        # a source some row cites: an uncited one has no quote to miss, only its checksum
        cited = lambda d: d["document"] and self.m.cited_sources[d["source_id"]]  # noqa: E731
        a = self._set(rng, "sources", "document", cited, another)
        a.file = a.line = a.column = None  # the quotes are not found: reported on the facts
        return a

    def k_renamed_source(self, m, rng):
        a = self._set(
            rng,
            "sources",
            "source_id",
            lambda d: self.m.cited_sources[d["source_id"]],
            lambda d: d["source_id"] + "-renamed",
        )
        a.file = a.line = a.column = None  # reported on the facts citing it
        return a

    def k_quote_not_in_document(self, m, rng):
        sid = "closed_source_id" if m.column == "closed_quote" else "source_id"

        def edited(d):
            words = d[m.column].split(" ")
            k = len(words) // 2
            return " ".join(words[:k] + ["not"] + words[k:])

        return self._set(
            rng, m.table, m.column, lambda d: d[m.column] and self.m.doc_of(d[sid]), edited
        )

    def _doc_file(self, rng) -> tuple[Path, str]:
        rel = rng.choice(
            sorted(
                {
                    s["document"]
                    for s in self.m.sources.values()
                    if s["document"] and self.m.cited_sources[s["source_id"]]
                }
            )
        )
        return self.work.parent / rel, rel

    def k_doc_delete(self, m, rng):
        p, rel = self._doc_file(rng)
        p.unlink()
        return Applied(f"{rel} deleted")

    def k_doc_not_utf8(self, m, rng):
        p, rel = self._doc_file(rng)
        text = p.read_text(encoding="utf-8")
        if text.isascii():
            p.write_bytes(text.encode("utf-16"))
        else:
            p.write_bytes(text.encode(rng.choice(["utf-16", "cp1252"]), errors="replace"))
        return Applied(f"{rel} re-encoded")

    def k_doc_emptied(self, m, rng):
        p, rel = self._doc_file(rng)
        p.write_bytes(b"")
        return Applied(f"{rel} emptied")

    def k_doc_without_header(self, m, rng):
        """A kept web passage without its Address: and Read: lines."""
        rel = rng.choice(
            sorted(s["document"] for s in self.m.sources.values() if "/web-" in s["document"])
        )
        p = self.work.parent / rel
        p.write_text(p.read_text(encoding="utf-8").split("\n---\n", 1)[1], encoding="utf-8")
        return Applied(f"{rel}: its header removed")

    def k_doc_crlf(self, m, rng):
        p, rel = self._doc_file(rng)
        text = p.read_text(encoding="utf-8")
        p.write_bytes(text.replace("\r\n", "\n").replace("\n", "\r\n").encode())
        return Applied(f"{rel}: CRLF line endings")

    def k_doc_add_unrelated(self, m, rng):
        (self.work / "documents" / "999_unrelated.txt").write_text("Nothing cited here.\n")
        return Applied("data/documents/999_unrelated.txt added")
