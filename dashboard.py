"""Staffordshire Police performance: the entry point. It only routes; the pages are listed once,
in pfcc/registry.py, and each is a file in pages/ that reads like a description of what it
shows."""

import streamlit as st

from pfcc import registry
from pfcc.render.live import blocks, slideshow, ui


def _generic(page: registry.Page):
    """A page with no file of its own (no widgets): drawn from its registry description."""

    def draw() -> None:
        blocks.draw_page(page.slug)

    draw.__name__ = f"page_{page.slug}"
    return draw


# url_paths differ from the file names on purpose: a deep link that is the first request to a
# new server must reach st.navigation, not Streamlit's legacy pages/ mode (see
# pfcc/render/live/serve.py).
PAGES = ui.navigation_pages(
    registry.PAGES,
    lambda p: st.Page(p.file or _generic(p), title=p.title, url_path=p.slug, default=p.default),
)

ui.setup_page()
try:
    if slideshow.is_on():  # ?mode=present: one chart a screen, no navigation
        st.navigation(PAGES, position="hidden")
        st.set_page_config(
            page_title=registry.SITE_TITLE,
            page_icon="📊",
            layout="wide",
            initial_sidebar_state="collapsed",
        )
        slideshow.run()
    else:
        page = st.navigation(PAGES, position="top")
        st.set_page_config(
            page_title=f"{page.title} · {registry.SITE_TITLE}",
            page_icon="📊",
            layout="wide",
            initial_sidebar_state="collapsed",
        )  # a title per page
        st.button(
            "Presentation mode",
            key="present_start",
            on_click=slideshow.start,
            help="One chart a screen for meetings; arrow keys to move, Esc to leave",
        )
        page.run()
except Exception as exc:  # noqa: BLE001 — the visitor gets a sentence, the log the traceback
    ui.fail_gracefully(exc)
