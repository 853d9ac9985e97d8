"""Sources and methods: every source with its tier, the figures kept but not charted and why,
facts about the build, and the tables to download."""

from __future__ import annotations

import pandas as pd

from pfcc.render import theme
from pfcc.stories.common import query, spec_cache, with_period_text, with_text
from pfcc.text import currency
from pfcc.text.words import date_text

EXPORTS = ("sources", "measures", "grades", "milestones", "recommendations")


@spec_cache
def sources_list() -> pd.DataFrame:
    s = query("sources")
    s["tier_text"] = theme.tier_texts(s)
    s["address"] = [u if isinstance(u, str) and u else d for u, d in zip(s["url"], s["document"])]
    return s


@spec_cache
def uncharted() -> pd.DataFrame:
    """Figures kept in the database that no chart draws, with the vocabulary's reason."""
    return with_text(query("uncharted_measures"))


@spec_cache
def series_flags() -> pd.DataFrame:
    """What the build found doubtful in the Home Office series (left out of ranks)."""
    f = query("official_flags")
    f["basis_text"] = f["basis"].fillna("both")
    f["where"] = [
        f"{file}, line {int(line)}" if isinstance(file, str) and pd.notna(line) else "—"
        for file, line in zip(f["file"], f["line"])
    ]
    return f


@spec_cache
def reconciliation() -> pd.DataFrame:
    """The series against the figures published before it, with each difference explained."""
    r = query("official_reconciliation")
    r["result"] = [
        "agrees"
        if a is True or a == 1
        else ("not comparable" if c is not pd.NA and c == 0 else "differs")
        for a, c in zip(r["agrees"], r["comparable"])
    ]
    return r


@spec_cache
def data_info() -> dict:
    info = query("build_info").iloc[0].to_dict()
    s = query("sources")
    info["sources"] = len(s)
    info["tiers"] = s["tier"].value_counts().to_dict()
    info["facts"] = int(s["facts"].sum())
    return info


@spec_cache
def tables_for_download() -> dict[str, pd.DataFrame]:
    return {t: query(f"export_{t}") for t in EXPORTS}


@spec_cache
def undated() -> pd.DataFrame:
    """Sources with no known publication date: their rows appear in no past meeting's view."""
    return query("undated_sources")


@spec_cache
def _newest_facts(as_of=None) -> str:
    return currency.held_facts(query("newest_publication", as_of=as_of))


def newest_held(as_of=None, said=None) -> str:
    """When figures were last added, as presented on `as_of`: the newest publication held.
    `said`: the day the visitor asked for, where `as_of` is it settled (the same facts, cached
    once a change day)."""
    return currency.held_sentence(_newest_facts(as_of), said or as_of)


@spec_cache
def newest_by_family() -> pd.DataFrame:
    """Per family of figures, the newest figure held and when it was published."""
    f = with_period_text(query("newest_by_family"))
    f["period_text"] = [
        text if isinstance(label, str) else date_text(end)
        for text, label, end in zip(f["period_text"], f["period_label"], f["period_end"])
    ]
    f["published_text"] = [
        currency.published(d, bool(e)) for d, e in zip(f["public_on"], f["exact"])
    ]
    return f
