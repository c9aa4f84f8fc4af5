-- Test helpers for the SQL tests: each prints one TAP line.
CREATE TEMPORARY SEQUENCE t_n;

CREATE FUNCTION pg_temp.ok(cond boolean, what text) RETURNS text
LANGUAGE sql AS $$
	SELECT CASE WHEN coalesce(cond, false) THEN 'ok ' ELSE 'not ok ' END
	    || nextval('t_n') || ' - ' || what
$$;

-- Runs stmt in a savepoint and expects it to fail with sqlstate.
CREATE FUNCTION pg_temp.throws(stmt text, state text, what text)
RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	BEGIN
		EXECUTE stmt;
	EXCEPTION WHEN others THEN
		IF SQLSTATE = state THEN
			RETURN pg_temp.ok(true, what);
		END IF;
		RETURN pg_temp.ok(false, what || ' (got ' || SQLSTATE || ': '
		    || SQLERRM || ')');
	END;
	RETURN pg_temp.ok(false, what || ' (no error)');
END $$;
