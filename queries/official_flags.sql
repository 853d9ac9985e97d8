-- What the build found doubtful in the Home Office series: left out of ranks and comparisons.
SELECT f.force, f.financial_year, f.basis, f.kind, f.detail, f.file, f.line
FROM outcome_flags f
ORDER BY f.force, f.financial_year, f.kind
