"""Since the last meeting: everything that became public between two dates (90 days ago to today
unless the link says otherwise; as presented on a meeting's `?date=`, the 90 days to that day and
nothing after it), grouped as a panel reads it, each line with its source, tier and a link to
the chart where it appears."""

from datetime import date

import streamlit as st

from pfcc import registry
from pfcc.registry_types import ChangeList
from pfcc.render.live import blocks, ui
from pfcc.store.asof import FIRST_DAY

end = ui.meeting_date() or date.today()  # as presented: the window ends on the meeting's day
page = registry.page("changes")
window = page.block(ChangeList)  # the days a visitor gets without choosing
head = st.container()
left, right = st.columns(2)
with left:
    date_from = ui.date_field(
        "From",
        value=max(window.start(end), FIRST_DAY),
        min_value=FIRST_DAY,
        max_value=end,
        key="from",
        help="The day after the last meeting, for example.",
    )
with right:
    date_to = ui.date_field(
        "To",
        value=end,
        min_value=FIRST_DAY,
        max_value=end,
        key="to",
    )
date_to = min(date_to, end)
if date_from > date_to:
    with head:
        ui.page_title(page.title)
    st.error("The start date must be on or before the end date. Change one of the dates.")
    st.stop()
blocks.draw_page("changes", head=head, date_from=date_from, date_to=date_to)
