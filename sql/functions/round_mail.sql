-- Reporting rounds by mail: when a round opens, each editor of each
-- unit asked gets one mail listing that unit's actions; units that have
-- not answered are reminded round_reminder_days (the settings) before
-- the deadline and on the day; the day after the deadline every admin
-- gets the round's summary. The opening mail is queued by round_open;
-- the rest by round_mail_due, which the mail sender runs at least once
-- a minute. Each mail names itself in mail_outbox.once_key, so that it
-- is queued once however often the check runs.

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
	SELECT CASE l WHEN 'sv' THEN coalesce(nullif(name_sv, ''), name)
	    WHEN 'en' THEN coalesce(nullif(name_en, ''), name) ELSE name END
	FROM unit WHERE id = un
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
	    'actions', coalesce((SELECT jsonb_agg(x.item ORDER BY x.ord,
		x.id) FROM (
		SELECT a.id, p.title AS ord, format('%s (%s)',
		    CASE WHEN length(t.body) > 160 THEN
			left(t.body, 159) || '…' ELSE t.body END,
		    CASE l WHEN 'sv' THEN coalesce(nullif(p.title_sv, ''),
			p.title) WHEN 'en' THEN coalesce(nullif(p.title_en,
			''), p.title) ELSE p.title END) AS item
		FROM round_process rp
		JOIN action a ON a.process_id = rp.process_id
		    AND a.deleted_at IS NULL
		JOIN action_unit au ON au.action_id = a.id
		    AND au.unit_id = un
		JOIN process p ON p.id = a.process_id
		CROSS JOIN LATERAL (SELECT regexp_replace(CASE l
		    WHEN 'sv' THEN coalesce(nullif(a.body_sv, ''), a.body)
		    WHEN 'en' THEN coalesce(nullif(a.body_en, ''), a.body)
		    ELSE a.body END, '\s+', ' ', 'g') AS body) t
		WHERE rp.round_id = r) x), '[]'))
	FROM round rd WHERE rd.id = r
$$;

-- The opening mail of round r to every editor of every unit asked.
-- Returns how many were queued.
CREATE OR REPLACE FUNCTION round_mail_open(r bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n	integer := 0;
	x	record;
BEGIN
	FOR x IN SELECT ru.unit_id, e.user_id, e.email, e.lang
	    FROM round_units(r) ru CROSS JOIN LATERAL unit_editors(ru.unit_id) e
	    ORDER BY ru.unit_id, e.user_id LOOP
		IF mail_queue(x.email, x.lang, 'round_open',
		    round_mail_params(r, x.unit_id, x.lang), NULL,
		    format('round:%s:open:%s:%s', r, x.unit_id, x.user_id))
		    IS NOT NULL THEN
			n := n + 1;
		END IF;
	END LOOP;
	RETURN n;
END $$;

-- The reminders and summaries due on day today (the county's day by
-- default): a reminder to each editor of each unit of an open round
-- that has not answered, round_reminder_days before the deadline (when
-- the round opened before that day) and on the day; the summary to each
-- admin in the week after the deadline. Returns how many were queued.
CREATE OR REPLACE FUNCTION round_mail_due(today date DEFAULT
    (now() AT TIME ZONE 'Europe/Helsinki')::date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	days	integer := (SELECT round_reminder_days FROM setting);
	n	integer := 0;
	x	record;
BEGIN
	FOR x IN SELECT rd.id AS r, ru.unit_id, e.user_id, e.email, e.lang,
	    CASE WHEN today = rd.deadline THEN 'day' ELSE 'before' END AS k
	    FROM round rd CROSS JOIN LATERAL round_units(rd.id) ru
	    CROSS JOIN LATERAL unit_editors(ru.unit_id) e
	    WHERE rd.closed_at IS NULL AND NOT ru.has_answered
		AND (today = rd.deadline OR (days > 0
		    AND today >= rd.deadline - days AND today < rd.deadline
		    AND (rd.opened_at AT TIME ZONE 'Europe/Helsinki')::date <
			rd.deadline - days))
	    ORDER BY rd.id, ru.unit_id, e.user_id LOOP
		IF mail_queue(x.email, x.lang, 'round_reminder',
		    round_mail_params(x.r, x.unit_id, x.lang) ||
		    jsonb_build_object('due_today', CASE x.k WHEN 'day' THEN
		    '1' ELSE '' END), NULL, format('round:%s:remind-%s:%s:%s',
		    x.r, x.k, x.unit_id, x.user_id)) IS NOT NULL THEN
			n := n + 1;
		END IF;
	END LOOP;
	FOR x IN SELECT rd.id AS r, usr.id AS user_id, usr.email, usr.lang
	    FROM round rd CROSS JOIN app_user usr
	    WHERE usr.role = 'admin' AND NOT usr.disabled
		AND today > rd.deadline AND today <= rd.deadline + 7
	    ORDER BY rd.id, usr.id LOOP
		IF mail_queue(x.email, x.lang, 'round_summary',
		    round_mail_summary(x.r, x.lang), NULL,
		    format('round:%s:summary:%s', x.r, x.user_id))
		    IS NOT NULL THEN
			n := n + 1;
		END IF;
	END LOOP;
	RETURN n;
END $$;

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
