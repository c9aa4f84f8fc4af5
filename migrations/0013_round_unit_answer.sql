-- A unit answers a reporting round only through its own editors: an
-- answer is kept per unit as well as per action, so that an action
-- shared by two units counts as answered for a unit only when one of
-- that unit's editors (or an editor of a unit above it) has answered
-- it. round_answer keeps the latest answer per action, for the round's
-- list of answers.
CREATE TABLE round_unit_answer (
	round_id	bigint NOT NULL REFERENCES round (id),
	action_id	bigint NOT NULL REFERENCES action (id),
	unit_id		bigint NOT NULL REFERENCES unit (id),
	answered_by	bigint REFERENCES app_user (id) ON DELETE SET NULL,
	answered_at	timestamptz NOT NULL DEFAULT now(),
	kind		text NOT NULL CHECK (kind IN ('confirmed', 'updated')),
	PRIMARY KEY (round_id, unit_id, action_id)
);
CREATE INDEX round_unit_answer_action ON round_unit_answer (action_id);

-- The answers given so far, for the units of their actions that the
-- answering user belonged to (directly or through a unit above).
INSERT INTO round_unit_answer (round_id, action_id, unit_id, answered_by,
    answered_at, kind)
SELECT ra.round_id, ra.action_id, au.unit_id, ra.answered_by,
    ra.answered_at, ra.kind
FROM round_answer ra
JOIN action_unit au ON au.action_id = ra.action_id
WHERE ra.answered_by IS NOT NULL AND au.unit_id IN (
	WITH RECURSIVE t(id) AS (
		SELECT uu.unit_id FROM user_unit uu
		WHERE uu.user_id = ra.answered_by
		UNION
		SELECT c.id FROM unit c JOIN t ON c.parent_id = t.id
	)
	SELECT id FROM t);
