"""A figure that is a sentence, in the one theme: where a chart would have nothing on its axes
(no item has a deadline yet), the reader gets the words, not empty axes from -1 to 6."""

from __future__ import annotations

import plotly.graph_objects as go

from pfcc.charts.marks import base_figure
from pfcc.charts.text import plotly_text
from pfcc.render import theme


def words(text: str, projector: bool) -> go.Figure:
    """A figure that is a sentence: where a chart would have nothing on its axes (no item has a
    deadline yet), the reader gets the words, not empty axes from −1 to 6."""
    s = theme.sizes(projector)
    fig = base_figure(projector, height=260 if projector else 180)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(showlegend=False)
    fig.add_annotation(
        text=plotly_text(text),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font=dict(size=s["title"], color=theme.TEXT),
    )
    return fig
