-- Council reports, the public history of an action, snapshots.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- The public history of an action (see 0003), from the same list of
-- public fields as the reports and the feeds, with the labels of reason
-- categories in lang (texts stay Finnish); correction is an admin's
-- reason when the save corrected a published value (null otherwise).
CREATE OR REPLACE FUNCTION action_public_history(a_id bigint,
    continuous text, lang text)
RETURNS TABLE (changed_on text, field text, before text, after text,
    correction text)
LANGUAGE sql STABLE AS $$
	SELECT to_char(h.changed_at AT TIME ZONE 'Europe/Helsinki',
	    'YYYY-MM-DD'), f.field,
	    CASE WHEN f.field = 'reason_category'
		THEN reason_label(h.before->>'reason_category', lang)
		ELSE f.before END,
	    CASE WHEN f.field = 'reason_category'
		THEN reason_label(h.after->>'reason_category', lang)
		ELSE f.after END,
	    h.correction
	FROM (SELECT id, changed_at, before, after, correction FROM history
	    WHERE table_name = 'action' AND row_id = a_id
		AND operation = 'UPDATE'
	    ORDER BY id DESC LIMIT 100) h
	CROSS JOIN LATERAL action_public_changes(h.before, h.after, 'fi',
	    continuous) f
	ORDER BY h.id DESC, f.n
$$;

