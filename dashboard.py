"""Staffordshire Police performance: the entry point. It only routes; each page is a file in
pages/ that reads like a description of what it shows."""
import streamlit as st

from pfcc import present, ui

st.set_page_config(page_title="Staffordshire Police performance", page_icon="📊",
                   layout="wide", initial_sidebar_state="collapsed")

# url_paths differ from the file names on purpose: a deep link that is the first request to a
# new server must reach st.navigation, not Streamlit's legacy pages/ mode (engineering notes).
PAGES = [
    st.Page("pages/overview_page.py", title="Overview", url_path="overview", default=True),
    st.Page("pages/grades_page.py", title="Inspection grades", url_path="grades"),
    st.Page("pages/recording_page.py", title="Crime recording", url_path="recording"),
    st.Page("pages/outcomes_page.py", title="Outcomes", url_path="outcomes"),
    st.Page("pages/calls_page.py", title="999 and 101 calls", url_path="calls"),
    st.Page("pages/recommendations_page.py", title="Recommendations", url_path="recommendations"),
    st.Page("pages/sources_page.py", title="Sources and methods", url_path="sources"),
    st.Page("pages/accessibility_page.py", title="Accessibility", url_path="accessibility"),
]
SITE = "Staffordshire Police performance"

ui.setup_page()
try:
    if present.is_on():  # ?mode=present: one chart a screen, no navigation
        st.navigation(PAGES, position="hidden")
        present.run()
    else:
        page = st.navigation(PAGES, position="top")
        st.set_page_config(page_title=f"{page.title} · {SITE}")  # a title per page
        st.button("Presentation mode", key="present_start", on_click=present.start,
                  help="One chart a screen for meetings; arrow keys to move, Esc to leave")
        page.run()
except Exception as exc:  # noqa: BLE001 — the visitor gets a sentence, the log the traceback
    ui.fail_gracefully(exc)
