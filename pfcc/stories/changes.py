"""Since the last meeting: everything that became public in a window of dates (by each row's
`public_on`), grouped as a panel reads it: new figures by family with the previous figure of the
same measure and the direction of change, new inspection grades with the theme's previous grade,
recommendations raised and closed, events on the trajectory, and new statistical files. Deadlines
that fell due or were overdue are not publications: they are listed last, under headings of their
own, and not counted among the changes published; so are the scorecard's status changes that
those publications brought (`_scorecard`), listed after the publications and before the
deadlines. Each line names its source and tier and the page where it is charted; a figure's
line also names its measure, so that the page shown links it only to a chart that draws it
(`pfcc.render.where.linked`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from pfcc.store.asof import closures_as_of
from pfcc.stories import scorecard
from pfcc.stories.common import query, settled_window, spec_cache
from pfcc.stories.scorecard_rule import NOT_COMPARABLE
from pfcc.text.formatting import fmt_date, fmt_value

# what was published: a recommendation raised, or its closure
REC_HEADINGS = {
    "raised": "Recommendations: raised",
    "closed": "Recommendations: closed",
}
# deadlines that passed: a date on the calendar, not a publication, so listed apart and not
# counted among the changes published
DEADLINE_HEADINGS = {
    "fell due": "Deadlines that passed (not publications): fell due",
    "overdue": "Deadlines that passed (not publications): overdue on the last day, no closure "
    "published",
}
# what the publications listed changed on the scorecard: not a publication, so not counted
SCORECARD_HEADING = (
    "Scorecard: status changes (these follow from the publications listed above and are not "
    "counted among them)"
)


ON_SCORECARD = "where it is on the scorecard"


@dataclass(frozen=True)
class Line:
    text: str
    source: str
    tier: str
    page: str  # url path of the chart where it appears
    url: str | None = None
    publisher: str | None = None  # who reports it, where not the tier's first-hand publisher
    measure_id: str | None = None  # a figure's: where.linked finds the chart that draws it
    link: str = "where it is charted"  # the words of the link to `page`


@dataclass
class Group:
    heading: str
    lines: list[Line] = field(default_factory=list)
    published: bool = True  # False: deadlines that passed, not something published


@dataclass
class Changes:
    date_from: date
    date_to: date
    groups: list[Group]

    @property
    def empty(self) -> bool:
        return not any(g.lines for g in self.groups)

    @property
    def published(self) -> int:
        """Lines that are publications in the window (not deadlines that passed)."""
        return sum(len(g.lines) for g in self.groups if g.published)

    @property
    def overdue(self) -> int:
        """Items overdue on the last day with no closure published by then."""
        return sum(len(g.lines) for g in self.groups if g.heading == DEADLINE_HEADINGS["overdue"])

    @property
    def title(self) -> str:
        n = self.published
        span = f"{fmt_date(self.date_from)} and {fmt_date(self.date_to)}"
        head = (
            f"{n} {'change' if n == 1 else 'changes'} published between {span}"
            if n
            else f"Nothing new was published between {span}"
        )
        late = self.overdue
        if not late:
            return head
        return (
            f"{head}; {late} {'deadline' if late == 1 else 'deadlines'} passed with no closure "
            "published, listed apart"
        )


def _direction(row) -> str:
    if pd.isna(row.previous_value):
        return "the first figure of its kind in the sources"
    before = fmt_value(row.previous_value, row.unit, written=row.previous_as_written)
    if row.value == row.previous_value:
        return f"the same as {before} for {row.previous_period}"
    up = row.value > row.previous_value
    word = "up" if up else "down"
    if row.better == "neither":
        return f"{word} from {before} for {row.previous_period}"
    better = up == (row.better == "higher")
    return f"{word} from {before} for {row.previous_period}, {'better' if better else 'worse'}"


def _url(value) -> str | None:
    return value if isinstance(value, str) and value else None


def _group(heading: str, rows: pd.DataFrame, page: str, text) -> Group:
    """One line per row, `text(row)` its words, each with the row's own source and tier (and a
    figure's measure)."""
    return Group(
        heading,
        [
            Line(
                text(r),
                r.source_title,
                r.tier,
                page,
                _url(r.url),
                r.publisher,
                getattr(r, "measure_id", None),
            )
            for r in rows.itertuples()
        ],
    )


