-- Recorded crime per financial year for one force ($force): the context for its rates, in every
-- edition held (stories.official.as_presented picks one).
SELECT c.force, c.financial_year, c.period_end, c.recorded_crime, c.file, c.line, c.source_id, c.edition,
       s.title AS source_title, s.published_on AS source_published_on, s.public_on, s.publisher, s.tier, s.url
FROM recorded_crime c
JOIN sources s USING (source_id)
WHERE c.force = $force
ORDER BY c.period_end
