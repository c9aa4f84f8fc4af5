-- The data version and the history of every change: the triggers' functions;
-- and in_lang(), which every text shown in the reader's language goes
-- through. Defined once here; "toteumactl migrate" re-applies every file of
-- sql/functions after the migrations, so this is the current text.

-- The data version of the current transaction: the first call of a
-- changing transaction moves it on by one, later ones return the same.
CREATE OR REPLACE FUNCTION data_version_next() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	mark	text := current_setting('toteuma.version_bumped', true);
	tx	text := txid_current()::text;
	v	bigint;
BEGIN
	IF split_part(mark, ':', 1) = tx THEN
		RETURN split_part(mark, ':', 2)::bigint;
	END IF;
	UPDATE data_version SET version = version + 1,
	    changed_at = date_trunc('second', now())
	RETURNING version INTO v;
	PERFORM set_config('toteuma.version_bumped', tx || ':' || v, true);
	RETURN v;
END $$;

-- A statement's trigger: the data changed. With the argument 'meta',
-- what every page shows changed (statuses, units, the site, settings,
-- rounds), so every process's pages are stale.
CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v	bigint := data_version_next();
BEGIN
	IF TG_NARGS > 0 AND TG_ARGV[0] = 'meta' THEN
		UPDATE data_version SET meta_version = v,
		    meta_changed_at = changed_at
		WHERE meta_version <> v;
	END IF;
	RETURN NULL;
END $$;

-- A statement's trigger with its transition tables (new_rows, old_rows):
-- the processes whose rows it changed take this transaction's version,
-- each once a transaction (toteuma.pversion: "txid:id,id,..."), so that
-- an import of thousands of rows writes process_version once. Static
-- statements: PL/pgSQL plans them once per table.
CREATE OR REPLACE FUNCTION process_version_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	v	bigint := data_version_next();
	tx	text := txid_current()::text;
	mark	text := coalesce(current_setting('toteuma.pversion', true), '');
	ids	bigint[];
BEGIN
	IF TG_TABLE_NAME = 'process' THEN
		IF TG_OP = 'DELETE' THEN
			SELECT array_agg(id) INTO ids FROM old_rows;
		ELSE
			SELECT array_agg(id) INTO ids FROM new_rows;
		END IF;
	ELSIF TG_TABLE_NAME IN ('recommendation', 'action', 'snapshot',
	    'verdict') THEN
		IF TG_OP = 'INSERT' THEN
			SELECT array_agg(DISTINCT process_id) INTO ids
			FROM new_rows;
		ELSIF TG_OP = 'DELETE' THEN
			SELECT array_agg(DISTINCT process_id) INTO ids
			FROM old_rows;
		ELSE
			SELECT array_agg(DISTINCT process_id) INTO ids FROM
			    (SELECT process_id FROM new_rows UNION
			    SELECT process_id FROM old_rows) t;
		END IF;
	ELSE
		-- Rows of an action: its process.
		IF TG_OP = 'INSERT' THEN
			SELECT array_agg(DISTINCT a.process_id) INTO ids
			FROM action a WHERE a.id IN (SELECT action_id FROM new_rows);
		ELSIF TG_OP = 'DELETE' THEN
			SELECT array_agg(DISTINCT a.process_id) INTO ids
			FROM action a WHERE a.id IN (SELECT action_id FROM old_rows);
		ELSE
			SELECT array_agg(DISTINCT a.process_id) INTO ids
			FROM action a WHERE a.id IN (SELECT action_id FROM new_rows
			    UNION SELECT action_id FROM old_rows);
		END IF;
	END IF;
	IF split_part(mark, ':', 1) = tx THEN
		ids := ARRAY(SELECT unnest(ids) EXCEPT SELECT unnest(
		    string_to_array(split_part(mark, ':', 2), ',')::bigint[]));
	ELSE
		mark := tx || ':';
	END IF;
	IF coalesce(cardinality(ids), 0) = 0 THEN
		RETURN NULL;
	END IF;
	INSERT INTO process_version (process_id, version, changed_at)
	SELECT id, v, date_trunc('second', now()) FROM unnest(ids) AS id
	ORDER BY id
	ON CONFLICT (process_id) DO UPDATE SET version = excluded.version,
	    changed_at = excluded.changed_at
	WHERE process_version.version <> excluded.version;
	PERFORM set_config('toteuma.pversion', mark ||
	    CASE WHEN split_part(mark, ':', 2) = '' THEN '' ELSE ',' END ||
	    array_to_string(ids, ','), true);
	RETURN NULL;
