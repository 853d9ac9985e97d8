"""How figures and dates are written on screen, in tables and in generated sentences."""

from __future__ import annotations

import pandas as pd

UNIT_SUFFIX = {
    "percent": "%",
    "seconds": " s",
    "minutes": " min",
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


def fmt_date(d, precision: str = "day") -> str:
    """'21 May 2024', or 'May 2024' where the source gives only the month."""
    if d is None or pd.isna(d):
        return "date not stated"
    d = pd.Timestamp(d)
    return d.strftime("%B %Y") if precision == "month" else f"{d.day} {d:%B %Y}"


def plain_number(value: float) -> str:
    """A number with thousands separators and no trailing zeros: 6700.50 -> '6,700.5'."""
    return f"{value:,.10f}".rstrip("0").rstrip(".")


def fmt_value(
    value: float, unit: str, qualifier: str | None = None, written: str | None = None
) -> str:
    """A figure as the source wrote it ("17.0", not 17): never re-rounded."""
    text = written if isinstance(written, str) and written else plain_number(value)
    suffix = UNIT_SUFFIX.get(unit, f" {unit}")
    if unit == "pounds":
        text = "£" + text
    q = f"{qualifier} " if isinstance(qualifier, str) and qualifier else ""
    return f"{q}{text}{suffix}"


def decimals(x: float) -> int:
    """How many decimal places a number carries: 17.25 -> 2, 6700.0 -> 0."""
    text = f"{x:.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0
