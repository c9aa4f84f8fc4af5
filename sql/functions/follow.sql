-- Residents who follow a process, an action or a unit by e-mail
-- (migrations/0015): asking to follow mails a confirmation link
-- (double opt-in); confirmed subscriptions get the public changes at
-- once or once a day (follow_mail_due, run by the mail sender), each
-- mail with a link to manage them and a one-click unsubscribe (RFC
-- 8058). Tokens are made here and kept only as their SHA-256; the
-- token itself is in the outbox until its mail is sent.

-- A new random token: 32 bytes (two version 4 UUIDs, 244 random bits)
-- as unpadded base64url, 43 characters.
CREATE OR REPLACE FUNCTION follow_token_new() RETURNS text
LANGUAGE sql VOLATILE AS $$
	SELECT translate(rtrim(encode(decode(replace(gen_random_uuid()::text,
	    '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'),
	    'base64'), '='), '+/', '-_')
$$;

-- A token of subscriber s for purpose, valid for days; the token.
CREATE OR REPLACE FUNCTION follow_token_issue(s bigint, p_purpose text,
    days integer) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	t	text := follow_token_new();
BEGIN
	INSERT INTO subscriber_token (token_hash, subscriber_id, purpose,
	    expires_at)
	VALUES (sha256(convert_to(t, 'UTF8')), s, p_purpose,
	    now() + make_interval(days => days));
	RETURN t;
END $$;

-- The subscriber of a live token of purpose (hash in hex), or NULL.
CREATE OR REPLACE FUNCTION follow_token_subscriber(token_hash_hex text,
    p_purpose text) RETURNS bigint
LANGUAGE sql STABLE AS $$
	SELECT subscriber_id FROM subscriber_token
	WHERE token_hash = decode(token_hash_hex, 'hex')
	    AND purpose = p_purpose AND used_at IS NULL AND expires_at > now()
$$;

-- The same, or P0002 when the link is unknown, used or expired.
CREATE OR REPLACE FUNCTION follow_token_live(token_hash_hex text,
    p_purpose text) RETURNS bigint
LANGUAGE plpgsql STABLE AS $$
DECLARE
	s	bigint := follow_token_subscriber(token_hash_hex, p_purpose);
BEGIN
	IF s IS NULL THEN
		RAISE EXCEPTION 'no such link' USING ERRCODE = 'P0002';
	END IF;
	RETURN s;
END $$;

-- What subscription x follows, in language l, as a line.
CREATE OR REPLACE FUNCTION follow_target(x subscription, l text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN x.process_id IS NOT NULL THEN (SELECT in_lang(l,
	    title, title_sv, title_en) FROM process WHERE id = x.process_id)
	    WHEN x.unit_id IS NOT NULL THEN unit_name_in(x.unit_id, l)
	    ELSE action_mail_line(x.action_id, l) END
$$;

-- What a follow form names: p_kind 'process' (p_key a slug), 'action'
-- or 'unit' (p_key an id), when it can be followed (a published process, a
-- live action of one, a unit with such actions): its id and its title
-- in language l. No row when there is nothing to follow.
CREATE OR REPLACE FUNCTION follow_find(p_kind text, p_key text, l text)
RETURNS TABLE (id bigint, title text)
LANGUAGE sql STABLE AS $$
	WITH k AS (SELECT CASE WHEN p_key ~ '^[0-9]{1,18}$' THEN
	    p_key::bigint END AS n)
	SELECT p.id, in_lang(l, p.title, p.title_sv, p.title_en)
	FROM process p
	WHERE p_kind = 'process' AND p.slug = p_key AND p.published
	UNION ALL
	SELECT a.id, action_mail_line(a.id, l) FROM k, action a
	JOIN process p ON p.id = a.process_id AND p.published
	WHERE p_kind = 'action' AND a.id = k.n AND a.deleted_at IS NULL
	UNION ALL
	SELECT u.id, unit_name_in(u.id, l) FROM k, unit u
	WHERE p_kind = 'unit' AND u.id = k.n AND unit_is_public(u.id)
$$;

-- A resident asks to follow what follow_find(p_kind, p_key) names. A
-- confirmation link is mailed unless the address already follows it
-- (the caller answers the same either way); 'limit' when the address
-- (3 an hour) or the client (10 an hour) asked too often, P0002 when
-- there is nothing to follow.
CREATE OR REPLACE FUNCTION follow_add(p_email text, p_lang text,
    p_kind text, p_key text, ip text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	s	bigint;
	t	bigint := (SELECT f.id FROM follow_find(p_kind, p_key, p_lang) f);
	x	subscription;
BEGIN
	IF t IS NULL THEN
		RAISE EXCEPTION 'nothing to follow' USING ERRCODE = 'P0002';
	END IF;
	PERFORM pg_advisory_xact_lock(727020, hashtext(p_email));
	PERFORM pg_advisory_xact_lock(727021, hashtext(ip));
	DELETE FROM follow_request WHERE at < now() - interval '1 day';
	IF (SELECT count(*) FROM follow_request WHERE email = p_email AND
	    at > now() - interval '1 hour') >= 3 OR (SELECT count(*) FROM
	    follow_request r WHERE r.ip = follow_add.ip AND
	    at > now() - interval '1 hour') >= 10 THEN
		RETURN 'limit';
	END IF;
	INSERT INTO follow_request (email, ip) VALUES (p_email, ip);
	INSERT INTO subscriber (email, lang) VALUES (p_email, p_lang)
	ON CONFLICT (email) DO UPDATE SET email = excluded.email
	RETURNING id INTO s;
	INSERT INTO subscription (subscriber_id, process_id, action_id,
	    unit_id)
	VALUES (s, CASE p_kind WHEN 'process' THEN t END,
	    CASE p_kind WHEN 'action' THEN t END,
	    CASE p_kind WHEN 'unit' THEN t END)
	ON CONFLICT (subscriber_id, process_id, action_id, unit_id) DO NOTHING;
	SELECT * INTO x FROM subscription WHERE subscriber_id = s AND
	    t = CASE p_kind WHEN 'process' THEN process_id
	    WHEN 'action' THEN action_id ELSE unit_id END;
	IF x.confirmed_at IS NULL THEN
		PERFORM mail_queue(p_email, p_lang, 'follow_confirm',
		    jsonb_build_object('title', follow_target(x, p_lang),
			'path', '/follow/confirm/'),
		    follow_token_issue(s, 'confirm', 7));
	END IF;
	RETURN 'sent';
END $$;

-- The confirmation link (hash in hex) is used: the subscriber's
-- waiting subscriptions are confirmed, and changes count from now.
-- Returns a token of the manage page; P0002 when the link is unknown,
-- used or expired.
CREATE OR REPLACE FUNCTION follow_confirm(token_hash_hex text)
RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	s	bigint := follow_token_live(token_hash_hex, 'confirm');
BEGIN
	UPDATE subscriber_token SET used_at = now()
	 WHERE token_hash = decode(token_hash_hex, 'hex');
	UPDATE subscription SET confirmed_at = now()
	 WHERE subscriber_id = s AND confirmed_at IS NULL;
	UPDATE subscriber SET last_history = greatest(last_history,
	    coalesce((SELECT max(id) FROM history), 0))
	 WHERE id = s AND last_history = 0;
	RETURN follow_token_issue(s, 'manage', 90);
END $$;

-- A change on the manage page of the token (hash in hex): op 'digest'
-- (arg 'immediate' or 'daily'), 'remove' (arg a subscription's id) or
-- 'stop' (everything goes, the address too). P0002 when the link is
-- unknown or expired, 22023 for another op.
CREATE OR REPLACE FUNCTION follow_manage(token_hash_hex text, op text,
    arg text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	s	bigint := follow_token_live(token_hash_hex, 'manage');
BEGIN
	IF op = 'digest' AND arg IN ('immediate', 'daily') THEN
		UPDATE subscriber SET digest = arg WHERE id = s;
	ELSIF op = 'remove' AND arg ~ '^[0-9]{1,18}$' THEN
		DELETE FROM subscription WHERE id = arg::bigint AND
		    subscriber_id = s;
		DELETE FROM subscriber WHERE id = s AND NOT EXISTS (SELECT 1
		    FROM subscription WHERE subscriber_id = s);
	ELSIF op = 'stop' THEN
		DELETE FROM subscriber WHERE id = s;
	ELSE
		RAISE EXCEPTION 'no such change' USING ERRCODE = '22023';
	END IF;
END $$;

-- The public changes since history row since that subscriber s
-- follows, in its language: one item per changed field (the action as
-- a line, its page, the field and its values, a status as its label).
CREATE OR REPLACE FUNCTION follow_changes(s bigint, since bigint)
RETURNS TABLE (history_id bigint, item jsonb)
LANGUAGE sql STABLE AS $$
	SELECT h.id, jsonb_build_object('action',
	    action_mail_line(a.id, sb.lang),
	    'path', '/p/' || p.slug || '/a/' || a.id, 'field', f.field,
	    'before', CASE WHEN f.field = 'status' THEN coalesce((SELECT
		in_lang(sb.lang, label_fi, label_sv, label_en) FROM status
		WHERE id::text = f.before), '') ELSE coalesce(f.before, '') END,
	    'after', CASE WHEN f.field = 'status' THEN coalesce((SELECT
		in_lang(sb.lang, label_fi, label_sv, label_en) FROM status
		WHERE id::text = f.after), '') ELSE coalesce(f.after, '') END)
	FROM subscriber sb
	JOIN history h ON h.table_name = 'action' AND h.id > since
	    AND h.operation IN ('INSERT', 'UPDATE')
	    AND action_change_public(h.before, h.after)
	JOIN action a ON a.id = h.row_id
	JOIN process p ON p.id = a.process_id AND p.published
	CROSS JOIN LATERAL action_public_changes(h.before, h.after, sb.lang,
	    in_lang(sb.lang, 'Jatkuvaa', 'Fortlöpande', 'Continuous')) f
	WHERE sb.id = s AND EXISTS (SELECT 1 FROM subscription x
	    WHERE x.subscriber_id = s AND x.confirmed_at IS NOT NULL
	    AND (x.process_id = a.process_id OR x.action_id = a.id OR
	    x.unit_id IN (SELECT au.unit_id FROM action_unit au
		WHERE au.action_id = a.id)))
	ORDER BY h.id, f.n
	LIMIT 200
$$;

-- The changes mail of each confirmed subscriber that has changes: at
-- once (every run), or once a day from 7.00 (the county's time; at, for
-- the tests). Each mail has a new manage link. Returns how many were
-- queued.
CREATE OR REPLACE FUNCTION follow_mail_due(at timestamp DEFAULT
    (now() AT TIME ZONE 'Europe/Helsinki')) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	n	integer := 0;
	x	record;
	items	jsonb;
	upto	bigint;
BEGIN
	FOR x IN SELECT sb.* FROM subscriber sb
	    WHERE EXISTS (SELECT 1 FROM subscription s WHERE
		s.subscriber_id = sb.id AND s.confirmed_at IS NOT NULL)
		AND (sb.digest = 'immediate' OR (extract(hour FROM at) >= 7
		AND (sb.last_sent_at IS NULL OR (sb.last_sent_at AT TIME ZONE
		'Europe/Helsinki')::date < at::date)))
	    ORDER BY sb.id FOR UPDATE OF sb SKIP LOCKED LOOP
		SELECT jsonb_agg(c.item ORDER BY c.history_id), max(c.history_id)
		  INTO items, upto FROM follow_changes(x.id, x.last_history) c;
		CONTINUE WHEN upto IS NULL;
		PERFORM mail_queue(x.email, x.lang, 'follow_changes',
		    jsonb_build_object('path', '/follow/manage/',
			'changes', items, 'daily', CASE x.digest WHEN 'daily'
			THEN '1' ELSE '' END),
		    follow_token_issue(x.id, 'manage', 90));
		UPDATE subscriber SET last_history = upto,
		    last_sent_at = at AT TIME ZONE 'Europe/Helsinki'
		 WHERE id = x.id;
		n := n + 1;
	END LOOP;
	RETURN n;
END $$;
