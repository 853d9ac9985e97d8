-- Every graded judgment, oldest inspection first; $theme NULL for all themes.
SELECT g.grade_id, g.inspection, g.published_label, g.published_on, g.area, g.theme, g.grade,
       g.scale, g.source_id, s.title AS source_title, s.publisher, s.tier, s.url, g.quote,
       -- when the grade became public: the exact date, else the month the label gives, else
       -- the inspection's year
       coalesce(g.published_on,
                CAST(try_strptime(regexp_extract(g.published_label,
                                                 '([A-Z][a-z]+ 20[0-9][0-9])', 1), '%B %Y') AS DATE),
                make_date(CAST(regexp_extract(g.inspection, '(20[0-9][0-9])', 1) AS INTEGER), 1, 1))
         AS sort_date,
       CAST(regexp_extract(g.inspection, '(20[0-9][0-9])', 1) AS INTEGER) AS programme_year
FROM grades g
JOIN sources s USING (source_id)
WHERE $theme IS NULL OR g.theme = $theme
ORDER BY programme_year, sort_date, g.inspection, g.theme, g.area, g.grade_id
