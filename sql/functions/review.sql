-- The optional review step of a process (see 0026): a unit editor's
-- update waits in action_pending until an admin approves or returns it.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- Action a_id as action_save() takes it (its doc), with its search
-- terms: what an update that changes only some fields starts from.
CREATE OR REPLACE FUNCTION action_doc(a action) RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT jsonb_build_object(
	    'status', (SELECT code FROM status WHERE id = a.status_id),
	    'status_note', a.status_note,
	    'schedule_kind', a.schedule_kind,
	    'schedule_start', a.schedule_start,
	    'schedule_end', a.schedule_end,
	    'schedule_text', a.schedule_text,
	    'actual_start', a.actual_start, 'actual_end', a.actual_end,
	    'info', a.info, 'evidence', to_jsonb(a.evidence),
	    'status_note_sv', a.status_note_sv,
	    'status_note_en', a.status_note_en,
	    'info_sv', a.info_sv, 'info_en', a.info_en,
	    'reason_category', a.reason_category,
	    'lexemes', to_jsonb(a.lexemes))
$$;

-- Whether an update of action a_id by u waits for review: its process
-- has review on, u is not an admin, and it is not an admin's approval
-- being applied (toteuma.approved_by, action_pending_approve).
CREATE OR REPLACE FUNCTION action_review_holds(u bigint, a_id bigint)
RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT p.review FROM action a
	    JOIN process p ON p.id = a.process_id WHERE a.id = a_id), false)
	    AND NOT user_is_admin(u)
	    AND coalesce(current_setting('toteuma.approved_by', true), '')
		= ''
$$;

-- Holds u's update doc of action a_id (based on expected_revision) for
-- review; called by action_save(), which has checked u and locked the
-- action. An update waiting or returned before is replaced by this
-- one. Returns the pending update's id.
CREATE OR REPLACE FUNCTION action_pending_submit(u bigint, a_id bigint,
    expected_revision integer, doc jsonb, ip text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	who	text := editor_actor(u, a_id, 'edit');
	pid	bigint;
BEGIN
	UPDATE action_pending SET state = 'replaced', decided_at = NULL
	WHERE action_id = a_id AND state IN ('pending', 'returned');
	INSERT INTO action_pending (action_id, base_revision, doc,
	    submitted_by)
	VALUES (a_id, expected_revision, doc - 'correction', u)
	RETURNING id INTO pid;
	PERFORM audit_record(u, who, ip, 'action.submit', 'action/' || a_id,
	    jsonb_build_object('pending', pid, 'revision',
	    expected_revision));
	RETURN pid;
END $$;

-- Locks pending update p_id that still waits; P0002 when there is no
-- such update waiting (decided or replaced meanwhile).
CREATE OR REPLACE FUNCTION action_pending_lock(p_id bigint)
RETURNS action_pending
LANGUAGE plpgsql AS $$
DECLARE
	cur	action_pending;
BEGIN
	SELECT * INTO cur FROM action_pending WHERE id = p_id
	    AND state = 'pending' FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no pending update %', p_id
		    USING ERRCODE = 'P0002';
	END IF;
	RETURN cur;
END $$;

-- An admin's approval of pending update p_id: saved by action_save()
-- as the editor's update (history names the editor as its actor and
-- the admin in approved_by). Raises 42501 unless u is an admin (or
-- when the editor may no longer edit the action), P0002 when the
-- update no longer waits, 40001 when the action changed after the
-- update was made. Returns the action's new revision.
CREATE OR REPLACE FUNCTION action_pending_approve(u bigint, p_id bigint,
    ip text) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	cur	action_pending := action_pending_lock(p_id);
	rev	integer;
