"""The scorecard: each thing the inspectorate asked Staffordshire Police to change, beside the
figures that show whether it changed, everything as it stood on a day (`as_of`).

Rows are grouped: the causes of concern (raised, revisited, closed, each with its source); the
PEEL 2021/22 graded areas beside the PEEL 2023–25 grade of the same area; the areas for
improvement and recommendations (deadline; open, closed with the source that closes it, or
overdue). Which measures evidence a finding is data (`finding_evidence`, with the
inspectorate's words); for each, Staffordshire's figure before Engage (the last published
before 6 July 2022), the worst of a period ending during Engage, at exit (the last published by
21 May 2024) and the latest, each with period and source, the comparison beside it, and a
status by `scorecard_rule.status`. "Last" and "latest" mean the figure for the latest period,
then the one published latest, then the weightiest tier."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from pfcc.render import theme
from pfcc.store.asof import closures_as_of, is_past, known_by, milestones_known_by, public_by
from pfcc.stories import official, standing
from pfcc.stories.common import query, spec_cache
from pfcc.stories.scorecard_rule import Status, status
from pfcc.text.formatting import fmt_date, fmt_value
from pfcc.text.words import period_text

ENGAGE_START = date(2022, 7, 6)
ENGAGE_EXIT = date(2024, 5, 21)
FORCE = "Staffordshire"
CAUSES = "Causes of concern"
GRADED = "PEEL 2021/22 graded areas"
ASKED = "Areas for improvement and recommendations"
GROUPS = (CAUSES, GRADED, ASKED)
LATER_CYCLE = "PEEL 2023–25"
ACROSS_CYCLES = (
    "The inspectorate changed its framework between PEEL 2021/22 and PEEL 2023–25 and says "
    "grades across cycles are not directly comparable: the two grades are shown side by side, "
    "not compared."
)
NO_FIGURE = "no published figure measures this"
OPEN, CLOSED, OVERDUE = "open", "closed", "overdue"
REPORTED = "reported closed"  # a closure known, on the day shown, only from an undated report
# A metric whose national standard is a metric of its own, shown beside it.
STANDARDS = {
    "999 calls answered within 10 seconds": "999 answer standard (share within 10 seconds)"
}
POINTS = ("before Engage", "worst during Engage", "at exit", "latest")
# A metric the Home Office series also gives, computed (pfcc.stories.official), on this basis:
# its own series beside the stated figures, with England and Wales and the force's rank.
OFFICIAL = {"Charge/summons rate": "recorded"}
OFFICIAL_DEFINITION = "Home Office series, offences recorded in the year (computed)"
RANK = "Rank among the territorial forces (1 the highest rate)"


@dataclass(frozen=True)
class Dated:
    """A date as a source states it."""

    day: date
    precision: str
    what: str
    source_id: str
    source_title: str
    quote: str

    @property
    def text(self) -> str:
        return fmt_date(self.day, self.precision)

    @property
    def closure_text(self) -> str:
        """A closure's date, or the day a report of it was published: "December 2023",
        "reported 28 December 2023"."""
        return f"reported {self.text}" if self.what == REPORTED else self.text


@dataclass
class Evidence:
    """One measure of a finding: its figures at the four points, the comparison, the status."""

    metric: str
    better: str
    link_quote: str
    link_source_id: str
    definition: str  # breakdown and unit, where the metric has more than one series
    figures: dict[str, dict | None]  # POINTS -> the figure, or None
    comparisons: list[dict]  # England and Wales, United Kingdom, the national standard
    status: Status
    link_source: dict = field(default_factory=dict)  # the link's source: title, tier, url…


@dataclass
class ScoreRow:
    group: str
    finding_id: str
    kind: str
    title: str
    source_id: str
    source_title: str
    quote: str
    source_tier: str = ""
    source_url: str | None = None
    state: str = ""  # open, closed or overdue: the causes, areas and recommendations
    raised: Dated | None = None
    revisited: list[Dated] = field(default_factory=list)
    closed: Dated | None = None
    due_on: date | None = None
    grade: str = ""
    later_grade: dict | None = None  # the PEEL 2023–25 grade of the same theme
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def no_figure(self) -> str:
        """What the row says where no measure is linked to it."""
        return "" if self.evidence else NO_FIGURE


def _as_date(v) -> date | None:
    return None if v is None or pd.isna(v) else pd.Timestamp(v).date()


def public(day, as_of: date | None) -> bool:
    """One row's `public_by`: whether a thing public on `day` was public by `as_of`."""
    return bool(public_by(pd.DataFrame({"public_on": [day]}), as_of).iloc[0])


def _last(df: pd.DataFrame) -> dict | None:
    """The figure for the latest period, then published latest, then the weightiest tier."""
    if df.empty:
        return None
    df = df.assign(_rank=df["tier"].map(theme.TIER_RANK))
    df = df.sort_values(["period_end", "public_on", "_rank"], ascending=[False, False, True])
    return _figure(df.iloc[0])


