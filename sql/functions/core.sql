-- The data version and the history of every change: the triggers' functions.
-- Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF current_setting('toteuma.version_bumped', true) =
	    txid_current()::text THEN
		RETURN NULL;
	END IF;
	PERFORM set_config('toteuma.version_bumped', txid_current()::text,
	    true);
	UPDATE data_version SET version = version + 1,
	    changed_at = date_trunc('second', now());
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION history_record() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	old_doc	jsonb;
	new_doc	jsonb;
	actor	text := coalesce(nullif(current_setting('toteuma.actor',
	    true), ''), session_user);
BEGIN
	IF TG_OP <> 'INSERT' THEN
		old_doc := to_jsonb(OLD) - 'lexemes';
	END IF;
	IF TG_OP <> 'DELETE' THEN
		new_doc := to_jsonb(NEW) - 'lexemes';
	END IF;
	IF TG_OP = 'UPDATE' AND old_doc = new_doc THEN
		RETURN NULL;
	END IF;
	INSERT INTO history (table_name, row_id, operation, actor, before,
	    after)
	VALUES (TG_TABLE_NAME,
	    (coalesce(new_doc, old_doc) ->> CASE TG_TABLE_NAME
		WHEN 'recommendation_action' THEN 'action_id'
		WHEN 'action_unit' THEN 'action_id'
		ELSE 'id' END)::bigint,
	    TG_OP, actor, old_doc, new_doc);
	RETURN NULL;
END $$;

-- Today in Finland, whatever the session's time zone: the day that
-- deadlines and schedules are judged by (22:30 UTC is already the next
-- day in Helsinki).
CREATE OR REPLACE FUNCTION helsinki_today() RETURNS date
LANGUAGE sql STABLE AS $$
	SELECT (now() AT TIME ZONE 'Europe/Helsinki')::date
$$;
