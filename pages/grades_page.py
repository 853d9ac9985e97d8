"""Inspection grades: every theme across every inspection, the grade's word in each cell and a
break where the scale changed from four tiers to five."""

import streamlit as st

from pfcc.render.live import blocks
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
blocks.draw_page("grades", theme_filter=chosen)
