"""HTML as a reader (or a screen reader) meets it, parsed with the standard library: the tables,
each with its caption, column headers and rows, and the text with its entities decoded. Tests
check these, not the markup's spelling."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Table:
    caption: str = ""
    # the column headers: th in thead, or th scope=col
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # the body rows, as cell text


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.text: list[str] = []
        self._open: list[Table] = []  # tables being read, innermost last
        self._in: list[str] = []  # open elements that collect text: caption, th, td
        self._cell: list[str] = []
        self._row: list[str] | None = None
        self._thead = False
        self._column_header = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._open.append(Table())
        elif not self._open:
            return
        elif tag == "thead":
            self._thead = True
        elif tag == "tr":
            self._row = []
        elif tag in ("caption", "th", "td"):
            self._in.append(tag)
            self._cell = []
            self._column_header = tag == "th" and (self._thead or attrs.get("scope") == "col")

    def handle_endtag(self, tag):
        if not self._open:
            return
        table = self._open[-1]
        if tag == "table":
            self.tables.append(self._open.pop())
        elif tag == "thead":
            self._thead = False
        elif tag in ("caption", "th", "td") and self._in and self._in[-1] == tag:
            self._in.pop()
            text = " ".join("".join(self._cell).split())
            if tag == "caption":
                table.caption = text
            elif self._column_header:
                table.columns.append(text)
            elif self._row is not None:
                self._row.append(text)
        elif tag == "tr" and self._row is not None:
            if self._row:  # a header row has no body cells
                table.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        self.text.append(data)
        if self._in:
            self._cell.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def tables(html: str) -> list[Table]:
    """Every table in `html`, in document order of their ends (inner tables first)."""
    return read(html).tables


def text(html: str) -> str:
    """What the HTML says, entities decoded, white space folded."""
    return " ".join("".join(read(html).text).split())
