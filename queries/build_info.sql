-- Which version of the data this is and when it was built.
SELECT data_version, built_at, data_changed_at, files,
       (SELECT max(published_on) FROM sources) AS newest_source
FROM build_info
