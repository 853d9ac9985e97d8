"""Sources and methods: every source with its tier, date and address; how figures are checked;
the figures kept but not charted; the whole database and every table (one ZIP) to download."""

from pfcc import registry
from pfcc.render.live import pack_button, ui
from pfcc.stories import official, sources
from pfcc.text import content

info = sources.data_info()
ui.page_title(
    f"{info['sources']} sources, every figure traced to their words",
    registry.page("sources").lede,
)
ui.reference(
    info,
    sources.sources_list(),
    content.source_tables(
        sources.uncharted(),
        sources.undated(),
        sources.reconciliation(),
        sources.series_flags(),
        official.OGL,
        newest=sources.newest_by_family(),
    ),
)
ui.downloads(sources.tables_for_download())
pack_button.meeting_pack()
