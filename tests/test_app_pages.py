"""Every page renders in Streamlit's AppTest, shows its headline figures as the database holds
them, and shrugs off odd URL parameters. Expected figures are read from the database here, with
SQL of the test's own, never typed in; the pages and their charts come from pfcc.registry."""

import base64

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from harness.apptest import VIEWS, render, text_of, title_of, titles
from pfcc import registry
from tests.support import tables
from tests.support.sql import rows


def decode(values) -> list:
    """Plotly's typed-array encoding ({dtype, bdata}) back to plain numbers."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def figures(at: AppTest) -> list[go.Figure]:
    """The charts as Plotly reads them back (arrays arrive base64-encoded)."""
    return [pio.from_json(e.proto.spec, skip_invalid=True) for e in at.get("plotly_chart")]


@pytest.fixture(scope="module", autouse=True)
def _db(built_db):
    return built_db


def html_tables(at: AppTest) -> list[tables.Table]:
    return [t for e in at.get("html") for t in tables.tables(e.proto.body)]


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.name)
def test_page_renders_with_its_charts_and_no_error(view):
    at = render(view.page.slug, view.params)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert len(titles(at)) == 1 and title_of(at)
    charts = at.get("plotly_chart")
    n = len(view.charts)
    assert len(charts) == n
    for chart in charts:
        assert chart.proto.alt, "every chart has an accessible name"
    if n:
        real = [t for t in html_tables(at) if t.caption and t.columns]
        assert len(real) >= n, "a real table per chart: a caption and column headers"
        assert len(at.get("download_button")) >= n


@pytest.mark.parametrize("view", [v for v in VIEWS if v.charts], ids=lambda v: v.name)
def test_each_chart_lists_its_sources_and_notes(view):
    at = render(view.page.slug, view.params)
    lists = [e.proto.body for e in at.get("html") if "pfcc-sources" in e.proto.body]
    assert len(lists) == len(view.charts)
    assert all("<li><strong>" in body for body in lists), "every chart names a source"


def latest(con, metric, **where):
    extra = "".join(f" AND {k} = ?" for k in where)
    return rows(
        con,
        f"""SELECT m.value, m.value_as_written, m.period_end, m.qualifier
                         FROM measures m JOIN sources s USING (source_id)
                         WHERE metric = ? AND geography = 'Staffordshire' {extra}
                         ORDER BY period_end DESC,
                           CASE s.tier WHEN 'inspection' THEN 0 WHEN 'official statistics' THEN 1
                                       WHEN 'force or commissioner statement' THEN 2 ELSE 3 END
                         LIMIT 1""",
        metric,
        *where.values(),
    )[0]


def worst(con, metric, highest=True):
    return rows(
        con,
        f"""SELECT value_as_written FROM measures WHERE metric = ?
                         AND geography = 'Staffordshire'
                         ORDER BY value {"DESC" if highest else "ASC"} LIMIT 1""",
        metric,
    )[0]


def test_overview_tiles_show_latest_and_worst_figures(con):
    text = text_of(render("overview"))
    answer = latest(con, "999 average answer time")
    assert answer["value_as_written"] + " seconds" in text
    assert worst(con, "999 average answer time")["value_as_written"] + " seconds" in text
    outcome = latest(con, "Outcome rate (force's own definition, not stated)")
    assert outcome["value_as_written"] + "%" in text
    rec = latest(con, "Crime recording rate", breakdown="All crime (excluding fraud)")
    assert rec["value_as_written"] + "%" in text
    engage = rows(
        con,
        """SELECT min(event_date) AS d FROM milestones m JOIN sources s
                          USING (source_id) WHERE kind = 'Engage entered'
                          AND s.tier = 'inspection' AND date_precision = 'day'""",
    )[0]["d"]
    assert f"{engage.day} {engage:%B %Y}" in text


def test_grades_page_writes_every_grade_and_marks_the_scale_break(con):
    at = render("grades")
    spec = figures(at)[0]
    cell_text = " ".join(a.text.replace("<br>", " ") for a in spec.layout.annotations)
    for r in rows(con, "SELECT DISTINCT grade FROM grades"):
        short = r["grade"].replace("Requires improvement", "RI")
        assert r["grade"] in cell_text or short in cell_text
    assert "four-tier" in cell_text and "five-tier" in cell_text
    n = rows(
        con,
        """SELECT count(*) AS n FROM grades WHERE inspection = 'PEEL 2021/22'
                     AND grade = 'Inadequate'""",
    )[0]["n"]
    assert str(n) in title_of(at)


def test_grades_theme_filter_follows_one_theme(con):
    at = render("grades", {"theme": "Investigating crime"})  # the label shown
    spec = figures(at)[0]
    assert list(spec.layout.yaxis.ticktext) == ["Investigating crime"]


def test_recording_page_shows_estimates_with_intervals(con):
    at = render("recording")
    r = rows(
        con,
        """SELECT value_as_written, ci_half_width FROM measures
                     WHERE metric = 'Crime recording rate' AND source_id = 'peel-2021-22'
                       AND breakdown = 'All crime (excluding fraud)'
                     ORDER BY period_end DESC LIMIT 1""",
    )[0]
    assert r["value_as_written"] + "%" in title_of(at)
    spec = figures(at)[0]
    bars = [t for t in spec.data if t.error_y and t.error_y.visible]
    assert bars and r["ci_half_width"] in [v for t in bars for v in decode(t.error_y.array)]


def test_outcomes_page_compares_2015_charge_rates(con):
    # the 2015 inspection and the force's own figures: two tabs, two definitions
    at = render("outcomes", {"section": registry.INSPECTION_2015})
    stated = render("outcomes", {"section": registry.FORCE_STATED})
    text = text_of(at) + text_of(stated)
    for geo in ("Staffordshire", "England and Wales"):
        r = rows(
            con,
            """SELECT value_as_written FROM measures WHERE metric = 'Outcome rate'
                         AND breakdown = 'Charged/summonsed' AND geography = ?""",
            geo,
        )[0]
        assert f"{r['value_as_written']} per 100" in text
    # the three definitions stay separate series, never one line
    assert "not comparable" in text or "never joined" in text


def test_outcomes_page_leads_with_the_official_rate_and_its_licence(con):
    at = render("outcomes")
    # the latest year whose recorded-basis outcomes are complete, computed here from the counts
    r = rows(
        con,
        """SELECT financial_year, 100.0 * charged / offences AS rate FROM outcome_rates
           WHERE force = 'Staffordshire' AND basis = 'recorded' AND NOT provisional
           ORDER BY period_end DESC LIMIT 1""",
    )[0]
    title = title_of(at)
    assert f"{r['rate']:.1f}% in {r['financial_year']}" in title, title
    assert "Open Government Licence v3.0" in text_of(at)


def test_outcomes_page_reads_its_basis_year_and_forces_from_the_url(con):
    at = render(
        "outcomes",
        {
            "basis": "Closed",
            "year": "2019/20",
            "forces": "Cheshire",
            "section": registry.ALL_FORCES,
        },
    )
    assert not at.exception, [e.value for e in at.exception]
    r = rows(
        con,
        """SELECT charge_rate FROM outcome_rates WHERE force = 'Staffordshire'
           AND basis = 'closed' AND financial_year = '2019/20'""",
    )[0]
    text = text_of(at)
    assert f"In 2019/20 Staffordshire's {r['charge_rate']:.1f}%" in text
    assert "investigations closed in the year" in text


def test_a_threshold_statement_sits_beside_the_standard_not_on_the_average_line(con):
    """ "999 calls are consistently answered in less than 10 seconds" gives no share and no
    average: a labelled mark on the standard's line, a note and its quote on the share chart,
    and no point on the average answer-time line (issue 20, part 4)."""
    from pfcc.stories import calls

    said = rows(
        con, "SELECT measure_id, quote FROM measures WHERE metric = ?", calls.THRESHOLD_STATEMENT
    )
    assert said, "the force's threshold statement is filed under its own metric"
    share = calls.answered_within_10s_999()
    marks = [a.text for a in share.figure.layout.annotations if "less than 10 s" in a.text]
    assert len(marks) == len(said), [a.text for a in share.figure.layout.annotations]
    for r in said:
        assert r["measure_id"] in set(share.quotes["id"])
        assert any(r["quote"].rstrip(".") in n for n in share.notes), share.notes
    average = calls.answer_time_999()
    assert not {r["measure_id"] for r in said} & set(average.table["measure_id"])
    assert not {r["measure_id"] for r in said} & set(average.quotes["id"])


def test_calls_page_headline_and_standard(con):
    """The headline gives the latest 999 answer time, and a peak only from figures of its
    kind (the same tier, the same length of period): a peak from another kind is not named."""
    at = render("calls")
    title = title_of(at)
    figures_ = rows(
        con,
        """SELECT m.value_as_written, m.period_start, m.period_end, s.tier FROM measures m
           JOIN sources s USING (source_id) WHERE m.metric = '999 average answer time'
           AND m.geography = 'Staffordshire' ORDER BY m.period_end""",
    )
    now = figures_[-1]
    assert now["value_as_written"] in title
    peak = worst(con, "999 average answer time")
    kind = [
        f
        for f in figures_
        if f["tier"] == now["tier"]
        and f["period_start"] is not None
        and now["period_start"] is not None
        and abs(
            (f["period_end"] - f["period_start"]) - (now["period_end"] - now["period_start"])
        ).days
        <= 3
    ]
    if peak["value_as_written"] not in {f["value_as_written"] for f in kind}:
        assert f"peak of {peak['value_as_written']}" not in title
    standard = rows(
        con,
        """SELECT value FROM measures WHERE metric LIKE '999 answer standard%'
                            AND unit = 'percent'""",
    )[0]["value"]
    share = figures(render("calls", {"section": registry.SHARE_999}))[0]
    assert any(s.y0 == standard for s in share.layout.shapes)


def test_calls_year_filter_narrows_the_figures(con):
    at = render("calls", {"years": ["2022", "2023"]})
    spec = figures(at)[0]
    xs = [
        str(x) for t in spec.data if t.mode == "markers" and t.customdata is not None for x in t.x
    ]
    assert xs and all(x[:4] in ("2022", "2023") for x in xs), xs


def test_recommendations_page_counts_deadlines_from_the_data(con):
    at = render("recommendations")
    n_due = rows(con, "SELECT count(*) AS n FROM recommendations WHERE due_on IS NOT NULL")[0]["n"]
    n_passed = rows(
        con,
        """SELECT count(*) AS n FROM recommendations
                            WHERE due_on < current_date""",
    )[0]["n"]
    assert f"{n_passed} of {n_due}" in title_of(at)


def test_recommendations_filter_by_status(con):
    at = render("recommendations", {"status": "Closed"})
    closed = rows(con, "SELECT count(*) AS n FROM recommendations WHERE status = 'closed'")[0]["n"]
    table = next(t for t in html_tables(at) if t.caption)
    assert len(table.rows) == closed  # one body row per item


def test_sources_page_counts_sources(con):
    at = render("sources")
    n = rows(con, "SELECT count(*) AS n FROM sources")[0]["n"]
    assert title_of(at).startswith(f"{n} sources")
    labels = [b.label for b in at.get("download_button")]
    assert any("whole database" in label for label in labels)
    every = next(label for label in labels if "every table" in label)
    assert f"sources ({n:,} rows)" in every
    for table in ("measures", "grades", "milestones", "recommendations"):
        assert f"{table} (" in every, table


def test_figures_not_charted_say_what_their_metric_measures(con):
    """The Sources page's table of figures kept but not charted gives each metric's one-sentence
    definition beside it (data/metrics.csv `definition`)."""
    import html

    text = html.unescape(text_of(render("sources")))
    kept = rows(
        con,
        """SELECT DISTINCT k.definition FROM measures m JOIN metrics k USING (metric)
           WHERE k.charted = 'no'""",
    )
    assert kept
    assert "What it measures" in text
    for r in kept:
        assert r["definition"] in text, r["definition"]


def test_a_newspapers_report_of_official_figures_is_badged_as_its_report(con):
    """The Times, the Express & Star or WiredGov print official figures: the page says they are
    official statistics as reported by that publisher, not official statistics at first hand."""
    import html

    press = rows(
        con,
        """SELECT DISTINCT publisher FROM sources WHERE tier = 'official statistics'
           AND publisher NOT LIKE 'Home Office%' AND publisher <> 'GOV.UK Home Office'""",
    )
    assert {"The Times", "WiredGov"} <= {r["publisher"] for r in press}
    text = html.unescape(text_of(render("sources")))
    for r in press:
        assert f"Official statistics, as reported by {r['publisher']}" in text, r["publisher"]


def test_every_force_listed_on_all_forces_has_a_visible_dot_or_says_why(con):
    """A flagged force-year (West Midlands 2024/25 once had a row and no dot): its dot is drawn
    hollow but visible, its name is marked flagged, and the table gives the build's reason."""
    from pfcc.stories import forces

    f = rows(
        con,
        """SELECT r.force, r.financial_year, f.detail FROM outcome_rates r
           JOIN outcome_flags f ON f.force = r.force AND f.financial_year = r.financial_year
             AND coalesce(f.basis, r.basis) = r.basis
           WHERE r.basis = 'recorded' AND r.flagged AND r.force = 'West Midlands'
             AND r.financial_year = '2024/25'""",
    )
    assert f, "the case the panel found is in the data"
    spec = forces.forces_in_year(year="2024/25", basis="recorded")
    drawn = set()
    for t in spec.figure.data:
        symbols = t.marker.symbol if isinstance(t.marker.symbol, tuple) else [t.marker.symbol]
        ring = t.marker.line.color
        for y, symbol in zip(t.y, symbols * len(t.y)):
            open_white = str(symbol).endswith("-open") and t.marker.color == "#FFFFFF"
            if not open_white and ring != "#FFFFFF":  # something a reader can see
                drawn.add(y)
    assert drawn == set(spec.figure.layout.yaxis.categoryarray)
    assert "West Midlands (flagged)" in spec.figure.layout.yaxis.ticktext
    note = spec.table.set_index("force").loc["West Midlands", "note"]
    assert all(r["detail"] in note for r in f) and "left out of ranks" in note
    assert "not ranked" in spec.summary and "West Midlands" in spec.summary


