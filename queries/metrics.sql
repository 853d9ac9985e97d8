-- The metric vocabulary (data/metrics.csv): family, units, which direction is better, the noun
-- generated sentences use, whether the metric is charted, and the one sentence saying what it
-- measures.
SELECT metric, family, units, better, noun, charted, not_charted_reason, definition
FROM metrics
ORDER BY metric
