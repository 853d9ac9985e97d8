"""pfcc: the code of the Staffordshire Police, Fire and Crime Commissioner's (PFCC) public
performance dashboard.

Layers, one way down: data files -> `build` (reads, checks, writes) -> the DuckDB file ->
`queries/*.sql` -> `db.run_query` -> `stories` (pure: rows in, `spec.ChartSpec` out) -> renderers
(`ui` for live pages, `slideshow` for presentation mode, `pack` for the meeting pack) -> pages.
`registry` lists the pages, their charts and the slides. Only `ui`, `slideshow` and `serve`
import Streamlit."""
