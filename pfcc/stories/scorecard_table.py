"""The scorecard as one flat table: a line per finding and measure (a finding with no measure
keeps one line, saying so), every figure with its period and source, the comparisons and the
status with why. The page's CSV, the pack and the static edition all write this table, so
they agree by construction; the tests compare it with `scorecard.rows`."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pfcc.stories import scorecard
from pfcc.stories.common import spec_cache
from pfcc.stories.scorecard_rule import SHAPES

COLUMNS = (
    "group",
    "finding_id",
    "kind",
    "finding",
    "source",
    "state",
    "raised",
    "revisited",
    "closed",
    "closed_by",
    "due",
    "grade",
    "grade_2023_25",
    "metric",
    "definition",
    *(f"{p} {part}" for p in scorecard.POINTS for part in ("figure", "period", "source")),
    "compared_with",
    "status",
    "why",
)


def _point(f: dict | None) -> tuple[str, str, str]:
    if f is None:
        return "", "", ""
    return f["value_text"], f["period_text"], f.get("source_title") or ""


def compared_text(e: scorecard.Evidence) -> str:
    """What a measure is compared with: "England and Wales: 8.8%, 2024/25; …"."""
    return "; ".join(
        f"{c['metric'] if c['geography'] == scorecard.FORCE else c['geography']}: "
        f"{c['value_text']}, {c['period_text']}"
        for c in e.comparisons
    )


@spec_cache
def table(as_of: date | None = None) -> pd.DataFrame:
    """Every row of the scorecard as it stood on `as_of`, one line per finding and measure."""
    lines = []
    for r in scorecard.rows(as_of):
        head = [
            r.group,
            r.finding_id,
            r.kind,
            r.title,
            r.source_title,
            r.state,
            r.raised.text if r.raised else "",
            "; ".join(v.text for v in r.revisited),
            r.closed.closure_text if r.closed else "",
            r.closed.source_title if r.closed else "",
            r.due_on.isoformat() if r.due_on else "",
            r.grade,
            r.later_grade["grade"] if r.later_grade else "",
        ]
        if not r.evidence:
            blank = [""] * (2 + 3 * len(scorecard.POINTS) + 1)
            lines.append([*head, *blank, "", scorecard.NO_FIGURE])
        for e in r.evidence:
            points = [x for p in scorecard.POINTS for x in _point(e.figures[p])]
            status = f"{SHAPES[e.status.word]} {e.status.word}"
            lines.append(
                [*head, e.metric, e.definition, *points, compared_text(e), status, e.status.why]
            )
    return pd.DataFrame(lines, columns=list(COLUMNS))
