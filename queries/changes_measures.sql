-- Figures that became public between $date_from and $date_to, each with the previous figure of
-- the same measure a chart may join it to (same metric, breakdown, geography, unit, tier and
-- stated window, an earlier period; pfcc.periods.joinable) public by $date_to, and the metric's
-- better direction. A figure whose window is not stated has no previous figure. The Home Office files are listed as sources.
SELECT m.measure_id, m.family, m.metric, m.breakdown, m.geography, m.period_label, m.period_end,
       m.value, m.value_as_written, m.unit, m.public_on, m.source_id, s.title AS source_title,
       s.publisher, s.tier, s.url, v.better, v.noun,
       p.value AS previous_value, p.value_as_written AS previous_as_written,
       p.period_label AS previous_period, m.period_length, s.tier AS tier_of_figure,
       p.period_length AS previous_length, p.tier AS previous_tier
FROM measures m
JOIN sources s USING (source_id)
JOIN metrics v USING (metric)
LEFT JOIN LATERAL (
  SELECT q.value, q.value_as_written, q.period_label, q.period_length, sq.tier
  FROM measures q
  JOIN sources sq ON sq.source_id = q.source_id
  WHERE q.metric = m.metric AND q.geography = m.geography AND q.unit = m.unit
    AND q.breakdown IS NOT DISTINCT FROM m.breakdown
    AND sq.tier = s.tier
    AND q.period_length = m.period_length AND m.period_length <> 'not stated'
    AND q.period_end < m.period_end AND q.public_on <= $date_to
  ORDER BY q.period_end DESC, q.public_on DESC
  LIMIT 1
) p ON TRUE
WHERE m.public_on BETWEEN $date_from AND $date_to
ORDER BY m.family, m.metric, m.geography, m.period_end, m.measure_id
