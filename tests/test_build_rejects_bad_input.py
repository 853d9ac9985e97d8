"""`make data` on bad input: a problem naming the file, the line, the column and the rule (with
its stable code), and the previous database left byte-for-byte as it was. Spreadsheet habits are
accepted."""

import csv
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest

from pfcc.ingest import build, inputs
from pfcc.ingest.problems import CODES, BuildError, Problem
from pfcc.paths import ROOT as REPO


def run_build(data: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pfcc.ingest.build", "--data", str(data), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read(path: Path):
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames), list(reader)


def write(path: Path, fields, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)


def line_of(path: Path, index: int) -> int:
    """The line on which data row `index` starts (quoted cells may hold line breaks)."""
    reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    next(reader)
    line = reader.line_num + 1
    for _ in range(index):
        next(reader)
        line = reader.line_num + 1
    return line


def first(data: Path, table: str, where=lambda r: True):
    """The first row of `table` (over its files, in order) matching `where`."""
    for path in sorted((data / table).glob("*.csv")):
        fields, rows = read(path)
        for i, r in enumerate(rows):
            if where(r):
                return path, fields, rows, i
    raise AssertionError(f"no row in {table} fits the case")


def set_cell(data, table, column, value, where=lambda r: True):
    path, fields, rows, i = first(data, table, where)
    rows[i][column] = value(rows[i]) if callable(value) else value
    write(path, fields, rows)
    return path, line_of(path, i)


# Each case damages the scratch copy and says which column and problem code the build must name.
def wrong_type(d):
    return set_cell(d, "measures", "value", "twelve"), "value", "not-a-number"


def unknown_source(d):
    return set_cell(d, "grades", "source_id", "no-such-report"), "source_id", "unknown-source"


def duplicate_key(d):
    path, fields, rows, _ = first(d, "measures")
    rows.append(dict(rows[0]))
    write(path, fields, rows)
    return (path, line_of(path, len(rows) - 1)), "measure_id", "duplicate-key"


def quote_not_in_document(d):
    return (
        set_cell(
            d,
            "grades",
            "quote",
            lambda r: r["quote"] + " and much else besides",
            lambda r: r["source_id"] == "peel-2021-22",
        ),
        "quote",
        "quote-not-found",
    )


def figure_not_in_quote(d):
    return (
        set_cell(
            d,
            "measures",
            "value",
            lambda r: str(float(r["value"]) + 1000003),
            lambda r: r["unit"] == "count",
        ),
        "value",
        "value-not-in-quote",
    )


def percent_over_100(d):
    return (
        set_cell(d, "measures", "value", "100.5", lambda r: r["unit"] == "percent"),
        "value",
        "percent-out-of-range",
    )


def negative_count(d):
    return (
        set_cell(
            d, "measures", "value", lambda r: "-" + r["value"], lambda r: r["unit"] == "count"
        ),
        "value",
        "negative-value",
    )


def unknown_grade(d):
    return set_cell(d, "grades", "grade", "Brilliant"), "grade", "not-in-vocabulary"


def bad_date(d):
    return set_cell(d, "milestones", "event_date", "2022-02-30"), "event_date", "not-a-real-date"


def date_not_iso(d):
    return set_cell(d, "milestones", "event_date", "06/07/2022"), "event_date", "not-a-date"


def date_out_of_range(d):
    return set_cell(d, "measures", "period_end", "2031-03-31"), "period_end", "date-out-of-range"


def deadline_before_report(d):
    return (
        set_cell(d, "recommendations", "due_on", "2015-01-31", lambda r: r["due_on"]),
        "due_on",
        "deadline-before-report",
    )


def empty_required_field(d):
    return set_cell(d, "measures", "metric", "   "), "metric", "empty-required"


def missing_column(d):
    path, fields, rows, _ = first(d, "measures")
    fields.remove("unit")
    write(path, fields, [{k: v for k, v in r.items() if k != "unit"} for r in rows])
    return (path, 1), "unit", "missing-column"


def unknown_column(d):
    path, fields, rows, _ = first(d, "grades")
    write(path, fields + ["notes"], [r | {"notes": "x"} for r in rows])
    return (path, 1), "notes", "unknown-column"


