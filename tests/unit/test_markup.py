"""The HTML pieces every renderer shares: tables a screen reader can navigate, source lines that
name tiers in words, and nothing a source says ever read as markup."""

from datetime import date
from html.parser import HTMLParser

import pandas as pd

from pfcc.render import markup


class Cells(HTMLParser):
    """The table as a reader meets it: caption, then (tag, attributes, text) per cell."""

    def __init__(self, html: str):
        super().__init__()
        self.caption, self.cells, self._open = "", [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("th", "td", "caption"):
            self._open = (tag, dict(attrs), [])

    def handle_data(self, data):
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            name, attrs, text = self._open
            if name == "caption":
                self.caption = "".join(text)
            else:
                self.cells.append((name, attrs, "".join(text)))
            self._open = None


def test_table_has_caption_headers_row_headers_and_aligned_numbers():
    df = pd.DataFrame(
        {"what": ["<b>Charge</b>", "Caution"], "n": [6700.0, None], "on": [date(2024, 5, 21)] * 2}
    )
    t = Cells(markup.html_table(df, {"what": "Outcome", "n": "Count", "on": "Date"}, "A & B"))
    assert t.caption == "A & B"
    head = t.cells[:3]
    assert [(c[0], c[1].get("scope"), c[2]) for c in head] == [
        ("th", "col", "Outcome"),
        ("th", "col", "Count"),
        ("th", "col", "Date"),
    ]
    first_row = t.cells[3:6]
    assert first_row[0] == ("th", {"scope": "row"}, "<b>Charge</b>")  # escaped, read as text
    assert first_row[1] == ("td", {"class": "num"}, "6,700")
    assert first_row[2][2] == "21 May 2024"
    assert t.cells[7][2] == "—"  # a missing figure is a dash, never 'nan'


def _sources(n):
    tiers = ["inspection", "official statistics", "secondary", "force or commissioner statement"]
    return pd.DataFrame(
        {
            "source_id": [f"s{i}" for i in range(n)],
            "source_title": [f"Report {i}" for i in range(n)],
            "publisher": ["HMICFRS", "Home Office", "BBC", "Force"][:n],
            "tier": tiers[:n],
            "url": [None] * n,
        }
    )


def test_source_line_names_tiers_in_words_and_counts_the_rest():
    line = markup.source_line(_sources(4), limit=3)
    assert line.startswith("<p class='pfcc-source'>Sources: Report 0 (HMICFRS)")
    assert "Official statistics" in line and " and 1 more (see Sources)" in line
    assert markup.source_line(_sources(1)).startswith("<p class='pfcc-source'>Source: ")


def test_compact_and_plain_source_lines():
    compact = markup.compact_source_line(_sources(4), limit=2)
    assert "4 sources — HMICFRS, Home Office and 2 more" in compact
    assert "Inspection: 1" in compact and "Secondary source: 1" in compact
    assert markup.plain_source_line(_sources(1)) == "Source: Report 0 (HMICFRS) [Inspection]"


def test_quoted_passage_escapes_the_source_and_links_only_a_real_address():
    html = markup.quoted_passage("<script>x</script>", "T", "inspection", None)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<a " not in html
    html = markup.quoted_passage("q", "T", "inspection", "https://example.org/a?b=1&c=2")
    assert "href='https://example.org/a?b=1&amp;c=2'" in html


def test_a_badge_says_who_reports_a_figure_when_it_is_not_the_first_hand_publisher():
    """Official figures in a newspaper are official statistics as reported by the newspaper;
    from the Home Office itself, official statistics; a stored copy says it is one."""
    sources = pd.DataFrame(
        {
            "source_title": ["Charge rates fall", "Crime outcomes", "Outcomes", "Grades", "Blog"],
            "publisher": [
                "The Times",
                "GOV.UK Home Office",
                "Home Office (stored copy on fdocuments.net)",
                "HMICFRS",
                "Lichfield Live",
            ],
            "tier": [
                "official statistics",
                "official statistics",
                "official statistics",
                "inspection",
                "secondary",
            ],
            "url": [""] * 5,
        }
    )
    line = markup.source_line(sources, limit=5)
    assert "<span class='pfcc-tier'>Official statistics, as reported by The Times</span>" in line
    assert "<span class='pfcc-tier'>Official statistics</span>" in line
    assert "Official statistics, stored copy on fdocuments.net" in line
    assert "<span class='pfcc-tier'>Inspection</span>" in line
    assert "<span class='pfcc-tier'>Secondary source</span>" in line
    assert "as reported by The Times" in markup.source_list(sources, [])
    assert "[Official statistics, as reported by The Times]" in markup.plain_source_line(sources)
    assert "as reported by Express &amp; Star" in markup.tier_badge(
        "force or commissioner statement", "Express & Star"
    )


def test_a_quoted_finding_says_who_reports_it():
    df = pd.DataFrame(
        {
            "value_text": ["27%"],
            "metric": ["Charge rate"],
            "period_label": ["2018/19"],
            "quote": ["the charge rate fell to 27%"],
            "source_title": ["Charge rates fall"],
            "tier": ["official statistics"],
            "publisher": ["The Times"],
        }
    )
    assert "Official statistics, as reported by The Times" in markup.findings(df)
