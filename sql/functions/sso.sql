-- Staff single sign-on (OpenID Connect): the sign-ins under way and who
-- a verified identity is. Defined once here; "toteumactl migrate"
-- re-applies every file of sql/functions after the migrations.

-- A sign-in sent to the provider; older ones than 10 minutes go.
CREATE OR REPLACE FUNCTION oidc_pending_add(p_state_hash text,
    p_nonce text, p_verifier text, p_lang text) RETURNS void
LANGUAGE sql AS $$
	DELETE FROM oidc_pending
	 WHERE created_at < now() - interval '10 minutes';
	INSERT INTO oidc_pending (state_hash, nonce, verifier, lang)
	VALUES (p_state_hash, p_nonce, p_verifier, p_lang);
$$;

-- Takes the sign-in of this state, once: no row when there is none,
-- it was taken already or it is older than 10 minutes.
CREATE OR REPLACE FUNCTION oidc_pending_take(p_state_hash text,
    OUT nonce text, OUT verifier text, OUT lang text)
RETURNS SETOF record
LANGUAGE sql AS $$
	DELETE FROM oidc_pending p WHERE p.state_hash = p_state_hash
	RETURNING p.nonce, p.verifier,
	    CASE WHEN p.created_at >= now() - interval '10 minutes'
	    THEN p.lang END;
$$;

-- Who a verified identity of the provider p_issuer is:
--   'ok'        the user linked to this subject;
--   'linked'    the user with this verified e-mail address, linked now;
--   'created'   a new editor without units (p_create);
--   'disabled'  the user is disabled;
--   'conflict'  the address is a user's who is linked to another subject;
--   'unknown'   nobody (an unverified address is never matched).
CREATE OR REPLACE FUNCTION oidc_user(p_issuer text, p_subject text,
    p_email text, p_email_verified boolean, p_create boolean,
    OUT user_id bigint, OUT email text, OUT verdict text)
LANGUAGE plpgsql AS $$
DECLARE
	u	app_user%ROWTYPE;
	addr	text := lower(btrim(coalesce(p_email, '')));
BEGIN
	SELECT * INTO u FROM app_user
	 WHERE oidc_issuer = p_issuer AND oidc_subject = p_subject;
	IF NOT FOUND AND p_email_verified AND addr <> '' THEN
		SELECT * INTO u FROM app_user WHERE app_user.email = addr
		   FOR UPDATE;
		IF FOUND AND u.oidc_subject IS NOT NULL THEN
			user_id := u.id; email := u.email; verdict := 'conflict';
			RETURN;
		END IF;
		IF FOUND AND NOT u.disabled THEN
			UPDATE app_user SET oidc_issuer = p_issuer,
			    oidc_subject = p_subject WHERE id = u.id;
			user_id := u.id; email := u.email; verdict := 'linked';
			RETURN;
		END IF;
	END IF;
	IF u.id IS NOT NULL THEN
		user_id := u.id; email := u.email;
		verdict := CASE WHEN u.disabled THEN 'disabled' ELSE 'ok' END;
		RETURN;
	END IF;
	IF p_create AND p_email_verified
	    AND addr ~ '^[^@[:space:]]+@[^@[:space:]]+$'
	    AND length(addr) <= 254 THEN
		-- No password: this user signs in through the provider only.
		INSERT INTO app_user (email, role, password_hash, oidc_issuer,
		    oidc_subject)
		VALUES (addr, 'editor', '$argon2id$sso-only', p_issuer,
		    p_subject)
		RETURNING id, app_user.email INTO user_id, email;
		verdict := 'created';
		RETURN;
	END IF;
	user_id := NULL; email := addr; verdict := 'unknown';
END;
$$;
