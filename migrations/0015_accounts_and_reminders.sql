-- Staff accounts, rounds and weekly digests by mail.
--
-- Single-use links that set a staff account's password: an invitation
-- (an admin made the account; valid 72 hours) or a reset ("forgot
-- password"; valid 2 hours). Only the SHA-256 of the token is kept;
-- the token itself is in the outbox until its mail is sent. Using one
-- sets the password, ends every session of the account and uses up
-- every other link of it.
CREATE TABLE account_token (
	token_hash	bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	user_id		bigint NOT NULL REFERENCES app_user (id)
			ON DELETE CASCADE,
	purpose		text NOT NULL CHECK (purpose IN ('invite', 'reset')),
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	used_at		timestamptz,
	CHECK (expires_at > created_at)
);
CREATE INDEX account_token_user ON account_token (user_id);

-- Requests of "forgot password", to throttle them per address asked for
-- and per client, whether or not the address is an account's. Kept a
-- day.
CREATE TABLE reset_request (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	email		text NOT NULL CHECK (length(email) <= 254),
	ip		text NOT NULL CHECK (length(ip) <= 64),
	at		timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reset_request_email ON reset_request (email, at);
CREATE INDEX reset_request_ip ON reset_request (ip, at);

-- The language of the mail an account gets (invitations, rounds).
ALTER TABLE app_user ADD COLUMN lang text NOT NULL DEFAULT 'fi'
    CHECK (lang IN ('fi', 'sv', 'en'));

-- How many days before a round's deadline the units that have not
-- answered are reminded by mail (0: only on the day itself).
ALTER TABLE setting ADD COLUMN round_reminder_days integer NOT NULL
    DEFAULT 3 CHECK (round_reminder_days BETWEEN 0 AND 60);

-- The weekly digest of an editor's actions that need attention: each
-- user can turn it off; the week whose digests were queued last, so
-- that they are worked out once a week.
ALTER TABLE app_user ADD COLUMN weekly_digest boolean NOT NULL DEFAULT true;
ALTER TABLE setting ADD COLUMN digest_week text NOT NULL DEFAULT ''
    CHECK (digest_week ~ '^([0-9]{4}-[0-9]{2})?$');
