-- The database's own catalogue: every table and view, and its kind (datapackage.json).
SELECT table_name, table_type
FROM information_schema.tables
WHERE table_schema = 'main'
ORDER BY table_name
