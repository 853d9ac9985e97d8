-- Causes of concern, recommendations and areas for improvement, filtered by report
-- ($source_id) and status ($status); NULL means all. days_to_due is from $today. A closure
-- brings the source that dates it (closed_*) and any earlier one that reports it (reported_*).
SELECT r.rec_id, r.source_id, s.title AS source_title, s.published_on AS source_published_on, r.public_on, r.closure_public_on, s.publisher, s.tier, s.url,
       s.published_label, r.kind, r.number, r.parent_id, p.text AS parent_text,
       p.status AS parent_status, r.text, r.raised_on, r.due_on, r.status, r.closed_on,
       r.closed_precision, r.closed_source_id, cs.title AS closed_source_title,
       r.closed_quote, cs.public_on AS closed_source_public_on, r.reported_source_id,
       rs.title AS reported_source_title, r.reported_quote,
       rs.public_on AS reported_source_public_on, r.quote,
       CASE WHEN r.due_on IS NULL THEN NULL ELSE date_diff('day', $today, r.due_on) END
         AS days_to_due
FROM recommendations r
JOIN sources s USING (source_id)
LEFT JOIN recommendations p ON p.rec_id = r.parent_id
LEFT JOIN sources cs ON cs.source_id = r.closed_source_id
LEFT JOIN sources rs ON rs.source_id = r.reported_source_id
WHERE ($source_id IS NULL OR r.source_id = $source_id)
  AND ($status IS NULL OR r.status = $status)
ORDER BY r.due_on NULLS LAST, r.kind, r.source_id, TRY_CAST(r.number AS INTEGER), r.rec_id
