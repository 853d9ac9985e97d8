-- The whole measures table, as published, for download.
SELECT * FROM measures
