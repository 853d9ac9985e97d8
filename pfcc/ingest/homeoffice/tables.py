"""The Home Office series in the database: the loaded rows with their file and line, and the
public views built on them (outcome_rates, outcome_rates_quarterly, outcome_mix, recorded_crime).
Definitions, stated once here and in README "Data":

- offences: recorded crime in the police force area tables as denominators.csv holds it (Action
  Fraud rows dropped, so centrally recorded fraud is not in it); charged, out_of_court and
  positive exclude fraud (the `ex_fraud` columns), as the Home Office's charge/summons rate does.
- England and Wales (annual): the 43 territorial forces on both sides of every rate, i.e.
  national_year.csv less British Transport Police's force_year.csv row (the build proves the 44
  forces sum to national_year.csv), because British Transport Police has no recorded crime figure
  after 2014/15. Quarterly England and Wales is national_quarter.csv, all 44 forces: no quarterly
  file for British Transport Police exists here, and no quarterly denominator at all.
- provisional: the recorded basis in the latest financial year of the files, whose offences have
  had less than a year to reach an outcome (outcomes assigned later are added in later
  editions). The closed basis counts an outcome in the quarter the investigation closed, so it is
  never provisional."""

from __future__ import annotations

from datetime import date

import pandas as pd

from pfcc.ingest.homeoffice.series import BTP, GROUPS, MEASURES, NATIONAL, TERRITORIAL, Editions
from pfcc.ingest.public import PublicDays

EW_ANNUAL = "43 territorial forces: national_year.csv less British Transport Police"
EW_QUARTER = "44 forces including British Transport Police (national_quarter.csv)"
LABELS = {
    "t1": "Charged/summonsed",
    "t2": "Caution – youths",
    "t3": "Caution – adults",
    "t6": "Penalty notice for disorder",
    "t7": "Cannabis or khat warning",
    "t8": "Community resolution",
    "t22": "Diversionary, educational or intervention activity",
    "oocd": "All out-of-court disposals (2, 3, 6, 7, 8, 22)",
    "positive": "Positive outcomes (charge/summons plus out-of-court)",
    "assigned": "All assigned outcomes",
}

TABLES_DDL = (
    f"""CREATE TABLE ho_outcome_counts (
  edition DATE NOT NULL,
  file VARCHAR NOT NULL,
  line INTEGER NOT NULL,
  source_id VARCHAR NOT NULL REFERENCES sources(source_id),
  force VARCHAR NOT NULL,
  financial_year VARCHAR NOT NULL,
  quarter INTEGER CHECK (quarter BETWEEN 1 AND 4),
  basis VARCHAR NOT NULL CHECK (basis IN ('closed', 'recorded')),
  scope VARCHAR NOT NULL CHECK (scope IN ('all', 'ex_fraud')),
  column_prefix VARCHAR NOT NULL,
  {", ".join(f"{m} BIGINT NOT NULL" for m in MEASURES)},
  public_on DATE,
  UNIQUE (file, force, financial_year, quarter, basis, scope)
)""",
    """CREATE TABLE ho_recorded_crime (
  edition DATE NOT NULL,
  file VARCHAR NOT NULL,
  line INTEGER NOT NULL,
  source_id VARCHAR NOT NULL REFERENCES sources(source_id),
  force VARCHAR NOT NULL,
  financial_year VARCHAR NOT NULL,
  recorded_crime BIGINT NOT NULL,
  public_on DATE,
  PRIMARY KEY (edition, force, financial_year)
)""",
    """CREATE TABLE outcome_flags (
  edition DATE NOT NULL,
  force VARCHAR NOT NULL,
  financial_year VARCHAR NOT NULL,
  basis VARCHAR CHECK (basis IN ('closed', 'recorded')),
  kind VARCHAR NOT NULL,
  detail VARCHAR NOT NULL,
  file VARCHAR,
  line INTEGER,
  public_on DATE
)""",
)

_M = ", ".join(MEASURES)
_TERR = ", ".join("'" + f.replace("'", "''") + "'" for f in TERRITORIAL)

