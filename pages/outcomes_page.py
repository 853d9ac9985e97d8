"""Outcomes: how offences were resolved in 2015 against England and Wales, and charge and
outcome rates since, each definition kept apart."""

from pfcc import ui

charts = ui.page_charts("outcomes")
ui.page_title(
    charts[0].title,
    "How investigations ended, and how often they ended in a charge. Three different measures "
    "appear here; they are never joined into one line.",
)
ui.chart_panels(charts)
