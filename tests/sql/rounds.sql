-- Reporting rounds in the database: who may open, answer and close a
-- round, the refusals of round_open(), saves that answer, and when a unit
-- has answered (only through its own editors), the second look that
-- confirming an overdue, stale or status-less action needs, deadlines,
-- and units without editors.
BEGIN;
\i tests/sql/harness.sql

-- Process t-rounds: "Yhteinen" (units A and B), "Vain A" (A), "Lapsen"
-- (the child of A), and a removed action of B. Process t-rounds-empty has
-- an action without units.
INSERT INTO process (slug, title) VALUES ('t-rounds', 'Kierros'),
    ('t-rounds-empty', 'Ei yksiköitä');
INSERT INTO unit (name) VALUES ('R-yksikkö A'), ('R-yksikkö B');
INSERT INTO unit (name, parent_id)
SELECT 'R-lapsi A', id FROM unit WHERE name = 'R-yksikkö A';
INSERT INTO recommendation (process_id, kind, number, body, position)
SELECT id, 'recommendation', '1', 'Suositus', 0 FROM process
WHERE slug LIKE 't-rounds%';
INSERT INTO action (process_id, body)
SELECT id, b FROM process, unnest(ARRAY['Yhteinen', 'Vain A', 'Lapsen',
    'Poistettu B']) b WHERE slug = 't-rounds';
INSERT INTO action (process_id, body)
SELECT id, 'Ilman yksikköä' FROM process WHERE slug = 't-rounds-empty';
UPDATE action SET deleted_at = now() WHERE body = 'Poistettu B';
INSERT INTO recommendation_action (process_id, recommendation_id,
    action_id, position)
SELECT a.process_id, r.id, a.id, row_number() OVER (PARTITION BY r.id
    ORDER BY a.id) - 1
FROM action a JOIN recommendation r ON r.process_id = a.process_id
WHERE r.body = 'Suositus';
INSERT INTO action_unit (action_id, unit_id, position)
SELECT a.id, u.id, x.pos FROM (VALUES ('Yhteinen', 'R-yksikkö A', 0),
    ('Yhteinen', 'R-yksikkö B', 1), ('Vain A', 'R-yksikkö A', 0),
    ('Lapsen', 'R-lapsi A', 0), ('Poistettu B', 'R-yksikkö B', 0))
    x(body, unit, pos)
JOIN action a ON a.body = x.body JOIN unit u ON u.name = x.unit;

INSERT INTO app_user (email, role, password_hash) VALUES
    ('r-admin@example.org', 'admin', '$argon2id$x'),
    ('r-editor-a@example.org', 'editor', '$argon2id$x'),
    ('r-editor-b@example.org', 'editor', '$argon2id$x');
INSERT INTO user_unit (user_id, unit_id)
SELECT u.id, n.id FROM app_user u JOIN unit n ON (u.email, n.name) IN
    (('r-editor-a@example.org', 'R-yksikkö A'),
     ('r-editor-b@example.org', 'R-yksikkö B'));

