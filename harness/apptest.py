"""The app in Streamlit's AppTest, no browser: a page by its registry slug, with query
parameters, and the text a visitor can read on it."""

from __future__ import annotations

import html
import re

from streamlit.testing.v1 import AppTest

from pfcc import registry
from pfcc.paths import ROOT

# The pages AppTest can open: it switches pages by file, so a page drawn by the generic page
# (no file of its own) is reachable only as the default one.
SLUGS = tuple(p.slug for p in registry.PAGES if p.file or p.default)
# Every screen AppTest can open: each section of a page with tabs.
VIEWS = tuple(v for v in registry.views() if v.page.slug in SLUGS)


def render(slug: str, params: dict | None = None, timeout_s: float = 90) -> AppTest:
    """Run dashboard.py, switch to the page, set the query parameters (a list for a repeated
    key) and run again, as a visitor following a link does."""
    page = registry.page(slug)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout_s)
    at.run()
    if not page.default:
        if page.file is None:
            raise ValueError(f"AppTest switches pages by file; {slug!r} has none")
        at.switch_page(page.file)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    return at


def text_of(at: AppTest) -> str:
    """Everything a visitor can read: titles, markdown, HTML blocks, captions, chart names."""
    parts = titles(at) + [e.value for e in at.markdown]
    parts += [e.value for e in at.caption] + [e.value for e in at.header]
    parts += [e.proto.body for e in at.get("html")]
    parts += [e.proto.alt for e in at.get("plotly_chart")]
    parts += [e.value for e in at.subheader]
    return "\n".join(parts)


def titles(at: AppTest) -> list[str]:
    """Each top-level heading the page shows, as text (ui.page_title writes it as HTML)."""
    found = []
    for e in at.get("html"):
        for inner in re.findall(r"<h1\b[^>]*>(.*?)</h1>", e.proto.body, flags=re.S):
            found.append(html.unescape(re.sub(r"<[^>]+>", "", inner)).strip())
    return found + [e.value for e in at.title]


def title_of(at: AppTest) -> str:
    """The page's title: its first top-level heading ("" if it has none)."""
    found = titles(at)
    return found[0] if found else ""
