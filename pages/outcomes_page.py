"""Outcomes: Staffordshire's charge/summons rate on the Home Office's official series against
England and Wales and every other force, how its positive outcomes divide, and then the 2015
inspection's outcome mix and the force's own stated rates, each definition kept apart."""

import streamlit as st

from pfcc import ui
from pfcc.stories import forces, official

left, middle, right = st.columns([2, 1, 3])
with left:
    # the option's own word is what a link carries: ?basis=Closed
    basis = st.radio(
        "Count outcomes by",
        [b.capitalize() for b in official.BASES],
        captions=list(official.BASES.values()),
        key="basis",
        bind="query-params",
        help="Recorded: the Home Office's charge rate; the latest year is still provisional. "
        "Closed: the decisions made in each year, complete for the latest year.",
    )
with middle:
    year = st.selectbox(
        "Year for the forces chart",
        forces.years(),
        index=None,
        placeholder=forces.latest_complete_year() or "Latest",
        key="year",
        bind="query-params",
    )
with right:
    chosen = st.multiselect(
        "Compare with forces",
        forces.territorial_forces(),
        default=list(forces.NEIGHBOURS),
        max_selections=forces.MAX_COMPARED,
        key="forces",
        bind="query-params",
        help="Neighbouring forces by default; up to five.",
    )
charts = ui.page_charts(
    "outcomes", basis=(basis or "recorded").lower(), year=year, forces=tuple(chosen)
)
ui.page_title(
    charts[0].title,
    "How often offences end in a charge or summons, from the Home Office's official series for "
    "every force; then the 2015 inspection and the force's own figures. The measures differ "
    "and are never joined into one line.",
)
ui.chart_panels(charts)
