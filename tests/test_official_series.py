"""The Home Office series in the built database, proved from the CSV files themselves: the views
hold every force and year, a sample of rates recomputed with pandas (not the build's code) agrees,
ranks leave flagged force-years out, and every published figure is reconciled with a reason."""

import pandas as pd
import pytest

from pfcc.paths import DATA_DIR
from tests.support.sql import rows

SERIES = DATA_DIR / "home-office-outcomes" / "editions" / "2026-08-26"  # the one edition
YEARS = [f"{y}/{(y + 1) % 100:02d}" for y in range(2014, 2026)]
BTP = "British Transport Police"


@pytest.fixture(scope="module")
def csvs():
    return {
        "force": pd.read_csv(SERIES / "force_year.csv"),
        "national": pd.read_csv(SERIES / "national_year.csv"),
        "den": pd.read_csv(SERIES / "denominators.csv"),
        "staffs_q": pd.read_csv(SERIES / "staffordshire_quarter.csv"),
    }


def test_every_force_and_year_on_both_bases(con, csvs):
    have = {
        (r["force"], r["financial_year"], r["basis"])
        for r in rows(con, "SELECT force, financial_year, basis FROM outcome_rates")
    }
    territorial = sorted(set(csvs["force"].force) - {BTP})
    assert len(territorial) == 43
    for force in [*territorial, "England and Wales"]:
        for fy in YEARS:
            for basis in ("closed", "recorded"):
                assert (force, fy, basis) in have, (force, fy, basis)
    n = rows(con, "SELECT count(*) AS n FROM outcome_rates WHERE charge_rate IS NULL")[0]["n"]
    assert n == 2 * (len(YEARS) - 1)  # British Transport Police has no offences after 2014/15


@pytest.mark.parametrize(
    "force, fy, basis",
    [
        ("Staffordshire", "2014/15", "recorded"),
        ("Staffordshire", "2022/23", "closed"),
        ("Staffordshire", "2025/26", "recorded"),
        ("Kent", "2019/20", "recorded"),
        ("City of London", "2023/24", "closed"),
    ],
)
def test_a_force_rate_recomputed_from_the_csvs(con, csvs, force, fy, basis):
    f, d = csvs["force"], csvs["den"]
    row = f[(f.force == force) & (f.fy == fy)].iloc[0]
    offences = d[(d.force == force) & (d.fy == fy)].recorded_crime.iloc[0]
    got = rows(
        con,
        "SELECT * FROM outcome_rates WHERE force = ? AND financial_year = ? AND basis = ?",
        force,
        fy,
        basis,
    )[0]
    assert got["offences"] == offences
    assert got["charged"] == row[f"{basis}_ex_fraud_t1"]
    assert got["out_of_court"] == row[f"{basis}_ex_fraud_oocd"]
    assert got["charge_rate"] == pytest.approx(100 * row[f"{basis}_ex_fraud_t1"] / offences)
    assert got["positive_rate"] == pytest.approx(100 * row[f"{basis}_ex_fraud_positive"] / offences)


@pytest.mark.parametrize("fy", ["2015/16", "2018/19", "2025/26"])
def test_england_and_wales_is_the_43_territorial_forces(con, csvs, fy):
    f, n, d = csvs["force"], csvs["national"], csvs["den"]
    btp = f[(f.force == BTP) & (f.fy == fy)].iloc[0]
    charged = n[n.fy == fy].recorded_ex_fraud_t1.iloc[0] - btp.recorded_ex_fraud_t1
    offences = d[(d.fy == fy) & (d.force != BTP)].recorded_crime.sum()
    got = rows(
        con,
        "SELECT * FROM outcome_rates WHERE force = 'England and Wales' AND financial_year = ?"
        " AND basis = 'recorded'",
        fy,
    )[0]
    assert (got["charged"], got["offences"]) == (charged, offences)
    assert got["charge_rate"] == pytest.approx(100 * charged / offences)
    assert got["provisional"] == (fy == "2025/26")


