-- Gives a database made before the owner and server roles existed to
-- toteuma_owner: the database, and every table, sequence, view and
-- function of the application in it (not the extensions' own).
ALTER DATABASE toteuma OWNER TO toteuma_owner;
DO $$
DECLARE
	o	record;
BEGIN
	FOR o IN
		SELECT c.oid::regclass AS name, c.relkind
		  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p')
		   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid
		       AND d.deptype = 'e')
	LOOP
		EXECUTE format('ALTER TABLE %s OWNER TO toteuma_owner', o.name);
	END LOOP;
	FOR o IN
		SELECT p.oid::regprocedure AS name
		  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		 WHERE n.nspname = 'public'
		   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid
		       AND d.deptype = 'e')
	LOOP
		EXECUTE format('ALTER ROUTINE %s OWNER TO toteuma_owner', o.name);
	END LOOP;
	EXECUTE 'ALTER TABLE IF EXISTS schema_migrations OWNER TO toteuma_owner';
END;
$$;
