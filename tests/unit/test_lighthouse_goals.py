"""The benchmark's judging of issue 25's Lighthouse goals, over a report made by hand
(lighthouse-report.json beside this file: the shape Lighthouse 12.2.3 writes, trimmed), as
scripts/lighthouse_goals.py does it. Lighthouse itself runs only in the benchmark
(scripts/bench_lighthouse.py), never here."""

import copy
import json
from pathlib import Path

from scripts.lighthouse_goals import errored, figures, judge, to_rows, top_items, verdict_lines

SLOW = json.loads((Path(__file__).parent / "lighthouse-report.json").read_text(encoding="utf-8"))


def fast() -> dict:
    """The same report as a page meeting every goal: scores 100, little script, nothing shifts."""
    lhr = copy.deepcopy(SLOW)
    for category in lhr["categories"].values():
        category["score"] = 1
    for audit in lhr["audits"].values():
        if audit.get("score") is not None:
            audit["score"] = 1
    lhr["audits"]["total-blocking-time"]["numericValue"] = 40.0
    lhr["audits"]["total-byte-weight"]["numericValue"] = 120 * 1024
    lhr["audits"]["cumulative-layout-shift"]["numericValue"] = 0.0
    return lhr


def verdicts(reports: dict) -> dict:
    return {v.goal.key: v for v in judge(reports)}


def test_figures_are_read_in_the_units_the_goals_use():
    f = figures(SLOW)
    assert f["performance"] == 69
    assert f["tbt_ms"] == 5957.0
    assert f["lcp_s"] == 1.212
    assert f["cls"] == 0.012
    assert round(f["kib"]) == 1732
    assert (f["accessibility"], f["best_practices"], f["seo"]) == (100, 100, 91)


def test_a_page_meeting_every_goal_misses_none():
    assert [k for k, v in verdicts({"/": fast(), "/slides/1/": fast()}).items() if v.missed] == []


def test_one_slow_page_misses_the_goals_it_fails_and_only_those():
    found = verdicts({"/": fast(), "/outcomes/": SLOW, "/slides/1/": fast()})
    missed = {k: v.missed for k, v in found.items() if v.missed}
    assert missed == {
        "performance": ["/outcomes/"],
        "tbt_ms": ["/outcomes/"],
        "kib": ["/outcomes/"],
        "seo": ["/outcomes/"],
    }
    assert found["tbt_ms"].worst_page == "/outcomes/"
    assert found["tbt_ms"].worst == 5957.0
    # the goals met still say the worst page's figure
    assert found["cls"].worst == 0.012 and found["cls"].worst_page == "/outcomes/"


def test_each_miss_names_the_audit_behind_it_with_its_biggest_items():
    found = verdicts({"/outcomes/": SLOW})
    # the performance score loses most on total blocking time (weight 30), so its cause is said
    assert found["performance"].why.startswith("it loses most on total-blocking-time")
    assert "bootup-time 7.1 s: /assets/plotly.3b6e15d45dbb.min.js 4,322 ms" in found["tbt_ms"].why
    assert "/assets/site.d7ec743728de.js 2,100 ms" in found["tbt_ms"].why
    assert "/outcomes/ 300 ms" not in found["tbt_ms"].why  # only the two biggest
    assert found["kib"].why.startswith("total-byte-weight Total size was 1,732 KiB")
    assert "/assets/plotly.3b6e15d45dbb.min.js 1,434 KiB" in found["kib"].why
    # SEO names the audit that fails, not the manual one nor those passing
    assert found["seo"].why == "failing: robots-txt (robots.txt is not valid)"


def test_a_figure_lighthouse_could_not_measure_is_missed_and_the_worst():
    broken = fast()
    broken["audits"]["largest-contentful-paint"]["numericValue"] = None
    found = verdicts({"/": fast(), "/grades/": broken})
    assert found["lcp_s"].missed == ["/grades/"]
    assert found["lcp_s"].worst_page == "/grades/"


def test_the_printed_goals_and_the_rows_say_met_or_missed():
    reports = {"/": fast(), "/outcomes/": SLOW}
    lines = verdict_lines(judge(reports), len(reports))
    assert lines[0].startswith("MISSED  performance score ≥ 95: 1 of 2 pages; worst /outcomes/ 69")
    assert lines[3].startswith("met     cumulative layout shift ≤ 0.05: every page of 2")
    rows = {r.what: r for r in to_rows(judge(reports), len(reports))}
    assert rows["lighthouse, worst of 2 pages: performance score"].ok is False
    assert rows["lighthouse, worst of 2 pages: accessibility score"].ok is True
    assert rows["lighthouse, worst of 2 pages: cumulative layout shift"].ok is True
    assert rows["lighthouse, worst of 2 pages: bytes sent on a first visit"].ok is False


def test_top_items_reads_a_list_of_tables():
    audit = {
        "details": {
            "type": "list",
            "items": [
                {"type": "table", "items": [{"node": {"snippet": '<svg class="main-svg">'}}]},
            ],
        }
    }
    assert top_items(audit) == ['<svg class="main-svg">']


def test_audits_lighthouse_could_not_run_are_named_and_whether_a_score_counts_them():
    lhr = copy.deepcopy(SLOW)
    assert errored(lhr) == []
    lhr["audits"]["layout-shifts"]["scoreDisplayMode"] = "error"
    lhr["audits"]["robots-txt"]["scoreDisplayMode"] = "error"
    assert errored(lhr) == ["robots-txt (counted in a score)", "layout-shifts (not scored)"]
