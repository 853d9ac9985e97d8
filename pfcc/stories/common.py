"""What every story shares: caching per data build and day, the query call, the events on every
time axis, the frames' shared columns (periods and figures as written, sources, quotes) and the
data version a chart drew from. The metric vocabulary is in `vocabulary`, the sentences in
`sentences`."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from pfcc import charts, periods
from pfcc.hashing import CHART_VERSION, content_hash
from pfcc.render import theme
from pfcc.render.spec import ChartSpec
from pfcc.store import db
from pfcc.store.asof import Events, axis_end, milestones_known_by, settle, settle_window
from pfcc.store.cache import cached_per
from pfcc.text.formatting import fmt_value
from pfcc.text.words import period_text

query = db.cached_query

SERIES_COLUMNS = {
    "period_text": "Period",
    "value_text": "Figure",
    "series": "Measure",
    "source_title": "Source",
    "tier_text": "Tier",
    "comparability": "Notes",
}


SPEC_CACHE_SIZE = 128  # per story: filter values and as-presented dates of one data version


def _build_and_day() -> tuple:
    return (db.file_stamp(), date.today())


def spec_cache(fn):
    """A story is a pure function of the data and the day: build it once per database file and
    date, then every rerun of every session only draws it (`pfcc.store.cache`: a build under
    way is waited for, and a rebuild or midnight empties the story's cache). Callers must not
    change what they get back (copy a figure before altering it)."""
    return cached_per(_build_and_day, SPEC_CACHE_SIZE)(fn)


@spec_cache
def change_days() -> tuple[date, ...]:
    """Every day on which an as-presented view can change (queries/change_days.sql), sorted."""
    return tuple(d.date() for d in pd.to_datetime(query("change_days")["day"]))


def settled(as_of: date | None) -> date | None:
    """The date a view as presented on `as_of` is built for (`timeline.settle`)."""
    return settle(change_days(), as_of)


def settled_window(start: date, end: date) -> tuple[date, date]:
    """`start` and `end` narrowed to the days something can change (`timeline.settle_window`)."""
    return settle_window(change_days(), start, end)


def milestones(as_of: date | None = None) -> pd.DataFrame:
    """Events that had happened by `as_of`, and deadlines that had been set by then."""
    return milestones_known_by(query("milestones"), as_of)


def events(as_of: date | None = None) -> Events:
    return Events.from_milestones(milestones(as_of), as_of)


def time_chart(df: pd.DataFrame, as_of: date | None, projector: bool, **options) -> go.Figure:
    """A chart over time as every one is drawn: a line for each `series`, the causes of concern
    and the Engage period marked as known on `as_of`, and the axis ending there. `options`:
    charts.series_chart's (unit, y_title, ci, reference, start…)."""
    return charts.series_chart(
        df,
        series="series",
        events=events(as_of),
        projector=projector,
        end=axis_end(as_of),
        **options,
    )


def sources_of(df: pd.DataFrame) -> pd.DataFrame:
    """One row per source the rows draw on, most weighty tier first."""
    cols = ["source_id", "source_title", "publisher", "tier", "url"]
    s = df[cols].drop_duplicates("source_id").copy()
    s["rank"] = s["tier"].map(theme.TIER_RANK)
    return s.sort_values(["rank", "source_title"]).drop(columns="rank")


def quotes_of(df: pd.DataFrame, id_col: str, label) -> pd.DataFrame:
    """The passage behind each figure, under the label the quote picker shows."""
    return pd.DataFrame(
        {
            "id": df[id_col],
            "label": [label(r) for r in df.itertuples()],
            "quote": df["quote"],
            "source_title": df["source_title"],
            "tier": df["tier"],
            "url": df["url"],
            # who reports it, for the badge: "Official statistics, as reported by The Times"
            "publisher": df["publisher"] if "publisher" in df else None,
        }
    ).drop_duplicates("label")


def with_period_text(df: pd.DataFrame) -> pd.DataFrame:
    """Adds each row's period as a reader needs it (`period_text`: "April 2023", "year ending
    March 2025"), from its dates where they define the period, else its label cleaned."""
    df = df.copy()
    if "period_label" not in df:
        return df
    none = [None] * len(df)
    df["period_text"] = [
        _unstated(period_text(label, start, end), length)
        for label, start, end, length in zip(
            df["period_label"],
            df.get("period_start", none),
            df.get("period_end", none),
            df.get("period_length", none),
        )
    ]
    return df


def _unstated(text: str, length) -> str:
    """A period the source does not state says so, whatever its label."""
    if length != periods.NOT_STATED or "not stated" in str(text).lower():
        return text
    return f"period not stated: {text}" if text else "period not stated"


def windows_note(df: pd.DataFrame) -> list[str]:
    """Where a chart holds figures of more than one window, a note saying which are which: a
    line joins only figures of one window (`periods.joinable`)."""
    if df.empty:
        return []
    counts = periods.windows(df).value_counts(sort=False)
    if len(counts) < 2:
        return []
    parts = [
        f"{'period not stated' if w == periods.NOT_STATED else w or 'other'}: {n}"
        for w, n in counts.items()
    ]
    return [
        "Figures on this chart cover periods of different lengths ("
        + "; ".join(parts)
        + "). A line joins only figures of the same length of period; one whose period is "
        "not stated is a hollow mark, joined to nothing."
    ]


def one_per_observation(df: pd.DataFrame, series: str = "series") -> pd.DataFrame:
    """One row per observation: the same figure for the same series, window and period from
    several sources becomes one row, drawn once, whose `source_title` and `quote` name every
    source (the weightiest tier's row first, then the one written most exactly). Figures that
    differ stay apart: a disagreement is shown, not resolved."""
    if df.empty or "value" not in df:
        return df
    df = df.copy()
    df["_order"] = range(len(df))
    df["_window"] = periods.windows(df)
    df["_rank"] = df["tier"].map(theme.TIER_RANK)
    df["_loose"] = df["qualifier"].notna() if "qualifier" in df else False
    df["_no_ci"] = df["ci_half_width"].isna() if "ci_half_width" in df else False
    key = [series, "_window", "period_end", "value"] + (["unit"] if "unit" in df else [])
    df["_start"] = df["period_start"].astype(str) if "period_start" in df else ""
    key.insert(2, "_start")
    df = df.sort_values(["_rank", "_loose", "_no_ci"], kind="stable")
    rows = []
    for _, g in df.groupby(key, sort=False, dropna=False):
        first = g.iloc[0].copy()
        first["_order"] = g["_order"].min()
        if len(g) > 1:
            first["source_title"] = "; ".join(dict.fromkeys(g["source_title"]))
            first["quote"] = " | ".join(
                f"{t}: “{q}”" for t, q in zip(g["source_title"], g["quote"])
            )
            first["also_measure_ids"] = ";".join(g["measure_id"].iloc[1:])
        rows.append(first)
    out = pd.DataFrame(rows).sort_values("_order")
    return out.drop(
        columns=["_order", "_window", "_rank", "_loose", "_no_ci", "_start"]
    ).reset_index(drop=True)


def with_text(df: pd.DataFrame) -> pd.DataFrame:
    """Adds each figure as written (`value_text`), its period as a reader needs it
    (`period_text`) and its tier's name (`tier_text`)."""
    df = with_period_text(df)
    none = [None] * len(df)
    df["value_text"] = [
        fmt_value(v, u, q, w)
        for v, u, q, w in zip(
            df["value"], df["unit"], df.get("qualifier", none), df.get("value_as_written", none)
        )
    ]
    df["tier_text"] = theme.tier_texts(df)
    return df


def data_version_of(spec: ChartSpec) -> str:
    """The data version a chart drew from: a hash of the content hashes of its sources."""
    versions = query("source_versions").set_index("source_id")["content_hash"]
    used = sorted(set(spec.sources["source_id"]))
    joined = "\n".join(f"{sid}={versions.get(sid, '')}" for sid in used)
    return content_hash(joined, length=CHART_VERSION)
