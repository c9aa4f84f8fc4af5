-- Constraints keep the data consistent whatever writes it.
BEGIN;
\i tests/sql/harness.sql
CREATE TEMPORARY TABLE v0 AS SELECT version FROM data_version;

INSERT INTO process (slug, title) VALUES ('t-a', 'A'), ('t-b', 'B');
INSERT INTO recommendation (process_id, kind, number, body, position)
SELECT id, 'recommendation', '1', 'Top', 0 FROM process WHERE slug = 't-a';

SELECT pg_temp.throws($$INSERT INTO process (slug, title)
    VALUES ('Bad Slug', 'x')$$, '23514', 'a slug must be lowercase words');
SELECT pg_temp.throws($$INSERT INTO process (slug, title)
    VALUES ('t-a', 'x')$$, '23505', 'slugs are unique');
SELECT pg_temp.throws($$INSERT INTO process (slug, title)
    VALUES ('t-c', '')$$, '23514', 'a title is not empty');
SELECT pg_temp.throws($$INSERT INTO recommendation (process_id, kind, body,
    position) SELECT id, 'sub', 'x', 0 FROM process WHERE slug = 't-a'$$,
    '23514', 'a top-level row can not be a sub-recommendation');
SELECT pg_temp.throws($$INSERT INTO recommendation (process_id, parent_id,
    kind, body, position) SELECT p.id, r.id, 'sub', 'x', 0
    FROM process p, recommendation r WHERE p.slug = 't-a'
    AND r.process_id = p.id$$, '23514',
    'a sub-recommendation needs a number');
SELECT pg_temp.throws($$INSERT INTO recommendation (process_id, parent_id,
    kind, number, body, position) SELECT p.id, r.id, 'sub', '1.1', 'x', 0
    FROM process p, recommendation r WHERE p.slug = 't-b'
    AND r.body = 'Top'$$, '23503',
    'a sub-recommendation belongs to the process of its parent');
SELECT pg_temp.throws($$INSERT INTO recommendation (process_id, kind,
    number, body, position) SELECT id, 'recommendation', '1', 'Again', 1
    FROM process WHERE slug = 't-a'; SET CONSTRAINTS ALL IMMEDIATE$$,
    '23P01', 'numbers are unique within a process');
SELECT pg_temp.throws($$INSERT INTO recommendation (process_id, kind,
    number, body, position) SELECT id, 'recommendation', '1.x', 'x', 5
    FROM process WHERE slug = 't-a'$$, '23514', 'numbers look like 2.1');
SELECT pg_temp.throws($$INSERT INTO action (process_id, schedule_kind)
    SELECT id, 'months' FROM process WHERE slug = 't-a'$$, '23514',
    'a month schedule has a month');
SELECT pg_temp.throws($$INSERT INTO action (process_id, schedule_kind,
    schedule_start) SELECT id, 'months', '2025-03-15' FROM process
    WHERE slug = 't-a'$$, '23514', 'schedules have month precision');
SELECT pg_temp.throws($$INSERT INTO action (process_id, schedule_kind,
    schedule_start, schedule_end) SELECT id, 'months', '2026-03-01',
    '2025-01-01' FROM process WHERE slug = 't-a'$$, '23514',
    'a schedule does not end before it starts');
SELECT pg_temp.throws($$INSERT INTO action (process_id, schedule_kind,
    schedule_text) SELECT id, 'continuous', 'x' FROM process
    WHERE slug = 't-a'$$, '23514', 'only a free-text schedule has text');
SELECT pg_temp.throws($$INSERT INTO status (code, label_fi, label_sv,
    label_en, position, colour) VALUES ('x', 'x', 'x', 'x', 99, 'red')$$,
    '23514', 'a status colour is a hex colour');

INSERT INTO action (process_id, body)
SELECT id, 'Other process action' FROM process WHERE slug = 't-b';
SELECT pg_temp.throws($$INSERT INTO recommendation_action (process_id,
    recommendation_id, action_id, position)
    SELECT r.process_id, r.id, a.id, 0 FROM recommendation r, action a
    WHERE r.body = 'Top' AND a.body = 'Other process action'$$, '23503',
    'an action answers recommendations of its own process only');

-- History and the data version.
SELECT pg_temp.ok(count(*) >= 2, 'inserts are in the history')
FROM history WHERE table_name = 'process' AND after->>'slug' LIKE 't-%';
CREATE TEMPORARY TABLE v1 AS SELECT version FROM data_version;
SET LOCAL toteuma.actor = 'tester';
UPDATE process SET title = 'A2' WHERE slug = 't-a';
SELECT pg_temp.ok(before->>'title' = 'A' AND after->>'title' = 'A2'
    AND actor = 'tester', 'an update keeps who, before and after')
FROM history WHERE table_name = 'process' AND operation = 'UPDATE'
ORDER BY id DESC LIMIT 1;
SELECT pg_temp.ok(v1.version = v0.version + 1,
    'a transaction that changes data moves the data version')
FROM v0, v1;
SELECT pg_temp.ok(d.version = v1.version,
    'once: later changes in the same transaction do not move it again')
FROM data_version d, v1;
CREATE TEMPORARY TABLE h0 AS SELECT count(*) AS n FROM history;
UPDATE process SET title = 'A2' WHERE slug = 't-a';
SELECT pg_temp.ok(h.n = (SELECT count(*) FROM history),
    'an update that changes nothing leaves no history') FROM h0 h;
-- The sites that may frame the embeds: https origins only.
SELECT pg_temp.throws($$UPDATE site SET embed_origins = '{http://a.fi}'$$,
    '23514', 'a site that frames the embeds uses https');
SELECT pg_temp.throws($$UPDATE site SET embed_origins = '{https://a.fi/x}'$$,
    '23514', '... and has no path');
SELECT pg_temp.throws($$UPDATE site SET embed_origins = '{https://*.a.fi}'$$,
    '23514', '... and no wildcard');
SELECT pg_temp.throws($$UPDATE site SET embed_origins =
    '{"https://a.fi ''unsafe-inline''"}'$$, '23514',
    '... and nothing more of a policy');
UPDATE site SET embed_origins = '{https://a.fi:8443,https://www.b.fi}';
SELECT pg_temp.ok(cardinality(embed_origins) = 2,
    'https origins with and without a port are taken') FROM site;
ROLLBACK;
