"""Defects the Home Office series carries, caught and kept as data rather than hidden: the
`outcome_flags` rows. A flag is not a build failure; a flagged force-year is left out of ranks.
The rules and their bounds are stated here once and in README "Data"."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from pfcc.ingest.homeoffice.series import NATIONAL, TERRITORIAL, Editions, Series

JUMP_BOUND_PCT = 40.0  # METHODOLOGY.md's own review threshold for a year-on-year movement
REPEAT_MIN = 100  # a count repeated exactly; small counts repeat by chance
INCOMPLETE_FRACTION = 1 / 3  # a charge rate below a third of England and Wales's that year
FIRST_YEAR = "2014/15"


def _flag(out, force, fy, basis, kind, detail, file=None, line=None):
    out.append(
        {
            "force": force,
            "fy": fy,
            "basis": basis,
            "kind": kind,
            "detail": detail,
            "file": file,
            "line": line,
        }
    )


def flags(editions: Editions, data_dir: Path) -> list[dict]:
    """Every edition's flags, each carrying its edition: an edition is judged on its own files."""
    return [
        f | {"edition": series.edition}
        for series in editions.editions
        for f in _edition_flags(series, data_dir)
    ]


def _edition_flags(series: Series, data_dir: Path) -> list[dict]:
    out: list[dict] = []
    years = series.years()
    den = {(r.force, r.fy): r for r in series.rows["denominators.csv"]}
    fy_rows = {(r.force, r.fy): r for r in series.rows["force_year.csv"]}
    # a recorded crime figure repeated exactly in consecutive years
    for (force, fy), r in sorted(den.items()):
        prev = den.get((force, _previous(fy)))
        if prev and prev.counts["recorded_crime"] == r.counts["recorded_crime"]:
            _flag(
                out, force, fy, None, "repeated-value",
                f"recorded crime {r.counts['recorded_crime']:,} in both {prev.fy} and {fy}"
                f" (denominators.csv lines {prev.line} and {r.line}): a figure carried over"
                " rather than counted is likely",
                r.file, r.line,
            )  # fmt: skip
    for (force, fy), r in sorted(fy_rows.items()):
        prev = fy_rows.get((force, _previous(fy)))
        for basis in ("closed", "recorded"):
            col = f"{basis}_ex_fraud_"
            t1 = r.counts[col + "t1"]
            if t1 == 0:
                _flag(
                    out, force, fy, basis, "no-charges",
                    f"no charge/summons outcome at all on the {basis} basis ({col}t1 = 0)",
                    r.file, r.line,
                )  # fmt: skip
            for m in ("t1", "oocd", "assigned"):
                if prev and r.counts[col + m] == prev.counts[col + m] >= REPEAT_MIN:
                    _flag(
                        out, force, fy, basis, "repeated-value",
                        f"{col}{m} is {r.counts[col + m]:,} in both {prev.fy} and {fy}"
                        f" (force_year.csv lines {prev.line} and {r.line})",
                        r.file, r.line,
                    )  # fmt: skip
            # the rate, not the count: charges that rise with recorded crime are no defect
            d_now, d_prev = den.get((force, fy)), den.get((force, _previous(fy)))
            if prev and prev.counts[col + "t1"] > 0 and d_now and d_prev:
                now = t1 / d_now.counts["recorded_crime"] if d_now.counts["recorded_crime"] else 0
                before = prev.counts[col + "t1"] / d_prev.counts["recorded_crime"]
                change = 100.0 * (now - before) / before
                if abs(change) > JUMP_BOUND_PCT:
                    _flag(
                        out, force, fy, basis, "year-on-year-jump",
                        f"charge rate ({basis} basis) moved {change:+.1f} per cent from"
                        f" {prev.fy} to {fy}, {100 * before:.1f}% to {100 * now:.1f}%"
                        f" (charges {prev.counts[col + 't1']:,} to {t1:,}): beyond the"
                        f" {JUMP_BOUND_PCT:.0f} per cent bound",
                        r.file, r.line,
                    )  # fmt: skip
    for (force, fy), r in sorted(den.items()):
        prev = den.get((force, _previous(fy)))
        if fy in years and prev and prev.counts["recorded_crime"] > 0:
            a, b = prev.counts["recorded_crime"], r.counts["recorded_crime"]
            change = 100.0 * (b - a) / a
            if abs(change) > JUMP_BOUND_PCT:
                _flag(
                    out, force, fy, None, "year-on-year-jump",
                    f"recorded crime moved {change:+.1f} per cent from {prev.fy} to {fy},"
                    f" {a:,} to {b:,}: beyond the {JUMP_BOUND_PCT:.0f} per cent bound",
                    r.file, r.line,
                )  # fmt: skip
    _incomplete(series, den, fy_rows, out)
    # the national file's line for the year: the flag is public when its edition is
    first = next((r for r in series.rows["national_year.csv"] if r.fy == FIRST_YEAR), None)
    for force in (*sorted({r.force for r in fy_rows.values()}), NATIONAL):
        _flag(
            out, force, FIRST_YEAR, "recorded", "first-year-partial",
            "2014/15 is the first year of the series. validation-report.json says eight forces"
            " (British Transport Police among them) supplied no counts for it, read as zero; and"
            " only in this year do the recorded basis's charges fall far below the closed"
            " basis's (national_year.csv: 488,600 against 592,740)",
            first and first.file, first and first.line,
        )  # fmt: skip
    _not_provided(data_dir.parent / series.folder, series.folder, out)
    return out


def _previous(fy: str) -> str:
    start = int(fy[:4]) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def _incomplete(series: Series, den: dict, fy_rows: dict, out: list[dict]) -> None:
    """A charge rate below a third of England and Wales's: records likely incomplete."""
    for fy in series.years():
        for basis in ("closed", "recorded"):
            col = f"{basis}_ex_fraud_t1"
            total_t1 = sum(fy_rows[(f, fy)].counts[col] for f in TERRITORIAL if (f, fy) in fy_rows)
            total_den = sum(
                den[(f, fy)].counts["recorded_crime"] for f in TERRITORIAL if (f, fy) in den
            )
            if not total_den:
                continue
            national = 100.0 * total_t1 / total_den
            for f in TERRITORIAL:
                r, d = fy_rows.get((f, fy)), den.get((f, fy))
                if r is None or d is None or d.counts["recorded_crime"] <= 0:
                    continue
                rate = 100.0 * r.counts[col] / d.counts["recorded_crime"]
                if 0 < rate < national * INCOMPLETE_FRACTION:
                    _flag(
                        out, f, fy, basis, "incomplete-records",
                        f"charge rate {rate:.2f} per cent ({basis} basis) is below a third of"
                        f" England and Wales's {national:.2f}: outcome records likely incomplete",
                        r.file, r.line,
                    )  # fmt: skip


def _not_provided(folder: Path, shown: str, out: list[dict]) -> None:
    """The forces the repository's own validation report says supplied no counts."""
    path = folder / "validation-report.json"
    if not path.is_file():
        return
    report = json.loads(path.read_text(encoding="utf-8"))
    for f in report.get("flags", []):
        if f.get("check") != "data_not_provided":
            continue
        for fy in f.get("financial_years", []):
            _flag(
                out, f["force"], fy, None, "data-not-provided", f["detail"],
                f"{shown}/validation-report.json",
            )  # fmt: skip


def counts_by_kind(rows: list[dict]) -> dict[str, int]:
    c: dict[str, int] = defaultdict(int)
    for f in rows:
        c[f["kind"]] += 1
    return dict(sorted(c.items()))
