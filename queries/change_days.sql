-- Every day on which what an as-presented view shows can change: a publication (of a row, a
-- source, a closure), a period's end or an event (a row is shown once both its date and its
-- publication have come), a deadline and the day after it (a deadline has passed only after
-- its day). Between two of these days every as-presented view is the same.
WITH d AS (
  SELECT public_on AS day FROM measures
  UNION SELECT period_end FROM measures
  UNION SELECT public_on FROM grades
  UNION SELECT published_on FROM grades
  UNION SELECT public_on FROM milestones
  UNION SELECT event_date FROM milestones
  UNION SELECT public_on FROM recommendations
  UNION SELECT closure_public_on FROM recommendations
  UNION SELECT raised_on FROM recommendations
  UNION SELECT closed_on FROM recommendations
  UNION SELECT due_on FROM recommendations
  UNION SELECT due_on + INTERVAL 1 DAY FROM recommendations
  UNION SELECT public_on FROM finding_evidence
  UNION SELECT public_on FROM sources
  UNION SELECT published_on FROM sources
  UNION SELECT public_on FROM reconciliation
  UNION SELECT period_end FROM outcome_rates
)
SELECT DISTINCT CAST(day AS DATE) AS day FROM d WHERE day IS NOT NULL ORDER BY day
