"""How a Home Office figure stands, said one way on every chart that draws the series: final,
provisional or flagged; ranked out of how many forces, and why a force is not ranked; and why
a bulletin's figure for a year differs from the same year in the tables drawn here.

A provisional year keeps accruing outcomes, so it reads low against final years; a flagged one
failed the build's checks. Both are drawn and always named, and neither is ever the end of a
"from … to …" comparison in a title or summary."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pfcc.store.editions import as_presented
from pfcc.stories.common import query
from pfcc.stories.sentences import series_summary
from pfcc.text.words import date_text, series_of

FORCE = "Staffordshire"
NATIONAL = "England and Wales"
PROVISIONAL = "provisional"
# The build's flag kinds (outcome_flags.kind) in a few plain words; the table keeps its detail.
FLAG_WORDS = {
    "first-year-partial": "the series' first year, with some forces' counts missing",
    "year-on-year-jump": "a jump of over 40% in a year",
    "incomplete-records": "outcome records likely incomplete",
    "no-charges": "no charges recorded",
    "repeated-value": "a figure repeated from the year before",
}


def _true(s: pd.Series) -> pd.Series:
    return s.fillna(False).astype(bool)


def labelled(labels: pd.Series, provisional: pd.Series) -> list[str]:
    """Period labels that name a provisional period wherever they are used: '2025/26,
    provisional'."""
    return [f"{lab}, {PROVISIONAL}" if p else lab for lab, p in zip(labels, _true(provisional))]


def flagged_years(basis: str) -> set[tuple[str, str]]:
    """(force, financial year) pairs the build flagged on `basis`."""
    f = query("official_flags")
    f = f[f["basis"].isna() | (f["basis"] == basis)]
    return set(zip(f["force"], f["financial_year"]))


def comparable(df: pd.DataFrame) -> pd.DataFrame:
    """The rows a comparison may start or end at: neither provisional nor flagged."""
    keep = pd.Series(True, index=df.index)
    for col in ("provisional", "flagged"):
        if col in df:
            keep &= ~_true(df[col])
    return df[keep]


def _why_flagged(basis: str) -> dict[tuple[str, str], str]:
    f = query("official_flags")
    f = f[f["basis"].isna() | (f["basis"] == basis)]
    return {
        (force, fy): "; ".join(dict.fromkeys(FLAG_WORDS.get(k, k) for k in g["kind"]))
        for (force, fy), g in f.groupby(["force", "financial_year"], sort=False)
    }


def apart(df: pd.DataFrame, basis: str) -> str:
    """The sentences naming what a chart draws but does not compare: its provisional
    figures, with their values, and its flagged ones, with why."""
    out = []
    if "provisional" in df:
        p = df[_true(df["provisional"])]
        years = series_of(list(dict.fromkeys(p["financial_year"])))
        if len(p) and not p.duplicated(["series", "financial_year"]).any():
            figures = series_of([f"{s} {t}" for s, t in zip(p["series"], p["value_text"])])
            out.append(f"Provisional, drawn but not compared: {figures} for {years}.")
        elif len(p):
            out.append(f"Provisional, drawn but not compared: every figure for {years}.")
    if "flagged" in df:
        f = df[_true(df["flagged"]) & ~_true(df.get("provisional", pd.Series(False, df.index)))]
        if len(f):
            why = _why_flagged(basis)
            grouped: dict[tuple[str, str], list[str]] = {}
            for s, fy in zip(f["series"], f["financial_year"]):
                names = grouped.setdefault((fy, why.get((s, fy), "see Sources and methods")), [])
                if s not in names:
                    names.append(s)
            parts = [
                f"{series_of(names)} {fy}, {reason}" for (fy, reason), names in grouped.items()
            ]
            out.append(
                "Flagged by the build's checks, drawn but not compared: " + "; ".join(parts) + "."
            )
    return " ".join(out)


def compared(df: pd.DataFrame, noun: str, basis: str) -> str:
    """A Home Office chart's summary: each series from its first checked figure to its last
    final one (`series_summary` on `comparable` rows), then what is drawn but not compared."""
    said = series_summary(comparable(df), "series", noun, lower_is_better=False, places=1)
    return " ".join(t for t in (said, apart(df, basis)) if t)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 22nd …"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ranked_count(df: pd.DataFrame) -> pd.Series:
    """How many forces were ranked each year (flagged force-years are not)."""
    return df[df["rank_charge_rate"].notna()].groupby("financial_year")["force"].count()


def unranked(df: pd.DataFrame, year: str) -> list[str]:
    """The territorial forces with a figure for `year` but no rank: their figures were flagged."""
    one = df[
        (df["financial_year"] == year) & ~df["force"].isin([NATIONAL, "British Transport Police"])
    ]
    return sorted(one.loc[one["rank_charge_rate"].isna(), "force"])


def why_unranked(df: pd.DataFrame, year: str) -> str:
    """'West Midlands not ranked: its figure was flagged', or '' where every force is ranked."""
    missing = unranked(df, year)
    if not missing:
        return ""
    return f"{series_of(missing)} not ranked, flagged by the build's checks"


def rank_text(rank, year: str, counts: pd.Series) -> str:
    """'19th of 42 ranked forces': a rank always says out of how many."""
    return f"{ordinal(int(rank))} of {counts[year]}"


def bulletin_note(as_of: date | None) -> list[str]:
    """Why a year's England and Wales rate in a Home Office bulletin differs from the same
    year in the tables drawn here, with the latest such pair the reconciliation holds; nothing
    on a date before both were public."""
    series = as_presented("official_rates", as_of, basis="recorded")
    if series.empty:
        return []
    rec = query("official_reconciliation")
    rec = rec[
        (rec["geography"] == NATIONAL)
        & rec["comparable"].fillna(False).astype(bool)
        & (rec["unit"] == "percent")
        & rec["public_on"].notna()
    ]
    if as_of is not None:
        rec = rec[pd.to_datetime(rec["public_on"]) <= pd.Timestamp(as_of)]
    if rec.empty:
        return []
    r = rec.sort_values(["period_end", "public_on"]).iloc[-1]
    end = pd.Timestamp(r["period_end"])
    year = f"{end.year - 1}/{end.year % 100:02d}"  # a year ending March
    edition = series.iloc[0]
    return [
        f"Why two figures for one year: a bulletin gives a year's rate when first published. "
        f"England and Wales {year} was {r['stated_as_written']}% in "
        f"{r['source_title']}, published {date_text(r['public_on'])}, and is "
        f"{r['computed_as_stated']}% in the tables published "
        f"{date_text(edition['source_published_on'])}: outcomes were added to that year's "
        "offences since, and the denominators differ slightly (see Sources and methods)."
    ]
