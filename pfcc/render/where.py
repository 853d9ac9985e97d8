"""Where each figure appears: the charts (page and tab) and slides that draw it, found by building
every chart of the registry as its page first shows it, and every slide, and reading the measure
ids in what each draws; for a figure no chart draws, why not (its metric is not charted, its
geography is not one the chart of its metric draws, its period is outside the chart's span).

`make data` runs it twice around the build: `--keep FILE` before (the figures of the database
about to be replaced), `--since FILE` after (for each figure added or changed, where it appears,
or a warning that says why it appears nowhere). /changes links a figure only to a chart that
draws it (`linked`)."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from pfcc import registry
from pfcc.hashing import content_hash
from pfcc.paths import DB_PATH
from pfcc.render.spec import ChartSpec
from pfcc.store.asof import ALL_TIME
from pfcc.store.db import run_query
from pfcc.stories.changes import Group, Line
from pfcc.stories.common import spec_cache
from pfcc.text.formatting import fmt_value


@dataclass(frozen=True)
class Place:
    """A chart on a page's screen, or a slide of the meeting deck."""

    name: str  # as a reader finds it: "999 and 101 calls, tab 999 within 10 seconds"
    url: str  # the path to open: /calls?section=999+within+10+seconds, /?mode=present&slide=6
    slide: bool = False


@dataclass(frozen=True)
class Where:
    places: dict[str, tuple[Place, ...]]  # measure_id -> where it is drawn (none: not drawn)
    why: dict[
        str, tuple[str, str]
    ]  # measure_id -> (in a word or two, in full) for one drawn nowhere


def _ids(spec: ChartSpec) -> set[str]:
    """The figures a chart draws: its table's rows and the passages quoted for them (a point
    two sources give is one row of the table, citing both)."""
    ids: set[str] = set()
    if "measure_id" in spec.table:
        ids |= set(spec.table["measure_id"].dropna())
    if spec.quotes is not None and "id" in spec.quotes:
        ids |= set(spec.quotes["id"].dropna().astype(str))
    return ids


def _passages(spec: ChartSpec) -> set[tuple[str, str, str]]:
    """(source, geography, quote) of a second figure a table row draws beside its own (a count
    beside its rate, in a column `<what>_quote`): that figure is drawn too."""
    t = spec.table
    if not {"source_id", "geography"} <= set(t.columns):
        return set()
    return {
        (s, g, q)
        for c in t.columns
        if c.endswith("_quote")
        for s, g, q in zip(t["source_id"], t["geography"], t[c])
        if isinstance(q, str)
    }


def _drawn(measures: pd.DataFrame) -> dict[str, list[Place]]:
    """measure_id -> the screens and slides that draw it, each chart built as first shown."""
    by_passage = defaultdict(set)
    for m in measures.itertuples():
        by_passage[(m.source_id, m.geography, m.quote)].add(m.measure_id)
    built = [
        (
            Place(f"{v.page.title}{f', tab {v.section}' if v.section else ''}", v.url),
            c.build(**v.page.defaults),
        )
        for v in registry.views()
        for c in v.charts
    ] + [
        (
            Place(f"slide {s.number}, {s.name}", f"/?mode=present&slide={s.number}", slide=True),
            s.build(),
        )
        for s in registry.slides()
        if s.chart is not None
    ]
    out: dict[str, list[Place]] = defaultdict(list)
    for place, spec in built:
        also = set().union(*(by_passage.get(p, set()) for p in _passages(spec)))
        for i in _ids(spec) | also:
            out[i].append(place)
    return out


def _why(m, drawn: pd.DataFrame) -> tuple[str, str]:
    """Why no chart draws figure `m`, given the figures (`drawn`) that are drawn: in a word or
    two, and in full."""
    if m.charted != "yes":
        return (
            "metric not charted",
            f"its metric ({m.metric}) is not charted: {m.not_charted_reason}",
        )
    kin = drawn[drawn["metric"] == m.metric]
    if kin.empty:
        return "metric not charted", f"no chart draws its metric ({m.metric})"
    charts = ", ".join(dict.fromkeys(kin["place"]))
    if m.geography not in set(kin["geography"]):
        scopes = ", ".join(sorted(set(kin["geography"])))
        return "geography not drawn", (
            f"its geography ({m.geography}) is not drawn: the chart of its metric ({charts}) "
            f"draws {scopes}"
        )
    end = pd.Timestamp(m.period_end).date()
    if not ALL_TIME[0] <= end <= ALL_TIME[1]:
        return "period outside the chart", (
            f"its period ends {end}, outside the span of the chart of its metric ({charts})"
        )
    return "left out by its chart", (
        f"the chart of its metric ({charts}) leaves it out: its unit ({m.unit}) or breakdown "
        "is not one that chart draws"
    )


