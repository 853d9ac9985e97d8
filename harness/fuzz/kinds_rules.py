"""Mutations that break a table's rules while keeping its form: measures, metrics, grades."""

from __future__ import annotations

import re
from datetime import date, timedelta

from harness.fuzz.model import Applied, MutatorBase, Skip, row_lines
from pfcc.ingest import meanings, schema
from pfcc.ingest.textcheck import states_grade, written_number


class RuleKinds(MutatorBase):
    # -- measures --

    def _set(self, rng, table, col, pred, value_of, also=frozenset()) -> Applied:
        f, i = self.pick(rng, table, pred)
        return self.set_cell(f, i, col, value_of(f.dicts()[i]), also)

    def k_percent_over_100(self, m, rng):
        return self._set(
            rng,
            "measures",
            "value",
            lambda d: d["unit"] == "percent",
            lambda d: rng.choice(["100.5", "250", "101"]),
        )

    def k_count_fraction(self, m, rng):
        return self._set(
            rng, "measures", "value", lambda d: d["unit"] == "count", lambda d: d["value"] + ".5"
        )

    def k_negative(self, m, rng):
        return self._set(
            rng,
            "measures",
            m.column,
            lambda d: d[m.column] and float(d[m.column]) > 0,
            lambda d: "-" + d[m.column],
        )

    def k_figure_not_in_quote(self, m, rng):
        return self._set(
            rng, "measures", "value", None, lambda d: f"{float(d['value']) + 1000003:g}"
        )

    def k_interval_not_in_quote(self, m, rng):
        return self._set(rng, "measures", "ci_half_width", None, lambda d: "987654.3")

    def k_start_after_end(self, m, rng):
        return self._set(
            rng,
            "measures",
            "period_start",
            lambda d: d["period_end"] < "2026-12",
            lambda d: (date.fromisoformat(d["period_end"]) + timedelta(days=1)).isoformat(),
        )

    def k_length_mismatch(self, m, rng):
        return self._set(
            rng,
            "measures",
            "period_length",
            lambda d: bool(d["period_start"]),
            lambda d: "week" if d["period_length"] != "week" else "month",
        )

    def k_length_not_in_quote(self, m, rng):
        return self._set(
            rng, "measures", "period_length", lambda d: not d["period_start"], lambda d: "17 months"
        )

    def k_figure_removed(self, m, rng):
        """The quote loses the measure's figure (the quote then no longer matches its document,
        unless the source keeps no document)."""

        def removed(d):
            q = d["quote"]
            for _ in range(6):
                w = written_number(q, float(d["value"]))
                if w is None:
                    return q
                if w[0].isdigit():
                    q = re.sub(rf"(?<![\w.]){re.escape(w)}(?![\d])", "", q)
                else:
                    q = re.sub(
                        r"\b\w+\b",
                        lambda x: (
                            ""
                            if written_number(x.group(0), float(d["value"])) is not None
                            else x.group(0)
                        ),
                        q,
                    )
            return None

        a = self._set(
            rng,
            "measures",
            "quote",
            lambda d: not self.m.doc_of(d["source_id"]) and removed(d) and removed(d).strip(),
            removed,
        )
        a.column = "value"  # the value is what is no longer stated
        return a

    def k_metric_typo(self, m, rng):
        def typo(old):
            k = rng.randrange(len(old))
            return old[:k] + old[k + 1 :]

        return self._cell(m, rng, typo)

    def k_other_metric_unit(self, m, rng):
        """A unit the vocabulary does not allow for the measure's metric."""

        def fits(d):
            return d["metric"] in self.m.metrics

        f, i = self.pick(rng, "measures", fits)
        d = f.dicts()[i]
        allowed = self.m.metrics[d["metric"]]["units"].split(";")
        unit = rng.choice([u for u in schema.UNITS if u not in allowed])
        return self.set_cell(f, i, "unit", unit)

    def k_other_family(self, m, rng):
        f, i = self.pick(rng, m.table)
        old = f.dicts()[i]["family"]
        return self.set_cell(f, i, "family", rng.choice([x for x in self.m.families if x != old]))

    def k_other_source(self, m, rng):
        f, i = self.pick(rng, m.table)
        old = f.dicts()[i]["source_id"]
        return self.set_cell(
            f, i, "source_id", rng.choice(sorted(s for s in self.m.sources if s != old))
        )

    def k_unknown_source(self, m, rng):
        return self._cell(m, rng, lambda old: f"no-such-source-{rng.randint(1, 999)}")

    # -- the metric vocabulary --

    def k_repeated_unit(self, m, rng):
        return self._set(
            rng, "metrics", "units", None, lambda d: d["units"] + ";" + d["units"].split(";")[0]
        )

    def k_unit_withdrawn(self, m, rng):
        """A metric stops allowing a unit its measures use."""
        f, i = self.pick(rng, "metrics", lambda d: self.m.used_metrics[d["metric"]])
        d = f.dicts()[i]
        used = {x["unit"] for x in self.m.rows_of_metric(d["metric"])}
        rest = [u for u in schema.UNITS if u not in used]
        a = self.set_cell(f, i, "units", rng.choice(rest))
        a.file = a.line = a.column = None  # reported on the measures
        return a

    def k_family_changed(self, m, rng):
        f, i = self.pick(rng, "metrics", lambda d: self.m.used_metrics[d["metric"]])
        old = f.dicts()[i]["family"]
        a = self.set_cell(f, i, "family", rng.choice([x for x in self.m.families if x != old]))
        a.file = a.line = a.column = None  # reported on the measures
        return a

    def k_no_reason(self, m, rng):
        f, i = self.pick(rng, "metrics", lambda d: d["charted"] == "yes")
        rows = [list(r) for r in f.rows]
        rows[i][f.header.index("charted")] = "no"
        line = row_lines(self.write_rows(f, rows))[i]
        d = self.disp(f.rel)
        return Applied(
            f"{d} line {line}: charted yes -> no, with no reason", d, line, "not_charted_reason"
        )

    def k_reason_but_charted(self, m, rng):
        a = self._set(rng, "metrics", "charted", lambda d: d["charted"] == "no", lambda d: "yes")
        a.column = "not_charted_reason"
        return a

    def k_noun_capitalised(self, m, rng):
        return self._set(
            rng,
            "metrics",
            "noun",
            None,
            lambda d: (
                d["noun"][:1].upper() + d["noun"][1:]
                if d["noun"][:1].islower()
                else "The " + d["noun"]
            ),
        )

    # -- a metric's sentence against the quotes filed under it (pfcc/ingest/meanings.py) --

    def _refile(self, rng, code: str) -> Applied:
        """A measure re-filed under another metric of its family and unit whose sentence its
        quote does not support, for that one reason (`code`)."""
        pairs = []
        for f, i in self.m.rows("measures"):
            d = f.dicts()[i]
            for name, k in self.m.metrics.items():
                if (
                    name != d["metric"]
                    and k["family"] == d["family"]
                    and d["unit"] in k["units"].split(";")
                    and [c for c, _ in meanings.lacks(k["definition"], d["quote"])] == [code]
                ):
                    pairs.append((f, i, name))
        if not pairs:
            raise Skip(f"no measure to re-file for {code}")
        f, i, name = rng.choice(pairs)
        return self.set_cell(f, i, "metric", name)

    def k_refiled_without_average(self, m, rng):
        return self._refile(rng, "quote-lacks-average")

    def k_refiled_without_threshold(self, m, rng):
        return self._refile(rng, "quote-lacks-threshold")

    def k_definition_says_late(self, m, rng):
        """A used metric's sentence comes to speak of lateness; no quote of it states a limit."""

        def no_limit(d):
            quotes = [x["quote"] for x in self.m.rows_of_metric(d["metric"])]
            late = "The number of reports recorded late."
            return quotes and all(meanings.lacks(late, q) for q in quotes)

        a = self._set(
            rng, "metrics", "definition", no_limit, lambda d: "The number of reports recorded late."
        )
        a.file = a.line = a.column = None  # reported on the measures
        return a

    def k_definition_two_sentences(self, m, rng):
        return self._set(
            rng, "metrics", "definition", None, lambda d: d["definition"] + " It is one more."
        )

    # -- grades --

    def k_adequate_on_4_tier(self, m, rng):
        return self._set(
            rng, "grades", "grade", lambda d: d["scale"] == "4-tier", lambda d: "Adequate"
        )

    def k_5_tier_before_2021(self, m, rng):
        def early(d):
            y = re.search(r"\b(20\d\d)\b", d["inspection"])
            return d["scale"] == "4-tier" and y and int(y.group(1)) < 2021

        return self._set(rng, "grades", "scale", early, lambda d: "5-tier")

    def k_grade_not_in_quote(self, m, rng):
        def other(d):
            return [
                g
                for g in schema.GRADES
                if g != "Adequate" and g != d["grade"] and not states_grade(d["quote"], g)
            ]

        a = self._set(rng, "grades", "grade", lambda d: other(d), lambda d: rng.choice(other(d)))
        a.column = "quote"  # the quote does not state the new grade
        return a