def _figure(r) -> dict:
    f = {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in r.items()}
    f.pop("_rank", None)
    for k in ("period_start", "period_end", "public_on"):
        f[k] = _as_date(f.get(k))
    f["value_text"] = fmt_value(r["value"], r["unit"], f.get("qualifier"), f["value_as_written"])
    f["period_text"] = period_text(r["period_label"], f.get("period_start"), f.get("period_end"))
    return f


def figures_at(df: pd.DataFrame, better: str, as_of: date | None) -> dict[str, dict | None]:
    """A series' figures before Engage, at its worst during Engage, at exit and latest, as
    known on `as_of` (public by then, its period ended by then)."""
    df = known_by(df, as_of, "period_end")
    day = pd.to_datetime(df["public_on"])
    end = pd.to_datetime(df["period_end"])
    during = df[(end >= pd.Timestamp(ENGAGE_START)) & (end <= pd.Timestamp(ENGAGE_EXIT))]
    worst = None
    if better in ("higher", "lower") and not during.empty:
        pick = during["value"].idxmin() if better == "higher" else during["value"].idxmax()
        tied = during[during["value"] == during.loc[pick, "value"]]
        worst = _last(tied)
    exit_known = not is_past(as_of) or as_of >= ENGAGE_EXIT
    return {
        "before Engage": _last(df[day < pd.Timestamp(ENGAGE_START)]),
        "worst during Engage": worst,
        "at exit": _last(df[day <= pd.Timestamp(ENGAGE_EXIT)]) if exit_known else None,
        "latest": _last(df),
    }


def _official(metric: str, as_of: date | None) -> tuple[pd.DataFrame, list[dict]]:
    """The Home Office series of `metric` as it stood on `as_of`, final and unflagged years only
    (a provisional or flagged year is never compared: `standing.comparable`), shaped like
    measures; and beside its latest year, England and Wales's figure and the force's rank."""
    basis = OFFICIAL[metric]
    every = official.rates(basis, as_of)
    df = standing.comparable(every).copy()
    df["metric"], df["breakdown"], df["geography"] = metric, OFFICIAL_DEFINITION, df["force"]
    df["period_length"] = "12 months"
    df["value_as_written"] = [f"{v:.1f}" for v in df["value"]]
    df["qualifier"] = None
    force = df[df["force"] == FORCE]
    if force.empty:
        return force, []
    latest = _last(force)
    year = df["financial_year"] == latest["financial_year"]
    comparisons = [_figure(r) for _, r in df[year & (df["force"] == standing.NATIONAL)].iterrows()]
    if latest.get("rank_charge_rate") is not None:
        counts = standing.ranked_count(every)
        text = standing.rank_text(latest["rank_charge_rate"], latest["financial_year"], counts)
        comparisons.append(latest | {"metric": RANK, "value_text": text})
    return force, comparisons


def _measured(link, said: dict, as_of, definition: str, series, comparisons) -> Evidence:
    """One measure of a linked finding: its figures at the four points and its status."""
    figs = figures_at(series, link.better, as_of)
    return Evidence(
        link.metric,
        link.better,
        link.quote,
        link.source_id,
        definition,
        figs,
        comparisons,
        status(figs["before Engage"], figs["latest"], link.better),
        said,
    )


def _evidence(links: pd.DataFrame, measures: pd.DataFrame, as_of: date | None) -> list[Evidence]:
    out = []
    for link in links.itertuples():
        said = {k: getattr(link, k) for k in ("source_title", "tier", "url", "publisher")}
        if link.metric in OFFICIAL:
            series, beside = _official(link.metric, as_of)
            out.append(_measured(link, said, as_of, OFFICIAL_DEFINITION, series, beside))
        rows = measures[measures["metric"] == link.metric]
        force = rows[rows["geography"] == FORCE]
        keys = force[["breakdown", "unit"]].fillna("").drop_duplicates()
        if keys.empty and link.metric in OFFICIAL:
            continue  # no stated figure of the force's: the Home Office series stands for it
        if keys.empty:  # no Staffordshire figure in the measures: the link still shows
            keys = pd.DataFrame({"breakdown": [""], "unit": [""]})
        others = known_by(rows[rows["geography"] != FORCE], as_of, "period_end")
        comparisons = [f for _, g in others.groupby("geography") if (f := _last(g))]
        standard = measures[measures["metric"] == STANDARDS.get(link.metric, "")]
        if (f := _last(known_by(standard, as_of, "period_end"))) is not None:
            comparisons.append(f)
        for b, unit in keys.itertuples(index=False):
            series = force[(force["breakdown"].fillna("") == b) & (force["unit"] == unit)]
            several_units = keys["unit"].nunique() > 1
            definition = ", ".join(x for x in (b, unit if several_units else "") if x)
            out.append(_measured(link, said, as_of, definition, series, comparisons))
    return out