def truncated_file(d):
    path, _, rows, _ = first(d, "recommendations", lambda r: len(r["quote"]) > 200)
    raw = path.read_bytes()
    cut = raw.index(rows[0]["quote"][100:140].encode("utf-8"))  # inside a quoted cell
    path.write_bytes(raw[:cut])
    return (path, None), None, "malformed-csv"


def short_row(d):
    path = sorted((d / "milestones").glob("*.csv"))[0]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append("x-broken,2022-07-06,day\n")
    path.write_text("".join(lines), encoding="utf-8")
    return (path, len(lines)), None, "wrong-field-count"


def not_utf8(d):
    path, *_ = first(d, "measures", lambda r: any(ord(c) > 127 for c in r["quote"]))
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    return (path, None), None, "not-utf8"


def adequate_on_four_tier(d):
    return (
        set_cell(d, "grades", "grade", "Adequate", lambda r: r["scale"] == "4-tier"),
        "grade",
        "adequate-on-4-tier",
    )


def unknown_unit(d):
    return set_cell(d, "measures", "unit", "percentage"), "unit", "not-in-vocabulary"


# --- a document only from where documents are kept (data/documents/, the statistics folder) ---


def set_document(d, value):
    return set_cell(d, "sources", "document", value, lambda r: r["document"]), "document"


def document_outside_repository(d):
    return *set_document(d, "../../../etc/passwd"), "document-outside-folders"


def document_git_config(d):
    """The repository's git configuration (remotes, perhaps a token in a URL)."""
    (d.parent / ".git").mkdir()
    (d.parent / ".git" / "config").write_text('[remote "origin"]\n\turl = https://t@x/y\n')
    return *set_document(d, ".git/config"), "document-outside-folders"


def document_parent_folder(d):
    return *set_document(d, "../README.md"), "document-outside-folders"


def document_climbs_out_of_its_folder(d):
    return *set_document(d, "data/documents/../README.md"), "document-outside-folders"


def document_absolute_path(d):
    return *set_document(d, str((d / "README.md").resolve())), "document-outside-folders"


def document_dotfile(d):
    (d / "documents" / ".env").write_text("PASSWORD=hunter2\n")
    return *set_document(d, "data/documents/.env"), "document-outside-folders"


def document_in_a_dot_folder(d):
    (d / "documents" / ".hidden").mkdir()
    (d / "documents" / ".hidden" / "notes.txt").write_text("private\n")
    return *set_document(d, "data/documents/.hidden/notes.txt"), "document-outside-folders"


def document_elsewhere_in_data(d):
    return *set_document(d, "data/README.md"), "document-outside-folders"


def document_symlink(d):
    """A link inside data/documents/ to a file outside the repository."""
    (d.parent / "secret.txt").write_text("not for publication\n")
    (d / "documents" / "link.txt").symlink_to(d.parent / "secret.txt")
    return *set_document(d, "data/documents/link.txt"), "document-is-a-link"


# --- every source keeps the text its quotes come from ---


def WEB(r):
    return "/web-" in r["document"]


def source_without_document(d):
    return set_cell(d, "sources", "document", ""), "document", "document-required"


def web_passage_without_url(d):
    return set_cell(d, "sources", "url", "", WEB), "url", "url-required"


def web_passage_without_header(d):
    _, _, rows, i = first(d, "sources", WEB)
    path = d.parent / rows[i]["document"]
    path.write_text(path.read_text(encoding="utf-8").split("\n---\n", 1)[1], encoding="utf-8")
    return (path, 1), None, "passage-header"


DOCUMENT_CASES = [
    document_outside_repository,
    document_git_config,
    document_parent_folder,
    document_climbs_out_of_its_folder,
    document_absolute_path,
    document_dotfile,
    document_in_a_dot_folder,
    document_elsewhere_in_data,
    document_symlink,
]


def closed_without_date(d):
    return (
        set_cell(d, "recommendations", "closed_on", "", lambda r: r["status"] == "closed"),
        "closed_on",
        "closing-field-required",
    )


def REPORTED(r):
    return bool(r.get("reported_source_id"))


def reported_without_quote(d):
    return (
        set_cell(d, "recommendations", "reported_quote", "", REPORTED),
        "reported_quote",
        "reported-pair-incomplete",
    )


def reported_quote_without_source(d):
    return (
        set_cell(d, "recommendations", "reported_source_id", "", REPORTED),
        "reported_source_id",
        "reported-pair-incomplete",
    )


