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

-- An admin sends a failed mail again. P0002 when there is no such
-- mail, 22023 when it is not failed.
CREATE OR REPLACE FUNCTION mail_retry(u bigint, m bigint, ip text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	st	text;
BEGIN
	SELECT state INTO st FROM mail_outbox WHERE id = m FOR UPDATE;
	IF st IS NULL THEN
		RAISE EXCEPTION 'no mail %', m USING ERRCODE = 'P0002';
	ELSIF st <> 'failed' THEN
		RAISE EXCEPTION 'mail % is %', m, st USING ERRCODE = '22023';
	END IF;
	UPDATE mail_outbox SET state = 'waiting', next_attempt = now()
	 WHERE id = m;
	PERFORM pg_notify('toteuma_mail', m::text);
	PERFORM audit_record(u, who, ip, 'mail.retry', 'mail/' || m, '{}');
END $$;

-- An admin cancels a waiting or failed mail; its token goes. P0002 and
-- 22023 as above.
CREATE OR REPLACE FUNCTION mail_cancel(u bigint, m bigint, ip text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	st	text;
BEGIN
	SELECT state INTO st FROM mail_outbox WHERE id = m FOR UPDATE;
	IF st IS NULL THEN
		RAISE EXCEPTION 'no mail %', m USING ERRCODE = 'P0002';
	ELSIF st NOT IN ('waiting', 'failed') THEN
		RAISE EXCEPTION 'mail % is %', m, st USING ERRCODE = '22023';
	END IF;
	UPDATE mail_outbox SET state = 'cancelled', secret = NULL
	 WHERE id = m;
	PERFORM audit_record(u, who, ip, 'mail.cancel', 'mail/' || m, '{}');
END $$;
