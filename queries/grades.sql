-- Every graded judgment, oldest inspection first; $theme NULL for all themes.
WITH dated AS (
  SELECT g.*,
         -- when the inspection's grades became public: the earliest date any of its rows states
         -- (exact, else the month its label gives), else the inspection's year
         coalesce(
           min(coalesce(g.published_on,
                        CAST(try_strptime(regexp_extract(g.published_label,
                                                         '([A-Z][a-z]+ 20[0-9][0-9])', 1),
                                          '%B %Y') AS DATE)))
             OVER (PARTITION BY g.inspection),
           make_date(CAST(regexp_extract(g.inspection, '(20[0-9][0-9])', 1) AS INTEGER), 1, 1))
           AS sort_date,
         CAST(regexp_extract(g.inspection, '(20[0-9][0-9])', 1) AS INTEGER) AS programme_year
  FROM grades g
)
SELECT g.grade_id, g.inspection, g.published_label, g.published_on, g.area, g.theme, g.grade,
       g.scale, g.source_id, s.title AS source_title, s.published_on AS source_published_on, g.public_on,
       s.publisher, s.tier, s.url, g.quote, g.sort_date, g.programme_year
FROM dated g
JOIN sources s USING (source_id)
WHERE $theme IS NULL OR g.theme = $theme
ORDER BY g.programme_year, g.sort_date, g.inspection, g.theme, g.area, g.grade_id
