-- The editing backend: the public rows of a process, who may edit what,
-- and every save of the staff pages, each checking its user again.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- The rows are sorted twice (their order, each action's first row) with
-- every text: in memory, not on disk (a fifth quicker at 10,000 rows).
CREATE OR REPLACE FUNCTION process_rows_rebuild(p bigint) RETURNS integer
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
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
	    t.tsv, t.text,
	    top.body_sv, top.body_en,
	    CASE WHEN node.id <> top.id THEN node.body_sv ELSE '' END,
	    CASE WHEN node.id <> top.id THEN node.body_en ELSE '' END,
	    coalesce(a.body_sv, ''), coalesce(a.body_en, ''),
	    coalesce(a.status_note_sv, ''), coalesce(a.status_note_en, ''),
	    coalesce(a.info_sv, ''), coalesce(a.info_en, ''),
	    -- The directory (/actions) lists each action once: at its
	    -- first row, in the order of position.
	    a.id IS NOT NULL AND row_number() OVER (PARTITION BY a.id
		ORDER BY top.position, (node.id <> top.id), node.position,
		ra.position) = 1
	FROM recommendation node
	JOIN recommendation top ON top.id = coalesce(node.parent_id, node.id)
	LEFT JOIN recommendation_action ra ON ra.recommendation_id = node.id
	LEFT JOIN action a ON a.id = ra.action_id AND a.deleted_at IS NULL
	LEFT JOIN status s ON s.id = a.status_id
	-- Each status's stems once (OFFSET 0: not again in every row).
	LEFT JOIN (SELECT st.id, status_stems(st) AS stems FROM status st
	    OFFSET 0) ss ON ss.id = s.id
	LEFT JOIN LATERAL action_units(a.id) u ON true
	CROSS JOIN LATERAL row_search(top, node, a, s, ss.stems, u.names,
	    u.lexemes) t
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
	-- Rows may have moved: a server's search index older than this is
	-- rebuilt, not patched.
	INSERT INTO process_version AS pv (process_id, version, changed_at,
	    rows_version)
	VALUES (p, data_version_next(), date_trunc('second', now()),
	    data_version_next())
	ON CONFLICT (process_id) DO UPDATE
	SET rows_version = excluded.rows_version
	WHERE pv.rows_version <> excluded.rows_version;
	RETURN n;
END
$$;

-- links_valid(), which the CHECK on action.evidence calls, is part of
-- that table: it is in migrations/0003_backend.sql.

-- The strings of JSON array j as an array of text (none for null): the
-- search terms and links of a saved document.
CREATE OR REPLACE FUNCTION jsonb_texts(j jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
	SELECT ARRAY(SELECT jsonb_array_elements_text(j))
$$;

-- Every change of an action makes a new revision, whoever makes it (an
-- import too): an edit based on an older revision is refused.
CREATE OR REPLACE FUNCTION action_revision() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF (to_jsonb(NEW) - 'updated_at' - 'revision') IS DISTINCT FROM
	    (to_jsonb(OLD) - 'updated_at' - 'revision') THEN
		NEW.revision := OLD.revision + 1;
		NEW.updated_at := now();
	END IF;
	RETURN NEW;
END $$;

-- The units a user answers for: their own and every unit below them.
CREATE OR REPLACE FUNCTION user_units(u bigint) RETURNS SETOF bigint
LANGUAGE sql STABLE AS $$
	WITH RECURSIVE t(id) AS (
		SELECT unit_id FROM user_unit WHERE user_id = u
		UNION
		SELECT c.id FROM unit c JOIN t ON c.parent_id = t.id
	)
	SELECT id FROM t
$$;

-- Whether u is an active admin.
CREATE OR REPLACE FUNCTION user_is_admin(u bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM app_user WHERE id = u AND NOT disabled
	    AND role = 'admin')
$$;

CREATE OR REPLACE FUNCTION user_may_edit_action(u bigint,
    a bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT user_is_admin(u)
	    OR EXISTS (SELECT 1 FROM action_unit au
		JOIN app_user usr ON usr.id = u AND NOT usr.disabled
		WHERE au.action_id = a
		    AND au.unit_id IN (SELECT user_units(u)))
$$;

-- The names of an action's responsible units in their order, "; "
-- between them ('' for none), as the staff pages list them.
CREATE OR REPLACE FUNCTION action_unit_names(a_id bigint) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT coalesce(string_agg(un.name, '; ' ORDER BY au.position), '')
	FROM action_unit au
	JOIN unit un ON un.id = au.unit_id
	WHERE au.action_id = a_id
$$;

-- An action's responsible units in order: ids, names as the table
-- writes them, and the search terms of the names.
CREATE OR REPLACE FUNCTION action_units(a_id bigint, OUT ids bigint[],
    OUT names text,
    OUT lexemes text[])
LANGUAGE sql STABLE AS $$
	SELECT array_agg(un.id ORDER BY au.position),
	    string_agg(un.name, '; ' ORDER BY au.position),
	    (SELECT array_agg(l) FROM action_unit au2
		JOIN unit un2 ON un2.id = au2.unit_id, unnest(un2.lexemes) l
		WHERE au2.action_id = a_id)
	FROM action_unit au
	JOIN unit un ON un.id = au.unit_id
	WHERE au.action_id = a_id
$$;

-- The public rows of one action, after a change that does not move rows
-- (status, schedule, notes, links): cheaper than rebuilding the process,
-- and marked with the transaction's version so that the servers patch
-- their search indexes with just these rows (src/db/rows.c).
CREATE OR REPLACE FUNCTION process_rows_refresh_action(a_id bigint)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n integer;
BEGIN
	UPDATE process_row pr SET
	    action_body = a.body, schedule_kind = a.schedule_kind,
	    schedule_start = a.schedule_start, schedule_end = a.schedule_end,
	    schedule_text = a.schedule_text, status_id = a.status_id,
	    status_position = s.position, status_note = a.status_note,
	    info = a.info, action_body_sv = a.body_sv,
	    action_body_en = a.body_en, status_note_sv = a.status_note_sv,
	    status_note_en = a.status_note_en, info_sv = a.info_sv,
	    info_en = a.info_en, search_tsv = t.tsv, search_text = t.text,
	    row_version = data_version_next()
	FROM action a
	JOIN recommendation node ON true
	JOIN recommendation top ON top.id = coalesce(node.parent_id, node.id)
	LEFT JOIN status s ON s.id = a.status_id
	LEFT JOIN LATERAL action_units(a.id) u ON true
	CROSS JOIN LATERAL row_search(top, node, a, s, status_stems(s),
	    u.names, u.lexemes) t
	WHERE a.id = a_id AND pr.action_id = a.id AND node.id = pr.node_id;
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END
$$;

-- Raises 42501 unless u is an active user who may edit action a_id
-- (doing says what was refused: 'edit', 'answer for'); returns the
-- e-mail address and makes it the actor of the history rows of this
-- transaction, as admin_actor() does for an admin.
CREATE OR REPLACE FUNCTION editor_actor(u bigint, a_id bigint, doing text)
RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	who	text;
BEGIN
	SELECT email INTO who FROM app_user WHERE id = u AND NOT disabled;
	IF who IS NULL OR NOT user_may_edit_action(u, a_id) THEN
		RAISE EXCEPTION 'user % may not % action %', u, doing, a_id
		    USING ERRCODE = '42501';
	END IF;
	PERFORM set_config('toteuma.actor', who, true);
	RETURN who;
END $$;

-- Locks live action a_id for a change based on expected_revision.
-- Raises P0002 when there is no such action, 40001 when it has changed
-- since (somebody saved it meanwhile); returns the row.
CREATE OR REPLACE FUNCTION action_lock(a_id bigint,
    expected_revision integer) RETURNS action
LANGUAGE plpgsql AS $$
DECLARE
	cur	action;
BEGIN
	SELECT * INTO cur FROM action WHERE id = a_id AND deleted_at IS NULL
	    FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no action %', a_id USING ERRCODE = 'P0002';
	END IF;
	IF cur.revision <> expected_revision THEN
		RAISE EXCEPTION 'action % is at revision %, not %', a_id,
		    cur.revision, expected_revision USING ERRCODE = '40001';
	END IF;
	RETURN cur;
END $$;

-- A unit editor's (or an admin's) edit of an action. doc holds the new
-- values of status (code or null), status_note, schedule_kind,
-- schedule_start, schedule_end (first days of months or null),
-- schedule_text, actual_start, actual_end, info, evidence (array),
-- reason_category (why it will not be done: reason_category's id or
-- null; 23503 for an unknown one), correction (an admin's reason when
-- the save corrects a published value, or absent: the history row says
-- so) and lexemes (the search terms of the
-- new texts). Raises
--   42501 when the user may not edit the action,
--   P0002 when there is no such action,
--   40001 when the action has changed since expected_revision
-- and otherwise returns the new revision. The change is recorded in
-- history under the user's e-mail address, and in the audit log with the
-- address (ip) it came from. When the action's process has review on
-- and u is a unit editor (action_review_holds, review.sql), nothing is
-- changed: the update waits for an admin in action_pending, and 0 is
-- returned.
CREATE OR REPLACE FUNCTION action_save(u bigint, a_id bigint,
    expected_revision integer,
    doc jsonb, ip text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	who	text := editor_actor(u, a_id, 'edit');
	cur	action := action_lock(a_id, expected_revision);
	sid	integer;
	rev	integer;
BEGIN
	IF action_review_holds(u, a_id) THEN
		PERFORM action_pending_submit(u, a_id, expected_revision, doc,
		    ip);
		RETURN 0;
	END IF;
	IF doc->>'status' IS NOT NULL THEN
		SELECT id INTO STRICT sid FROM status
		    WHERE code = doc->>'status';
	END IF;
	-- Only an admin marks a save as a correction of a published value.
	IF doc->>'correction' IS NOT NULL THEN
		IF NOT user_is_admin(u) THEN
			RAISE EXCEPTION 'user % may not correct action %', u,
			    a_id USING ERRCODE = '42501';
		END IF;
		PERFORM set_config('toteuma.correction', doc->>'correction',
		    true);
	END IF;
	UPDATE action SET
	    status_id = sid,
	    status_note = doc->>'status_note',
	    schedule_kind = doc->>'schedule_kind',
	    schedule_start = (doc->>'schedule_start')::date,
	    schedule_end = (doc->>'schedule_end')::date,
	    schedule_text = doc->>'schedule_text',
	    actual_start = (doc->>'actual_start')::date,
	    actual_end = (doc->>'actual_end')::date,
	    info = doc->>'info',
	    status_note_sv = coalesce(doc->>'status_note_sv', ''),
	    status_note_en = coalesce(doc->>'status_note_en', ''),
	    info_sv = coalesce(doc->>'info_sv', ''),
	    info_en = coalesce(doc->>'info_en', ''),
	    evidence = jsonb_texts(doc->'evidence'),
	    reason_category = (doc->>'reason_category')::integer,
	    lexemes = jsonb_texts(doc->'lexemes')
	WHERE id = a_id
	RETURNING revision INTO rev;
	PERFORM set_config('toteuma.correction', '', true);
	PERFORM process_rows_refresh_action(a_id);
	PERFORM audit_record(u, who, ip, 'action.update', 'action/' || a_id,
	    jsonb_strip_nulls(jsonb_build_object('revision', rev,
	    'correction', doc->>'correction')));
	RETURN rev;
END
$$;

-- A unit editor's (or an admin's) change of one milestone of action
-- a_id (see 0021): m_id null adds doc as a new milestone, doc null
-- removes milestone m_id, otherwise doc replaces it. doc holds title,
-- title_sv, title_en, target (first day of its month), done (a day or
-- null) and note. The list stays in the order of the target months.
-- Raises as action_save() does (42501, P0002 also for an unknown
-- milestone, 40001), and TM001 when the action has its 20 milestones
-- already, TM002 when done is after today in Finland. Returns the
-- action's new revision.
CREATE OR REPLACE FUNCTION action_milestone_save(u bigint, a_id bigint,
    expected_revision integer, m_id integer, doc jsonb, ip text)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	who	text := editor_actor(u, a_id, 'edit');
	cur	action := action_lock(a_id, expected_revision);
	item	jsonb;
	list	jsonb;
	rev	integer;
BEGIN
	IF m_id IS NOT NULL AND NOT EXISTS (SELECT 1
	    FROM jsonb_array_elements(cur.milestones) e
	    WHERE (e->>'id')::integer = m_id) THEN
		RAISE EXCEPTION 'no milestone % of action %', m_id, a_id
		    USING ERRCODE = 'P0002';
	END IF;
	IF doc IS NOT NULL THEN
		IF (doc->>'done')::date > helsinki_today() THEN
			RAISE EXCEPTION 'a milestone done after today'
			    USING ERRCODE = 'TM002';
		END IF;
		IF m_id IS NULL AND jsonb_array_length(cur.milestones) >= 20
		    THEN
			RAISE EXCEPTION 'action % has 20 milestones', a_id
			    USING ERRCODE = 'TM001';
		END IF;
		item := jsonb_build_object('id', coalesce(m_id, (SELECT
		    coalesce(max((e->>'id')::integer), 0) + 1
		    FROM jsonb_array_elements(cur.milestones) e)),
		    'title', doc->>'title',
		    'title_sv', coalesce(doc->>'title_sv', ''),
		    'title_en', coalesce(doc->>'title_en', ''),
		    'target', doc->>'target', 'done', doc->'done',
		    'note', coalesce(doc->>'note', ''));
	END IF;
	SELECT coalesce(jsonb_agg(x ORDER BY x->>'target',
	    (x->>'id')::integer), '[]') INTO list
	FROM (SELECT e AS x FROM jsonb_array_elements(cur.milestones) e
	    WHERE m_id IS NULL OR (e->>'id')::integer <> m_id
	    UNION ALL SELECT item WHERE item IS NOT NULL) l;
	UPDATE action SET milestones = list WHERE id = a_id
	RETURNING revision INTO rev;
	PERFORM audit_record(u, who, ip, 'action.milestone',
	    'action/' || a_id, jsonb_build_object('revision', rev,
	    'milestone', coalesce((item->>'id')::integer, m_id),
	    'removed', doc IS NULL));
	RETURN rev;
END
$$;

-- An action's schedule as text: its months as "3/2025 – 6/2025", a
-- continuous one as continuous (the word in the reader's language), or
-- its own words; '' when it has none.
CREATE OR REPLACE FUNCTION action_schedule_words(kind text,
    first_month date, last_month date, words text, continuous text)
RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT CASE kind
	    WHEN 'months' THEN concat_ws(' – ',
		to_char(first_month, 'FMMM/YYYY'),
		to_char(last_month, 'FMMM/YYYY'))
	    WHEN 'continuous' THEN continuous
	    WHEN 'text' THEN words
	    ELSE '' END
$$;

-- The same from a history document.
CREATE OR REPLACE FUNCTION schedule_words(doc jsonb,
    continuous text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT action_schedule_words(doc->>'schedule_kind',
	    (doc->>'schedule_start')::date, (doc->>'schedule_end')::date,
	    doc->>'schedule_text', continuous)
$$;

-- Raises 42501 unless u is an active admin; returns the e-mail address
-- and makes it the actor of the history rows of this transaction.
CREATE OR REPLACE FUNCTION admin_actor(u bigint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	who text;
BEGIN
	SELECT email INTO who FROM app_user WHERE id = u AND NOT disabled
	    AND role = 'admin';
	IF who IS NULL THEN
		RAISE EXCEPTION 'user % is not an admin', u
		    USING ERRCODE = '42501';
	END IF;
	PERFORM set_config('toteuma.actor', who, true);
	RETURN who;
END $$;

-- The end of an admin's change that moves the public rows of process p
-- (what an action or a recommendation is, where it stands, whether it
-- is shown): the rows are rebuilt, and the change is recorded in the
-- audit log as event on object, by who (admin_actor()) from ip.
CREATE OR REPLACE FUNCTION process_rows_rebuild_audit(p bigint, u bigint,
    who text, ip text, event text, object text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM process_rows_rebuild(p);
	PERFORM audit_record(u, who, ip, event, object, '{}');
END $$;

-- An admin's edit of a process: title, kind, year, question,
-- description (each text also _sv and _en), published, and review
-- (whether unit updates wait for review; absent: as it is). P0002 for
-- an unknown process.
CREATE OR REPLACE FUNCTION process_save(u bigint, p_id bigint, doc jsonb,
    ip text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who text := admin_actor(u);
BEGIN
	UPDATE process SET title = doc->>'title', kind = doc->>'kind',
	    year = (doc->>'year')::integer, question = doc->>'question',
	    description = doc->>'description',
	    title_sv = doc->>'title_sv', title_en = doc->>'title_en',
	    question_sv = doc->>'question_sv',
	    question_en = doc->>'question_en',
	    description_sv = doc->>'description_sv',
	    description_en = doc->>'description_en',
	    published = (doc->>'published')::boolean,
	    review = coalesce((doc->>'review')::boolean, review),
	    updated_at = now()
	WHERE id = p_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no process %', p_id USING ERRCODE = 'P0002';
	END IF;
	PERFORM audit_record(u, who, ip, 'process.update',
	    'process/' || p_id, '{}');
END $$;

-- The authority's response to a recommendation, its reason's category
-- (reason_category; null for none, 23503 for an unknown one) and its
-- reasons in words.
CREATE OR REPLACE FUNCTION recommendation_respond(u bigint, r_id bigint,
    response text, reason text, category integer, ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who text := admin_actor(u);
BEGIN
	UPDATE recommendation SET response = recommendation_respond.response,
	    response_reason = reason, response_reason_category = category
	WHERE id = r_id AND deleted_at IS NULL AND kind <> 'specification';
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no recommendation %', r_id
		    USING ERRCODE = 'P0002';
	END IF;
	PERFORM audit_record(u, who, ip, 'recommendation.respond',
	    'recommendation/' || r_id, '{}');
END $$;

-- Staff accounts by an admin. doc: email, name, role, units (ids), lang
-- (of the account's mail), and password_hash (an Argon2id string made by the server; null keeps
-- the old one); for a new account, invite {hash, token, lang} mails an
-- invitation that lets the person choose the password (the server then
-- sends a hash of a random value nobody knows). A disabled account or a
-- new password ends the user's sessions. An admin can not disable or demote themselves (somebody has
-- to stay able to administer). Returns the user's id; 23505 when the
-- address is taken.
CREATE OR REPLACE FUNCTION user_save(u bigint, target bigint, doc jsonb,
    ip text)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	id_	bigint := target;
BEGIN
	IF target IS NULL THEN
		INSERT INTO app_user (email, name, role, password_hash, lang)
		VALUES (doc->>'email', doc->>'name', doc->>'role',
		    doc->>'password_hash', coalesce(doc->>'lang', 'fi'))
		RETURNING id INTO id_;
		-- Made without a password the admin knows: the person chooses
		-- one through the invitation mailed in the same transaction.
		IF doc ? 'invite' THEN
			PERFORM account_token_issue(id_, 'invite',
			    doc->'invite'->>'hash', doc->'invite'->>'token',
			    doc->'invite'->>'lang', (SELECT coalesce(nullif(
			    name, ''), email) FROM app_user WHERE id = u));
		END IF;
	ELSE
		IF target = u AND (doc->>'role' <> 'admin' OR
		    (doc->>'disabled')::boolean) THEN
			RAISE EXCEPTION 'an admin may not lock themselves out'
			    USING ERRCODE = 'P0001';
		END IF;
		UPDATE app_user SET name = doc->>'name', role = doc->>'role',
		    disabled = (doc->>'disabled')::boolean,
		    lang = coalesce(doc->>'lang', lang),
		    password_hash = coalesce(doc->>'password_hash',
			password_hash),
		    password_changed_at = CASE WHEN doc->>'password_hash' IS
			NULL THEN password_changed_at ELSE now() END
		WHERE id = target;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'no user %', target
			    USING ERRCODE = 'P0002';
		END IF;
		IF (doc->>'disabled')::boolean OR
		    doc->>'password_hash' IS NOT NULL THEN
			DELETE FROM staff_session WHERE user_id = target;
		END IF;
	END IF;
	DELETE FROM user_unit WHERE user_id = id_ AND unit_id NOT IN
	    (SELECT jsonb_array_elements_text(doc->'units')::bigint);
	INSERT INTO user_unit (user_id, unit_id)
	SELECT id_, x::bigint FROM jsonb_array_elements_text(doc->'units') x
	ON CONFLICT DO NOTHING;
	PERFORM audit_record(u, who, ip, CASE WHEN target IS NULL
	    THEN 'user.create' ELSE 'user.update' END, 'user/' || id_,
	    jsonb_build_object('role', doc->>'role', 'units', doc->'units',
		'disabled', doc->'disabled',
		'password_changed', doc->>'password_hash' IS NOT NULL,
		'invited', doc ? 'invite'));
	RETURN id_;
END $$;

-- A unit by an admin: name, parent (null for a top unit) and the search
-- terms of the name. A unit can not be its own ancestor (P0001). The
-- public rows that show the unit are rebuilt. Returns the unit's id;
-- 23505 when the name is taken.
CREATE OR REPLACE FUNCTION unit_save(u bigint, target bigint, name_ text,
    name_sv_ text, name_en_ text, parent bigint, terms text[], ip text)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	id_	bigint := target;
BEGIN
	IF target IS NULL THEN
		INSERT INTO unit (name, name_sv, name_en, parent_id, lexemes)
		VALUES (name_, name_sv_, name_en_, parent, terms)
		RETURNING id INTO id_;
	ELSE
		IF parent IS NOT NULL AND EXISTS (
		    WITH RECURSIVE up(id) AS (
			SELECT parent
			UNION
			SELECT un.parent_id FROM unit un JOIN up
			    ON un.id = up.id WHERE un.parent_id IS NOT NULL)
		    SELECT 1 FROM up WHERE id = target) THEN
			RAISE EXCEPTION 'unit % would be its own ancestor',
			    target USING ERRCODE = 'P0001';
		END IF;
		UPDATE unit SET name = name_, name_sv = name_sv_,
		    name_en = name_en_, parent_id = parent,
		    lexemes = terms WHERE id = target;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'no unit %', target
			    USING ERRCODE = 'P0002';
		END IF;
		PERFORM process_rows_rebuild(process_id)
		FROM (SELECT DISTINCT a.process_id FROM action_unit au
		    JOIN action a ON a.id = au.action_id
		    WHERE au.unit_id = target) x;
	END IF;
	PERFORM audit_record(u, who, ip, CASE WHEN target IS NULL
	    THEN 'unit.create' ELSE 'unit.update' END, 'unit/' || id_,
	    jsonb_build_object('name', name_, 'name_sv', name_sv_,
	    'name_en', name_en_, 'parent', parent));
	RETURN id_;
END $$;

-- A status of the list by an admin. doc: code (new statuses only),
-- label_fi, label_sv, label_en, is_final, colour, progress (null: not
-- progress), meaning_fi, meaning_sv, meaning_en. New statuses go last.
-- Labels are part of the public rows' search text: every process's rows
-- are rebuilt when they change. Returns the status's id; 23505 when the
-- code is taken.
CREATE OR REPLACE FUNCTION status_save(u bigint, target integer, doc jsonb,
    ip text)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	id_	integer := target;
	old	status;
BEGIN
	IF target IS NULL THEN
		INSERT INTO status (code, label_fi, label_sv, label_en,
		    is_final, colour, progress, meaning_fi, meaning_sv,
		    meaning_en, position)
		VALUES (doc->>'code', doc->>'label_fi', doc->>'label_sv',
		    doc->>'label_en', (doc->>'is_final')::boolean,
		    doc->>'colour', (doc->>'progress')::smallint,
		    doc->>'meaning_fi', doc->>'meaning_sv', doc->>'meaning_en',
		    (SELECT coalesce(max(position), 0) + 1 FROM status))
		RETURNING id INTO id_;
	ELSE
		SELECT * INTO old FROM status WHERE id = target;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'no status %', target
			    USING ERRCODE = 'P0002';
		END IF;
		UPDATE status SET label_fi = doc->>'label_fi',
		    label_sv = doc->>'label_sv', label_en = doc->>'label_en',
		    is_final = (doc->>'is_final')::boolean,
		    colour = doc->>'colour',
		    progress = (doc->>'progress')::smallint,
		    meaning_fi = doc->>'meaning_fi',
		    meaning_sv = doc->>'meaning_sv',
		    meaning_en = doc->>'meaning_en'
		WHERE id = target;
		IF (old.label_fi, old.label_sv, old.label_en) IS DISTINCT FROM
		    (doc->>'label_fi', doc->>'label_sv', doc->>'label_en') THEN
			PERFORM process_rows_rebuild(process_id)
			FROM (SELECT DISTINCT process_id FROM action
			    WHERE status_id = target) x;
		END IF;
	END IF;
	PERFORM audit_record(u, who, ip, CASE WHEN target IS NULL
	    THEN 'status.create' ELSE 'status.update' END, 'status/' || id_, doc);
	RETURN id_;
END $$;

-- A reason category of the list by an admin. doc: code (new categories
-- only), label_fi, label_sv, label_en. New categories go last. Returns
-- the category's id; 23505 when the code is taken, P0002 for an unknown
-- one.
CREATE OR REPLACE FUNCTION reason_category_save(u bigint, target integer,
    doc jsonb, ip text)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	id_	integer := target;
BEGIN
	IF target IS NULL THEN
		INSERT INTO reason_category (code, label_fi, label_sv,
		    label_en, position)
		VALUES (doc->>'code', doc->>'label_fi', doc->>'label_sv',
		    doc->>'label_en', (SELECT coalesce(max(position), 0) + 1
		    FROM reason_category))
		RETURNING id INTO id_;
	ELSE
		UPDATE reason_category SET label_fi = doc->>'label_fi',
		    label_sv = doc->>'label_sv', label_en = doc->>'label_en'
		WHERE id = target;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'no reason category %', target
			    USING ERRCODE = 'P0002';
		END IF;
	END IF;
	PERFORM audit_record(u, who, ip, CASE WHEN target IS NULL
	    THEN 'reason.create' ELSE 'reason.update' END, 'reason/' || id_,
	    doc);
	RETURN id_;
END $$;

-- Confirms an upload: doc is the import document the server built from
-- it (process_import() merges it). Only the admin who uploaded it may
-- confirm it (P0002 otherwise, as if it did not exist). Returns the
-- number of rows changed.
CREATE OR REPLACE FUNCTION import_confirm(u bigint, upload bigint, doc jsonb,
    ip text)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	n	integer;
	up	import_upload;
BEGIN
	DELETE FROM import_upload WHERE id = upload AND user_id = u
	    AND created_at > now() - interval '1 day'
	RETURNING * INTO up;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no upload %', upload USING ERRCODE = 'P0002';
	END IF;
	n := process_import(doc);
	PERFORM audit_record(u, who, ip, 'import', 'process/' || (doc->>'slug'),
	    jsonb_build_object('file', up.filename, 'changed', n));
	RETURN n;
END $$;

-- An admin's edit of what an action is: its text (and search terms),
-- its responsible units (in order) and the recommendations it answers
-- (of the same process; at least one) with the action's weight in the
-- progress of each (doc->'weights': {"recommendation id": weight}; 1
-- when not given; 23514 outside 1-100). Refuses a stale revision
-- (40001) like action_save(). The process's rows are rebuilt: linking
-- moves rows.
CREATE OR REPLACE FUNCTION action_define(u bigint, a_id bigint,
    expected_revision integer, doc jsonb, ip text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	cur	action := action_lock(a_id, expected_revision);
	rev	integer;
	i	integer;
BEGIN
	IF jsonb_array_length(doc->'recommendations') = 0 THEN
		RAISE EXCEPTION 'an action answers at least one recommendation'
		    USING ERRCODE = '23514';
	END IF;
	UPDATE action SET body = doc->>'body', body_sv = doc->>'body_sv',
	    body_en = doc->>'body_en',
	    lexemes = jsonb_texts(doc->'lexemes')
	WHERE id = a_id;
	DELETE FROM action_unit WHERE action_id = a_id;
	FOR i IN 0 .. jsonb_array_length(doc->'units') - 1 LOOP
		INSERT INTO action_unit (action_id, unit_id, position)
		VALUES (a_id, (doc->'units'->>i)::bigint, i);
	END LOOP;
	DELETE FROM recommendation_action WHERE action_id = a_id AND
	    recommendation_id NOT IN (SELECT jsonb_array_elements_text(
		doc->'recommendations')::bigint);
	INSERT INTO recommendation_action (process_id, recommendation_id,
	    action_id, position, weight)
	SELECT cur.process_id, r::bigint, a_id, coalesce((SELECT
	    max(position) + 1 FROM recommendation_action ra WHERE
	    ra.recommendation_id = r::bigint), 0),
	    coalesce((doc->'weights'->>r)::smallint, 1)
	FROM jsonb_array_elements_text(doc->'recommendations') r
	WHERE NOT EXISTS (SELECT 1 FROM recommendation_action ra WHERE
	    ra.action_id = a_id AND ra.recommendation_id = r::bigint);
	-- A changed weight is a change of the link (its own history row).
	UPDATE recommendation_action ra
	SET weight = coalesce((doc->'weights'->>(ra.recommendation_id::text))
	    ::smallint, 1)
	WHERE ra.action_id = a_id AND ra.weight IS DISTINCT FROM
	    coalesce((doc->'weights'->>(ra.recommendation_id::text))
	    ::smallint, 1);
	-- Units or links alone do not touch the action row: count them.
	UPDATE action SET revision = revision + 1, updated_at = now()
	WHERE id = a_id AND revision = cur.revision
	RETURNING revision INTO rev;
	IF rev IS NULL THEN
		SELECT revision INTO rev FROM action WHERE id = a_id;
	END IF;
	PERFORM process_rows_rebuild_audit(cur.process_id, u, who, ip,
	    'action.define', 'action/' || a_id);
	RETURN rev;
END $$;

-- A new action answering recommendation r_id, by an admin. doc as in
-- action_define(). Returns its id.
CREATE OR REPLACE FUNCTION action_create(u bigint, r_id bigint, doc jsonb,
    ip text)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	p	bigint;
	a_id	bigint;
BEGIN
	SELECT process_id INTO p FROM recommendation WHERE id = r_id AND
	    deleted_at IS NULL;
	IF p IS NULL THEN
		RAISE EXCEPTION 'no recommendation %', r_id
		    USING ERRCODE = 'P0002';
	END IF;
	INSERT INTO action (process_id, body, body_sv, body_en, lexemes)
	VALUES (p, doc->>'body', doc->>'body_sv', doc->>'body_en',
	    jsonb_texts(doc->'lexemes'))
	RETURNING id INTO a_id;
	INSERT INTO recommendation_action (process_id, recommendation_id,
	    action_id, position)
	VALUES (p, r_id, a_id, coalesce((SELECT max(position) + 1 FROM
	    recommendation_action WHERE recommendation_id = r_id), 0));
	INSERT INTO action_unit (action_id, unit_id, position)
	SELECT a_id, x.u::bigint, x.n - 1
	FROM jsonb_array_elements_text(doc->'units') WITH ORDINALITY x(u, n);
	PERFORM process_rows_rebuild_audit(p, u, who, ip, 'action.create',
	    'action/' || a_id);
	RETURN a_id;
END $$;

-- Removing an action hides it from every public page; restoring brings
-- it back with its id, links and history. Both by an admin.
CREATE OR REPLACE FUNCTION action_remove(u bigint, a_id bigint, removed boolean,
    ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	p	bigint;
BEGIN
	UPDATE action SET deleted_at = CASE WHEN removed THEN now() END
	WHERE id = a_id AND (deleted_at IS NULL) = removed
	RETURNING process_id INTO p;
	IF p IS NULL THEN
		RAISE EXCEPTION 'no action % to %', a_id, CASE WHEN removed
		    THEN 'remove' ELSE 'restore' END USING ERRCODE = 'P0002';
	END IF;
	PERFORM process_rows_rebuild_audit(p, u, who, ip, CASE WHEN removed
	    THEN 'action.remove' ELSE 'action.restore' END, 'action/' || a_id);
END $$;

-- A new process by an admin, without a table yet. Returns its id; 23505
-- when the slug is taken.
CREATE OR REPLACE FUNCTION process_create(u bigint, doc jsonb,
    ip text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	p	bigint;
BEGIN
	INSERT INTO process (slug, title, kind, year, question, description,
	    published)
	VALUES (doc->>'slug', doc->>'title', doc->>'kind',
	    (doc->>'year')::integer, doc->>'question', doc->>'description',
	    (doc->>'published')::boolean)
	RETURNING id INTO p;
	PERFORM audit_record(u, who, ip, 'process.create', 'process/' || p,
	    '{}');
	RETURN p;
END $$;

-- The service's settings by an admin.
DROP FUNCTION IF EXISTS settings_save(bigint, integer, integer, text);
CREATE OR REPLACE FUNCTION settings_save(u bigint, stale integer, soon integer,
    remind integer, ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
BEGIN
	UPDATE setting SET stale_days = stale, due_soon_days = soon,
	    round_reminder_days = coalesce(remind, round_reminder_days);
	PERFORM audit_record(u, who, ip, 'settings.update', '',
	    jsonb_build_object('stale_days', stale, 'due_soon_days', soon,
		'round_reminder_days', remind));
END $$;

-- Locks live recommendation r_id for a change and returns it; P0002
-- when there is none.
CREATE OR REPLACE FUNCTION recommendation_lock(r_id bigint)
RETURNS recommendation
LANGUAGE plpgsql AS $$
DECLARE
	cur	recommendation;
BEGIN
	SELECT * INTO cur FROM recommendation WHERE id = r_id AND
	    deleted_at IS NULL FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no recommendation %', r_id
		    USING ERRCODE = 'P0002';
	END IF;
	RETURN cur;
END $$;

-- What a recommendation under parent (null: none) with number is: a
-- top-level recommendation, or below one a numbered sub-recommendation
-- or an unnumbered specification.
CREATE OR REPLACE FUNCTION recommendation_kind(parent bigint, number text)
RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN parent IS NULL THEN 'recommendation'
	    WHEN nullif(number, '') IS NULL THEN 'specification'
	    ELSE 'sub' END
$$;

-- Recommendations by an admin: the panel's number and text. A top-level
-- recommendation needs a number; below it a numbered one is a
-- sub-recommendation and an unnumbered one a specification. 23P01 when
-- the number is taken in the process.
CREATE OR REPLACE FUNCTION recommendation_define(u bigint, r_id bigint,
    doc jsonb,
    ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	cur	recommendation := recommendation_lock(r_id);
BEGIN
	UPDATE recommendation SET number = nullif(doc->>'number', ''),
	    body = doc->>'body', body_sv = doc->>'body_sv',
	    body_en = doc->>'body_en',
	    kind = recommendation_kind(parent_id, doc->>'number'),
	    lexemes = jsonb_texts(doc->'lexemes')
	WHERE id = r_id;
	PERFORM process_rows_rebuild_audit(cur.process_id, u, who, ip,
	    'recommendation.update', 'recommendation/' || r_id);
END $$;

-- A new recommendation, last among its siblings. Returns its id.
CREATE OR REPLACE FUNCTION recommendation_create(u bigint, p_id bigint,
    parent bigint, doc jsonb, ip text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	r_id	bigint;
BEGIN
	INSERT INTO recommendation (process_id, parent_id, kind, number, body,
	    body_sv, body_en, position, lexemes)
	VALUES (p_id, parent, recommendation_kind(parent, doc->>'number'),
	    nullif(doc->>'number', ''), doc->>'body',
	    doc->>'body_sv', doc->>'body_en',
	    coalesce((SELECT max(position) + 1 FROM recommendation WHERE
		process_id = p_id AND parent_id IS NOT DISTINCT FROM parent
		AND deleted_at IS NULL), 0),
	    jsonb_texts(doc->'lexemes'))
	RETURNING id INTO r_id;
	PERFORM process_rows_rebuild_audit(p_id, u, who, ip,
	    'recommendation.create', 'recommendation/' || r_id);
	RETURN r_id;
END $$;

-- Moves a recommendation one place up (-1) or down (1) among its
-- siblings; at either end nothing moves.
CREATE OR REPLACE FUNCTION recommendation_move(u bigint, r_id bigint,
    step integer,
    ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	cur	recommendation := recommendation_lock(r_id);
	other	recommendation;
BEGIN
	SELECT * INTO other FROM recommendation WHERE process_id =
	    cur.process_id AND parent_id IS NOT DISTINCT FROM cur.parent_id
	    AND deleted_at IS NULL AND CASE WHEN step < 0 THEN position <
	    cur.position ELSE position > cur.position END
	ORDER BY CASE WHEN step < 0 THEN -position ELSE position END
	LIMIT 1 FOR UPDATE;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	UPDATE recommendation SET position = CASE id WHEN cur.id THEN
	    other.position ELSE cur.position END
	WHERE id IN (cur.id, other.id);
	PERFORM process_rows_rebuild_audit(cur.process_id, u, who, ip,
	    'recommendation.move', 'recommendation/' || r_id);
END $$;

-- Removing a recommendation hides it, what is below it and their rows;
-- restoring brings them back. Actions stay (an action may answer other
-- recommendations too).
CREATE OR REPLACE FUNCTION recommendation_remove(u bigint, r_id bigint,
    removed boolean, ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	p	bigint;
BEGIN
	UPDATE recommendation SET deleted_at = CASE WHEN removed THEN now()
	    END
	WHERE (id = r_id OR parent_id = r_id) AND
	    (deleted_at IS NULL) = removed;
	SELECT process_id INTO p FROM recommendation WHERE id = r_id AND
	    (deleted_at IS NULL) <> removed;
	IF p IS NULL THEN
		RAISE EXCEPTION 'no recommendation % to %', r_id, CASE WHEN
		    removed THEN 'remove' ELSE 'restore' END
		    USING ERRCODE = 'P0002';
	END IF;
	PERFORM process_rows_rebuild_audit(p, u, who, ip, CASE WHEN removed
	    THEN 'recommendation.remove' ELSE 'recommendation.restore' END,
	    'recommendation/' || r_id);
END $$;
