-- Staff accounts, rounds, weekly digests and residents who follow, by mail.
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
-- user can turn it off. The mail sender's calendar keeps the week whose
-- digests were queued last, so that they are worked out once a week
-- (apart from setting, whose changes make every cached page stale).
ALTER TABLE app_user ADD COLUMN weekly_digest boolean NOT NULL DEFAULT true;
CREATE TABLE mail_calendar (
	singleton	boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	digest_week	text NOT NULL DEFAULT ''
			CHECK (digest_week ~ '^([0-9]{4}-[0-9]{2})?$')
);
INSERT INTO mail_calendar DEFAULT VALUES;

-- Residents who follow a process or an action by e-mail. Only the
-- address, its language and the choices are kept: what is followed,
-- and whether changes come at once or once a day. A subscription is
-- confirmed through a link mailed to the address (double opt-in); one
-- still unconfirmed after 7 days is deleted, and so is an address that
-- follows nothing.
CREATE TABLE subscriber (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	email		text NOT NULL UNIQUE CHECK (length(email) <= 254 AND
			    email ~ '^[a-z0-9!#$%&''*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&''*+/=?^_`{|}~-]+)*@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$'),
	lang		text NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
	digest		text NOT NULL DEFAULT 'immediate'
			CHECK (digest IN ('immediate', 'daily')),
	created_at	timestamptz NOT NULL DEFAULT now(),
	-- The newest change of history mailed, and when.
	last_history	bigint NOT NULL DEFAULT 0,
	last_sent_at	timestamptz
);

CREATE TABLE subscription (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	subscriber_id	bigint NOT NULL REFERENCES subscriber (id)
			ON DELETE CASCADE,
	process_id	bigint REFERENCES process (id) ON DELETE CASCADE,
	action_id	bigint REFERENCES action (id) ON DELETE CASCADE,
	created_at	timestamptz NOT NULL DEFAULT now(),
	confirmed_at	timestamptz,
	CHECK ((process_id IS NULL) <> (action_id IS NULL)),
	UNIQUE NULLS NOT DISTINCT (subscriber_id, process_id, action_id)
);
CREATE INDEX subscription_process ON subscription (process_id);
CREATE INDEX subscription_action ON subscription (action_id);

-- The links of a subscriber's mail: "confirm" (7 days, once) and
-- "manage" (in every mail: the manage page and one-click unsubscribe,
-- 90 days). Only the SHA-256 of a token is kept.
CREATE TABLE subscriber_token (
	token_hash	bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	subscriber_id	bigint NOT NULL REFERENCES subscriber (id)
			ON DELETE CASCADE,
	purpose		text NOT NULL CHECK (purpose IN ('confirm', 'manage')),
	expires_at	timestamptz NOT NULL,
	used_at		timestamptz
);
CREATE INDEX subscriber_token_subscriber ON subscriber_token (subscriber_id);

-- Requests to follow, to throttle them per address and client. Kept a
-- day.
CREATE TABLE follow_request (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	email		text NOT NULL CHECK (length(email) <= 254),
	ip		text NOT NULL CHECK (length(ip) <= 64),
	at		timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX follow_request_email ON follow_request (email, at);
CREATE INDEX follow_request_ip ON follow_request (ip, at);
