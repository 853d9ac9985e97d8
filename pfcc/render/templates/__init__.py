"""Whole documents and the chart panel, from Jinja2 templates in this folder: one environment,
autoescape on for every .html template, and StrictUndefined, so a template that names a value
it was not given fails loudly instead of printing nothing.

Escaping: a plain string is escaped with `html.escape` (quotes as `&#x27;`, as every hand-made
fragment in `pfcc.render.markup` writes them), so a template gives the same bytes the f-strings did.
An HTML fragment that `pfcc.render.markup` or Plotly has already made safe is passed in as
`markupsafe.Markup` (`safe()` below) and printed as it is."""

from __future__ import annotations

import functools
import html
from pathlib import Path

import jinja2
from markupsafe import Markup

FOLDER = Path(__file__).resolve().parent


def _escaped(value):
    """Each `{{ value }}`: a fragment marked safe as it is; any other string through
    `html.escape`; anything else as Jinja prints it."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(html.escape(value))
    return value


@functools.cache
def environment() -> jinja2.Environment:
    """The one environment every renderer draws its templates from."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(FOLDER),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        finalize=_escaped,
        keep_trailing_newline=True,
        auto_reload=False,
    )


def safe(fragment: str) -> Markup:
    """A fragment already made safe (by `pfcc.render.markup`, or JSON with `</` escaped): printed as
    it is. Never for text from the data."""
    return Markup(fragment)


def render(name: str, **values) -> str:
    """The template `name` filled with `values`, as a plain string."""
    return str(environment().get_template(name).render(**values))


def fragment(name: str, macro: str, *args) -> str:
    """One macro of the template `name` (a piece a renderer places itself), as a plain string."""
    return str(getattr(environment().get_template(name).module, macro)(*args))
