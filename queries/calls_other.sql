-- Other call figures: volumes, abandonment, league-table positions.
SELECT m.measure_id, m.metric, m.geography, m.period_label, m.period_end, m.value, m.value_as_written,
       m.qualifier, m.unit, m.comparability, m.source_id, s.title AS source_title, s.tier,
       s.url, m.quote
FROM measures m
JOIN sources s USING (source_id)
WHERE m.family = 'calls'
  AND m.metric NOT IN ('999 average answer time', '999 calls answered within 10 seconds',
                       '101 average answer time')
  AND m.metric NOT LIKE '999 answer standard%'
ORDER BY m.metric, m.period_end
