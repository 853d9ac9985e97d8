"""What each chart says. Every function here reads named queries, builds the figure, and writes
the title, summary and table from the rows themselves — no figure is typed in. Pages and the
presentation mode draw these same specs."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

import functools

from pfcc import charts, db, theme
from pfcc.charts import Events, fmt_date, fmt_value
from pfcc.ui import ChartSpec, query

ALL_TIME = (date(2014, 1, 1), date(2026, 12, 31))
TIER_RANK = {t: i for i, t in enumerate(theme.TIER_SYMBOL)}
FIGURE4_ORDER = ["Charged/summonsed", "Taken into consideration", "Out-of-court (formal)",
                 "Caution – youths", "Caution – adults", "Penalty notices for disorder",
                 "Out-of-court (informal)", "Cannabis/khat warning", "Community resolution"]
JOURNEY_LANES = {
    "inspection published": "Inspections published",
    "inspection fieldwork": "Inspections published",
    "grade changed": "Inspections published",
    "cause of concern raised": "Causes of concern",
    "cause of concern closed": "Causes of concern",
    "revisit": "Causes of concern",
    "Engage entered": "Engage",
    "Engage exited": "Engage",
    "recommendation due": "Deadlines",
}
SERIES_COLUMNS = {"period_label": "Period", "value_text": "Figure", "series": "Measure",
                  "source_title": "Source", "tier_text": "Tier", "comparability": "Notes"}


def spec_cache(fn):
    """A story is a pure function of the data and the day: build it once per database file and
    date, then every rerun only draws it. Callers must not change what they get back (copy a
    figure before altering it)."""
    @functools.lru_cache(maxsize=256)
    def build(_stamp, _today, *args, **kwargs):
        return fn(*args, **kwargs)

    @functools.wraps(fn)
    def cached(*args, **kwargs):
        return build(db.file_stamp(), date.today(), *args, **kwargs)

    cached.cache_clear = build.cache_clear
    return cached


def known_by(df: pd.DataFrame, as_of: date | None, date_col: str,
             source_dated: bool = True) -> pd.DataFrame:
    """The rows as they stood on `as_of` (a meeting's date): their own date has come and, where
    `source_dated`, the source that states them had been published (when it gives a date)."""
    if as_of is None or df.empty:
        return df
    ts = pd.Timestamp(as_of)
    known = pd.to_datetime(df[date_col]) <= ts
    if source_dated and "source_published_on" in df:
        published = pd.to_datetime(df["source_published_on"])
        known &= published.isna() | (published <= ts)
    return df[known]


def milestones(as_of: date | None = None) -> pd.DataFrame:
    """Events that had happened by `as_of`, and deadlines that had been set by then."""
    m = query("milestones")
    if as_of is None:
        return m
    due = m["kind"] == "recommendation due"
    published = pd.to_datetime(m["source_published_on"])
    set_by = published.isna() | (published <= pd.Timestamp(as_of))
    happened = pd.to_datetime(m["event_date"]) <= pd.Timestamp(as_of)
    return m[(due & set_by) | (~due & happened)]


def axis_end(as_of: date | None) -> date | None:
    """Time axes run to a little after the meeting's date, or after today."""
    return as_of + timedelta(days=120) if as_of else None


def events(as_of: date | None = None) -> Events:
    return Events.from_milestones(milestones(as_of), as_of)


def _sources(df: pd.DataFrame) -> pd.DataFrame:
    cols = ["source_id", "source_title", "publisher", "tier", "url"]
    s = df[cols].drop_duplicates("source_id").copy()
    s["rank"] = s["tier"].map(TIER_RANK)
    return s.sort_values(["rank", "source_title"]).drop(columns="rank")


def _quotes(df: pd.DataFrame, id_col: str, label) -> pd.DataFrame:
    return pd.DataFrame({
        "id": df[id_col], "label": [label(r) for r in df.itertuples()], "quote": df["quote"],
        "source_title": df["source_title"], "tier": df["tier"], "url": df["url"],
    }).drop_duplicates("label")


def _with_text(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["value_text"] = [fmt_value(v, u, q, w) for v, u, q, w in
                        zip(df["value"], df["unit"], df.get("qualifier", [None] * len(df)),
                            df.get("value_as_written", [None] * len(df)))]
    df["tier_text"] = df["tier"].map(theme.TIER_SHORT)
    return df


def _measure_label(r) -> str:
    return f"{r.value_text} — {r.period_label} — {r.source_title}"


def series_summary(df: pd.DataFrame, series: str, noun: str, lower_is_better: bool) -> str:
    """What rose, what fell, by how much, from when to when; and where sources disagree."""
    if df.empty:
        return f"The sources give no {noun} for this selection."
    out = []
    for name, g in df.groupby(series, sort=False):
        g = g.sort_values(["period_end", "value"])
        first, last = g.iloc[0], g.iloc[-1]
        if len(g) == 1 or first["period_end"] == last["period_end"]:
            out.append(f"{name}: {first['value_text']} ({first['period_label']}), the only "
                       f"period the sources give.")
            continue
        diff = last["value"] - first["value"]
        decimals = max(_decimals(first["value"]), _decimals(last["value"]))
        change = (fmt_value(round(abs(diff), decimals), "count") + " percentage points"
                  if last["unit"] == "percent" else fmt_value(round(abs(diff), decimals), last["unit"]))
        if diff == 0:
            verb = "unchanged at"
            moved = f"{name}: {verb} {last['value_text']}"
        else:
            verb = "fell" if diff < 0 else "rose"
            better = (diff < 0) == lower_is_better
            moved = (f"{name} {verb} by {change}, from {first['value_text']} ({first['period_label']}) "
                     f"to {last['value_text']} ({last['period_label']}) — "
                     f"{'an improvement' if better else 'a deterioration'}")
        peak = g.loc[g["value"].idxmax() if lower_is_better else g["value"].idxmin()]
        moved += (f". Worst figure: {peak['value_text']} ({peak['period_label']})."
                  if peak["measure_id"] not in (first["measure_id"], last["measure_id"]) else ".")
        out.append(moved)
        dup = g.groupby("period_end").filter(lambda x: x["value"].nunique() > 1)
        for period_end, d in dup.groupby("period_end"):
            vals = "; ".join(f"{v} ({s})" for v, s in zip(d["value_text"], d["source_title"]))
            out.append(f"Sources differ for {d['period_label'].iloc[0]}: {vals}.")
    return " ".join(out)


def _decimals(x: float) -> int:
    text = f"{x:.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


# --- overview --------------------------------------------------------------------------------------

@spec_cache
def journey(present: bool = False, as_of: date | None = None) -> ChartSpec:
    m = milestones(as_of)
    ev = Events.from_milestones(m, as_of)
    shown = m[m["kind"].isin(JOURNEY_LANES)].copy()
    shown["lane"] = shown["kind"].map(JOURNEY_LANES)
    shown["date_text"] = [fmt_date(d, p) for d, p in zip(shown["event_date"], shown["date_precision"])]
    shown["tier_text"] = shown["tier"].map(theme.TIER_SHORT)
    raised = shown[shown["kind"] == "cause of concern raised"]["event_date"]
    title = (f"Causes of concern raised {fmt_date(raised.min(), 'month')}; Engage from "
             f"{fmt_date(ev.engage_start)} to {fmt_date(ev.engage_end)}"
             if len(raised) and ev.engage_start and ev.engage_end
             else "Staffordshire Police's inspection journey")
    due = shown[shown["kind"] == "recommendation due"]
    summary = (f"{len(shown[shown['lane'] == 'Inspections published'])} inspection events from "
               f"{shown['event_date'].min().year} to {shown['event_date'].max().year}. "
               + ev.describe()
               + (f" {len(due)} recommendation deadlines fall between {fmt_date(due['event_date'].min())} "
                  f"and {fmt_date(due['event_date'].max())}." if len(due) else ""))
    return ChartSpec(
        key="journey", title=title,
        subtitle="Inspections, causes of concern, enhanced monitoring (Engage) and deadlines, 2014 to today",
        figure=charts.journey(shown, JOURNEY_LANES, ev, present, today=as_of),
        table=shown, columns={"date_text": "Date", "lane": "Lane", "title": "Event",
                              "source_title": "Source", "tier_text": "Tier"},
        summary=summary,
        alt="Timeline of Staffordshire Police inspections, causes of concern, the Engage period and "
            "recommendation deadlines. " + ev.describe(),
        sources=_sources(shown),
        notes=["Where sources give different dates for the same event, each date is kept and shown "
               "(entry into Engage: " + "; ".join(
                   f"{fmt_date(d, p)} per {w}" for d, p, w in ev.engage_start_alternatives)
               + f"; {fmt_date(ev.engage_start)} per {ev.engage_start_source}).",
               "Month-precise dates are drawn at the first day of the month."],
        quotes=_quotes(shown, "milestone_id", lambda r: f"{r.date_text} — {r.title}"),
    )


@dataclass
class Headline:
    title: str
    rows: list[tuple[str, str, str]]  # (label, figure, provenance)


def _point(r, lower: bool) -> tuple[str, str]:
    return (fmt_value(r["value"], r["unit"], r.get("qualifier"), r.get("value_as_written")),
            f"{r['period_label']} · {r['publisher']} · {theme.TIER_SHORT[r['tier']]}")


def _headline(title: str, df: pd.DataFrame, engage_start: date | None, lower_is_better: bool,
              note: str = "") -> Headline:
    if df.empty:
        return Headline(title, [("", "Not stated in the sources", "")])
    df = df.copy()
    df["rank"] = df["tier"].map(TIER_RANK)
    if "order" not in df:
        df["order"] = df["period_end"]
    df = df.sort_values(["order", "rank"])
    rows = []
    before = df[df["period_end"] < pd.Timestamp(engage_start)] if engage_start else df.iloc[0:0]
    if before.empty:
        rows.append(("Before Engage", "Not stated in the sources", "no figure for a period ending before entry"))
    else:
        rows.append(("Before Engage", *_point(before.iloc[-1], lower_is_better)))
    worst = df.loc[df["value"].idxmax() if lower_is_better else df["value"].idxmin()]
    rows.append(("Worst", *_point(worst, lower_is_better)))
    latest = df[df["order"] == df["order"].max()].sort_values("rank").iloc[0]
    rows.append(("Latest", *_point(latest, lower_is_better)))
    if note:
        rows.append(("Note", "", note))
    return Headline(title, rows)


@spec_cache
def headlines() -> list[Headline]:
    ev = events()
    start = ev.engage_start
    calls = query("calls_999", metric="999 average answer time", date_from=ALL_TIME[0],
                  date_to=ALL_TIME[1])
    outcome = query("charge_and_outcome_rates")
    outcome = outcome[outcome["metric"] == "Positive outcome rate (force statement)"]
    recording = query("crime_recording_rates", breakdown="All crime (excluding fraud)")
    grades = query("grades", theme=None)
    counts = (grades.drop_duplicates(["inspection", "area"])
              .assign(inadequate=lambda d: d["grade"] == "Inadequate")
              .groupby("inspection")
              .agg(value=("inadequate", "sum"), areas=("area", "count"),
                   period_end=("sort_date", "min"), publisher=("publisher", "first"),
                   tier=("tier", "first"), year=("programme_year", "min"))
              .reset_index())
    counts["order"] = list(zip(counts["year"], pd.to_datetime(counts["period_end"])))
    counts["period_label"] = counts["inspection"] + " (of " + counts["areas"].astype(str) + " graded)"
    counts["unit"] = "count"
    counts["qualifier"] = None
    counts["period_end"] = pd.to_datetime(counts["period_end"])
    for df in (calls, outcome, recording):
        df["period_end"] = pd.to_datetime(df["period_end"])
    return [
        _headline("999 average answer time", calls, start, lower_is_better=True),
        _headline("Outcome rate (force-stated)", outcome, start, lower_is_better=False,
                  note="The force's own 'outcome rate'; not the Home Office charge rate."),
        _headline("Crime recording rate (all crime)", recording, start, lower_is_better=False),
        _headline("Inadequate inspection grades", counts, start, lower_is_better=True,
                  note="Counted per inspection; the grading scale changed in 2021/22."),
    ]


# --- grades ------------------------------------------------------------------------------------------

def programme(inspection: str) -> str:
    for pillar in (" effectiveness", " efficiency", " legitimacy"):
        if inspection.endswith(pillar):
            return inspection[: -len(pillar)]
    return inspection


@spec_cache
def grades(theme_filter: str | None = None, present: bool = False,
           as_of: date | None = None) -> ChartSpec:
    g = known_by(query("grades", theme=None), as_of, "sort_date", source_dated=False)
    g["column"] = g["inspection"].map(programme)
    g["tier_text"] = g["tier"].map(theme.TIER_SHORT)
    columns = list(dict.fromkeys(g["column"]))  # the query's order: programme year, then date
    rows = [t for t in charts_theme_order() if t in set(g["theme"])]
    if theme_filter in rows:
        rows = [theme_filter]
    shown = g[g["theme"].isin(rows)].copy()
    cells = []
    for (row, col), c in shown.groupby(["theme", "column"]):
        distinct = list(dict.fromkeys(sorted(c["grade"], key=theme.GRADE_ORDER.index)))
        if len(distinct) == 1:
            fill, font = theme.GRADE_STYLE[distinct[0]]
            text = distinct[0] if present else \
                distinct[0].replace("Requires improvement", "Requires<br>improvement")
        else:
            fill, font = "#F3F2F1", theme.TEXT
            text = " / ".join(distinct).replace("Requires improvement", "RI") + " *"
        hover = "<br>".join(f"{a}: <b>{gr}</b> ({s})" for a, gr, s in
                            zip(c["area"], c["grade"], c["source_title"]))
        cells.append({"row": row, "column": col, "text": text, "fill": fill, "font": font,
                      "hover": f"<b>{row.capitalize()} — {col}</b><br>{hover}",
                      "cell_id": f"{row}|{col}"})
    cells = pd.DataFrame(cells)
    five = shown[shown["scale"] == "5-tier"]
    four_cols = [c for c in columns if c not in set(five["column"])]
    break_after = four_cols[-1] if four_cols and len(five) else None
    columns = [c for c in columns if c in set(shown["column"])]
    if present:  # a projector shows the recent inspections, across the change of scale
        columns = columns[-4:]
        shown = shown[shown["column"].isin(columns)]
        rows = [r for r in rows if r in set(shown["theme"])]
        cells = cells[cells["column"].isin(columns) & cells["row"].isin(rows)]
    latest_col = columns[-1] if columns else None
    latest = shown[shown["column"] == latest_col]
    worst_col = max(columns, key=lambda c: (shown[(shown["column"] == c)]["grade"] == "Inadequate").sum())
    n_worst = int((shown[shown["column"] == worst_col].drop_duplicates("area")["grade"] == "Inadequate").sum())
    n_latest = int((latest.drop_duplicates("area")["grade"] == "Inadequate").sum())
    if not n_worst:
        title = f"No area graded inadequate from {columns[0]} to {latest_col}"
    elif worst_col == latest_col:
        title = f"{n_worst} areas graded inadequate in {latest_col}, the latest inspection"
    else:
        title = f"{n_worst} areas graded inadequate in {worst_col}; {n_latest} in {latest_col}"
    lines = []
    for t, tg in shown.groupby("theme", sort=False):
        seq = [f"{col}: {', '.join(dict.fromkeys(cg['grade']))}"
               for col, cg in tg.groupby("column", sort=False)]
        lines.append(f"{t.capitalize()} — " + "; ".join(seq) + ".")
    summary = (" ".join(lines) + " Grades before and after the 2021/22 change of scale (four tiers to "
               "five, adding 'Adequate') are not directly comparable.")
    shown["area_text"] = shown["area"]
    return ChartSpec(
        key="grades", title=title,
        subtitle="Graded judgments by theme (rows) and inspection (columns), 2014 to 2023–25; "
                 "* marks a cell where judgments differ (see the table)",
        figure=charts.grade_matrix(cells, columns, rows, break_after, present),
        table=shown,
        columns={"inspection": "Inspection", "published_label": "Published", "theme": "Theme",
                 "area_text": "Area as the inspection names it", "grade": "Grade",
                 "scale": "Scale", "source_title": "Source", "tier_text": "Tier"},
        summary=summary,
        alt="Grid of inspection grades by theme and inspection with the grade written in each "
            "cell. " + summary,
        sources=_sources(shown),
        notes=["Four-tier scale (Outstanding, Good, Requires improvement, Inadequate) until "
               "2018/19; five-tier (adding Adequate) from PEEL 2021/22. Grades across the change "
               "are not directly comparable.",
               "Themes harmonise areas that each inspection names differently; the table keeps "
               "each inspection's own wording."],
        quotes=_quotes(shown, "grade_id",
                       lambda r: f"{programme(r.inspection)} — {r.area} — {r.grade} ({r.source_title})"),
    )


def charts_theme_order() -> list[str]:
    from pfcc.schema import THEMES
    return list(THEMES)


@spec_cache
def themes_present() -> list[str]:
    g = query("grades", theme=None)
    return [t for t in charts_theme_order() if t in set(g["theme"])]


# --- crime recording ------------------------------------------------------------------------------

@spec_cache
def recording(breakdown: str | None = None, present: bool = False,
              as_of: date | None = None) -> ChartSpec:
    df = _with_text(known_by(query("crime_recording_rates", breakdown=breakdown), as_of,
                             "period_end"))
    df["series"] = df["breakdown"]
    df["ci_text"] = ["±" + fmt_value(c, "percent") if pd.notna(c) else "not stated"
                     for c in df["ci_half_width"]]
    ev = events(as_of)
    main = df[df["breakdown"] == "All crime (excluding fraud)"].sort_values("period_end")
    if len(main) >= 2:
        b = main.iloc[-1]
        same_source = main[main["source_id"] == b["source_id"]]  # compare like with like
        a = (same_source if len(same_source) >= 2 else main).iloc[0]
        title = (f"An estimated {b['value_text']} of reported crime was recorded in the latest "
                 f"inspection, against {a['value_text']} in {pd.Timestamp(a['period_end']).year}")
    else:
        title = "How much reported crime the force records"
    return ChartSpec(
        key="recording", title=title,
        subtitle="Estimated share of reported crime that was recorded, with 95% confidence "
                 "intervals where the inspectorate gives them",
        figure=charts.series_chart(df, series="series", unit="percent", events=ev,
                                   present=present, y_title="Recorded (%)", ci="ci_half_width",
                                   y_range=(60, 100), end=axis_end(as_of)),
        table=df, columns={"series": "Crime type", "period_label": "Period",
                           "value_text": "Recorded", "ci_text": "Interval",
                           "source_title": "Source", "tier_text": "Tier",
                           "comparability": "Notes"},
        summary=series_summary(df, "series", "recording rate", lower_is_better=False)
        + " Overlapping intervals mean a change may not be real: the inspectorate called the "
          "2021/22 results broadly unchanged from 2016.",
        alt="Crime recording rates by crime type with confidence intervals. " +
            series_summary(df, "series", "recording rate", lower_is_better=False),
        sources=_sources(df),
        notes=["The y-axis starts at 60% so that the intervals can be read.",
               "Estimates come from audits of samples of crime reports; the period each audit "
               "covered is given where the source states it."] + sorted(set(df["comparability"].dropna())),
        quotes=_quotes(df, "measure_id", _measure_label),
    )


@spec_cache
def recording_findings() -> pd.DataFrame:
    return _with_text(query("crime_recording_findings"))


# --- outcomes -------------------------------------------------------------------------------------

@spec_cache
def outcome_mix(present: bool = False) -> ChartSpec:
    df = query("outcomes_2015_mix")
    df["rate_text"] = [fmt_value(v, "per 100 offences", written=w)
                       for v, w in zip(df["rate"], df["rate_written"])]
    df["outcomes_text"] = [w if isinstance(w, str) else "—" for w in df["outcomes_written"]]
    df["tier_text"] = df["tier"].map(theme.TIER_SHORT)
    df["order"] = df["breakdown"].map({b: i for i, b in enumerate(FIGURE4_ORDER)})
    df = df.sort_values(["order", "geography"], ascending=[True, False])
    staffs = df[df["geography"] == "Staffordshire"].set_index("breakdown")["rate"]
    ew = df[df["geography"] == "England and Wales"].set_index("breakdown")["rate"]
    higher = [b for b in FIGURE4_ORDER if b in staffs and b in ew and staffs[b] > ew[b]]
    lower = [b for b in FIGURE4_ORDER if b in staffs and b in ew and staffs[b] < ew[b]]
    lead = "Charged/summonsed"
    text = df.set_index(["breakdown", "geography"])["rate_text"]
    title = (f"In 2015 Staffordshire charged or summonsed {text[(lead, 'Staffordshire')]} "
             f"offences, against {text[(lead, 'England and Wales')]} in England and Wales"
             if lead in staffs and lead in ew else "How offences were resolved in 2015")
    summary = (f"Higher in Staffordshire than England and Wales: {', '.join(higher) or 'none'}. "
               f"Lower: {', '.join(lower) or 'none'}. The out-of-court totals (formal and informal) "
               f"count the rows beneath them; each rate is rounded on its own, so rates may not "
               f"add up exactly.")
    return ChartSpec(
        key="outcome_mix", title=title,
        subtitle=f"Outcomes per 100 offences recorded, {df['period_label'].iloc[0] if len(df) else ''}, "
                 "all police recorded crime excluding fraud",
        figure=charts.outcome_mix(df, FIGURE4_ORDER, present),
        table=df, columns={"breakdown": "Outcome", "geography": "Area", "outcomes_text": "Outcomes",
                           "rate_text": "Per 100 offences", "source_title": "Source",
                           "tier_text": "Tier"},
        summary=summary, alt="Bar chart of outcomes per 100 offences by outcome type, "
                             "Staffordshire against England and Wales, 2015. " + summary,
        sources=_sources(df),
        notes=["Rate = outcomes recorded in the 12 months to 30 June 2015 divided by offences "
               "recorded in the same period (HMIC). This is not the Home Office charge/summons rate "
               "for a year ending March, nor the force's own 'outcome rate'.",
               "Only the outcome types with full data for every force are shown (Figure 4)."],
        quotes=_quotes(df, "measure_id",
                       lambda r: f"{r.breakdown} — {r.geography} — {r.rate_text} per 100"),
    )


@spec_cache
def charge_rates(present: bool = False, as_of: date | None = None) -> ChartSpec:
    df = _with_text(known_by(query("charge_and_outcome_rates"), as_of, "period_end"))
    df["series"] = df["definition"]
    # for a year the bulletins round differently, the latest bulletin's figure leads
    ew = (df[df["metric"] == "Charge/summons rate"]
          .sort_values(["period_end", "source_published_on"], ascending=[True, False],
                       na_position="last")
          .drop_duplicates("period_end"))
    force = df[df["metric"] == "Positive outcome rate (force statement)"].sort_values("period_end")
    parts = []
    if len(ew):
        parts.append(f"The England and Wales charge rate fell from {ew.iloc[0]['value_text']} "
                     f"({ew.iloc[0]['period_label']}) to {ew.iloc[-1]['value_text']} "
                     f"({ew.iloc[-1]['period_label']})")
    if len(force):
        parts.append(f"the force reports its outcome rate rising from {force.iloc[0]['value_text']} "
                     f"to {force.iloc[-1]['value_text']}")
    title = "; ".join(parts) if parts else "Charge and outcome rates"
    return ChartSpec(
        key="charge_rates", title=title,
        subtitle="Three different measures, never joined: Home Office charge/summons rate "
                 "(England and Wales), the force's own outcome rate, and HMIC's 2015 "
                 "charged/summonsed per 100 offences",
        figure=charts.series_chart(df, series="series", unit="percent", events=events(as_of),
                                   present=present, y_title="Percent of offences",
                                   end=axis_end(as_of)),
        table=df, columns=SERIES_COLUMNS,
        summary=series_summary(df, "series", "rate", lower_is_better=False),
        alt="Charge and outcome rates over time, each definition a separate series. "
            + series_summary(df, "series", "rate", lower_is_better=False),
        sources=_sources(df),
        notes=["Home Office charge/summons rate: share of offences (excluding fraud) in a year "
               "ending March that resulted in a charge or summons, England and Wales. Bulletins "
               "round the same year differently; each bulletin's own figure is shown.",
               "Force-stated outcome rate: the Chief Constable's 'outcome rate' — its definition "
               "is not stated and it is not comparable with the Home Office charge rate.",
               "HMIC 2015: charged/summonsed outcomes per 100 offences, 12 months to 30 June 2015.",
               "Official per-force charge rates for Staffordshire were not found in the stored "
               "sources; none is estimated here."],
        quotes=_quotes(df, "measure_id", _measure_label),
    )


# --- calls ----------------------------------------------------------------------------------------

@spec_cache
def calls_999(metric: str, date_from: date, date_to: date, present: bool = False,
              as_of: date | None = None) -> ChartSpec:
    df = _with_text(known_by(query("calls_999", metric=metric, date_from=date_from,
                                   date_to=date_to), as_of, "period_end"))
    df["series"] = "Staffordshire"
    standard = query("call_standard")
    share = metric == "999 calls answered within 10 seconds"
    reference = None
    if share and len(standard[standard["unit"] == "percent"]):
        st_pct = standard[standard["unit"] == "percent"].iloc[0]
        reference = (st_pct["value"], f"National standard: {fmt_value(st_pct['value'], 'percent')} "
                                      "within 10 seconds")
    lower = not share
    if len(df):
        latest = df.sort_values("period_end").iloc[-1]
        worst = df.loc[df["value"].idxmax() if lower else df["value"].idxmin()]
        noun = "average 999 answer time" if lower else "999 calls answered within 10 seconds"
        title = (f"{noun.capitalize()}: {latest['value_text']} at the latest figure, for "
                 f"{latest['period_label']}; the worst was {worst['value_text']}, for "
                 f"{worst['period_label']}")
    else:
        title = "The sources give no 999 figures for these dates"
    notes = ["Periods differ between figures (a week, a month, a quarter, a year): a shaded bar "
             "shows the span where the source states it. Lines join figures of the same tier "
             "only.",
             "Figures are the force's or Commissioner's statements as reported, unless the tier "
             "says otherwise; police.uk's official monthly series is not in the stored sources."]
    if reference:
        notes.append(f"The national standard is stated by HMICFRS ({standard.iloc[0]['source_title']}).")
    return ChartSpec(
        key="calls_999_share" if share else "calls_999_time", title=title,
        subtitle=("Share of 999 calls answered within 10 seconds (%)" if share
                  else "999 average time to answer (seconds)"),
        figure=charts.series_chart(df, series="series", unit="percent" if share else "seconds",
                                   events=events(as_of), present=present, reference=reference,
                                   y_title="Within 10 s (%)" if share else "Seconds",
                                   start=max(date_from, ALL_TIME[0]), end=axis_end(as_of),
                                   y_range=(0, 100) if share else None),
        table=df, columns=SERIES_COLUMNS,
        summary=series_summary(df, "series", "999 figure", lower_is_better=lower),
        alt=(f"Share of 999 calls answered within 10 seconds over time"
             f"{' against the ' + reference[1] if reference else ''}. "
             if share else "999 average answer time over time. ")
            + series_summary(df, "series", "999 figure", lower_is_better=lower),
        sources=_sources(df) if len(df) else standard.assign(publisher="")[
            ["source_id", "source_title", "publisher", "tier", "url"]].head(1),
        notes=notes, quotes=_quotes(df, "measure_id", _measure_label),
    )


@spec_cache
def calls_101(date_from: date, date_to: date, present: bool = False) -> ChartSpec:
    df = _with_text(query("calls_101", date_from=date_from, date_to=date_to))
    df["series"] = "Staffordshire"
    df["plot"] = df["minutes"]
    if len(df):
        latest = df.sort_values("period_end").iloc[-1]
        worst = df.loc[df["minutes"].idxmax()]
        title = (f"101 calls: {latest['value_text']} average wait at the latest figure, for "
                 f"{latest['period_label']}; the longest stated was {worst['value_text']}, for "
                 f"{worst['period_label']}")
    else:
        title = "The sources give no 101 figures for these dates"
    fig_df = df.assign(value=df["minutes"])
    return ChartSpec(
        key="calls_101", title=title,
        subtitle="101 (non-emergency) average time to answer, drawn in minutes; each figure as "
                 "the source states it in the table",
        figure=charts.series_chart(fig_df.assign(unit="minutes"), series="series", unit="minutes",
                                   events=events(), present=present, y_title="Minutes",
                                   start=max(date_from, ALL_TIME[0])),
        table=df, columns=SERIES_COLUMNS,
        summary=series_summary(df.assign(value=df["minutes"], unit="minutes",
                                         value_text=df["value_text"]),
                               "series", "101 figure", lower_is_better=True),
        alt="101 average answer time over time, in minutes. " +
            series_summary(df.assign(value=df["minutes"], unit="minutes"), "series", "101 figure",
                           lower_is_better=True),
        sources=_sources(df),
        notes=["Figures given in seconds are drawn at seconds ÷ 60; the table keeps each figure "
               "as stated. There is no national 101 dataset.",
               "Periods differ between figures; a shaded bar shows the span where stated."],
        quotes=_quotes(df, "measure_id", _measure_label),
    )


# --- recommendations -----------------------------------------------------------------------------

@spec_cache
def recommendations(source_id: str | None, status: str | None, today: date,
                    present: bool = False, as_of: date | None = None) -> ChartSpec:
    df = query("recommendations", source_id=source_id, status=status, today=as_of or today)
    if as_of is not None:  # raised by the meeting; closed only if closed by then
        raised = pd.to_datetime(df["raised_on"].fillna(df["source_published_on"]))
        df = df[raised.isna() | (raised <= pd.Timestamp(as_of))].copy()
        later = pd.to_datetime(df["closed_on"]) > pd.Timestamp(as_of)
        df.loc[later, "status"] = "open"
        df.loc[later, ["closed_on", "closed_precision"]] = None
        today = as_of
    df["label"] = [f"{k.capitalize()} {n}" if isinstance(n, str) and n else k.capitalize()
                   for k, n in zip(df["kind"], df["number"])]
    df["due_text"] = [fmt_date(d) if pd.notna(d) else "no deadline stated" for d in df["due_on"]]
    df["days_text"] = ["—" if pd.isna(n) else (f"{int(n)} days to go" if n >= 0
                                               else f"{int(-n)} days past")
                       for n in df["days_to_due"]]
    df["status_text"] = [
        (f"closed {fmt_date(c, p)}" if s == "closed" else
         ("not stated in the sources" if s == "unknown" else s))
        for s, c, p in zip(df["status"], df["closed_on"], df["closed_precision"])]
    df["tier_text"] = df["tier"].map(theme.TIER_SHORT)
    due = df[df["due_on"].notna()]
    passed = due[due["days_to_due"] < 0]
    closed = df[df["status"] == "closed"]
    title = (f"{len(passed)} of {len(due)} deadlines have passed; the sources state no progress on "
             f"{int((due['status'] == 'unknown').sum())} of them" if len(due)
             else f"{len(df)} items; {len(closed)} closed")
    summary = (f"{len(df)} items shown: {int((df['kind'] == 'cause of concern').sum())} causes of "
               f"concern ({len(closed[closed['kind'] == 'cause of concern'])} closed), "
               f"{int((df['kind'] == 'recommendation').sum())} recommendations and "
               f"{int((df['kind'] == 'area for improvement').sum())} areas for improvement. "
               + (f"Deadlines run from {fmt_date(due['due_on'].min())} to "
                  f"{fmt_date(due['due_on'].max())}; {len(passed)} had passed on {fmt_date(today)}."
                  if len(due) else "None of those shown has a deadline."))
    return ChartSpec(
        key="recommendations", title=title,
        subtitle="Deadlines of the recommendations shown, against today",
        figure=charts.deadlines(df, events(as_of), present, today=today),
        table=df, columns={"label": "Item", "text": "What the force was told", "source_title": "Report",
                           "due_text": "Deadline", "days_text": "Days", "status_text": "Status",
                           "tier_text": "Tier"},
        summary=summary, alt="Recommendation deadlines on a timeline with today marked. " + summary,
        sources=_sources(df),
        notes=["'Not stated in the sources' means no stored source reports progress; it does "
               "not mean nothing was done.",
               "Recommendations of the 2025 national inspection are addressed to all chief "
               "constables, including Staffordshire's."],
        quotes=_quotes(df, "rec_id", lambda r: f"{r.label} — {r.source_title[:60]}"),
    )


STATUS_LABELS = {"open": "Open", "closed": "Closed", "unknown": "Not stated in the sources"}


@spec_cache
def recommendation_reports() -> dict[str, str]:
    r = query("recommendation_reports")
    return dict(zip(r["source_id"], [f"{t} ({p})" for t, p in zip(r["source_title"],
                                                                    r["published_label"])]))


@spec_cache
def crime_recording_grades() -> pd.DataFrame:
    g = query("grades", theme="crime recording")
    g["tier_text"] = g["tier"].map(theme.TIER_SHORT)
    return g


# --- sources and methods -------------------------------------------------------------------------

@spec_cache
def sources_list() -> pd.DataFrame:
    s = query("sources")
    s["tier_text"] = s["tier"].map(theme.TIER_SHORT)
    s["address"] = [u if isinstance(u, str) and u else d for u, d in zip(s["url"], s["document"])]
    return s


@spec_cache
def data_info() -> dict:
    info = query("build_info").iloc[0].to_dict()
    s = query("sources")
    info["sources"] = len(s)
    info["tiers"] = s["tier"].value_counts().to_dict()
    info["facts"] = int(s["facts"].sum())
    return info


EXPORTS = ("sources", "measures", "grades", "milestones", "recommendations")


@spec_cache
def tables_for_download() -> dict[str, pd.DataFrame]:
    return {t: query(f"export_{t}") for t in EXPORTS}


def slide_version(spec: ChartSpec) -> str:
    """The data version a slide drew from: a hash of the content hashes of its sources."""
    import hashlib
    versions = query("source_versions").set_index("source_id")["content_hash"]
    used = sorted(set(spec.sources["source_id"]))
    joined = "\n".join(f"{sid}={versions.get(sid, '')}" for sid in used)
    return hashlib.sha256(joined.encode()).hexdigest()[:10]


# The story a meeting is told, in order: one chart a screen.
DECK = (
    ("journey", "The journey", lambda as_of: journey(present=True, as_of=as_of)),
    ("grades", "Inspection grades", lambda as_of: grades(present=True, as_of=as_of)),
    ("recording", "Crime recording",
     lambda as_of: recording("All crime (excluding fraud)", present=True, as_of=as_of)),
    ("outcomes", "Charge and outcome rates", lambda as_of: charge_rates(present=True, as_of=as_of)),
    ("calls", "999 calls", lambda as_of: calls_999("999 average answer time", *ALL_TIME,
                                                    present=True, as_of=as_of)),
    ("recommendations", "Recommendations due",
     lambda as_of: recommendations(None, None, date.today(), present=True, as_of=as_of)),
)
