-- Inspection grades that became public between $date_from and $date_to, each with the previous
-- grade for the same theme published before it.
SELECT g.grade_id, g.inspection, g.area, g.theme, g.grade, g.scale, g.public_on, g.source_id,
       s.title AS source_title, s.publisher, s.tier, s.url,
       p.grade AS previous_grade, p.inspection AS previous_inspection
FROM grades g
JOIN sources s USING (source_id)
LEFT JOIN LATERAL (
  SELECT q.grade, q.inspection
  FROM grades q
  WHERE q.theme = g.theme AND q.public_on < g.public_on
  ORDER BY q.public_on DESC
  LIMIT 1
) p ON TRUE
WHERE g.public_on BETWEEN $date_from AND $date_to
ORDER BY g.public_on, g.inspection, g.theme, g.area
