"""Recommendations and causes of concern: every one with its source, deadline and status,
filtered by report and status, the deadlines on a timeline."""

import streamlit as st

from pfcc.render.live import blocks, ui
from pfcc.stories import recommendations

reports = recommendations.recommendation_reports(ui.as_presented())
left, right = st.columns(2)
with left:
    report = st.selectbox(
        "Report",
        list(reports),
        index=None,
        placeholder="All reports",
        format_func=reports.get,
        key="report",
        bind="query-params",
    )
with right:
    status = st.selectbox(
        "Status",
        list(recommendations.STATUS_LABELS),
        index=None,
        placeholder="Any status",
        format_func=recommendations.STATUS_LABELS.get,
        key="status",
        bind="query-params",
    )
blocks.draw_page("recommendations", source_id=report, status=status)
