-- The public side of a responsible unit (/unit/ID): a unit is shown
-- while it is responsible for a live action of a published process,
-- and its page counts those actions per process and status.

CREATE OR REPLACE FUNCTION unit_is_public(u bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM action_unit au
	    JOIN action a ON a.id = au.action_id AND a.deleted_at IS NULL
	    JOIN process p ON p.id = a.process_id AND p.published
	    WHERE au.unit_id = u)
$$;

-- Unit u's live actions in published processes: how many per process
-- and status (status_id NULL: no status yet), processes newest first,
-- statuses in their order.
CREATE OR REPLACE FUNCTION unit_action_counts(u bigint)
RETURNS TABLE (process_id bigint, status_id integer, actions bigint)
LANGUAGE sql STABLE AS $$
	SELECT a.process_id, a.status_id, count(*)
	FROM action_unit au
	JOIN action a ON a.id = au.action_id AND a.deleted_at IS NULL
	JOIN process p ON p.id = a.process_id AND p.published
	LEFT JOIN status s ON s.id = a.status_id
	WHERE au.unit_id = u
	GROUP BY a.process_id, p.year, a.status_id, s.position
	ORDER BY p.year DESC, a.process_id, s.position NULLS FIRST
$$;
