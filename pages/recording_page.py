"""Crime recording: how much reported crime the force records, with the inspectorate's
confidence intervals, the 2016 re-grading, and what 2021/22 found on delays."""

import streamlit as st

from pfcc import registry
from pfcc.render.live import ui
from pfcc.stories import recording

crime = st.selectbox(
    "Crime type",
    recording.BREAKDOWNS,
    index=None,
    placeholder="All crime types",
    key="crime",
    bind="query-params",
)
charts = ui.page_charts("recording", breakdown=crime)
ui.page_title(
    charts[0].title,
    registry.page("recording").lede,
)
ui.chart_panels(charts)

ui.findings_list(
    recording.recording_findings(), "What the inspections found on recording", "findings"
)
ui.findings_list(
    recording.crime_recording_grades(),
    "The 2016 grade and its re-grading",
    "regrading",
    kind="grades",
)
