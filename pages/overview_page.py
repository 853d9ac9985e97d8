"""Overview: the journey from the 2015 inspections, through causes of concern and Engage, to
the inspections since, with the four headline figures before Engage, at their worst, latest."""

import streamlit as st

from pfcc import ui
from pfcc.stories import overview

charts = ui.page_charts("overview")
ui.page_title(
    charts[0].title,
    "Where Staffordshire Police stands after the inspectorate's enhanced monitoring. Every "
    "figure names its source and how much weight it carries (its tier).",
)
st.header("Headline figures", anchor="headlines")
ui.headline_tiles(overview.headlines(ui.as_presented()))
ui.chart_panels(charts)
