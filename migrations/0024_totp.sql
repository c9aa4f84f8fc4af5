-- A second factor for local accounts (TOTP, RFC 6238): each user's
-- secret, the last time step a code was accepted for (a code is good
-- once), the one-time recovery codes kept as keyed hashes only, and how
-- far a session has come through signing in. The server's role reads
-- none of the secrets directly: privileges.sql takes SELECT on
-- user_totp and user_recovery_code away, and the functions of
-- sql/functions/totp.sql hand out what a sign-in needs.
CREATE TABLE user_totp (
	user_id		bigint PRIMARY KEY REFERENCES app_user (id)
			ON DELETE CASCADE,
	secret		bytea NOT NULL CHECK (length(secret) = 20),
	-- Salt (key) of the recovery codes' BLAKE2b hashes.
	recovery_salt	bytea CHECK (length(recovery_salt) = 32),
	last_step	bigint NOT NULL DEFAULT 0 CHECK (last_step >= 0),
	created_at	timestamptz NOT NULL DEFAULT now(),
	-- NULL while the enrolment waits for its first code.
	enabled_at	timestamptz,
	CHECK (enabled_at IS NULL OR recovery_salt IS NOT NULL)
);

CREATE TABLE user_recovery_code (
	user_id		bigint NOT NULL REFERENCES user_totp (user_id)
			ON DELETE CASCADE,
	code_hash	text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
	used_at		timestamptz,
	PRIMARY KEY (user_id, code_hash)
);

-- 'full': signed in; 'code': the password was right and the code is
-- asked; 'enrol': an admin's password was right and the second factor
-- must be set up first. Only a full session opens the backend.
ALTER TABLE staff_session ADD COLUMN stage text NOT NULL DEFAULT 'full'
    CHECK (stage IN ('full', 'code', 'enrol'));

-- Wrong codes count in the sign-in throttle as failures of the account;
-- these are the second step's.
ALTER TABLE login_attempt ADD COLUMN second_factor boolean NOT NULL
    DEFAULT false;

DROP FUNCTION IF EXISTS session_open(text, bigint, text, text, text,
    interval, interval);
DROP FUNCTION IF EXISTS session_touch(text, interval, interval);
