"""Accessibility statement, in the model format the Public Sector Bodies (Websites and Mobile
Applications) (No. 2) Accessibility Regulations 2018 ask for; the static site prints the same."""

import streamlit as st

from pfcc.render.live import ui
from pfcc.text import content

ui.page_title(content.ACCESSIBILITY_TITLE, figures=False)
st.markdown(content.ACCESSIBILITY_STATEMENT)
