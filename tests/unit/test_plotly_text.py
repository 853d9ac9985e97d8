"""Every chart builder shows a string from the data as written: the markup Plotly would draw
(a link, a styled span) reaches the figure escaped, in hover text, labels, legend entries and
tick labels alike, while the builders' own <b> and <br> stay markup. Axis categories are escaped
alike in the points and the axis's order, so they still match. Names the build cannot carry
(force names, outcome types) are covered here, with frames made by hand."""

import json
from datetime import date

import pandas as pd
import pytest

from pfcc import charts
from pfcc.store.asof import Events
from tests.support.inert import live_markup, strings

LINK = '<a href="https://example.invalid/x">link</a><span style="color:red">s</span>&amp;'
SHORT = "<i>A</i>&B"  # short enough for a direct label beside its line
NO_EVENTS = Events(None, None, (), None, None, (), (), ())


def text_of(fig) -> list[tuple[str, str]]:
    return list(strings(json.loads(fig.to_json())))


def assert_inert(fig, *words: str) -> None:
    """No markup but the builders' own, and each of `words` shown escaped somewhere."""
    assert live_markup(json.loads(fig.to_json())) == []
    found = "\n".join(s for _, s in text_of(fig))
    for w in words:
        assert charts.plotly_text(w) in found, w


def test_the_escape_leaves_plain_words_alone_and_escapes_what_plotly_would_draw():
    assert charts.plotly_text("Staffordshire Police, 2023/24 (PEEL)") == (
        "Staffordshire Police, 2023/24 (PEEL)"
    )
    assert charts.plotly_text('Express & Star "quoted"') == 'Express &amp; Star "quoted"'
    assert charts.plotly_text("<br>") == "&lt;br&gt;"
    assert charts.plotly_text("&lt;") == "&amp;lt;"  # shown as written, not as "<"
    assert charts.plotly_text(12.5) == "12.5"


def series_rows(names: list[str]) -> pd.DataFrame:
    rows = []
    for i, name in enumerate(names):
        for year in (2016, 2019, 2022):
            rows.append(
                dict(
                    series=name,
                    period_end=date(year, 3, 31),
                    period_label=f"{year} {LINK}",
                    tier="inspection",
                    value=10.0 + i * 20 + year % 10,
                    unit="percent",
                    measure_id=f"m{i}{year}",
                    source_title=f"Report {LINK}",
                )
            )
    return pd.DataFrame(rows)


@pytest.mark.parametrize("projector", [False, True])
def test_series_direct_labels_hover_and_reference(projector):
    fig = charts.series_chart(
        series_rows([SHORT, "Other"]),
        series="series",
        unit="percent",
        events=None,
        projector=projector,
        reference=(50.0, f"Standard {SHORT}"),
    )
    notes = [a.text for a in fig.layout.annotations]
    assert f"<b>{charts.plotly_text(SHORT)}</b>" in notes, notes  # a direct label, bold
    assert_inert(fig, SHORT, f"Standard {SHORT}", f"Report {LINK}", f"2016 {LINK}")


def test_series_legend_of_colours():
    names = [f"{LINK} {i}" for i in range(5)]  # five series: a legend, not labels
    fig = charts.series_chart(series_rows(names), series="series", unit="percent", events=None)
    legend = [t.name for t in fig.data if t.showlegend]
    assert any("&lt;a href" in n for n in legend), legend
    assert_inert(fig)


def test_ranked_dots_force_names_match_their_axis():
    forces = [f"Force {i} {SHORT}" for i in range(4)]
    df = pd.DataFrame(
        dict(
            force=forces,
            value=[5.0, 7.0, 9.0, 11.0],
            value_text=[f"{v}% {SHORT}" for v in (5, 7, 9, 11)],
            flagged=[False, True, False, False],
            id=["a", "b", "c", "d"],
        )
    )
    fig = charts.ranked_dots(
        df, highlight=forces[2], reference=(8.0, f"England and Wales {LINK}"), x_title="Rate"
    )
    axis = fig.layout.yaxis
    assert {y for t in fig.data for y in t.y} == set(axis.categoryarray) == set(axis.tickvals)
    assert f"<b>{charts.plotly_text(forces[2])}: " in "".join(axis.ticktext)
    assert_inert(fig, forces[0], f"England and Wales {LINK}".rsplit(" ", 1)[0])


