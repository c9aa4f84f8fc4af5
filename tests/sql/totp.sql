-- The second factor in the database: a secret is handed out only to a
-- session at the step that needs it, a time step is taken once and only
-- going forward, a recovery code once, wrong codes stop after 10, an
-- admin's reset is audited, and a session half way through signing in
-- lasts 15 minutes at most.
BEGIN;
\i tests/sql/harness.sql

INSERT INTO app_user (email, role, password_hash) VALUES
    ('t-totp-a@example.fi', 'editor', '$argon2id$x'),
    ('t-totp-admin@example.fi', 'admin', '$argon2id$x');
CREATE TEMPORARY TABLE t_u AS SELECT
    (SELECT id FROM app_user WHERE email = 't-totp-a@example.fi') AS a,
    (SELECT id FROM app_user WHERE email = 't-totp-admin@example.fi') AS adm;

-- A full session of a and one waiting for its code.
SELECT session_open(repeat('1', 64), (SELECT a FROM t_u), repeat('c', 43),
    '192.0.2.1', NULL, 'full', interval '30 minutes', interval '12 hours');
SELECT session_open(repeat('2', 64), (SELECT a FROM t_u), repeat('c', 43),
    '192.0.2.1', NULL, 'code', interval '30 minutes', interval '12 hours');
SELECT pg_temp.ok((SELECT stage FROM session_touch(repeat('2', 64),
    interval '30 minutes', interval '12 hours')) = 'code',
    'a session tells its stage');

SELECT pg_temp.ok(totp_enrol_begin(repeat('1', 64), repeat('ab', 20)) =
    repeat('ab', 20), 'an enrolment begins with the secret given');
SELECT pg_temp.ok(totp_enrol_begin(repeat('1', 64), repeat('cd', 20)) =
    repeat('ab', 20), 'and keeps it while pending');
SELECT pg_temp.ok((SELECT status FROM totp_status((SELECT a FROM t_u))) =
    'pending', 'pending until the first code');
SELECT pg_temp.ok(NOT EXISTS (SELECT 1 FROM totp_secret(repeat('2', 64))),
    'a pending secret is not handed out for signing in');
SELECT pg_temp.ok(totp_enable(repeat('1', 64), 100, repeat('5', 64),
    ARRAY[repeat('e', 64), repeat('f', 64)], '192.0.2.1'),
    'the first code switches it on');
SELECT pg_temp.ok(NOT totp_enable(repeat('1', 64), 101, repeat('5', 64),
    ARRAY[]::text[], '192.0.2.1'), 'once');
SELECT pg_temp.ok(totp_enrol_begin(repeat('1', 64), repeat('cd', 20))
    IS NULL, 'no new enrolment while it is on');
SELECT pg_temp.ok((SELECT count(*) FROM audit_log WHERE event =
    'totp.enrol' AND user_id = (SELECT a FROM t_u)) = 1, 'audited');

SELECT pg_temp.ok((SELECT last_step FROM totp_secret(repeat('2', 64))) =
    100, 'the session waiting for the code gets the secret');
SELECT pg_temp.ok(NOT EXISTS (SELECT 1 FROM totp_secret(repeat('1', 64))),
    'a full session does not');
SELECT pg_temp.ok(NOT totp_use(repeat('2', 64), 100),
    'the step of the enrolment is used');
SELECT pg_temp.ok(totp_use(repeat('2', 64), 101), 'a later step is good');
SELECT pg_temp.ok(NOT totp_use(repeat('2', 64), 101), 'once');
SELECT pg_temp.ok(NOT totp_use(repeat('2', 64), 99), 'an earlier never');
SELECT pg_temp.ok(totp_recovery_use(repeat('2', 64), repeat('e', 64)) = 1,
    'a recovery code is used, one left');
SELECT pg_temp.ok(totp_recovery_use(repeat('2', 64), repeat('e', 64)) = -1,
    'once');
SELECT pg_temp.ok(totp_recovery_use(repeat('1', 64), repeat('f', 64)) = -1,
    'not by a full session');

-- Wrong codes: 10 of the account in 15 minutes stop the codes.
INSERT INTO login_attempt (email, ip, success, second_factor)
SELECT 't-totp-a@example.fi', '198.51.100.' || i, false, true
  FROM generate_series(1, 10) i;
SELECT pg_temp.ok((SELECT verdict FROM totp_begin('t-totp-a@example.fi',
    '203.0.113.5')) = 'factor', '10 wrong codes stop the codes');
SELECT pg_temp.ok((SELECT verdict FROM login_begin('t-totp-a@example.fi',
    '203.0.113.5')) = 'slow', 'and slow the password down from an address '
    'that never signed in, as failed passwords do');
UPDATE login_attempt SET at = now() - interval '16 minutes'
 WHERE email = 't-totp-a@example.fi';
SELECT pg_temp.ok((SELECT verdict FROM totp_begin('t-totp-a@example.fi',
    '203.0.113.5')) = 'ok', 'after 15 minutes they go on');
SELECT pg_temp.ok((SELECT second_factor FROM login_attempt
    WHERE email = 't-totp-a@example.fi' ORDER BY id DESC LIMIT 1),
    'and the attempt is a code''s');

-- A reset: only an admin, audited, the codes and waiting sessions go.
SELECT pg_temp.throws(format('SELECT totp_reset(%s, %s, %L)',
    (SELECT a FROM t_u), (SELECT a FROM t_u), '192.0.2.1'), '42501',
    'an editor can not reset');
SELECT pg_temp.throws(format('SELECT totp_reset(%s, %s, %L)',
    (SELECT adm FROM t_u), -1, '192.0.2.1'), 'P0002', 'no such user');
SELECT totp_reset((SELECT adm FROM t_u), (SELECT a FROM t_u), '192.0.2.1');
SELECT pg_temp.ok((SELECT status FROM totp_status((SELECT a FROM t_u))) =
    'off', 'the second factor is off');
SELECT pg_temp.ok(NOT EXISTS (SELECT 1 FROM user_recovery_code
    WHERE user_id = (SELECT a FROM t_u)), 'the recovery codes are gone');
SELECT pg_temp.ok(NOT EXISTS (SELECT 1 FROM staff_session
    WHERE token_hash = decode(repeat('2', 64), 'hex')),
    'the session waiting for a code ended');
SELECT pg_temp.ok(EXISTS (SELECT 1 FROM staff_session
    WHERE token_hash = decode(repeat('1', 64), 'hex')),
    'a full one did not');
SELECT pg_temp.ok((SELECT detail->>'was' FROM audit_log WHERE event =
    'totp.reset' AND object = 'user/' || (SELECT a FROM t_u)) = 'on',
    'audited with what it was');

-- Half way through signing in lasts 15 minutes at most.
SELECT session_open(repeat('3', 64), (SELECT adm FROM t_u), repeat('c', 43),
    '192.0.2.1', NULL, 'enrol', interval '30 minutes', interval '12 hours');
UPDATE staff_session SET created_at = now() - interval '16 minutes'
 WHERE token_hash = decode(repeat('3', 64), 'hex');
SELECT pg_temp.ok(NOT (SELECT alive FROM session_touch(repeat('3', 64),
    interval '30 minutes', interval '12 hours')),
    'an enrolment session of 16 minutes has ended');
SELECT pg_temp.throws($$SELECT session_open(repeat('4', 64), 1,
    repeat('c', 43), '', NULL, 'half', interval '1 hour',
    interval '1 hour')$$, '23514', 'a stage is one of three');

ROLLBACK;
