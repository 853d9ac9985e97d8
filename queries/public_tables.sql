-- Every table and view of the database's main schema, by name: what the static edition
-- offers to download (pfcc.db.export_tables).
SELECT table_name
FROM information_schema.tables
WHERE table_schema = 'main'
ORDER BY table_name
