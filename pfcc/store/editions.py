"""The Home Office series as presented on a day: the edition public then, and of it what had
been published by then. Every story that reads the series reads it through `as_presented`."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pfcc.store import db
from pfcc.store.asof import is_past, known_by


def latest_edition(df: pd.DataFrame, as_of: date | None) -> pd.DataFrame:
    """The rows (of any view above, with its `edition`) of one edition: on an as-presented date
    the latest edition published by then (none before the first), else the newest. Earlier
    editions stay in the database, so the past reads as it was presented."""
    if df.empty:
        return df
    editions = pd.to_datetime(df["edition"])
    if is_past(as_of):
        editions = editions.where(editions <= pd.Timestamp(as_of))
    return df[pd.to_datetime(df["edition"]) == editions.max()]


def as_presented(name: str, as_of: date | None, **params) -> pd.DataFrame:
    """Query `name` (queries/official_*.sql) as it stood on `as_of`: the edition public then,
    and of it what had been published by then. Every story that reads the Home Office series
    reads it through here (pfcc.stories.official.as_presented is this function)."""
    return known_by(latest_edition(db.cached_query(name, **params), as_of), as_of, "period_end")
