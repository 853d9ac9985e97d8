-- How positive outcomes divide between charge/summons and each out-of-court type, per year, for
-- one force ($force) on one count basis ($basis), in every edition held
-- (stories.official.as_presented picks one).
SELECT m.force, m.financial_year, m.period_end, m.basis, m.outcome, m.outcome_label,
       m.is_out_of_court_type, m.count, m.share_of_positive, m.coverage, m.file, m.line,
       m."column", m.source_id, m.edition, s.title AS source_title,
       s.published_on AS source_published_on, s.public_on, s.publisher, s.tier, s.url
FROM outcome_mix m
JOIN sources s USING (source_id)
WHERE m.force = $force AND m.basis = $basis
  AND (m.outcome = 't1' OR m.is_out_of_court_type)
ORDER BY m.period_end, m.outcome
