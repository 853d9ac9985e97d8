"""The metric vocabulary as built (data/metrics.csv): each metric's family, units, better
direction and the noun sentences use for it."""

from __future__ import annotations

from pfcc.stories.common import query, spec_cache


@spec_cache
def vocabulary() -> dict[str, dict]:
    """data/metrics.csv as built: metric -> family, units, better, noun, charted."""
    v = query("metrics")
    return {r["metric"]: r for r in v.to_dict("records")}


def lower_is_better(metric: str) -> bool | None:
    """True or False from the vocabulary's `better`; None where neither direction is better."""
    better = vocabulary()[metric]["better"]
    return None if better == "neither" else better == "lower"


def noun(metric: str) -> str:
    return vocabulary()[metric]["noun"]
