"""Recommendations and causes of concern: every one with its source, deadline and status,
filtered by report and status, the deadlines on a timeline."""
from datetime import date

import streamlit as st

from pfcc import stories, ui

reports = stories.recommendation_reports()
left, right = st.columns(2)
with left:
    report = st.selectbox("Report", list(reports), index=None, placeholder="All reports",
                          format_func=reports.get, key="report", bind="query-params")
with right:
    status = st.selectbox("Status", ["open", "closed", "unknown"], index=None,
                          placeholder="Any status", format_func=stories.STATUS_LABELS.get,
                          key="status", bind="query-params")
spec = stories.recommendations(report, status, date.today())
ui.page_title(spec.title, "What the inspectorate told the force to do, by when, and what "
              "the sources say happened.")
ui.chart_panel(spec, heading=False)
