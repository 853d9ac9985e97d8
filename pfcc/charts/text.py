"""The one escape for data in a figure. Plotly draws a subset of HTML wherever it writes text
(hover, annotations, titles, tick labels, legend entries, `text` labels): `<a href>` becomes a
live link, `<span style>` is styled, `<br>` breaks the line. A string from the data (a title, a
publisher, a label, an area, a period) goes into a figure only through `plotly_text`, so that it
is shown as written; our own markup (`<b>`, `<br>`) wraps the escaped words, never the reverse:

    f"<b>{plotly_text(title)}</b><br>{plotly_text(source)}"

Plotly splits its text at tags first and only then turns `&lt;`, `&gt;` and `&amp;` back into
characters, so `&lt;a&gt;` is shown as the text `<a>`. Quotes stay as they are: Plotly knows no
`&quot;` and would show it as written, and a quote outside a tag is only a character."""

from __future__ import annotations

import html


def plotly_text(value) -> str:
    """`value` as text Plotly shows exactly as written: `<`, `>` and `&` escaped."""
    return html.escape(str(value), quote=False)
