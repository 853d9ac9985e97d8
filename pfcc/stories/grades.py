"""Inspection grades: every theme across every inspection, the grade's word in each cell and a
break where the scale changed from four tiers to five."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pfcc import charts
from pfcc.charts.text import plotly_text
from pfcc.ingest.schema import THEMES
from pfcc.render import theme
from pfcc.render.spec import ChartSpec
from pfcc.store.asof import known_by
from pfcc.stories.common import query, quotes_of, sources_of, spec_cache
from pfcc.text.words import count_text, first_fitting, nothing_title, sentence

PILLARS = (" effectiveness", " efficiency", " legitimacy")


def programme(inspection: str) -> str:
    """The inspection programme a pillar report belongs to: 'PEEL 2015 effectiveness' -> 'PEEL
    2015'."""
    for pillar in PILLARS:
        if inspection.endswith(pillar):
            return inspection[: -len(pillar)]
    return inspection


# A slide's cells: a grade's word where it fits a column of the whole run of inspections at
# 1280×720, else its letters, which the key under the grid spells out (`key_of`).
PROJECTOR_WORDS = {"Requires improvement": "RI"}
SHORT = {"Outstanding": "O", "Good": "G", "Adequate": "A", "Requires improvement": "RI"}


def key_of(cells: pd.DataFrame) -> str | None:
    """What the letters in a slide's cells stand for, those used only: 'RI requires
    improvement · O outstanding · * judgments differ'."""
    used = {g.strip(" *") for t in cells["text"] for g in t.split(" / ")}
    parts = [f"{code} {word.lower()}" for word, code in SHORT.items() if code in used]
    if any(t.endswith("*") for t in cells["text"]):
        parts.append("* judgments differ")
    return " · ".join(parts) or None


CELL_COLUMNS = ["row", "column", "text", "fill", "font", "hover", "cell_id"]


def _cells(shown: pd.DataFrame, projector: bool) -> pd.DataFrame:
    """One cell per theme and programme: the grade's word, or every grade where they differ.
    Its text and hover are Plotly markup: every word from the data escaped (`plotly_text`)."""
    cells = []
    for (row, col), c in shown.groupby(["theme", "column"]):
        distinct = list(dict.fromkeys(sorted(c["grade"], key=theme.GRADE_ORDER.index)))
        if len(distinct) == 1:
            fill, font = theme.GRADE_STYLE[distinct[0]]
            text = plotly_text(distinct[0])
            if projector:  # every inspection across a 1280 px screen: one short line a cell
                text = plotly_text(PROJECTOR_WORDS.get(distinct[0], distinct[0]))
            else:
                text = text.replace("Requires improvement", "Requires<br>improvement")
        else:
            fill, font = "#F3F2F1", theme.TEXT
            short = SHORT if projector else {"Requires improvement": "RI"}
            text = plotly_text(" / ".join(short.get(g, g) for g in distinct) + " *")
        hover = "<br>".join(
            f"{plotly_text(a)}: <b>{plotly_text(gr)}</b> ({plotly_text(s)})"
            for a, gr, s in zip(c["area"], c["grade"], c["source_title"])
        )
        cells.append(
            {
                "row": row,
                "column": col,
                "text": text,
                "fill": fill,
                "font": font,
                "hover": f"<b>{plotly_text(f'{row.capitalize()} — {col}')}</b><br>{hover}",
                "cell_id": plotly_text(f"{row}|{col}"),
            }
        )
    return pd.DataFrame(cells, columns=CELL_COLUMNS)


def _inadequate(shown: pd.DataFrame, column: str) -> int:
    areas = shown[shown["column"] == column].drop_duplicates("area")
    return int((areas["grade"] == "Inadequate").sum())


