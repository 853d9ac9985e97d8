-- 999 calls: average answer time or the share answered within 10 seconds ($metric),
-- between $date_from and $date_to, for every geography: Staffordshire's and any national scope the
-- sources give (England and Wales, United Kingdom), each drawn as its own series.
SELECT m.measure_id, m.metric, m.breakdown, m.geography, m.period_label, m.period_start,
       m.period_end, m.period_length, m.value, m.value_as_written, m.qualifier, m.unit, m.comparability, m.source_id,
       s.title AS source_title, s.published_on AS source_published_on, m.public_on, s.publisher, s.tier, s.url, m.quote
FROM measures m
JOIN sources s USING (source_id)
WHERE m.metric = $metric
  AND m.period_end BETWEEN $date_from AND $date_to
ORDER BY m.period_end, m.source_id
