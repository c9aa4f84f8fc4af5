-- The editing backend in the database: evidence links, who may edit,
-- action_save() and its refusals, the refresh of one action's public rows,
-- the admin's changes that rebuild them, and the checks on accounts and
-- sessions.
BEGIN;
\i tests/sql/harness.sql

-- Evidence links: absolute http(s) addresses only.
SELECT pg_temp.ok(links_valid(ARRAY['https://example.org/a?b=1#c',
    'http://example.org']), 'links_valid accepts https and http addresses');
SELECT pg_temp.ok(links_valid('{}'), 'links_valid accepts no links');
SELECT pg_temp.ok(NOT links_valid(ARRAY['javascript:alert(1)']),
    'links_valid refuses javascript:');
SELECT pg_temp.ok(NOT links_valid(ARRAY['https://example.org/ok',
    '/relative/path']), 'links_valid refuses a relative address among good ones');
SELECT pg_temp.ok(NOT links_valid(ARRAY['https://example.org/a b']),
    'links_valid refuses an address with a space');
SELECT pg_temp.ok(NOT links_valid(ARRAY['https:///no-host']),
    'links_valid refuses an address without a host');
SELECT pg_temp.ok(NOT links_valid(ARRAY['https://example.org/' ||
    repeat('x', 2000)]), 'links_valid refuses an address over 2000 characters');

-- A process with a recommendation, a sub-recommendation and three
-- actions; units A (with a child and a grandchild) and B.
INSERT INTO process (slug, title) VALUES ('t-backend', 'Backend');
INSERT INTO unit (name, lexemes) VALUES ('T-yksikkö A', '{yksikkö}'),
    ('T-yksikkö B', '{}');
INSERT INTO unit (name, parent_id)
SELECT 'T-lapsi A', id FROM unit WHERE name = 'T-yksikkö A';
INSERT INTO unit (name, parent_id)
SELECT 'T-lapsenlapsi A', id FROM unit WHERE name = 'T-lapsi A';
INSERT INTO recommendation (process_id, kind, number, body, position,
    lexemes)
SELECT id, 'recommendation', '1', 'Ylä', 0, '{ylä}' FROM process
WHERE slug = 't-backend';
INSERT INTO recommendation (process_id, parent_id, kind, number, body,
    position)
SELECT process_id, id, 'sub', '1.1', 'Ala', 0 FROM recommendation
WHERE body = 'Ylä';
INSERT INTO action (process_id, body, status_note, schedule_kind,
    schedule_start, schedule_end)
SELECT id, b, 'Alku', 'months', '2025-01-01', '2026-12-01'
FROM process, unnest(ARRAY['Toimi A', 'Toimi lapsi', 'Toimi B']) b
WHERE slug = 't-backend';
INSERT INTO recommendation_action (process_id, recommendation_id,
    action_id, position)
SELECT r.process_id, r.id, a.id, row_number() OVER (PARTITION BY r.id
    ORDER BY a.id) - 1
FROM recommendation r JOIN action a ON a.process_id = r.process_id
WHERE r.body = 'Ala' OR (r.body = 'Ylä' AND a.body = 'Toimi A');
INSERT INTO action_unit (action_id, unit_id, position)
SELECT a.id, u.id, 0 FROM action a JOIN unit u ON (a.body, u.name) IN
    (('Toimi A', 'T-yksikkö A'), ('Toimi lapsi', 'T-lapsenlapsi A'),
     ('Toimi B', 'T-yksikkö B'));
INSERT INTO action_unit (action_id, unit_id, position)
SELECT a.id, u.id, 1 FROM action a, unit u
WHERE a.body = 'Toimi A' AND u.name = 'T-yksikkö B';
DO $$ BEGIN PERFORM process_rows_rebuild(id) FROM process
    WHERE slug = 't-backend'; END $$;
-- The words a staff page shows for an action's units and schedule.
SELECT pg_temp.ok(action_unit_names(a.id) = 'T-yksikkö A; T-yksikkö B',
    'an action''s units in their order, "; " between: ' ||
    action_unit_names(a.id))
FROM action a WHERE a.body = 'Toimi A';
SELECT pg_temp.ok(action_unit_names(-1) = '', 'no units: an empty text');
SELECT pg_temp.ok(action_schedule_words('months', '2025-01-01',
    '2026-12-01', NULL, 'Jatkuva') = '1/2025 – 12/2026',
    'months as month/year, a dash between');
