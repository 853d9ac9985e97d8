-- When figures were last added: the newest publication the dashboard holds, as presented on
-- $as_of (NULL: everything held), never the day the database was built. One row per source
-- published that day. `exact`: the day is the source's own; else the source gives only the
-- month and `public_on` is that month's last day (README, "What was known when").
SELECT public_on, public_on_basis = 'exact' AS exact, publisher, title, source_id
FROM sources
WHERE public_on IS NOT NULL AND ($as_of IS NULL OR public_on <= $as_of)
QUALIFY public_on = max(public_on) OVER ()
ORDER BY publisher, title, source_id
