"""Calls: 999 answer times and the share answered within 10 seconds against the national
standard, and 101 on its own chart; the tier of every figure visible."""
from datetime import date

import streamlit as st

from pfcc import stories, ui

years = list(range(stories.ALL_TIME[0].year, date.today().year + 1))
first, last = st.select_slider("Years shown", options=years, value=(years[0], years[-1]),
                               key="years", bind="query-params")
span = (date(first, 1, 1), date(last, 12, 31))
answer_time = stories.calls_999("999 average answer time", *span)
ui.page_title(answer_time.title, "999 and 101 figures as the force, the Commissioner and the "
              "Home Office have published them. Periods and sources vary: each point shows "
              "its tier by its shape.")
ui.chart_panel(answer_time, heading=False)
ui.chart_panel(stories.calls_999("999 calls answered within 10 seconds", *span))
ui.chart_panel(stories.calls_101(*span))
