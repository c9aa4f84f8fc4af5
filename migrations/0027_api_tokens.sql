-- Machine updates: a staff user's API tokens for the write API under
-- /api/v1/my. A token is shown once when it is made; only its BLAKE2b
-- hash (crypto_generichash, 32 bytes) is kept, so that the server finds
-- it by hash. A token is named, expires within a year, can be revoked,
-- and remembers when it was last used; every use is in audit_log.

CREATE TABLE api_token (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	user_id		bigint NOT NULL REFERENCES app_user (id)
			    ON DELETE CASCADE,
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 100
			    AND name !~ '[[:cntrl:]]'),
	token_hash	bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	last_used_at	timestamptz,
	revoked_at	timestamptz,
	revoked_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	CHECK (expires_at > created_at AND
	    expires_at <= created_at + interval '366 days')
);
CREATE INDEX api_token_user ON api_token (user_id);
