-- API tokens (migrations/0027): made, listed and revoked by their user
-- on /b/account/tokens (an admin sees and revokes anyone's), and used
-- by the write API, which finds a token by the hash of what it was sent.

-- A new token of user u named p_name, valid for p_days days (1-366),
-- kept as p_hash (32 bytes). Raises 42501 unless u is an active user,
-- 22023 for a name or a number of days out of range. Returns its id.
CREATE OR REPLACE FUNCTION api_token_create(u bigint, p_name text,
    p_days integer, p_hash bytea, ip text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	who	text;
	tid	bigint;
BEGIN
	SELECT email INTO who FROM app_user WHERE id = u AND NOT disabled;
	IF who IS NULL THEN
		RAISE EXCEPTION 'user % may not make tokens', u
		    USING ERRCODE = '42501';
	END IF;
	IF p_days IS NULL OR p_days < 1 OR p_days > 366 OR p_name IS NULL
	    OR length(p_name) < 1 OR length(p_name) > 100 THEN
		RAISE EXCEPTION 'a token''s name is 1-100 characters and it '
		    'lasts 1-366 days' USING ERRCODE = '22023';
	END IF;
	INSERT INTO api_token (user_id, name, token_hash, expires_at)
	VALUES (u, p_name, p_hash, now() + make_interval(days => p_days))
	RETURNING id INTO tid;
	PERFORM audit_record(u, who, ip, 'api_token.create',
	    'api_token/' || tid, jsonb_build_object('name', p_name,
	    'days', p_days));
	RETURN tid;
END
$$;

-- Revokes token p_token: its own user's, or anyone's by an admin.
-- Raises 42501 for anybody else, P0002 when there is no such live
-- token.
CREATE OR REPLACE FUNCTION api_token_revoke(u bigint, p_token bigint,
    ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text;
	admin	boolean;
	owner	bigint;
BEGIN
	SELECT email, role = 'admin' INTO who, admin FROM app_user
	    WHERE id = u AND NOT disabled;
	SELECT user_id INTO owner FROM api_token
	    WHERE id = p_token AND revoked_at IS NULL FOR UPDATE;
	IF owner IS NULL THEN
		RAISE EXCEPTION 'no live token %', p_token
		    USING ERRCODE = 'P0002';
	END IF;
	IF who IS NULL OR (owner <> u AND NOT admin) THEN
		RAISE EXCEPTION 'user % may not revoke token %', u, p_token
		    USING ERRCODE = '42501';
	END IF;
	UPDATE api_token SET revoked_at = now(), revoked_by = u
	WHERE id = p_token;
	PERFORM audit_record(u, who, ip, 'api_token.revoke',
	    'api_token/' || p_token, jsonb_build_object('owner', owner));
END
$$;

-- One call of the write API with the token whose hash is p_hash, from
-- ip, for p_call ("PATCH /api/v1/my/actions/12"). A live token of an
-- active user: its last use is now, the call is in the audit log, and
-- the row says 'ok' with the user's id. Otherwise state says why
-- ('unknown', 'revoked', 'expired', 'disabled'); a known token's
-- refused call is in the audit log too.
CREATE OR REPLACE FUNCTION api_token_use(p_hash bytea, ip text,
    p_call text, OUT user_id bigint, OUT state text, OUT token_id bigint)
LANGUAGE plpgsql AS $$
DECLARE
	t	api_token;
	who	text;
	live	boolean;
BEGIN
	SELECT * INTO t FROM api_token WHERE token_hash = p_hash FOR UPDATE;
	IF NOT FOUND THEN
		state := 'unknown';
		RETURN;
	END IF;
	SELECT email, NOT disabled INTO who, live FROM app_user
	    WHERE id = t.user_id;
	state := CASE WHEN t.revoked_at IS NOT NULL THEN 'revoked'
	    WHEN t.expires_at <= now() THEN 'expired'
	    WHEN NOT coalesce(live, false) THEN 'disabled'
	    ELSE 'ok' END;
	token_id := t.id;
	IF state = 'ok' THEN
		user_id := t.user_id;
		UPDATE api_token SET last_used_at = now() WHERE id = t.id;
	END IF;
	PERFORM audit_record(t.user_id, coalesce(who, ''), ip,
	    CASE WHEN state = 'ok' THEN 'api.call' ELSE 'api.refused' END,
	    'api_token/' || t.id, jsonb_build_object('call', left(p_call, 200),
	    'state', state));
END
$$;
