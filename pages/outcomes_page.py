"""Outcomes: how offences were resolved in 2015 against England and Wales, and charge and
outcome rates since, each definition kept apart."""

from pfcc import ui
from pfcc.stories import outcomes

mix = outcomes.outcome_mix()
ui.page_title(
    mix.title,
    "How investigations ended, and how often they ended in a charge. Three different measures "
    "appear here; they are never joined into one line.",
)
ui.chart_panel(mix, heading=False)
ui.chart_panel(outcomes.charge_rates())
