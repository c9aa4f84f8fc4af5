-- Bulk updates (action_bulk_save) and the review step (action_pending_*)
-- in the database: each action's own conflict check, refusal of another
-- unit's action before anything changes, updates held for review,
-- approval with the editor as the author, return with a comment, and
-- the difference an admin sees.
BEGIN;
\i tests/sql/harness.sql

INSERT INTO process (slug, title) VALUES ('t-bulk', 'Bulk');
INSERT INTO unit (name) VALUES ('T-massa A'), ('T-massa B');
INSERT INTO action (process_id, body, status_note, schedule_kind)
SELECT id, b, 'Alku', 'none' FROM process,
    unnest(ARRAY['Massa 1', 'Massa 2', 'Massa 3', 'Massa vieras']) b
WHERE slug = 't-bulk';
INSERT INTO action_unit (action_id, unit_id, position)
SELECT a.id, u.id, 0 FROM action a JOIN unit u ON u.name = CASE
    WHEN a.body = 'Massa vieras' THEN 'T-massa B' ELSE 'T-massa A' END
WHERE a.body LIKE 'Massa %';
INSERT INTO app_user (email, role, password_hash) VALUES
    ('t-bulk-admin@example.org', 'admin', '$argon2id$x'),
    ('t-bulk-editor@example.org', 'editor', '$argon2id$x');
INSERT INTO user_unit (user_id, unit_id)
SELECT u.id, n.id FROM app_user u, unit n
WHERE u.email = 't-bulk-editor@example.org' AND n.name = 'T-massa A';

