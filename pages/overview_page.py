"""Overview: the journey from the 2014 inspections, through causes of concern and Engage, to
the inspections since, with the four headline figures: the Home Office charge rate and rank
first, the others before Engage, at their worst, latest."""

from pfcc import registry
from pfcc.render.live import ui
from pfcc.stories import overview

charts = ui.page_charts("overview")
ui.page_title(
    charts[0].title,
    registry.page("overview").lede,
)
ui.headline_tiles(overview.headlines(ui.as_presented()), "Headline figures", "headlines")
ui.chart_panels(charts)
