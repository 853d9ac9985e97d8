"""Chart text that a reader cannot read: in a real browser, the visible SVG text of every Plotly
chart on the page, drawn live (`.js-plotly-plot`) or at build time (the static edition's
`svg.pfcc-svg` in its chart box, before any script runs), measured by its bounding box. Two
problems are found:

- **overlap**: two texts (tick labels, annotations, direct labels, bar text, legend entries,
  titles) whose boxes cover each other by more than `TOLERANCE` pixels both across and down;
- **cut off**: a text that leaves its chart's SVG area, or the clip region Plotly draws it in
  (the plot area for bar text and markers' text, the legend's scroll box), by more than
  `TOLERANCE` pixels; or that a reader cannot bring into view around the chart: outside a box
  that clips its overflow (CSS `overflow: hidden` or `clip`), or before the start (left, top)
  of a box that scrolls. A text past the visible part of a box that scrolls (a chart wider
  than a phone, in its own box that scrolls sideways) is not cut off: it is read by scrolling,
  and nothing further out clips it on that axis.

Empty and invisible text, hover labels and the mode bar are skipped. `chart_text_problems(page)`
returns one sentence per problem, naming the chart and the texts involved, so that a failure
says what to fix; `[]` when there is nothing wrong."""

from __future__ import annotations

TOLERANCE = 2  # pixels: anti-aliasing and font ascent are not problems

