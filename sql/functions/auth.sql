-- Staff sign-in, sessions and the audit log: the writes the server
-- makes for them.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- Starts a sign-in attempt, or refuses it:
--   'ok'      the password may be checked; finish with login_finish;
--   'pair'    5 failures for this account from this address in 15 min;
--   'address' 50 failures from this address in 15 min;
--   'slow'    the account had 10 failures in 15 min from anywhere: an
--             address that has never signed in to it may try once in 5
--             seconds (one that has is never slowed down).
-- No limit refuses the right password from another address outright.
CREATE OR REPLACE FUNCTION login_begin(p_email text, p_ip text,
    OUT attempt bigint, OUT verdict text)
LANGUAGE plpgsql AS $$
DECLARE
	since	timestamptz := now() - interval '15 minutes';
BEGIN
	attempt := NULL;
	-- Counting and recording are one step per account, then address.
	PERFORM pg_advisory_xact_lock(727002, hashtext(p_email));
	PERFORM pg_advisory_xact_lock(727003, hashtext(p_ip));
	verdict := CASE
	    WHEN (SELECT count(*) FROM login_attempt
		WHERE email = p_email AND ip = p_ip AND at > since
		  AND success IS NOT TRUE
		  AND at > coalesce((SELECT max(at) FROM login_attempt
		      WHERE email = p_email AND ip = p_ip AND success),
		      '-infinity')) >= 5 THEN 'pair'
	    WHEN (SELECT count(*) FROM login_attempt
		WHERE ip = p_ip AND at > since AND success IS NOT TRUE) >= 50
		THEN 'address'
	    WHEN (SELECT count(*) FROM login_attempt
		WHERE email = p_email AND at > since
		  AND success IS NOT TRUE) >= 10
		AND NOT EXISTS (SELECT 1 FROM login_attempt
		    WHERE email = p_email AND ip = p_ip AND success
		      AND at > now() - interval '90 days')
		AND EXISTS (SELECT 1 FROM login_attempt
		    WHERE email = p_email AND at > now() - interval '5 seconds'
		      AND success IS NOT TRUE) THEN 'slow' END;
	IF verdict IS NULL THEN
		INSERT INTO login_attempt (email, ip, success)
		VALUES (p_email, p_ip, NULL) RETURNING id INTO attempt;
		verdict := 'ok';
	END IF;
END;
$$;

CREATE OR REPLACE FUNCTION login_finish(p_attempt bigint, ok boolean)
RETURNS void
LANGUAGE sql AS $$
	UPDATE login_attempt SET success = ok WHERE id = p_attempt;
$$;

-- A staff session: opened at sign-in (ending the browser's earlier
-- session, if it sent one, and everyone's expired ones), looked up and
-- touched on each request, closed at sign-out. Its stage says how far
-- signing in has come ('full', or 'code' and 'enrol' for the second
-- factor: see migrations/0024_totp.sql).
CREATE OR REPLACE FUNCTION session_open(token_hash_hex text, u bigint,
    csrf text, ip text, earlier_hash_hex text, p_stage text, idle interval,
    absolute interval)
RETURNS void
LANGUAGE sql AS $$
	DELETE FROM staff_session WHERE last_seen < now() - idle
	    OR created_at < now() - absolute;
	DELETE FROM staff_session
	 WHERE earlier_hash_hex IS NOT NULL
	   AND token_hash = decode(earlier_hash_hex, 'hex');
	INSERT INTO staff_session (token_hash, user_id, csrf_token, ip, stage)
	VALUES (decode(token_hash_hex, 'hex'), u, csrf, ip, p_stage);
$$;

CREATE OR REPLACE FUNCTION session_touch(token_hash_hex text, idle interval,
    absolute interval)
RETURNS TABLE (user_id bigint, email text, role text, csrf_token text,
    alive boolean, stage text)
LANGUAGE plpgsql AS $$
DECLARE
	s	record;
BEGIN
	SELECT ss.token_hash, ss.user_id, ss.csrf_token, u.email, u.role,
	       ss.stage,
	       ss.last_seen > now() - idle AND ss.created_at > now() - absolute
	       AND NOT u.disabled AND (ss.stage = 'full'
	       OR ss.created_at > now() - interval '15 minutes') AS alive
	  INTO s
	  FROM staff_session ss JOIN app_user u ON u.id = ss.user_id
	 WHERE ss.token_hash = decode(token_hash_hex, 'hex');
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF s.alive THEN
		UPDATE staff_session SET last_seen = now()
		 WHERE token_hash = s.token_hash;
	ELSE
		DELETE FROM staff_session WHERE token_hash = s.token_hash;
	END IF;
	RETURN QUERY SELECT s.user_id, s.email, s.role, s.csrf_token, s.alive,
	    s.stage;
END;
$$;

CREATE OR REPLACE FUNCTION session_close(token_hash_hex text) RETURNS void
LANGUAGE sql AS $$
	DELETE FROM staff_session WHERE token_hash = decode(token_hash_hex, 'hex');
$$;

-- A row of the audit log: the server's own (audit() in src/web/session.c)
-- and every write function's, with '' for no object and '{}' for no
-- detail (the columns' defaults).
CREATE OR REPLACE FUNCTION audit_record(u bigint, p_email text,
    p_ip text, p_event text, p_object text, p_detail jsonb) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO audit_log (user_id, email, ip, event, object, detail)
	VALUES (u, p_email, p_ip, p_event, p_object, p_detail);
$$;

-- A new password hash: at sign-in when the hash's parameters are old
-- (sessions stay), or a change by the user (every session ends).
CREATE OR REPLACE FUNCTION user_password_set(u bigint, hash text,
    changed boolean) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	IF changed THEN
		UPDATE app_user SET password_hash = hash,
		       password_changed_at = now() WHERE id = u;
		DELETE FROM staff_session WHERE user_id = u;
	ELSE
		UPDATE app_user SET password_hash = hash WHERE id = u;
	END IF;
END;
$$;
