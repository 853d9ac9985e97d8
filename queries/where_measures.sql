-- Every figure with its metric's charted flag: what pfcc.render.where needs to say where a figure
-- is drawn, or why no chart draws it.
SELECT m.measure_id, m.metric, m.breakdown, m.geography, m.period_label, m.period_end, m.value,
       m.value_as_written, m.qualifier, m.unit, m.source_id, m.quote, k.charted, k.not_charted_reason
FROM measures m
JOIN metrics k USING (metric)
ORDER BY m.measure_id
