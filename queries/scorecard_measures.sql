-- Every figure of a metric some finding links to, with its source: Staffordshire's figures and
-- the comparisons beside them (England and Wales, the United Kingdom) and the national standard.
SELECT x.measure_id, x.metric, x.breakdown, x.geography, x.period_label, x.period_start,
       x.period_end, x.period_length, x.value, x.qualifier, x.unit, x.value_as_written,
       x.comparability, x.source_id, s.title AS source_title, s.publisher, s.tier, s.url,
       x.quote, x.public_on
FROM measures x
JOIN sources s USING (source_id)
WHERE x.metric IN (SELECT metric FROM finding_evidence)
   OR x.metric = '999 answer standard (share within 10 seconds)'  -- scorecard.STANDARDS
ORDER BY x.metric, x.geography, x.period_end, x.public_on, x.measure_id
