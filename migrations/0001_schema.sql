-- Processes, recommendations, actions, units and statuses; the history of
-- every change; and process_row, the searchable public table built from
-- them.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE process (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	slug		text NOT NULL UNIQUE
			CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'
			    AND length(slug) <= 64),
	kind		text NOT NULL DEFAULT 'resident_panel'
			CHECK (kind IN ('resident_panel', 'staff_panel',
			    'polis', 'statement', 'programme', 'initiative')),
	title		text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
	year		integer CHECK (year BETWEEN 1900 AND 2200),
	question	text NOT NULL DEFAULT '' CHECK (length(question) <= 2000),
	description	text NOT NULL DEFAULT ''
			CHECK (length(description) <= 20000),
	published	boolean NOT NULL DEFAULT true,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE unit (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name		text NOT NULL UNIQUE
			CHECK (length(name) BETWEEN 1 AND 200
			    AND name = btrim(name)),
	parent_id	bigint REFERENCES unit (id),
	lexemes		text[] NOT NULL DEFAULT '{}',
	CHECK (parent_id IS DISTINCT FROM id)
);

-- The configurable status list. A final status ends the action's
-- schedule; the colour is decoration only, the label is always shown.
CREATE TABLE status (
	id		integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	code		text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z_]{0,31}$'),
	label_fi	text NOT NULL CHECK (length(label_fi) BETWEEN 1 AND 60),
	label_sv	text NOT NULL CHECK (length(label_sv) BETWEEN 1 AND 60),
	label_en	text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 60),
	is_final	boolean NOT NULL DEFAULT false,
	colour		text NOT NULL DEFAULT '#6b7280'
			CHECK (colour ~ '^#[0-9a-f]{6}$'),
	position	integer NOT NULL UNIQUE
);

INSERT INTO status (code, label_fi, label_sv, label_en, is_final, colour,
    position) VALUES
	('not_started', 'Ei aloitettu', 'Inte påbörjad', 'Not started',
	    false, '#6b7280', 1),
	('planned', 'Suunnitteilla', 'Planerad', 'Planned',
	    false, '#7c3aed', 2),
	('in_progress', 'Käynnissä', 'Pågår', 'In progress',
	    false, '#2563eb', 3),
	('processed', 'Käsitelty', 'Behandlad', 'Processed',
	    false, '#0891b2', 4),
	('done', 'Toteutettu', 'Genomförd', 'Done',
	    true, '#15803d', 5),
	('established', 'Vakiintunut', 'Etablerad', 'Established practice',
	    true, '#166534', 6),
	('rejected', 'Ei toteuteta', 'Genomförs inte', 'Will not be done',
	    true, '#b91c1c', 7);

-- A recommendation is numbered as the panel numbered it. Top-level
-- recommendations have kind 'recommendation'; below them are numbered
-- sub-recommendations ('sub') and unnumbered specifications.
CREATE TABLE recommendation (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	process_id	bigint NOT NULL REFERENCES process (id),
	parent_id	bigint,
	kind		text NOT NULL
			CHECK (kind IN ('recommendation', 'sub',
			    'specification')),
	number		text CHECK (number ~ '^[0-9]{1,4}(\.[0-9]{1,4}){0,4}$'),
	body		text NOT NULL CHECK (length(body) <= 20000),
	position	integer NOT NULL CHECK (position >= 0),
	lexemes		text[] NOT NULL DEFAULT '{}',
	deleted_at	timestamptz,
	UNIQUE (id, process_id),
	FOREIGN KEY (parent_id, process_id)
	    REFERENCES recommendation (id, process_id),
	CHECK ((parent_id IS NULL) = (kind = 'recommendation')),
	CHECK (kind <> 'sub' OR number IS NOT NULL),
	CHECK (kind <> 'specification' OR number IS NULL)
);
-- Deferred, so that a renumbering can move numbers and positions
-- within one transaction.
ALTER TABLE recommendation ADD CONSTRAINT recommendation_number_unique
    EXCLUDE (process_id WITH =, number WITH =)
    WHERE (number IS NOT NULL AND deleted_at IS NULL)
    DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE recommendation ADD CONSTRAINT recommendation_position_unique
    EXCLUDE (process_id WITH =, (coalesce(parent_id, 0)) WITH =,
	position WITH =)
    WHERE (deleted_at IS NULL)
    DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX recommendation_process ON recommendation (process_id,
    parent_id, position);

