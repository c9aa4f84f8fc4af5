-- Least privilege for the server's database role, re-applied by every
-- "toteumactl migrate" (run as the owner role) after the migrations.
-- The role named by the setting toteuma.app_role may read the tables
-- and run the application's functions, nothing else: no INSERT, UPDATE,
-- DELETE or TRUNCATE on any table, no DDL. Every write goes through a
-- volatile function, which runs with its owner's rights (SECURITY
-- DEFINER) and a fixed search_path, and checks who may do what itself.
-- Stable and immutable ones only read: they keep the caller's rights,
-- so that PostgreSQL can still inline them into the queries.
DO $$
DECLARE
	app	text := current_setting('toteuma.app_role');
	f	record;
	-- Steps that only other functions take (they run as the owner):
	-- row locks the server itself has no reason to hold.
	internal text[] := ARRAY['action_lock', 'recommendation_lock',
	    'round_lock_open', 'search_format_upgrade', 'mail_queue',
	    'account_token_issue', 'round_mail_open', 'follow_token_issue',
	    'follow_token_new', 'action_pending_lock', 'action_pending_submit',
	    'totp_session_user', 'progress_refresh',
	    'process_rows_rebuild_audit',
	    -- An import, only as toteumactl (the owner) or import_confirm()
	    -- (an admin's confirmed upload) runs it.
	    'process_import', 'process_import_stage', 'process_import_finish',
	    'import_nodes', 'import_actions_stage', 'import_actions',
	    'import_action_units', 'import_trim'];
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app) THEN
		RAISE NOTICE 'role % does not exist: no privileges granted', app;
		RETURN;
	END IF;
	IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app
	    AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls)) THEN
		RAISE EXCEPTION 'role % must not be a superuser or create '
		    'roles or databases', app;
	END IF;
	IF app = current_user THEN
		RAISE EXCEPTION 'the server role % must not be the owner', app;
	END IF;
	EXECUTE format('REVOKE ALL ON SCHEMA public FROM PUBLIC');
	EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
	EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', app);
	EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I',
	    app);
	EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', app);
	-- The second factor's secrets and recovery codes: only through
	-- the functions of sql/functions/totp.sql.
	EXECUTE format('REVOKE SELECT ON user_totp, user_recovery_code '
	    'FROM %I', app);
	EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(),
	    app);
	-- The application's own functions (not an extension's).
	FOR f IN
		SELECT p.oid::regprocedure AS sig, p.provolatile
		  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		 WHERE n.nspname = 'public' AND p.prokind = 'f'
		   AND pg_get_userbyid(p.proowner) = current_user
		   AND NOT EXISTS (SELECT 1 FROM pg_depend d
		       WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
		         AND d.deptype = 'e')
	LOOP
		IF f.provolatile = 'v' THEN
			EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER '
			    'SET search_path = public, pg_temp', f.sig);
		END IF;
		EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f.sig);
		IF split_part(f.sig::text, '(', 1) = ANY (internal) THEN
			EXECUTE format('REVOKE ALL ON FUNCTION %s FROM %I',
			    f.sig, app);
		ELSE
			EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I',
			    f.sig, app);
		END IF;
	END LOOP;
END;
$$;