def reported_while_open(d):
    def reopen(r):
        r.update(closed_on="", closed_precision="", closed_source_id="", closed_quote="")
        return "open"

    return (
        set_cell(d, "recommendations", "status", reopen, REPORTED),
        "reported_source_id",
        "reported-while-not-closed",
    )


def reported_after_the_dated_source(d):
    """A report published after the source that dates the closure: pointless, refused."""
    return (
        set_cell(
            d,
            "recommendations",
            "reported_source_id",
            lambda r: next(
                s["source_id"]
                for s in read(d / "sources" / "seed-documents.csv")[1]
                if s["published_on"] > "2024-05-21" and s["document"]
            ),
            REPORTED,
        ),
        "reported_source_id",
        "reported-after-closing-source",
    )


def reported_quote_not_in_its_document(d):
    return (
        set_cell(
            d,
            "recommendations",
            "reported_quote",
            lambda r: r["reported_quote"].replace("discharged", "closed"),
            REPORTED,
        ),
        "reported_quote",
        "quote-not-found",
    )


REPORTED_CASES = [
    reported_without_quote,
    reported_quote_without_source,
    reported_while_open,
    reported_after_the_dated_source,
    reported_quote_not_in_its_document,
]


def milestone_date_not_in_quote(d):
    return (
        set_cell(
            d, "milestones", "event_date", "2019-03-13", lambda r: r["kind"] == "Engage exited"
        ),
        "event_date",
        "date-not-in-quote",
    )


# --- the metric vocabulary (data/metrics.csv) ---------------------------------------------------


def vocabulary(d):
    return d / "metrics.csv"


def set_metric_cell(d, column, value, metric):
    path = vocabulary(d)
    fields, rows = read(path)
    i = next(i for i, r in enumerate(rows) if r["metric"] == metric)
    rows[i][column] = value
    write(path, fields, rows)
    return path, line_of(path, i)


def metric_typo(d):
    return (
        set_cell(
            d,
            "measures",
            "metric",
            "999 average answer tme",
            lambda r: r["metric"] == "999 average answer time",
        ),
        "metric",
        "unknown-metric",
    )


def unit_not_allowed(d):
    return (
        set_cell(
            d, "measures", "unit", "minutes", lambda r: r["metric"] == "999 average answer time"
        ),
        "unit",
        "unit-not-allowed",
    )


def family_mismatch(d):
    return (
        set_cell(
            d, "measures", "family", "context", lambda r: r["metric"] == "Crime recording rate"
        ),
        "family",
        "family-mismatch",
    )


def unknown_family(d):
    """A family that is not a row of data/families.csv: named, with the families it has."""
    return (
        set_cell(
            d, "measures", "family", "victims", lambda r: r["metric"] == "Crime recording rate"
        ),
        "family",
        "unknown-family",
    )


def vocabulary_unknown_family(d):
    return (
        set_metric_cell(d, "family", "victims", "Charge/summons rate"),
        "family",
        "unknown-family",
    )


def vocabulary_unit_withdrawn(d):
    """101 answer times are stated in seconds and in minutes: allow minutes only."""
    set_metric_cell(d, "units", "minutes", "101 average answer time")
    return (
        set_cell(
            d,
            "measures",
            "quote",
            lambda r: r["quote"],
            lambda r: r["metric"] == "101 average answer time" and r["unit"] == "seconds",
        ),
        "unit",
        "unit-not-allowed",
    )


def vocabulary_bad_better(d):
    return set_metric_cell(d, "better", "up", "Crime recording rate"), "better", "not-in-vocabulary"


def vocabulary_bad_charted(d):
    return (
        set_metric_cell(d, "charted", "sometimes", "Crime recording rate"),
        "charted",
        "not-in-vocabulary",
    )


def vocabulary_unknown_unit(d):
    return (
        set_metric_cell(d, "units", "seconds;fortnights", "999 average answer time"),
        "units",
        "not-in-vocabulary",
    )


def vocabulary_not_charted_without_reason(d):
    set_metric_cell(d, "charted", "no", "Crime recording rate")
    return (
        set_metric_cell(d, "not_charted_reason", "", "Crime recording rate"),
        "not_charted_reason",
        "reason-required",
    )


def vocabulary_duplicate_row(d):
    path = vocabulary(d)
    fields, rows = read(path)
    rows.append(dict(rows[3]))
    write(path, fields, rows)
    return (path, line_of(path, len(rows) - 1)), "metric", "duplicate-key"


