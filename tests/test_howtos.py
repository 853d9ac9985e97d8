"""The README's how-tos run. Each worked example, read from the README itself, is applied in turn
to one copy of the tree; the files each one changed are counted against the number its heading
states; the data is built there once, and each result is found where a visitor sees it: the live
page (as a visitor opens it, its tab where it has tabs), the static edition's page and, for a
slide, the deck. Docs that cannot drift: if the README's steps stop working, this fails."""

import ast
import hashlib
import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pfcc.paths import ROOT
from pfcc.stories.families import chart_key
from tests.support.figures import refile_a_figure

README = (ROOT / "README.md").read_text(encoding="utf-8")
COPIED = ("pfcc", "pages", "queries", "data", "dashboard.py", ".streamlit", "pyproject.toml")
HOWTOS = {
    "chart_plain": "How to add a chart to a page without tabs",
    "chart_tabbed": "How to add a chart to a page with tabs",
    "slide": "How to add a slide",
    "family": "How to add a data family",
    "page": "How to add a page",
}
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def _section(title: str) -> str:
    start = README.index(f"### {title} (")
    end = README.find("\n#", start + 4)
    return README[start : end if end > 0 else None]


def _files_stated(section: str) -> int:
    """The number the heading gives: "### How to add a slide (1 file)"."""
    return int(re.match(r"### [^(]+\((\d+) files?\)", section).group(1))


def _blocks(section: str) -> list[str]:
    """The section's code blocks, in order, as they would be typed (the list's indent gone)."""
    return [textwrap.dedent(code) for _, code in BLOCK.findall(section)]


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


def _state(tree: Path) -> dict[str, str]:
    return {
        str(p.relative_to(tree)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in tree.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and ".duckdb" not in p.name
    }


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


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n\n" + text)


def _offset(text: str, line: int, col: int) -> str:
    """ast's (line, column) as an index into the text (ast counts columns in UTF-8 bytes)."""
    lines = text.splitlines(keepends=True)
    head = "".join(lines[: line - 1])
    return len(head) + len(lines[line - 1].encode()[:col].decode())


def _calls(text: str, name: str, first: str) -> list[ast.Call]:
    """Every `name("first", ...)` in the module: a registry entry by its slug or key."""
    return [
        n
        for n in ast.walk(ast.parse(text))
        if isinstance(n, ast.Call)
        and getattr(n.func, "id", None) == name
        and n.args
        and getattr(n.args[0], "value", None) == first
    ]


def _into_charts(registry: Path, slug: str, line: str) -> None:
    """The README's registry line, last in the named page's `charts`."""
    text = registry.read_text(encoding="utf-8")
    (page,) = _calls(text, "Page", slug)
    (charts,) = [k.value for k in page.keywords if k.arg == "charts"]
    end = _offset(text, charts.end_lineno, charts.end_col_offset) - 1  # at its ")"
    head = text[:end].rstrip()
    head += "" if head.endswith((",", "(")) else ","
    registry.write_text(head + " " + line.strip() + text[end:])


def _add_chart(tree: Path, key: str, slug: str) -> str:
    how = _section(HOWTOS[key])
    story, line = _blocks(how)
    module = re.search(r"in `(pfcc/stories/\w+\.py)`", how).group(1)
    _append(tree / module, story)
    _into_charts(tree / "pfcc/registry.py", slug, line)
    return _key(line)


def _key(code: str) -> str:
    return re.search(r'Chart\(\s*"(\w+)"', code).group(1)


def _add_slide(tree: Path) -> None:
    (line,) = _blocks(_section(HOWTOS["slide"]))
    slide = re.search(r'slide="[^"]+"', line).group(0)
    registry = tree / "pfcc/registry.py"
    text = registry.read_text(encoding="utf-8")
    (chart,) = _calls(text, "Chart", _key(line))
    story = chart.args[1]
    at = text.index(",", _offset(text, story.end_lineno, story.end_col_offset)) + 1
    registry.write_text(text[:at] + f" {slide}," + text[at:])


def _add_family(tree: Path) -> tuple[str, str]:
    """The README's rows for families.csv and metrics.csv, and a figure for the new metric: a
    real one (its quote is in its source's document), from a dated source, re-filed under it."""
    family_row, metric_row = _blocks(_section(HOWTOS["family"]))
    for name, row in (("families.csv", family_row), ("metrics.csv", metric_row)):
        path = tree / "data" / name
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + row)
    family, metric = family_row.split(",")[0], metric_row.split(",")[0]

    refile_a_figure(tree / "data", family, metric, "howto-" + family)
    return family_row.split(",")[3].strip(), chart_key(metric)  # its page, its chart