def test_the_tables_download_is_a_zip_of_each_table_as_csv(con):
    import io
    import zipfile

    import pandas as pd

    from pfcc.render.live import ui
    from pfcc.stories import sources

    with zipfile.ZipFile(io.BytesIO(ui._zip_of(sources.tables_for_download()))) as z:
        names = sorted(z.namelist())
        assert names == sorted(
            f"{t}.csv" for t in ("sources", "measures", "grades", "milestones", "recommendations")
        )
        for name in names:
            got = pd.read_csv(z.open(name))
            n = rows(con, f"SELECT count(*) AS n FROM {name[:-4]}")[0]["n"]
            assert len(got) == n, name


ODD = [
    {"years": "abc"},
    {"years": ["2030", "1999"]},
    {"theme": "<script>alert(1)</script>"},
    {"status": "'; DROP TABLE recommendations; --"},
    {"report": "../../etc/passwd"},
    {"q_grades": "x" * 5000},
    {"crime": "Sexual offences\u0000"},
    {"unknown": "1"},
    {"theme": ["overall", "workforce"]},
    {"embed": "true"},
    {"q_calls_101": "💥"},
]


@pytest.mark.parametrize("params", ODD, ids=[str(i) for i in range(len(ODD))])
# the pages with filters
@pytest.mark.parametrize("slug", ["grades", "calls", "recommendations", "recording"])
def test_odd_url_parameters_are_ignored(slug, params):
    at = render(slug, params)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert "<script>alert" not in text_of(at)


def test_picking_a_figure_shows_the_passage_it_comes_from(con):
    """The selected figure is a URL parameter; its quote is shown word for word."""
    g = rows(
        con,
        """SELECT g.inspection, g.area, g.grade, g.quote, s.title FROM grades g
                     JOIN sources s USING (source_id) WHERE g.source_id = 'peel-2021-22'
                     ORDER BY g.grade_id LIMIT 1""",
    )[0]
    label = f"{g['inspection']} — {g['area']} — {g['grade']} ({g['title']})"
    at = render("grades", {"q_grades": label})
    shown = " ".join(tables.text(e.proto.body) for e in at.get("html"))
    assert " ".join(g["quote"][:60].split()) in shown, "the passage, word for word"