-- The public history of a recommendation: the changes of the county's
-- response to it (the response's code, its reason, which is Finnish
-- text, and the reason's category as its label in p_lang), newest
-- first, as action_public_history() gives an action's.
CREATE OR REPLACE FUNCTION recommendation_public_history(r_id bigint,
    p_lang text)
RETURNS TABLE (changed_on text, field text, before text, after text,
    correction text)
LANGUAGE sql STABLE AS $$
	SELECT to_char(h.changed_at AT TIME ZONE 'Europe/Helsinki',
	    'YYYY-MM-DD'), f.field, f.b, f.a, h.correction
	FROM (SELECT id, changed_at, before, after, correction FROM history
	    WHERE table_name = 'recommendation' AND row_id = r_id
		AND operation = 'UPDATE'
	    ORDER BY id DESC LIMIT 100) h
	CROSS JOIN LATERAL (VALUES
	    (1, 'response', h.before->>'response', h.after->>'response'),
	    (2, 'response_reason', nullif(h.before->>'response_reason', ''),
		nullif(h.after->>'response_reason', '')),
	    (3, 'reason_category', reason_label(
		h.before->>'response_reason_category', p_lang), reason_label(
		h.after->>'response_reason_category', p_lang))
	) f(n, field, b, a)
	WHERE f.b IS DISTINCT FROM f.a
	ORDER BY h.id DESC, f.n
$$;

-- One row per action shown in the public table of process p (every
-- published process when p is null), at its first place in the table.
-- Overdue: a schedule in months that ended before the current month, or
-- a milestone not done by its month (attention.sql), and no final
-- status. Stale: not updated for setting.stale_days days,
-- and no final status.
CREATE OR REPLACE FUNCTION report_actions(p bigint)
RETURNS TABLE (process_id bigint, action_id bigint, row_position integer,
    recommendation_id bigint, rec_number text, rec_body text,
    rec_body_sv text, rec_body_en text, action_body text,
    action_body_sv text, action_body_en text, schedule_kind text,
    schedule_start date, schedule_end date, schedule_text text,
    status_id integer, status_position integer, is_final boolean,
    unit_ids bigint[], unit_names text, updated_on text, overdue boolean,
    stale boolean)
LANGUAGE sql STABLE AS $$
	SELECT DISTINCT ON (pr.action_id) pr.process_id, pr.action_id,
	    pr.position, pr.recommendation_id, pr.rec_number, pr.rec_body,
	    pr.rec_body_sv, pr.rec_body_en, pr.action_body,
	    pr.action_body_sv, pr.action_body_en, pr.schedule_kind,
	    pr.schedule_start, pr.schedule_end, pr.schedule_text,
	    pr.status_id, s.position, coalesce(s.is_final, false),
	    pr.unit_ids, pr.unit_names, to_char(a.updated_at
		AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD'),
	    (pr.schedule_kind = 'months'
		AND action_overdue(pr.schedule_end, s.is_final))
		OR milestones_overdue(a.milestones, s.is_final),
	    action_stale(a.updated_at, s.is_final,
		(SELECT stale_days FROM setting))
	FROM process_row pr
	JOIN process pc ON pc.id = pr.process_id
	JOIN action a ON a.id = pr.action_id
	LEFT JOIN status s ON s.id = pr.status_id
	WHERE pr.action_id IS NOT NULL
	    AND (pr.process_id = p OR (p IS NULL AND pc.published))
	ORDER BY pr.action_id, pr.position
$$;

-- A text of a history document in lang ('fi', 'sv', 'en'): its
-- translation (name_sv, name_en), or the Finnish text when there is none.
CREATE OR REPLACE FUNCTION public_text(doc jsonb, name text,
    lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT coalesce(nullif(doc->>(name || '_' || lang), ''), doc->>name)
$$;

-- A milestone in words, from a history document: its title in lang,
-- its target month, the day it was done (after a check mark) and its
-- note.
CREATE OR REPLACE FUNCTION milestone_words(m jsonb, lang text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT public_text(m, 'title', lang) || ' – ' ||
	    to_char((m->>'target')::date, 'FMMM/YYYY') ||
	    coalesce(' – ✓ ' || (m->>'done'), '') ||
	    coalesce(': ' || nullif(m->>'note', ''), '')
$$;

-- The label in p_lang ('fi', 'sv', 'en') of reason category p_id (text, as
-- a history document holds it); null for none. A category's label is
-- its present one: admins rename, the reason stays.
CREATE OR REPLACE FUNCTION reason_label(p_id text, p_lang text)
RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT in_lang(p_lang, c.label_fi, c.label_sv, c.label_en)
	FROM reason_category c WHERE c.id = p_id::integer
$$;

-- The milestones of list a that list b lacks or has otherwise (matched
-- by id), in words, in the order of a; null when there are none.
CREATE OR REPLACE FUNCTION milestones_changed(a jsonb, b jsonb, lang text)
RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT string_agg(milestone_words(x, lang), '; ' ORDER BY i)
	FROM jsonb_array_elements(coalesce(a, '[]')) WITH ORDINALITY e(x, i)
	WHERE NOT EXISTS (SELECT 1
	    FROM jsonb_array_elements(coalesce(b, '[]')) y
	    WHERE y = x)
$$;

-- The public fields one history row of an action changed, in the order
-- a reader reads them (text, status, status note, schedule, actual
-- dates, additional information, evidence links, removal, milestones
-- added, changed or removed, the reason category of "will not be
-- done"), with texts and category labels in lang: the one list of what is public about a change, for the
-- action's history, the reports and the feeds. A new action (old_doc is
-- null) is one row 'new' with its text.
CREATE OR REPLACE FUNCTION action_public_changes(old_doc jsonb, new_doc jsonb,
    lang text, continuous text)
RETURNS TABLE (n integer, field text, before text, after text)
LANGUAGE sql STABLE AS $$
	SELECT f.n, f.field, f.b, f.a
	FROM (VALUES
	    (0, 'new', NULL, public_text(new_doc, 'body', lang)),
	    (1, 'body', public_text(old_doc, 'body', lang),
		public_text(new_doc, 'body', lang)),
	    (2, 'status', old_doc->>'status_id', new_doc->>'status_id'),
	    (3, 'status_note', public_text(old_doc, 'status_note', lang),
		public_text(new_doc, 'status_note', lang)),
	    (4, 'schedule', schedule_words(old_doc, continuous),
		schedule_words(new_doc, continuous)),
	    (5, 'actual', concat_ws(' – ', old_doc->>'actual_start',
		old_doc->>'actual_end'), concat_ws(' – ',
		new_doc->>'actual_start', new_doc->>'actual_end')),
	    (6, 'info', public_text(old_doc, 'info', lang),
		public_text(new_doc, 'info', lang)),
	    (7, 'evidence', array_to_string(jsonb_texts(
		old_doc->'evidence'), ' '), array_to_string(jsonb_texts(
		new_doc->'evidence'), ' ')),
	    (8, 'deleted', CASE WHEN old_doc->>'deleted_at' IS NULL
		THEN '' ELSE 'deleted' END, CASE WHEN
		new_doc->>'deleted_at' IS NULL THEN '' ELSE 'deleted' END),
	    (9, 'milestones', milestones_changed(old_doc->'milestones',
		new_doc->'milestones', lang), milestones_changed(
		new_doc->'milestones', old_doc->'milestones', lang)),
	    (10, 'reason_category', reason_label(
		old_doc->>'reason_category', lang), reason_label(
		new_doc->>'reason_category', lang))
	) f(n, field, b, a)
	WHERE CASE WHEN old_doc IS NULL THEN f.n = 0
	    ELSE f.n > 0 AND f.b IS DISTINCT FROM f.a END
$$;

-- The public changes of the actions of process p (null: of every
-- published process) from the start of day d_from to the end of day
-- d_to, days in Helsinki: one row per changed public field, oldest
-- first.
CREATE OR REPLACE FUNCTION report_changes(p bigint, d_from date, d_to date,
    continuous text)
RETURNS TABLE (changed_on text, process_id bigint, action_id bigint,
    field text, before text, after text)
LANGUAGE sql STABLE AS $$
	SELECT to_char(h.changed_at AT TIME ZONE 'Europe/Helsinki',
	    'YYYY-MM-DD'), a.process_id, a.id, f.field, f.before, f.after
	FROM history h
	JOIN action a ON a.id = h.row_id
	JOIN process pc ON pc.id = a.process_id
	CROSS JOIN LATERAL action_public_changes(h.before, h.after, 'fi',
	    continuous) f
	WHERE h.table_name = 'action' AND h.operation = 'UPDATE'
	    AND h.changed_at >= d_from::timestamp AT TIME ZONE 'Europe/Helsinki'
	    AND h.changed_at < (d_to + 1)::timestamp
		AT TIME ZONE 'Europe/Helsinki'
	    AND (a.process_id = p OR (p IS NULL AND pc.published))
	ORDER BY h.changed_at, h.id, f.n
$$;

-- The net change of each public field of the actions of process p (null:
-- of every published process) from the start of day d_from to the end
-- of day d_to, in Helsinki: per action and field, the value before the
-- first save of the period and after the last one, leaving out fields
-- that ended where they started; saves is how many saves changed a
-- public field of the action in the period, last_on the day of the last
-- of them. Oldest last change first.
CREATE OR REPLACE FUNCTION report_net_changes(p bigint, d_from date,
    d_to date, continuous text)
RETURNS TABLE (process_id bigint, action_id bigint, n integer, field text,
    before text, after text, saves bigint, last_on text)
LANGUAGE sql STABLE AS $$
	WITH f AS (
		SELECT h.id, h.changed_at, h.row_id, a.process_id, c.n,
		    c.field, c.before, c.after
		FROM history h
		JOIN action a ON a.id = h.row_id
		JOIN process pc ON pc.id = a.process_id
		CROSS JOIN LATERAL action_public_changes(h.before, h.after,
		    'fi', continuous) c
		WHERE h.table_name = 'action' AND h.operation = 'UPDATE'
		    AND h.changed_at >= d_from::timestamp
			AT TIME ZONE 'Europe/Helsinki'
		    AND h.changed_at < (d_to + 1)::timestamp
			AT TIME ZONE 'Europe/Helsinki'
		    AND (a.process_id = p OR (p IS NULL AND pc.published))
	), s AS (
		SELECT row_id, count(DISTINCT id) AS saves FROM f
		GROUP BY row_id
	), g AS (
		SELECT f.process_id, f.row_id, min(f.n) AS n, f.field,
		    (array_agg(f.before ORDER BY f.changed_at, f.id))[1]
			AS before,
		    (array_agg(f.after ORDER BY f.changed_at DESC,
			f.id DESC))[1] AS after,
		    max(f.changed_at) AS last_at
		FROM f GROUP BY f.process_id, f.row_id, f.field
	)
	SELECT g.process_id, g.row_id, g.n, g.field, g.before, g.after,
	    s.saves, to_char(g.last_at AT TIME ZONE 'Europe/Helsinki',
	    'YYYY-MM-DD')
	FROM g JOIN s ON s.row_id = g.row_id
	WHERE g.before IS DISTINCT FROM g.after
	ORDER BY max(g.last_at) OVER (PARTITION BY g.row_id), g.row_id, g.n
$$;

-- The first day of process p_id, in Helsinki: the day it was created,
-- or the day of the earliest history of it or of its actions (an
-- imported history can be older than the process's row). A snapshot of
-- an earlier day would show every action as added later.
CREATE OR REPLACE FUNCTION process_first_day(p_id bigint) RETURNS date
LANGUAGE sql STABLE AS $$
	SELECT (least(pc.created_at,
	    (SELECT min(h.changed_at) FROM history h
		WHERE h.table_name = 'process' AND h.row_id = pc.id),
	    (SELECT min(h.changed_at) FROM history h JOIN action a
		ON a.id = h.row_id
		WHERE h.table_name = 'action' AND a.process_id = pc.id))
	    AT TIME ZONE 'Europe/Helsinki')::date
	FROM process pc WHERE pc.id = p_id
$$;

-- Freezes process p_id as of the end of day as_of (in Helsinki), by an
-- admin (42501 otherwise). Each action as the last history row before
-- that day ended left it; actions created later, or removed then, are
-- left out. Recommendations and units are taken as they are now. Only a
-- day that has ended can be frozen: today or later is refused (22023),
-- and so is a day before the process existed (22008, see
-- process_first_day()); P0002 for an unknown process. Returns the
-- snapshot's id.
CREATE OR REPLACE FUNCTION snapshot_create(u bigint, p_id bigint, as_of date,
    label text, ip text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	cutoff	timestamptz := (as_of + 1)::timestamp
	    AT TIME ZONE 'Europe/Helsinki';
	s_id	bigint;
BEGIN
	IF as_of >= (now() AT TIME ZONE 'Europe/Helsinki')::date THEN
		RAISE EXCEPTION 'snapshot date % has not ended', as_of
		    USING ERRCODE = '22023';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM process WHERE id = p_id) THEN
		RAISE EXCEPTION 'no process %', p_id USING ERRCODE = 'P0002';
	END IF;
	IF as_of < process_first_day(p_id) THEN
		RAISE EXCEPTION 'snapshot date % is before process % existed',
		    as_of, p_id USING ERRCODE = '22008';
	END IF;
	INSERT INTO snapshot (process_id, as_of, label, created_by)
	VALUES (p_id, as_of, coalesce(label, ''), u)
	RETURNING id INTO s_id;
	INSERT INTO snapshot_row
	WITH st AS (
		SELECT a.id, h.doc
		FROM action a
		CROSS JOIN LATERAL (SELECT hh.after AS doc FROM history hh
		    WHERE hh.table_name = 'action' AND hh.row_id = a.id
			AND hh.changed_at < cutoff
		    ORDER BY hh.changed_at DESC, hh.id DESC LIMIT 1) h
		WHERE a.process_id = p_id AND h.doc IS NOT NULL
		    AND h.doc->>'deleted_at' IS NULL
	), link AS (
		SELECT ra.recommendation_id, ra.action_id, ra.position, st.doc
		FROM recommendation_action ra
		JOIN st ON st.id = ra.action_id
	)
	SELECT s_id, (row_number() OVER (ORDER BY top.position,
		(node.id <> top.id), node.position, l.position) - 1)::integer,
	    top.id, node.id, l.action_id, top.number, top.body, top.body_sv,
	    top.body_en, node.kind,
	    CASE WHEN node.id <> top.id THEN node.number END,
	    CASE WHEN node.id <> top.id THEN node.body ELSE '' END,
	    CASE WHEN node.id <> top.id THEN node.body_sv ELSE '' END,
	    CASE WHEN node.id <> top.id THEN node.body_en ELSE '' END,
	    l.doc->>'body', coalesce(l.doc->>'body_sv', ''),
	    coalesce(l.doc->>'body_en', ''), l.doc->>'schedule_kind',
	    (l.doc->>'schedule_start')::date, (l.doc->>'schedule_end')::date,
	    l.doc->>'schedule_text', (l.doc->>'status_id')::integer,
	    l.doc->>'status_note', coalesce(l.doc->>'status_note_sv', ''),
	    coalesce(l.doc->>'status_note_en', ''),
	    coalesce(un.names, ''), l.doc->>'info',
	    coalesce(l.doc->>'info_sv', ''), coalesce(l.doc->>'info_en', '')
	FROM recommendation node
	JOIN recommendation top ON top.id = coalesce(node.parent_id, node.id)
	LEFT JOIN link l ON l.recommendation_id = node.id
	LEFT JOIN LATERAL action_units(l.action_id) un ON true
	WHERE node.process_id = p_id AND node.deleted_at IS NULL
	    AND top.deleted_at IS NULL
	    -- The rows the public table would have had: see
	    -- process_rows_rebuild().
	    AND (l.action_id IS NOT NULL OR NOT EXISTS (
		SELECT 1 FROM link l2 WHERE l2.recommendation_id = node.id))
	    AND (l.action_id IS NOT NULL OR node.id <> top.id OR NOT EXISTS (
		SELECT 1 FROM recommendation c WHERE c.parent_id = top.id
		    AND c.deleted_at IS NULL));
	PERFORM audit_record(u, who, ip, 'snapshot.create', 'snapshot/' || s_id,
	    jsonb_build_object('process', p_id, 'as_of', as_of,
		'label', label));
	RETURN s_id;
END $$;

-- Why recommendations are not accepted in full and actions will not be
-- done, counted by the reason's category for process p (every published
-- process when p is null): one row per category of the list in its
-- order, then one (category null) for those without a category.
-- Recommendations: those answered "not accepted" or "partly"; actions:
-- those whose status is not progress (progress.sql: "will not be done").
CREATE OR REPLACE FUNCTION report_reasons(p bigint)
RETURNS TABLE (category integer, label_fi text, label_sv text,
    label_en text, recommendations bigint, actions bigint)
LANGUAGE sql STABLE AS $$
	WITH r AS (
		SELECT r.response_reason_category AS c
		FROM recommendation r JOIN process pc ON pc.id = r.process_id
		WHERE r.deleted_at IS NULL AND r.kind <> 'specification'
		    AND r.response IN ('not_accepted', 'partly')
		    AND (r.process_id = p OR (p IS NULL AND pc.published))
	), a AS (
		SELECT a.reason_category AS c
		FROM action a JOIN process pc ON pc.id = a.process_id
		JOIN status s ON s.id = a.status_id AND s.progress IS NULL
		WHERE a.deleted_at IS NULL
		    AND (a.process_id = p OR (p IS NULL AND pc.published))
	)
	SELECT * FROM (SELECT rc.id, rc.label_fi, rc.label_sv, rc.label_en,
	    (SELECT count(*) FROM r WHERE r.c = rc.id),
	    (SELECT count(*) FROM a WHERE a.c = rc.id)
	FROM reason_category rc ORDER BY rc.position, rc.id) l
	UNION ALL
	SELECT NULL, NULL, NULL, NULL,
	    (SELECT count(*) FROM r WHERE r.c IS NULL),
	    (SELECT count(*) FROM a WHERE a.c IS NULL)
$$;