def vocabulary_family_changed(d):
    set_metric_cell(d, "family", "calls", "Charge/summons rate")
    return (
        set_cell(
            d,
            "measures",
            "family",
            lambda r: r["family"],
            lambda r: r["metric"] == "Charge/summons rate",
        ),
        "family",
        "family-mismatch",
    )


def vocabulary_missing(d):
    vocabulary(d).unlink()
    return (vocabulary(d), None), None, "no-files"


# --- a metric's sentence against the quotes filed under it (pfcc/ingest/meanings.py)
# -------------------

NOT_AN_AVERAGE = "999 answer time (not stated as an average)"


def average_metric_without_average(d):
    """The Chief Constable's "taking nearly 25 seconds" filed back under the average line."""
    return (
        set_cell(
            d,
            "measures",
            "metric",
            "999 average answer time",
            lambda r: r["metric"] == NOT_AN_AVERAGE,
        ),
        "metric",
        "quote-lacks-average",
    )


def threshold_metric_without_threshold(d):
    """A share "within 10 seconds" whose quote no longer states the 10 seconds (a web page
    source: its quote is not checked against a kept text, only against its metric)."""
    return (
        set_cell(
            d,
            "measures",
            "quote",
            "the force answered 78 per cent of the 350 999 calls-a-day it receives in July",
            lambda r: r["measure_id"] == "eands-2014-10-26-call-staff/999-within-10s-jul-2014",
        ),
        "metric",
        "quote-lacks-threshold",
    )


LATE_METRIC = (
    "Crimes reported by victims of anti-social behaviour that were recorded (audit sample)"
)


def late_metric_without_deadline(d):
    """A metric whose sentence speaks of lateness, over a quote that states no time limit."""
    set_metric_cell(
        d,
        "definition",
        "The number of crimes reported by victims of anti-social behaviour recorded late.",
        LATE_METRIC,
    )
    path, _, _, i = first(d, "measures", lambda r: r["metric"] == LATE_METRIC)
    return (path, line_of(path, i)), "metric", "quote-lacks-deadline"


def definition_of_two_sentences(d):
    return (
        set_metric_cell(
            d, "definition", "The crime recording rate. It is a percentage.", "Crime recording rate"
        ),
        "definition",
        "definition-not-one-sentence",
    )


def definition_without_full_stop(d):
    return (
        set_metric_cell(d, "definition", "The crime recording rate", "Crime recording rate"),
        "definition",
        "definition-not-one-sentence",
    )


def definition_missing(d):
    return (
        set_metric_cell(d, "definition", "", "Crime recording rate"),
        "definition",
        "empty-required",
    )


MEANING_CASES = [
    average_metric_without_average,
    threshold_metric_without_threshold,
    late_metric_without_deadline,
]


def evidence_unknown_finding(d):
    path_line = set_cell(d, "scorecard", "finding_id", "no-such-finding")
    return path_line, "finding_id", "unknown-finding"


def evidence_unknown_graded_area(d):
    return (
        set_cell(
            d,
            "scorecard",
            "finding_id",
            "grade:peel-2021-22/serious and organised crime",  # a theme that report grades not
        ),
        "finding_id",
        "unknown-finding",
    )


def evidence_quote_not_in_document(d):
    return (
        set_cell(d, "scorecard", "quote", lambda r: r["quote"] + " within a week"),
        "quote",
        "quote-not-found",
    )


def evidence_unknown_metric(d):
    return set_cell(d, "scorecard", "metric", "999 answer speed"), "metric", "unknown-metric"


def evidence_same_link_twice(d):
    path, fields, rows, _ = first(d, "scorecard")
    rows.append(dict(rows[0]))
    write(path, fields, rows)
    return (path, line_of(path, len(rows) - 1)), "link_id", "duplicate-key"


SCORECARD_CASES = [
    evidence_unknown_finding,
    evidence_unknown_graded_area,
    evidence_quote_not_in_document,
    evidence_unknown_metric,
    evidence_same_link_twice,
]