# Runs in the page. Returns, per chart, its name and the problems found: overlaps as pairs of
# texts with the size of the overlap, cut-offs with the text, the edge and by how much.
_MEASURE = r"""
(tol) => {
  const round = (v) => Math.round(v * 10) / 10;
  const clean = (s) => s.replace(/\s+/g, ' ').trim();
  const shown = (el, root) => {
    for (let e = el; e && e !== root.parentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0)
        return false;
      if (e instanceof SVGElement && e.tagName === 'text'
          && (Number(s.fillOpacity) === 0 || s.fill === 'none' || s.fill === 'transparent'))
        return false;
    }
    return true;
  };
  // the clip regions a text is drawn in, as viewport rectangles: every clip-path on it or
  // an ancestor whose clipPath is a single rectangle (Plotly's plot areas and legend box)
  const clips = (el, root) => {
    const out = [];
    for (let e = el; e && e !== root.parentElement; e = e.parentElement) {
      if (!(e instanceof SVGGraphicsElement)) continue;
      const ref = e.getAttribute('clip-path') || getComputedStyle(e).clipPath;
      const m = ref && ref.match(/url\(["']?#([^"')]+)["']?\)/);
      if (!m) continue;
      const cp = document.getElementById(m[1]);
      const rect = cp && cp.querySelector('rect');
      const ctm = e.getScreenCTM();
      if (!rect || !ctm) continue;
      const x = rect.x.baseVal.value, y = rect.y.baseVal.value;
      const w = rect.width.baseVal.value, h = rect.height.baseVal.value;
      const pts = [[x, y], [x + w, y], [x, y + h], [x + w, y + h]].map(([px, py]) => {
        const p = new DOMPoint(px, py).matrixTransform(ctm); return [p.x, p.y]; });
      const xs = pts.map(p => p[0]), ys = pts.map(p => p[1]);
      out.push({left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys),
                bottom: Math.max(...ys), what: e.closest('.legend') ? 'legend box' : 'plot area'});
    }
    return out;
  };
  // a text's box as drawn: its own bounding box through its transform (rotated tick labels
  // are rotated boxes, not the upright rectangles around them)
  const corners = (t) => {
    const b = t.getBBox(), m = t.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height],
            [b.x, b.y + b.height]].map(([x, y]) => {
      const p = new DOMPoint(x, y).matrixTransform(m); return [p.x, p.y]; });
  };
  // how far two convex boxes go into each other: the least overlap of their projections on
  // every edge's normal (separating axis theorem); <= 0 where they do not touch
  const depth = (a, b) => {
    let least = Infinity;
    for (const poly of [a, b]) {
      for (let i = 0; i < poly.length; i++) {
        const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % poly.length];
        const len = Math.hypot(x2 - x1, y2 - y1); if (len < 1e-6) continue;
        const nx = (y1 - y2) / len, ny = (x2 - x1) / len;
        const pa = a.map(([x, y]) => x * nx + y * ny), pb = b.map(([x, y]) => x * nx + y * ny);
        least = Math.min(least, Math.min(Math.max(...pa), Math.max(...pb))
                                - Math.max(Math.min(...pa), Math.min(...pb)));
      }
    }
    return least;
  };
  const beyond = (r, box) => ({
    left: box.left - r.left, right: r.right - box.right,
    top: box.top - r.top, bottom: r.bottom - box.bottom});
  // the boxes around a chart that clip it, innermost first, each with how it treats overflow
  // across and down: 'clip' (hidden, clip), 'scroll' (auto, scroll) or 'visible'
  const around = (plot) => {
    const out = [];
    for (let e = plot.parentElement; e && e !== document.documentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      const how = (v) => (v === 'hidden' || v === 'clip') ? 'clip'
        : (v === 'auto' || v === 'scroll') ? 'scroll' : 'visible';
      const x = how(s.overflowX), y = how(s.overflowY);
      if (x === 'visible' && y === 'visible') continue;
      const r = e.getBoundingClientRect();
      const left = r.left + e.clientLeft, top = r.top + e.clientTop;
      out.push({x, y, left, top, right: left + e.clientWidth, bottom: top + e.clientHeight,
                startX: left - e.scrollLeft, startY: top - e.scrollTop,
                what: e.getAttribute('data-testid') || (e.className && String(e.className)
                  .split(' ')[0]) || e.tagName.toLowerCase()});
    }
    return out;
  };
  // how far a text lies where no reader can bring it into view, per side, through the boxes
  // around its chart: past a clipping box's edge, or before a scrolling box's start
  const unreachable = (r, boxes) => {
    const found = [];
    let freeX = false, freeY = false;
    for (const b of boxes) {
      const sides = [];
      if (!freeX && b.x === 'clip')
        sides.push(['left', b.left - r.left], ['right', r.right - b.right]);
      if (!freeX && b.x === 'scroll') sides.push(['left', b.startX - r.left]);
      if (!freeY && b.y === 'clip')
        sides.push(['top', b.top - r.top], ['bottom', r.bottom - b.bottom]);
      if (!freeY && b.y === 'scroll') sides.push(['top', b.startY - r.top]);
      freeX = freeX || b.x === 'scroll';
      freeY = freeY || b.y === 'scroll';
      const past = sides.filter(([, v]) => v > tol);
      if (past.length) found.push({what: `box around the chart (${b.what})`, sides: past});
    }
    return found;
  };
  const kindOf = (t) => {
    const k = [['.legend', 'legend entry'], ['.annotation', 'annotation'],
               ['.xtick, .ytick, .xaxislayer-above, .yaxislayer-above', 'tick label'],
               ['.g-xtitle, .g-ytitle', 'axis title'], ['.g-gtitle', 'title'],
               ['.bars', 'bar text'], ['.scatterlayer', 'point label']];
    for (const [sel, name] of k) if (t.closest(sel)) return name;
    return 'text';
  };
  const charts = [];
  const plots = '.js-plotly-plot, .pfcc-chart:not(.js-plotly-plot):has(> svg.pfcc-svg)';
  document.querySelectorAll(plots).forEach((plot, index) => {
    // a build-time chart has one drawing for wide screens and one for phones: the one shown
    const svgs = [...plot.querySelectorAll('svg.main-svg')].filter(s => s.getClientRects().length);
    if (!svgs.length) return;
    const area = svgs[0].getBoundingClientRect();
    const named = plot.closest('[aria-label]');
    const name = (named && named.getAttribute('aria-label'))
      || clean((plot.querySelector('.g-gtitle text') || {}).textContent || '');
    const texts = [];
    for (const svg of svgs) {
      for (const t of svg.querySelectorAll('text')) {
        if (t.closest('.hoverlayer, .modebar, defs, clipPath')) continue;
        const label = clean(t.textContent || '');
        if (!label || !shown(t, plot)) continue;
        const r = t.getBoundingClientRect();
        if (r.width < 0.5 || r.height < 0.5) continue;
        texts.push({label, kind: kindOf(t), r, corners: corners(t), clips: clips(t, plot)});
      }
    }
    const problems = [];
    const boxes = around(plot);
    for (const t of texts) {
      for (const [box, what] of [[area, 'chart'], ...t.clips.map(c => [c, c.what])]) {
        const b = beyond(t.r, box);
        const sides = Object.entries(b).filter(([, v]) => v > tol);
        if (sides.length)
          problems.push({type: 'cut', text: t.label, kind: t.kind, what,
                         sides: sides.map(([side, v]) => [side, round(v)])});
      }
      for (const {what, sides} of unreachable(t.r, boxes))
        problems.push({type: 'cut', text: t.label, kind: t.kind, what,
                       sides: sides.map(([side, v]) => [side, round(v)])});
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r, b = texts[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w <= tol || h <= tol) continue;  // not even the upright boxes meet
        const d = depth(texts[i].corners, texts[j].corners);
        if (d > tol)
          problems.push({type: 'overlap', a: texts[i].label, akind: texts[i].kind,
                         b: texts[j].label, bkind: texts[j].kind, w: round(w), h: round(h),
                         depth: round(d)});
      }
    }
    charts.push({index, name: clean(name).slice(0, 80), problems});
  });
  return charts;
}
"""


