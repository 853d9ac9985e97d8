"""Issue 25's goals for the public edition at phone speed, judged over Lighthouse reports (its
JSON, one a page): each page's figures, each goal met or missed over every page, and where missed
the audit that explains it. Pure functions: scripts/bench_lighthouse.py runs Lighthouse and prints
these; tests/unit/test_lighthouse_goals.py checks them over a report made by hand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from scripts.rows import Row


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


def errored(lhr: dict) -> list[str]:
    """The audits Lighthouse could not run (12.2.3's trace engine fails on some of Chromium
    156's traces): each one, and whether a score counts it (if so, that score is unsure)."""
    weight = {
        r["id"]: r.get("weight", 0) for c in lhr["categories"].values() for r in c["auditRefs"]
    }
    return [
        f"{a} ({'counted in a score' if weight.get(a) else 'not scored'})"
        for a, x in lhr["audits"].items()
        if x.get("scoreDisplayMode") == "error"
    ]


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