CREATE FUNCTION pg_temp.uid(e text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM app_user WHERE email = e $$;
CREATE FUNCTION pg_temp.aid(b text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM action WHERE body = b $$;
CREATE FUNCTION pg_temp.rev(b text) RETURNS integer LANGUAGE sql AS
$$ SELECT revision FROM action WHERE body = b $$;
CREATE FUNCTION pg_temp.ed() RETURNS bigint LANGUAGE sql AS
$$ SELECT pg_temp.uid('t-bulk-editor@example.org') $$;

-- Massa 2 changes after the list was shown.
CREATE TEMPORARY TABLE shown AS
SELECT body, id, revision FROM action WHERE body LIKE 'Massa %';
UPDATE action SET info = 'välissä' WHERE body = 'Massa 2';
CREATE TEMPORARY TABLE outcome AS
SELECT * FROM action_bulk_save(pg_temp.ed(),
    ARRAY[pg_temp.aid('Massa 1'), pg_temp.aid('Massa 2')],
    ARRAY[(SELECT revision FROM shown WHERE body = 'Massa 1'),
	(SELECT revision FROM shown WHERE body = 'Massa 2')],
    '{"status": "done", "status_note": "Valmis"}', NULL, '127.0.0.1');
SELECT pg_temp.ok(string_agg(r_body || '=' || r_outcome, ',' ORDER BY r_body)
    = 'Massa 1=saved,Massa 2=moved',
    'one action saved, the one changed meanwhile named as moved')
FROM outcome;
SELECT pg_temp.ok(status_note = 'Valmis' AND
    status_id = (SELECT id FROM status WHERE code = 'done') AND
    revision = (SELECT revision FROM shown WHERE body = 'Massa 1') + 1,
    'the saved action has the new status and note and a new revision')
FROM action WHERE body = 'Massa 1';
SELECT pg_temp.ok(status_note = 'Alku' AND status_id IS NULL,
    'the moved action is left as it is')
FROM action WHERE body = 'Massa 2';
SELECT pg_temp.ok(count(*) = 1, 'the save is in history under the editor')
FROM history WHERE table_name = 'action' AND operation = 'UPDATE'
    AND row_id = pg_temp.aid('Massa 1')
    AND actor = 't-bulk-editor@example.org';
SELECT pg_temp.ok(action_doc(a) ->> 'status' = 'done' AND
    action_doc(a) -> 'evidence' = '[]',
    'action_doc gives the status code and the links as an array')
FROM action a WHERE body = 'Massa 1';

-- Another unit's action refuses the whole save.
SELECT pg_temp.throws(format($$SELECT * FROM action_bulk_save(%s,
    ARRAY[%s, %s]::bigint[], ARRAY[%s, %s], '{"status_note": "x"}', NULL,
    'x')$$, pg_temp.ed(), pg_temp.aid('Massa 3'),
    pg_temp.aid('Massa vieras'), pg_temp.rev('Massa 3'),
    pg_temp.rev('Massa vieras')), '42501',
    'an action of another unit refuses the save');
SELECT pg_temp.throws(format($$SELECT * FROM action_bulk_save(%s,
    ARRAY[%s, -5]::bigint[], ARRAY[%s, 1], '{"status_note": "x"}', NULL,
    'x')$$, pg_temp.ed(), pg_temp.aid('Massa 3'), pg_temp.rev('Massa 3')),
    '42501', 'an id that is no action refuses the save');
SELECT pg_temp.ok(status_note = 'Alku', 'and nothing was changed')
FROM action WHERE body = 'Massa 3';
SELECT pg_temp.throws(format($$SELECT * FROM action_bulk_save(%s,
    ARRAY[%s]::bigint[], ARRAY[1, 2], '{"status_note": "x"}', NULL,
    'x')$$, pg_temp.ed(), pg_temp.aid('Massa 3')), '22023',
    'ids and revisions of different lengths are refused');
SELECT pg_temp.throws(format($$SELECT * FROM action_bulk_save(%s,
    ARRAY[%s, %s]::bigint[], ARRAY[1, 1], '{"status_note": "x"}', NULL,
    'x')$$, pg_temp.ed(), pg_temp.aid('Massa 3'), pg_temp.aid('Massa 3')),
    '22023', 'an action given twice is refused');

-- New search terms replace the old ones; null keeps them.
SELECT pg_temp.ok(r_outcome = 'saved', 'a schedule is saved')
FROM action_bulk_save(pg_temp.ed(), ARRAY[pg_temp.aid('Massa 3')],
    ARRAY[pg_temp.rev('Massa 3')], '{"schedule_kind": "text",
    "schedule_start": null, "schedule_end": null,
    "schedule_text": "keväällä"}', '[["kevät", "massa"]]', 'x');
SELECT pg_temp.ok(schedule_kind = 'text' AND schedule_text = 'keväällä' AND
    lexemes = '{kevät,massa}', 'with its search terms')
FROM action WHERE body = 'Massa 3';

-- Confirming in the open round: only what needs no second look.
SELECT pg_temp.ok(r_outcome = 'no_round',
    'confirming without an open round says so')
FROM action_bulk_save(pg_temp.ed(), ARRAY[pg_temp.aid('Massa 1')],
    ARRAY[pg_temp.rev('Massa 1')], '{"confirm": true}', NULL, 'x');
SELECT round_open(pg_temp.uid('t-bulk-admin@example.org'),
    jsonb_build_object('title', 'Massakierros', 'deadline',
    helsinki_today() + 30, 'processes', jsonb_build_array(p.id),
    'units_without_editors_ok', true), 'x') IS NOT NULL AS opened
FROM process p WHERE slug = 't-bulk' \gset
SELECT pg_temp.ok(string_agg(r_body || '=' || r_outcome, ',' ORDER BY r_body)
    = 'Massa 1=confirmed,Massa 2=check',
    'an up-to-date action is confirmed, one without a status is not')
FROM action_bulk_save(pg_temp.ed(), ARRAY[pg_temp.aid('Massa 1'),
    pg_temp.aid('Massa 2')], ARRAY[pg_temp.rev('Massa 1'),
    pg_temp.rev('Massa 2')], '{"confirm": true}', NULL, 'x');
SELECT pg_temp.ok(string_agg(a.body || '=' || ra.kind, ',') =
    'Massa 1=confirmed', 'the round has the confirmation of one action')
FROM round_answer ra JOIN action a ON a.id = ra.action_id
JOIN round r ON r.id = ra.round_id WHERE r.title = 'Massakierros';

-- Review: the editor's update waits, an admin's save does not.
UPDATE process SET review = true WHERE slug = 't-bulk';
SELECT pg_temp.ok(action_review_holds(pg_temp.ed(), pg_temp.aid('Massa 3')),
    'an editor''s update of a process with review waits');
SELECT pg_temp.ok(NOT action_review_holds(
    pg_temp.uid('t-bulk-admin@example.org'), pg_temp.aid('Massa 3')),
    'an admin''s does not');
SELECT pg_temp.ok(r_outcome = 'pending', 'a bulk update waits for review')
FROM action_bulk_save(pg_temp.ed(), ARRAY[pg_temp.aid('Massa 3')],
    ARRAY[pg_temp.rev('Massa 3')], '{"status": "planned",
    "status_note": "Odottaa"}', NULL, 'x');
SELECT pg_temp.ok(status_note = 'Alku' AND status_id IS NULL,
    'and the action is unchanged')
FROM action WHERE body = 'Massa 3';
SELECT pg_temp.ok(count(*) = 1, 'the submission is audited')
FROM audit_log WHERE event = 'action.submit'
    AND object = 'action/' || pg_temp.aid('Massa 3');
SELECT pg_temp.ok(kind = 'updated',
    'an update sent for review answers the open round')
FROM round_answer ra JOIN round r ON r.id = ra.round_id
WHERE r.title = 'Massakierros' AND ra.action_id = pg_temp.aid('Massa 3');
SELECT pg_temp.ok(string_agg(field || ':' || before || '>' || after, ',')
    = 'status:>planned,status_note:Alku>Odottaa',
    'the difference lists the changed fields only')
FROM action_pending_diff((SELECT id FROM action_pending
    WHERE action_id = pg_temp.aid('Massa 3')), 'Jatkuvaa', 'fi');

SELECT pg_temp.throws(format($$SELECT action_pending_approve(%s, %s,
    'x')$$, pg_temp.ed(), (SELECT id FROM action_pending WHERE action_id =
    pg_temp.aid('Massa 3'))), '42501', 'an editor may not approve');
SELECT pg_temp.throws(format($$SELECT action_pending_return(%s, %s,
    ' ', 'x')$$, pg_temp.uid('t-bulk-admin@example.org'),
    (SELECT id FROM action_pending WHERE action_id =
    pg_temp.aid('Massa 3'))), 'TP001', 'a return needs a comment');
SELECT pg_temp.ok(action_pending_approve(
    pg_temp.uid('t-bulk-admin@example.org'), (SELECT id FROM action_pending
    WHERE action_id = pg_temp.aid('Massa 3')), 'x') > 0,
    'an admin approves');
SELECT pg_temp.ok(status_note = 'Odottaa', 'the approved update is saved')
FROM action WHERE body = 'Massa 3';
SELECT pg_temp.ok(actor = 't-bulk-editor@example.org' AND
    approved_by = 't-bulk-admin@example.org',
    'history names the editor as author and the approver')
FROM history WHERE table_name = 'action' AND row_id = pg_temp.aid('Massa 3')
ORDER BY id DESC LIMIT 1;
SELECT pg_temp.ok(state = 'approved' AND decided_by =
    pg_temp.uid('t-bulk-admin@example.org'), 'the update is approved')
FROM action_pending WHERE action_id = pg_temp.aid('Massa 3');
SELECT pg_temp.ok(current_setting('toteuma.approved_by', true) = '',
    'the approver is not named on later changes');
SELECT pg_temp.throws(format($$SELECT action_pending_approve(%s, %s,
    'x')$$, pg_temp.uid('t-bulk-admin@example.org'), (SELECT id FROM
    action_pending WHERE action_id = pg_temp.aid('Massa 3'))), 'P0002',
    'an approved update is not approved again');

-- A returned update, then sent again: the returned one is replaced.
SELECT pg_temp.ok(action_save(pg_temp.ed(), pg_temp.aid('Massa 1'),
    pg_temp.rev('Massa 1'), action_doc(a) || '{"info": "uusi"}', 'x') = 0,
    'action_save returns 0 for an update that waits')
FROM action a WHERE body = 'Massa 1';
SELECT action_pending_return(pg_temp.uid('t-bulk-admin@example.org'),
    (SELECT id FROM action_pending WHERE action_id = pg_temp.aid('Massa 1')),
    'Tarkenna', 'x') IS NULL AS returned \gset
SELECT pg_temp.ok(state = 'returned' AND comment = 'Tarkenna',
    'a returned update keeps its comment')
FROM action_pending WHERE action_id = pg_temp.aid('Massa 1');
SELECT pg_temp.ok(action_save(pg_temp.ed(), pg_temp.aid('Massa 1'),
    pg_temp.rev('Massa 1'), action_doc(a) || '{"info": "uudelleen"}', 'x')
    = 0, 'the editor sends it again')
FROM action a WHERE body = 'Massa 1';
SELECT pg_temp.ok(string_agg(state, ',' ORDER BY id) = 'replaced,pending',
    'the returned update is replaced by the new one')
FROM action_pending WHERE action_id = pg_temp.aid('Massa 1');
ROLLBACK;
