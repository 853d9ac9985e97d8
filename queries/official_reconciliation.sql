-- The Home Office series against what was published before: each stated figure, the figure
-- computed from the series, whether they agree, and why not where they do not; with the end
-- of the stated figure's period and the day it was public.
SELECT r.target, r.source_id, s.title AS source_title, s.tier, r.geography, r.period_label,
       m.period_end, r.public_on,
       r.stated, r.stated_as_written, r.unit, r.computed, r.computed_as_stated, r.agrees,
       r.comparable, r.computed_from, r.explanation
FROM reconciliation r
JOIN sources s USING (source_id)
LEFT JOIN measures m USING (measure_id)
ORDER BY r.geography, r.period_label, r.target
