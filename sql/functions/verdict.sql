-- The panel's verdict (migrations/0023): invitation links, rounds,
-- ratings, the public aggregate and the moderation of comments.
-- Tokens are made by the server (libsodium) and come here only as the
-- hex of their SHA-256; a token itself passes through the outbox only.

-- Fewer answers than this on a scale of a recommendation and its
-- distribution is not shown: with one or two, a member's neighbour
-- could tell how they rated.
CREATE OR REPLACE FUNCTION verdict_min_answers() RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT 3 $$;

-- The live link of a token (hash in hex), or NULL.
CREATE OR REPLACE FUNCTION verdict_link_of(token_hash_hex text)
RETURNS verdict_link
LANGUAGE sql STABLE AS $$
	SELECT * FROM verdict_link WHERE token_hash =
	    decode(token_hash_hex, 'hex') AND revoked_at IS NULL
$$;

-- The open round of process p (today in Finland at most its last day).
CREATE OR REPLACE FUNCTION verdict_round_open_of(p bigint)
RETURNS verdict_round
LANGUAGE sql STABLE AS $$
	SELECT * FROM verdict_round WHERE process_id = p
	    AND closed_at IS NULL AND closes_on >= helsinki_today()
$$;

-- An admin issues links for process p: doc {lang, links: [{hash,
-- token, email}]}, token and email only for a link to mail (one mail
-- per address; the address stays only in the outbox). Returns the new
-- links' numbers in order. P0002 for an unknown process, 22023 for a
-- document without links or with more than 200.
CREATE OR REPLACE FUNCTION verdict_links_issue(u bigint, p bigint,
    doc jsonb, ip text) RETURNS SETOF integer
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	l	jsonb;
	n	integer;
	t	text;
BEGIN
	IF NOT EXISTS (SELECT 1 FROM process WHERE id = p) THEN
		RAISE EXCEPTION 'no process %', p USING ERRCODE = 'P0002';
	END IF;
	IF jsonb_array_length(doc->'links') NOT BETWEEN 1 AND 200 THEN
		RAISE EXCEPTION 'from 1 to 200 links' USING ERRCODE = '22023';
	END IF;
	PERFORM pg_advisory_xact_lock(727030, p::integer);
	SELECT coalesce(max(number), 0) INTO n FROM verdict_link
	 WHERE process_id = p;
	SELECT title INTO t FROM process WHERE id = p;
	FOR l IN SELECT * FROM jsonb_array_elements(doc->'links') LOOP
		n := n + 1;
		INSERT INTO verdict_link (process_id, number, token_hash,
		    created_by)
		VALUES (p, n, decode(l->>'hash', 'hex'), u);
		IF coalesce(l->>'email', '') <> '' THEN
			PERFORM mail_queue(l->>'email', doc->>'lang',
			    'verdict_invite', jsonb_build_object('title', t,
			    'path', '/verdict/'), l->>'token');
		END IF;
		RETURN NEXT n;
	END LOOP;
	PERFORM audit_record(u, who, ip, 'verdict.links_issue',
	    'process/' || p, jsonb_build_object('links',
	    jsonb_array_length(doc->'links'), 'mailed',
	    (SELECT count(*) FROM jsonb_array_elements(doc->'links') x
	    WHERE coalesce(x->>'email', '') <> '')));
END $$;

