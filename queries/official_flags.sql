-- What the build found doubtful in the Home Office series: left out of ranks and comparisons.
-- The newest edition's flags; outcome_rates.flagged carries each edition's own.
SELECT f.force, f.financial_year, f.basis, f.kind, f.detail, f.file, f.line
FROM outcome_flags f
WHERE f.edition = (SELECT max(edition) FROM outcome_flags)
ORDER BY f.force, f.financial_year, f.kind
