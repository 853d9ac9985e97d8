"""How wide a text is, in pixels, in the charts' font (Arial, by Liberation Sans's metrics:
font_widths.json, written by scripts/font_widths.py): the one measure every chart uses to place
its labels and size its margins, so that a label is placed by the width the browser will draw,
not an average character's. A character the table lacks counts as wide as "M"."""

from __future__ import annotations

import functools
import json
from pathlib import Path

_FILE = Path(__file__).with_name("font_widths.json")


@functools.cache
def _table() -> dict:
    return json.loads(_FILE.read_text(encoding="utf-8"))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of `text` at `size` px, in pixels."""
    t = _table()
    widths = t["bold" if bold else "regular"]
    wide = widths["M"]
    return sum(widths.get(c, wide) for c in text) * size / t["units_per_size"]


def longest_line(text: str, size: float, bold: bool = False) -> float:
    """The width of the widest line of a text Plotly breaks with <br>."""
    return max(text_width(line, size, bold) for line in str(text).split("<br>"))