VIEWS_DDL = (
    # one row per force (44) and England and Wales (43 territorial), year, basis; fraud excluded
    f"""CREATE VIEW ho_annual AS
SELECT edition, force, financial_year, basis, {_M}, source_id, file, line,
       CASE WHEN force = '{BTP}' THEN 'British Transport Police alone'
            ELSE force END AS coverage
FROM ho_outcome_counts
WHERE quarter IS NULL AND scope = 'ex_fraud' AND file LIKE '%/force_year.csv'
UNION ALL
SELECT n.edition, '{NATIONAL}', n.financial_year, n.basis,
       {", ".join(f"n.{m} - b.{m} AS {m}" for m in MEASURES)},
       n.source_id, n.file, n.line, '{EW_ANNUAL}'
FROM ho_outcome_counts n
JOIN ho_outcome_counts b
  ON b.edition = n.edition AND b.force = '{BTP}' AND b.financial_year = n.financial_year
 AND b.basis = n.basis
 AND b.scope = n.scope AND b.quarter IS NULL AND b.file LIKE '%/force_year.csv'
WHERE n.quarter IS NULL AND n.scope = 'ex_fraud' AND n.file LIKE '%/national_year.csv'""",
    f"""CREATE VIEW recorded_crime AS
SELECT edition, force, financial_year,
       make_date(CAST(left(financial_year, 4) AS INTEGER) + 1, 3, 31) AS period_end,
       recorded_crime, source_id, file, line
FROM ho_recorded_crime WHERE financial_year >= '2014/15'
UNION ALL
SELECT edition, '{NATIONAL}', financial_year,
       make_date(CAST(left(financial_year, 4) AS INTEGER) + 1, 3, 31),
       CAST(sum(recorded_crime) AS BIGINT), any_value(source_id), any_value(file), NULL
FROM ho_recorded_crime WHERE force IN ({_TERR}) AND financial_year >= '2014/15'
GROUP BY edition, financial_year HAVING count(*) = {len(TERRITORIAL)}""",
    f"""CREATE VIEW outcome_rates AS
WITH r AS (
  SELECT a.edition, a.force, a.financial_year,
         make_date(CAST(left(a.financial_year, 4) AS INTEGER) + 1, 3, 31) AS period_end,
         a.basis, d.recorded_crime AS offences, a.t1 AS charged, a.oocd AS out_of_court,
         a.positive, 100.0 * a.t1 / d.recorded_crime AS charge_rate,
         100.0 * a.positive / d.recorded_crime AS positive_rate,
         (a.basis = 'recorded' AND a.financial_year =
            (SELECT max(c.financial_year) FROM ho_outcome_counts c
             WHERE c.edition = a.edition)) AS provisional,
         a.source_id, d.source_id AS offences_source_id, a.file, a.line, a.coverage,
         EXISTS (SELECT 1 FROM outcome_flags f WHERE f.edition = a.edition
                 AND f.force = a.force
                 AND f.financial_year = a.financial_year
                 AND (f.basis IS NULL OR f.basis = a.basis)) AS flagged
  FROM ho_annual a
  LEFT JOIN recorded_crime d ON d.edition = a.edition AND d.force = a.force
   AND d.financial_year = a.financial_year
), ranked AS (
  SELECT edition, force, financial_year, basis,
         rank() OVER (PARTITION BY edition, financial_year, basis ORDER BY charge_rate DESC)
           AS rank_charge_rate
  FROM r WHERE force IN ({_TERR}) AND NOT flagged AND charge_rate IS NOT NULL
)
SELECT r.force, r.financial_year, r.period_end, r.basis, r.offences, r.charged,
       r.out_of_court, r.positive, r.charge_rate, r.positive_rate, r.provisional,
       ranked.rank_charge_rate, r.source_id, r.offences_source_id, r.flagged, r.coverage,
       r.file, r.line, r.edition
FROM r LEFT JOIN ranked USING (edition, force, financial_year, basis)""",
    f"""CREATE VIEW outcome_rates_quarterly AS
SELECT force, financial_year, quarter,
       make_date(CAST(left(financial_year, 4) AS INTEGER) + (quarter = 4)::INTEGER,
                 (quarter * 3) % 12 + 1, 1) AS period_start,
       last_day(make_date(CAST(left(financial_year, 4) AS INTEGER) + (quarter = 4)::INTEGER,
                          (quarter * 3 + 2) % 12 + 1, 1)) AS period_end,
       basis, t1 AS charged, oocd AS out_of_court, positive, assigned,
       100.0 * t1 / nullif(positive, 0) AS charge_share_of_positive,
       100.0 * oocd / nullif(positive, 0) AS out_of_court_share_of_positive,
       (basis = 'recorded' AND financial_year =
          (SELECT max(c.financial_year) FROM ho_outcome_counts c
           WHERE c.edition = q.edition)) AS provisional,
       source_id,
       CASE WHEN force = '{NATIONAL}' THEN '{EW_QUARTER}' ELSE force END AS coverage,
       file, line, edition
FROM ho_outcome_counts q
WHERE quarter IS NOT NULL AND scope = 'ex_fraud'""",
    """CREATE VIEW outcome_mix AS
SELECT a.force, a.financial_year,
       make_date(CAST(left(a.financial_year, 4) AS INTEGER) + 1, 3, 31) AS period_end,
       a.basis, u.outcome, l.label AS outcome_label,
       u.outcome IN ('t2', 't3', 't6', 't7', 't8', 't22') AS is_out_of_court_type,
       u.count, 100.0 * u.count / nullif(a.positive, 0) AS share_of_positive,
       100.0 * u.count / nullif(a.assigned, 0) AS share_of_assigned,
       a.source_id, a.file, a.line, a.basis || '_ex_fraud_' || u.outcome AS "column",
       a.coverage, a.edition
FROM ho_annual a,
     LATERAL (UNPIVOT (SELECT a.t1, a.t2, a.t3, a.t6, a.t7, a.t8, a.t22, a.oocd, a.positive,
                              a.assigned) ON COLUMNS(*) INTO NAME outcome VALUE count) u
JOIN outcome_labels l ON l.outcome = u.outcome""",
)


