-- Staff single sign-on through OpenID Connect: the provider's stable
-- subject a user is linked to (at the first sign-in, by a verified
-- e-mail address), and the sign-ins that have been sent to the
-- provider and not yet come back (each taken once, within 10 minutes).
ALTER TABLE app_user ADD COLUMN oidc_issuer text,
    ADD COLUMN oidc_subject text,
    ADD CONSTRAINT app_user_oidc_check CHECK ((oidc_issuer IS NULL) =
        (oidc_subject IS NULL) AND length(oidc_issuer) <= 1024 AND
        length(oidc_subject) BETWEEN 1 AND 255),
    ADD CONSTRAINT app_user_oidc_key UNIQUE (oidc_issuer, oidc_subject);

CREATE TABLE oidc_pending (
	state_hash	text PRIMARY KEY CHECK (state_hash ~ '^[0-9a-f]{64}$'),
	nonce		text NOT NULL CHECK (nonce ~ '^[A-Za-z0-9_-]{43}$'),
	verifier	text NOT NULL CHECK (verifier ~ '^[A-Za-z0-9_-]{43}$'),
	lang		text NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
	created_at	timestamptz NOT NULL DEFAULT now()
);
