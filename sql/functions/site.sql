-- The county's details, the statements' texts and logo, and feedback on
-- accessibility (tables in migrations/0008_site.sql).
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- A text in its three languages as the open data give it: the Finnish
-- always, a translation only where there is one (null where empty).
CREATE OR REPLACE FUNCTION texts_json(fi text, sv text, en text)
RETURNS json
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT json_build_object('fi', fi, 'sv', nullif(sv, ''),
	    'en', nullif(en, ''))
$$;

-- The county's name, contact details and the statement's facts by an
-- admin: doc has every column of site but id.
CREATE OR REPLACE FUNCTION site_save(u bigint, doc jsonb, ip text)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
BEGIN
	UPDATE site SET name = doc->>'name', name_sv = doc->>'name_sv',
	    name_en = doc->>'name_en', address = doc->>'address',
	    phone = doc->>'phone', email = doc->>'email',
	    website = doc->>'website', compliance = doc->>'compliance',
	    statement_date = (doc->>'statement_date')::date,
	    assessed_date = (doc->>'assessed_date')::date,
	    -- One origin per line: the form checked each.
	    embed_origins = ARRAY(SELECT o FROM regexp_split_to_table(
		coalesce(doc->>'embed_origins', ''), '\s+') o WHERE o <> '');
	PERFORM audit_record(u, who, ip, 'site.update', 'site', doc);
END $$;

-- A statement's texts by an admin: doc has fi, sv and en.
CREATE OR REPLACE FUNCTION site_text_save(u bigint, p_page text, doc jsonb,
    ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
	l	text;
BEGIN
	FOREACH l IN ARRAY ARRAY['fi', 'sv', 'en'] LOOP
		INSERT INTO site_text (page, lang, body)
		VALUES (p_page, l, coalesce(doc->>l, ''))
		ON CONFLICT (page, lang) DO UPDATE SET body = EXCLUDED.body
		WHERE site_text.body IS DISTINCT FROM EXCLUDED.body;
	END LOOP;
	PERFORM audit_record(u, who, ip, 'site_text.update',
	    'site_text/' || p_page, '{}');
END $$;

-- The logo by an admin: the image (base64) and its type, or NULL for
-- none.
CREATE OR REPLACE FUNCTION site_logo_save(u bigint, p_type text,
    p_data text, ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
BEGIN
	IF p_type IS NULL OR p_type = '' THEN
		DELETE FROM site_logo;
		PERFORM audit_record(u, who, ip, 'site.logo_remove', 'site',
		    '{}');
		RETURN;
	END IF;
	INSERT INTO site_logo (content_type, data)
	VALUES (p_type, decode(p_data, 'base64'))
	ON CONFLICT (id) DO UPDATE SET content_type = EXCLUDED.content_type,
	    data = EXCLUDED.data, updated_at = now();
	PERFORM audit_record(u, who, ip, 'site.logo', 'site',
	    jsonb_build_object('content_type', p_type,
	    'bytes', octet_length(decode(p_data, 'base64'))));
END $$;

-- Feedback on accessibility from anyone: 'ok', or 'limit' when this
-- address has sent five in the past hour or everyone a hundred (then
-- nothing is stored). Attempts are forgotten after a day.
CREATE OR REPLACE FUNCTION feedback_add(p_name text, p_email text,
    p_message text, p_lang text, p_ip text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(hashtext('feedback_add'));
	DELETE FROM feedback_attempt WHERE at < now() - interval '1 day';
	IF (SELECT count(*) FROM feedback_attempt WHERE ip = p_ip AND
	    at > now() - interval '1 hour') >= 5 OR
	    (SELECT count(*) FROM feedback_attempt WHERE
	    at > now() - interval '1 hour') >= 100 THEN
		RETURN 'limit';
	END IF;
	INSERT INTO feedback_attempt (ip) VALUES (p_ip);
	INSERT INTO accessibility_feedback (name, email, message, lang)
	VALUES (p_name, p_email, p_message, p_lang);
	RETURN 'ok';
END $$;

-- An admin marks feedback answered (or not); P0002 when there is none.
CREATE OR REPLACE FUNCTION feedback_answer(u bigint, f_id bigint,
    answered boolean, ip text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	who	text := admin_actor(u);
BEGIN
	UPDATE accessibility_feedback
	   SET answered_at = CASE WHEN answered THEN now() END,
	       answered_by = CASE WHEN answered THEN u END
	 WHERE id = f_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no feedback %', f_id USING ERRCODE = 'P0002';
	END IF;
	PERFORM audit_record(u, who, ip, CASE WHEN answered THEN
	    'feedback.answer' ELSE 'feedback.reopen' END,
	    'feedback/' || f_id, '{}');
END $$;
