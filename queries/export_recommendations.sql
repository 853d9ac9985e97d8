-- The whole recommendations table, as published, for download.
SELECT * FROM recommendations
