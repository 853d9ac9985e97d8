-- The database's own catalogue: every column of every table and view, in order, with its SQL
-- type and whether it may be empty (datapackage.json).
SELECT table_name, column_name, data_type, is_nullable
FROM information_schema.columns
WHERE table_schema = 'main'
ORDER BY table_name, ordinal_position
