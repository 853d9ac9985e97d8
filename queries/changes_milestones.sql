-- Events on the trajectory whose source became public between $date_from and $date_to
-- (deadlines are listed with their recommendations).
SELECT m.milestone_id, m.event_date, m.date_precision, m.kind, m.title, m.public_on,
       m.source_id, s.title AS source_title, s.publisher, s.tier, s.url
FROM milestones m
JOIN sources s USING (source_id)
WHERE m.public_on BETWEEN $date_from AND $date_to AND m.kind <> 'recommendation due'
ORDER BY m.event_date, m.milestone_id
