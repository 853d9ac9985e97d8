-- PEEL 2021/22's graded areas and the PEEL 2023–25 grades of the same themes, with sources.
SELECT g.grade_id, g.inspection, g.area, g.theme, g.grade, g.scale, g.source_id,
       s.title AS source_title, s.publisher, s.tier, s.url, g.quote, g.public_on
FROM grades g
JOIN sources s USING (source_id)
WHERE g.inspection IN ('PEEL 2021/22', 'PEEL 2023–25')
ORDER BY g.inspection, g.theme, g.public_on NULLS LAST, g.grade_id