def test_quarters_hold_counts_and_shares_not_rates(con, csvs):
    q = csvs["staffs_q"]
    cols = {r["column_name"] for r in rows(con, "DESCRIBE outcome_rates_quarterly")}
    assert "charge_rate" not in cols and "offences" not in cols
    got = rows(
        con,
        "SELECT * FROM outcome_rates_quarterly WHERE force = 'Staffordshire'"
        " AND financial_year = '2021/22' AND quarter = 3 AND basis = 'closed'",
    )[0]
    src = q[(q.fy == "2021/22") & (q.q == 3)].iloc[0]
    assert got["charged"] == src.closed_ex_fraud_t1
    assert got["charge_share_of_positive"] == pytest.approx(
        100 * src.closed_ex_fraud_t1 / src.closed_ex_fraud_positive
    )
    assert str(got["period_start"]) == "2021-10-01" and str(got["period_end"]) == "2021-12-31"
    n = rows(con, "SELECT count(*) AS n FROM outcome_rates_quarterly")[0]["n"]
    assert n == 2 * 2 * 4 * len(YEARS)


def test_ranks_leave_out_flagged_rows_btp_and_the_nation(con):
    bad = rows(
        con,
        "SELECT force, financial_year, basis FROM outcome_rates WHERE rank_charge_rate IS NOT"
        " NULL AND (flagged OR force IN ('England and Wales', 'British Transport Police'))",
    )
    assert bad == []
    flagged = rows(
        con,
        "SELECT count(*) AS n FROM outcome_rates r JOIN outcome_flags f ON f.force = r.force"
        " AND f.financial_year = r.financial_year AND coalesce(f.basis, r.basis) = r.basis"
        " WHERE r.rank_charge_rate IS NOT NULL",
    )[0]["n"]
    assert flagged == 0
    gm = rows(
        con,
        "SELECT kind FROM outcome_flags WHERE force = 'Greater Manchester'"
        " AND financial_year = '2019/20'",
    )
    assert "incomplete-records" in {r["kind"] for r in gm}
    derby = rows(
        con,
        "SELECT kind FROM outcome_flags WHERE force = 'Derbyshire' AND financial_year = '2022/23'",
    )
    assert "repeated-value" in {r["kind"] for r in derby}
    top = rows(
        con,
        "SELECT max(rank_charge_rate) AS worst, min(rank_charge_rate) AS best FROM outcome_rates"
        " WHERE financial_year = '2024/25' AND basis = 'closed'",
    )[0]
    assert top["best"] == 1 and top["worst"] <= 43


def test_every_published_charge_rate_is_reconciled_with_a_reason(con):
    bulletins = rows(
        con,
        "SELECT measure_id FROM measures WHERE metric = 'Charge/summons rate'"
        " AND source_id LIKE 'gov-crime-outcomes-%'",
    )
    assert len(bulletins) == 8
    rec = {r["measure_id"]: r for r in rows(con, "SELECT * FROM reconciliation")}
    for b in bulletins:
        r = rec[b["measure_id"]]
        assert r["computed"] is not None and r["explanation"].strip(), r
        assert r["agrees"] == (r["computed_as_stated"] == r["stated_as_written"])
    peel = [r for r in rec.values() if r["source_id"] == "peel-2015-effectiveness"]
    assert {r["geography"] for r in peel} == {"Staffordshire", "England and Wales"}
    assert all(not r["comparable"] for r in peel if r["unit"] == "per 100 offences")


def test_the_licence_and_the_copy_are_kept(con):
    text = (DATA_DIR.parent / "README.md").read_text(encoding="utf-8")
    assert "Contains public sector information licensed under the Open Government" in text
    # every kept text has its sha256 now; the series' six files are official statistics
    srcs = rows(con, "SELECT * FROM sources WHERE document LIKE 'data/home-office-outcomes/%'")
    assert len(srcs) == 6 and all(s["tier"] == "official statistics" for s in srcs)
    assert all(s["sha256"] for s in srcs)
