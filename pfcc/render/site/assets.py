"""The static edition's shared files, each named by a hash of its content so a browser or proxy
may cache it forever: plotly.js once for the whole site (loaded only when a reader reaches for a
chart), one style sheet, one small script."""

from __future__ import annotations

from pathlib import Path

from pfcc.hashing import ASSET, content_hash
from pfcc.paths import ROOT
from pfcc.render import theme
from pfcc.render.site.shell import Assets

# Every chart arrives drawn, as SVG (site.drawings); plotly.js loads only when a reader reaches
# for a chart (pointer, touch or keyboard focus on its box), never on its own, and the live chart
# then takes the SVG's place in the same box, of the same size. A chart without its SVG (a build
# without chromium) is drawn at once, as before. On a slide, a clicker's keys follow the links.
SCRIPT = """(function () {
  "use strict";
  var settings = document.getElementById("pfcc-plotly-config");
  var config = JSON.parse(settings.textContent);
  var waiting = [], loading = false;
  function withPlotly(then) {
    if (window.Plotly) { then(); return; }
    waiting.push(then);
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = settings.dataset.plotly;
    s.onload = function () { waiting.splice(0).forEach(function (f) { f(); }); };
    document.head.appendChild(s);
  }
  function draw(el) {
    if (!el || el.dataset.drawn) return;
    el.dataset.drawn = "1";
    withPlotly(function () {
      var f = JSON.parse(el.textContent);
      var div = document.getElementById(el.dataset.for);
      div.querySelectorAll(".pfcc-svg").forEach(function (svg) { svg.remove(); });
      Plotly.newPlot(div, f.data, f.layout, config);
      // Plotly follows the window; a phone's minimum chart width changes the box instead
      new ResizeObserver(function () {
        if (div.clientWidth && div._fullLayout && div._fullLayout.width !== div.clientWidth) {
          Plotly.relayout(div, {width: div.clientWidth});
        }
      }).observe(div);
    });
  }
  // a slide carries its chart twice, the projector's and, as its page draws it, a phone's:
  // only the one for this screen is drawn
  var phone = window.matchMedia("(max-width: __PHONE_MAX__px)").matches;
  document.querySelectorAll("script.pfcc-figure").forEach(function (el) {
    if (el.dataset.screen && (el.dataset.screen === "phone") !== phone) return;
    var div = document.getElementById(el.dataset.for);
    if (!div.querySelector(".pfcc-svg")) { draw(el); return; }
    var box = div.closest(".pfcc-figure-box") || div;
    var reach = function () { draw(el); };
    ["pointerenter", "focusin", "touchstart"].forEach(function (type) {
      box.addEventListener(type, reach, {once: true, passive: true});
    });
  });
  var deck = document.body.dataset;
  if (!deck.next && !deck.prev) return;
  var next = ["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar"];
  var prev = ["ArrowLeft", "ArrowUp", "PageUp"];
  document.addEventListener("keydown", function (e) {
    var t = e.target || {};
    var sideways = e.key === "ArrowLeft" || e.key === "ArrowRight";
    if (sideways && t.scrollWidth > t.clientWidth + 1) return;  // a chart box scrolls instead
    if (/^(A|BUTTON|SUMMARY)$/.test(t.tagName || "") && (e.key === " " || e.key === "Enter")) {
      return;
    }
    var href = next.indexOf(e.key) >= 0 ? deck.next : prev.indexOf(e.key) >= 0 ? deck.prev
      : e.key === "Escape" ? deck.leave : null;
    if (href) { e.preventDefault(); window.location.href = href; }
  });
})();
""".replace("__PHONE_MAX__", str(theme.PHONE_MAX))

_APP_RULES = theme.APP_CSS.replace("<style>", "").replace("</style>", "")