CASES = [
    *SCORECARD_CASES,
    wrong_type,
    unknown_source,
    duplicate_key,
    quote_not_in_document,
    figure_not_in_quote,
    percent_over_100,
    negative_count,
    unknown_grade,
    bad_date,
    date_not_iso,
    date_out_of_range,
    deadline_before_report,
    empty_required_field,
    missing_column,
    unknown_column,
    truncated_file,
    short_row,
    not_utf8,
    adequate_on_four_tier,
    unknown_unit,
    *DOCUMENT_CASES,
    source_without_document,
    web_passage_without_url,
    web_passage_without_header,
    closed_without_date,
    *REPORTED_CASES,
    milestone_date_not_in_quote,
    metric_typo,
    unit_not_allowed,
    family_mismatch,
    unknown_family,
    vocabulary_unknown_family,
    vocabulary_unit_withdrawn,
    vocabulary_bad_better,
    vocabulary_bad_charted,
    vocabulary_unknown_unit,
    vocabulary_not_charted_without_reason,
    vocabulary_duplicate_row,
    vocabulary_family_changed,
    vocabulary_missing,
    *MEANING_CASES,
    definition_of_two_sentences,
    definition_without_full_stop,
    definition_missing,
]


@pytest.fixture
def previous_build(data_copy, tmp_path):
    out = tmp_path / "out" / "staffordshire.duckdb"
    build.build(data_copy, out)
    return data_copy, out, sha(out)


def problems_of(data: Path, out: Path) -> list[Problem]:
    with pytest.raises(BuildError) as caught:
        build.build(data, out)
    return caught.value.problems


@pytest.mark.parametrize("damage", CASES, ids=[c.__name__ for c in CASES])
def test_bad_input_is_named_and_leaves_the_database_unchanged(previous_build, damage):
    data, out, before = previous_build
    (path, line), column, code = damage(data)
    assert code in CODES
    problems = problems_of(data, out)
    expected = f"{data.name}/{path.relative_to(data).as_posix()}"
    named = [p for p in problems if p.file == expected and p.code == code]
    shown = "\n".join(str(p) for p in problems)
    assert named, f"no problem in {expected} with code {code!r}:\n{shown}"
    if line is not None:
        assert any(p.line == line for p in named), shown
    elif path.exists():  # a file that is still there is named with the line where it breaks
        assert all(p.line is not None for p in named), shown
    if column is not None:
        assert any(p.column == column for p in named), shown
    for p in named:  # the message keeps its `file, line N, column C: rule` shape
        assert str(p).startswith(p.file) and str(p).endswith(f": {p.rule}"), str(p)
    assert sha(out) == before, "the previous database was changed"
    assert [p.name for p in out.parent.iterdir()] == [out.name], "a temporary file was left"


@pytest.mark.parametrize("damage", DOCUMENT_CASES, ids=[c.__name__ for c in DOCUMENT_CASES])
def test_a_document_from_elsewhere_is_refused_and_never_published(previous_build, damage):
    """The refusal quotes the path and says where documents are kept; nothing of the file is
    read into the database (the previous one stays, byte for byte, without it)."""
    data, out, before = previous_build
    (path, _), _, code = damage(data)
    _, _, rows, i = first(data, "sources", lambda r: r["document"])
    refused = [p for p in problems_of(data, out) if p.code == code]
    assert len(refused) == 1, refused
    rule = refused[0].rule
    assert rule.startswith(repr(rows[i]["document"])), rule
    assert "data/documents/" in rule, rule
    assert sha(out) == before
    import duckdb

    con = duckdb.connect(str(out), read_only=True)
    try:
        texts = [r[0] for r in con.execute("SELECT text FROM documents").fetchall()]
    finally:
        con.close()
    assert not any(secret in t for t in texts for secret in ("hunter2", "not for publication"))


REPORTED_WORDS = {
    "reported-pair-incomplete": "is required when",
    "reported-while-not-closed": "status is not 'closed'",
    "reported-after-closing-source": "the pair is pointless",
    "quote-not-found": "quote not found verbatim in data/documents/web-eands-2023-12-28",
}


@pytest.mark.parametrize("damage", REPORTED_CASES, ids=[c.__name__ for c in REPORTED_CASES])
def test_a_bad_closure_report_is_refused_with_what_is_wrong(previous_build, damage):
    """An earlier report of a closure: the message says what is wrong with the pair."""
    data, out, before = previous_build
    _, column, code = damage(data)
    refused = [p for p in problems_of(data, out) if p.code == code and p.column == column]
    assert len(refused) == 1, refused
    assert REPORTED_WORDS[code] in refused[0].rule, refused[0].rule
    assert sha(out) == before


