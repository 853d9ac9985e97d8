"""Recommendations and causes of concern: every one with its source, deadline and status, the
deadlines on a timeline against today (or the meeting's date)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from pfcc import charts
from pfcc.render import theme
from pfcc.render.spec import ChartSpec
from pfcc.store.asof import closures_as_of, is_past, known_by, public_by
from pfcc.stories.common import events, query, quotes_of, sources_of, spec_cache
from pfcc.text.formatting import fmt_date
from pfcc.text.words import by_date, count_text, first_fitting, nothing_title, series_of

STATUS_LABELS = {"open": "Open", "closed": "Closed", "unknown": "Not stated in the sources"}


def item_label(kind: str, number) -> str:
    """'Cause of concern 2', 'Recommendation', 'Area for improvement 11'."""
    return (
        f"{kind.capitalize()} {number}" if isinstance(number, str) and number else kind.capitalize()
    )


# A recommendation to "chief constables" (plural) is made to every force: a national one. The
# words are the recommendation's own quote, which the build finds in its source.
_TO_EVERY_FORCE = re.compile(r"\bchief constables\b", re.IGNORECASE)
NATIONAL = "Every force (national)"


def addressed_to(quote: str, source_title: str) -> str:
    """Whom the sources say an item is addressed to: every force where its own words address
    chief constables; Staffordshire Police where its report is an inspection of that force (its
    title names it); else not stated."""
    if isinstance(quote, str) and _TO_EVERY_FORCE.search(quote):
        return NATIONAL
    if isinstance(source_title, str) and "Staffordshire" in source_title:
        return "Staffordshire Police"
    return "Not stated in the sources"


def report_name(source_title: str) -> str:
    """The report that made an item: a force's response record is titled after the inspection
    it answers ('PCC and CC Force Inspection response record: An inspection into …')."""
    head, sep, inspection = source_title.partition(" response record: ")
    return inspection if sep and inspection else source_title


KINDS = (
    ("cause of concern", "causes of concern"),
    ("recommendation", "recommendations"),
    ("area for improvement", "areas for improvement"),
)


def _as_of(df: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Raised and public by the meeting; closed only if the closure was public by then: dated
    where its dated source was, else as reported (`closures_as_of`: no date, the report's
    source)."""
    df = closures_as_of(df, as_of)
    # the day an item was raised, else the day its report became public
    public = df["public_on"] if "public_on" in df else df["source_published_on"]
    df["raised_or_public"] = pd.to_datetime(df["raised_on"]).fillna(pd.to_datetime(public))
    df = known_by(df, as_of, "raised_or_public").copy()
    closed = df[df["closed_on"].notna()].copy()
    # a closure is known once it has happened and the source stating it is public
    stated = (
        pd.to_datetime(closed["closure_public_on"])
        if "closure_public_on" in closed
        else pd.to_datetime(closed["closed_on"])
    )
    closed["closure_known_on"] = stated.where(
        stated > pd.to_datetime(closed["closed_on"]), pd.to_datetime(closed["closed_on"])
    )
    if "closure_public_on" in closed:
        closed.loc[stated.isna(), "closure_known_on"] = pd.NaT  # closure's date unknown
    known = known_by(closed, as_of, "closure_known_on").index
    later = df.index.isin(closed.index) & ~df.index.isin(known)
    df.loc[later, "status"] = "open"
    df.loc[later, ["closed_on", "closed_precision"]] = None
    return df


def _kinds_text(df: pd.DataFrame) -> str:
    """'2 causes of concern, 8 recommendations and 34 areas for improvement'."""
    counts = [(int((df["kind"] == k).sum()), k, ks) for k, ks in KINDS]
    return series_of(count_text(n, k, ks) for n, k, ks in counts if n)


def _due_noun(due: pd.DataFrame) -> str:
    """'national recommendations' where every item with a deadline is a recommendation to every
    force; 'recommendations' or 'items' otherwise."""
    recs = (due["kind"] == "recommendation").all()
    national = (due["addressed_to"] == NATIONAL).all()
    return ("national " if national else "") + ("recommendations" if recs else "items")


def _title(df, due, passed, closed, unclosed, as_of, past: bool) -> str:
    when = by_date(as_of) if past else ""
    by = by_date(as_of) if past else "by today"
    if len(due):
        noun = _due_noun(due)
        are = "were" if past else "are"
        head = f"{len(passed)} of {len(due)} {noun} {are} past their deadline"
        some = "" if unclosed == len(due) else f" for {unclosed}"
        return first_fitting(
            f"{head}; no closure published {by}{some}",
            f"{head}; no closure published{some or ' for any'}",
            f"{head}{' ' + when if when else ''}",
            head,
        )
    kinds = _kinds_text(df)
    progress = (
        f"{len(closed)} closed"
        if len(closed)
        else f"no closure published {by_date(as_of)}"
        if past
        else "no closure published"
    )
    return first_fitting(
        f"{kinds}{' raised ' + when if when else ''}, none with a deadline; {progress}",
        f"{kinds}, none with a deadline; {progress}",
        f"{kinds}; {progress}",
        f"{kinds}; none has a deadline",
        kinds,
        f"{count_text(len(df), 'item')} raised, none with a deadline; {progress}",
        f"{count_text(len(df), 'item')} raised; {progress}",
    )


def _days_text(n) -> str:
    if pd.isna(n):
        return "—"
    return f"{int(n)} days to go" if n >= 0 else f"{int(-n)} days past"