def _insert(con, table: str, columns: list[str], rows: list[list]) -> None:
    """Insert rows through one pandas frame; the table's constraints still check every row."""
    if not rows:
        return
    frame = pd.DataFrame(rows, columns=columns).astype(object)
    frame = frame.where(frame.notna(), None)
    con.register("_incoming", frame)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM _incoming")
    finally:
        con.unregister("_incoming")


def write(con, editions: Editions, flags: list[dict], public: PublicDays) -> None:
    """Every edition's rows, each carrying its edition (the day it was published) and when it
    became public (`public_on`)."""
    for stmt in TABLES_DDL:
        con.execute(stmt)
    con.execute("CREATE TABLE outcome_labels (outcome VARCHAR PRIMARY KEY, label VARCHAR)")
    con.executemany("INSERT INTO outcome_labels VALUES (?, ?)", list(LABELS.items()))
    counts, crime = [], []
    for series in editions.editions:
        on = date.fromisoformat(series.edition)
        for name, rows in series.rows.items():
            sid = series.source_of[name]
            for r in rows:
                if name == "denominators.csv":
                    day = public.day("ho_recorded_crime", {"source_id": sid})
                    crime.append(
                        [on, r.file, r.line, sid, r.force, r.fy, r.counts["recorded_crime"], day]
                    )
                    continue
                day = public.day("ho_outcome_counts", {"source_id": sid})
                for g in GROUPS:
                    basis, scope = g.split("_", 1)
                    counts.append(
                        [on, r.file, r.line, sid, r.force, r.fy, r.q]
                        + [basis, scope.rstrip("_"), g]
                        + [r.counts[g + m] for m in MEASURES]
                        + [day]
                    )
    cols = "edition, file, line, source_id, force, financial_year, quarter, basis, scope"
    # whole frames, not executemany: row-by-row inserts were most of the build's time
    _insert(
        con,
        "ho_outcome_counts",
        [*cols.split(", "), "column_prefix", *MEASURES, "public_on"],
        counts,
    )
    _insert(
        con,
        "ho_recorded_crime",
        ["edition", "file", "line", "source_id", "force", "financial_year", "recorded_crime"]
        + ["public_on"],
        crime,
    )
    _insert(
        con,
        "outcome_flags",
        ["edition", "force", "financial_year", "basis", "kind", "detail", "file", "line"]
        + ["public_on"],
        [
            [date.fromisoformat(f["edition"]), f["force"], f["fy"], f.get("basis"), f["kind"]]
            + [f["detail"], f.get("file"), f.get("line"), public.day("outcome_flags", f)]
            for f in flags
        ],
    )
    for stmt in VIEWS_DDL:
        con.execute(stmt)