def test_a_metric_typo_names_the_close_metric(previous_build):
    data, out, _ = previous_build
    metric_typo(data)
    typo = [p for p in problems_of(data, out) if p.code == "unknown-metric"]
    assert len(typo) == 1, typo
    assert "'999 average answer time'" in typo[0].rule, typo[0].rule


@pytest.mark.parametrize("damage", MEANING_CASES, ids=[c.__name__ for c in MEANING_CASES])
def test_a_quote_that_does_not_support_its_metric_is_refused_with_what_it_lacks(
    previous_build, damage
):
    """The message names the metric, the measure and what the quote lacks."""
    data, out, before = previous_build
    (path, line), _, code = damage(data)
    _, rows = read(path)
    row = next(r for i, r in enumerate(rows) if line_of(path, i) == line)
    refused = [p for p in problems_of(data, out) if p.code == code]
    assert len(refused) == 1, refused
    rule = refused[0].rule
    assert repr(row["metric"]) in rule and repr(row["measure_id"]) in rule, rule
    lack = {
        "quote-lacks-average": "neither 'average' nor 'mean'",
        "quote-lacks-threshold": "the threshold '10 seconds'",
        "quote-lacks-deadline": "no deadline or time limit",
    }[code]
    assert lack in rule, rule
    assert sha(out) == before


def test_a_straight_apostrophe_for_a_curly_one_is_refused_saying_where(previous_build):
    """A web quote with ' where its kept passage has ’: refused, naming the character of the
    quote, both characters and the line of the kept passage."""
    data, out, before = previous_build
    _, _, rows, i = first(data, "sources", lambda r: r["source_id"] == "cdi-2016-news")
    assert "/web-" in rows[i]["document"]
    path, line = set_cell(
        data,
        "grades",
        "quote",
        lambda r: r["quote"].replace("\u2019", "'", 1),
        lambda r: r["source_id"] == "cdi-2016-news" and "\u2019" in r["quote"],
    )
    _, grades = read(path)
    quote = next(r for j, r in enumerate(grades) if line_of(path, j) == line)["quote"]
    refused = [p for p in problems_of(data, out) if p.code == "quote-not-found"]
    assert len(refused) == 1 and refused[0].line == line, refused
    rule = refused[0].rule
    assert f"character {quote.index(chr(39)) + 1} of the quote" in rule, rule
    assert "the document has '\u2019', the quote has \"'\"" in rule, rule
    assert "line " in rule.split("nearest match at", 1)[1], rule
    assert sha(out) == before


def test_an_invented_web_quote_is_refused(previous_build):
    data, out, before = previous_build
    _, _, rows, i = first(
        data, "measures", lambda r: r["source_id"] == "eands-2022-01-28-call-waits"
    )
    invented = f"Officials confirmed a figure of {rows[i]['value']} in a statement to the paper"
    path, line = set_cell(
        data, "measures", "quote", invented, lambda r: r["measure_id"] == rows[i]["measure_id"]
    )
    refused = [p for p in problems_of(data, out) if p.code == "quote-not-found"]
    assert [(p.line, p.column) for p in refused] == [(line, "quote")], refused
    assert "nothing like it is in the document" in refused[0].rule, refused[0].rule
    assert sha(out) == before


def test_a_kept_passage_changed_since_its_checksum_is_refused(previous_build):
    data, out, before = previous_build
    _, _, rows, i = first(data, "sources", WEB)
    path = data.parent / rows[i]["document"]
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added later.\n")
    refused = [p for p in problems_of(data, out) if p.code == "checksum-mismatch"]
    assert [p.file for p in refused] == [f"{data.name}/{rows[i]['document'].split('/', 1)[1]}"]
    assert sha(out) == before


def test_the_command_prints_file_line_column_and_rule(previous_build):
    """Through `python -m pfcc.ingest.build`: exit code 1, one line per problem, database
    unchanged."""
    data, out, before = previous_build
    (path, line), column, _ = metric_typo(data)
    done = run_build(data, out)
    assert done.returncode == 1, done.stdout
    where = f"{data.name}/{path.relative_to(data).as_posix()}, line {line}, column {column}: "
    lines = [line.strip() for line in done.stderr.splitlines()]
    assert any(line.startswith(where + "unknown metric") for line in lines), done.stderr
    assert "Traceback" not in done.stderr
    assert sha(out) == before


