"""Where a series chart's direct labels go: beside each line's last point, clear of every
other text and inside the chart at every size it is shown at, else a legend instead."""

from __future__ import annotations

from itertools import permutations

import pandas as pd

from pfcc.charts.metrics import text_width
from pfcc.render import theme

# Direct labels are placed without the browser: every text is a box in pixels, measured by the
# font's own widths (pfcc.charts.metrics), at the plot-area sizes the charts are shown at (a
# page's chart from a phone's width up, a slide's from a projector's 1280×720 up), and a label
# goes where it overlaps no
# other text and stays inside the chart at all of them; where no place fits, the chart gets a
# legend of colours instead.
PLOT_WIDTHS = (880, 1000, 1200, 1500, 1800, 2400)  # plot-area widths, px
NARROW_WIDTHS = (220, 300, 400, 520, 640, 760)  # and a page's on a phone (360 px up), a tablet
PLOT_HEIGHT = {False: 240, True: 260}  # the shortest plot area, px (pages; slides at 720 high)
TALLER = (1.0, 1.5, 2.2)  # and taller plot areas: a slide grows with the screen
LABEL_GAP = 12  # px between a point and its label
RIGHT_ROOM = 20  # px a label may use of the right margin
CLEAR = 3  # px kept between two texts


def plot_widths(projector: bool) -> tuple[int, ...]:
    """The plot-area widths a chart is laid out for: a slide only on a projector's screen (a
    phone scrolls it sideways), a page's chart on every screen from a phone's up."""
    return PLOT_WIDTHS if projector else NARROW_WIDTHS + PLOT_WIDTHS


def _box_w(text: str, size: float, bold: bool = True) -> float:
    return text_width(text, size, bold) + 6


def _box_h(size: float) -> float:
    return size * 1.35 + 4


def y_span_of(
    df: pd.DataFrame, y: str, ci: str | None, reference, y_range, y_reversed: bool
) -> tuple[float, float]:
    """The y axis's range as Plotly's autorange will draw it, near enough."""
    if y_range:
        return float(y_range[0]), float(y_range[1])
    vals = pd.to_numeric(df[y], errors="coerce").dropna()
    if ci and ci in df:
        err = pd.to_numeric(df[ci], errors="coerce").fillna(0)
        vals = pd.concat([vals, df[y] + err, df[y] - err]).dropna()
    if reference:
        vals = pd.concat([vals, pd.Series([reference[0]])])
    lo, hi = (float(vals.min()), float(vals.max())) if len(vals) else (0.0, 1.0)
    if not y_reversed:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    pad = 0.06 * ((hi - lo) or 1.0)
    return (lo - pad if (y_reversed or lo < 0) else lo), hi + pad


WORD = "provisional"  # written under a series' last figure that is still accruing


def word_side(fx: float, projector: bool = False) -> str:
    """Which side of its point the word under it goes, at `fx` along the axis (0 to 1): in the
    middle, else away from the end it would run off at the narrowest plot it is drawn in."""
    half = _box_w(WORD, theme.sizes(projector)["tick"], bold=False) / 2 + 2
    narrow = min(plot_widths(projector))
    if fx * narrow < half:
        return "right"
    if (1 - fx) * narrow < half:
        return "left"
    return "center"


def fixed_texts(words, reference, s: dict) -> list[tuple]:
    """Texts the labels must not cover, as (x, y, (left, right), (bottom, top)): x and y in
    data, the box in px about that point, up being positive. `x=None` is the plot's left.
    `words` holds (x, y, side) for each word under a point (`word_side`)."""
    size = s["tick"]
    below = (s["marker"] + 4) / 2 + 3  # the provisional ring's radius and its line
    w = _box_w(WORD, size, bold=False)
    across = {"center": (-w / 2, w / 2), "left": (-w - 4, 4), "right": (-4, w + 4)}
    out = [(x, yv, across[side], (-below - _box_h(size), -below)) for x, yv, side in words]
    if reference:
        out.append(
            (None, reference[0], (0, _box_w(reference[1], size, bold=False)), (0, _box_h(size)))
        )
    return out