SELECT pg_temp.ok(action_schedule_words('months', '2025-03-01', NULL,
    NULL, 'Jatkuva') = '3/2025', 'a first month alone');
SELECT pg_temp.ok(action_schedule_words('continuous', NULL, NULL, NULL,
    'Pågående') = 'Pågående', 'continuous: the word in the reader''s '
    'language');
SELECT pg_temp.ok(action_schedule_words('text', NULL, NULL, 'Syksyllä',
    'Jatkuva') = 'Syksyllä', 'its own words');
SELECT pg_temp.ok(action_schedule_words(NULL, NULL, NULL, NULL,
    'Jatkuva') = '', 'none: an empty text');
SELECT pg_temp.ok(schedule_words(jsonb_build_object('schedule_kind',
    'months', 'schedule_start', '2025-01-01', 'schedule_end',
    '2026-12-01'), 'Jatkuva') = '1/2025 – 12/2026',
    'a history document says the same');
-- A text in the reader's language, Finnish where it has no translation.
SELECT pg_temp.ok(in_lang('sv', 'Nuoret', 'Unga', 'Youth') = 'Unga' AND
    in_lang('en', 'Nuoret', 'Unga', 'Youth') = 'Youth' AND
    in_lang('fi', 'Nuoret', 'Unga', 'Youth') = 'Nuoret',
    'in_lang: the version of the language asked for');
SELECT pg_temp.ok(in_lang('sv', 'Nuoret', '', 'Youth') = 'Nuoret' AND
    in_lang('en', 'Nuoret', 'Unga', NULL) = 'Nuoret',
    'in_lang: Finnish where the translation is empty or missing');
SELECT pg_temp.ok(in_lang('de', 'Nuoret', 'Unga', 'Youth') = 'Nuoret' AND
    in_lang('sv', NULL, NULL, NULL) IS NULL,
    'in_lang: Finnish for another language; nothing for no text');
