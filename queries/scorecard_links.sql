-- Which metrics evidence which finding (data/scorecard/), each link with the inspectorate's words.
SELECT e.link_id, e.finding_id, e.metric, m.better, m.noun, e.source_id,
       s.title AS source_title, s.publisher, s.tier, s.url, e.quote, e.note, e.public_on
FROM finding_evidence e
JOIN metrics m USING (metric)
JOIN sources s USING (source_id)
ORDER BY e.finding_id, e.metric
