"""Scorecard: each thing the inspectorate asked the force to change beside the figures that
show whether it changed, chosen by group and by open or all; both choices are in the link."""

import streamlit as st

from pfcc.render.live import blocks
from pfcc.stories import scorecard, scorecard_board

head = st.container()  # the title first, though it is drawn after the choices are read
left, right = st.columns(2)
with left:
    group = st.selectbox(
        "Group",
        scorecard.GROUPS,
        index=None,
        placeholder="Every group",
        key="group",
        bind="query-params",
    )
with right:
    show = st.radio(
        "Show",
        scorecard_board.SHOW,
        format_func=scorecard_board.SHOW_LABELS.get,
        horizontal=True,
        key="show",
        bind="query-params",
    )
blocks.draw_page("scorecard", head=head, group=group, show=show)
