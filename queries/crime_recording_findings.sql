-- Everything else the inspections counted about recording: delays, crimes not recorded,
-- audit samples.
SELECT m.measure_id, m.metric, m.breakdown, m.geography, m.period_label, m.period_end,
       m.value, m.value_as_written, m.qualifier, m.unit, m.comparability, m.source_id,
       s.title AS source_title, s.published_on AS source_published_on, m.public_on, s.publisher, s.tier, s.url, m.quote
FROM measures m
JOIN sources s USING (source_id)
WHERE m.family = 'crime_recording' AND m.metric <> 'Crime recording rate'
ORDER BY m.period_end, m.metric, m.measure_id
