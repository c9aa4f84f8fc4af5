-- Reporting rounds.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- Records an answer of user u for action a_id in round r: the latest
-- answer of the action, and an answer for each of the action's units
-- that u is an editor of (user_units: directly or through a unit
-- above). An answer of someone outside a unit does not answer for it.
CREATE OR REPLACE FUNCTION round_answer_record(r bigint, a_id bigint, u bigint,
    kind_ text) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO round_answer (round_id, action_id, answered_by, kind)
	VALUES (r, a_id, u, kind_)
	ON CONFLICT (round_id, action_id) DO UPDATE SET
	    answered_by = excluded.answered_by,
	    answered_at = excluded.answered_at,
	    kind = CASE WHEN round_answer.kind = 'updated' THEN 'updated'
		ELSE excluded.kind END;
	INSERT INTO round_unit_answer (round_id, action_id, unit_id,
	    answered_by, kind)
	SELECT r, a_id, au.unit_id, u, kind_ FROM action_unit au
	WHERE au.action_id = a_id AND au.unit_id IN (SELECT user_units(u))
	ON CONFLICT (round_id, unit_id, action_id) DO UPDATE SET
	    answered_by = excluded.answered_by,
	    answered_at = excluded.answered_at,
	    kind = CASE WHEN round_unit_answer.kind = 'updated' THEN 'updated'
		ELSE excluded.kind END
$$;

-- Why confirming action a_id as up to date needs a second look: its
-- schedule has ended but its status is not final ('overdue'), it has
-- no status ('no_status'), or it has not been updated for the stale
-- days of the settings ('stale'). Empty when a plain confirmation is
-- enough.
CREATE OR REPLACE FUNCTION round_confirm_reasons(a_id bigint)
RETURNS text[]
LANGUAGE sql STABLE AS $$
	SELECT coalesce((SELECT array_remove(ARRAY[
	    CASE WHEN action_overdue(a.schedule_end, s.is_final)
		OR milestones_overdue(a.milestones, s.is_final)
		THEN 'overdue' END,
	    CASE WHEN a.status_id IS NULL THEN 'no_status' END,
	    CASE WHEN action_stale(a.updated_at, s.is_final, st.stale_days)
		THEN 'stale' END], NULL)
	FROM action a CROSS JOIN setting st
	LEFT JOIN status s ON s.id = a.status_id
	WHERE a.id = a_id), '{}')
$$;

-- A round's deadline, whichever way it is set: today or later, and at
-- most two years ahead. TR001 when it is in the past, TR007 when it is
-- too far. An unchanged deadline is not judged again.
CREATE OR REPLACE FUNCTION round_deadline_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.deadline = OLD.deadline THEN
		RETURN NEW;
	END IF;
	IF NEW.deadline < helsinki_today() THEN
		RAISE EXCEPTION 'the deadline % is in the past', NEW.deadline
		    USING ERRCODE = 'TR001';
	END IF;
	IF NEW.deadline > helsinki_today() + interval '2 years' THEN
		RAISE EXCEPTION 'the deadline % is more than two years ahead',
		    NEW.deadline USING ERRCODE = 'TR007';
	END IF;
	RETURN NEW;
END $$;

-- The units of the live actions of processes procs that have no
-- editor: no account that is not disabled belongs to the unit or to a
-- unit above it. Nobody would see such a unit's request.
CREATE OR REPLACE FUNCTION round_units_without_editors(procs bigint[])
RETURNS TABLE (unit_id bigint, unit_name text)
LANGUAGE sql STABLE AS $$
	SELECT DISTINCT un.id, un.name
	FROM action a JOIN action_unit au ON au.action_id = a.id
	JOIN unit un ON un.id = au.unit_id
	WHERE a.process_id = ANY (procs) AND a.deleted_at IS NULL
	    AND NOT EXISTS (SELECT 1 FROM app_user usr
		WHERE NOT usr.disabled
		    AND un.id IN (SELECT user_units(usr.id)))
$$;

-- Per unit of round r: its actions in the round, how many have an
-- answer of the unit's own editors (confirmed, updated), the last such
-- answer's time, and whether the unit has answered. An answer by
-- another unit's editor for a shared action does not count.
CREATE OR REPLACE FUNCTION round_units(r bigint)
RETURNS TABLE (unit_id bigint, unit_name text, actions integer,
    answered integer, confirmed integer, updated integer,
    last_answer timestamptz, has_answered boolean)