def _dated(day, precision, what, sid, title, quote) -> Dated:
    return Dated(_as_date(day), precision, what, sid, title, quote)


def _state(r, as_of: date | None) -> tuple[str, Dated | None]:
    """Open, closed (with the closure, where published by `as_of`) or overdue. A closure
    reported before any source dated it (`closures_as_of`) is dated by its report: the day it
    was published, what it says, its source."""
    reported = closures_as_of(pd.DataFrame([r._asdict()]), as_of).iloc[0]
    if reported.status == "closed" and not pd.isna(reported.closure_reported_on):
        closure = _dated(
            reported.closure_reported_on,
            "day",
            REPORTED,
            reported.closed_source_id,
            reported.closed_source_title,
            reported.closed_quote,
        )
        return CLOSED, closure
    closed_on = _as_date(r.closed_on)
    if r.status == "closed" and public(r.closure_public_on, as_of):
        if not is_past(as_of) or closed_on <= as_of:
            closure = _dated(
                closed_on,
                r.closed_precision,
                "closed",
                r.closed_source_id,
                r.closed_source_title,
                r.closed_quote,
            )
            return CLOSED, closure
    due = _as_date(r.due_on)
    if due is not None and due < (as_of or date.today()):
        return OVERDUE, None
    return OPEN, None


def theme_of(rec_id: str) -> str:
    """A cause of concern's theme, as its id names it: "responding to the public"."""
    return rec_id.rsplit("coc-", 1)[-1].replace("-", " ")


def _revisits(rec_id: str, as_of: date | None) -> list[Dated]:
    """The revisits of a cause of concern: those naming its theme, or causes of concern in
    general; known on `as_of`."""
    m = query("scorecard_revisits").assign(kind="revisit")
    m = milestones_known_by(m, as_of)
    theme_words = theme_of(rec_id)
    out = []
    for r in m.itertuples():
        title = r.title.lower()
        if theme_words in title or "causes-of-concern" in title or "cause-of-concern" in title:
            out.append(
                _dated(
                    r.event_date, r.date_precision, r.title, r.source_id, r.source_title, r.quote
                )
            )
    return out


def _later_grades(grades: pd.DataFrame, as_of: date | None) -> dict[str, dict]:
    later = grades[(grades["inspection"] == LATER_CYCLE) & public_by(grades, as_of)]
    later = later.assign(_rank=later["tier"].map(theme.TIER_RANK))
    later = later.sort_values(["_rank", "public_on"], na_position="last")
    firsts = {t: g.iloc[0].drop("_rank").to_dict() for t, g in later.groupby("theme")}
    return {t: g | {"public_on": _as_date(g["public_on"])} for t, g in firsts.items()}


@spec_cache
def rows(as_of: date | None = None) -> tuple[ScoreRow, ...]:
    """The scorecard as it stood on `as_of` (today: None): a finding not yet public is absent,
    a closure not yet public is open, "latest" is the latest known by then."""
    links = query("scorecard_links")
    links = links[public_by(links, as_of)]
    measures = query("scorecard_measures")

    def evidence(finding_id: str) -> list[Evidence]:
        return _evidence(links[links["finding_id"] == finding_id], measures, as_of)

    out: list[ScoreRow] = []
    recs = query("scorecard_findings")
    recs = recs[public_by(recs, as_of)]
    for r in recs.itertuples():
        state, closure = _state(r, as_of)
        causes = r.kind == "cause of concern"
        raised = r.raised_on
        row = ScoreRow(
            CAUSES if causes else ASKED,
            r.rec_id,
            r.kind,
            r.text,
            r.source_id,
            r.source_title,
            r.quote,
            source_tier=r.tier,
            source_url=r.url if isinstance(r.url, str) else None,
            state=state,
            raised=_dated(raised, "day", "raised", r.source_id, r.source_title, r.quote)
            if not pd.isna(raised)
            else None,
            revisited=_revisits(r.rec_id, as_of) if causes else [],
            closed=closure,
            due_on=_as_date(r.due_on),
            evidence=evidence(r.rec_id),
        )
        out.append(row)
    grades = query("scorecard_grades")
    later = _later_grades(grades, as_of)
    first = grades[(grades["inspection"] == "PEEL 2021/22") & public_by(grades, as_of)]
    for g in first.itertuples():
        finding = f"grade:{g.source_id}/{g.theme}"
        out.append(
            ScoreRow(
                GRADED,
                finding,
                "graded area",
                g.area,
                g.source_id,
                g.source_title,
                g.quote,
                source_tier=g.tier,
                source_url=g.url if isinstance(g.url, str) else None,
                grade=g.grade,
                later_grade=later.get(g.theme),
                evidence=evidence(finding),
            )
        )
    order = {g: i for i, g in enumerate(GROUPS)}
    return tuple(sorted(out, key=lambda r: order[r.group]))
