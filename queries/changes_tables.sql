-- Statistical files (each a source with a checksum) published between $date_from and $date_to.
SELECT source_id, title AS source_title, publisher, public_on, tier, url
FROM sources
WHERE sha256 IS NOT NULL AND public_on BETWEEN $date_from AND $date_to
ORDER BY public_on, title