def _title(shown: pd.DataFrame, columns: list[str]) -> str:
    """One message: where the inadequate grades were, and how many the latest inspection gave."""
    latest_col = columns[-1]
    worst_col = max(columns, key=lambda c: _inadequate(shown, c))  # the first of the most
    n_worst, n_latest = _inadequate(shown, worst_col), _inadequate(shown, latest_col)
    if not n_worst:
        if len(columns) == 1:
            return f"No area graded inadequate in {latest_col}"
        return first_fitting(
            f"No area graded inadequate from {columns[0]} to {latest_col}",
            f"No area graded inadequate in {len(columns)} inspections",
        )
    areas = count_text(n_worst, "area")
    if worst_col == latest_col:
        return first_fitting(
            f"{areas} graded inadequate in {latest_col}, the latest inspection",
            f"{areas} graded inadequate in {latest_col}",
        )
    latest = "none" if not n_latest else str(n_latest)
    return first_fitting(
        f"{areas} graded inadequate in {worst_col}; {latest} in {latest_col}",
        f"{areas} graded inadequate in {worst_col}",
    )


@spec_cache
def grades(
    theme_filter: str | None = None, projector: bool = False, as_of: date | None = None
) -> ChartSpec:
    g = known_by(query("grades", theme=None), as_of, "sort_date").copy()
    g["column"] = g["inspection"].map(programme)
    g["tier_text"] = theme.tier_texts(g)
    columns = list(dict.fromkeys(g["column"]))  # the query's order: programme year, then date
    rows = [t for t in THEMES if t in set(g["theme"])]
    if theme_filter in rows:
        rows = [theme_filter]
    shown = g[g["theme"].isin(rows)].copy()
    cells = _cells(shown, projector)
    five = shown[shown["scale"] == "5-tier"]
    four_cols = [c for c in columns if c not in set(five["column"])]
    break_after = four_cols[-1] if four_cols and len(five) else None
    columns = [c for c in columns if c in set(shown["column"])]
    if columns:
        title = _title(shown, columns)
        span = columns[0] if len(columns) == 1 else f"{columns[0]} to {columns[-1]}"
    else:
        title = nothing_title("inspection grades", as_of)
        span = "no inspection yet"
    lines = []
    for t, tg in shown.groupby("theme", sort=False):
        seq = [
            f"{col}: {', '.join(dict.fromkeys(cg['grade']))}"
            for col, cg in tg.groupby("column", sort=False)
        ]
        lines.append(sentence(f"{t.capitalize()} — " + "; ".join(seq)))
    scale = (
        " Grades before and after the 2021/22 change of scale, from four tiers to five adding "
        "'Adequate', are not directly comparable."
        if len(five)
        else ""
    )
    summary = " ".join(lines) + scale if lines else title + "."
    shown["area_text"] = shown["area"]
    return ChartSpec(
        key="grades",
        title=title,
        subtitle=f"Graded judgments by theme (rows) and inspection (columns), {span}; "
        "* marks a cell where judgments differ, as the table shows",
        figure=charts.grade_matrix(
            cells, columns, rows, break_after, projector, key=key_of(cells) if projector else None
        ),
        table=shown,
        columns={
            "inspection": "Inspection",
            "published_label": "Published",
            "theme": "Theme",
            "area_text": "Area as the inspection names it",
            "grade": "Grade",
            "scale": "Scale",
            "source_title": "Source",
            "tier_text": "Tier",
        },
        summary=summary,
        alt="Grid of inspection grades by theme and inspection with the grade written in each "
        "cell. " + summary,
        sources=sources_of(shown),
        notes=[
            "Four-tier scale (Outstanding, Good, Requires improvement, Inadequate) until "
            "2018/19; five-tier (adding Adequate) from PEEL 2021/22. Grades across the change "
            "are not directly comparable.",
            "Themes harmonise areas that each inspection names differently; the table keeps "
            "each inspection's own wording.",
        ],
        quotes=quotes_of(
            shown,
            "grade_id",
            lambda r: f"{programme(r.inspection)} — {r.area} — {r.grade} ({r.source_title})",
        ),
    )


@spec_cache
def themes_present() -> list[str]:
    """The harmonised themes that have at least one grade, in the schema's order."""
    g = query("grades", theme=None)
    return [t for t in THEMES if t in set(g["theme"])]
