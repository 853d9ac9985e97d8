"""The arithmetic that proves the Home Office series was transcribed and derived consistently:
within every row, between scopes, between quarters and years and between forces and the nation.
A cross-file sum that fails names the column; a row identity that fails names the line; where
both fail for the same year and column group, the row's problem names the column as well."""

from __future__ import annotations

from collections import defaultdict

from pfcc.ingest.homeoffice.series import (
    FORCES,
    FRAUD_CORRECTION_BOUND,
    GROUPS,
    MEASURES,
    NATIONAL,
    OOCD_PARTS,
    STAFFORDSHIRE,
    TERRITORIAL,
    Editions,
    Series,
    SeriesRow,
)
from pfcc.ingest.problems import Problem


def _keys(series: Series, problems: list[Problem]) -> dict[str, dict[tuple, SeriesRow]]:
    keyed: dict[str, dict[tuple, SeriesRow]] = {}
    for name, rows in series.rows.items():
        seen: dict[tuple, SeriesRow] = {}
        for r in rows:
            k = (r.force, r.fy, r.q)
            if k in seen:
                problems.append(
                    Problem(
                        r.file,
                        r.line,
                        None,
                        f"repeats the key of line {seen[k].line} ({r.force}, {r.fy}, q {r.q})",
                        "series-duplicate-key",
                    )
                )
            else:
                seen[k] = r
        keyed[name] = seen
    return keyed


def _coverage(series: Series, keyed: dict, problems: list[Problem]) -> None:
    years = series.years()
    want: dict[str, list[tuple]] = {
        "national_year.csv": [(NATIONAL, y, None) for y in years],
        "national_quarter.csv": [(NATIONAL, y, q) for y in years for q in (1, 2, 3, 4)],
        "force_year.csv": [(f, y, None) for f in FORCES for y in years],
        "staffordshire_quarter.csv": [(STAFFORDSHIRE, y, q) for y in years for q in (1, 2, 3, 4)],
        "denominators.csv": [(f, y, None) for f in TERRITORIAL for y in years],
    }
    for name, keys in want.items():
        if name not in keyed or not keyed[name] and name != "national_year.csv":
            continue
        file = f"{series.folder}/{name}"
        if keyed[name]:
            file = next(iter(keyed[name].values())).file
        for k in keys:
            if k not in keyed[name]:
                what = ", ".join(str(x) for x in k if x is not None)
                problems.append(
                    Problem(file, None, None, f"has no row for {what}", "series-missing-row")
                )
        if name == "staffordshire_quarter.csv":
            for r in keyed[name].values():
                if r.force != STAFFORDSHIRE:
                    problems.append(
                        Problem(r.file, r.line, "force", "holds Staffordshire only", "series-key")
                    )


def _row_rules(r: SeriesRow, culprit: dict, problems: list[Problem]) -> None:
    """culprit: (file, line, group) -> the one column a cross-file sum also implicates."""
    c = r.counts
    for g in GROUPS:
        parts = sum(c[g + m] for m in OOCD_PARTS)
        where = culprit.get((r.name, r.line, g))
        if c[g + "oocd"] != parts:
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    where or g + "oocd",
                    f"{g}oocd is {c[g + 'oocd']} but t2+t3+t6+t7+t8+t22 is {parts}",
                    "series-oocd-sum",
                )
            )
        if c[g + "positive"] != c[g + "t1"] + c[g + "oocd"]:
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    where or g + "positive",
                    f"{g}positive is {c[g + 'positive']} but t1+oocd is"
                    f" {c[g + 't1'] + c[g + 'oocd']}",
                    "series-positive-sum",
                )
            )
        if c[g + "positive"] > c[g + "assigned"]:
            problems.append(
                Problem(
                    r.file,
                    r.line,
                    where or g + "assigned",
                    f"{g}positive {c[g + 'positive']} exceeds {g}assigned {c[g + 'assigned']}",
                    "series-positive-exceeds-assigned",
                )
            )
        if r.q is None and c[g + "assigned"] < 0:
            problems.append(
                Problem(
                    r.file, r.line, g + "assigned", "an annual total is negative", "series-negative"
                )
            )
    bound = 0 if r.q is None else FRAUD_CORRECTION_BOUND
    for basis in ("closed", "recorded"):
        for m in MEASURES:
            ex, whole = c[f"{basis}_ex_fraud_{m}"], c[f"{basis}_all_{m}"]
            if ex - whole > bound:
                problems.append(
                    Problem(
                        r.file,
                        r.line,
                        f"{basis}_ex_fraud_{m}",
                        f"excluding fraud ({ex}) exceeds all crime ({whole}) by more than {bound}",
                        "series-fraud-exceeds-all",
                    )
                )


