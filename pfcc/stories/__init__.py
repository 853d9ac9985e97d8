"""What each chart says. A story reads named queries and returns a `ChartSpec`: the figure, and
the title, summary and table written from the rows themselves, so no figure is typed in. Pure:
no Streamlit, so the live pages, the slides and the meeting pack all draw the same specs.

Mostly one module per page, named for it; `series` is the generic time series a new chart or a
new family can use, `families` the page of a family the registry does not list, `common`
what they all share (the cache, the query call), `vocabulary` the metric look-up and `sentences`
the titles and summaries written from rows. pfcc/registry.py says which story draws
which chart on which page."""
