"""A figure for a new metric, for tests that add a family to a copy of data/: a real figure (its
quote is in its source's kept text), from a dated source, re-filed under the new metric."""

from __future__ import annotations

import csv
from pathlib import Path


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def refile_a_figure(data: Path, family: str, metric: str, measure_id_suffix: str) -> Path:
    """Append to its measures file a copy of the first percentage figure of a dated source,
    filed under `family` and `metric`; returns the file changed."""
    dated = {
        r["source_id"]
        for p in (data / "sources").glob("*.csv")
        for r in rows(p)
        if r["published_on"]
    }
    path, row = next(
        (p, r)
        for p in sorted((data / "measures").glob("*.csv"))
        for r in rows(p)
        if r["unit"] == "percent" and r["source_id"] in dated
    )
    row |= {
        "measure_id": f"{row['source_id']}/{measure_id_suffix}",
        "family": family,
        "metric": metric,
        "breakdown": "",
    }
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(row), lineterminator="\n").writerow(row)
    return path