def _figure_text(r) -> str:
    what = r.metric + (f", {r.breakdown}" if isinstance(r.breakdown, str) else "")
    value = fmt_value(r.value, r.unit, written=r.value_as_written)
    return f"{what}, {r.geography}: {value} for {r.period_label}; {_direction(r)}."


def _figures(date_from: date, date_to: date) -> list[Group]:
    df = query("changes_measures", date_from=date_from, date_to=date_to)
    # each family's name and the page that charts it: data/families.csv
    families = query("families").set_index("family")
    return [
        _group(
            f"New figures: {families.at[family, 'name']}",
            rows,
            families.at[family, "page"],
            _figure_text,
        )
        for family, rows in df.groupby("family", sort=False)
    ]


def _grade_text(r) -> str:
    before = (
        f"previously {r.previous_grade} in {r.previous_inspection}"
        if isinstance(r.previous_grade, str)
        else "no earlier grade for this theme in the sources"
    )
    return f"{r.inspection}, {r.area}: {r.grade}; {before}."


def _grades(date_from: date, date_to: date) -> Group:
    df = query("changes_grades", date_from=date_from, date_to=date_to)
    return _group("New inspection grades", df, "grades", _grade_text)


def _closures_on_their_day(df: pd.DataFrame) -> pd.DataFrame:
    """Each closure named by the source that made it public on its day (`closures_as_of` as of
    that day): a report of it, where the source that dates it came later."""
    closed = df["change"] == "closed"
    parts = [
        closures_as_of(df.loc[[i]], pd.Timestamp(day).date())
        for i, day in df.loc[closed, "changed_on"].items()
    ]
    return pd.concat([closures_as_of(df[~closed], None), *parts]).loc[df.index]


def _closure_when(r) -> str:
    """When a closure became public: published by the source that dates it, or reported by
    one that gives no date."""
    if pd.isna(r.closure_reported_on):
        return f"closure published {fmt_date(r.changed_on)}"
    return f"closure reported {fmt_date(r.changed_on)} (the report gives no date)"


def _recommendations(date_from: date, date_to: date) -> list[Group]:
    df = query("changes_recommendations", date_from=date_from, date_to=date_to)
    df = _closures_on_their_day(df)
    groups = []
    for change, heading in (REC_HEADINGS | DEADLINE_HEADINGS).items():
        group = Group(heading, published=change in REC_HEADINGS)
        for r in df[df["change"] == change].itertuples():
            label = r.kind.capitalize() + (f" {r.number}" if isinstance(r.number, str) else "")
            when = {
                "raised": f"published {fmt_date(r.changed_on)}",
                "closed": _closure_when(r),
                "fell due": f"due {fmt_date(r.changed_on)}",
                "overdue": f"due {fmt_date(r.changed_on)}, no closure published",
            }[change]
            closed = change == "closed"
            group.lines.append(
                Line(
                    f"{label}, {when}: {r.text}",
                    r.closed_source_title if closed else r.source_title,
                    r.closed_tier if closed else r.tier,
                    "recommendations",
                    _url(r.closed_url if closed else r.url),
                    r.closed_publisher if closed else r.publisher,
                )
            )
        groups.append(group)
    return groups


def _milestones(date_from: date, date_to: date) -> Group:
    df = query("changes_milestones", date_from=date_from, date_to=date_to)
    return _group(
        "Events on the trajectory",
        df,
        "overview",
        lambda r: f"{fmt_date(r.event_date, r.date_precision)}: {r.title}.",
    )


def _tables(date_from: date, date_to: date) -> Group:
    df = query("changes_tables", date_from=date_from, date_to=date_to)
    return _group(
        "New statistical files",
        df,
        "outcomes",
        lambda r: f"{r.source_title}, {r.publisher}, published {fmt_date(r.public_on)}.",
    )


def _theme(r: scorecard.ScoreRow) -> str:
    """A finding as a status line names it: a cause of concern by its theme, a graded area by
    its area, anything else by the inspectorate's words."""
    if r.group == scorecard.CAUSES:
        return scorecard.theme_of(r.finding_id)
    return r.title.rstrip(".")


def _state_text(r: scorecard.ScoreRow, before: str) -> str:
    return f"{r.kind.capitalize()}, {_theme(r)}: {before} to {r.state}."


