-- Every stored column of every figure: what changed between two builds.
SELECT * FROM measures ORDER BY measure_id
