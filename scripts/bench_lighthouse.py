"""The public edition at phone speed (issue 25): Lighthouse 12.2.3 (pinned in package.json), in
its default mobile profile (simulated slow 4G, a 4x slower processor), against every page and
slide of the static edition as deploy/ serves it: built by `python -m pfcc.render.site`, published
by deploy/publish.sh and served compressed by nginx over TLS on loopback (harness.nginx).

    PYTHONPATH=. python -m scripts.bench_lighthouse [--pages / /outcomes/ /slides/1/]

Prints each page's scores and timings, then each goal as met or missed; where missed, the
Lighthouse audit that explains it, with its biggest items. About 10-30 s a page. scripts/bench.py
runs it on the site its static part built. Never run by the tests: tests/unit/test_lighthouse_goals
checks the judging (scripts/lighthouse_goals.py), over a report made by hand."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pfcc.paths import CHROMIUM, ROOT
from scripts.lighthouse_goals import errored, judge, page_table, to_rows, verdict_lines

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
    for lhr in reports.values():  # the same on every page, as a rule: said once
        if errors := errored(lhr):
            print(f"Lighthouse could not run {len(errors)} audits: {'; '.join(errors)}")
            break
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
