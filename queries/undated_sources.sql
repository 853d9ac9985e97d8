-- Sources whose publication date is unknown, with how many rows rest on each: these rows are
-- shown in no as-presented view of a past meeting (nothing may appear before it was public).
SELECT s.source_id, s.title, s.publisher, s.published_label,
       (SELECT count(*) FROM measures m WHERE m.source_id = s.source_id)
     + (SELECT count(*) FROM grades g WHERE g.source_id = s.source_id AND g.public_on IS NULL)
     + (SELECT count(*) FROM milestones e WHERE e.source_id = s.source_id)
     + (SELECT count(*) FROM recommendations r WHERE r.source_id = s.source_id) AS rows_held_back
FROM sources s
WHERE s.public_on IS NULL
ORDER BY rows_held_back DESC, s.title
