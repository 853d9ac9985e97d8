"""What each chart says. A story reads named queries and returns a `ChartSpec`: the figure, and
the title, summary and table written from the rows themselves, so no figure is typed in. Pure:
no Streamlit, so the live pages, the slides and the meeting pack all draw the same specs.

One module per page (`overview`, `changes`, `grades`, `recording`, `outcomes`, `calls`,
`recommendations`, `sources`); the Outcomes page's Home Office charts in `official` and `forces`,
with `standing` (provisional, flagged, ranks) and `bulletins` (the slide before those tables
were public); `series` for a generic time series; `compare` for what a summary may compare;
and `common` for what they all share."""