-- Schedules are kept as people write them: months ("10/2024 - 3/2026",
-- month precision, stored as the first day of the month), continuous, or
-- free text.
CREATE TABLE action (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	process_id	bigint NOT NULL REFERENCES process (id),
	body		text NOT NULL DEFAULT ''
			CHECK (length(body) <= 20000),
	schedule_kind	text NOT NULL DEFAULT 'none'
			CHECK (schedule_kind IN ('none', 'months',
			    'continuous', 'text')),
	schedule_start	date CHECK (extract(day FROM schedule_start) = 1),
	schedule_end	date CHECK (extract(day FROM schedule_end) = 1),
	schedule_text	text NOT NULL DEFAULT ''
			CHECK (length(schedule_text) <= 200),
	actual_start	date,
	actual_end	date,
	status_id	integer REFERENCES status (id),
	status_note	text NOT NULL DEFAULT ''
			CHECK (length(status_note) <= 20000),
	info		text NOT NULL DEFAULT '' CHECK (length(info) <= 20000),
	lexemes		text[] NOT NULL DEFAULT '{}',
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	deleted_at	timestamptz,
	UNIQUE (id, process_id),
	CHECK (schedule_kind <> 'months'
	    OR coalesce(schedule_start, schedule_end) IS NOT NULL),
	CHECK (schedule_kind = 'months'
	    OR (schedule_start IS NULL AND schedule_end IS NULL)),
	CHECK (schedule_kind = 'text' OR schedule_text = ''),
	CHECK (schedule_kind <> 'text' OR schedule_text <> ''),
	CHECK (schedule_start <= schedule_end),
	CHECK (actual_start <= actual_end)
);

CREATE TABLE recommendation_action (
	process_id		bigint NOT NULL,
	recommendation_id	bigint NOT NULL,
	action_id		bigint NOT NULL,
	position		integer NOT NULL CHECK (position >= 0),
	PRIMARY KEY (recommendation_id, action_id),
	UNIQUE (recommendation_id, position) DEFERRABLE INITIALLY DEFERRED,
	FOREIGN KEY (recommendation_id, process_id)
	    REFERENCES recommendation (id, process_id),
	FOREIGN KEY (action_id, process_id)
	    REFERENCES action (id, process_id)
);
CREATE INDEX recommendation_action_action ON recommendation_action
    (action_id);

CREATE TABLE action_unit (
	action_id	bigint NOT NULL REFERENCES action (id),
	unit_id		bigint NOT NULL REFERENCES unit (id),
	position	integer NOT NULL CHECK (position >= 0),
	PRIMARY KEY (action_id, unit_id),
	UNIQUE (action_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX action_unit_unit ON action_unit (unit_id);

-- One row, bumped by every transaction that changes public data, so that
-- servers know when what they have cached is stale. Once per transaction:
-- a row updated thousands of times in one transaction (a large import)
-- leaves a chain of versions that every later update has to walk.
CREATE TABLE data_version (
	singleton	boolean PRIMARY KEY DEFAULT true CHECK (singleton),
	version		bigint NOT NULL,
	changed_at	timestamptz NOT NULL
);
INSERT INTO data_version VALUES (true, 1, date_trunc('second', now()));

-- Every change of every row: who (the session's toteuma.actor setting),
-- when, before and after.
CREATE TABLE history (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	table_name	text NOT NULL,
	row_id		bigint,
	operation	text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE',
			    'DELETE')),
	actor		text NOT NULL,
	changed_at	timestamptz NOT NULL DEFAULT now(),
	before		jsonb,
	after		jsonb
);
CREATE INDEX history_row ON history (table_name, row_id, changed_at);
CREATE INDEX history_changed_at ON history (changed_at);

-- The public table as residents see it: one row per action of a
-- (sub-)recommendation, or per recommendation that has no action yet.
-- Denormalised so that a page is one indexed query; rebuilt by
-- process_rows_rebuild() after every change of a process, from each
-- (sub-)recommendation up to its top-level one, so the joins use primary
-- keys.
CREATE TABLE process_row (
	process_id		bigint NOT NULL REFERENCES process (id),
	position		integer NOT NULL,
	recommendation_id	bigint NOT NULL,
	node_id			bigint NOT NULL,
	action_id		bigint,
	rec_number		text,
	rec_body		text NOT NULL,
	node_kind		text NOT NULL,
	node_number		text,
	node_body		text NOT NULL,
	action_body		text,
	schedule_kind		text,
	schedule_start		date,
	schedule_end		date,
	schedule_text		text,
	status_id		integer,
	status_position		integer,
	status_note		text,
	unit_ids		bigint[] NOT NULL DEFAULT '{}',
	unit_names		text NOT NULL DEFAULT '',
	info			text,
	search_tsv		tsvector NOT NULL,
	search_text		text NOT NULL,
	PRIMARY KEY (process_id, position)
);
CREATE INDEX process_row_tsv ON process_row USING gin (search_tsv);
CREATE INDEX process_row_trgm ON process_row
    USING gin (search_text gin_trgm_ops);
CREATE INDEX process_row_status ON process_row (process_id, status_id);
CREATE INDEX process_row_units ON process_row USING gin (unit_ids);
CREATE INDEX process_row_action ON process_row (action_id);
CREATE INDEX process_row_node ON process_row (node_id);