def test_spreadsheet_habits_are_accepted(previous_build, con):
    """A byte-order mark, Windows line endings and trailing blank lines, on every hand-edited
    file. The Home Office series is not hand-edited: it is kept byte for byte and checksummed, so
    rewriting it is refused (tests/test_official_series_build.py)."""
    data, out, _ = previous_build
    for path in data.rglob("*.csv"):
        if "home-office-outcomes" in path.parts:
            continue
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        path.write_bytes(
            b"\xef\xbb\xbf" + (text.rstrip("\n") + "\n\n\n").replace("\n", "\r\n").encode("utf-8")
        )
    done = run_build(data, out)
    assert done.returncode == 0, done.stderr
    import duckdb

    fresh = duckdb.connect(str(out), read_only=True)
    try:
        for table in ("sources", "metrics", "measures", "grades", "milestones", "recommendations"):
            n_fresh = fresh.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            n_ref = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert n_fresh == n_ref, table
        # quotes keep their text exactly: no stray carriage returns
        assert (
            fresh.execute(
                "SELECT count(*) FROM measures WHERE quote LIKE '%' || chr(13) || '%'"
            ).fetchone()[0]
            == 0
        )
    finally:
        fresh.close()


def test_build_prints_its_summary(tmp_path):
    done = run_build(REPO / "data", tmp_path / "db.duckdb")
    assert done.returncode == 0, done.stderr
    for word in (
        "rows per table",
        "sources",
        "measures",
        "grades",
        "milestones",
        "recommendations",
        "sources by tier",
        "inspection",
        "data version",
    ):
        assert word in done.stdout, word


# --- when the data last changed (build_info.data_changed_at) -------------------------------------


def test_the_data_date_comes_from_git_in_a_clone(data_copy, monkeypatch):
    """A fresh clone (as CI runs): the last commit that touched the inputs, not the checkout's
    file times; a later commit to data/README.md alone does not count."""
    monkeypatch.delenv("PFCC_DATA_CHANGED_AT", raising=False)
    repo = data_copy.parent
    env = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args, when="2025-03-04T05:06:07+01:00"):
        stamp = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
            cwd=repo,
            check=True,
            capture_output=True,
            env={"PATH": "/usr/bin:/bin", **env, **stamp},
        )

    git("init", "-q")
    git("add", "data")
    git("commit", "-qm", "data")
    (data_copy / "README.md").write_text("edited\n")
    git("commit", "-qam", "docs", when="2025-06-01T00:00:00+00:00")
    when, basis = inputs.data_changed_at(data_copy)
    assert when.isoformat() == "2025-03-04T04:06:07" and "git commit" in basis, basis
    # uncommitted changes to an input: the files' own time, and the summary says so
    (data_copy / "metrics.csv").write_bytes((data_copy / "metrics.csv").read_bytes() + b"\n")
    assert "newest input file" in inputs.data_changed_at(data_copy)[1]


def test_without_git_the_date_is_the_files_or_the_variable(previous_build, monkeypatch):
    """No .git (a Docker build context, a copied folder): the build still works, dated by
    PFCC_DATA_CHANGED_AT where given, else by the newest input file, and says which."""
    data, out, _ = previous_build
    monkeypatch.delenv("PFCC_DATA_CHANGED_AT", raising=False)
    assert "newest input file" in inputs.data_changed_at(data)[1]
    monkeypatch.setenv("PFCC_DATA_CHANGED_AT", "2026-11-23T16:57:10+01:00")
    summary = build.build(data, out)
    assert summary.changed == "2026-11-23 15:57:10 UTC, from PFCC_DATA_CHANGED_AT"
    import duckdb

    con = duckdb.connect(str(out), read_only=True)
    try:
        stored = con.execute("SELECT data_changed_at FROM build_info").fetchone()[0]
    finally:
        con.close()
    assert stored.isoformat() == "2026-11-23T15:57:10"


def test_an_unusable_data_date_stops_the_build(previous_build, monkeypatch):
    data, out, before = previous_build
    monkeypatch.setenv("PFCC_DATA_CHANGED_AT", "last Tuesday")
    done = run_build(data, out)
    assert done.returncode == 1
    assert "build stopped: PFCC_DATA_CHANGED_AT='last Tuesday' is not a date" in done.stderr
    assert "Traceback" not in done.stderr
    assert sha(out) == before
