-- The whole sources table, as published, for download.
SELECT * FROM sources