def _sums(
    parts: list[SeriesRow], total: SeriesRow, what: str, code: str, problems: list[Problem]
) -> list[str]:
    """Compare column sums of `parts` with `total`; the failing columns."""
    bad = []
    for col in total.counts:
        s = sum(p.counts.get(col, 0) for p in parts)
        if s != total.counts[col]:
            bad.append(col)
            problems.append(
                Problem(
                    total.file,
                    total.line,
                    col,
                    f"is {total.counts[col]} but the {what} sum to {s}",
                    code,
                )
            )
    return bad


def check_series(editions: Editions, problems: list[Problem]) -> None:
    """Each edition is proved on its own: an edition is a whole set of files, never a patch."""
    for series in editions.editions:
        _check_edition(series, problems)
        editions.passed += [f"edition {series.edition}: {p}" for p in series.passed]


def _check_edition(series: Series, problems: list[Problem]) -> None:
    keyed = _keys(series, problems)
    _coverage(series, keyed, problems)
    if any(p.code in ("series-header", "series-missing") for p in problems):
        return
    before = len(problems)
    sums: list[Problem] = []
    by_year: dict[str, list[SeriesRow]] = defaultdict(list)
    for r in series.rows["force_year.csv"]:
        by_year[r.fy].append(r)
    nat_q: dict[str, list[SeriesRow]] = defaultdict(list)
    for r in series.rows["national_quarter.csv"]:
        nat_q[r.fy].append(r)
    st_q: dict[str, list[SeriesRow]] = defaultdict(list)
    for r in series.rows["staffordshire_quarter.csv"]:
        st_q[r.fy].append(r)
    implicated: dict[tuple, set[str]] = defaultdict(set)  # (file, fy) -> columns
    for (_, fy, _q), nat in keyed["national_year.csv"].items():
        forces = _sums(by_year[fy], nat, "44 forces' rows in force_year.csv", "series-forces-"
                       "not-national", sums)  # fmt: skip
        implicated[("force_year.csv", fy)].update(forces)
        implicated[("national_year.csv", fy)].update(forces)
        quarters = _sums(nat_q[fy], nat, "quarters in national_quarter.csv",
                         "series-quarters-not-year", sums)  # fmt: skip
        implicated[("national_quarter.csv", fy)].update(quarters)
        implicated[("national_year.csv", fy)].update(quarters)
        staffs = keyed["force_year.csv"].get((STAFFORDSHIRE, fy, None))
        if staffs is not None:
            cols = _sums(st_q[fy], staffs, "quarters in staffordshire_quarter.csv",
                         "series-quarters-not-year", sums)  # fmt: skip
            implicated[("staffordshire_quarter.csv", fy)].update(cols)
            implicated[("force_year.csv", fy)].update(cols)
    culprit: dict[tuple, str] = {}
    for name in ("national_year.csv", "national_quarter.csv", "force_year.csv",
                 "staffordshire_quarter.csv"):  # fmt: skip
        for r in series.rows[name]:
            for g in GROUPS:
                cols = [c for c in implicated[(name, r.fy)] if c.startswith(g)]
                if len(cols) == 1:
                    culprit[(name, r.line, g)] = cols[0]
            _row_rules(r, culprit, problems)
    problems.extend(sums)
    if len(problems) == before:
        n = sum(len(series.rows[f]) for f in series.rows if f != "denominators.csv")
        series.passed += [
            f"sha256 of {len(series.source_of)} Home Office files match their source rows",
            f"{n} rows x 4 basis/scope groups: oocd = t2+t3+t6+t7+t8+t22, positive = t1+oocd,"
            " positive <= assigned, no negative annual total",
            "excluding fraud never exceeds all crime (annual rows exactly; quarterly cells"
            f" by at most {FRAUD_CORRECTION_BOUND}, published fraud corrections)",
            f"{len(keyed['national_year.csv'])} years: the 44 forces (43 territorial and"
            " British Transport Police) sum to national_year.csv in every column",
            "the four quarters sum to the year in every column: England and Wales"
            " (national_quarter.csv) and Staffordshire (staffordshire_quarter.csv)",
            "every force has a row for every year; denominators.csv has the 43 territorial"
            " forces for every year",
        ]
