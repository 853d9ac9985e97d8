-- The figures no chart draws: every measure whose metric is marked charted = 'no' in
-- data/metrics.csv, with the reason, what the metric measures, the figure as written and its
-- source.
SELECT k.not_charted_reason, k.definition, m.family, m.metric, m.breakdown, m.geography, m.value,
       m.value_as_written,
       m.qualifier, m.unit, m.period_label, m.measure_id, m.source_id, s.title AS source_title,
       s.published_on AS source_published_on, m.public_on, s.publisher, s.tier, s.url, m.quote
FROM measures m
JOIN metrics k USING (metric)
JOIN sources s USING (source_id)
WHERE k.charted = 'no'
ORDER BY m.family, m.metric, m.period_end, m.measure_id
