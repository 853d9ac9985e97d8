-- Every dated event on the trajectory (inspections, causes of concern, Engage, deadlines),
-- with the source and tier that date comes from.
SELECT m.milestone_id, m.event_date, m.date_precision, m.kind, m.title, m.detail,
       m.source_id, s.title AS source_title, s.published_on AS source_published_on, m.public_on, s.publisher, s.tier, s.url, s.document, m.quote
FROM milestones m
JOIN sources s USING (source_id)
ORDER BY m.event_date, m.kind, m.milestone_id
