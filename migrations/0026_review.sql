-- An optional review step per process: when a process has review on,
-- a unit editor's update of one of its actions waits in action_pending
-- until an admin approves it (it is then saved through action_save()
-- like any update, the editor its author) or returns it with a comment
-- (the editor sees it in "My actions" and may send it again). The
-- public pages, feeds and exports read the action itself, so they
-- show the last approved values meanwhile.

ALTER TABLE process ADD COLUMN review boolean NOT NULL DEFAULT false;

CREATE TABLE action_pending (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	action_id	bigint NOT NULL REFERENCES action (id),
	-- The action's revision the update was based on: an approval of
	-- an update to an action that changed since is refused.
	base_revision	integer NOT NULL,
	-- What action_save() takes (its doc).
	doc		jsonb NOT NULL,
	submitted_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	submitted_at	timestamptz NOT NULL DEFAULT now(),
	-- pending: waits; approved: saved; returned: sent back with a
	-- comment; replaced: a newer update of the action took its place.
	state		text NOT NULL DEFAULT 'pending'
			CHECK (state IN ('pending', 'approved', 'returned',
			    'replaced')),
	decided_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	decided_at	timestamptz,
	comment		text NOT NULL DEFAULT ''
			CHECK (length(comment) <= 2000),
	CHECK (state <> 'returned' OR comment <> ''),
	CHECK ((state IN ('pending', 'replaced')) = (decided_at IS NULL))
);
-- One update of an action waits at a time.
CREATE UNIQUE INDEX action_pending_one ON action_pending (action_id)
    WHERE state = 'pending';
CREATE INDEX action_pending_open ON action_pending (state, submitted_at)
    WHERE state IN ('pending', 'returned');

-- An approved update's history row names the admin who approved it
-- beside its author (history_record, core.sql).
ALTER TABLE history ADD COLUMN approved_by text;
