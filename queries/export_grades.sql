-- The whole grades table, as published, for download.
SELECT * FROM grades
