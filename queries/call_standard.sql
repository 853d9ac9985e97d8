-- The national 999 standard as the inspectorate states it.
SELECT m.measure_id, m.metric, m.value, m.unit, m.source_id, s.title AS source_title, s.tier,
       s.url, m.quote
FROM measures m
JOIN sources s USING (source_id)
WHERE m.family = 'calls' AND m.metric LIKE '999 answer standard%'
ORDER BY m.unit
