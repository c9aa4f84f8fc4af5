-- The data version at which each process last changed, and at which
-- what every page shows (statuses, units, the site's details, the
-- settings, rounds) last changed. A server keeps the cached pages and
-- the search index of a process while neither moves, whatever changes
-- in other processes. The triggers that move them are in
-- sql/functions/triggers.sql.
CREATE TABLE process_version (
	process_id	bigint PRIMARY KEY,
	version		bigint NOT NULL,
	changed_at	timestamptz NOT NULL
);

ALTER TABLE data_version ADD COLUMN meta_version bigint NOT NULL DEFAULT 0,
    ADD COLUMN meta_changed_at timestamptz NOT NULL DEFAULT now();

INSERT INTO process_version (process_id, version, changed_at)
SELECT id, version, changed_at FROM process, data_version;

UPDATE data_version SET meta_version = version, meta_changed_at = changed_at;
