-- The content hash of each source (its row, its facts, its document), from the build.
SELECT source_id, content_hash FROM source_versions ORDER BY source_id
