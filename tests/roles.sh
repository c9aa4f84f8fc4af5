#!/bin/sh
# The server's database role (TOTEUMA_APP_DATABASE) may read and run the
# application's functions, nothing more; the running server uses it.
set -u
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
as_app() { psql -X -q -At -v ON_ERROR_STOP=1 "$TOTEUMA_APP_DATABASE" -c "$1" 2>&1; }

for stmt in "DROP TABLE action" "ALTER TABLE action ADD COLUMN x int" \
    "TRUNCATE login_attempt" "INSERT INTO audit_log (event) VALUES ('x')" \
    "UPDATE action SET status_note = 'x'" "DELETE FROM staff_session" \
    "UPDATE app_user SET role = 'admin'" "CREATE TABLE t (i int)" \
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'" \
    "ALTER FUNCTION audit_record(bigint, text, text, text, text, jsonb) SECURITY INVOKER" \
    "CREATE ROLE intruder" "SET ROLE toteuma_owner"; do
	if out=$(as_app "$stmt"); then
		nok "the server's role was allowed: $stmt"
	elif echo "$out" | grep -q 'permission denied\|must be owner\|must have'; then
		ok "the server's role may not: $stmt"
	else
		nok "$stmt failed for another reason: $out"
	fi
done
if [ "$(as_app "SELECT count(*) > 0 FROM action")" = t ]; then
	ok "the server's role reads the tables"
else
	nok "the server's role cannot read action"
fi
if out=$(as_app "SELECT session_close(repeat('0', 64))"); then
	ok "the server's role runs the application's functions"
else
	nok "session_close as the server's role: $out"
fi
if out=$(as_app "SELECT action_lock(1, 1)" 2>&1); then
	nok "the server's role may take the functions' own row locks"
elif echo "$out" | grep -q "permission denied"; then
	ok "the server's role may not take the functions' own row locks"
else
	nok "action_lock as the server's role: $out"
fi
if [ "$(as_app "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user")" = f ]; then
	ok "the server's role is no superuser and creates no roles or databases"
else
	nok "the server's role has too much"
fi
users=$(psql -X -At "$TOTEUMA_DATABASE" -c "SELECT string_agg(DISTINCT usename, ' ') FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
if [ "$users" = toteuma_app ]; then
	ok "the running server is connected as toteuma_app only"
else
	nok "the server's connections belong to: $users"
fi