-- An admin revokes link number n of process p: it stops working and
-- its ratings leave the aggregate. P0002 when there is no such live
-- link.
CREATE OR REPLACE FUNCTION verdict_link_revoke(u bigint, p bigint,
    n integer, ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	v_id	bigint;
BEGIN
	UPDATE verdict_link SET revoked_at = now(), revoked_by = u
	 WHERE process_id = p AND number = n AND revoked_at IS NULL
	RETURNING id INTO v_id;
	IF v_id IS NULL THEN
		RAISE EXCEPTION 'no live link % of process %', n, p
		    USING ERRCODE = 'P0002';
	END IF;
	-- The process's pages show the aggregate: their version moves.
	UPDATE verdict SET updated_at = updated_at WHERE link_id = v_id;
	PERFORM audit_record(u, who, ip, 'verdict.link_revoke',
	    'process/' || p, jsonb_build_object('number', n));
END $$;

-- An admin opens a verdict round of process p until closes_on (today
-- or later, at most a year ahead: TV003). TV004 when one is open.
CREATE OR REPLACE FUNCTION verdict_round_open(u bigint, p bigint,
    closes date, ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
BEGIN
	IF NOT EXISTS (SELECT 1 FROM process WHERE id = p) THEN
		RAISE EXCEPTION 'no process %', p USING ERRCODE = 'P0002';
	END IF;
	IF closes < helsinki_today() OR
	    closes > helsinki_today() + interval '1 year' THEN
		RAISE EXCEPTION 'the last day % is not within a year', closes
		    USING ERRCODE = 'TV003';
	END IF;
	-- A round whose last day has passed is closed by the next one.
	UPDATE verdict_round SET closed_at = now() WHERE process_id = p
	    AND closed_at IS NULL AND closes_on < helsinki_today();
	IF EXISTS (SELECT 1 FROM verdict_round WHERE process_id = p
	    AND closed_at IS NULL) THEN
		RAISE EXCEPTION 'a round is open' USING ERRCODE = 'TV004';
	END IF;
	INSERT INTO verdict_round (process_id, closes_on, opened_by)
	VALUES (p, closes, u);
	PERFORM audit_record(u, who, ip, 'verdict.round_open',
	    'process/' || p, jsonb_build_object('closes_on', closes));
END $$;

-- An admin closes the open verdict round of process p (P0002: none).
CREATE OR REPLACE FUNCTION verdict_round_close(u bigint, p bigint,
    ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
BEGIN
	UPDATE verdict_round SET closed_at = now(), closed_by = u
	 WHERE process_id = p AND closed_at IS NULL;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no open round' USING ERRCODE = 'P0002';
	END IF;
	PERFORM audit_record(u, who, ip, 'verdict.round_close',
	    'process/' || p, '{}');
END $$;

-- A panel member saves ratings with the link of token (hash in hex):
-- doc is an array of {rec, response, progress, comment} (a rating null
-- when not given). A recommendation left without rating and comment is
-- removed; the last save wins. P0002: the link is unknown or revoked;
-- TV001: no round is open; TV002: a recommendation is not one of the
-- link's process that can be answered; 23514: a rating outside 1-5 or
-- a comment over 1,000 characters. Nothing is saved on any of them.
CREATE OR REPLACE FUNCTION verdict_save(token_hash_hex text, doc jsonb)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	l	verdict_link := verdict_link_of(token_hash_hex);
	e	jsonb;
BEGIN
	IF l.id IS NULL THEN
		RAISE EXCEPTION 'no such link' USING ERRCODE = 'P0002';
	END IF;
	IF (verdict_round_open_of(l.process_id)).id IS NULL THEN
		RAISE EXCEPTION 'no open round' USING ERRCODE = 'TV001';
	END IF;
	PERFORM pg_advisory_xact_lock(727031, l.id::integer);
	FOR e IN SELECT * FROM jsonb_array_elements(doc) LOOP
		IF NOT EXISTS (SELECT 1 FROM recommendation r
		    WHERE r.id = (e->>'rec')::bigint
			AND r.process_id = l.process_id
			AND r.deleted_at IS NULL AND r.kind <> 'specification')
		THEN
			RAISE EXCEPTION 'recommendation % is not of process %',
			    e->>'rec', l.process_id USING ERRCODE = 'TV002';
		END IF;
		IF e->>'response' IS NULL AND e->>'progress' IS NULL AND
		    coalesce(e->>'comment', '') = '' THEN
			DELETE FROM verdict WHERE link_id = l.id
			    AND recommendation_id = (e->>'rec')::bigint;
			CONTINUE;
		END IF;
		INSERT INTO verdict (link_id, recommendation_id, process_id,
		    response, progress, comment)
		VALUES (l.id, (e->>'rec')::bigint, l.process_id,
		    (e->>'response')::smallint, (e->>'progress')::smallint,
		    coalesce(e->>'comment', ''))
		ON CONFLICT (link_id, recommendation_id) DO UPDATE SET
		    response = excluded.response,
		    progress = excluded.progress, comment = excluded.comment,
		    updated_at = now(),
		    seen_at = CASE WHEN verdict.comment = excluded.comment
			THEN verdict.seen_at END,
		    seen_by = CASE WHEN verdict.comment = excluded.comment
			THEN verdict.seen_by END,
		    hidden_at = CASE WHEN verdict.comment = excluded.comment
			THEN verdict.hidden_at END,
		    hidden_by = CASE WHEN verdict.comment = excluded.comment
			THEN verdict.hidden_by END,
		    hidden_reason = CASE WHEN verdict.comment =
			excluded.comment THEN verdict.hidden_reason ELSE '' END;
	END LOOP;
END $$;

-- The distribution of the live links' ratings per recommendation of
-- process p and scale ('response', 'progress'): n1..n5 and answers,
-- the distribution NULL (and shown) when fewer than
-- verdict_min_answers() have rated it; never which link rated what.
CREATE OR REPLACE FUNCTION verdict_aggregate(p bigint)
RETURNS TABLE (recommendation_id bigint, scale text, answers integer,
    shown boolean, n1 integer, n2 integer, n3 integer, n4 integer,
    n5 integer, mean numeric)
LANGUAGE sql STABLE AS $$
	SELECT v.recommendation_id, s.scale, count(s.value)::integer,
	    count(s.value) >= verdict_min_answers(),
	    CASE WHEN count(s.value) >= verdict_min_answers() THEN
		(count(*) FILTER (WHERE s.value = 1))::integer END,
	    CASE WHEN count(s.value) >= verdict_min_answers() THEN
		(count(*) FILTER (WHERE s.value = 2))::integer END,
	    CASE WHEN count(s.value) >= verdict_min_answers() THEN
		(count(*) FILTER (WHERE s.value = 3))::integer END,
	    CASE WHEN count(s.value) >= verdict_min_answers() THEN
		(count(*) FILTER (WHERE s.value = 4))::integer END,
	    CASE WHEN count(s.value) >= verdict_min_answers() THEN
		(count(*) FILTER (WHERE s.value = 5))::integer END,
	    CASE WHEN count(s.value) >= verdict_min_answers() THEN
		round(avg(s.value), 1) END
	FROM verdict v
	JOIN verdict_link l ON l.id = v.link_id AND l.revoked_at IS NULL
	CROSS JOIN LATERAL (VALUES ('response', v.response),
	    ('progress', v.progress)) s(scale, value)
	WHERE v.process_id = p AND s.value IS NOT NULL
	GROUP BY v.recommendation_id, s.scale
$$;

-- The panel's verdict of process p as a whole, per scale: the sum of
-- the distributions that verdict_aggregate() shows (recommendations with
-- at least verdict_min_answers() answers; the others are left out, so
-- that nothing hidden there shows here), how many recommendations they
-- are, their answers and the mean of all those ratings. No row for a
-- scale without such a recommendation.
CREATE OR REPLACE FUNCTION verdict_process_summary(p bigint)
RETURNS TABLE (scale text, recommendations integer, answers integer,
    n1 integer, n2 integer, n3 integer, n4 integer, n5 integer,
    mean numeric)
LANGUAGE sql STABLE AS $$
	SELECT a.scale, count(*)::integer, sum(a.answers)::integer,
	    sum(a.n1)::integer, sum(a.n2)::integer, sum(a.n3)::integer,
	    sum(a.n4)::integer, sum(a.n5)::integer,
	    round((sum(a.n1) + 2 * sum(a.n2) + 3 * sum(a.n3) + 4 * sum(a.n4)
		+ 5 * sum(a.n5))::numeric / sum(a.answers), 1)
	FROM verdict_aggregate(p) a
	WHERE a.shown
	GROUP BY a.scale
$$;

-- The comments of process p that the public sees: seen by an admin,
-- not hidden, of a live link; no link, no time beyond the day.
CREATE OR REPLACE FUNCTION verdict_public_comments(p bigint)
RETURNS TABLE (recommendation_id bigint, comment text, day date)
LANGUAGE sql STABLE AS $$
	SELECT v.recommendation_id, v.comment,
	    (v.updated_at AT TIME ZONE 'Europe/Helsinki')::date
	FROM verdict v JOIN verdict_link l ON l.id = v.link_id
	    AND l.revoked_at IS NULL
	WHERE v.process_id = p AND v.comment <> '' AND v.seen_at IS NOT NULL
	    AND v.hidden_at IS NULL
	ORDER BY v.recommendation_id, v.updated_at
$$;

-- An admin moderates comment (verdict) c of process p: op 'seen'
-- makes it public, 'hide' hides it with reason (22023 without one),
-- 'show' shows a hidden one again. P0002 when there is no such comment.
CREATE OR REPLACE FUNCTION verdict_comment_review(u bigint, p bigint,
    c bigint, op text, reason text, ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
BEGIN
	IF op = 'hide' AND btrim(coalesce(reason, '')) = '' THEN
		RAISE EXCEPTION 'a reason is needed' USING ERRCODE = '22023';
	END IF;
	UPDATE verdict SET
	    seen_at = coalesce(seen_at, now()), seen_by = coalesce(seen_by, u),
	    hidden_at = CASE op WHEN 'hide' THEN now() END,
	    hidden_by = CASE op WHEN 'hide' THEN u END,
	    hidden_reason = CASE op WHEN 'hide' THEN btrim(reason) ELSE '' END
	 WHERE id = c AND process_id = p AND comment <> ''
	    AND op IN ('seen', 'hide', 'show');
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no comment %', c USING ERRCODE = 'P0002';
	END IF;
	PERFORM audit_record(u, who, ip, 'verdict.comment_' || op,
	    'verdict/' || c, CASE op WHEN 'hide' THEN
	    jsonb_build_object('reason', btrim(reason)) ELSE '{}' END);
END $$;

-- Recommendation r's verdict in process p for the API: per scale the
-- answers, and the counts of 1..5 and the mean only from
-- verdict_min_answers() answers on (null below); the public comments.
-- Null when nobody has rated it or commented on it.
CREATE OR REPLACE FUNCTION verdict_api(p bigint, r bigint) RETURNS json
LANGUAGE sql STABLE AS $$
	SELECT CASE WHEN EXISTS (SELECT 1 FROM verdict_aggregate(p) a
	    WHERE a.recommendation_id = r) OR EXISTS (SELECT 1 FROM
	    verdict_public_comments(p) c WHERE c.recommendation_id = r)
	THEN json_build_object(
	    'min_answers', verdict_min_answers(),
	    'response', (SELECT json_build_object('answers', a.answers,
		'distribution', CASE WHEN a.shown THEN json_build_array(a.n1,
		a.n2, a.n3, a.n4, a.n5) END, 'mean', a.mean)
		FROM verdict_aggregate(p) a WHERE a.recommendation_id = r
		AND a.scale = 'response'),
	    'progress', (SELECT json_build_object('answers', a.answers,
		'distribution', CASE WHEN a.shown THEN json_build_array(a.n1,
		a.n2, a.n3, a.n4, a.n5) END, 'mean', a.mean)
		FROM verdict_aggregate(p) a WHERE a.recommendation_id = r
		AND a.scale = 'progress'),
	    'comments', coalesce((SELECT json_agg(json_build_object('text',
		c.comment, 'date', c.day) ORDER BY c.day)
		FROM verdict_public_comments(p) c
		WHERE c.recommendation_id = r), '[]'))
	END
$$;
