"""The public edition at phone speed (issue 25): Lighthouse 12.2.3 (pinned in package.json), in
its default mobile profile (simulated slow 4G, a 4x slower processor), against every page and
slide of the static edition as deploy/ serves it: built by `python -m pfcc.render.site`, published
by deploy/publish.sh and served compressed by nginx over TLS on loopback (harness.nginx).

    PYTHONPATH=. python -m scripts.bench_lighthouse [--pages / /outcomes/ /slides/1/]

Prints each page's scores and timings, then each goal as met or missed; where missed, the
Lighthouse audit that explains it, with its biggest items. About 10-30 s a page. scripts/bench.py
runs it on the site its static part built. Never run by the tests: tests/unit/test_lighthouse_goals
checks the judging, over a report made by hand."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pfcc.paths import CHROMIUM, ROOT

if TYPE_CHECKING:
    from scripts.rows import Row

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
VERSION = "12.2.3"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run "
    # the proxy's certificate is self-signed, made for the run
    "--ignore-certificate-errors"
)
TIMEOUT_S = 240  # one page, whatever happens


@dataclass(frozen=True)
class Goal:
    """One of issue 25's goals, over every page: `key` of `figures()`, a floor or a ceiling."""

    key: str
    label: str
    limit: float
    at_least: bool
    unit: str
    explained_by: tuple[str, ...]  # audits whose biggest items say why, in order
    fmt: str = ",.0f"

    def shown(self, value: float) -> str:
        return f"{format(value, self.fmt)} {self.unit}".rstrip()

    def met(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit


GOALS = (
    Goal("performance", "performance score", 95, True, "", ()),
    Goal("tbt_ms", "total blocking time", 150, False, "ms", ("bootup-time", "unused-javascript")),
    Goal(
        "lcp_s",
        "largest contentful paint",
        2.0,
        False,
        "s",
        ("largest-contentful-paint-element", "render-blocking-resources", "bootup-time"),
        ".2f",
    ),
    Goal("cls", "cumulative layout shift", 0.05, False, "", ("layout-shifts",), ".3f"),
    Goal(
        "kib",
        "bytes sent on a first visit",
        300,
        False,
        "KiB",
        ("total-byte-weight", "unused-javascript"),
    ),
    Goal("accessibility", "accessibility score", 100, True, "", ()),
    Goal("seo", "SEO score", 100, True, "", ()),
)
# The performance score's metrics, each with the audits that explain it.
METRICS = {
    "total-blocking-time": ("bootup-time", "unused-javascript"),
    "largest-contentful-paint": ("largest-contentful-paint-element", "render-blocking-resources"),
    "first-contentful-paint": ("render-blocking-resources", "total-byte-weight"),
    "speed-index": ("bootup-time", "total-byte-weight"),
    "cumulative-layout-shift": ("layout-shifts",),
}
CATEGORIES = {"performance": "performance", "accessibility": "accessibility", "seo": "seo"}


def score(lhr: dict, category: str) -> float:
    value = lhr["categories"][category]["score"]
    return float("nan") if value is None else round(value * 100)


def numeric(lhr: dict, audit: str) -> float:
    value = lhr["audits"].get(audit, {}).get("numericValue")
    return float("nan") if value is None else float(value)


def figures(lhr: dict) -> dict[str, float]:
    """A Lighthouse report's figures, as the table prints them."""
    return {
        "performance": score(lhr, "performance"),
        "tbt_ms": numeric(lhr, "total-blocking-time"),
        "lcp_s": numeric(lhr, "largest-contentful-paint") / 1000,
        "cls": numeric(lhr, "cumulative-layout-shift"),
        "kib": numeric(lhr, "total-byte-weight") / 1024,
        "accessibility": score(lhr, "accessibility"),
        "best_practices": score(lhr, "best-practices"),
        "seo": score(lhr, "seo"),
    }


def short(url: str) -> str:
    """A resource's path on the site (the origin is the run's loopback proxy)."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "") if parts.scheme else url


def top_items(audit: dict, n: int = 2) -> list[str]:
    """An audit's biggest items in words: each one's URL (or element) and its main figure."""
    details = audit.get("details") or {}
    items = details.get("items") or []
    if details.get("type") == "list":  # a list of tables: the items of each
        items = [i for sub in items for i in (sub.get("items") or [])]
    keys = [h.get("key") for h in details.get("headings") or [] if h.get("key")]
    out = []
    for item in items[:n]:
        node = item.get("node") or {}
        what = item.get("url") or node.get("snippet") or node.get("nodeLabel") or item.get("label")
        what = what or item.get("groupLabel") or "?"
        figure = next(
            (
                (k, item[k])
                for k in ("wastedBytes", "totalBytes", "total", "duration", "score", *keys)
                if isinstance(item.get(k), int | float)
            ),
            None,
        )
        if figure is None:
            out.append(short(str(what))[:80])
        elif figure[0].endswith("Bytes"):
            out.append(f"{short(str(what))[:80]} {figure[1] / 1024:,.0f} KiB")
        elif figure[0] == "score":
            out.append(f"{short(str(what))[:80]} {figure[1]:.3f}")
        else:
            out.append(f"{short(str(what))[:80]} {figure[1]:,.0f} ms")
    return out


def explain_audit(lhr: dict, audit_id: str) -> str | None:
    audit = lhr["audits"].get(audit_id)
    if not audit or audit.get("scoreDisplayMode") in ("notApplicable", "error"):
        return None
    shown = audit.get("displayValue") or ""
    items = top_items(audit)
    if not shown and not items:
        return None
    return f"{audit_id}{' ' + shown if shown else ''}" + (f": {', '.join(items)}" if items else "")


def failing_audits(lhr: dict, category: str) -> list[str]:
    """A category's audits that lose it points, the heaviest first."""
    refs = lhr["categories"][category]["auditRefs"]
    lost = [
        (r["weight"] * (1 - lhr["audits"][r["id"]]["score"]), r["id"])
        for r in refs
        if r.get("weight") and lhr["audits"][r["id"]].get("score") is not None
        if lhr["audits"][r["id"]]["score"] < 1
    ]
    return [audit for _, audit in sorted(lost, reverse=True)]


def explain(lhr: dict, goal: Goal) -> str:
    """Why one page misses `goal`: the biggest Lighthouse audit behind it."""
    if goal.key == "performance":
        metrics = failing_audits(lhr, "performance")
        if not metrics:
            return "no metric loses points"
        metric = metrics[0]
        why = next(
            (e for a in METRICS.get(metric, ()) if (e := explain_audit(lhr, a))), "no detail"
        )
        shown = lhr["audits"][metric].get("displayValue", "")
        return f"it loses most on {metric} ({shown}); {why}"
    if goal.key in ("accessibility", "seo"):
        failed = failing_audits(lhr, CATEGORIES[goal.key])
        return "failing: " + ", ".join(
            f"{a} ({lhr['audits'][a].get('title', '')})" for a in failed[:3]
        )
    for audit in goal.explained_by:
        found = explain_audit(lhr, audit)
        if found:
            return found
    return "no audit explains it"


def badness(goal: Goal, value: float) -> float:
    """How far a page's figure is from good: NaN (Lighthouse could not measure it) the worst."""
    if value != value:
        return float("inf")
    return -value if goal.at_least else value


@dataclass
class Verdict:
    goal: Goal
    worst: float  # the worst page's figure
    worst_page: str | None
    missed: list[str]  # the pages that miss it
    why: str  # the worst page's explaining audit, when missed


def judge(reports: dict[str, dict]) -> list[Verdict]:
    """Each goal over every page's report (page URL path -> Lighthouse JSON)."""
    out = []
    for goal in GOALS:
        values = {page: figures(lhr)[goal.key] for page, lhr in reports.items()}
        # NaN (a figure Lighthouse could not measure) counts as missed, and as the worst
        missed = [p for p, v in values.items() if not goal.met(v)]
        worst_page = max(values, key=lambda p, g=goal, v=values: badness(g, v[p]), default=None)
        worst = values[worst_page] if worst_page is not None else float("nan")
        why = explain(reports[worst_page], goal) if missed and worst_page is not None else ""
        out.append(Verdict(goal, worst, worst_page, missed, why))
    return out


def page_table(reports: dict[str, dict]) -> str:
    head = (
        f"{'page':<22} {'perf':>5} {'TBT ms':>8} {'LCP s':>6} {'CLS':>6} {'KiB':>7} "
        f"{'a11y':>5} {'best':>5} {'SEO':>5} {'CPU index':>9}"
    )
    lines = [head, "-" * len(head)]
    for page, lhr in reports.items():
        f = figures(lhr)
        lines.append(
            f"{page:<22} {f['performance']:>5.0f} {f['tbt_ms']:>8,.0f} {f['lcp_s']:>6.2f} "
            f"{f['cls']:>6.3f} {f['kib']:>7,.0f} {f['accessibility']:>5.0f} "
            f"{f['best_practices']:>5.0f} {f['seo']:>5.0f} "
            f"{lhr.get('environment', {}).get('benchmarkIndex', float('nan')):>9,.0f}"
        )
    lines.append(
        "(CPU index: Lighthouse's benchmarkIndex of the machine during the page's run; other "
        "work on the cores lowers it, and lengthens the blocking time the 4x slowdown scales)"
    )
    return "\n".join(lines)


def verdict_lines(verdicts: list[Verdict], pages: int) -> list[str]:
    lines = []
    for v in verdicts:
        sign = "≥" if v.goal.at_least else "≤"
        goal = f"{v.goal.label} {sign} {v.goal.limit:g} {v.goal.unit}".rstrip()
        worst = f"{v.worst_page} {v.goal.shown(v.worst)}"
        if not v.missed:
            lines.append(f"met     {goal}: every page of {pages} (worst {worst})")
        else:
            lines.append(
                f"MISSED  {goal}: {len(v.missed)} of {pages} pages; worst {worst}: {v.why}"
            )
    return lines


def to_rows(verdicts: list[Verdict], pages: int) -> list[Row]:
    from scripts.rows import Row

    return [
        Row(
            f"lighthouse, worst of {pages} pages: {v.goal.label}"[:62],
            v.worst,
            v.goal.unit or ("" if v.goal.key == "cls" else "score"),
            goal=v.goal.limit,
            at_least=v.goal.at_least,
            note=(f"{len(v.missed)} missed; {v.worst_page}: {v.why}" if v.missed else "")[:300],
        )
        for v in verdicts
    ]


# --- running it ----------------------------------------------------------------------------------


def run_lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run, its JSON report; RuntimeError when it fails."""
    if not LIGHTHOUSE.exists():
        raise RuntimeError("lighthouse is not installed: npm ci (package.json pins it)")
    out.unlink(missing_ok=True)  # a report left by an earlier run is not this one
    proc = subprocess.Popen(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,  # its own process group, to stop on a timeout
    )
    try:
        _, stderr = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        # SIGINT first: Lighthouse then closes the Chromium it launched (in a session of its own)
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
        raise RuntimeError(f"lighthouse took over {TIMEOUT_S} s on {url}") from None
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url}: {stderr[-500:]}")
    lhr = json.loads(out.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {lhr['runtimeError']}")
    if lhr.get("lighthouseVersion") != VERSION:
        raise RuntimeError(f"lighthouse {lhr.get('lighthouseVersion')}, not {VERSION}")
    return lhr


def site_pages(site: Path) -> list[str]:
    """Every page and slide of a built site (its manifest: the registry's pages and slides)."""
    return list(json.loads((site / "site.json").read_text(encoding="utf-8"))["pages"])


def bench_lighthouse(rows: list[Row], site: Path, pages: list[str] | None = None) -> None:
    """Serve `site` as deploy/ does and run Lighthouse on `pages` (default: all of them), one at
    a time (never in parallel: they would share the cores the profile slows down). Prints the
    page table and the goals; appends a Row for each goal."""
    from harness.nginx import Proxy, find_nginx
    from harness.server import ARTIFACTS, free_port

    every = site_pages(site)
    pages = pages or every
    unknown = [p for p in pages if p not in every]
    if unknown:
        raise ValueError(f"not pages of the site: {unknown}; it has {every}")
    nginx = find_nginx()
    if nginx is None:
        raise RuntimeError("nginx is not installed (make browser installs it)")
    reports: dict[str, dict] = {}
    kept = ARTIFACTS / "lighthouse"  # each page's whole report, for its profile and audits
    kept.mkdir(parents=True, exist_ok=True)
    # No app behind /live/: a port nothing listens on, as scripts.bench_site does.
    proxy = Proxy(nginx, [f"127.0.0.1:{free_port()}"], site=site, keep="bench-lighthouse-proxy")
    try:
        for i, page in enumerate(pages):
            load = os.getloadavg()[0]
            print(f"lighthouse {i + 1}/{len(pages)}: {page} (load {load:.1f})", flush=True)
            name = page.strip("/").replace("/", "-") or "overview"
            reports[page] = run_lighthouse(proxy.origin + page, kept / f"{name}.json")
    finally:
        proxy.stop()
    verdicts = judge(reports)
    print(f"\nLighthouse {VERSION}, mobile (simulated slow 4G, 4x CPU slowdown), first visit:\n")
    print(page_table(reports))
    warnings = sorted({w for lhr in reports.values() for w in lhr.get("runWarnings") or []})
    for w in warnings:  # e.g. a CPU slower than Lighthouse expects: the figures are less sure
        print(f"Lighthouse warns: {' '.join(str(w).split())[:300]}")
    print(f"(each page's whole report: {kept.relative_to(ROOT)}/)")
    print("\nIssue 25's goals, every page and slide:")
    print("\n".join(verdict_lines(verdicts, len(reports))) + "\n")
    rows.extend(to_rows(verdicts, len(reports)))


def main(argv: list[str] | None = None) -> int:
    from scripts.bench_site import build_site
    from scripts.rows import report

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", nargs="+", help="URL paths, e.g. / /outcomes/ /slides/1/ (all)")
    args = ap.parse_args(argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmpdir:
        site = build_site(rows, Path(tmpdir) / "site")
        bench_lighthouse(rows, site, args.pages)
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
