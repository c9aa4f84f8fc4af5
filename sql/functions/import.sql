-- The backend import's uploads.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- An uploaded table kept until it is confirmed (a day at most).
CREATE OR REPLACE FUNCTION import_upload_store(u bigint, p_slug text,
    p_title text, p_filename text, csv_hex text) RETURNS bigint
LANGUAGE sql AS $$
	DELETE FROM import_upload WHERE created_at < now() - interval '1 day';
	INSERT INTO import_upload (user_id, slug, title, filename, csv)
	VALUES (u, p_slug, p_title, p_filename, decode(csv_hex, 'hex'))
	RETURNING id;
$$;
