"""How figures and dates are written on screen, in tables and in generated sentences
(docs/style-guide.md): "%" after a percentage, time units in full ("7.41 seconds") because titles
are read aloud and "s" is not a word; dates as "21 May 2024" (pfcc.text.words)."""

from __future__ import annotations

from pfcc.text.words import date_text

UNIT_SUFFIX = {
    "percent": "%",
    "seconds": " seconds",
    "minutes": " minutes",
    "per 100 offences": " per 100",
    "per 1,000 population": " per 1,000",
    "per 1,000 households": " per 1,000 households",
    "per million population": " per million",
    "pounds": "",
    "rank": "",
    "months": " months",
    "years": " years",
    "count": "",
}


# a unit whose noun agrees with the figure: "1 second", "2 seconds"
SINGULAR = {"seconds": " second", "minutes": " minute", "months": " month", "years": " year"}


def fmt_date(d, precision: str = "day") -> str:
    """'21 May 2024', or 'May 2024' where the source gives only the month."""
    return date_text(d, precision)


def plain_number(value: float) -> str:
    """A number with thousands separators and no trailing zeros: 6700.50 -> '6,700.5'."""
    return f"{value:,.10f}".rstrip("0").rstrip(".")


def fmt_value(
    value: float, unit: str, qualifier: str | None = None, written: str | None = None
) -> str:
    """A figure as the source wrote it ("17.0", not 17): never re-rounded."""
    text = written if isinstance(written, str) and written else plain_number(value)
    suffix = UNIT_SUFFIX.get(unit, f" {unit}")
    if text == "1" and unit in SINGULAR:
        suffix = SINGULAR[unit]
    if unit == "pounds":
        text = "£" + text
    q = f"{qualifier} " if isinstance(qualifier, str) and qualifier else ""
    return f"{q}{text}{suffix}"


def decimals(x: float) -> int:
    """How many decimal places a number carries: 17.25 -> 2, 6700.0 -> 0."""
    text = f"{x:.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0
