-- The scorecard's findings: every cause of concern, recommendation and area for improvement,
-- with its source, its deadline, the source that records its closure and any earlier one that
-- reports it.
SELECT r.rec_id, r.kind, r.number, r.parent_id, r.text, r.raised_on, r.due_on, r.status,
       r.closed_on, r.closed_precision, r.closed_source_id, cs.title AS closed_source_title,
       r.closed_quote, cs.public_on AS closed_source_public_on, r.reported_source_id,
       rs.title AS reported_source_title, r.reported_quote,
       rs.public_on AS reported_source_public_on, r.closure_public_on, r.source_id, s.title AS source_title, s.publisher,
       s.tier, s.url, r.quote, r.public_on
FROM recommendations r
JOIN sources s USING (source_id)
LEFT JOIN sources cs ON cs.source_id = r.closed_source_id
LEFT JOIN sources rs ON rs.source_id = r.reported_source_id
ORDER BY CASE r.kind WHEN 'cause of concern' THEN 0 WHEN 'area for improvement' THEN 1 ELSE 2 END,
         r.raised_on NULLS LAST, r.source_id, TRY_CAST(r.number AS INTEGER), r.rec_id
