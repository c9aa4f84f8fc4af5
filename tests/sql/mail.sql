-- The outbox and single-use links in the database: a mail queued once
-- per key, what the sender's steps leave, tokens that do not outlive
-- their mail, a link that works once and ends the account's sessions,
-- the throttle of "forgot password", and what prune_old removes.
BEGIN;
\i tests/sql/harness.sql

-- The sender's calendar runs every minute: it must not make every
-- cached page stale (the data version) when it has nothing to do.
CREATE TEMPORARY TABLE t_v AS SELECT version FROM data_version;
SELECT round_mail_due() + digest_mail_due() + follow_mail_due() +
    round_mail_due() + digest_mail_due() + follow_mail_due() AS calendar
\gset
SELECT pg_temp.ok((SELECT version FROM data_version) =
    (SELECT version FROM t_v), 'the calendar leaves the data version');

INSERT INTO app_user (email, role, password_hash)
VALUES ('m-admin@example.fi', 'admin', '$argon2id$x'),
    ('m-user@example.fi', 'editor', '$argon2id$old');

SELECT pg_temp.ok(mail_queue('a@example.fi', 'fi', 'test', '{}', NULL,
    't-once') IS NOT NULL, 'a mail with a key is queued');
SELECT pg_temp.ok(mail_queue('a@example.fi', 'fi', 'test', '{}', NULL,
    't-once') IS NULL, 'the same key again queues nothing');
SELECT pg_temp.ok((SELECT count(*) FROM mail_outbox WHERE once_key =
    't-once') = 1, 'one row for the key');
SELECT pg_temp.throws($$SELECT mail_queue(E'a@example.fi\r\nBcc: b@c.fi',
    'fi', 'test', '{}')$$, '23514', 'a recipient with CR LF is refused');
SELECT pg_temp.throws($$SELECT mail_queue('a@example.fi', 'de', 'test',
    '{}')$$, '23514', 'a language we do not write is refused');

-- The sender's steps on a mail with a link's token.
CREATE TEMPORARY TABLE t_m AS SELECT mail_queue('b@example.fi', 'sv',
    'password_reset', '{}', repeat('T', 43)) AS id;
UPDATE mail_outbox SET next_attempt = now() - interval '1 hour'
 WHERE id = (SELECT id FROM t_m);
SELECT pg_temp.ok((SELECT id FROM mail_claim() LIMIT 1) IS NOT NULL,
    'a due mail is claimed');
SELECT mail_later((SELECT id FROM t_m), '451 later', 60);
SELECT pg_temp.ok((SELECT state = 'waiting' AND attempts = 1 AND
    next_attempt > now() + interval '59 seconds' AND secret IS NOT NULL
    FROM mail_outbox WHERE id = (SELECT id FROM t_m)),
    'a 4xx leaves it waiting a minute, with its token');
SELECT mail_failed((SELECT id FROM t_m), '550 no');
SELECT pg_temp.ok((SELECT state = 'failed' AND secret IS NOT NULL FROM
    mail_outbox WHERE id = (SELECT id FROM t_m)),
    'a failed mail keeps its token, to be sent again');
SELECT mail_admin((SELECT id FROM app_user WHERE email =
    'm-admin@example.fi'), (SELECT id FROM t_m), 'retry', '');
SELECT mail_sent((SELECT id FROM t_m), '250 OK');
SELECT pg_temp.ok((SELECT state = 'sent' AND secret IS NULL AND
    sent_at IS NOT NULL AND attempts = 3 FROM mail_outbox WHERE id =
    (SELECT id FROM t_m)), 'a sent mail has no token left');
SELECT pg_temp.throws(format('SELECT mail_admin(%s, %s, %L, %L)', (SELECT
    id FROM app_user WHERE email = 'm-admin@example.fi'), (SELECT id FROM
    t_m), 'retry', ''), '22023', 'a sent mail is not sent again');
SELECT pg_temp.throws(format('SELECT mail_admin(%s, %s, %L, %L)', (SELECT
    id FROM app_user WHERE email = 'm-user@example.fi'), (SELECT id FROM
    t_m), 'cancel', ''), '42501', 'an editor cannot cancel mail');
SELECT pg_temp.throws($$UPDATE mail_outbox SET secret = repeat('S', 43)
    WHERE id = (SELECT id FROM t_m)$$, '23514',
    'the table keeps no token of a sent mail');

-- Links: a reset for the user; sessions end when it is used.
INSERT INTO staff_session (token_hash, user_id, csrf_token)
SELECT sha256('s1'), id, repeat('c', 32) FROM app_user
 WHERE email = 'm-user@example.fi';
SELECT pg_temp.ok(password_reset_request('m-user@example.fi', '10.9.9.1',
    encode(sha256('tok1'), 'hex'), repeat('A', 43), 'fi') = 'sent',
    'a reset for an account is sent');
SELECT pg_temp.ok(password_reset_request('nobody@example.fi', '10.9.9.1',
    encode(sha256('tok2'), 'hex'), repeat('B', 43), 'fi') = 'unknown',
    'an unknown address gets nothing');
SELECT pg_temp.ok(NOT EXISTS (SELECT 1 FROM mail_outbox WHERE recipient =
    'nobody@example.fi'), 'and no mail is queued for it');
