-- The outbox: every mail toteuma sends is first a row here, written in
-- the same transaction as what caused it, and delivered by the sender
-- ("toteumactl mail run"), which claims due rows with FOR UPDATE SKIP
-- LOCKED and marks a row sent in the transaction that claimed it, once
-- the relay has accepted it. A mail is kept as its kind and the values
-- it shows (params); the sender renders it in the recipient's language.
-- A single-use link's token is in secret until the mail is sent or
-- cancelled, then cleared: the database keeps only its hash.
CREATE TABLE mail_outbox (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	recipient	text NOT NULL CHECK (length(recipient) <= 254 AND
			    recipient ~ '^[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$'),
	lang		text NOT NULL CHECK (lang IN ('fi', 'sv', 'en')),
	kind		text NOT NULL CHECK (kind ~ '^[a-z_]{1,40}$'),
	params		jsonb NOT NULL DEFAULT '{}'
			CHECK (jsonb_typeof(params) = 'object'),
	secret		text CHECK (secret ~ '^[A-Za-z0-9_-]{43}$'),
	-- The local part of the Message-ID: the same for every attempt.
	message_id	uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
	state		text NOT NULL DEFAULT 'waiting' CHECK (state IN
			    ('waiting', 'sent', 'failed', 'cancelled')),
	attempts	integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	next_attempt	timestamptz NOT NULL DEFAULT now(),
	created_at	timestamptz NOT NULL DEFAULT now(),
	sent_at		timestamptz,
	-- What the relay said last (or why the mail could not be made).
	last_answer	text NOT NULL DEFAULT ''
			CHECK (length(last_answer) <= 1000),
	-- A mail that is to be queued once only (a round's reminder to a
	-- unit, say) names itself here.
	once_key	text UNIQUE CHECK (length(once_key) <= 200),
	CHECK (state <> 'sent' OR sent_at IS NOT NULL),
	CHECK (state IN ('waiting', 'failed') OR secret IS NULL)
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt)
    WHERE state = 'waiting';
CREATE INDEX mail_outbox_created ON mail_outbox (created_at);
