"""Time on the dashboard: the limits every date and axis keeps to, the dated events every time
axis carries (`Events`), and "as the data stood on a day" (`known_by`)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from pfcc.text.formatting import fmt_date

FIRST_DAY = date(2014, 1, 1)  # time axes start here: the 2014 inspections
LAST_DATA_DAY = date(2026, 12, 31)  # the latest period end a filter offers
LAST_MEETING_DAY = date(2030, 12, 31)  # the latest meeting date accepted in a URL or form
ALL_TIME = (FIRST_DAY, LAST_DATA_DAY)
AXIS_PADDING = timedelta(days=120)  # room after the last date on a time axis


def axis_end(as_of: date | None) -> date:
    """Time axes run to a little after the meeting's date, or after today."""
    return (as_of or date.today()) + AXIS_PADDING


def parse_meeting_date(value) -> date | None:
    """A meeting date from a URL: an ISO date within the accepted range, else None."""
    try:
        d = date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None
    return d if FIRST_DAY <= d <= LAST_MEETING_DAY else None


def is_past(as_of: date | None) -> bool:
    """An as-presented date before today: only then is anything held back."""
    return as_of is not None and as_of < date.today()


def settle(days: Sequence[date], as_of: date | None) -> date | None:
    """The day an as-presented view on `as_of` is the same as: the latest of `days` (every day
    the data's as-presented views can change on, sorted) on or before it, or FIRST_DAY before
    the first. Today and later are today's view (None). Views are built and kept per settled
    day, so a visitor's ~6,000 valid dates make about a hundred distinct views, not thousands."""
    if not is_past(as_of):
        return None
    i = bisect_right(days, as_of)
    return days[i - 1] if i else FIRST_DAY


def settle_window(days: Sequence[date], start: date, end: date) -> tuple[date, date]:
    """A window of days, both included, narrowed to the days on which something can change:
    the first of `days` on or after `start` and the last on or before `end`. What became public
    in the window is the same for both; a window holding none of `days` comes back with its
    start after its end (nothing in it), its end still settled."""
    i = bisect_right(days, end)
    last = days[i - 1] if i else FIRST_DAY
    j = bisect_left(days, start)
    first = days[j] if j < len(days) and days[j] <= last else last + timedelta(days=1)
    return first, last


def public_by(df: pd.DataFrame, as_of: date | None, column: str = "public_on") -> pd.Series:
    """Which rows had become public by `as_of`: their `public_on` (the day the document stating
    them was published) has come. A row whose publication date is unknown is not known at any
    past date. The one test of "what was known when"; every as-of filter goes through it."""
    if not is_past(as_of):
        return pd.Series(True, index=df.index)
    if column not in df:
        raise KeyError(f"{column} is missing: every query an as-of view reads must return it")
    return pd.to_datetime(df[column]) <= pd.Timestamp(as_of)


def known_by(df: pd.DataFrame, as_of: date | None, date_col: str) -> pd.DataFrame:
    """The rows as they stood on `as_of` (a meeting's date): public by then (`public_by`) and
    their own date (`date_col`: a period's end, an event) had come too."""
    if not is_past(as_of) or df.empty:
        return df
    known = public_by(df, as_of) & (pd.to_datetime(df[date_col]) <= pd.Timestamp(as_of))
    return df[known]


def milestones_known_by(m: pd.DataFrame, as_of: date | None) -> pd.DataFrame:
    """Events that had happened and been published by `as_of`, and deadlines whose report had
    been published by then."""
    if not is_past(as_of):
        return m
    due = m["kind"] == "recommendation due"
    happened = pd.to_datetime(m["event_date"]) <= pd.Timestamp(as_of)
    return m[public_by(m, as_of) & (due | happened)]


# A closure's dated source and the earlier report of it: the columns a query names for each
# (closed_* for the source that dates the closure, reported_* for the one that reports it).
CLOSURE_COLUMNS = (
    ("closed_source_id", "reported_source_id"),
    ("closed_source_title", "reported_source_title"),
    ("closed_quote", "reported_quote"),
    ("closed_publisher", "reported_publisher"),
    ("closed_tier", "reported_tier"),
    ("closed_url", "reported_url"),
    ("closed_source_public_on", "reported_source_public_on"),
)


def closures_as_of(df: pd.DataFrame, as_of: date | None) -> pd.DataFrame:
    """Each closure as it was known on `as_of`. Where the source that dates a closure
    (`closed_source_id`) was not yet public then but an earlier report of it
    (`reported_source_id`) was, the closure shows as reported: status closed, no closed_on (the
    report gives no date), the reporting source and its words in the closure's own columns
    (`CLOSURE_COLUMNS`), and `closure_reported_on` its publication day. Every other row is left
    as it is (a closure not public at all is the caller's to hold back). The one rule for a
    reported closure: the recommendations page, the scorecard and the changes list use it."""
    df = df.copy()
    df["closure_reported_on"] = None
    if not is_past(as_of) or df.empty or "reported_source_id" not in df:
        return df
    dated = public_by(df, as_of, "closed_source_public_on")
    reported = df["reported_source_id"].notna() & public_by(df, as_of, "reported_source_public_on")
    swap = reported & ~dated & (df["status"] == "closed")
    if not swap.any():
        return df
    for closed, report in CLOSURE_COLUMNS:
        if closed in df and report in df:
            df[closed] = df[closed].astype(object)
            df.loc[swap, closed] = df.loc[swap, report]
    df["closed_on"] = df["closed_on"].astype(object)
    df.loc[swap, ["closed_on", "closed_precision"]] = None
    df.loc[swap, "closure_reported_on"] = df.loc[swap, "reported_source_public_on"]
    return df


