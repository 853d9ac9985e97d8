"""The README's how-tos run: the add-a-chart worked example, read from the README itself, is
applied to a copy of the tree, the data is built there, and the new chart is on its page (live,
as a visitor opens its tab), on the static edition's page and, given a slide name, on the deck.
Docs that cannot drift: if the README's steps stop working, this fails."""

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pfcc.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COPIED = ("pfcc", "pages", "queries", "data", "dashboard.py", ".streamlit", "pyproject.toml")


def _section(title: str) -> str:
    start = README.index(f"### {title}")
    end = README.find("\n### ", start + 4)
    return README[start : end if end > 0 else None]


def _copy_tree(to: Path) -> Path:
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(
                src,
                to / name,
                ignore=shutil.ignore_patterns("*.duckdb*", "__pycache__", "*.pyc"),
            )
        elif src.exists():
            shutil.copy2(src, to / name)
    return to


def _run(tree: Path, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tree), "PYTHONPATH": str(tree)},
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return done.stdout


@pytest.fixture(scope="module")
def tree_with_new_chart(tmp_path_factory):
    """A copy of the tree with the README's add-a-chart steps applied, and its data built."""
    how = _section("How to add a chart")
    story = re.search(r"```python\n(.*?)```", how, re.S).group(1)
    line = re.search(r"`(Chart\(\"calls_999_received\"[^`]*)`", how).group(1)
    metric = re.search(r"set `charted` to `yes` for\s+`([^`]+)`", how).group(1)
    tree = _copy_tree(tmp_path_factory.mktemp("howto"))
    calls = tree / "pfcc/stories/calls.py"
    calls.write_text(calls.read_text() + "\n\n" + re.sub(r"(?m)^   ", "", story))
    reg = tree / "pfcc/registry.py"
    text = reg.read_text()
    calls_page = re.search(r'Page\(\s*"calls",.*?charts=\(\n', text, re.S)
    assert calls_page, "the Calls page's entry changed: update this test"
    # the README's line, with the slide its step 2 says to add for the deck
    with_slide = line[:-1] + ', slide="999 demand")'
    at = calls_page.end()
    reg.write_text(text[:at] + "            " + with_slide + ",\n" + text[at:])
    metrics = tree / "data/metrics.csv"
    with metrics.open(newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    hit = [r for r in table if r["metric"] == metric]
    assert len(hit) == 1, metric
    hit[0].update(charted="yes", not_charted_reason="")
    with metrics.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(table[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(table)
    _run(tree, "from pfcc.ingest import build; import sys; sys.exit(build.main([]) or 0)")
    return tree


def test_the_readmes_new_chart_is_on_its_page_its_static_page_and_the_deck(tree_with_new_chart):
    out = _run(
        tree_with_new_chart,
        """
from streamlit.testing.v1 import AppTest
from pfcc import registry
from pfcc.render.site.pages import charts_body
page = registry.page("calls")
chart = next(c for c in page.charts if c.key == "calls_999_received")
spec = chart.story()
assert not spec.empty, "nothing to draw"
at = AppTest.from_file("dashboard.py", default_timeout=120)
at.run()
at.switch_page(page.file)
at.query_params["section"] = chart.section
at.run()
assert not at.exception, [e.value for e in at.exception]
alts = [e.proto.alt for e in at.get("plotly_chart")]
assert any(spec.alt[:60] in a for a in alts), alts
import html
assert html.escape(spec.title) in charts_body(page, "/").html, "not on the static page"
slides = [s.key for s in registry.slides()]
assert "calls_999_received" in slides, slides
print("TITLE", spec.title)
""",
    )
    assert "TITLE " in out
