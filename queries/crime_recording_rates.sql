-- How much reported crime the force recorded: HMIC(FRS) estimates with their intervals,
-- for one breakdown or all ($breakdown NULL).
SELECT m.measure_id, m.metric, m.breakdown, m.geography, m.period_label, m.period_start,
       m.period_end, m.period_length, m.value, m.value_as_written, m.qualifier, m.unit, m.ci_half_width, m.comparability,
       m.source_id, s.title AS source_title, s.published_on AS source_published_on, m.public_on, s.publisher, s.tier, s.url, m.quote
FROM measures m
JOIN sources s USING (source_id)
WHERE m.metric = 'Crime recording rate'
  AND ($breakdown IS NULL OR m.breakdown = $breakdown)
ORDER BY m.breakdown, m.period_end, m.source_id
