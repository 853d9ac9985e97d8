-- The metric vocabulary (data/metrics.csv): family, units, which direction is better, the noun
-- generated sentences use, and whether the metric is charted.
SELECT metric, family, units, better, noun, charted, not_charted_reason
FROM metrics
ORDER BY metric
