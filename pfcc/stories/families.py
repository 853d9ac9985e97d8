"""A family whose page the registry does not list gets a page from data alone: one generic
time series (`series.series_story`) for each of its metrics marked `charted` in
data/metrics.csv, on a page titled with the family's name at the slug data/families.csv gives.
So a new family is three files of data; one that needs words or filters of its own adds a story
and a registry line instead. Read with the csv module: the registry loads before any database
exists."""

from __future__ import annotations

import csv
import re

from pfcc.paths import DATA_DIR
from pfcc.stories.common import spec_cache
from pfcc.stories.series import series_story
from pfcc.text.words import capitalise


def _rows(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _axis_title(noun: str, units: str) -> str:
    """The y-axis title from the vocabulary: "Public confidence in the police (%)"."""
    unit = units.split(";")[0].strip()
    label = {"percent": "%", "count": ""}.get(unit, unit)
    return capitalise(noun) + (f" ({label})" if label else "")


def chart_key(metric: str) -> str:
    """A family chart's key, from its metric: "public_confidence_in_the_police"."""
    return re.sub(r"[^a-z0-9]+", "_", metric.lower()).strip("_")


def _story(metric: str, key: str, subtitle: str):
    def story(projector: bool = False, as_of=None):
        return series_story(metric, key, subtitle, projector=projector, as_of=as_of)

    story.__name__ = story.__qualname__ = key  # spec_cache and reports name it by its chart
    return spec_cache(story)


def family_charts() -> dict[str, tuple[str, list[tuple[str, object]]]]:
    """page slug -> (the family's name, [(chart key, story)]) for every family with a charted
    metric, in the order of data/families.csv and data/metrics.csv."""
    out: dict[str, tuple[str, list]] = {}
    charted = [m for m in _rows("metrics.csv") if m["charted"] == "yes"]
    for fam in _rows("families.csv"):
        stories = [
            (
                key := chart_key(m["metric"]),
                _story(m["metric"], key, _axis_title(m["noun"], m["units"])),
            )
            for m in charted
            if m["family"] == fam["family"]
        ]
        if stories:
            out.setdefault(fam["page"], (fam["name"], []))[1].extend(stories)
    return out


def pages_of_new_families(pages: tuple, page_cls, chart_cls) -> tuple:
    """`pages` with a generic page (no file of its own) for each family whose page is not among
    them, placed after the last page that draws charts (before Sources and Accessibility)."""
    known = {p.slug for p in pages}
    new = tuple(
        page_cls(slug, name, None, charts=tuple(chart_cls(key, s) for key, s in stories))
        for slug, (name, stories) in family_charts().items()
        if slug not in known
    )
    at = max((i + 1 for i, p in enumerate(pages) if p.charts), default=len(pages))
    return (*pages[:at], *new, *pages[at:])