@spec_cache
def where() -> Where:
    """Where every figure of the database is drawn, and why a figure drawn nowhere is not."""
    measures = run_query("where_measures")
    drawn = _drawn(measures)
    places = {i: tuple(dict.fromkeys(drawn.get(i, ()))) for i in measures["measure_id"]}
    seen = measures[measures["measure_id"].isin(drawn)].copy()
    seen["place"] = [drawn[i][0].name for i in seen["measure_id"]]
    why = {m.measure_id: _why(m, seen) for m in measures.itertuples() if not places[m.measure_id]}
    return Where(places, why)


def chart_of(measure_id: str) -> str | None:
    """The path of the first chart (not slide) that draws a figure; None where none does."""
    return next((p.url for p in where().places.get(measure_id, ()) if not p.slide), None)


def why_not(measure_id: str) -> str | None:
    """Why no chart draws a figure, in a word or two; None where a chart does."""
    return where().why.get(measure_id, (None,))[0]


def linked(groups: list[Group]) -> list[Group]:
    """Since the last meeting as shown: each figure's line links to a chart that draws it, and
    one that no chart draws links nowhere and says "not charted" and why, in a word or two."""
    return [
        replace(g, lines=[_linked(x) for x in g.lines]) if any(x.measure_id for x in g.lines) else g
        for g in groups
    ]


def _linked(line: Line) -> Line:
    if line.measure_id is None:
        return line
    chart = chart_of(line.measure_id)
    if chart:
        return replace(line, page=chart.lstrip("/"))
    return replace(line, page=None, text=f"{line.text} Not charted ({why_not(line.measure_id)}).")


def _signature(df: pd.DataFrame) -> pd.Series:
    """A figure's every stored column, hashed: a change to any of them is a change."""
    cols = sorted(c for c in df.columns if c != "measure_id")
    return pd.Series(
        [content_hash("\x1f".join(map(str, row))) for row in df[cols].itertuples(index=False)],
        index=df.index,
        dtype=object,
    )


def _figures(db: Path) -> pd.DataFrame:
    if not db.exists():
        return pd.DataFrame({"measure_id": [], "signature": []})
    df = run_query("measures_all", db=db)
    return pd.DataFrame({"measure_id": df["measure_id"], "signature": _signature(df)})


def keep(db: Path, out: Path) -> None:
    """The figures of the database about to be rebuilt: what `report` compares with (nothing
    where there is no database yet)."""
    out.unlink(missing_ok=True)
    if db.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        _figures(db).to_csv(out, index=False)


def report(before: Path | None, db: Path = DB_PATH) -> list[str]:
    """For each figure added or changed since `before` (a file `keep` wrote), where it appears,
    or a warning that no chart draws it and why."""
    now = _figures(db)
    if before is None or not before.exists():  # a first build: every figure is new
        found = where()
        return [
            f"No earlier build to compare with: {len(now)} figures, {len(found.why)} of them "
            "drawn by no chart."
        ]
    old = pd.read_csv(before)
    known = dict(zip(old["measure_id"], old["signature"]))
    new = [
        (i, "added" if i not in known else "changed")
        for i, s in zip(now["measure_id"], now["signature"])
        if known.get(i) != s
    ]
    if not new:
        return ["No figure added or changed since the last build."]
    found = where()
    rows = run_query("where_measures").set_index("measure_id")
    many = f"the {len(new)} figures" if len(new) > 1 else "the figure"
    lines = [f"Where {many} added or changed since the last build appear:"]
    for i, how in new:
        r = rows.loc[i]
        value = fmt_value(r["value"], r["unit"], written=r["value_as_written"])
        lines.append(f"  {how} {i}: {r['metric']}, {r['geography']}, {value} ({r['period_label']})")
        if found.places[i]:
            lines += [f"    drawn on {p.name} ({p.url})" for p in found.places[i]]
        else:
            lines.append(f"    WARNING: drawn by no chart: {found.why[i][1]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=Path, help="write the current database's figures here")
    ap.add_argument("--since", type=Path, help="report figures changed since this kept file")
    args = ap.parse_args(argv)
    if args.keep:
        keep(DB_PATH, args.keep)
        return 0
    print("\n".join(report(args.since)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
