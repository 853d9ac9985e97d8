"""The meeting pack on the live Sources page. On the public server it is a link to the packs
`make pack` printed ahead of time and the static edition publishes: printing one takes headless
chromium about 3 s and 1.2 GB, and eight at once took 9.6 GB. A leaders' own server may print on
demand (PFCC_PRINT_PACKS=1): one pack at a time, a short queue, and "busy" beyond it."""

from __future__ import annotations

import os
import threading
from datetime import date
from html import escape

import streamlit as st

from pfcc.render import markup, pack
from pfcc.render.live.ui import html
from pfcc.render.site.packs import FOLDER
from pfcc.store import db
from pfcc.store.asof import FIRST_DAY, LAST_MEETING_DAY
from pfcc.store.cache import cached_per
from pfcc.text import content

PRINTING = os.environ.get("PFCC_PRINT_PACKS") == "1"
SITE = os.environ.get("PFCC_SITE", "/")  # the static edition's address (deploy/: the root)
WAITING = 2  # packs that may wait while one prints

_printing = threading.Lock()
_places = threading.BoundedSemaphore(1 + WAITING)


@cached_per(db.file_stamp, 8)  # a rebuild empties it; a pack being printed is waited for
def _pack(meeting, with_pdf: bool) -> tuple[str, str, bytes | None]:
    p = pack.build(meeting)
    return p.stem, p.html, (pack.pdf_bytes(p.html) if with_pdf else None)


def printed_in_turn(meeting: date, with_pdf: bool):
    """`_pack`, one at a time, or None when the queue is full."""
    if not _places.acquire(blocking=False):
        return None
    try:
        with _printing:
            return _pack(meeting, with_pdf)
    finally:
        _places.release()


def meeting_pack() -> None:
    heading = markup.heading("Meeting pack", "pack") + content.PACK_INTRO
    if not PRINTING:
        address = f"{SITE.rstrip('/')}/{FOLDER}/"
        html(
            heading + f"<p>Packs are printed ahead of each meeting and published with the "
            f"public edition: <a href='{escape(address)}'>every meeting pack</a>.</p>"
        )
        return
    html(heading)
    meeting = st.date_input(
        "Meeting date",
        value=date.today(),
        min_value=FIRST_DAY,
        max_value=LAST_MEETING_DAY,
        format="DD/MM/YYYY",
        key="pack_date",
    )
    if not st.button("Prepare the meeting pack", key="pack_make"):
        return
    with st.spinner("Preparing the pack…"):
        made = printed_in_turn(meeting, pack.can_print())
    if made is None:
        st.warning("Other packs are being prepared. Please try again in a minute.")
        return
    stem, document, pdf = made
    st.download_button(
        "Download the pack (HTML)",
        document.encode("utf-8"),
        file_name=f"{stem}.html",
        mime="text/html",
        key="pack_html",
    )
    if pdf:
        st.download_button(
            "Download the pack (PDF)",
            pdf,
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            key="pack_pdf",
        )
    else:
        st.info(
            "The PDF is printed by chromium, which this server does not have; "
            "`make pack` writes both files."
        )
