-- The Home Office series: charge and positive outcome rates per force (and England and Wales),
-- financial year and count basis ($basis: 'recorded' or 'closed'), with the source of each row,
-- in every edition held (`edition`: its publication date; stories.official.as_presented picks one).
SELECT r.force, r.financial_year, r.period_end, r.basis, r.offences, r.charged,
       r.out_of_court, r.positive, r.charge_rate, r.positive_rate, r.provisional,
       r.rank_charge_rate, r.flagged, r.coverage, r.file, r.line, r.source_id, r.edition,
       s.title AS source_title, s.published_on AS source_published_on, s.public_on, s.publisher, s.tier,
       s.url
FROM outcome_rates r
JOIN sources s USING (source_id)
WHERE r.basis = $basis
ORDER BY r.force, r.period_end