def _add_page(tree: Path) -> tuple[str, str]:
    how = _section(HOWTOS["page"])
    story, entry = _blocks(how)
    module = re.search(r"module `(pfcc/stories/\w+\.py)`", how).group(1)
    (tree / module).write_text(story)
    importing = re.search(r"\(`(from pfcc\.stories import \w+)`\)", how).group(1)
    registry = tree / "pfcc/registry.py"
    text = registry.read_text(encoding="utf-8")
    future = "from __future__ import annotations\n"
    text = text.replace(future, future + importing + "\n", 1)
    (sources,) = _calls(text, "Page", "sources")
    at = _offset(text, sources.lineno, 0)
    entry = textwrap.indent(entry.rstrip("\n,"), " " * sources.col_offset) + ",\n"
    registry.write_text(text[:at] + entry + text[at:])
    return re.search(r'Page\(\s*"([\w-]+)"', entry).group(1), _key(entry)


@pytest.fixture(scope="module")
def howtos(tmp_path_factory):
    """One copy of the tree with every how-to applied in turn: the files each changed, the
    (page, chart) each added, and the tree, its data built once."""
    tree = _copy_tree(tmp_path_factory.mktemp("howto"))
    steps = {
        "chart_plain": lambda: ("overview", _add_chart(tree, "chart_plain", "overview")),
        "chart_tabbed": lambda: ("outcomes", _add_chart(tree, "chart_tabbed", "outcomes")),
        "slide": lambda: _add_slide(tree),
        "family": lambda: _add_family(tree),
        "page": lambda: _add_page(tree),
    }
    changed, added = {}, {}
    for name, step in steps.items():
        before = _state(tree)
        added[name] = step()
        after = _state(tree)
        changed[name] = sorted(p for p in before | after if before.get(p) != after.get(p))
    _run(tree, "from pfcc.ingest import build; import sys; sys.exit(build.main([]) or 0)")
    return tree, changed, {k: v for k, v in added.items() if v}


# What a visitor sees, asked in the copy: each page live (AppTest), static, and the deck. A page
# with no file of its own opens first (AppTest can switch only to file pages).
SEEN = """
import html, json, sys
from dataclasses import replace
from streamlit.testing.v1 import AppTest
from pfcc import registry

def static_html(page):
    from pfcc.render.site.pages import body
    return body(page, "/").html

def live_alts(page, section):
    pages = registry.PAGES
    if page.file is None:
        registry.PAGES = tuple(replace(p, default=p is page) for p in pages)
    try:
        at = AppTest.from_file("dashboard.py", default_timeout=120)
        at.run()
        if page.file is not None and not page.default:
            at.switch_page(page.file)
            if section:
                at.query_params["section"] = section
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return [e.proto.alt for e in at.get("plotly_chart")], [e.value for e in at.error]
    finally:
        registry.PAGES = pages

out = {}
for slug, key in json.loads(sys.argv[1]):
    page = registry.page(slug)
    chart = next(c for c in page.charts if c.key == key)
    spec = chart.story()
    alts, errors = live_alts(page, chart.section)
    out[key] = {
        "title": spec.title,
        "empty": spec.empty,
        "live": any(spec.alt[:60] in a for a in alts),
        "errors": errors,
        "static": html.escape(spec.title) in static_html(page),
    }
deck = {s.key: s for s in registry.slides()}
out["slides"] = {k: (s.name, not s.build().empty) for k, s in deck.items() if s.chart}
print("SEEN", json.dumps(out))
"""


@pytest.fixture(scope="module")
def seen(howtos):
    tree, _, added = howtos
    done = subprocess.run(
        [sys.executable, "-c", SEEN, json.dumps(list(added.values()))],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tree), "PYTHONPATH": str(tree)},
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return json.loads(done.stdout.split("SEEN ", 1)[1])


@pytest.mark.parametrize("name", HOWTOS)
def test_each_howto_changes_as_many_files_as_its_heading_says(howtos, name):
    _, changed, _ = howtos
    assert len(changed[name]) == _files_stated(_section(HOWTOS[name])), changed[name]


@pytest.mark.parametrize("name", [n for n in HOWTOS if n != "slide"])
def test_each_new_chart_is_on_its_live_page_and_its_static_page(howtos, seen, name):
    slug, key = howtos[2][name]
    got = seen[key]
    assert not got["empty"], f"{key}: nothing to draw"
    assert got["live"], f"{key} is not on the live {slug} page: {got['errors']}"
    assert got["static"], f"{key} ({got['title']}) is not on the static {slug} page"


def test_the_new_slide_is_on_the_deck(seen):
    (line,) = _blocks(_section(HOWTOS["slide"]))
    key, name = _key(line), re.search(r'slide="([^"]+)"', line).group(1)
    assert seen["slides"].get(key) == [name, True], seen["slides"]
