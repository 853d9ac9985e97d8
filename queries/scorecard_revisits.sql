-- The inspectorate's revisits, each with its source: the scorecard's "revisited" dates.
SELECT m.milestone_id, m.event_date, m.date_precision, m.title, m.source_id,
       s.title AS source_title, s.publisher, s.tier, s.url, m.quote, m.public_on
FROM milestones m
JOIN sources s USING (source_id)
WHERE m.kind = 'revisit'
ORDER BY m.event_date, m.milestone_id
