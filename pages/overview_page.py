"""Overview: the journey from the 2015 inspections, through causes of concern and Engage, to
the inspections since, with the four headline figures before Engage, at their worst, latest."""

import streamlit as st

from pfcc import registry, ui
from pfcc.stories import overview

charts = ui.page_charts("overview")
ui.page_title(
    charts[0].title,
    registry.page("overview").lede,
)
st.header("Headline figures", anchor="headlines")
ui.headline_tiles(overview.headlines(ui.as_presented()))
ui.chart_panels(charts)
