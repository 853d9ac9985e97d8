"""Reading the built database in a test, with the test's own SQL."""

from __future__ import annotations


def rows(con, sql: str, *params) -> list[dict]:
    """The result of `sql` with bound `params`, one dict per row."""
    cur = con.cursor()
    res = cur.execute(sql, list(params))
    names = [d[0] for d in res.description]
    return [dict(zip(names, r)) for r in res.fetchall()]