END $$;

-- Every server listens on the primary: the new version reaches them at
-- the commit, so a change shows at once rather than at the next poll.
-- The payload is the version, so that a server reading from a replica
-- knows which version to wait for.
CREATE OR REPLACE FUNCTION data_version_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('toteuma_data', NEW.version::text);
	RETURN NULL;
END $$;

-- A statement's changes of a public table, one history row for each
-- row it inserted, deleted or (really) changed, written in one INSERT
-- from the statement's transition tables (new_rows, old_rows): an import
-- of thousands of rows writes its history at once. The trigger's
-- arguments name the table's key columns, which pair an updated row's
-- old and new values; row_number() keeps the order the rows were
-- changed in. An admin's correction of a published value says so and
-- why (toteuma.correction, set by action_save() for its update only); an
-- update that waited for review names who approved it
-- (toteuma.approved_by, set by action_pending_approve()).
CREATE OR REPLACE FUNCTION history_record_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	actor	text := coalesce(nullif(current_setting('toteuma.actor',
	    true), ''), session_user);
	corr	text := nullif(current_setting('toteuma.correction', true), '');
	appr	text := nullif(current_setting('toteuma.approved_by', true), '');
	-- The row a history row is about: a link's action.
	id_key	text := CASE TG_TABLE_NAME
	    WHEN 'recommendation_action' THEN 'action_id'
	    WHEN 'action_unit' THEN 'action_id' ELSE 'id' END;
	k1	text := TG_ARGV[0];
	k2	text := TG_ARGV[1];
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO history (table_name, row_id, operation, actor,
		    before, after, correction, approved_by)
		SELECT TG_TABLE_NAME, (t.d ->> id_key)::bigint, TG_OP, actor,
		    NULL, t.d, corr, appr
		FROM (SELECT to_jsonb(n) - 'lexemes' AS d,
		    row_number() OVER () AS i FROM new_rows n) t
		ORDER BY t.i;
	ELSIF TG_OP = 'DELETE' THEN
		INSERT INTO history (table_name, row_id, operation, actor,
		    before, after, correction, approved_by)
		SELECT TG_TABLE_NAME, (t.d ->> id_key)::bigint, TG_OP, actor,
		    t.d, NULL, corr, appr
		FROM (SELECT to_jsonb(o) - 'lexemes' AS d,
		    row_number() OVER () AS i FROM old_rows o) t
		ORDER BY t.i;
	ELSE
		INSERT INTO history (table_name, row_id, operation, actor,
		    before, after, correction, approved_by)
		SELECT TG_TABLE_NAME, (nw.d ->> id_key)::bigint, TG_OP, actor,
		    od.d, nw.d, corr, appr
		FROM (SELECT to_jsonb(n) - 'lexemes' AS d,
		    row_number() OVER () AS i FROM new_rows n) nw
		JOIN (SELECT to_jsonb(o) - 'lexemes' AS d FROM old_rows o) od
		    ON od.d -> k1 = nw.d -> k1
		    AND (k2 IS NULL OR od.d -> k2 = nw.d -> k2)
		WHERE od.d <> nw.d
		ORDER BY nw.i;
	END IF;
	RETURN NULL;
END $$;

-- Today in Finland, whatever the session's time zone: the day that
-- deadlines and schedules are judged by (22:30 UTC is already the next
-- day in Helsinki).
CREATE OR REPLACE FUNCTION helsinki_today() RETURNS date
LANGUAGE sql STABLE AS $$
	SELECT (now() AT TIME ZONE 'Europe/Helsinki')::date
$$;

-- A text in language l ('fi', 'sv' or 'en') of its Finnish, Swedish and
-- English versions: the Finnish one where the translation is empty or
-- missing. A single expression, which the planner inlines.
CREATE OR REPLACE FUNCTION in_lang(l text, fi text, sv text, en text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT coalesce(nullif(CASE l WHEN 'sv' THEN sv WHEN 'en' THEN en END,
	    ''), fi)
$$;
