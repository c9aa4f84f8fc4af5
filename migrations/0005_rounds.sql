-- Reporting rounds: the participation team asks the responsible units
-- of one or more processes to check their actions by a deadline. A unit
-- answers for an action by confirming it is up to date or by saving it
-- during the round; the round's report says which units have answered.
-- A unit has answered when every live action of the round's processes
-- that names it among its responsible units has an answer (an action
-- with several units counts for each of them). Units are those an action
-- names directly, not their parents.

CREATE TABLE round (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	title		text NOT NULL CHECK (length(title) BETWEEN 1 AND 300
			    AND title = btrim(title)),
	message		text NOT NULL DEFAULT ''
			CHECK (length(message) <= 5000),
	deadline	date NOT NULL,
	opened_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	opened_at	timestamptz NOT NULL DEFAULT now(),
	closed_at	timestamptz,
	CHECK (closed_at >= opened_at)
);
CREATE INDEX round_open ON round (deadline) WHERE closed_at IS NULL;

CREATE TABLE round_process (
	round_id	bigint NOT NULL REFERENCES round (id),
	process_id	bigint NOT NULL REFERENCES process (id),
	PRIMARY KEY (round_id, process_id)
);
CREATE INDEX round_process_process ON round_process (process_id);

-- One answer per action and round: the latest, by whom and when. Once
-- the action has been saved during the round the answer stays
-- 'updated'; a later confirmation only moves who and when.
CREATE TABLE round_answer (
	round_id	bigint NOT NULL REFERENCES round (id),
	action_id	bigint NOT NULL REFERENCES action (id),
	answered_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	answered_at	timestamptz NOT NULL DEFAULT now(),
	kind		text NOT NULL CHECK (kind IN ('confirmed', 'updated')),
	PRIMARY KEY (round_id, action_id)
);
CREATE INDEX round_answer_action ON round_answer (action_id);
