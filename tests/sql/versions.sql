-- Data versions (sql/functions/core.sql, triggers.sql): a changing
-- transaction moves the data version once; the processes whose rows it
-- changed take that version, the others keep theirs; a change to what
-- every page shows moves meta_version.

-- Process B, in a transaction of its own (removed at the end).
INSERT INTO process (slug, title) VALUES ('versio-b', 'B');

BEGIN;
\i tests/sql/harness.sql

INSERT INTO process (slug, title) VALUES ('versio-a', 'A');
CREATE TEMP TABLE v0 AS SELECT p.slug, pv.version FROM process p
    JOIN process_version pv ON pv.process_id = p.id
    WHERE p.slug IN ('versio-a', 'versio-b');
CREATE FUNCTION pg_temp.pv(s text) RETURNS bigint LANGUAGE sql AS $$
	SELECT pv.version FROM process_version pv JOIN process p
	ON p.id = pv.process_id WHERE p.slug = s $$;

SELECT pg_temp.ok((SELECT count(*) FROM v0) = 2,
    'processes have a version');
SELECT pg_temp.ok((SELECT version FROM v0 WHERE slug = 'versio-b') <
    (SELECT version FROM data_version),
    'this transaction moved the data version past B''s');
SELECT pg_temp.ok(pg_temp.pv('versio-a') = (SELECT version FROM data_version),
    'a process takes the transaction''s data version');

INSERT INTO recommendation (process_id, kind, number, body, position)
SELECT id, 'recommendation', '1', 'Suositus', 0 FROM process
WHERE slug = 'versio-a';
INSERT INTO action (process_id, body)
SELECT id, 'Toimenpide' FROM process WHERE slug = 'versio-a';
UPDATE action SET body = 'Muutettu' WHERE process_id =
    (SELECT id FROM process WHERE slug = 'versio-a');
SELECT pg_temp.ok(pg_temp.pv('versio-a') = (SELECT version FROM data_version),
    'rows of a process, written in many statements: one version');
SELECT pg_temp.ok((SELECT version FROM data_version) =
    (SELECT version FROM v0 WHERE slug = 'versio-a'),
    'the data version moves once a transaction');

SELECT pg_temp.ok(pg_temp.pv('versio-b') =
    (SELECT version FROM v0 WHERE slug = 'versio-b'),
    'a process whose rows did not change keeps its version');
SELECT pg_temp.ok((SELECT count(*) FROM process_version WHERE version >
    (SELECT version FROM data_version)) = 0,
    'no process is ahead of the data version');

UPDATE status SET label_fi = label_fi WHERE id = (SELECT min(id) FROM status);
SELECT pg_temp.ok((SELECT meta_version = version FROM data_version),
    'a change of a status moves what every page shows');
ROLLBACK;

DELETE FROM process_version WHERE process_id =
    (SELECT id FROM process WHERE slug = 'versio-b');
DELETE FROM process WHERE slug = 'versio-b';
