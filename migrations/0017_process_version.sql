-- The data version at which each process last changed, and at which
-- what every page shows (statuses, units, the site's details, the
-- settings, rounds) last changed. A server keeps the cached pages and
-- the search index of a process while neither moves, whatever changes
-- in other processes. The triggers that move them are in
-- sql/functions/triggers.sql.
CREATE TABLE process_version (
	process_id	bigint PRIMARY KEY,
	version		bigint NOT NULL
);

ALTER TABLE data_version ADD COLUMN meta_version bigint NOT NULL DEFAULT 0;

INSERT INTO process_version (process_id, version)
SELECT id, (SELECT version FROM data_version) FROM process;

UPDATE data_version SET meta_version = version;
