"""Calls: 999 answer times and the share answered within 10 seconds against the national
standard, and 101, one chart a tab (only the open one drawn); the tier of every figure visible."""

from datetime import date

import streamlit as st

from pfcc.render.live import blocks, ui
from pfcc.store.asof import FIRST_DAY

head = st.container()  # the title first, though it states the open tab's message
# as presented on a past date, no year after it is offered
years = list(range(FIRST_DAY.year, (ui.meeting_date() or date.today()).year + 1))
first, last = st.select_slider(
    "Years shown",
    options=years,
    value=(years[0], years[-1]),
    key="years",
    bind="query-params",
)
span = {"date_from": date(first, 1, 1), "date_to": date(last, 12, 31)}
section, tab = ui.open_section("calls", **span)
with tab:
    blocks.draw_page("calls", section, head=head, **span)
