-- The milestones of an action as pages show them (see 0021 for how they
-- are kept): in the order of their target months, each with its state:
-- 'done', 'overdue' (its month has passed, it is not done and the
-- action's status is not final: attention.sql), 'not_done' (its month
-- has passed and the action has ended without it) or 'planned'.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.
CREATE OR REPLACE FUNCTION action_milestone_list(a_id bigint,
    at timestamptz DEFAULT now())
RETURNS TABLE (id integer, title text, title_sv text, title_en text,
    target text, target_month date, done date, note text, state text)
LANGUAGE sql STABLE AS $$
	SELECT (m->>'id')::integer, m->>'title',
	    coalesce(m->>'title_sv', ''), coalesce(m->>'title_en', ''),
	    to_char((m->>'target')::date, 'FMMM/YYYY'),
	    (m->>'target')::date, (m->>'done')::date,
	    coalesce(m->>'note', ''),
	    CASE WHEN m->>'done' IS NOT NULL THEN 'done'
		WHEN milestones_overdue(jsonb_build_array(m), s.is_final, at)
		    THEN 'overdue'
		WHEN milestones_overdue(jsonb_build_array(m), false, at)
		    THEN 'not_done'
		ELSE 'planned' END
	FROM action a
	LEFT JOIN status s ON s.id = a.status_id
	CROSS JOIN LATERAL jsonb_array_elements(a.milestones)
	    WITH ORDINALITY e(m, i)
	WHERE a.id = a_id AND a.deleted_at IS NULL
	ORDER BY e.i
$$;
