"""Outcomes: Staffordshire's charge/summons rate on the Home Office's official series against
England and Wales and every other force, how its positive outcomes divide, and then the 2015
inspection's outcome mix and the force's own stated rates, each definition kept apart. One tab a
chart, each with its own filters (their defaults and each tab's intro are the registry's); the
page's title states the open tab's message."""

import streamlit as st

from pfcc import registry
from pfcc.render.live import blocks, ui
from pfcc.stories import forces, official

ui.keep("basis", "year", "forces")
page = registry.page("outcomes")
head = st.container()
section, tab = ui.open_section("outcomes")
filters = {}  # the widgets the open tab shows; the page's defaults for the rest
with tab:
    if any("basis" in chart.filters for chart in page.shown(section)):
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
        filters["basis"] = (basis or page.defaults["basis"]).lower()
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
            default=None if "forces" in st.session_state else list(page.defaults["forces"]),
            max_selections=forces.MAX_COMPARED,
            key="forces",
            bind="query-params",
            help="Neighbouring forces by default; up to five.",
        )
        filters["forces"] = tuple(chosen)
    blocks.draw_page("outcomes", section, head=head, **filters)
