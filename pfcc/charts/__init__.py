"""Figure builders. Each takes the rows a query returned and gives a Plotly figure in the one
theme. Rules kept here, once: tiers by marker shape, lines only within one definition and tier,
periods drawn as their span, the Engage period and causes of concern on every time axis.

`marks` holds what every figure shares; the builders live in `series`, `grids`, `timelines` and
`forces`, and are named here so a story writes `charts.series_chart(...)`. Every string from the
data enters a figure through `text.plotly_text`, which escapes it: Plotly draws HTML in text."""

from pfcc.charts.forces import ranked_dots, share_bars
from pfcc.charts.grids import grade_matrix, outcome_mix
from pfcc.charts.sentence import words
from pfcc.charts.series import series_chart
from pfcc.charts.text import plotly_text
from pfcc.charts.timelines import deadlines, journey

__all__ = [
    "deadlines",
    "grade_matrix",
    "journey",
    "outcome_mix",
    "plotly_text",
    "ranked_dots",
    "series_chart",
    "share_bars",
    "words",
]
