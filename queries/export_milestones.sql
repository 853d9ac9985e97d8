-- The whole milestones table, as published, for download.
SELECT * FROM milestones
