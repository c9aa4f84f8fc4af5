-- The public changes the Atom feeds list.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- action_change_public(), which the feeds' partial indexes on history
-- use, is made with the indexes: migrations/0035_action_change_public.sql.

-- The newest public changes (at most lim history rows) of actions of
-- published processes, narrowed to one process and to the actions of one
-- responsible unit (0: all); one row per changed field, newest change
-- first. The text of the action is its present text in lang. A narrowed
-- feed starts from its actions, so that it costs what they have changed,
-- not what all others have.
CREATE OR REPLACE FUNCTION public_changes(p_process bigint, p_unit bigint,
    lang text,
    continuous text, lim integer)
RETURNS TABLE (history_id bigint, changed_us bigint, action_id bigint,
    process_id bigint, deleted boolean, action_body text, field text,
    before text, after text)
LANGUAGE sql STABLE AS $$
	SELECT c.id, (extract(epoch FROM c.changed_at) * 1000000)::bigint,
	    a.id, a.process_id, a.deleted_at IS NOT NULL,
	    public_text(to_jsonb(a) - 'lexemes', 'body', lang),
	    f.field, f.before, f.after
	FROM ((SELECT h.id, h.row_id, h.changed_at, h.before, h.after
	    FROM history h
	    WHERE p_process = 0 AND p_unit = 0
		AND h.table_name = 'action'
		AND h.operation IN ('INSERT', 'UPDATE')
		AND action_change_public(h.before, h.after)
		AND EXISTS (SELECT 1 FROM action a
		    JOIN process p ON p.id = a.process_id AND p.published
		    WHERE a.id = h.row_id)
		AND EXISTS (SELECT 1 FROM action_public_changes(h.before,
		    h.after, lang, continuous))
	    ORDER BY h.id DESC
	    LIMIT lim)
	    UNION ALL
	    (SELECT h.id, h.row_id, h.changed_at, h.before, h.after
	    FROM action a
	    JOIN process p ON p.id = a.process_id AND p.published
	    CROSS JOIN LATERAL (SELECT h.id, h.row_id, h.changed_at,
		h.before, h.after
		FROM history h
		WHERE h.table_name = 'action'
		    AND h.operation IN ('INSERT', 'UPDATE')
		    AND action_change_public(h.before, h.after)
		    AND h.row_id = a.id
		    AND EXISTS (SELECT 1 FROM action_public_changes(h.before,
			h.after, lang, continuous))
		ORDER BY h.id DESC
		LIMIT lim) h
	    WHERE (p_process <> 0 OR p_unit <> 0)
		AND (p_process = 0 OR a.process_id = p_process)
		AND (p_unit = 0 OR a.id IN (SELECT au.action_id
		    FROM action_unit au WHERE au.unit_id = p_unit))
	    ORDER BY h.id DESC
	    LIMIT lim)
	    ORDER BY 1 DESC
	    LIMIT lim) c
	JOIN action a ON a.id = c.row_id
	CROSS JOIN LATERAL action_public_changes(c.before, c.after, lang,
	    continuous) f
	ORDER BY c.id DESC, f.n
$$;