LANGUAGE sql STABLE AS $$
	SELECT un.id, un.name, count(*)::integer,
	    count(ra.action_id)::integer,
	    (count(*) FILTER (WHERE ra.kind = 'confirmed'))::integer,
	    (count(*) FILTER (WHERE ra.kind = 'updated'))::integer,
	    max(ra.answered_at), count(ra.action_id) = count(*)
	FROM round_process rp
	JOIN action a ON a.process_id = rp.process_id
	    AND a.deleted_at IS NULL
	JOIN action_unit au ON au.action_id = a.id
	JOIN unit un ON un.id = au.unit_id
	LEFT JOIN round_unit_answer ra ON ra.round_id = rp.round_id
	    AND ra.action_id = a.id AND ra.unit_id = un.id
	WHERE rp.round_id = r
	GROUP BY un.id, un.name
$$;

-- Opens a round by an admin. doc: title, message, deadline (YYYY-MM-DD)
-- and processes (ids, at least one). Raises
--   42501 when u is not an admin,
--   TR001 when the deadline is in the past,
--   TR007 when it is more than two years ahead,
--   TR002 when no process is given,
--   P0002 when a process does not exist,
--   TR003 when the processes' live actions have no responsible units
--         (nobody would be asked),
--   TR008 when a unit of the actions has no editor and doc does not
--         say units_without_editors_ok: true (the admin was told).
-- Each editor of each unit asked gets a mail (round_mail_open), queued
-- in the same transaction. Returns the round's id.
CREATE OR REPLACE FUNCTION round_open(u bigint, doc jsonb,
    ip text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	d	date := (doc->>'deadline')::date;
	procs	bigint[] := ARRAY(SELECT DISTINCT x::bigint FROM
		    jsonb_array_elements_text(coalesce(doc->'processes',
		    '[]')) x);
	r	bigint;
BEGIN
	IF d IS NULL OR d < helsinki_today() THEN
		RAISE EXCEPTION 'the deadline % is in the past', d
		    USING ERRCODE = 'TR001';
	END IF;
	IF d > helsinki_today() + interval '2 years' THEN
		RAISE EXCEPTION 'the deadline % is more than two years ahead',
		    d USING ERRCODE = 'TR007';
	END IF;
	IF cardinality(procs) = 0 THEN
		RAISE EXCEPTION 'a round covers at least one process'
		    USING ERRCODE = 'TR002';
	END IF;
	IF (SELECT count(*) FROM process WHERE id = ANY (procs)) <>
	    cardinality(procs) THEN
		RAISE EXCEPTION 'no such process' USING ERRCODE = 'P0002';
	END IF;
	IF NOT EXISTS (SELECT 1 FROM action a JOIN action_unit au
	    ON au.action_id = a.id WHERE a.process_id = ANY (procs)
	    AND a.deleted_at IS NULL) THEN
		RAISE EXCEPTION 'the actions of these processes have no '
		    'responsible units' USING ERRCODE = 'TR003';
	END IF;
	IF NOT coalesce((doc->>'units_without_editors_ok')::boolean, false)
	    AND EXISTS (SELECT 1 FROM round_units_without_editors(procs)) THEN
		RAISE EXCEPTION 'units without editors: confirm first'
		    USING ERRCODE = 'TR008';
	END IF;
	INSERT INTO round (title, message, deadline, opened_by)
	VALUES (doc->>'title', coalesce(doc->>'message', ''), d, u)
	RETURNING id INTO r;
	INSERT INTO round_process (round_id, process_id)
	SELECT r, unnest(procs);
	PERFORM audit_record(u, who, ip, 'round.open', 'round/' || r,
	    jsonb_build_object('deadline', d, 'processes', to_jsonb(procs),
		'mails', round_mail_open(r)));
	RETURN r;
END $$;

-- Locks round r while it is open: FOR UPDATE to change the round, FOR
-- SHARE (closing waits) to answer in it. Raises P0002 when there is no
-- round r, TR004 when it is closed.
CREATE OR REPLACE FUNCTION round_lock_open(r bigint, to_change boolean)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	cur	round;
BEGIN
	IF to_change THEN
		SELECT * INTO cur FROM round WHERE id = r FOR UPDATE;
	ELSE
		SELECT * INTO cur FROM round WHERE id = r FOR SHARE;
	END IF;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no round %', r USING ERRCODE = 'P0002';
	END IF;
	IF cur.closed_at IS NOT NULL THEN
		RAISE EXCEPTION 'round % is closed', r USING ERRCODE = 'TR004';
	END IF;
END $$;

-- A unit's answer: action a_id is up to date. When the action needs a
-- second look (round_confirm_reasons), checked says that the editor
-- ticked "I have checked that this is still true". Raises
--   42501 when u may not edit the action (user_may_edit_action),
--   P0002 when there is no round r,
--   TR004 when the round is closed,
--   TR005 when the action is not in the round (removed, or of another
--         process),
--   TR006 when the action needs a second look and checked is false.
DROP FUNCTION IF EXISTS round_confirm(bigint, bigint, bigint, text);
CREATE OR REPLACE FUNCTION round_confirm(u bigint, r bigint, a_id bigint,
    checked boolean, ip text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := editor_actor(u, a_id, 'answer for');
	why	text[];
BEGIN
	PERFORM round_lock_open(r, false);
	IF NOT EXISTS (SELECT 1 FROM action a JOIN round_process rp
	    ON rp.process_id = a.process_id AND rp.round_id = r
	    WHERE a.id = a_id AND a.deleted_at IS NULL) THEN
		RAISE EXCEPTION 'action % is not in round %', a_id, r
		    USING ERRCODE = 'TR005';
	END IF;
	why := round_confirm_reasons(a_id);
	IF cardinality(why) > 0 AND NOT coalesce(checked, false) THEN
		RAISE EXCEPTION 'action % needs a check first: %', a_id,
		    array_to_string(why, ', ') USING ERRCODE = 'TR006';
	END IF;
	PERFORM round_answer_record(r, a_id, u, 'confirmed');
	PERFORM audit_record(u, who, ip, 'round.confirm', 'round/' || r,
	    jsonb_build_object('action', a_id, 'checked', why));
END $$;

-- Closes a round by an admin: answers are no longer taken. P0002 when
-- there is no such round, TR004 when it is closed already.
CREATE OR REPLACE FUNCTION round_close(u bigint, r bigint, ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
BEGIN
	PERFORM round_lock_open(r, true);
	UPDATE round SET closed_at = now() WHERE id = r;
	PERFORM audit_record(u, who, ip, 'round.close', 'round/' || r, '{}');
END $$;

-- A save of an action by its unit (action_save(), which logs
-- 'action.update' with the user) answers every open round that covers
-- the action: the unit has looked at it and changed what needed to
-- change.
CREATE OR REPLACE FUNCTION round_answer_on_save() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	a_id	bigint := substr(NEW.object, length('action/') + 1)::bigint;
	r	bigint;
BEGIN
	FOR r IN SELECT rd.id FROM round rd
	    JOIN round_process rp ON rp.round_id = rd.id
	    JOIN action a ON a.process_id = rp.process_id
	    WHERE a.id = a_id AND a.deleted_at IS NULL
		AND rd.closed_at IS NULL LOOP
		PERFORM round_answer_record(r, a_id, NEW.user_id, 'updated');
	END LOOP;
	RETURN NULL;
END $$;

-- The reporting rounds that have a public report (every process of the
-- round is published): of process p (of any when NULL), open or closed
-- within recent_days (any when NULL); open ones first, then the
-- newest; at most n.
CREATE OR REPLACE FUNCTION public_rounds(p bigint, recent_days integer,
    n integer)
RETURNS TABLE (id bigint, title text, deadline date, closed date)
LANGUAGE sql STABLE AS $$
	SELECT r.id, r.title, r.deadline,
	    (r.closed_at AT TIME ZONE 'Europe/Helsinki')::date
	FROM round r
	WHERE (p IS NULL OR EXISTS (SELECT 1 FROM round_process rp
		WHERE rp.round_id = r.id AND rp.process_id = p))
	    AND (recent_days IS NULL OR r.closed_at IS NULL OR
		r.closed_at > now() - make_interval(days => recent_days))
	    AND NOT EXISTS (SELECT 1 FROM round_process x JOIN process pr
		ON pr.id = x.process_id WHERE x.round_id = r.id
		AND pr.published IS NOT TRUE)
	ORDER BY r.closed_at IS NOT NULL, r.opened_at DESC, r.id DESC
	LIMIT n
$$;