def _status_text(status: str, closed_on, precision, today: date, reported=None) -> str:
    """What the sources publish: a closure and its date (or, reported before any source dated
    it, the day it was reported), or none by the day shown."""
    if status == "closed" and pd.isna(closed_on) and not pd.isna(reported):
        return f"closed (reported {fmt_date(reported)})"
    if status == "closed":
        return f"closed {fmt_date(closed_on, precision)}"
    none = f"no closure published by {fmt_date(today)}"
    return none if status == "unknown" else f"{status}; {none}"


def _caption(due: pd.DataFrame) -> str | None:
    """Under the deadlines: whose they are, where one report made them all."""
    if due.empty or due["report"].nunique() != 1:
        return None
    return f"{_due_noun(due).capitalize()}: {due['report'].iloc[0]}"


def _due_scope_text(due: pd.DataFrame) -> str:
    """Whom the items with deadlines are addressed to and which reports made them."""
    if due.empty:
        return ""
    parts = []
    for (to, report), g in due.groupby(["addressed_to", "report"], sort=False):
        whom = (
            "national: made to every force"
            if to == NATIONAL
            else f"made to {to}"
            if to != "Not stated in the sources"
            else "to whom, not stated"
        )
        parts.append(f"{count_text(len(g), 'item')} from {report}, {whom}")
    return "Those with deadlines: " + series_of(parts) + ". "


def _no_deadline(df: pd.DataFrame, today: date, past: bool) -> str:
    """What a deadline chart with nothing on it says instead."""
    if df.empty:
        return "No items match this selection."
    when = f"published by {fmt_date(today)}" if past else "shown"
    return f"None of the {count_text(len(df), 'item')} {when} has a deadline."


@spec_cache
def recommendations(
    source_id: str | None = None,
    status: str | None = None,
    today: date | None = None,
    projector: bool = False,
    as_of: date | None = None,
) -> ChartSpec:
    today = as_of or today or date.today()
    df = query("recommendations", source_id=source_id, status=status, today=today)
    past = is_past(as_of)
    if past:
        df = _as_of(df, as_of)
    df["label"] = [item_label(k, n) for k, n in zip(df["kind"], df["number"])]
    df["due_text"] = [fmt_date(d) if pd.notna(d) else "no deadline stated" for d in df["due_on"]]
    df["days_text"] = [_days_text(n) for n in df["days_to_due"]]
    reported = df["closure_reported_on"] if "closure_reported_on" in df else [None] * len(df)
    df["status_text"] = [
        _status_text(s, c, p, today, d)
        for s, c, p, d in zip(df["status"], df["closed_on"], df["closed_precision"], reported)
    ]
    df["tier_text"] = theme.tier_texts(df)
    df["addressed_to"] = [addressed_to(q, t) for q, t in zip(df["quote"], df["source_title"])]
    df["report"] = [report_name(t) for t in df["source_title"]]
    due = df[df["due_on"].notna()]
    passed = due[due["days_to_due"] < 0]
    closed = df[df["status"] == "closed"]
    unclosed = int((due["status"] != "closed").sum())
    if df.empty:
        title = (
            nothing_title("recommendations", as_of, past=past)
            if past
            else "No recommendations match this selection"
        )
        summary = title + "."
    else:
        title = _title(df, due, passed, closed, unclosed, as_of, past)
        concerns = int((df["kind"] == "cause of concern").sum())
        concerns_closed = len(closed[closed["kind"] == "cause of concern"])
        kinds = _kinds_text(df)
        summary = (
            f"{count_text(len(df), 'item')} shown: {kinds}. "
            + (
                f"{concerns_closed} of the "
                f"{count_text(concerns, 'cause of concern', 'causes of concern')} closed. "
                if concerns
                else ""
            )
            + _due_scope_text(due)
            + (
                f"Deadlines run from {fmt_date(due['due_on'].min())} to "
                f"{fmt_date(due['due_on'].max())}; {len(passed)} had passed on "
                f"{fmt_date(today)}, and no closure of {unclosed} of them had been published "
                "in the sources."
                if len(due)
                else "None of those shown has a deadline."
            )
        )
    return ChartSpec(
        key="recommendations",
        title=title,
        subtitle="Deadlines of the recommendations shown, against "
        + (fmt_date(today) if past else "today")
        + (
            f"; all from {due['report'].iloc[0]}"
            if len(due) and due["report"].nunique() == 1
            else ""
        ),
        figure=(
            charts.deadlines(df, events(as_of), projector, today=today, caption=_caption(due))
            if len(due)
            else charts.words(_no_deadline(df, today, past), projector)
        ),
        table=df,
        columns={
            "label": "Item",
            "text": "What the force was told",
            "addressed_to": "Addressed to",
            "source_title": "Report",
            "due_text": "Deadline",
            "days_text": "Days",
            "status_text": "Status",
            "tier_text": "Tier",
        },
        summary=summary,
        alt="Recommendation deadlines on a timeline with today marked. " + summary,
        sources=sources_of(df),
        notes=[
            "'No closure published' means no stored source reports the item closed; it does "
            "not mean nothing was done.",
            "An item whose own words address chief constables is national: made to every "
            "force, Staffordshire's included. One whose report is about Staffordshire Police "
            "(its title names the force) is made to Staffordshire Police.",
        ],
        quotes=quotes_of(df, "rec_id", lambda r: f"{r.label} — {r.source_title[:60]}"),
    )


@spec_cache
def recommendation_reports(as_of: date | None = None) -> dict[str, str]:
    """The reports that raised recommendations, as public on `as_of`: id -> 'title (date)'."""
    r = query("recommendation_reports")
    r = r[public_by(r, as_of)]
    labels = [f"{t} ({p})" for t, p in zip(r["source_title"], r["published_label"])]
    return dict(zip(r["source_id"], labels))
