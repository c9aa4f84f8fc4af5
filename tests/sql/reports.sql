-- Reports in the database: what report_actions() calls overdue and
-- stale, the period of report_changes(), and snapshot_create(): who may
-- make one, no future dates, and actions frozen as the history says they
-- were at the end of the day; report_net_changes(): one row per action
-- and field with the value at the start and the end of the period.
BEGIN;
\i tests/sql/harness.sql

INSERT INTO process (slug, title) VALUES ('t-report', 'Raportti');
INSERT INTO unit (name) VALUES ('T-raporttiyksikkö');
INSERT INTO app_user (email, role, password_hash) VALUES
    ('t-r-admin@example.org', 'admin', '$argon2id$x'),
    ('t-r-editor@example.org', 'editor', '$argon2id$x');
INSERT INTO recommendation (process_id, kind, number, body, position)
SELECT id, 'recommendation', '1', 'Suositus', 0 FROM process
WHERE slug = 't-report';
INSERT INTO action (process_id, body, schedule_kind, schedule_start,
    schedule_end, status_id)
SELECT p.id, x.body, 'months', x.s, x.e, (SELECT id FROM status WHERE
    code = x.code)
FROM process p, (VALUES
    ('Myöhässä', date '2024-01-01', date '2024-02-01', 'in_progress'),
    ('Valmis', date '2024-01-01', date '2024-02-01', 'done'),
    ('Tuleva', date '2099-01-01', date '2099-02-01', 'planned'))
    x(body, s, e, code)
WHERE p.slug = 't-report';
INSERT INTO recommendation_action (process_id, recommendation_id,
    action_id, position)
SELECT a.process_id, r.id, a.id, row_number() OVER (ORDER BY a.id) - 1
FROM action a JOIN recommendation r ON r.process_id = a.process_id
WHERE r.body = 'Suositus';
SELECT process_rows_rebuild(id) FROM process WHERE slug = 't-report'
\g /dev/null

