"""Crime recording: how much reported crime the force records, with the inspectorate's
confidence intervals, the 2016 re-grading, and what 2021/22 found on delays."""

import streamlit as st

from pfcc.render.live import blocks
from pfcc.stories import recording

crime = st.selectbox(
    "Crime type",
    recording.BREAKDOWNS,
    index=None,
    placeholder="All crime types",
    key="crime",
    bind="query-params",
)
blocks.draw_page("recording", breakdown=crime)
