"""Outcomes: Staffordshire's charge/summons rate on the Home Office's official series against
England and Wales and every other force, how its positive outcomes divide, and then the 2015
inspection's outcome mix and the force's own stated rates, each definition kept apart. One tab a
chart, each with its own filters; the page's title states the open tab's message."""

import streamlit as st

from pfcc import registry
from pfcc.render.live import ui
from pfcc.stories import forces, official

INTRO = {
    registry.BY_YEAR: "Staffordshire's own rate each year against England and Wales, with the "
    "causes of concern and the Engage period marked.",
    registry.BY_QUARTER: "The same rate quarter by quarter: the detail behind each year, and "
    "more changeable.",
    registry.RANK: "Where Staffordshire stood each year among the 43 territorial forces, "
    "leaving out any force whose figure is flagged: 1 is the highest charge rate.",
    registry.ALL_FORCES: "Every territorial force in the year you choose, with Staffordshire "
    "and England and Wales marked.",
    registry.NEIGHBOURS: "Staffordshire beside the forces you choose: by default its "
    "neighbouring forces. The inspectorate's most similar group is not in our sources.",
    registry.TYPES: "How Staffordshire's positive outcomes divide between charges and each "
    "out-of-court type.",
    registry.RECORDED_CRIME: "How much crime Staffordshire recorded each year: the number each "
    "rate is a share of.",
    registry.INSPECTION_2015: "An older measure with its own definition: the 2015 "
    "inspection's outcome mix. It is not the Home Office series.",
    registry.FORCE_STATED: "The rates the force itself stated, each with its own definition. "
    "They are not the Home Office series.",
}

ui.keep("basis", "year", "forces")
head = st.container()
filters = {"basis": "recorded", "year": None, "forces": forces.NEIGHBOURS}
section, tab = ui.open_section("outcomes", **filters)
shown = registry.page("outcomes").shown(section)
with tab:
    st.markdown(INTRO[section])
    if any("basis" in chart.filters for chart in shown):
        # the option's own word is what a link carries: ?basis=Closed
        basis = st.radio(
            "Count outcomes by",
            [b.capitalize() for b in official.BASES],
            captions=list(official.BASES.values()),
            horizontal=True,
            key="basis",
            bind="query-params",
            help="Recorded: outcomes of the offences recorded in each year, computed here from "
            "the Home Office's open data tables; the latest year is still provisional. Closed: "
            "the decisions made in each year, complete for the latest year.",
        )
        filters["basis"] = (basis or "recorded").lower()
    if section == registry.ALL_FORCES:
        filters["year"] = st.selectbox(
            "Year for the forces chart",
            forces.years(as_of=ui.as_presented()),
            index=None,
            placeholder=forces.latest_complete_year(as_of=ui.as_presented()) or "Latest",
            key="year",
            bind="query-params",
        )
    elif section == registry.NEIGHBOURS:
        chosen = st.multiselect(
            "Compare with forces",
            forces.territorial_forces(),
            # a kept choice is the widget's value; a default beside it would be overruled
            default=None if "forces" in st.session_state else list(forces.NEIGHBOURS),
            max_selections=forces.MAX_COMPARED,
            key="forces",
            bind="query-params",
            help="Neighbouring forces by default; up to five.",
        )
        filters["forces"] = tuple(chosen)
    charts = ui.page_charts("outcomes", section, **filters)
    ui.chart_panels(charts)
with head:
    ui.page_title(
        charts[0].title,
        registry.page("outcomes").lede,
    )
