"""Sources and methods: every source with its tier, date and address; how figures are
checked; the whole database and each table to download."""
import streamlit as st

from pfcc import stories, ui

info = stories.data_info()
ui.page_title(f"{info['sources']} sources, every figure traced to their words",
              "What the dashboard is built from, how much weight each source carries, and how "
              "each figure is checked against the document it came from.")
ui.methods(info)
ui.sources_table(stories.sources_list())
ui.downloads(stories.tables_for_download())
ui.meeting_pack()
