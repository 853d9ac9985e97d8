"""Sources and methods: every source with its tier, date and address; how figures are checked;
the figures kept but not charted; the whole database and every table (one ZIP) to download."""

from pfcc.render.live import blocks, pack_button, ui
from pfcc.stories import sources

blocks.draw_page("sources")
ui.downloads(sources.tables_for_download())
pack_button.meeting_pack()