def place_labels(
    ends: list[tuple],
    *,
    fixed: list[tuple],
    x_span: tuple[pd.Timestamp, pd.Timestamp],
    y_span: tuple[float, float],
    y_reversed: bool = False,
    projector: bool = False,
) -> list[tuple[str, int, int, bool]] | None:
    """Where each series' name goes beside its last point, as (xanchor, xshift, yshift): on
    the right of the point, or on its left near the axis's end, moved up or down as little as
    needed so that no two texts overlap and none leaves the chart, with a leader line back to
    the point where it moved far (the fourth item). `ends` holds (name, x, y, colour) per
    series. None when some label has no such place: the caller draws a legend."""
    size = theme.sizes(projector)["tick"]
    h = _box_h(size)
    x0, x1 = x_span
    lo, hi = y_span
    height = PLOT_HEIGHT[projector]

    def fx(x) -> float:
        return 0.0 if x is None else (pd.Timestamp(x) - x0) / (x1 - x0)

    def fy(v) -> float:
        f = (float(v) - lo) / ((hi - lo) or 1.0)
        return 1 - f if y_reversed else f

    widths = plot_widths(projector)
    sizes = [(w, height * k) for w in widths for k in TALLER]
    # every box as fractions of the plot (fx, fy) plus px offsets ((left, right), (bottom, top))
    obstacles = [(fx(x), fy(v), xs, ys) for x, v, xs, ys in fixed]

    def boxes(b, w, ht):
        f_x, f_y, (left, right), (bottom, top) = b
        return f_x * w + left, f_x * w + right, f_y * ht + bottom, f_y * ht + top

    def meets(a, b) -> bool:
        for w, ht in sizes:
            al, ar, ab, at = boxes(a, w, ht)
            bl, br, bb, bt = boxes(b, w, ht)
            if al < br + CLEAR and bl < ar + CLEAR and ab < bt + CLEAR and bb < at + CLEAR:
                return True
        return False

    def inside(b) -> bool:
        for w, ht in sizes:
            left, right, bottom, top = boxes(b, w, ht)
            if left < 0 or right > w + RIGHT_ROOM or bottom < 0 or top > ht:
                return False
        return True

    def candidates(name, x, v):
        wide = _box_w(name, size)
        f_x, f_y = fx(x), fy(v)
        sides = [("left", LABEL_GAP, (LABEL_GAP, LABEL_GAP + wide), 0.0)]
        sides.append(("right", -LABEL_GAP, (-LABEL_GAP - wide, -LABEL_GAP), 0.6 * h))
        if f_x > 0.75:  # near the axis's end: on the left, a little above the line
            sides.reverse()
        out = []
        for rank, (anchor, xshift, xs, wanted) in enumerate(sides):
            for step in range(0, int(height) // 3):
                for shift in dict.fromkeys((wanted + 3 * step, wanted - 3 * step)):
                    box = (f_x, f_y, xs, (shift - h / 2, shift + h / 2))
                    led = abs(shift - wanted) > 0.75 * h
                    out.append((3 * step + rank * h, anchor, xshift, round(shift), led, box))
        return sorted(out, key=lambda c: c[0])

    def crosses(a, b) -> bool:
        """`a` sits above `b` while its point is below `b`'s (or the other way round), where
        the two could be read together: the names would read in the wrong order."""
        centre = [f_y * height + (bottom + top) / 2 for _, f_y, _, (bottom, top) in (a, b)]
        if (a[1] - b[1]) * (centre[0] - centre[1]) >= 0:
            return False
        for w in widths:
            al, ar, _, _ = boxes(a, w, height)
            bl, br, _, _ = boxes(b, w, height)
            if al < br and bl < ar:
                return True
        return False

    # the places each label may take whatever the others do: inside, clear of the fixed texts
    options = [
        [
            c
            for c in candidates(name, x, v)
            if inside(c[-1]) and not any(meets(c[-1], o) for o in obstacles)
        ]
        for name, x, v, _ in ends
    ]
    if not all(options):
        return None
    for order in permutations(range(len(ends))):  # the series' order first, then others
        placed, chosen = [], {}
        for i in order:
            best = None  # (cost, choice, box): the nearest free place, names in their order
            for score, anchor, xshift, yshift, led, box in options[i]:
                if best and score >= best[0]:
                    break
                if not any(meets(box, o) for o in placed):
                    cost = score + 2 * h * sum(crosses(box, o) for o in placed)
                    if not best or cost < best[0]:
                        best = (cost, (anchor, xshift, yshift, led), box)
            if not best:
                break
            placed.append(best[2])
            chosen[i] = best[1]
        if len(chosen) == len(ends):
            return [chosen[i] for i in range(len(ends))]
    return None