SELECT pg_temp.ok(password_reset_request('m-user@example.fi', '10.9.9.2',
    encode(sha256('tok3'), 'hex'), repeat('C', 43), 'fi') = 'sent',
    'a second reset');
SELECT pg_temp.ok(account_token_use(encode(sha256('tok1'), 'hex'),
    '$argon2id$new', '') = 'reset', 'the first link sets the password');
SELECT pg_temp.ok((SELECT password_hash = '$argon2id$new' FROM app_user
    WHERE email = 'm-user@example.fi'), 'to the new hash');
SELECT pg_temp.ok(NOT EXISTS (SELECT 1 FROM staff_session s JOIN app_user
    u ON u.id = s.user_id WHERE u.email = 'm-user@example.fi'),
    'every session of the account has ended');
SELECT pg_temp.throws($$SELECT account_token_use(encode(sha256('tok1'),
    'hex'), '$argon2id$again', '')$$, 'P0002', 'a link works once');
SELECT pg_temp.throws($$SELECT account_token_use(encode(sha256('tok3'),
    'hex'), '$argon2id$again', '')$$, 'P0002',
    'and uses up the account''s other links');
SELECT pg_temp.throws($$SELECT account_token_use(encode(sha256('nope'),
    'hex'), '$argon2id$again', '')$$, 'P0002', 'an unknown link');
SELECT pg_temp.ok(password_reset_request('m-user@example.fi', '10.9.9.3',
    encode(sha256('tok4'), 'hex'), repeat('D', 43), 'fi') = 'sent' AND
    password_reset_request('m-user@example.fi', '10.9.9.4',
    encode(sha256('tok5'), 'hex'), repeat('E', 43), 'fi') = 'limit',
    'a fourth request for one address in an hour is refused quietly');

-- Following: changes at once, or once a day from 7.00.
INSERT INTO process (slug, title, published) VALUES ('t-follow', 'Seurattu',
    true);
INSERT INTO recommendation (process_id, kind, number, body, position)
SELECT id, 'recommendation', '1', 'Suositus', 0 FROM process
 WHERE slug = 't-follow';
INSERT INTO action (process_id, body) SELECT id, 'Seurattava toimenpide'
  FROM process WHERE slug = 't-follow';
SELECT pg_temp.ok(follow_add('f@example.fi', 'fi', 'process', 't-follow',
    '10.8.8.1') = 'sent', 'asking to follow mails a confirmation');
SELECT pg_temp.ok((SELECT count(*) FROM mail_outbox WHERE recipient =
    'f@example.fi' AND kind = 'follow_confirm' AND secret IS NOT NULL) = 1,
    'with its link''s token in the outbox only');
SELECT pg_temp.ok(follow_mail_due() = 0, 'nothing before confirming');
UPDATE subscription SET confirmed_at = now() WHERE subscriber_id =
    (SELECT id FROM subscriber WHERE email = 'f@example.fi');
UPDATE subscriber SET digest = 'daily', last_sent_at = NULL
 WHERE email = 'f@example.fi';
UPDATE action SET status_note = 'Muuttui' WHERE body = 'Seurattava toimenpide';
SELECT pg_temp.ok(follow_mail_due('2030-01-02 06:59') = 0,
    'a daily subscriber gets nothing before 7.00');
SELECT pg_temp.ok(follow_mail_due('2030-01-02 07:00') = 1,
    'and the day''s changes at 7.00');
UPDATE action SET status_note = 'Muuttui taas'
 WHERE body = 'Seurattava toimenpide';
SELECT pg_temp.ok(follow_mail_due('2030-01-02 12:00') = 0,
    'once a day');
SELECT pg_temp.ok((SELECT count(*) FROM mail_outbox o,
    jsonb_array_elements(o.params->'changes') c WHERE o.recipient =
    'f@example.fi' AND o.kind = 'follow_changes' AND c->>'field' =
    'status_note' AND c->>'after' = 'Muuttui') = 1,
    'a change is its field and its values');
UPDATE subscription SET created_at = now() - interval '8 days',
    confirmed_at = NULL WHERE subscriber_id = (SELECT id FROM subscriber
    WHERE email = 'f@example.fi');

-- prune_old: mail no longer waiting after 90 days, links after 30.
UPDATE mail_outbox SET created_at = now() - interval '91 days'
 WHERE id = (SELECT id FROM t_m);
UPDATE account_token SET created_at = now() - interval '40 days',
    expires_at = now() - interval '39 days', used_at = NULL
 WHERE token_hash = sha256('tok4');
SELECT prune_old(NULL, NULL);
SELECT pg_temp.ok(NOT EXISTS (SELECT 1 FROM mail_outbox WHERE id =
    (SELECT id FROM t_m)), 'old sent mail is removed');
SELECT pg_temp.ok(NOT EXISTS (SELECT 1 FROM account_token WHERE
    token_hash = sha256('tok4')), 'an old expired link is removed');
SELECT pg_temp.ok(EXISTS (SELECT 1 FROM mail_outbox WHERE once_key =
    't-once'), 'new mail stays');
SELECT pg_temp.ok(NOT EXISTS (SELECT 1 FROM subscriber WHERE email =
    'f@example.fi'), 'an address unconfirmed for 7 days is removed');
ROLLBACK;