CREATE FUNCTION pg_temp.pid() RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM process WHERE slug = 't-report' $$;
CREATE FUNCTION pg_temp.aid(b text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM action WHERE body = b AND process_id = pg_temp.pid() $$;
CREATE FUNCTION pg_temp.uid(e text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM app_user WHERE email = e $$;

SELECT pg_temp.ok(array_agg(action_body ORDER BY action_body) =
    ARRAY['Myöhässä'], 'overdue: ended before this month, not final')
FROM report_actions(pg_temp.pid()) WHERE overdue;
SELECT pg_temp.ok(count(*) = 0, 'nothing is stale on the day it is made')
FROM report_actions(pg_temp.pid()) WHERE stale;
UPDATE action SET updated_at = now() - interval '91 days'
WHERE process_id = pg_temp.pid();
SELECT pg_temp.ok(array_agg(action_body ORDER BY action_body) =
    ARRAY['Myöhässä', 'Tuleva'],
    'stale: not updated in setting.stale_days days, not final')
FROM report_actions(pg_temp.pid()) WHERE stale;
SELECT pg_temp.ok(count(*) = 3, 'one row per action')
FROM report_actions(pg_temp.pid());

-- The history: made on 2025-01-10, in progress until 2025-05-20, when
-- the status became done.
UPDATE history SET changed_at = '2025-01-10 10:00'
WHERE table_name = 'action' AND row_id IN (SELECT id FROM action WHERE
    process_id = pg_temp.pid());
SELECT set_config('toteuma.actor', 't-report', true) \g /dev/null
UPDATE action SET status_id = (SELECT id FROM status WHERE code = 'done'),
    status_note = 'Valmistui'
WHERE id = pg_temp.aid('Myöhässä');
UPDATE history SET changed_at = '2025-05-20 10:00'
WHERE id = (SELECT max(id) FROM history WHERE table_name = 'action' AND
    row_id = pg_temp.aid('Myöhässä'));
SELECT process_rows_refresh_action(pg_temp.aid('Myöhässä')) \g /dev/null

SELECT pg_temp.ok(count(*) = 2 AND bool_and(changed_on = '2025-05-20'),
    'report_changes: the status and the note changed on 2025-05-20')
FROM report_changes(pg_temp.pid(), '2025-05-20', '2025-05-20', 'Jatkuvaa');
SELECT pg_temp.ok(count(*) = 0, 'report_changes: nothing the day before')
FROM report_changes(pg_temp.pid(), '2025-05-01', '2025-05-19', 'Jatkuvaa');
SELECT pg_temp.ok(count(*) = 0,
    'report_changes: the stale back-dating is no public change')
FROM report_changes(pg_temp.pid(), current_date, current_date, 'x')
WHERE field NOT IN ('status', 'status_note');

-- Days are Helsinki's whatever the session's time zone: the save at
-- 22:30 UTC on 2025-05-19 was on 2025-05-20 in Helsinki.
SET LOCAL TimeZone = 'UTC';
UPDATE history SET changed_at = '2025-05-19 22:30+00'
WHERE id = (SELECT max(id) FROM history WHERE table_name = 'action' AND
    row_id = pg_temp.aid('Myöhässä'));
SELECT pg_temp.ok(count(*) = 2 AND bool_and(changed_on = '2025-05-20'),
    'report_changes: a save at 22:30 UTC is on the next day in Helsinki')
FROM report_changes(pg_temp.pid(), '2025-05-20', '2025-05-20', 'Jatkuvaa');
SELECT pg_temp.ok(count(*) = 0,
    'report_changes: ... and not on the day before')
FROM report_changes(pg_temp.pid(), '2025-05-19', '2025-05-19', 'Jatkuvaa');
SELECT pg_temp.ok(changed_on = '2025-05-20',
    'action_public_history: the same day')
FROM action_public_history(pg_temp.aid('Myöhässä'), 'x', 'fi') LIMIT 1;
-- A changed reason category is a public change of its own, named by
-- its label in the reader's language; a feed's index takes it.
SELECT pg_temp.ok(count(*) = 1 AND min(field) = 'reason_category'
    AND min(before) = 'Ingen finansiering'
    AND min(after) = 'Lagstiftningen hindrar',
    'action_public_changes: a changed category by its labels in sv')
FROM action_public_changes(jsonb_build_object('reason_category',
    (SELECT id FROM reason_category WHERE code = 'no_funding')),
    jsonb_build_object('reason_category', (SELECT id FROM reason_category
    WHERE code = 'legislation')), 'sv', 'x');
SELECT pg_temp.ok(action_change_public(jsonb_build_object(
    'reason_category', 1), jsonb_build_object('reason_category', 2))
    AND NOT action_change_public(jsonb_build_object('reason_category', 1),
    jsonb_build_object('reason_category', 1)),
    'action_change_public: a changed category is public');
SELECT pg_temp.ok(count(*) = 2, 'report_net_changes: the same day')
FROM report_net_changes(pg_temp.pid(), '2025-05-20', '2025-05-20', 'x');
UPDATE history SET changed_at = '2025-05-20 10:00'
WHERE id = (SELECT max(id) FROM history WHERE table_name = 'action' AND
    row_id = pg_temp.aid('Myöhässä'));
RESET TimeZone;

-- Two more saves on 2025-05-21: the note changes and changes back.
UPDATE action SET status_note = 'Välivaihe' WHERE id = pg_temp.aid('Myöhässä');
UPDATE action SET status_note = 'Valmistui' WHERE id = pg_temp.aid('Myöhässä');
UPDATE history SET changed_at = '2025-05-21 10:00'
WHERE id IN (SELECT id FROM history WHERE table_name = 'action' AND
    row_id = pg_temp.aid('Myöhässä') ORDER BY id DESC LIMIT 2);
SELECT pg_temp.ok(array_agg(field || ':' || coalesce(before, '') || '>' ||
    after || ':' || saves ORDER BY n) = ARRAY[
    'status:' || (SELECT id FROM status WHERE code = 'in_progress') ||
    '>' || (SELECT id FROM status WHERE code = 'done') || ':3',
    'status_note:>Valmistui:3'],
    'report_net_changes: per field the start and the end, with 3 saves')
FROM report_net_changes(pg_temp.pid(), '2025-05-20', '2025-05-21', 'x');
SELECT pg_temp.ok(count(*) = 0,
    'report_net_changes: a note changed and changed back is no change')
FROM report_net_changes(pg_temp.pid(), '2025-05-21', '2025-05-21', 'x');
SELECT pg_temp.ok(count(*) = 2 AND bool_and(last_on = '2025-05-20'),
    'report_net_changes: one save, its day')
FROM report_net_changes(pg_temp.pid(), '2025-05-20', '2025-05-20', 'x');

SELECT pg_temp.throws(format('SELECT snapshot_create(%s, %s, current_date '
    '- 1, ''x'', '''')', pg_temp.uid('t-r-editor@example.org'),
    pg_temp.pid()), '42501', 'an editor may not make a snapshot');
SELECT pg_temp.throws(format('SELECT snapshot_create(%s, %s, current_date '
    '+ 1, ''x'', '''')', pg_temp.uid('t-r-admin@example.org'),
    pg_temp.pid()), '22023', 'a snapshot of tomorrow is refused');
SELECT pg_temp.throws(format('SELECT snapshot_create(%s, %s, '
    '(now() AT TIME ZONE ''Europe/Helsinki'')::date, ''x'', '''')',
    pg_temp.uid('t-r-admin@example.org'), pg_temp.pid()), '22023',
    'a snapshot of today (in Helsinki), which has not ended, is refused');
SELECT pg_temp.throws(format('SELECT snapshot_create(%s, -1, current_date '
    '- 1, ''x'', '''')', pg_temp.uid('t-r-admin@example.org')), 'P0002',
    'a snapshot of an unknown process is refused');
SELECT pg_temp.ok(process_first_day(pg_temp.pid()) = '2025-01-10',
    'the first day of the process: its earliest history');
SELECT pg_temp.throws(format('SELECT snapshot_create(%s, %s, ''2025-01-09'', '
    '''x'', '''')', pg_temp.uid('t-r-admin@example.org'), pg_temp.pid()),
    '22008', 'a snapshot of a day before the process existed is refused');

SELECT snapshot_create(pg_temp.uid('t-r-admin@example.org'), pg_temp.pid(),
    '2025-05-19', 'Ennen', '127.0.0.1') AS before_id \gset
SELECT snapshot_create(pg_temp.uid('t-r-admin@example.org'), pg_temp.pid(),
    '2025-05-21', 'Jälkeen', '127.0.0.1') AS after_id \gset
SELECT snapshot_create(pg_temp.uid('t-r-admin@example.org'), pg_temp.pid(),
    '2025-01-10', 'Ensimmäinen', '127.0.0.1') AS first_id \gset
SELECT snapshot_create(pg_temp.uid('t-r-admin@example.org'), pg_temp.pid(),
    current_date - 1, 'Eilen', '127.0.0.1') AS now_id \gset

SELECT pg_temp.ok(s.code = 'in_progress' AND r.status_note = '',
    'as of the day before the change: in progress')
FROM snapshot_row r JOIN status s ON s.id = r.status_id
WHERE r.snapshot_id = :before_id AND r.action_body = 'Myöhässä';
SELECT pg_temp.ok(s.code = 'done' AND r.status_note = 'Valmistui',
    'as of the day of the change: done, with its note')
FROM snapshot_row r JOIN status s ON s.id = r.status_id
WHERE r.snapshot_id = :after_id AND r.action_body = 'Myöhässä';
SELECT pg_temp.ok(count(*) = 3,
    'as of the first day: the three actions made that day')
FROM snapshot_row WHERE snapshot_id = :first_id;
SELECT pg_temp.ok(NOT EXISTS (
    SELECT position, action_id, action_body, status_id, status_note,
	schedule_start, schedule_end, unit_names
    FROM snapshot_row WHERE snapshot_id = :now_id
    EXCEPT
    SELECT position, action_id, action_body, status_id, status_note,
	schedule_start, schedule_end, unit_names
    FROM process_row WHERE process_id = pg_temp.pid())
    AND (SELECT count(*) FROM snapshot_row WHERE snapshot_id = :now_id) =
    (SELECT count(*) FROM process_row WHERE process_id = pg_temp.pid()),
    'as of yesterday: the table now');
SELECT pg_temp.ok(count(*) = 4, 'each snapshot is in the audit log')
FROM audit_log WHERE event = 'snapshot.create' AND detail->>'process' =
    pg_temp.pid()::text;
SELECT pg_temp.ok(texts_json('Koulu', '', NULL)::text =
    '{"fi" : "Koulu", "sv" : null, "en" : null}' AND
    texts_json('Koulu', 'Skola', 'School')::jsonb =
    '{"fi": "Koulu", "sv": "Skola", "en": "School"}',
    'the open data give a translation only where there is one');
ROLLBACK;
