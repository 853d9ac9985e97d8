-- The database's own catalogue: each table's primary key columns (datapackage.json).
SELECT table_name, constraint_column_names
FROM duckdb_constraints()
WHERE constraint_type = 'PRIMARY KEY'
