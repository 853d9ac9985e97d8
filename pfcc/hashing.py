"""Content hashes: the one way the project names something by what it holds. A version in a
link (`&v=`), a pack's file name, a page's version line and an asset's file name are each the
first hex digits of a sha256 of the content; the lengths below are part of those names, so they
never change. Imports nothing of the project, so every layer may use it."""

from __future__ import annotations

import hashlib

FULL = 64  # a checksum: a data file's sha256 in its source row, a kept document's
DATA_VERSION = 12  # build_info.data_version: every input file
SOURCE_VERSION = 16  # source_versions.content_hash: a source's row, facts and document
CHART_VERSION = 10  # a chart's data version: the versions of the sources it draws on
DECK_VERSION = 10  # a meeting pack's version: the versions of its charts
ASSET = 12  # a static file's name: plotly.js, the style sheet, the script
LINE = 16  # a line or column of a checksummed file (homeoffice/digests.py)


def content_hash(*parts: bytes | str, length: int = FULL) -> str:
    """The sha256 of `parts` one after another (text as UTF-8): its first `length` hex digits."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
    return h.hexdigest()[:length]