STYLE = (
    _APP_RULES
    + f"""
  html {{ -webkit-text-size-adjust: 100%; }}
  body {{ font-family: {theme.FONT}; color: {theme.TEXT}; margin: 0; line-height: 1.45;
         font-size: 1.05rem; background: #FFFFFF; }}
  a {{ color: #1D5B99; }} a:visited {{ color: #4C2C92; }}
  .pfcc-skip {{ position: absolute; left: -9999px; }}
  .pfcc-skip:focus {{ left: 8px; top: 8px; background: {theme.FOCUS}; color: {theme.TEXT};
                      padding: 8px; z-index: 10; }}
  .pfcc-header {{ border-bottom: 4px solid {theme.PALETTE[0]}; padding: 0.5rem 1rem; }}
  .pfcc-site {{ font-weight: 700; margin: 0 0 0.25rem; }}
  .pfcc-header ul {{ list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
                     gap: 0.25rem 1rem; }}
  .pfcc-header a {{ display: inline-block; padding: 0.35rem 0; min-height: 24px; }}
  .pfcc-header a[aria-current="page"] {{ font-weight: 700; color: {theme.TEXT}; }}
  main {{ max-width: 1200px; margin: 0 auto; padding: 0.5rem 1rem 2rem; }}
  h1 {{ font-size: 2rem; line-height: 1.2; margin: 0.75rem 0 0.5rem; }}
  h2 {{ font-size: 1.5rem; line-height: 1.25; margin: 1.75rem 0 0.25rem; }}
  .pfcc-lede {{ font-size: 1.2rem; margin: 0 0 0.75rem; }}
  .pfcc-subtitle {{ color: {theme.MUTED}; margin: 0 0 0.5rem; }}
  .pfcc-explore {{ background: #F3F2F1; padding: 0.5rem 0.75rem; border-left: 5px solid
                   {theme.PALETTE[0]}; }}
  .pfcc-figure-box {{ margin: 0; }}
  .pfcc-chart {{ width: 100%; min-height: 320px; }}
  /* a chart drawn at build time: the wide drawing, or on a phone the phone's, in the box the
     live chart takes later (the same size: nothing moves when it arrives) */
  .pfcc-svg {{ display: block; width: 100%; height: 100%; }}
  .pfcc-svg-phone {{ display: none; }}
  @media (max-width: {theme.PHONE_MAX}px) {{
    .pfcc-svg-phone {{ display: block; }} .pfcc-svg-wide {{ display: none; }} }}
  /* a slide's chart: the projector's, or on a phone the chart as its page draws it */
  .pfcc-for-phone {{ display: none; }}
  @media (max-width: {theme.PHONE_MAX}px) {{
    html body.pfcc-slide main {{ padding: 1rem 1rem 0.5rem; }}  /* a page's margins: drawn for */
    body.pfcc-slide .pfcc-for-projector {{ display: none; }}
    body.pfcc-slide .pfcc-for-phone {{ display: block; }} }}
  details {{ margin: 0.5rem 0; }}
  summary {{ cursor: pointer; font-weight: 700; padding: 0.35rem 0; min-height: 24px; }}
  .pfcc-tiles {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
                 gap: 0.75rem; margin: 0.5rem 0 1rem; }}
  .pfcc-contents {{ columns: 2 20rem; }}
  .pfcc-table-wrap {{ overflow-x: auto; }}
  .pfcc-footer {{ border-top: 1px solid {theme.GRID}; padding: 1rem; color: {theme.TEXT};
                  max-width: 1200px; margin: 0 auto; }}
  /* a slide: one screen, large type, the chart takes the height the words leave */
  body.pfcc-slide {{ height: 100vh; overflow: hidden; }}
  body.pfcc-slide main {{ max-width: none; height: 100vh; box-sizing: border-box;
    display: flex; flex-direction: column; padding: 1rem 2.5rem 0.5rem; gap: 0.35rem; }}
  body.pfcc-slide h1 {{ font-size: clamp(30px, 2.3vw, 46px); line-height: 1.15; margin: 0; }}
  body.pfcc-slide, body.pfcc-slide p, body.pfcc-slide a, body.pfcc-slide li {{
    font-size: 24px; color: {theme.TEXT}; }}
  body.pfcc-slide .pfcc-slide-chart {{ flex: 1 1 0; min-height: 0; }}
  body.pfcc-slide .pfcc-slide-chart .pfcc-chart {{ height: 100%; min-height: 0; }}
  body.pfcc-slide .pfcc-source, body.pfcc-slide .pfcc-source * {{ font-size: 24px;
    color: {theme.TEXT}; margin: 0; }}
  body.pfcc-slide .pfcc-empty {{ font-size: 36px; }}
  body.pfcc-slide .pfcc-slide-source {{ margin: 0; }}
  .pfcc-slide-changes li {{ font-size: 36px !important; margin: 0.3em 0; }}
  .pfcc-slide-foot {{ display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }}
  .pfcc-slide-foot p {{ margin: 0; flex: 1 1 auto; }}
  .pfcc-slide-foot a {{ border: 2px solid {theme.TEXT}; padding: 0.2em 0.6em; color: {theme.TEXT};
    text-decoration: none; min-height: 44px; box-sizing: border-box; display: inline-flex;
    align-items: center; }}
"""
)


def _hashed(folder: Path, stem: str, suffix: str, content: str) -> str:
    digest = content_hash(content, length=ASSET)
    name = f"assets/{stem}.{digest}{suffix}"
    (folder / name).write_text(content, encoding="utf-8")
    return name


# The smallest plotly.js that draws every chart (scatter and bar traces: the cartesian partial
# bundle, pinned in package.json at the version of the Python plotly's own plotly.js).
PLOTLY_JS = ROOT / "node_modules" / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"


def plotly_js() -> str:
    if not PLOTLY_JS.exists():
        raise SystemExit(f"{PLOTLY_JS} is missing: run npm ci (make site does)")
    return PLOTLY_JS.read_text(encoding="utf-8")


def write(folder: Path) -> Assets:
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    return Assets(
        plotly=_hashed(folder, "plotly", ".min.js", plotly_js()),
        css=_hashed(folder, "site", ".css", STYLE),
        js=_hashed(folder, "site", ".js", SCRIPT),
    )
