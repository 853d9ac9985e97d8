-- Per family of figures, the newest figure held and the publication it first came in: the
-- latest period (an inspection's grades: when they became public; an event: its date, once it
-- had happened; recommendations: the report that raised them), and of that period's rows the
-- first published. `exact`: `public_on` is the day the source (or the grade) gives; else the
-- source gives only the month, or (public_on NULL) no date at all. `family_name`: a measures
-- family's name on the Sources page (data/families.csv); NULL for the tables that are not measures.
WITH facts AS (
  SELECT m.family, m.period_label, m.period_start, m.period_end AS newest_on, m.public_on,
         coalesce(m.public_on = s.published_on, false) AS exact, m.source_id
  FROM measures m JOIN sources s USING (source_id)
  UNION ALL
  SELECT 'home_office_outcomes', r.financial_year, NULL, r.period_end, s.public_on,
         coalesce(s.public_on = s.published_on, false), r.source_id
  FROM outcome_rates r JOIN sources s USING (source_id)
  UNION ALL
  SELECT 'home_office_recorded_crime', c.financial_year, NULL, c.period_end, s.public_on,
         coalesce(s.public_on = s.published_on, false), c.source_id
  FROM recorded_crime c JOIN sources s USING (source_id)
  UNION ALL
  SELECT 'grades', g.inspection, NULL,
         min(coalesce(g.published_on, g.public_on)) OVER (PARTITION BY g.inspection),
         g.public_on,
         coalesce(g.public_on = g.published_on OR g.public_on = s.published_on, false),
         g.source_id
  FROM grades g JOIN sources s USING (source_id)
  UNION ALL
  SELECT 'events', NULL, NULL, e.event_date, e.public_on,
         coalesce(e.public_on = s.published_on
                  OR (e.date_precision = 'day' AND e.public_on = e.event_date), false),
         e.source_id
  FROM milestones e JOIN sources s USING (source_id)
  WHERE NOT coalesce(e.event_date > e.public_on, false)
  UNION ALL
  SELECT 'recommendations', NULL, NULL, r.public_on, r.public_on,
         coalesce(r.public_on = s.published_on, false), r.source_id
  FROM recommendations r JOIN sources s USING (source_id)
)
SELECT f.family, f.period_label, f.period_start, f.newest_on AS period_end, f.public_on,
       f.exact, f.source_id, s.title AS source_title, s.publisher, s.published_label,
       coalesce(n.sources_name, n.name) AS family_name
FROM facts f JOIN sources s USING (source_id)
LEFT JOIN families n ON n.family = f.family
WHERE f.newest_on IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY f.family
                           ORDER BY f.newest_on DESC, f.public_on ASC NULLS LAST,
                                    f.source_id) = 1
ORDER BY f.family
