"""The width the charts place their texts by (pfcc.charts.metrics, from the font's own table) is
the width the browser draws them at: measured in Chromium with the charts' font, for the
longest texts the charts write (axis labels, lane names, direct labels, the grades), to half a
per cent (the table rounds each character to a thousandth of the size)."""

import pytest

from pfcc.charts.metrics import text_width
from pfcc.render import theme

pytestmark = pytest.mark.browser

TEXTS = [
    "Strategic planning, organisational management and value for money",
    "Force or Commissioner statement",
    "Requires improvement",
    "PEEL 2021/22 · 999 calls answered within 10 seconds – 78%",
    "Staffordshire’s charge/summons rate, England and Wales (provisional)",
]


MEASURE = """([texts, font]) => { const c = document.createElement('canvas').getContext('2d');
  c.font = font; return texts.map(t => c.measureText(t).width); }"""


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_text_is_as_wide_as_the_browser_draws_it(browser, bold):
    page = browser.new_page()
    try:
        for size in (14, 20, 24):
            font = f"{'bold ' if bold else ''}{size}px {theme.FONT}"
            drawn = page.evaluate(MEASURE, [TEXTS, font])
            for text, px in zip(TEXTS, drawn, strict=True):
                assert text_width(text, size, bold) == pytest.approx(px, rel=0.005, abs=1.5), (
                    text,
                    size,
                )
    finally:
        page.close()
