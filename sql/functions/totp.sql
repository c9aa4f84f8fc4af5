-- The second factor of local accounts (TOTP): enrolment, the codes of
-- a sign-in, recovery codes and an admin's reset. Defined once here;
-- "toteumactl migrate" re-applies every file of sql/functions after the
-- migrations. The server's role cannot read user_totp or
-- user_recovery_code (privileges.sql): a secret is handed out only to a
-- session of its user, by the hash of the session's token, and only at
-- the step of signing in that needs it. Every function here is
-- volatile, so that it runs with its owner's rights.

-- The second factor of user u: 'on', 'pending' (enrolment begun, not
-- confirmed) or 'off', with the recovery codes not yet used.
CREATE OR REPLACE FUNCTION totp_status(u bigint, OUT status text,
    OUT recovery_left integer, OUT enabled_at timestamptz)
VOLATILE LANGUAGE sql AS $$
	SELECT CASE WHEN t.enabled_at IS NOT NULL THEN 'on'
	    WHEN t.user_id IS NOT NULL THEN 'pending' ELSE 'off' END,
	    (SELECT count(*)::integer FROM user_recovery_code r
	      WHERE r.user_id = u AND r.used_at IS NULL),
	    t.enabled_at
	  FROM (SELECT 1) one LEFT JOIN user_totp t ON t.user_id = u;
$$;

-- The user of the live session whose token hashes to p_session (hex),
-- when its stage is one of p_stages.
CREATE OR REPLACE FUNCTION totp_session_user(p_session text,
    p_stages text[]) RETURNS bigint
VOLATILE LANGUAGE sql AS $$
	SELECT ss.user_id FROM staff_session ss
	  JOIN app_user u ON u.id = ss.user_id AND NOT u.disabled
	 WHERE ss.token_hash = decode(p_session, 'hex')
	   AND ss.stage = ANY (p_stages);
$$;

-- Begins (or continues) the enrolment of the session's user with the
-- new secret p_secret (hex), which is kept unless one is pending
-- already: the pending secret in hex, or NULL when the second factor is
-- on already (or there is no such session).
CREATE OR REPLACE FUNCTION totp_enrol_begin(p_session text,
    p_secret text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	u	bigint := totp_session_user(p_session,
	    ARRAY['full', 'enrol']);
	s	text;
BEGIN
	IF u IS NULL THEN
		RETURN NULL;
	END IF;
	INSERT INTO user_totp (user_id, secret)
	VALUES (u, decode(p_secret, 'hex')) ON CONFLICT (user_id) DO NOTHING;
	SELECT encode(secret, 'hex') INTO s FROM user_totp
	 WHERE user_id = u AND enabled_at IS NULL;
	RETURN s;
END $$;

-- Switches the pending second factor of the session's user on, with
-- the code of step p_step just checked against it (so that the code is
-- not good again) and the hashes (hex, keyed with p_salt) of the new
-- recovery codes. false when nothing was pending or the step was used.
CREATE OR REPLACE FUNCTION totp_enable(p_session text, p_step bigint,
    p_salt text, p_hashes text[], p_ip text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	u	bigint := totp_session_user(p_session,
	    ARRAY['full', 'enrol']);
BEGIN
	UPDATE user_totp SET enabled_at = now(), last_step = p_step,
	       recovery_salt = decode(p_salt, 'hex')
	 WHERE user_id = u AND enabled_at IS NULL AND last_step < p_step;
	IF NOT FOUND THEN
		RETURN false;
	END IF;
	INSERT INTO user_recovery_code (user_id, code_hash)
	SELECT u, h FROM unnest(p_hashes) h;
	PERFORM audit_record(u, (SELECT email FROM app_user WHERE id = u),
	    p_ip, 'totp.enrol', 'user/' || u,
	    jsonb_build_object('recovery_codes', cardinality(p_hashes)));
	RETURN true;
END $$;

-- What checking a code of the session's user needs, at the step of
-- signing in that asks for it: the secret and the recovery codes' salt
-- in hex, and the last step a code was accepted for. No row otherwise.
CREATE OR REPLACE FUNCTION totp_secret(p_session text, OUT secret text,
    OUT salt text, OUT last_step bigint)
RETURNS SETOF record
VOLATILE LANGUAGE sql AS $$
	SELECT encode(t.secret, 'hex'), encode(t.recovery_salt, 'hex'),
	       t.last_step
	  FROM user_totp t
	 WHERE t.user_id = totp_session_user(p_session, ARRAY['code'])
	   AND t.enabled_at IS NOT NULL;
$$;

-- Takes the code of step p_step for the session's user: true when no
-- code of this step or a later one was taken before (a code is good
-- once), false otherwise.
CREATE OR REPLACE FUNCTION totp_use(p_session text, p_step bigint)
RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE user_totp SET last_step = p_step
	 WHERE user_id = totp_session_user(p_session, ARRAY['code'])
	   AND enabled_at IS NOT NULL AND last_step < p_step;
	RETURN FOUND;
END $$;

-- Uses up the recovery code of the session's user with hash p_hash:
-- the number of codes left, or -1 when it is none of theirs or was used.
CREATE OR REPLACE FUNCTION totp_recovery_use(p_session text, p_hash text)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	u	bigint := totp_session_user(p_session, ARRAY['code']);
BEGIN
	UPDATE user_recovery_code SET used_at = now()
	 WHERE user_id = u AND code_hash = p_hash AND used_at IS NULL;
	IF NOT FOUND THEN
		RETURN -1;
	END IF;
	RETURN (SELECT count(*) FROM user_recovery_code
	 WHERE user_id = u AND used_at IS NULL);
END $$;

-- Starts checking a code as login_begin() starts checking a password,
-- in the same throttle (a wrong code is a failed attempt of the
-- account from the address), and besides refuses ('factor') once the
-- account had 10 wrong codes in 15 minutes from anywhere: whoever knows
-- the password can not go on guessing codes from address after address.
CREATE OR REPLACE FUNCTION totp_begin(p_email text, p_ip text,
    OUT attempt bigint, OUT verdict text)
LANGUAGE plpgsql AS $$
BEGIN
	attempt := NULL;
	IF (SELECT count(*) FROM login_attempt
	     WHERE email = p_email AND second_factor
	       AND at > now() - interval '15 minutes'
	       AND success IS NOT TRUE) >= 10 THEN
		verdict := 'factor';
		RETURN;
	END IF;
	SELECT b.attempt, b.verdict INTO attempt, verdict
	  FROM login_begin(p_email, p_ip) b;
	UPDATE login_attempt SET second_factor = true
	 WHERE id = totp_begin.attempt;
END $$;

-- An admin (u) takes away the second factor of user p_target: the
-- secret and the recovery codes go, and the sessions waiting for a code
-- end. P0002 when there is no such user.
CREATE OR REPLACE FUNCTION totp_reset(u bigint, p_target bigint, ip text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	was	text;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM app_user WHERE id = p_target) THEN
		RAISE EXCEPTION 'no user %', p_target USING ERRCODE = 'P0002';
	END IF;
	SELECT status INTO was FROM totp_status(p_target);
	DELETE FROM user_totp WHERE user_id = p_target;
	DELETE FROM staff_session WHERE user_id = p_target
	   AND stage = 'code';
	PERFORM audit_record(u, who, ip, 'totp.reset', 'user/' || p_target,
	    jsonb_build_object('was', was));
END $$;