BEGIN
	PERFORM set_config('toteuma.approved_by', who, true);
	rev := action_save(cur.submitted_by, cur.action_id,
	    cur.base_revision, cur.doc, ip);
	PERFORM set_config('toteuma.approved_by', '', true);
	PERFORM set_config('toteuma.actor', who, true);
	UPDATE action_pending SET state = 'approved', decided_by = u,
	    decided_at = now()
	WHERE id = p_id;
	PERFORM audit_record(u, who, ip, 'action.approve',
	    'action/' || cur.action_id, jsonb_build_object('pending', p_id,
	    'revision', rev, 'editor', cur.submitted_by));
	RETURN rev;
END $$;

-- An admin returns pending update p_id to its editor with comment
-- (required: TP001 when empty; at most 2000 characters: TP002).
-- Raises 42501 unless u is an admin, P0002 when it no longer waits.
CREATE OR REPLACE FUNCTION action_pending_return(u bigint, p_id bigint,
    p_comment text, ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	cur	action_pending := action_pending_lock(p_id);
BEGIN
	IF coalesce(btrim(p_comment), '') = '' THEN
		RAISE EXCEPTION 'a returned update needs a comment'
		    USING ERRCODE = 'TP001';
	END IF;
	IF length(p_comment) > 2000 THEN
		RAISE EXCEPTION 'the comment is too long' USING ERRCODE = 'TP002';
	END IF;
	UPDATE action_pending SET state = 'returned', decided_by = u,
	    decided_at = now(), comment = p_comment
	WHERE id = p_id;
	PERFORM audit_record(u, who, ip, 'action.return',
	    'action/' || cur.action_id, jsonb_build_object('pending', p_id,
	    'editor', cur.submitted_by));
END $$;

-- What pending update p_id would change, field by field as the action
-- form names them: the stored value and the update's (texts; status
-- as its code, schedule in words with continuous as the word for a
-- continuous one, links one a line, the reason as its label in lang).
-- Only the fields that differ.
CREATE OR REPLACE FUNCTION action_pending_diff(p_id bigint,
    continuous text, lang text)
RETURNS TABLE (field text, before text, after text)
LANGUAGE sql STABLE AS $$
	WITH d AS (SELECT action_doc(a) AS b, ap.doc AS n
	    FROM action_pending ap JOIN action a ON a.id = ap.action_id
	    WHERE ap.id = p_id),
	f(pos, field, before, after) AS (
	    SELECT 1, 'status', b->>'status', n->>'status' FROM d
	    UNION ALL SELECT 2, 'status_note', b->>'status_note',
		n->>'status_note' FROM d
	    UNION ALL SELECT 3, 'schedule', schedule_words(b, continuous),
		schedule_words(n, continuous) FROM d
	    UNION ALL SELECT 4, 'actual_start', b->>'actual_start',
		n->>'actual_start' FROM d
	    UNION ALL SELECT 5, 'actual_end', b->>'actual_end',
		n->>'actual_end' FROM d
	    UNION ALL SELECT 6, 'info', b->>'info', n->>'info' FROM d
	    UNION ALL SELECT 7, 'evidence', (SELECT string_agg(e, E'\n')
		FROM jsonb_array_elements_text(b->'evidence') e),
		(SELECT string_agg(e, E'\n')
		FROM jsonb_array_elements_text(n->'evidence') e) FROM d
	    UNION ALL SELECT 8, 'status_note_sv', b->>'status_note_sv',
		n->>'status_note_sv' FROM d
	    UNION ALL SELECT 9, 'status_note_en', b->>'status_note_en',
		n->>'status_note_en' FROM d
	    UNION ALL SELECT 10, 'info_sv', b->>'info_sv', n->>'info_sv'
		FROM d
	    UNION ALL SELECT 11, 'info_en', b->>'info_en', n->>'info_en'
		FROM d
	    UNION ALL SELECT 12, 'reason',
		reason_label(b->>'reason_category', lang),
		reason_label(n->>'reason_category', lang) FROM d)
	SELECT field, coalesce(before, ''), coalesce(after, '') FROM f
	WHERE coalesce(before, '') <> coalesce(after, '')
	ORDER BY pos
$$;
