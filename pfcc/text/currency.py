"""How current a chart is, from its own rows: the period of its newest figure and when that was
published ("Newest figure: 2025/26 — published 26 August 2026."). One function for every chart,
wherever it is drawn (live page, slide, static page, meeting pack). A story filters its rows by
an as-presented date, so on such a view "newest" is the newest known by then.

A row's `public_on` is its source's date of publication where the source gives a day; where the
source gives only a month it is that month's last day, written here as the month; where it is
unknown (null) this says so, never a guess (README, "What was known when")."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pfcc.text.words import date_text

# Per kind of row, first match wins: the column that orders rows in time, the columns that name
# that period for a reader (the first present; else the date itself), and what a row is.
# A chart of recommendations has no period of its own: the report that raised them is newest.
KINDS = (
    ("period_end", ("period_text", "period_label", "financial_year"), "figure"),
    ("sort_date", ("inspection",), "grades"),
    ("event_date", ("date_text",), "event"),
    ("public_on", (), "recommendations"),
)
# a row's dates that are exact days of publication, where `public_on` may equal one of them
EXACT = ("source_published_on", "published_on")


@dataclass(frozen=True)
class Newest:
    noun: str  # "figure", "grades", "event", "recommendations"
    period: str  # as a reader needs it ("2025/26"); "" where the rows have no period
    public_on: pd.Timestamp | None  # when it became public; None: not known
    exact: bool  # public_on is the day the source gives (else the month it gives)

    @property
    def published(self) -> str:
        return published(self.public_on, self.exact)

    @property
    def text(self) -> str:
        if not self.period:
            return f"Newest {self.noun} {self.published}."
        return f"Newest {self.noun}: {self.period} — {self.published}."


def published(public_on, exact: bool) -> str:
    """'published 26 August 2026'; 'published September 2024' where the source gives only the
    month; or that the date is not known."""
    if public_on is None or pd.isna(public_on):
        return "publication date not known"
    return f"published {date_text(public_on, 'day' if exact else 'month')}"


def _ts(v) -> pd.Timestamp | None:
    return None if v is None or pd.isna(v) else pd.Timestamp(v)


def _exact(row: pd.Series, public_on: pd.Timestamp) -> bool:
    days = [_ts(row.get(c)) for c in EXACT]
    if row.get("date_precision") == "day":  # an inspection published on the day it is dated
        days.append(_ts(row.get("event_date")))
    return any(d is not None and d.normalize() == public_on.normalize() for d in days)


def newest(table: pd.DataFrame) -> Newest | None:
    """The newest figure among `table`'s rows: the latest period, and of its rows the first
    published (a figure became public when its first source did). None: no rows, or rows that
    carry no date."""
    kind = next((k for k in KINDS if k[0] in table.columns), None)
    if kind is None:
        return None
    order, names, noun = kind
    rows = table.assign(_order=pd.to_datetime(table[order]))
    if "public_on" in rows and order == "event_date":
        # a date announced ahead (a deadline) is not yet an event: leave out what was in the
        # future when its source was published
        public = pd.to_datetime(rows["public_on"])
        rows = rows[~(rows["_order"] > public)]
    rows = rows.dropna(subset=["_order"])
    if rows.empty:
        return None
    latest = rows[rows["_order"] == rows["_order"].max()]
    if "public_on" in latest:
        latest = latest.assign(_public=pd.to_datetime(latest["public_on"]))
        latest = latest.sort_values("_public", na_position="last", kind="stable")
    row = latest.iloc[0]
    public_on = _ts(row.get("public_on"))
    name = next((c for c in names if c in latest.columns and isinstance(row.get(c), str)), None)
    period = "" if order == "public_on" else row[name] if name else date_text(row["_order"])
    return Newest(noun, period, public_on, public_on is not None and _exact(row, public_on))


def currency_text(table: pd.DataFrame) -> str:
    """One sentence on how current the rows are, or "" where they have nothing to date."""
    found = newest(table)
    return found.text if found else ""


def held_facts(newest: pd.DataFrame) -> str:
    """When figures were last added, from queries/newest_publication.sql (the newest
    publication held, one row a source): 'published 26 August 2026 by the Home Office'. Never
    the day the data was built; '' where nothing dated is held."""
    if newest.empty:
        return ""
    when = published(newest["public_on"].iloc[0], bool(newest["exact"].all()))
    by = "; ".join(dict.fromkeys(newest["publisher"]))  # a publisher's name may hold "and"
    return f"{when} by {by}"


def held_sentence(facts: str, as_of=None) -> str:
    """The sentence a page prints, naming the day asked for on an as-presented view."""
    if not facts:
        return ""
    held = f"Newest figures held on {date_text(as_of)}" if as_of else "Newest figures held"
    return f"{held}: {facts}."