-- The directory lists each action once: at its first row only ('Toimi
-- A' answers two recommendations, so it has two rows).
SELECT pg_temp.ok(count(*) FILTER (WHERE first_of_action) = 3 AND
    count(*) FILTER (WHERE action_id IS NOT NULL) = 4 AND
    bool_and(first_of_action = (action_id IS NOT NULL AND position =
	(SELECT min(o.position) FROM process_row o WHERE o.process_id =
	pr.process_id AND o.action_id = pr.action_id))),
    'each action has one first row, its lowest, of its ' ||
    count(*) FILTER (WHERE action_id IS NOT NULL) || ' rows')
FROM process_row pr JOIN process p ON p.id = pr.process_id
WHERE p.slug = 't-backend';

INSERT INTO app_user (email, role, password_hash) VALUES
    ('t-admin@example.org', 'admin', '$argon2id$x'),
    ('t-editor-a@example.org', 'editor', '$argon2id$x'),
    ('t-editor-b@example.org', 'editor', '$argon2id$x'),
    ('t-disabled@example.org', 'admin', '$argon2id$x');
UPDATE app_user SET disabled = true WHERE email = 't-disabled@example.org';
INSERT INTO user_unit (user_id, unit_id)
SELECT u.id, n.id FROM app_user u JOIN unit n ON (u.email, n.name) IN
    (('t-editor-a@example.org', 'T-yksikkö A'),
     ('t-editor-b@example.org', 'T-yksikkö B'));

CREATE FUNCTION pg_temp.uid(e text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM app_user WHERE email = e $$;
CREATE FUNCTION pg_temp.aid(b text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM action WHERE body = b $$;
CREATE FUNCTION pg_temp.doc(note text) RETURNS jsonb LANGUAGE sql AS $$
	SELECT jsonb_build_object('status', 'in_progress', 'status_note', note,
	    'schedule_kind', 'months', 'schedule_start', '2025-02-01',
	    'schedule_end', '2026-06-01', 'schedule_text', '',
	    'actual_start', '2025-03-04', 'actual_end', null, 'info', 'Tieto',
	    'evidence', '["https://example.org/raportti"]'::jsonb,
	    'lexemes', '["tilanne"]'::jsonb)
$$;
-- The public rows of the process, as text, in order.
-- The public rows as they are shown (row_version only says which a
-- refresh rewrote, for the servers' search indexes).
CREATE FUNCTION pg_temp.rows() RETURNS text LANGUAGE sql AS $$
	SELECT string_agg((to_jsonb(pr) - 'row_version')::text, E'\n'
	    ORDER BY pr.position)
	FROM process_row pr JOIN process p ON p.id = pr.process_id
	WHERE p.slug = 't-backend'
$$;

-- Who answers for what.
SELECT pg_temp.ok(array_agg(n.name ORDER BY n.name) =
    ARRAY['T-lapsenlapsi A', 'T-lapsi A', 'T-yksikkö A'],
    'user_units() holds the own unit and every unit below it: ' ||
    array_agg(n.name ORDER BY n.name)::text)
FROM user_units(pg_temp.uid('t-editor-a@example.org')) u(id)
JOIN unit n ON n.id = u.id;
SELECT pg_temp.ok(user_may_edit_action(pg_temp.uid('t-editor-a@example.org'),
    pg_temp.aid('Toimi lapsi')),
    'an editor may edit the actions of a unit below their own');
SELECT pg_temp.ok(NOT user_may_edit_action(
    pg_temp.uid('t-editor-a@example.org'), pg_temp.aid('Toimi B')),
    'an editor may not edit the actions of another unit');
SELECT pg_temp.ok(user_may_edit_action(pg_temp.uid('t-editor-b@example.org'),
    pg_temp.aid('Toimi A')),
    'an action of two units may be edited by an editor of either');
SELECT pg_temp.ok(user_may_edit_action(pg_temp.uid('t-admin@example.org'),
    pg_temp.aid('Toimi B')), 'an admin may edit any action');
SELECT pg_temp.ok(NOT user_may_edit_action(
    pg_temp.uid('t-disabled@example.org'), pg_temp.aid('Toimi B')),
    'a disabled admin may edit nothing');

-- action_save() refuses what it must.
CREATE TEMPORARY TABLE before_refusals AS
SELECT md5(string_agg(a::text, '' ORDER BY id)) AS actions,
    (SELECT count(*) FROM history) AS history FROM action a;
SELECT pg_temp.throws(format($$SELECT action_save(%s, %s, 1,
    pg_temp.doc('x'), '127.0.0.1')$$, pg_temp.uid('t-editor-a@example.org'),
    pg_temp.aid('Toimi B')), '42501',
    'action_save: an editor of another unit is refused (42501)');
SELECT pg_temp.throws(format($$SELECT action_save(%s, %s, 1,
    pg_temp.doc('x'), '127.0.0.1')$$, pg_temp.uid('t-disabled@example.org'),
    pg_temp.aid('Toimi B')), '42501',
    'action_save: a disabled account is refused (42501)');
SELECT pg_temp.throws(format($$SELECT action_save(%s, %s, 0,
    pg_temp.doc('x'), '127.0.0.1')$$, pg_temp.uid('t-editor-a@example.org'),
    pg_temp.aid('Toimi A')), '40001',
    'action_save: an old revision is refused (40001)');
SELECT pg_temp.throws(format($$SELECT action_save(%s, -1, 1,
    pg_temp.doc('x'), '127.0.0.1')$$, pg_temp.uid('t-admin@example.org')),
    'P0002', 'action_save: an unknown action is refused (P0002)');
SELECT pg_temp.throws(format($$SELECT action_save(%s, %s, 1,
    pg_temp.doc('x') || '{"evidence": ["javascript:alert(1)"]}',
    '127.0.0.1')$$, pg_temp.uid('t-editor-a@example.org'),
    pg_temp.aid('Toimi A')), '23514',
    'action_save: a javascript: link is refused by the table (23514)');
SELECT pg_temp.ok(b.actions = (SELECT md5(string_agg(a::text, '' ORDER BY
    id)) FROM action a) AND b.history = (SELECT count(*) FROM history),
    'the refused saves changed no action and left no history')
FROM before_refusals b;

-- A save: a new revision, the values, history under the editor's address,
-- the audit log, and the public rows.
CREATE TEMPORARY TABLE saved AS
SELECT action_save(pg_temp.uid('t-editor-a@example.org'),
    pg_temp.aid('Toimi A'), 1, pg_temp.doc('Uusi tilanne'), '192.0.2.1')
    AS rev;
SELECT pg_temp.ok(s.rev = 2 AND a.revision = 2,
    'a save returns and stores the next revision (' || s.rev || ')')
FROM saved s, action a WHERE a.id = pg_temp.aid('Toimi A');
SELECT pg_temp.ok(a.status_note = 'Uusi tilanne' AND st.code = 'in_progress'
    AND a.schedule_start = '2025-02-01' AND a.schedule_end = '2026-06-01'
    AND a.actual_start = '2025-03-04' AND a.actual_end IS NULL
    AND a.info = 'Tieto' AND a.evidence = '{https://example.org/raportti}'
    AND a.lexemes = '{tilanne}', 'the saved values are stored')
FROM action a JOIN status st ON st.id = a.status_id
WHERE a.id = pg_temp.aid('Toimi A');
SELECT pg_temp.ok(h.actor = 't-editor-a@example.org'
    AND h.operation = 'UPDATE'
    AND h.before->>'status_note' = 'Alku'
    AND h.after->>'status_note' = 'Uusi tilanne'
    AND (h.before->>'revision')::int = 1 AND (h.after->>'revision')::int = 2,
    'history keeps the editor''s address, before and after')
FROM history h WHERE h.table_name = 'action'
    AND h.row_id = pg_temp.aid('Toimi A')
ORDER BY h.id DESC LIMIT 1;
SELECT pg_temp.ok(count(*) = 1, 'the audit log has the update with the ' ||
    'user and the address')
FROM audit_log WHERE event = 'action.update'
    AND object = 'action/' || pg_temp.aid('Toimi A')
    AND user_id = pg_temp.uid('t-editor-a@example.org')
    AND email = 't-editor-a@example.org' AND ip = '192.0.2.1'
    AND detail = '{"revision": 2}';
SELECT pg_temp.throws(format($$SELECT action_save(%s, %s, 1,
    pg_temp.doc('toinen'), '127.0.0.1')$$,
    pg_temp.uid('t-admin@example.org'), pg_temp.aid('Toimi A')), '40001',
    'after the save, its old revision is refused (40001)');
SELECT pg_temp.ok(count(*) = 2 AND bool_and(status_note = 'Uusi tilanne'
    AND search_text LIKE '%uusi tilanne%'
    AND search_tsv @@ 'tilanne'::tsquery),
    'the save refreshed both public rows of the action (' || count(*) || ')')
FROM process_row WHERE action_id = pg_temp.aid('Toimi A');

-- The refresh of one action gives the rows a full rebuild would.
CREATE TEMPORARY TABLE refreshed AS SELECT pg_temp.rows() AS t;
DO $$ BEGIN PERFORM process_rows_rebuild(id) FROM process
    WHERE slug = 't-backend'; END $$;
SELECT pg_temp.ok(r.t = pg_temp.rows(),
    'after a save the rows equal those of process_rows_rebuild')
FROM refreshed r;
UPDATE action SET status_id = NULL, status_note = 'Suoraan', info = '',
    schedule_kind = 'text', schedule_start = NULL, schedule_end = NULL,
    schedule_text = 'Syksyllä', lexemes = '{suoraan}'
WHERE body = 'Toimi lapsi';
SELECT pg_temp.ok(pg_temp.rows() NOT LIKE '%Suoraan%',
    'a direct update alone does not reach the public rows');
SELECT pg_temp.ok(process_rows_refresh_action(pg_temp.aid('Toimi lapsi')) = 1,
    'process_rows_refresh_action reports the rows it refreshed');
SELECT pg_temp.ok(pr.row_version = (SELECT version FROM data_version)
    AND pv.rows_version = pr.row_version,
    'and marks them with the version, as a rebuild marks its process')
FROM process_row pr JOIN process_version pv USING (process_id)
WHERE pr.action_id = pg_temp.aid('Toimi lapsi');
DELETE FROM refreshed;
INSERT INTO refreshed SELECT pg_temp.rows();
DO $$ BEGIN PERFORM process_rows_rebuild(id) FROM process
    WHERE slug = 't-backend'; END $$;
SELECT pg_temp.ok(r.t = pg_temp.rows() AND r.t LIKE '%Suoraan%',
    'process_rows_refresh_action leaves the rows process_rows_rebuild makes')
FROM refreshed r;
SELECT pg_temp.ok(process_rows_refresh_action(-1) = 0,
    'an unknown action refreshes nothing');

-- An admin's changes that move the public rows or change their texts:
-- each changes the rows, leaves them as a rebuild would make them, and
-- is audited once with its event and object, the admin's address and
-- where it came from (detail: as given, or anything for null). stmt
-- and object (an expression) are SQL, object read after stmt.
CREATE FUNCTION pg_temp.admin() RETURNS bigint LANGUAGE sql AS
$$ SELECT pg_temp.uid('t-admin@example.org') $$;
CREATE FUNCTION pg_temp.rec(b text) RETURNS bigint LANGUAGE sql AS
$$ SELECT id FROM recommendation WHERE body = b $$;
CREATE FUNCTION pg_temp.changed(stmt text, event text, object text,
    detail jsonb) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	before	text := pg_temp.rows();
	made	text;
	obj	text;
	n	bigint;
BEGIN
	EXECUTE stmt;
	made := pg_temp.rows();
	PERFORM process_rows_rebuild(id) FROM process WHERE slug = 't-backend';
	EXECUTE 'SELECT ' || object INTO obj;
	SELECT count(*) INTO n FROM audit_log a WHERE a.event = changed.event
	    AND a.object = obj AND a.user_id = pg_temp.admin()
	    AND a.email = 't-admin@example.org' AND a.ip = '192.0.2.9'
	    AND a.detail = coalesce(changed.detail, a.detail);
	RETURN pg_temp.ok(made <> before AND made = pg_temp.rows() AND n = 1,
	    event || ' of ' || obj || ' changed the rows as a rebuild does ('
	    || (made <> before) || ', ' || (made = pg_temp.rows())
	    || ') and is audited once (' || n || ')');
END $$;
SELECT status_save(pg_temp.admin(), NULL, '{"code": "t_odottaa",
    "label_fi": "Odottaa", "label_sv": "Väntar", "label_en": "Waiting",
    "is_final": false, "colour": "#6b7280", "progress": 0,
    "meaning_fi": "", "meaning_sv": "", "meaning_en": ""}', '192.0.2.9')
    \g /dev/null
UPDATE action SET status_id = (SELECT id FROM status
    WHERE code = 't_odottaa') WHERE body = 'Toimi B';
SELECT process_rows_refresh_action(pg_temp.aid('Toimi B')) \g /dev/null
SELECT pg_temp.changed(stmt, event, object, detail::jsonb) FROM (VALUES
    ($$SELECT recommendation_create(pg_temp.admin(), (SELECT process_id
	FROM recommendation WHERE body = 'Ylä'), pg_temp.rec('Ylä'),
	'{"number": "1.2", "body": "Uusi ala", "body_sv": "",
	"body_en": "", "lexemes": []}', '192.0.2.9')$$,
	'recommendation.create', $$'recommendation/' ||
	pg_temp.rec('Uusi ala')$$, '{}'),
    ($$SELECT recommendation_define(pg_temp.admin(),
	pg_temp.rec('Uusi ala'), '{"number": "1.2", "body": "Toinen ala",
	"body_sv": "", "body_en": "", "lexemes": []}', '192.0.2.9')$$,
	'recommendation.update', $$'recommendation/' ||
	pg_temp.rec('Toinen ala')$$, '{}'),
    ($$SELECT recommendation_move(pg_temp.admin(),
	pg_temp.rec('Toinen ala'), -1, '192.0.2.9')$$,
	'recommendation.move', $$'recommendation/' ||
	pg_temp.rec('Toinen ala')$$, '{}'),
    ($$SELECT action_create(pg_temp.admin(), pg_temp.rec('Toinen ala'),
	jsonb_build_object('body', 'Toimi uusi', 'body_sv', '',
	'body_en', '', 'lexemes', '[]'::jsonb, 'units',
	jsonb_build_array((SELECT id FROM unit
	WHERE name = 'T-yksikkö B')::text)), '192.0.2.9')$$,
	'action.create', $$'action/' || pg_temp.aid('Toimi uusi')$$, '{}'),
    ($$SELECT action_define(pg_temp.admin(), pg_temp.aid('Toimi uusi'),
	(SELECT revision FROM action WHERE body = 'Toimi uusi'),
	jsonb_build_object('body', 'Toimi muutettu', 'body_sv', '',
	'body_en', '', 'lexemes', '[]'::jsonb, 'units', '[]'::jsonb,
	'recommendations', jsonb_build_array(pg_temp.rec('Ylä')::text,
	pg_temp.rec('Toinen ala')::text)), '192.0.2.9')$$,
	'action.define', $$'action/' || pg_temp.aid('Toimi muutettu')$$,
	'{}'),
    ($$SELECT action_remove(pg_temp.admin(),
	pg_temp.aid('Toimi muutettu'), true, '192.0.2.9')$$,
	'action.remove', $$'action/' || pg_temp.aid('Toimi muutettu')$$,
	'{}'),
    ($$SELECT action_remove(pg_temp.admin(),
	pg_temp.aid('Toimi muutettu'), false, '192.0.2.9')$$,
	'action.restore', $$'action/' || pg_temp.aid('Toimi muutettu')$$,
	'{}'),
    ($$SELECT recommendation_remove(pg_temp.admin(),
	pg_temp.rec('Toinen ala'), true, '192.0.2.9')$$,
	'recommendation.remove', $$'recommendation/' ||
	pg_temp.rec('Toinen ala')$$, '{}'),
    ($$SELECT recommendation_remove(pg_temp.admin(),
	pg_temp.rec('Toinen ala'), false, '192.0.2.9')$$,
	'recommendation.restore', $$'recommendation/' ||
	pg_temp.rec('Toinen ala')$$, '{}'),
    ($$SELECT unit_save(pg_temp.admin(), (SELECT id FROM unit
	WHERE name = 'T-yksikkö B'), 'T-yksikkö Bee', '', '', NULL, '{}',
	'192.0.2.9')$$, 'unit.update', $$'unit/' || (SELECT id FROM unit
	WHERE name = 'T-yksikkö Bee')$$, '{"name": "T-yksikkö Bee",
	"name_sv": "", "name_en": "", "parent": null}'),
    ($$SELECT status_save(pg_temp.admin(), (SELECT id FROM status
	WHERE code = 't_odottaa'), '{"label_fi": "Jonossa",
	"label_sv": "Väntar", "label_en": "Waiting", "is_final": false,
	"colour": "#6b7280", "progress": 0, "meaning_fi": "",
	"meaning_sv": "", "meaning_en": ""}', '192.0.2.9')$$,
	'status.update', $$'status/' || (SELECT id FROM status
	WHERE code = 't_odottaa')$$, NULL)
) t(stmt, event, object, detail);

-- Accounts and sessions.
SELECT pg_temp.throws(format($$INSERT INTO app_user (email, role,
    password_hash) VALUES (%L, %L, %L)$$, email, role, hash), state, what)
FROM (VALUES
    ('Upper@example.org', 'editor', '$argon2id$x', '23514',
	'an e-mail address in upper case is refused'),
    (' t@example.org', 'editor', '$argon2id$x', '23514',
	'an e-mail address with spaces around is refused'),
    ('no-at-sign', 'editor', '$argon2id$x', '23514',
	'an e-mail address needs an @'),
    ('t-editor-a@example.org', 'editor', '$argon2id$x', '23505',
	'e-mail addresses are unique'),
    ('t-plain@example.org', 'editor', 'secret', '23514',
	'a password is kept only as an argon2id hash'),
    ('t-root@example.org', 'root', '$argon2id$x', '23514',
	'a role is admin or editor')
) t(email, role, hash, state, what);
SELECT pg_temp.throws(format($$INSERT INTO staff_session (token_hash,
    user_id, csrf_token) VALUES ('\x%s', %s, repeat('c', 43))$$,
    repeat('ab', n), pg_temp.uid('t-admin@example.org')), '23514',
    format('a session token hash of %s bytes is refused', n))
FROM (VALUES (31), (33)) t(n);
INSERT INTO staff_session (token_hash, user_id, csrf_token)
VALUES (sha256('token'), pg_temp.uid('t-admin@example.org'), repeat('c', 43));
SELECT pg_temp.ok(count(*) = 1, 'a 32-byte hash (SHA-256) is accepted')
FROM staff_session WHERE token_hash = sha256('token');
SELECT pg_temp.throws(format($$INSERT INTO staff_session (token_hash,
    user_id, csrf_token) VALUES (sha256('t2'), %s, 'short')$$,
    pg_temp.uid('t-admin@example.org')), '23514',
    'a short CSRF token is refused');
DELETE FROM app_user WHERE email = 't-admin@example.org';
SELECT pg_temp.ok(count(*) = 0, 'the sessions of a removed account go too')
FROM staff_session WHERE token_hash = sha256('token');
ROLLBACK;
