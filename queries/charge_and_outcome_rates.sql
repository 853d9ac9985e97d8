-- Charge and outcome rates over time. Three definitions that must never share a line:
-- the Home Office charge/summons rate (England and Wales, year ending March), the force's own
-- "outcome rate" statements, and HMIC's charged/summonsed per 100 offences (2015).
SELECT m.measure_id, m.metric, m.breakdown, m.geography, m.period_label, m.period_start,
       m.period_end, m.period_length, m.value, m.value_as_written, m.qualifier, m.unit, m.comparability, m.source_id,
       s.title AS source_title, s.published_on AS source_published_on, m.public_on, s.publisher, s.tier, s.url, m.quote,
       CASE
         WHEN m.metric = 'Charge/summons rate' THEN 'Home Office charge/summons rate (' || m.geography || ')'
         WHEN m.metric = 'Outcome rate (force''s own definition, not stated)' THEN 'Force''s own outcome rate (Staffordshire)'
         ELSE 'HMIC: charged/summonsed per 100 offences (' || m.geography || ')'
       END AS definition
FROM measures m
JOIN sources s USING (source_id)
WHERE m.metric IN ('Charge/summons rate', 'Outcome rate (force''s own definition, not stated)')
   OR (m.metric = 'Outcome rate' AND m.breakdown = 'Charged/summonsed')
ORDER BY definition, m.period_end, m.source_id
