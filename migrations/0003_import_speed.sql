-- Bump the data version once per transaction, not once per statement: a
-- row updated thousands of times in one transaction (a large import)
-- leaves a chain of versions that every later update has to walk.
CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF current_setting('toteuma.version_bumped', true) =
	    txid_current()::text THEN
		RETURN NULL;
	END IF;
	PERFORM set_config('toteuma.version_bumped', txid_current()::text,
	    true);
	UPDATE data_version SET version = version + 1,
	    changed_at = date_trunc('second', now());
	RETURN NULL;
END $$;

-- Find a recommendation by its position with the index: "parent IS NOT
-- DISTINCT FROM" can not use one, which made an import quadratic.
CREATE OR REPLACE FUNCTION import_node(p bigint, parent bigint, pos integer,
    kind text, r jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	rid	bigint;
BEGIN
	IF parent IS NULL THEN
		SELECT id INTO rid FROM recommendation
		WHERE process_id = p AND parent_id IS NULL AND position = pos
		    AND deleted_at IS NULL;
	ELSE
		SELECT id INTO rid FROM recommendation
		WHERE process_id = p AND parent_id = parent AND position = pos
		    AND deleted_at IS NULL;
	END IF;
	IF rid IS NULL THEN
		INSERT INTO recommendation (process_id, parent_id, kind, number,
		    body, position, lexemes)
		VALUES (p, parent, kind, r->>'number', r->>'body', pos,
		    ARRAY(SELECT jsonb_array_elements_text(r->'lexemes')))
		RETURNING id INTO rid;
	ELSE
		UPDATE recommendation SET kind = import_node.kind,
		    number = r->>'number', body = r->>'body',
		    lexemes = ARRAY(SELECT jsonb_array_elements_text(
			r->'lexemes'))
		WHERE id = rid AND (recommendation.kind, number, body)
		    IS DISTINCT FROM (import_node.kind, r->>'number',
		    r->>'body');
	END IF;
	RETURN rid;
END $$;

-- Build the public rows from each (sub-)recommendation up to its
-- top-level recommendation, so the join uses the primary key.
CREATE OR REPLACE FUNCTION process_rows_rebuild(p bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n integer;
BEGIN
	DELETE FROM process_row WHERE process_id = p;
	INSERT INTO process_row
	SELECT p, (row_number() OVER (ORDER BY top.position,
		(node.id <> top.id), node.position, ra.position) - 1)::integer,
	    top.id, node.id, a.id,
	    top.number, top.body, node.kind,
	    CASE WHEN node.id <> top.id THEN node.number END,
	    CASE WHEN node.id <> top.id THEN node.body ELSE '' END,
	    a.body, a.schedule_kind, a.schedule_start, a.schedule_end,
	    a.schedule_text, a.status_id, s.position, a.status_note,
	    coalesce(u.ids, '{}'), coalesce(u.names, ''), a.info,
	    array_to_tsvector(top.lexemes || CASE WHEN node.id <> top.id
		THEN node.lexemes ELSE '{}' END || coalesce(a.lexemes, '{}')
		|| coalesce(u.lexemes, '{}')),
	    lower(concat_ws(' ', top.number, top.body,
		CASE WHEN node.id <> top.id THEN node.number END,
		CASE WHEN node.id <> top.id THEN node.body END,
		a.body, a.schedule_text,
		to_char(a.schedule_start, 'FMMM/YYYY'),
		to_char(a.schedule_end, 'FMMM/YYYY'),
		s.label_fi, s.label_sv, s.label_en, a.status_note,
		u.names, a.info))
	FROM recommendation node
	JOIN recommendation top ON top.id = coalesce(node.parent_id, node.id)
	LEFT JOIN recommendation_action ra ON ra.recommendation_id = node.id
	LEFT JOIN action a ON a.id = ra.action_id AND a.deleted_at IS NULL
	LEFT JOIN status s ON s.id = a.status_id
	LEFT JOIN LATERAL (
		SELECT array_agg(un.id ORDER BY au.position) AS ids,
		    string_agg(un.name, '; ' ORDER BY au.position) AS names,
		    (SELECT array_agg(l) FROM action_unit au2
			JOIN unit un2 ON un2.id = au2.unit_id,
			unnest(un2.lexemes) l
			WHERE au2.action_id = a.id) AS lexemes
		FROM action_unit au
		JOIN unit un ON un.id = au.unit_id
		WHERE au.action_id = a.id
	) u ON true
	WHERE node.process_id = p AND node.deleted_at IS NULL
	    AND top.deleted_at IS NULL
	    -- A node's row without an action only while it has no actions,
	    -- and a top-level row without an action only while it has
	    -- neither actions nor sub-recommendations.
	    AND (a.id IS NOT NULL OR NOT EXISTS (
		SELECT 1 FROM recommendation_action ra2
		JOIN action a2 ON a2.id = ra2.action_id
		    AND a2.deleted_at IS NULL
		WHERE ra2.recommendation_id = node.id))
	    AND (a.id IS NOT NULL OR node.id <> top.id OR NOT EXISTS (
		SELECT 1 FROM recommendation c WHERE c.parent_id = top.id
		    AND c.deleted_at IS NULL));
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;
