-- The families of figures (data/families.csv): each one's name, the name the Sources page gives
-- it (where it must be told from the Home Office series), and the registry page that charts it.
SELECT family, name, coalesce(sources_name, name) AS sources_name, page
FROM families
ORDER BY family