def measure(page, tolerance: float = TOLERANCE) -> list[dict]:
    """Per chart on the page, in order: its accessible name and the raw problems found."""
    return page.evaluate(_MEASURE, tolerance)


def chart_text_problems(page, tolerance: float = TOLERANCE) -> list[str]:
    """Every overlap and cut-off among the visible text of every Plotly chart on the page, one
    readable sentence each: which chart, which texts, how many pixels."""
    out = []
    for chart in measure(page, tolerance):
        where = f"chart {chart['index'] + 1}" + (f" ({chart['name']!r})" if chart["name"] else "")
        for p in chart["problems"]:
            if p["type"] == "overlap":
                out.append(
                    f"{where}: {p['akind']} {p['a']!r} overlaps {p['bkind']} {p['b']!r} "
                    f"by {p['depth']} px (their boxes share {p['w']}×{p['h']} px)"
                )
            else:
                sides = ", ".join(f"{v} px past the {side}" for side, v in p["sides"])
                out.append(
                    f"{where}: {p['kind']} {p['text']!r} is cut off by the {p['what']}: {sides}"
                )
    return out


# Runs in the page: every visible text node under `root`, by the boxes of its lines. A text is
# cut off where a box leaves an ancestor that hides its overflow, short of a box that scrolls
# (as for chart text above); two texts overlap where boxes
# of different nodes cover each other. A text moved off the screen on purpose (a visually hidden
# heading, `position: absolute` far to the left) is skipped, as is the inside of a closed
# <details>.
_TEXT = r"""
([root, tol]) => {
  const top = document.querySelector(root);
  if (!top) return [`nothing matches ${root}`];
  const boxes = [], out = [];
  const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode, t = n.textContent.replace(/\s+/g, ' ').trim();
    if (!t) continue;
    const p = n.parentElement, s = getComputedStyle(p), d = p.closest('details');
    if (s.visibility === 'hidden' || !p.getClientRects().length) continue;
    if (d && !d.open && !p.closest('summary')) continue;  // in a closed <details>: not shown
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const b of range.getClientRects()) {
      if (b.width < 1 || b.height < 1 || b.right < 0) continue;
      boxes.push({t: t.slice(0, 60), b, p});
    }
  }
  const clip = (v) => ['hidden', 'clip'].includes(v);
  const scrolls = (v) => ['auto', 'scroll'].includes(v);
  for (const {t, b, p} of boxes) {
    // past a box that scrolls on an axis, the text is read by scrolling: nothing further out
    // cuts it on that axis
    let x = true, y = true;
    for (let a = p; a && a !== document.documentElement && (x || y); a = a.parentElement) {
      const s = getComputedStyle(a), r = a.getBoundingClientRect();
      if (x && clip(s.overflowX) && (b.left < r.left - tol || b.right > r.right + tol))
        { out.push(`${JSON.stringify(t)} is cut off sideways`); break; }
      if (y && clip(s.overflowY) && (b.top < r.top - tol || b.bottom > r.bottom + tol))
        { out.push(`${JSON.stringify(t)} is cut off at the top or bottom`); break; }
      if (scrolls(s.overflowX)) x = false;
      if (scrolls(s.overflowY)) y = false;
    }
  }
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].b, c = boxes[j].b;
    const w = Math.min(a.right, c.right) - Math.max(a.left, c.left);
    const h = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
    if (w > tol && h > tol && boxes[i].p !== boxes[j].p)
      out.push(`${JSON.stringify(boxes[i].t)} overlaps ${JSON.stringify(boxes[j].t)}`);
  }
  return out;
}
"""


def text_problems(page, root: str, tolerance: float = TOLERANCE) -> list[str]:
    """Every cut-off and overlap among the visible HTML text under the `root` selector (a page
    of words and tables, not a chart's SVG), one sentence each; `[]` when there is nothing
    wrong."""
    return page.evaluate(_TEXT, [root, tolerance])
