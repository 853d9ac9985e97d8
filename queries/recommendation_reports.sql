-- The reports that raised recommendations, for the report filter.
SELECT DISTINCT r.source_id, s.title AS source_title, s.published_label, s.published_on,
       s.public_on
FROM recommendations r
JOIN sources s USING (source_id)
ORDER BY s.published_on NULLS FIRST, r.source_id
