-- How offences were resolved in the 12 months to 30 June 2015 (HMIC PEEL 2015, Figure 4):
-- outcomes per 100 offences, Staffordshire against England and Wales.
SELECT r.measure_id, r.breakdown, r.geography, r.period_label, r.period_end,
       r.value AS rate, r.value_as_written AS rate_written, r.unit, c.value AS outcomes,
       c.value_as_written AS outcomes_written, r.comparability, r.source_id,
       s.title AS source_title, s.published_on AS source_published_on, r.public_on, s.publisher, s.tier, s.url, r.quote, c.quote AS count_quote
FROM measures r
JOIN sources s USING (source_id)
LEFT JOIN measures c
  ON c.source_id = r.source_id AND c.metric = 'Outcomes' AND c.breakdown = r.breakdown
 AND c.geography = r.geography AND c.period_end = r.period_end
WHERE r.metric = 'Outcome rate' AND r.source_id = 'peel-2015-effectiveness'
  AND r.period_end = DATE '2015-06-30'
ORDER BY r.breakdown, r.geography
