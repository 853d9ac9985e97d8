-- What happened to causes of concern, recommendations and areas for improvement between
-- $date_from and $date_to: raised (published), closed (closure published), fallen due, and
-- still overdue at $date_to (due before it, no closure published by then). A closure is
-- published with the earlier of its dated source (closed_*) and a report of it (reported_*).
WITH r AS (
  SELECT r.*, s.title AS source_title, s.publisher, s.tier, s.url,
         cs.title AS closed_source_title, cs.publisher AS closed_publisher,
         cs.tier AS closed_tier, cs.url AS closed_url, cs.public_on AS closed_source_public_on,
         rs.title AS reported_source_title, rs.publisher AS reported_publisher,
         rs.tier AS reported_tier, rs.url AS reported_url,
         rs.public_on AS reported_source_public_on
  FROM recommendations r
  JOIN sources s USING (source_id)
  LEFT JOIN sources cs ON cs.source_id = r.closed_source_id
  LEFT JOIN sources rs ON rs.source_id = r.reported_source_id
)
SELECT 'raised' AS change, public_on AS changed_on, * FROM r
WHERE public_on BETWEEN $date_from AND $date_to
UNION ALL BY NAME
SELECT 'closed' AS change, closure_public_on AS changed_on, * FROM r
WHERE closure_public_on BETWEEN $date_from AND $date_to
UNION ALL BY NAME
SELECT 'fell due' AS change, due_on AS changed_on, * FROM r
WHERE due_on BETWEEN $date_from AND $date_to AND public_on <= $date_to
UNION ALL BY NAME
SELECT 'overdue' AS change, due_on AS changed_on, * FROM r
WHERE due_on < $date_to AND public_on <= $date_to
  AND (closure_public_on IS NULL OR closure_public_on > $date_to)
ORDER BY change, changed_on, rec_id