def test_share_bars_legend_and_hover():
    df = pd.DataFrame(
        dict(
            period_end=[date(2020, 3, 31), date(2021, 3, 31)] * 2,
            label=[LINK] * 2 + ["Charge"] * 2,
            share=[40.0, 45.0, 60.0, 55.0],
            value_text=["40%", "45%", "60%", "55%"],
            id=["a", "b", "c", "d"],
        )
    )
    fig = charts.share_bars(df, order=["Charge", LINK], events=None)
    assert_inert(fig)
    assert any("&lt;a href" in str(t.name) for t in fig.data)


def test_outcome_mix_names_bars_and_hover():
    order = [f"Out-of-court {SHORT}", "Charged/summonsed"]
    df = pd.DataFrame(
        dict(
            breakdown=order * 2,
            geography=["Staffordshire"] * 2 + ["England and Wales"] * 2,
            rate=[3.0, 17.0, 4.0, 16.0],
            rate_written=["3", "17.0", "4", "16.0"],
            measure_id=["a", "b", "c", "d"],
        )
    )
    fig = charts.outcome_mix(df, order)
    assert f"<b>{charts.plotly_text(order[0])} (total)</b>" in [
        a.text for a in fig.layout.annotations
    ]
    assert_inert(fig, order[0])


def test_grade_matrix_row_and_column_names():
    columns, rows = [f"PEEL {SHORT}", "PEEL 2023"], ["overall", f"area {SHORT}"]
    cells = pd.DataFrame(
        [
            dict(row=r, column=c, text="Good", fill="#FFF", font="#000", hover="Good", cell_id="x")
            for r in rows
            for c in columns
        ]
    )
    fig = charts.grade_matrix(cells, columns, rows, break_after=columns[0])
    assert_inert(fig, columns[0], rows[1].capitalize())


def test_journey_lanes_titles_and_sources():
    m = pd.DataFrame(
        dict(
            kind=["inspection published", "other"],
            event_date=[date(2016, 3, 1), date(2020, 5, 1)],
            date_precision=["day", "month"],
            tier=["inspection", "secondary"],
            milestone_id=["a", "b"],
            title=[f"Report {LINK}", SHORT],
            source_title=[f"Source {LINK}", "Paper"],
        )
    )
    lanes = {"inspection published": f"Inspections {SHORT}", "other": "Other"}
    fig = charts.journey(m, lanes, NO_EVENTS, today=date(2024, 1, 1))
    assert {y for t in fig.data if t.y for y in t.y if y} <= set(fig.layout.yaxis.categoryarray)
    assert_inert(fig, f"Report {LINK}", f"Source {LINK}", f"Inspections {SHORT}")


def test_deadlines_labels_match_their_axis():
    df = pd.DataFrame(
        dict(
            due_on=[date(2023, 1, 1), date(2025, 1, 1), None],
            days_to_due=[-300, 400, None],
            label=[f"Recommendation 1 {LINK}", f"Cause of concern {SHORT}", "Recommendation"],
            rec_id=["a", "b", "c"],
            status=["open", f"unknown {SHORT}", "closed"],
        )
    )
    fig = charts.deadlines(df, today=date(2024, 1, 1))
    ys = {y for t in fig.data if t.y for y in t.y}
    assert ys == set(fig.layout.yaxis.categoryarray) and len(ys) == 2
    assert_inert(fig, f"Recommendation 1 {LINK}", f"unknown {SHORT}")
