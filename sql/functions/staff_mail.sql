-- Reporting rounds and the weekly digest by mail. When a round opens,
-- each editor of each unit asked gets one mail listing that unit's
-- actions; units that have not answered are reminded
-- round_reminder_days (the settings) before the deadline and on the
-- day; the day after the deadline every admin gets the round's summary.
-- Each Monday every editor gets the actions of their units that need
-- attention, unless they turned it off. The opening mail is queued by
-- round_open; the rest by round_mail_due and digest_mail_due, which the
-- mail sender runs at least once a minute. Each mail names itself in
-- mail_outbox.once_key, so that it is queued once however often the
-- check runs.

-- The active accounts that edit unit un: its own, or a unit's above it.
CREATE OR REPLACE FUNCTION unit_editors(un bigint)
RETURNS TABLE (user_id bigint, email text, lang text)
LANGUAGE sql STABLE AS $$
	SELECT usr.id, usr.email, usr.lang FROM app_user usr
	WHERE NOT usr.disabled AND un IN (SELECT user_units(usr.id))
$$;

-- A unit's name in language l (the Finnish one when it has none).
CREATE OR REPLACE FUNCTION unit_name_in(un bigint, l text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT in_lang(l, name, name_sv, name_en) FROM unit WHERE id = un
$$;

-- Action a_id as a line of a mail in language l: its text, shortened
-- to a line, and its process.
CREATE OR REPLACE FUNCTION action_mail_line(a_id bigint, l text)
RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT format('%s (%s)', CASE WHEN length(t.body) > 160 THEN
	    left(t.body, 159) || '…' ELSE t.body END,
	    in_lang(l, p.title, p.title_sv, p.title_en))
	FROM action a JOIN process p ON p.id = a.process_id
	CROSS JOIN LATERAL (SELECT regexp_replace(in_lang(l, a.body,
	    a.body_sv, a.body_en), '\s+', ' ', 'g') AS body) t
	WHERE a.id = a_id
$$;

-- What a round's mail to unit un says, in language l: the round, its
-- deadline and message, the unit, and the unit's actions in the round
-- (each its text, shortened, and its process).
CREATE OR REPLACE FUNCTION round_mail_params(r bigint, un bigint, l text)
RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT jsonb_build_object('round', rd.title,
	    'deadline', rd.deadline::text, 'message', rd.message,
	    'path', '/b', 'unit', unit_name_in(un, l),
	    'actions', coalesce((SELECT jsonb_agg(action_mail_line(a.id, l)
		ORDER BY p.title, a.id)
		FROM round_process rp
		JOIN action a ON a.process_id = rp.process_id
		    AND a.deleted_at IS NULL
		JOIN action_unit au ON au.action_id = a.id
		    AND au.unit_id = un
		JOIN process p ON p.id = a.process_id
		WHERE rp.round_id = r), '[]'))
	FROM round rd WHERE rd.id = r
$$;

-- The opening mail of round r to every editor of every unit asked.
-- Returns how many were queued.
CREATE OR REPLACE FUNCTION round_mail_open(r bigint) RETURNS integer
LANGUAGE sql AS $$
	SELECT count(*)::integer FROM (SELECT mail_queue(e.email, e.lang,
	    'round_open', round_mail_params(r, ru.unit_id, e.lang), NULL,
	    format('round:%s:open:%s:%s', r, ru.unit_id, e.user_id)) AS m
	    FROM round_units(r) ru CROSS JOIN LATERAL unit_editors(ru.unit_id) e
	    ORDER BY ru.unit_id, e.user_id) q
	WHERE q.m IS NOT NULL
$$;

-- The reminders and summaries due on day today (the county's day by
-- default): a reminder to each editor of each unit of an open round
-- that has not answered, round_reminder_days before the deadline (when
-- the round opened before that day) and on the day; the summary to each
-- admin (who was one by the deadline) in the week after the deadline.
-- Returns how many were queued.
CREATE OR REPLACE FUNCTION round_mail_due(today date DEFAULT
    (now() AT TIME ZONE 'Europe/Helsinki')::date) RETURNS integer
LANGUAGE sql AS $$
	WITH reminder AS (SELECT mail_queue(e.email, e.lang, 'round_reminder',
	    round_mail_params(rd.id, ru.unit_id, e.lang) ||
	    jsonb_build_object('due_today', CASE WHEN today = rd.deadline THEN
	    '1' ELSE '' END), NULL, format('round:%s:remind-%s:%s:%s', rd.id,
	    CASE WHEN today = rd.deadline THEN 'day' ELSE 'before' END,
	    ru.unit_id, e.user_id)) AS m
	    FROM setting, round rd CROSS JOIN LATERAL round_units(rd.id) ru
	    CROSS JOIN LATERAL unit_editors(ru.unit_id) e
	    WHERE rd.closed_at IS NULL AND NOT ru.has_answered
		AND (today = rd.deadline OR (round_reminder_days > 0
		    AND today >= rd.deadline - round_reminder_days
		    AND today < rd.deadline
		    AND (rd.opened_at AT TIME ZONE 'Europe/Helsinki')::date <
			rd.deadline - round_reminder_days))
	    ORDER BY rd.id, ru.unit_id, e.user_id),
	summary AS (SELECT mail_queue(usr.email, usr.lang, 'round_summary',
	    round_mail_summary(rd.id, usr.lang), NULL,
	    format('round:%s:summary:%s', rd.id, usr.id)) AS m
	    FROM round rd CROSS JOIN app_user usr
	    WHERE usr.role = 'admin' AND NOT usr.disabled
		AND today > rd.deadline AND today <= rd.deadline + 7
		AND usr.created_at < (rd.deadline + 1) AT TIME ZONE
		    'Europe/Helsinki'
	    ORDER BY rd.id, usr.id)
	SELECT ((SELECT count(*) FROM reminder WHERE m IS NOT NULL) +
	    (SELECT count(*) FROM summary WHERE m IS NOT NULL))::integer
$$;

-- What the summary of round r says, in language l: which units
-- answered and which did not.
CREATE OR REPLACE FUNCTION round_mail_summary(r bigint, l text)
RETURNS jsonb
LANGUAGE sql STABLE AS $$
	SELECT jsonb_build_object('round', rd.title,
	    'deadline', rd.deadline::text, 'path', '/b/rounds/' || r,
	    'answered', coalesce((SELECT jsonb_agg(unit_name_in(ru.unit_id, l)
		ORDER BY ru.unit_name) FROM round_units(r) ru
		WHERE ru.has_answered), '[]'),
	    'missing', coalesce((SELECT jsonb_agg(unit_name_in(ru.unit_id, l)
		ORDER BY ru.unit_name) FROM round_units(r) ru
		WHERE NOT ru.has_answered), '[]'),
	    'answered_count', (SELECT count(*) FROM round_units(r) ru
		WHERE ru.has_answered)::text,
	    'missing_count', (SELECT count(*) FROM round_units(r) ru
		WHERE NOT ru.has_answered)::text)
	FROM round rd WHERE rd.id = r
$$;

-- The weekly digest of editor u in language l: the actions of the
-- user's units that are overdue, not updated for the stale days, or due
-- soon (attention.sql), each a line, with their counts.
CREATE OR REPLACE FUNCTION digest_mail_params(u bigint, l text)
RETURNS jsonb
LANGUAGE sql STABLE AS $$
	WITH x AS (
		SELECT a.id, a.schedule_end, a.updated_at,
		    action_attention(a.schedule_end, a.updated_at, s.is_final,
			st.stale_days, st.due_soon_days,
			milestones => a.milestones) AS g
		FROM action a CROSS JOIN setting st
		LEFT JOIN status s ON s.id = a.status_id
		WHERE a.deleted_at IS NULL AND EXISTS (SELECT 1
		    FROM action_unit au WHERE au.action_id = a.id
		    AND au.unit_id IN (SELECT user_units(u)))
	)
	SELECT jsonb_build_object('path', '/b',
	    'overdue', coalesce((SELECT jsonb_agg(action_mail_line(id, l)
		ORDER BY schedule_end, id) FROM x WHERE g = 0), '[]'),
	    'stale', coalesce((SELECT jsonb_agg(action_mail_line(id, l)
		ORDER BY updated_at, id) FROM x WHERE g = 1), '[]'),
	    'due_soon', coalesce((SELECT jsonb_agg(action_mail_line(id, l)
		ORDER BY schedule_end, id) FROM x WHERE g = 2), '[]'),
	    'overdue_count', (SELECT count(*) FROM x WHERE g = 0)::text,
	    'stale_count', (SELECT count(*) FROM x WHERE g = 1)::text,
	    'due_soon_count', (SELECT count(*) FROM x WHERE g = 2)::text,
	    'days', (SELECT stale_days FROM setting)::text,
	    'soon', (SELECT due_soon_days FROM setting)::text)
$$;

-- The weekly digests, once a week from Monday 7.00 (the county's time;
-- at, for the tests): one to each active editor who has not turned it
-- off and has an action that needs attention. The week is marked in
-- mail_calendar, so that the rest of the week costs nothing. Returns how
-- many were queued.
CREATE OR REPLACE FUNCTION digest_mail_due(at timestamp DEFAULT
    (now() AT TIME ZONE 'Europe/Helsinki')) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	week	text := to_char(at, 'IYYY-IW');
	n	integer := 0;
	x	record;
	p	jsonb;
BEGIN
	IF extract(isodow FROM at) = 1 AND extract(hour FROM at) < 7 THEN
		RETURN 0;
	END IF;
	UPDATE mail_calendar SET digest_week = week WHERE digest_week <> week;
	IF NOT FOUND THEN
		RETURN 0;
	END IF;
	FOR x IN SELECT id, email, lang FROM app_user
	    WHERE role = 'editor' AND NOT disabled AND weekly_digest
	    ORDER BY id LOOP
		p := digest_mail_params(x.id, x.lang);
		CONTINUE WHEN p->>'overdue_count' = '0' AND
		    p->>'stale_count' = '0' AND p->>'due_soon_count' = '0';
		IF mail_queue(x.email, x.lang, 'weekly_digest', p, NULL,
		    format('digest:%s:%s', week, x.id)) IS NOT NULL THEN
			n := n + 1;
		END IF;
	END LOOP;
	RETURN n;
END $$;

-- A user turns their weekly digest on or off.
CREATE OR REPLACE FUNCTION user_digest_set(u bigint, on_ boolean, ip text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text;
BEGIN
	UPDATE app_user SET weekly_digest = on_ WHERE id = u AND NOT disabled
	RETURNING email INTO who;
	IF who IS NULL THEN
		RAISE EXCEPTION 'no user %', u USING ERRCODE = '42501';
	END IF;
	PERFORM audit_record(u, who, ip, 'user.digest', 'user/' || u,
	    jsonb_build_object('on', on_));
END $$;
