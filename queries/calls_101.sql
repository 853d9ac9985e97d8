-- 101 non-emergency calls: average answer time as each source states it, with the value in
-- minutes alongside for a common axis (seconds / 60; the stated figure is kept).
SELECT m.measure_id, m.metric, m.geography, m.period_label, m.period_start, m.period_end, m.period_length,
       m.value, m.value_as_written, m.qualifier, m.unit,
       CASE m.unit WHEN 'seconds' THEN m.value / 60.0 ELSE m.value END AS minutes,
       m.comparability, m.source_id, s.title AS source_title, s.published_on AS source_published_on, m.public_on, s.publisher, s.tier, s.url, m.quote
FROM measures m
JOIN sources s USING (source_id)
WHERE m.metric = '101 average answer time' AND m.unit IN ('seconds', 'minutes')
  AND m.period_end BETWEEN $date_from AND $date_to
ORDER BY m.period_end, m.source_id