@dataclass(frozen=True)
class Events:
    """The dated events every time axis carries, read from the milestones table."""

    engage_start: date | None
    engage_start_source: str | None
    engage_start_alternatives: tuple[tuple[date, str, str], ...]  # (date, precision, sources)
    engage_end: date | None
    engage_end_source: str | None
    concerns_raised: tuple[date, ...]
    concerns_closed: tuple[tuple[date, str], ...]  # (date, precision)
    inspections: tuple[tuple[date, str], ...]  # (date, title)
    ongoing_until: date | None = None  # Engage entered and not left by this date
    # Where the only entry known gives its year alone ("Earlier this year, ... was moved into
    # Engage"): no day to draw the entry at, so `engage_start` stays None; the force is known to
    # have been in Engage from the day that source was published (`engage_known_from`).
    engage_known_from: date | None = None
    engage_known_source: str | None = None
    engage_entered_year: int | None = None

    @classmethod
    def from_milestones(cls, m: pd.DataFrame, today: date | None = None) -> Events:
        def pick(kind):
            rows = m[m["kind"] == kind]
            # the inspectorate's own day-precise date wins; the others are kept as alternatives
            best = rows.sort_values(
                by=["date_precision", "tier"],
                key=lambda s: s.map({"day": 0, "month": 1, "inspection": 0}).fillna(2),
            )
            return rows, (best.iloc[0] if len(best) else None)

        entered, start = pick("Engage entered")
        _, end = pick("Engage exited")
        known_from = known_source = entered_year = None
        if start is not None and start["date_precision"] == "year":
            known_from, known_source = start.get("public_on"), start["publisher"]
            entered_year = pd.Timestamp(start["event_date"]).year
            if pd.isna(known_from):
                known_from = None
            elif not isinstance(known_from, date):
                known_from = pd.Timestamp(known_from).date()
            start = None
        entered = entered[entered["date_precision"] != "year"]  # a year is no date to draw
        alternatives = []
        if start is not None:
            for d, grp in entered.groupby("event_date"):
                if d != start["event_date"]:
                    alternatives.append(
                        (d, grp["date_precision"].iloc[0], ", ".join(sorted(set(grp["publisher"]))))
                    )
        raised = sorted(set(m.loc[m["kind"] == "cause of concern raised", "event_date"]))
        closed = sorted(
            set(
                map(
                    tuple,
                    m.loc[
                        m["kind"] == "cause of concern closed", ["event_date", "date_precision"]
                    ].values,
                )
            )
        )
        insp = m[(m["kind"] == "inspection published") & (m["tier"] == "inspection")]
        ongoing_until = None
        if (start is not None or known_from is not None) and end is None:
            ongoing_until = today or date.today()  # entered but not (yet) left on that date
        return cls(
            ongoing_until=ongoing_until,
            engage_start=start["event_date"] if start is not None else None,
            engage_start_source=start["publisher"] if start is not None else None,
            engage_start_alternatives=tuple(alternatives),
            engage_end=end["event_date"] if end is not None else None,
            engage_end_source=end["publisher"] if end is not None else None,
            concerns_raised=tuple(raised),
            concerns_closed=tuple((d, p) for d, p in closed),
            inspections=tuple(zip(insp["event_date"], insp["title"])),
            engage_known_from=known_from,
            engage_known_source=known_source,
            engage_entered_year=entered_year,
        )

    def describe(self) -> str:
        parts = []
        if self.engage_start and self.ongoing_until:
            parts.append(
                f"Shaded: Engage enhanced monitoring from {fmt_date(self.engage_start)}, "
                f"still in force on {fmt_date(self.ongoing_until)}."
            )
        if self.engage_known_from and self.ongoing_until:
            parts.append(
                f"Shaded: Engage enhanced monitoring, known from {fmt_date(self.engage_known_from)}"
                f" (entered earlier in {self.engage_entered_year}, no day stated, per "
                f"{self.engage_known_source}), still in force on {fmt_date(self.ongoing_until)}."
            )
        if self.engage_start and self.engage_end:
            parts.append(
                f"Shaded: Engage enhanced monitoring, {fmt_date(self.engage_start)} to "
                f"{fmt_date(self.engage_end)} (dates from {self.engage_start_source})."
            )
        for d, precision, who in self.engage_start_alternatives:
            parts.append(f"Dashed line: {fmt_date(d, precision)}, the entry date given by {who}.")
        if self.concerns_raised:
            raised = ", ".join(fmt_date(d) for d in self.concerns_raised)
            closed = ", ".join(fmt_date(d, p) for d, p in self.concerns_closed)
            # none closed yet (as presented before December 2023): no empty "closed ()"
            parts.append(
                f"Dotted lines: causes of concern raised ({raised})"
                + (f" and closed ({closed})." if closed else ".")
            )
        return " ".join(parts)
