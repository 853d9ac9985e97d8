-- Staffordshire and England and Wales by quarter on one count basis ($basis): charges, out-of-court
-- disposals and their shares of positive outcomes (the files give no quarterly recorded crime),
-- in every edition held (stories.official.as_presented picks one).
SELECT q.force, q.financial_year, q.quarter, q.period_start, q.period_end, q.basis, q.charged,
       q.out_of_court, q.positive, q.assigned, q.charge_share_of_positive, q.provisional,
       q.coverage, q.file, q.line, q.source_id, q.edition, s.title AS source_title,
       s.published_on AS source_published_on, s.public_on, s.publisher, s.tier, s.url
FROM outcome_rates_quarterly q
JOIN sources s USING (source_id)
WHERE q.basis = $basis
ORDER BY q.force, q.period_end