CREATE FUNCTION pg_temp.uid(e text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM app_user WHERE email = 'r-' || e || '@example.org' $$;
CREATE FUNCTION pg_temp.aid(b text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM action WHERE body = b $$;
CREATE FUNCTION pg_temp.pid(s text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM process WHERE slug = s $$;
CREATE FUNCTION pg_temp.doc(deadline date, procs bigint[]) RETURNS jsonb
LANGUAGE sql AS $$
	SELECT jsonb_build_object('title', 'Syksyn kierros', 'message',
	    'Tarkistakaa toimenpiteet', 'deadline', deadline, 'processes',
	    to_jsonb(procs))
$$;
CREATE FUNCTION pg_temp.units(r bigint) RETURNS text LANGUAGE sql AS $$
	SELECT string_agg(format('%s:%s/%s:%s', unit_name, answered, actions,
	    CASE WHEN has_answered THEN 'yes' ELSE 'no' END), ' '
	    ORDER BY unit_name) FROM round_units(r)
$$;

-- Opening: admins only, with a deadline not in the past, processes, and
-- units to ask.
SELECT pg_temp.throws(format('SELECT round_open(%s, %L, %L)',
    pg_temp.uid('editor-a'), pg_temp.doc(current_date + 7,
    ARRAY[pg_temp.pid('t-rounds')]), '127.0.0.1'), '42501',
    'an editor may not open a round');
SELECT pg_temp.throws(format('SELECT round_open(%s, %L, %L)',
    pg_temp.uid('admin'), pg_temp.doc(current_date - 1,
    ARRAY[pg_temp.pid('t-rounds')]), '127.0.0.1'), 'TR001',
    'a deadline in the past is refused');
SELECT pg_temp.throws(format('SELECT round_open(%s, %L, %L)',
    pg_temp.uid('admin'), pg_temp.doc(current_date - 300,
    ARRAY[pg_temp.pid('t-rounds')]), '127.0.0.1'), 'TR001',
    'a deadline ten months in the past is refused');
SELECT pg_temp.throws(format('SELECT round_open(%s, %L, %L)',
    pg_temp.uid('admin'), pg_temp.doc(current_date + 800,
    ARRAY[pg_temp.pid('t-rounds')]), '127.0.0.1'), 'TR007',
    'a deadline over two years ahead is refused');
SELECT pg_temp.ok(round_open(pg_temp.uid('admin'), pg_temp.doc(
    current_date + 700, ARRAY[pg_temp.pid('t-rounds')]), '') > 0,
    'a deadline within two years is taken');
DELETE FROM audit_log WHERE event = 'round.open';
DELETE FROM round_process;
DELETE FROM round;
SELECT pg_temp.throws(format('SELECT round_open(%s, %L, %L)',
    pg_temp.uid('admin'), pg_temp.doc(current_date + 7, '{}'),
    '127.0.0.1'), 'TR002', 'a round without processes is refused');
SELECT pg_temp.throws(format('SELECT round_open(%s, %L, %L)',
    pg_temp.uid('admin'), pg_temp.doc(current_date + 7,
    ARRAY[pg_temp.pid('t-rounds-empty')]), '127.0.0.1'), 'TR003',
    'a round whose actions have no units is refused');
SELECT pg_temp.throws(format('SELECT round_open(%s, %L, %L)',
    pg_temp.uid('admin'), pg_temp.doc(current_date + 7,
    ARRAY[-5::bigint]), '127.0.0.1'), 'P0002',
    'a round of an unknown process is refused');
SELECT pg_temp.ok(count(*) = 0, 'refused rounds left nothing behind')
FROM round;

CREATE TEMPORARY TABLE t_round AS
SELECT round_open(pg_temp.uid('admin'), pg_temp.doc(current_date,
    ARRAY[pg_temp.pid('t-rounds'), pg_temp.pid('t-rounds-empty')]),
    '10.0.0.1') AS id;
CREATE FUNCTION pg_temp.rid() RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM t_round $$;
SELECT pg_temp.ok(r.title = 'Syksyn kierros' AND r.deadline = current_date
    AND r.opened_by = pg_temp.uid('admin') AND r.closed_at IS NULL,
    'an admin opens a round due today')
FROM round r WHERE r.id = pg_temp.rid();
SELECT pg_temp.ok(count(*) = 2, 'the round covers both processes')
FROM round_process WHERE round_id = pg_temp.rid();
SELECT pg_temp.ok(count(*) = 1, 'the opening is in the audit log')
FROM audit_log WHERE event = 'round.open'
    AND object = 'round/' || pg_temp.rid() AND ip = '10.0.0.1';

-- However a deadline is set, it is judged: a direct change to the past
-- or too far ahead is refused; other changes of the round are not.
SELECT pg_temp.throws(format('UPDATE round SET deadline = current_date - 300 '
    'WHERE id = %s', pg_temp.rid()), 'TR001',
    'a deadline can not be moved ten months into the past');
SELECT pg_temp.throws(format('UPDATE round SET deadline = current_date + 800 '
    'WHERE id = %s', pg_temp.rid()), 'TR007',
    'a deadline can not be moved over two years ahead');
SELECT pg_temp.throws(format('INSERT INTO round (title, deadline) VALUES '
    '(%L, current_date - 1)', 'Suora'), 'TR001',
    'a round stored directly with a past deadline is refused');

-- Units of the round: A (two actions), B (one: the removed action does
-- not count), the child of A (its own unit, not A's).
SELECT pg_temp.ok(pg_temp.units(pg_temp.rid()) =
    'R-lapsi A:0/1:no R-yksikkö A:0/2:no R-yksikkö B:0/1:no',
    'units are those the live actions name directly (got ' ||
    pg_temp.units(pg_temp.rid()) || ')');

-- Confirming: only who may edit the action, only actions of the round;
-- an action without a status needs the editor's explicit check.
SELECT pg_temp.throws(format('SELECT round_confirm(%s, %s, %s, true, %L)',
    pg_temp.uid('editor-b'), pg_temp.rid(), pg_temp.aid('Vain A'), ''),
    '42501', 'an editor of B may not confirm an action of A only');
SELECT pg_temp.ok(count(*) = 0, 'the refused confirmation stored nothing')
FROM round_answer;
SELECT pg_temp.throws(format('SELECT round_confirm(%s, %s, %s, true, %L)',
    pg_temp.uid('editor-b'), pg_temp.rid(), pg_temp.aid('Poistettu B'),
    ''), 'TR005', 'a removed action is not in the round');
SELECT pg_temp.throws(format('SELECT round_confirm(%s, %s, %s, true, %L)',
    pg_temp.uid('editor-a'), -1, pg_temp.aid('Vain A'), ''), 'P0002',
    'a round that does not exist');

SELECT pg_temp.ok(round_confirm_reasons(pg_temp.aid('Yhteinen')) =
    '{no_status}', 'an action without a status needs a check');
SELECT pg_temp.throws(format('SELECT round_confirm(%s, %s, %s, false, %L)',
    pg_temp.uid('editor-b'), pg_temp.rid(), pg_temp.aid('Yhteinen'), ''),
    'TR006', 'a plain confirmation of an action without status is refused');
SELECT pg_temp.ok(count(*) = 0, 'the refused plain confirmation stored '
    'nothing') FROM round_answer;

-- The action of two units: B answers it, and B has answered; A has not:
-- B's answer is not A's.
SELECT round_confirm(pg_temp.uid('editor-b'), pg_temp.rid(),
    pg_temp.aid('Yhteinen'), true, '10.0.0.2');
SELECT pg_temp.ok(kind = 'confirmed' AND answered_by =
    pg_temp.uid('editor-b'), 'a confirmation is recorded with who')
FROM round_answer WHERE action_id = pg_temp.aid('Yhteinen');
SELECT pg_temp.ok(pg_temp.units(pg_temp.rid()) =
    'R-lapsi A:0/1:no R-yksikkö A:0/2:no R-yksikkö B:1/1:yes',
    'B has answered; B''s answer does not count for A (got ' ||
    pg_temp.units(pg_temp.rid()) || ')');
SELECT pg_temp.ok(count(*) = 1, 'the confirmation is in the audit log')
FROM audit_log WHERE event = 'round.confirm' AND ip = '10.0.0.2'
    AND detail->>'action' = pg_temp.aid('Yhteinen')::text;

-- A's editor answers for the child unit's action (a unit below theirs)
-- by saving it.
SELECT action_save(pg_temp.uid('editor-a'), pg_temp.aid('Lapsen'), 1,
    jsonb_build_object('status', 'in_progress', 'status_note', 'Uusi',
    'schedule_kind', 'continuous', 'schedule_start', null, 'schedule_end',
    null, 'schedule_text', '', 'actual_start', null, 'actual_end', null,
    'info', '', 'evidence', '[]'::jsonb, 'lexemes', '[]'::jsonb), '');
SELECT pg_temp.ok(kind = 'updated' AND answered_by =
    pg_temp.uid('editor-a'), 'a save during the round answers as updated')
FROM round_answer WHERE action_id = pg_temp.aid('Lapsen');
SELECT round_confirm(pg_temp.uid('editor-a'), pg_temp.rid(),
    pg_temp.aid('Lapsen'), false, '');
SELECT pg_temp.ok(kind = 'updated', 'a later confirmation keeps updated')
FROM round_answer WHERE action_id = pg_temp.aid('Lapsen');
SELECT round_confirm(pg_temp.uid('editor-a'), pg_temp.rid(),
    pg_temp.aid('Vain A'), true, '');
SELECT pg_temp.ok(pg_temp.units(pg_temp.rid()) =
    'R-lapsi A:1/1:yes R-yksikkö A:1/2:no R-yksikkö B:1/1:yes',
    'A has not answered while its shared action has only B''s answer (got '
    || pg_temp.units(pg_temp.rid()) || ')');
SELECT round_confirm(pg_temp.uid('editor-a'), pg_temp.rid(),
    pg_temp.aid('Yhteinen'), true, '');
SELECT pg_temp.ok(pg_temp.units(pg_temp.rid()) =
    'R-lapsi A:1/1:yes R-yksikkö A:2/2:yes R-yksikkö B:1/1:yes',
    'every unit has answered (got ' || pg_temp.units(pg_temp.rid()) || ')');
SELECT pg_temp.ok(confirmed = 2 AND updated = 0 AND last_answer IS NOT NULL,
    'A: two confirmed, none updated, a last answer time')
FROM round_units(pg_temp.rid()) WHERE unit_name = 'R-yksikkö A';

-- Closing: admins only, once; then answers are refused and saves do not
-- answer.
SELECT pg_temp.throws(format('SELECT round_close(%s, %s, %L)',
    pg_temp.uid('editor-a'), pg_temp.rid(), ''), '42501',
    'an editor may not close a round');
SELECT round_close(pg_temp.uid('admin'), pg_temp.rid(), '10.0.0.1');
SELECT pg_temp.ok(closed_at IS NOT NULL, 'an admin closes the round')
FROM round WHERE id = pg_temp.rid();
SELECT pg_temp.throws(format('SELECT round_close(%s, %s, %L)',
    pg_temp.uid('admin'), pg_temp.rid(), ''), 'TR004',
    'a closed round can not be closed again');
SELECT pg_temp.throws(format('SELECT round_confirm(%s, %s, %s, true, %L)',
    pg_temp.uid('editor-a'), pg_temp.rid(), pg_temp.aid('Vain A'), ''),
    'TR004', 'a closed round takes no answers');
SELECT action_save(pg_temp.uid('editor-b'), pg_temp.aid('Yhteinen'), 1,
    jsonb_build_object('status', 'done', 'status_note', 'Valmis',
    'schedule_kind', 'none', 'schedule_start', null, 'schedule_end',
    null, 'schedule_text', '', 'actual_start', null, 'actual_end', null,
    'info', '', 'evidence', '[]'::jsonb, 'lexemes', '[]'::jsonb), '');
SELECT pg_temp.ok(kind = 'confirmed', 'a save after the close is no answer')
FROM round_answer WHERE action_id = pg_temp.aid('Yhteinen');
SELECT pg_temp.ok(count(*) = 1, 'the close is in the audit log')
FROM audit_log WHERE event = 'round.close';
-- Units without editors: opening a round that asks one needs the
-- admin's explicit word; such a unit is never answered by another
-- unit's editor, even for an action they share.
INSERT INTO process (slug, title) VALUES ('t-rounds-c', 'Kierros C');
INSERT INTO unit (name) VALUES ('R-yksikkö C');
INSERT INTO action (process_id, body)
SELECT id, b FROM process, unnest(ARRAY['Jaettu AC', 'Vain C']) b
WHERE slug = 't-rounds-c';
INSERT INTO action_unit (action_id, unit_id, position)
SELECT a.id, u.id, x.pos FROM (VALUES ('Jaettu AC', 'R-yksikkö A', 0),
    ('Jaettu AC', 'R-yksikkö C', 1), ('Vain C', 'R-yksikkö C', 0))
    x(body, unit, pos)
JOIN action a ON a.body = x.body JOIN unit u ON u.name = x.unit;
SELECT pg_temp.ok(string_agg(unit_name, ',') = 'R-yksikkö C',
    'C is the unit without editors') FROM
    round_units_without_editors(ARRAY[pg_temp.pid('t-rounds-c')]);
SELECT pg_temp.throws(format('SELECT round_open(%s, %L, %L)',
    pg_temp.uid('admin'), pg_temp.doc(current_date + 7,
    ARRAY[pg_temp.pid('t-rounds-c')]), ''), 'TR008',
    'a round that asks a unit without editors needs the admin''s word');
CREATE TEMPORARY TABLE t_round_c AS
SELECT round_open(pg_temp.uid('admin'), pg_temp.doc(current_date + 7,
    ARRAY[pg_temp.pid('t-rounds-c')]) || '{"units_without_editors_ok": true}',
    '') AS id;
SELECT round_confirm(pg_temp.uid('editor-a'), (SELECT id FROM t_round_c),
    pg_temp.aid('Jaettu AC'), true, '');
SELECT pg_temp.ok(pg_temp.units((SELECT id FROM t_round_c)) =
    'R-yksikkö A:1/1:yes R-yksikkö C:0/2:no',
    'A''s answer for the shared action does not answer for C (got ' ||
    pg_temp.units((SELECT id FROM t_round_c)) || ')');
ROLLBACK;
