-- The editing backend: staff accounts and their units, sessions, login
-- throttling, the audit log; what a unit editor updates of an action
-- (evidence links, a revision that detects concurrent edits); the
-- authority's response to a recommendation. The functions that save an
-- edit, check who may make it and refresh the public rows it touches
-- are in sql/functions/backend.sql.

CREATE TABLE app_user (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	email		text NOT NULL UNIQUE
			CHECK (email = lower(btrim(email))
			    AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'
			    AND length(email) <= 254),
	name		text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
	role		text NOT NULL CHECK (role IN ('admin', 'editor')),
	password_hash	text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
	disabled	boolean NOT NULL DEFAULT false,
	created_at	timestamptz NOT NULL DEFAULT now(),
	password_changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_unit (
	user_id		bigint NOT NULL REFERENCES app_user (id)
			ON DELETE CASCADE,
	unit_id		bigint NOT NULL REFERENCES unit (id),
	PRIMARY KEY (user_id, unit_id)
);
CREATE INDEX user_unit_unit ON user_unit (unit_id);

-- Only a hash of the token is kept: a copy of this table does not let
-- anyone in. The CSRF token is not a credential on its own.
CREATE TABLE staff_session (
	token_hash	bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	user_id		bigint NOT NULL REFERENCES app_user (id)
			ON DELETE CASCADE,
	csrf_token	text NOT NULL CHECK (length(csrf_token) >= 32),
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_seen	timestamptz NOT NULL DEFAULT now(),
	ip		text NOT NULL DEFAULT ''
);
CREATE INDEX staff_session_user ON staff_session (user_id);

CREATE TABLE login_attempt (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	email		text NOT NULL,
	ip		text NOT NULL,
	at		timestamptz NOT NULL DEFAULT now(),
	success		boolean NOT NULL
);
CREATE INDEX login_attempt_email ON login_attempt (email, at);
CREATE INDEX login_attempt_ip ON login_attempt (ip, at);

-- Logins, logouts, refusals and every change made in the backend. The
-- before and after of each change are in history; this says who did what
-- from where.
CREATE TABLE audit_log (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at		timestamptz NOT NULL DEFAULT now(),
	user_id		bigint REFERENCES app_user (id) ON DELETE SET NULL,
	email		text NOT NULL DEFAULT '',
	ip		text NOT NULL DEFAULT '',
	event		text NOT NULL CHECK (event ~ '^[a-z_.]{1,40}$'),
	object		text NOT NULL DEFAULT '',
	detail		jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);

-- Settings of the service; one row.
CREATE TABLE setting (
	singleton	boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	stale_days	integer NOT NULL DEFAULT 90
			CHECK (stale_days BETWEEN 1 AND 3650),
	due_soon_days	integer NOT NULL DEFAULT 30
			CHECK (due_soon_days BETWEEN 1 AND 3650)
);
INSERT INTO setting DEFAULT VALUES;

CREATE FUNCTION links_valid(links text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(bool_and(l ~ '^https?://[^[:space:]/?#]+[^[:space:]]*$'
	    AND length(l) <= 2000), true)
	FROM unnest(links) l
$$;

ALTER TABLE action
    ADD COLUMN revision integer NOT NULL DEFAULT 1,
    ADD COLUMN evidence text[] NOT NULL DEFAULT '{}'
	CHECK (links_valid(evidence) AND cardinality(evidence) <= 20);

ALTER TABLE recommendation
    ADD COLUMN response text CHECK (response IN ('accepted', 'partly',
	'not_accepted', 'under_consideration')),
    ADD COLUMN response_reason text NOT NULL DEFAULT ''
	CHECK (length(response_reason) <= 20000);

-- Content in Swedish and English beside the Finnish: empty until
-- someone translates it, and then shown on the pages in that language
-- (a page says so when some of its content is in Finnish only). The
-- public rows carry the translations, and their words are searchable.
ALTER TABLE process
    ADD COLUMN title_sv text NOT NULL DEFAULT ''
	CHECK (length(title_sv) <= 300),
    ADD COLUMN title_en text NOT NULL DEFAULT ''
	CHECK (length(title_en) <= 300),
    ADD COLUMN question_sv text NOT NULL DEFAULT ''
	CHECK (length(question_sv) <= 2000),
    ADD COLUMN question_en text NOT NULL DEFAULT ''
	CHECK (length(question_en) <= 2000),
    ADD COLUMN description_sv text NOT NULL DEFAULT ''
	CHECK (length(description_sv) <= 20000),
    ADD COLUMN description_en text NOT NULL DEFAULT ''
	CHECK (length(description_en) <= 20000);
ALTER TABLE recommendation
    ADD COLUMN body_sv text NOT NULL DEFAULT ''
	CHECK (length(body_sv) <= 20000),
    ADD COLUMN body_en text NOT NULL DEFAULT ''
	CHECK (length(body_en) <= 20000);
ALTER TABLE action
    ADD COLUMN body_sv text NOT NULL DEFAULT ''
	CHECK (length(body_sv) <= 20000),
    ADD COLUMN body_en text NOT NULL DEFAULT ''
	CHECK (length(body_en) <= 20000),
    ADD COLUMN status_note_sv text NOT NULL DEFAULT ''
	CHECK (length(status_note_sv) <= 20000),
    ADD COLUMN status_note_en text NOT NULL DEFAULT ''
	CHECK (length(status_note_en) <= 20000),
    ADD COLUMN info_sv text NOT NULL DEFAULT ''
	CHECK (length(info_sv) <= 20000),
    ADD COLUMN info_en text NOT NULL DEFAULT ''
	CHECK (length(info_en) <= 20000);
ALTER TABLE process_row
    ADD COLUMN rec_body_sv text NOT NULL DEFAULT '',
    ADD COLUMN rec_body_en text NOT NULL DEFAULT '',
    ADD COLUMN node_body_sv text NOT NULL DEFAULT '',
    ADD COLUMN node_body_en text NOT NULL DEFAULT '',
    ADD COLUMN action_body_sv text NOT NULL DEFAULT '',
    ADD COLUMN action_body_en text NOT NULL DEFAULT '',
    ADD COLUMN status_note_sv text NOT NULL DEFAULT '',
    ADD COLUMN status_note_en text NOT NULL DEFAULT '',
    ADD COLUMN info_sv text NOT NULL DEFAULT '',
    ADD COLUMN info_en text NOT NULL DEFAULT '';

-- The published table names a status by its Finnish label, and readers
-- tell statuses apart by their labels: each is unique in its language.
ALTER TABLE status
    ADD CONSTRAINT status_label_fi_unique UNIQUE (label_fi),
    ADD CONSTRAINT status_label_sv_unique UNIQUE (label_sv),
    ADD CONSTRAINT status_label_en_unique UNIQUE (label_en);

-- A table uploaded in the backend, checked and waiting for the admin to
-- confirm it. Kept for a day at most.
CREATE TABLE import_upload (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	user_id		bigint NOT NULL REFERENCES app_user (id)
			ON DELETE CASCADE,
	slug		text NOT NULL,
	title		text,
	filename	text NOT NULL DEFAULT '',
	csv		bytea NOT NULL,
	created_at	timestamptz NOT NULL DEFAULT now()
);
