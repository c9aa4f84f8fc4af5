-- The import of a published table, and the backend import's uploads.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- process_import(doc) merges an import document (src/db/store.c) into
-- the process doc->>'slug', set-based: the file's recommendations and
-- actions go into temporary tables, matched to the stored ones by
-- position (a recommendation by its place under its parent, an action
-- by its place under its recommendation), and each kind of change is
-- one statement, so that a table of 10,000 actions is a few dozen
-- statements and the triggers run once a statement. What the file no
-- longer has is deleted softly. Returns the number of rows changed.

-- The file's recommendations (imp_node): top ones (child NULL) and
-- their children, with their stored id where there is one.
CREATE OR REPLACE FUNCTION import_nodes(p bigint, doc jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n	integer := 0;
	c	integer;
BEGIN
	DROP TABLE IF EXISTS imp_node;
	CREATE TEMPORARY TABLE imp_node ON COMMIT DROP AS
	SELECT (t.i - 1)::integer AS top, NULL::integer AS child,
	    'recommendation'::text AS kind, t.r->>'number' AS number,
	    t.r->>'body' AS body, jsonb_texts(t.r->'lexemes') AS lexemes,
	    jsonb_array_length(t.r->'actions') AS nact,
	    NULL::bigint AS id, NULL::bigint AS parent, false AS is_new
	FROM jsonb_array_elements(doc->'recommendations')
	    WITH ORDINALITY t(r, i)
	UNION ALL
	SELECT (t.i - 1)::integer, (ch.j - 1)::integer, ch.c->>'kind',
	    ch.c->>'number', ch.c->>'body', jsonb_texts(ch.c->'lexemes'),
	    jsonb_array_length(ch.c->'actions'), NULL, NULL, false
	FROM jsonb_array_elements(doc->'recommendations')
	    WITH ORDINALITY t(r, i)
	CROSS JOIN LATERAL jsonb_array_elements(t.r->'children')
	    WITH ORDINALITY ch(c, j);
	ANALYZE imp_node;
	-- Top ones first, then their children under the ids found.
	UPDATE imp_node x SET id = r.id FROM recommendation r
	 WHERE x.child IS NULL AND r.process_id = p AND r.parent_id IS NULL
	    AND r.position = x.top AND r.deleted_at IS NULL;
	UPDATE imp_node x SET is_new = true, id = nextval(
	    pg_get_serial_sequence('recommendation', 'id'))
	 WHERE x.child IS NULL AND x.id IS NULL;
	UPDATE imp_node x SET parent = t.id FROM imp_node t
	 WHERE x.child IS NOT NULL AND t.child IS NULL AND t.top = x.top;
	UPDATE imp_node x SET id = r.id FROM recommendation r
	 WHERE x.child IS NOT NULL AND NOT x.is_new AND r.process_id = p
	    AND r.parent_id = x.parent AND r.position = x.child
	    AND r.deleted_at IS NULL;
	UPDATE imp_node x SET is_new = true, id = nextval(
	    pg_get_serial_sequence('recommendation', 'id'))
	 WHERE x.id IS NULL;
	CREATE INDEX ON imp_node (id);
	ANALYZE imp_node;
	INSERT INTO recommendation (id, process_id, parent_id, kind, number,
	    body, position, lexemes) OVERRIDING SYSTEM VALUE
	SELECT id, p, parent, kind, number, body, coalesce(child, top),
	    lexemes FROM imp_node WHERE is_new
	ORDER BY top, child NULLS FIRST;
	GET DIAGNOSTICS n = ROW_COUNT;
	UPDATE recommendation r SET kind = x.kind, number = x.number,
	    body = x.body, lexemes = x.lexemes
	  FROM imp_node x
	 WHERE r.id = x.id AND NOT x.is_new AND (r.kind, r.number, r.body)
	    IS DISTINCT FROM (x.kind, x.number, x.body);
	GET DIAGNOSTICS c = ROW_COUNT;
	RETURN n + c;
END $$;

-- The file's actions (imp_action) under the recommendations of
-- imp_node, in the file's order (seq), with their stored id where
-- their recommendation has one at their place. P0002 for a status code
-- that does not exist.
CREATE OR REPLACE FUNCTION import_actions_stage(doc jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	DROP TABLE IF EXISTS imp_action;
	CREATE TEMPORARY TABLE imp_action ON COMMIT DROP AS
	WITH acts AS (
	    SELECT (t.i - 1)::integer AS top, -1 AS child, a.a, a.k
	    FROM jsonb_array_elements(doc->'recommendations')
		WITH ORDINALITY t(r, i)
	    CROSS JOIN LATERAL jsonb_array_elements(t.r->'actions')
		WITH ORDINALITY a(a, k)
	    UNION ALL
	    SELECT (t.i - 1)::integer, (ch.j - 1)::integer, a.a, a.k
	    FROM jsonb_array_elements(doc->'recommendations')
		WITH ORDINALITY t(r, i)
	    CROSS JOIN LATERAL jsonb_array_elements(t.r->'children')
		WITH ORDINALITY ch(c, j)
	    CROSS JOIN LATERAL jsonb_array_elements(ch.c->'actions')
		WITH ORDINALITY a(a, k))
	SELECT row_number() OVER (ORDER BY y.top, y.child, y.k) AS seq,
	    x.id AS node, (y.k - 1)::integer AS pos,
	    y.a->>'body' AS body, y.a->>'schedule_kind' AS schedule_kind,
	    (y.a->>'schedule_start')::date AS schedule_start,
	    (y.a->>'schedule_end')::date AS schedule_end,
	    y.a->>'schedule_text' AS schedule_text, y.a->>'status' AS code,
	    s.id AS status_id, y.a->>'status_note' AS status_note,
	    y.a->>'info' AS info, '{}'::text[] AS lexemes,
	    y.a->'units' AS units, ra.action_id AS id,
	    ra.action_id IS NULL AS is_new
	FROM acts y
	JOIN imp_node x ON x.top = y.top AND coalesce(x.child, -1) = y.child
	LEFT JOIN status s ON s.code = y.a->>'status'
	LEFT JOIN recommendation_action ra ON NOT x.is_new
	    AND ra.recommendation_id = x.id AND ra.position = y.k - 1;
	ANALYZE imp_action;
	IF EXISTS (SELECT 1 FROM imp_action WHERE code IS NOT NULL
	    AND status_id IS NULL) THEN
		RAISE EXCEPTION 'no status %', (SELECT code FROM imp_action
		    WHERE code IS NOT NULL AND status_id IS NULL LIMIT 1)
		    USING ERRCODE = 'P0002';
	END IF;
	UPDATE imp_action SET id = nextval(pg_get_serial_sequence('action',
	    'id')) WHERE is_new;
END $$;

-- The actions of imp_action into process p: new ones inserted and
-- linked, stored ones updated where they differ (an action at two
-- places takes the later one), their units in order.
CREATE OR REPLACE FUNCTION import_actions(p bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n	integer := 0;
	c	integer;
BEGIN
	INSERT INTO action (id, process_id, body, schedule_kind,
	    schedule_start, schedule_end, schedule_text, status_id,
	    status_note, info, lexemes) OVERRIDING SYSTEM VALUE
	SELECT id, p, body, schedule_kind, schedule_start, schedule_end,
	    schedule_text, status_id, status_note, info, lexemes
	FROM imp_action WHERE is_new ORDER BY seq;
	GET DIAGNOSTICS c = ROW_COUNT;
	INSERT INTO recommendation_action (process_id, recommendation_id,
	    action_id, position)
	SELECT p, node, id, pos FROM imp_action WHERE is_new ORDER BY seq;
	n := 2 * c;
	UPDATE action a SET body = x.body, schedule_kind = x.schedule_kind,
	    schedule_start = x.schedule_start, schedule_end = x.schedule_end,
	    schedule_text = x.schedule_text, status_id = x.status_id,
	    status_note = x.status_note, info = x.info, lexemes = x.lexemes,
	    deleted_at = NULL, updated_at = now()
	  FROM (SELECT DISTINCT ON (id) * FROM imp_action WHERE NOT is_new
	    ORDER BY id, seq DESC) x
	 WHERE a.id = x.id AND (a.body, a.schedule_kind, a.schedule_start,
	    a.schedule_end, a.schedule_text, a.status_id, a.status_note,
	    a.info, a.deleted_at) IS DISTINCT FROM (x.body, x.schedule_kind,
	    x.schedule_start, x.schedule_end, x.schedule_text, x.status_id,
	    x.status_note, x.info, NULL::timestamptz);
	GET DIAGNOSTICS c = ROW_COUNT;
	RETURN n + c + import_action_units();
END $$;

-- The responsible units of imp_action's actions, in the order given:
-- new names become units (with their search terms from imp_unit_terms);
-- an action whose units differ gets them anew.
CREATE OR REPLACE FUNCTION import_action_units() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n	integer;
	c	integer;
BEGIN
	INSERT INTO unit (name, lexemes)
	SELECT DISTINCT ON (u.name) u.name, coalesce(t.lexemes, '{}')
	FROM imp_action x
	CROSS JOIN LATERAL jsonb_array_elements_text(x.units) u(name)
	LEFT JOIN imp_unit_terms t ON t.name = u.name
	ORDER BY u.name
	ON CONFLICT (name) DO NOTHING;
	GET DIAGNOSTICS n = ROW_COUNT;
	DROP TABLE IF EXISTS imp_units;
	CREATE TEMPORARY TABLE imp_units ON COMMIT DROP AS
	SELECT x.id, coalesce((SELECT array_agg(un.id ORDER BY u.o)
	    FROM jsonb_array_elements_text(x.units) WITH ORDINALITY u(name, o)
	    JOIN unit un ON un.name = u.name), '{}') AS want
	FROM (SELECT DISTINCT ON (id) id, units FROM imp_action
	    ORDER BY id, seq DESC) x;
	ANALYZE imp_units;
	DELETE FROM imp_units w WHERE w.want IS NOT DISTINCT FROM
	    coalesce((SELECT array_agg(au.unit_id ORDER BY au.position)
	    FROM action_unit au WHERE au.action_id = w.id), '{}');
	DELETE FROM action_unit au USING imp_units w WHERE au.action_id = w.id;
	INSERT INTO action_unit (action_id, unit_id, position)
	SELECT w.id, u.id, (u.o - 1)::integer
	FROM imp_units w CROSS JOIN LATERAL unnest(w.want)
	    WITH ORDINALITY u(id, o);
	SELECT count(*) INTO c FROM imp_units;
	RETURN n + c;
END $$;

-- What the file of process p no longer has: the links of its live
-- recommendations past their last action or not in the file (imp_node)
-- at all, and those recommendations. An action left answering nothing
-- is deleted softly.
CREATE OR REPLACE FUNCTION import_trim(p bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n	integer;
	c	integer;
BEGIN
	DROP TABLE IF EXISTS imp_gone;
	CREATE TEMPORARY TABLE imp_gone (action_id bigint) ON COMMIT DROP;
	WITH link AS (DELETE FROM recommendation_action ra
	    USING recommendation r
	    WHERE ra.process_id = p AND r.id = ra.recommendation_id
		AND r.deleted_at IS NULL AND NOT EXISTS (SELECT 1
		FROM imp_node x WHERE x.id = ra.recommendation_id
		AND ra.position < x.nact)
	    RETURNING ra.action_id)
	INSERT INTO imp_gone SELECT action_id FROM link;
	GET DIAGNOSTICS n = ROW_COUNT;
	UPDATE recommendation r SET deleted_at = now()
	 WHERE r.process_id = p AND r.deleted_at IS NULL AND NOT EXISTS
	    (SELECT 1 FROM imp_node x WHERE x.id = r.id);
	GET DIAGNOSTICS c = ROW_COUNT;
	UPDATE action a SET deleted_at = now()
	 WHERE a.id IN (SELECT action_id FROM imp_gone)
	    AND a.deleted_at IS NULL AND NOT EXISTS (SELECT 1
	    FROM recommendation_action ra WHERE ra.action_id = a.id);
	RETURN n + c;
END $$;

-- The first half of process_import(doc): the process, its
-- recommendations (imp_node, stored) and its actions (imp_action,
-- staged). Returns the number of rows changed.
CREATE OR REPLACE FUNCTION process_import_stage(doc jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	p	bigint;
	n	integer := 0;
	c	integer;
BEGIN
	SELECT id INTO p FROM process WHERE slug = doc->>'slug';
	IF p IS NULL THEN
		-- "published": false makes a new process start unpublished
		-- (toteumactl without --publish); without the key it is
		-- published, as the backend import has always done.
		INSERT INTO process (slug, title, year, published)
		VALUES (doc->>'slug', doc->>'title', (doc->>'year')::integer,
		    coalesce((doc->>'published')::boolean, true))
		RETURNING id INTO p;
		n := n + 1;
	ELSIF doc->>'title' IS NOT NULL THEN
		UPDATE process SET title = doc->>'title', updated_at = now()
		WHERE id = p AND title <> doc->>'title';
		GET DIAGNOSTICS c = ROW_COUNT;
		n := n + c;
	END IF;
	-- An existing process keeps its published state unless asked.
	IF (doc->>'published')::boolean THEN
		UPDATE process SET published = true, updated_at = now()
		WHERE id = p AND NOT published;
		GET DIAGNOSTICS c = ROW_COUNT;
		n := n + c;
	END IF;
	n := n + import_nodes(p, doc);
	PERFORM import_actions_stage(doc);
	-- What process_import_finish() merges into, and how much changed.
	DROP TABLE IF EXISTS imp_process;
	CREATE TEMPORARY TABLE imp_process ON COMMIT DROP AS
	SELECT p AS id, n AS changed;
	RETURN n;
END $$;

-- The second half, in the same transaction: the staged actions merged
-- into the staged process (which terms->>'slug' names) with their
-- search terms in the file's order (action_lexemes, one for each staged
-- action) and those of their units (unit_lexemes: name to terms), and
-- its public rows rebuilt. 22023 for terms that do not fit what was
-- staged.
CREATE OR REPLACE FUNCTION process_import_finish(terms jsonb)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	p	bigint;
	staged	integer;
	n	integer;
BEGIN
	SELECT i.id, i.changed INTO p, staged FROM imp_process i
	JOIN process pr ON pr.id = i.id AND pr.slug = terms->>'slug';
	IF p IS NULL THEN
		RAISE EXCEPTION 'process % was not staged', terms->>'slug'
		    USING ERRCODE = '22023';
	END IF;
	IF jsonb_array_length(terms->'action_lexemes') IS DISTINCT FROM
	    (SELECT count(*) FROM imp_action)::integer THEN
		RAISE EXCEPTION 'search terms for % actions, % staged',
		    jsonb_array_length(terms->'action_lexemes'),
		    (SELECT count(*) FROM imp_action) USING ERRCODE = '22023';
	END IF;
	UPDATE imp_action x SET lexemes = jsonb_texts(l.v)
	  FROM jsonb_array_elements(terms->'action_lexemes')
	    WITH ORDINALITY l(v, i)
	 WHERE x.seq = l.i;
	DROP TABLE IF EXISTS imp_unit_terms;
	CREATE TEMPORARY TABLE imp_unit_terms ON COMMIT DROP AS
	SELECT u.key AS name, jsonb_texts(u.value) AS lexemes
	FROM jsonb_each(terms->'unit_lexemes') u;
	n := import_actions(p);
	-- Thousands of new rows in this transaction are unknown to the
	-- planner's statistics, which would still take this process for
	-- empty and join its rows one by one (seconds per statement at
	-- 10,000 actions); ANALYZE counts this transaction's own rows.
	-- Only the columns the rest of the import joins and filters on:
	-- the texts' statistics took as long again.
	IF staged + n >= 1000 THEN
		ANALYZE recommendation (id, process_id, parent_id, position,
		    deleted_at), action (id, process_id, status_id, deleted_at),
		    recommendation_action (process_id, recommendation_id,
		    action_id, position), action_unit (action_id, unit_id);
	END IF;
	n := n + import_trim(p);
	PERFORM process_rows_rebuild(p);
	RETURN n;
END $$;

-- Both halves in one: the backend's import, whose one document holds
-- the file and its search terms (what toteumactl sends apart).
CREATE OR REPLACE FUNCTION process_import(doc jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n	integer;
BEGIN
	n := process_import_stage(doc);
	RETURN n + process_import_finish(doc);
END $$;

-- An uploaded table kept until it is confirmed (a day at most).
CREATE OR REPLACE FUNCTION import_upload_store(u bigint, p_slug text,
    p_title text, p_filename text, csv_hex text) RETURNS bigint
LANGUAGE sql AS $$
	DELETE FROM import_upload WHERE created_at < now() - interval '1 day';
	INSERT INTO import_upload (user_id, slug, title, filename, csv)
	VALUES (u, p_slug, p_title, p_filename, decode(csv_hex, 'hex'))
	RETURNING id;
$$;
