"""The Home Office series against what was published: every England and Wales charge/summons
rate the stored bulletins and reports state (data/measures), and HMIC's 2015 Staffordshire and
England and Wales charged/summonsed figures. One definition throughout, the Home Office's own:
charges for offences recorded in the year, excluding fraud, as a share of the offences recorded
in the year (outcome_rates, recorded basis). Nothing is tuned to make a number match: a
difference is kept, with its explanation, in the `reconciliation` table."""

from __future__ import annotations

from pfcc.ingest.public import PublicDays

BULLETIN_SOURCES = (
    "gov-crime-outcomes-2019-20",
    "gov-crime-outcomes-2020-21",
    "gov-crime-outcomes-2022-23",
    "times-2019-07-18-charge-rate",
    "wiredgov-2019-07-charge-rate",
)
PEEL = "peel-2015-effectiveness"
LATER = (
    "The stated figure is from the bulletin's first publication; today's tables add the charges"
    " assigned since then to offences recorded in that year (the recorded basis keeps accruing),"
    " and the denominator here is the 43 territorial forces' recorded crime as denominators.csv"
    " holds it, which may differ from the bulletin's offences recorded in the year excluding"
    " fraud and computer misuse (the files do not give that figure). Both push the computed rate"
    " away from the stated one; the files cannot separate the two."
)
FIRST_YEAR = (
    " 2014/15 is also the series' first year: eight forces supplied no counts to these tables"
    " (validation-report.json), so its recorded-basis charges are short (outcome_flags,"
    " first-year-partial); the closed basis reads {closed:.2f}."
)
DEVON = " This bulletin's figures exclude Devon and Cornwall; these cover all 43 forces."


def _fy(period_end) -> str:
    return f"{period_end.year - 1}/{period_end.year % 100:02d}"


def _as_stated(computed: float | None, written: str) -> str | None:
    if computed is None:
        return None
    decimals = len(written.split(".")[1]) if "." in written else 0
    return f"{computed:,.{decimals}f}" if "," in written else f"{computed:.{decimals}f}"


# the series as it now stands: the newest edition (earlier editions are kept, not compared)
LATEST = " AND edition = (SELECT max(edition) FROM ho_outcome_counts)"


def _rate(con, force: str, fy: str, basis: str) -> float | None:
    row = con.execute(
        "SELECT charge_rate FROM outcome_rates WHERE force = ? AND financial_year = ?"
        " AND basis = ?" + LATEST,
        [force, fy, basis],
    ).fetchone()
    return row[0] if row else None


def _rows(con) -> list[dict]:
    out = []
    q = ", ".join("?" for _ in BULLETIN_SOURCES)
    for mid, sid, geo, label, end, value, written, unit, source_title in con.execute(
        "SELECT m.measure_id, m.source_id, m.geography, m.period_label, m.period_end, m.value,"
        " m.value_as_written, m.unit, s.title FROM measures m JOIN sources s USING (source_id)"
        f" WHERE m.metric = 'Charge/summons rate' AND m.source_id IN ({q})"
        " ORDER BY m.period_end, m.source_id",
        list(BULLETIN_SOURCES),
    ).fetchall():
        fy = _fy(end)
        computed = _rate(con, geo, fy, "recorded")
        why = LATER
        closed = _rate(con, geo, fy, "closed") if fy == "2014/15" else None
        if closed is not None:  # an edition without 2014/15 has no first year to explain
            why += FIRST_YEAR.format(closed=closed)
        if sid == "gov-crime-outcomes-2022-23":
            why += DEVON
        out.append(
            dict(
                target=f"{geo} charge/summons rate {fy} ({source_title})",
                measure_id=mid, source_id=sid, geography=geo, period_label=label,
                stated=value, stated_as_written=written, unit=unit, computed=computed,
                computed_from=f"outcome_rates: {geo}, {fy}, recorded basis, charge_rate",
                comparable=True, explanation=why,
            )
        )  # fmt: skip
    out += _peel(con)
    return out


