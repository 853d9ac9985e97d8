-- Every source with its tier and how many facts rest on it.
SELECT s.source_id, s.title, s.publisher, s.published_label, s.published_on, s.url,
       s.document, s.tier,
       (SELECT count(*) FROM measures m WHERE m.source_id = s.source_id)
     + (SELECT count(*) FROM grades g WHERE g.source_id = s.source_id)
     + (SELECT count(*) FROM milestones t WHERE t.source_id = s.source_id)
     + (SELECT count(*) FROM recommendations r WHERE r.source_id = s.source_id) AS facts
FROM sources s
ORDER BY CASE s.tier WHEN 'inspection' THEN 1 WHEN 'official statistics' THEN 2
                     WHEN 'force or commissioner statement' THEN 3 ELSE 4 END,
         s.published_on NULLS LAST, s.source_id
