"""What each chart says. A story reads named queries and returns a `ChartSpec`: the figure, and
the title, summary and table written from the rows themselves, so no figure is typed in. Pure:
no Streamlit, so the live pages, the slides and the meeting pack all draw the same specs.

One module per page (`overview`, `grades`, `recording`, `outcomes`, `calls`, `recommendations`,
`sources`), and `common` for what they share."""