def _peel(con) -> list[dict]:
    """HMIC's Figure 4: outcomes recorded in the 12 months to 30 June 2015. The quarters give
    the same period's charges (closed basis: an outcome counted when it was recorded); no
    quarterly recorded crime exists, so its rate meets only the financial year 2014/15's."""
    quarters = (
        "(financial_year = '2014/15' AND quarter IN (2, 3, 4))"
        " OR (financial_year = '2015/16' AND quarter = 1)"
    )
    out = []
    for geo, suffix in (("Staffordshire", "staffs"), ("England and Wales", "ew")):
        count = con.execute(
            "SELECT sum(charged), count(*) FROM outcome_rates_quarterly"
            f" WHERE force = ? AND basis = 'closed' AND ({quarters})" + LATEST,
            [geo],
        ).fetchone()
        for kind in ("count", "rate"):
            row = con.execute(
                "SELECT measure_id, source_id, period_label, value, value_as_written, unit"
                " FROM measures WHERE measure_id = ?",
                [f"{PEEL}/outcomes-charged-{kind}-{suffix}"],
            ).fetchone()
            if row is None:
                continue
            mid, sid, label, value, written, unit = row
            if kind == "count":
                computed = float(count[0]) if count[1] == 4 else None
                coverage = "Staffordshire" if geo == "Staffordshire" else "44 forces including BTP"
                item = dict(
                    computed=computed,
                    computed_from="outcome_rates_quarterly: charged, closed basis, 2014/15"
                    f" Q2-Q4 and 2015/16 Q1 ({coverage})",
                    comparable=True,
                    explanation="The same twelve months. HMIC counts outcomes recorded in the"
                    " period, which is the closed basis; a difference is outcomes re-recorded"
                    " or corrected since HMIC's extract, and England and Wales here includes"
                    " British Transport Police, which HMIC's figure may not.",
                )
            else:
                item = dict(
                    computed=_rate(con, geo, "2014/15", "closed"),
                    computed_from=f"outcome_rates: {geo}, 2014/15, closed basis, charge_rate",
                    comparable=False,
                    explanation="Not the same period: HMIC's rate is for the 12 months to 30"
                    " June 2015 and these files hold recorded crime only by financial year (no"
                    " quarterly denominator), so the nearest is April 2014 to March 2015. Shown"
                    " for context, not as a test.",
                )
            out.append(
                dict(
                    target=f"{geo} charged/summonsed {kind}, {label} (HMIC PEEL 2015)",
                    measure_id=mid, source_id=sid, geography=geo, period_label=label,
                    stated=value, stated_as_written=written, unit=unit, **item,
                )
            )  # fmt: skip
    return out


def write(con, public: PublicDays) -> list[str]:
    con.execute(
        """CREATE TABLE reconciliation (
  target VARCHAR NOT NULL,
  measure_id VARCHAR NOT NULL REFERENCES measures(measure_id),
  source_id VARCHAR NOT NULL REFERENCES sources(source_id),
  geography VARCHAR NOT NULL,
  period_label VARCHAR NOT NULL,
  stated DOUBLE NOT NULL,
  stated_as_written VARCHAR NOT NULL,
  unit VARCHAR NOT NULL,
  computed DOUBLE,
  computed_as_stated VARCHAR,
  agrees BOOLEAN,
  comparable BOOLEAN NOT NULL,
  computed_from VARCHAR NOT NULL,
  explanation VARCHAR NOT NULL,
  public_on DATE
)"""
    )
    lines = []
    for r in _rows(con):
        shown = _as_stated(r["computed"], r["stated_as_written"])
        r["computed_as_stated"] = shown
        r["agrees"] = None if shown is None else shown == r["stated_as_written"]
        if r["agrees"]:
            r["explanation"] = "Agrees to the stated rounding. " + r["explanation"]
        r["public_on"] = public.day("reconciliation", r)
        cols = list(r)
        con.execute(
            f"INSERT INTO reconciliation ({', '.join(cols)}) VALUES"
            f" ({', '.join('?' for _ in cols)})",
            [r[c] for c in cols],
        )
        verdict = "agrees" if r["agrees"] else "differs" if r["comparable"] else "not comparable"
        lines.append(
            f"{r['target'][:70]:<70} stated {r['stated_as_written']:>8}"
            f"  computed {shown or '-':>8}  {verdict}"
        )
    return lines