def _of(r: scorecard.ScoreRow) -> str:
    joiner = " on " if r.group == scorecard.CAUSES else ", "
    kind = f"PEEL 2021/22 {r.kind}" if r.group == scorecard.GRADED else r.kind
    return f"the {kind}{joiner}{_theme(r)}"


def _status_text(r: scorecard.ScoreRow, e: scorecard.Evidence, before: str) -> str:
    """The measure, the finding, the status before and now, and the two figures compared as the
    scorecard writes them (their own `value_text` and `period_text`); a status that cannot
    compare says why."""
    what = e.metric + (f", {e.definition}" if e.definition else "")
    points = (("before Engage", e.figures["before Engage"]), ("latest", e.figures["latest"]))
    figures = "; ".join(
        f"{f['value_text']} for {f['period_text']} {p}" for p, f in points if f is not None
    )
    said = f" ({figures})" if figures else ""
    why = f": {e.status.why}" if e.status.word == NOT_COMPARABLE else ""
    return f"{what}, for {_of(r)}: {before} to {e.status.word}{said}{why}."


def _source_line(text: str, source_id: str | None, figure: dict | None, r) -> Line:
    """A status line with the source that changed it: the figure's own, else the source
    `source_id` names (a closure's), else the finding's."""
    if figure is not None:
        return Line(
            text,
            figure["source_title"],
            figure["tier"],
            "scorecard",
            _url(figure.get("url")),
            figure.get("publisher"),
            link=ON_SCORECARD,
        )
    sources = query("sources").set_index("source_id")
    sid = source_id if source_id in sources.index else r.source_id
    s = sources.loc[sid]
    return Line(
        text, s["title"], s["tier"], "scorecard", _url(s["url"]), s["publisher"], link=ON_SCORECARD
    )


def _scorecard(date_from: date, date_to: date) -> Group:
    """Every change of state (open, closed, overdue) of a finding, and of status (better, worse,
    no clear change, not comparable) of a finding's measure, between the scorecard as it stood
    the day before `date_from` and as it stood on `date_to`. Left out: a finding or a link to a
    measure that became public in the window (a finding raised is listed under "Recommendations:
    raised"; it has no earlier state to change from), and a finding that fell overdue (a
    deadline passing is not a publication: it is listed under the deadlines). So a window with
    no publication lists none (nor does a figure whose publication date is unknown: the scorecard
    shows it only as of today, never as of a window's settled last day). Each line names the
    source that changed it: the closure's, or the measure's latest figure's."""
    group = Group(SCORECARD_HEADING, published=False)
    if date_from > date_to:
        return group
    before = {r.finding_id: r for r in scorecard.rows(date_from - timedelta(days=1))}
    for r in scorecard.rows(date_to):
        was = before.get(r.finding_id)
        if was is None:
            continue
        if r.state != was.state and r.state != scorecard.OVERDUE:
            closure = r.closed.source_id if r.closed else None
            group.lines.append(_source_line(_state_text(r, was.state), closure, None, r))
        earlier = {(e.metric, e.definition): e.status.word for e in was.evidence}
        for e in r.evidence:
            word = earlier.get((e.metric, e.definition))
            if word is not None and word != e.status.word:
                latest = e.figures["latest"] or e.figures["before Engage"]
                group.lines.append(_source_line(_status_text(r, e, word), None, latest, r))
    return group


@spec_cache
def _groups(date_from: date, date_to: date) -> list[Group]:
    recs = _recommendations(date_from, date_to)
    groups = [
        *_figures(date_from, date_to),
        _grades(date_from, date_to),
        *[g for g in recs if g.published],
        _milestones(date_from, date_to),
        _tables(date_from, date_to),
        _scorecard(date_from, date_to),  # follows from the publications: not counted
        *[g for g in recs if not g.published],  # deadlines last, under their own heading
    ]
    return [g for g in groups if g.lines]


def changes(date_from: date, date_to: date) -> Changes:
    """Everything that became public from `date_from` to `date_to`, both days included. Found
    for the window settled on the days something can change (the same lines), so that any two
    dates a visitor picks cost one of about a hundred cached windows' work."""
    return Changes(date_from, date_to, _groups(*settled_window(date_from, date_to)))
