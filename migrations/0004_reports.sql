-- Reports for the regional council: snapshots, a process's public table
-- frozen "as of" a date, as the history says it was at the end of that
-- day. The report functions are in sql/functions/reports.sql.

CREATE TABLE snapshot (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	process_id	bigint NOT NULL REFERENCES process (id),
	as_of		date NOT NULL,
	label		text NOT NULL DEFAULT '' CHECK (length(label) <= 200),
	created_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	created_at	timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX snapshot_process ON snapshot (process_id, as_of);

-- The public table's rows as they were: the columns of process_row
-- that a reader sees.
CREATE TABLE snapshot_row (
	snapshot_id		bigint NOT NULL REFERENCES snapshot (id)
				ON DELETE CASCADE,
	position		integer NOT NULL,
	recommendation_id	bigint NOT NULL,
	node_id			bigint NOT NULL,
	action_id		bigint,
	rec_number		text,
	rec_body		text NOT NULL,
	rec_body_sv		text NOT NULL DEFAULT '',
	rec_body_en		text NOT NULL DEFAULT '',
	node_kind		text NOT NULL,
	node_number		text,
	node_body		text NOT NULL,
	node_body_sv		text NOT NULL DEFAULT '',
	node_body_en		text NOT NULL DEFAULT '',
	action_body		text,
	action_body_sv		text NOT NULL DEFAULT '',
	action_body_en		text NOT NULL DEFAULT '',
	schedule_kind		text,
	schedule_start		date,
	schedule_end		date,
	schedule_text		text,
	status_id		integer,
	status_note		text,
	status_note_sv		text NOT NULL DEFAULT '',
	status_note_en		text NOT NULL DEFAULT '',
	unit_names		text NOT NULL DEFAULT '',
	info			text,
	info_sv			text NOT NULL DEFAULT '',
	info_en			text NOT NULL DEFAULT '',
	PRIMARY KEY (snapshot_id, position)
);
