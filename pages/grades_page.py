"""Inspection grades: every theme across every inspection, the grade's word in each cell and a
break where the scale changed from four tiers to five."""

import streamlit as st

from pfcc import registry
from pfcc.render.live import ui
from pfcc.stories import grades

chosen = st.selectbox(
    "Follow one theme across inspections",
    grades.themes_present(),
    index=None,
    placeholder="All themes",
    format_func=str.capitalize,
    key="theme",
    bind="query-params",
)
charts = ui.page_charts("grades", theme_filter=chosen)
ui.page_title(
    charts[0].title,
    registry.page("grades").lede,
)
ui.chart_panels(charts)
