-- The outbox (migrations/0014_mail_outbox.sql): queueing a mail in the
-- transaction of its cause, the sender's steps, and the admins' retry
-- and cancel. The sender ("toteumactl mail run") calls mail_claim,
-- then one of mail_sent, mail_later or mail_failed, in one transaction
-- per mail: the row stays locked while the relay is asked, and a
-- second sender skips it.

-- Queues a mail and wakes the sender when the transaction commits. A
-- mail with a once_key that was queued before is not queued again
-- (NULL is returned).
CREATE OR REPLACE FUNCTION mail_queue(p_recipient text, p_lang text,
    p_kind text, p_params jsonb, p_secret text DEFAULT NULL,
    p_once text DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	m	bigint;
BEGIN
	-- Checked first so that a check run every minute spends nothing.
	IF p_once IS NOT NULL AND EXISTS (SELECT 1 FROM mail_outbox
	    WHERE once_key = p_once) THEN
		RETURN NULL;
	END IF;
	INSERT INTO mail_outbox (recipient, lang, kind, params, secret,
	    once_key)
	VALUES (p_recipient, p_lang, p_kind, coalesce(p_params, '{}'),
	    p_secret, p_once)
	ON CONFLICT (once_key) DO NOTHING
	RETURNING id INTO m;
	IF m IS NOT NULL THEN
		PERFORM pg_notify('toteuma_mail', m::text);
	END IF;
	RETURN m;
END $$;

-- The next due mail, locked until the caller's transaction ends; no
-- row when none is due or every due one is being sent by another.
CREATE OR REPLACE FUNCTION mail_claim() RETURNS TABLE (id bigint,
    recipient text, lang text, kind text, params text, secret text,
    message_id text, attempts integer, created bigint, age_hours double precision)
LANGUAGE sql AS $$
	SELECT o.id, o.recipient, o.lang, o.kind, o.params::text, o.secret,
	    o.message_id::text, o.attempts,
	    extract(epoch FROM o.created_at)::bigint,
	    extract(epoch FROM now() - o.created_at) / 3600
	FROM mail_outbox o
	WHERE o.state = 'waiting' AND o.next_attempt <= now()
	ORDER BY o.next_attempt, o.id
	LIMIT 1
	FOR UPDATE SKIP LOCKED;
$$;

-- Seconds until the next waiting mail is due (0 when one is), or NULL.
CREATE OR REPLACE FUNCTION mail_next_due() RETURNS double precision
LANGUAGE sql STABLE AS $$
	SELECT greatest(0, extract(epoch FROM min(next_attempt) - now()))
	FROM mail_outbox WHERE state = 'waiting';
$$;

-- The relay accepted the mail: its link's token goes.
CREATE OR REPLACE FUNCTION mail_sent(m bigint, answer text) RETURNS void
LANGUAGE sql AS $$
	UPDATE mail_outbox
	   SET state = 'sent', sent_at = now(), attempts = attempts + 1,
	       last_answer = left(answer, 1000), secret = NULL
	 WHERE id = m;
$$;

-- The relay could not take it now: again after delay seconds.
CREATE OR REPLACE FUNCTION mail_later(m bigint, answer text,
    delay double precision) RETURNS void
LANGUAGE sql AS $$
	UPDATE mail_outbox
	   SET attempts = attempts + 1, last_answer = left(answer, 1000),
	       next_attempt = now() + make_interval(secs => delay)
	 WHERE id = m;
$$;

-- The relay refused it for good (or it could not be made, or it waited
-- too long): an admin may retry it.
CREATE OR REPLACE FUNCTION mail_failed(m bigint, answer text) RETURNS void
LANGUAGE sql AS $$
	UPDATE mail_outbox
	   SET state = 'failed', attempts = attempts + 1,
	       last_answer = left(answer, 1000)
	 WHERE id = m;
$$;

-- An admin sends a failed mail again (op 'retry') or cancels a waiting
-- or failed one ('cancel'; its token goes). P0002 when there is no such
-- mail, 22023 when op does not fit its state.
CREATE OR REPLACE FUNCTION mail_admin(u bigint, m bigint, op text, ip text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	st	text;
BEGIN
	SELECT state INTO st FROM mail_outbox WHERE id = m FOR UPDATE;
	IF st IS NULL THEN
		RAISE EXCEPTION 'no mail %', m USING ERRCODE = 'P0002';
	ELSIF NOT ((op = 'retry' AND st = 'failed') OR
	    (op = 'cancel' AND st IN ('waiting', 'failed'))) THEN
		RAISE EXCEPTION 'mail % is %', m, st USING ERRCODE = '22023';
	END IF;
	IF op = 'retry' THEN
		UPDATE mail_outbox SET state = 'waiting', next_attempt = now()
		 WHERE id = m;
		PERFORM pg_notify('toteuma_mail', m::text);
	ELSE
		UPDATE mail_outbox SET state = 'cancelled', secret = NULL
		 WHERE id = m;
	END IF;
	PERFORM audit_record(u, who, ip, 'mail.' || op, 'mail/' || m, '{}');
END $$;

-- A single-use link for account u (invite: 72 hours, reset: 2 hours)
-- and its mail in lang, in one step. token is sent, its hash kept.
CREATE OR REPLACE FUNCTION account_token_issue(u bigint, p_purpose text,
    token_hash_hex text, token text, p_lang text, inviter text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	hours	integer := CASE p_purpose WHEN 'invite' THEN 72 ELSE 2 END;
	addr	text;
BEGIN
	SELECT email INTO addr FROM app_user WHERE id = u;
	INSERT INTO account_token (token_hash, user_id, purpose, expires_at)
	VALUES (decode(token_hash_hex, 'hex'), u, p_purpose,
	    now() + make_interval(hours => hours));
	PERFORM mail_queue(addr, p_lang, CASE p_purpose WHEN 'invite'
	    THEN 'invite' ELSE 'password_reset' END,
	    jsonb_build_object('path', '/login/set/', 'hours', hours::text,
		'inviter', inviter), token);
END $$;

-- An admin invites account target (made without a password) again:
-- its earlier links are used up. P0002 when there is no such account.
CREATE OR REPLACE FUNCTION user_invite(u bigint, target bigint,
    token_hash_hex text, token text, p_lang text, ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	inviter	text;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM app_user WHERE id = target
	    AND NOT disabled) THEN
		RAISE EXCEPTION 'no user %', target USING ERRCODE = 'P0002';
	END IF;
	SELECT coalesce(nullif(name, ''), email) INTO inviter
	  FROM app_user WHERE id = u;
	UPDATE account_token SET used_at = now()
	 WHERE user_id = target AND used_at IS NULL;
	PERFORM account_token_issue(target, 'invite', token_hash_hex, token,
	    p_lang, inviter);
	PERFORM audit_record(u, who, ip, 'user.invite', 'user/' || target,
	    jsonb_build_object('lang', p_lang));
END $$;

-- "Forgot password" for the address p_email from the client ip: a
-- reset link is mailed when the address is an active account's and
-- neither the address (3 an hour) nor the client (10 an hour) has asked
-- too often. The caller answers the same whatever happened; the result
-- ('sent', 'unknown', 'limit') is for the tests and the audit log.
CREATE OR REPLACE FUNCTION password_reset_request(p_email text, ip text,
    token_hash_hex text, token text, p_lang text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	u	bigint;
BEGIN
	PERFORM pg_advisory_xact_lock(727010, hashtext(p_email));
	PERFORM pg_advisory_xact_lock(727011, hashtext(ip));
	DELETE FROM reset_request WHERE at < now() - interval '1 day';
	IF (SELECT count(*) FROM reset_request WHERE email = p_email
	    AND at > now() - interval '1 hour') >= 3 OR
	   (SELECT count(*) FROM reset_request WHERE reset_request.ip =
	    password_reset_request.ip AND at > now() - interval '1 hour') >= 10
	THEN
		RETURN 'limit';
	END IF;
	INSERT INTO reset_request (email, ip) VALUES (p_email, ip);
	SELECT id INTO u FROM app_user WHERE email = p_email AND NOT disabled;
	IF u IS NULL THEN
		RETURN 'unknown';
	END IF;
	PERFORM account_token_issue(u, 'reset', token_hash_hex, token, p_lang,
	    '');
	PERFORM audit_record(u, p_email, ip, 'user.reset_request',
	    'user/' || u, '{}');
	RETURN 'sent';
END $$;

-- Uses the link of token_hash_hex: the account's password becomes hash,
-- every session of it ends and every other link of it is used up.
-- Returns the link's purpose; P0002 when the link is unknown, used,
-- expired or its account disabled.
CREATE OR REPLACE FUNCTION account_token_use(token_hash_hex text,
    hash text, ip text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	t	account_token;
	addr	text;
BEGIN
	SELECT * INTO t FROM account_token
	 WHERE token_hash = decode(token_hash_hex, 'hex') FOR UPDATE;
	SELECT email INTO addr FROM app_user WHERE id = t.user_id
	   AND NOT disabled;
	IF t.token_hash IS NULL OR t.used_at IS NOT NULL OR
	    t.expires_at <= now() OR addr IS NULL THEN
		RAISE EXCEPTION 'no such link' USING ERRCODE = 'P0002';
	END IF;
	UPDATE account_token SET used_at = now()
	 WHERE user_id = t.user_id AND used_at IS NULL;
	UPDATE app_user SET password_hash = hash, password_changed_at = now()
	 WHERE id = t.user_id;
	DELETE FROM staff_session WHERE user_id = t.user_id;
	PERFORM audit_record(t.user_id, addr, ip, CASE t.purpose WHEN 'invite'
	    THEN 'user.invite_accepted' ELSE 'user.password_reset' END,
	    'user/' || t.user_id, '{}');
	RETURN t.purpose;
END $$;
