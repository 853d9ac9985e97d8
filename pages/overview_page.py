"""Overview: the journey from the 2014 inspections, through causes of concern and Engage, to
the inspections since, with the four headline figures: the Home Office charge rate and rank
first, the others before Engage, at their worst, latest. No widgets: the registry describes it
all."""

from pfcc.render.live import blocks

blocks.draw_page("overview")
