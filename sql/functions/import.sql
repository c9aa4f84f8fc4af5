-- The import of a published table, and the backend import's uploads.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

CREATE OR REPLACE FUNCTION import_action(p bigint, node bigint, pos integer,
    a jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	aid	bigint;
	sid	integer;
	n	integer := 0;
	c	integer;
	want	bigint[];
	have	bigint[];
	i	integer;
BEGIN
	IF a ? 'status' AND a->>'status' IS NOT NULL THEN
		SELECT id INTO STRICT sid FROM status WHERE code = a->>'status';
	END IF;

	SELECT ra.action_id INTO aid FROM recommendation_action ra
	WHERE ra.recommendation_id = node AND ra.position = pos;

	IF aid IS NULL THEN
		INSERT INTO action (process_id, body, schedule_kind,
		    schedule_start, schedule_end, schedule_text, status_id,
		    status_note, info, lexemes)
		VALUES (p, a->>'body', a->>'schedule_kind',
		    (a->>'schedule_start')::date, (a->>'schedule_end')::date,
		    a->>'schedule_text', sid, a->>'status_note', a->>'info',
		    ARRAY(SELECT jsonb_array_elements_text(a->'lexemes')))
		RETURNING id INTO aid;
		INSERT INTO recommendation_action (process_id,
		    recommendation_id, action_id, position)
		VALUES (p, node, aid, pos);
		n := n + 2;
	ELSE
		UPDATE action SET body = a->>'body',
		    schedule_kind = a->>'schedule_kind',
		    schedule_start = (a->>'schedule_start')::date,
		    schedule_end = (a->>'schedule_end')::date,
		    schedule_text = a->>'schedule_text',
		    status_id = sid, status_note = a->>'status_note',
		    info = a->>'info',
		    lexemes = ARRAY(SELECT jsonb_array_elements_text(
			a->'lexemes')),
		    deleted_at = NULL, updated_at = now()
		WHERE id = aid AND (body, schedule_kind, schedule_start,
		    schedule_end, schedule_text, status_id, status_note, info,
		    deleted_at)
		    IS DISTINCT FROM (a->>'body', a->>'schedule_kind',
		    (a->>'schedule_start')::date, (a->>'schedule_end')::date,
		    a->>'schedule_text', sid, a->>'status_note', a->>'info',
		    NULL::timestamptz);
		GET DIAGNOSTICS c = ROW_COUNT;
		n := n + c;
	END IF;

	-- Responsible units, in the order given.
	FOR i IN 0 .. jsonb_array_length(a->'units') - 1 LOOP
		INSERT INTO unit (name, lexemes)
		VALUES (a->'units'->>i, ARRAY(SELECT jsonb_array_elements_text(
		    a->'unit_lexemes'->i)))
		ON CONFLICT (name) DO NOTHING;
		GET DIAGNOSTICS c = ROW_COUNT;
		n := n + c;
	END LOOP;
	SELECT coalesce(array_agg(u.id ORDER BY x.ord), '{}') INTO want
	FROM jsonb_array_elements_text(a->'units') WITH ORDINALITY x(name, ord)
	JOIN unit u ON u.name = x.name;
	SELECT coalesce(array_agg(unit_id ORDER BY position), '{}') INTO have
	FROM action_unit WHERE action_id = aid;
	IF want IS DISTINCT FROM have THEN
		DELETE FROM action_unit WHERE action_id = aid;
		INSERT INTO action_unit (action_id, unit_id, position)
		SELECT aid, x.id, (x.ord - 1)::integer
		FROM unnest(want) WITH ORDINALITY x(id, ord);
		n := n + 1;
	END IF;
	RETURN n;
END $$;

-- Detaches the actions of node at positions >= keep; an action that
-- answers no other recommendation any more is soft-deleted.
CREATE OR REPLACE FUNCTION import_trim_actions(node bigint, keep integer)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n	integer := 0;
	r	record;
BEGIN
	FOR r IN DELETE FROM recommendation_action
	    WHERE recommendation_id = node AND position >= keep
	    RETURNING action_id LOOP
		n := n + 1;
		UPDATE action SET deleted_at = now()
		WHERE id = r.action_id AND deleted_at IS NULL
		    AND NOT EXISTS (SELECT 1 FROM recommendation_action
			WHERE action_id = r.action_id);
	END LOOP;
	RETURN n;
END $$;

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

CREATE OR REPLACE FUNCTION import_node_actions(p bigint, node bigint,
    acts jsonb)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n	integer := 0;
	k	integer;
BEGIN
	FOR k IN 0 .. jsonb_array_length(acts) - 1 LOOP
		n := n + import_action(p, node, k, acts->k);
	END LOOP;
	RETURN n + import_trim_actions(node, jsonb_array_length(acts));
END $$;

CREATE OR REPLACE FUNCTION process_import(doc jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	p	bigint;
	top	bigint;
	child	bigint;
	n	integer := 0;
	c	integer;
	i	integer;
	j	integer;
	rec	jsonb;
	ch	jsonb;
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

	FOR i IN 0 .. jsonb_array_length(doc->'recommendations') - 1 LOOP
		rec := doc->'recommendations'->i;
		top := import_node(p, NULL, i, 'recommendation', rec);
		n := n + import_node_actions(p, top, rec->'actions');
		FOR j IN 0 .. jsonb_array_length(rec->'children') - 1 LOOP
			ch := rec->'children'->j;
			child := import_node(p, top, j, ch->>'kind', ch);
			n := n + import_node_actions(p, child, ch->'actions');
		END LOOP;
		-- Sub-recommendations the file no longer has.
		FOR child IN UPDATE recommendation SET deleted_at = now()
		    WHERE parent_id = top AND deleted_at IS NULL
			AND position >= jsonb_array_length(rec->'children')
		    RETURNING id LOOP
			n := n + 1 + import_trim_actions(child, 0);
		END LOOP;
	END LOOP;
	-- Recommendations the file no longer has, with their children.
	FOR top IN UPDATE recommendation SET deleted_at = now()
	    WHERE process_id = p AND parent_id IS NULL AND deleted_at IS NULL
		AND position >= jsonb_array_length(doc->'recommendations')
	    RETURNING id LOOP
		n := n + 1 + import_trim_actions(top, 0);
		FOR child IN UPDATE recommendation SET deleted_at = now()
		    WHERE parent_id = top AND deleted_at IS NULL
		    RETURNING id LOOP
			n := n + 1 + import_trim_actions(child, 0);
		END LOOP;
	END LOOP;

	PERFORM process_rows_rebuild(p);
	RETURN n;
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
