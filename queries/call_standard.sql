-- The national 999 standard as the inspectorate states it: the share of calls within 10 seconds
-- (its 10-second threshold is not charted: data/metrics.csv).
SELECT m.measure_id, m.metric, m.value, m.unit, m.source_id, s.title AS source_title, s.tier,
       s.url, m.quote
FROM measures m
JOIN sources s USING (source_id)
WHERE m.family = 'calls' AND m.metric = '999 answer standard (share within 10 seconds)'
ORDER BY m.unit
