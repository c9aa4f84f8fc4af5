#!/bin/sh
# The schema a fresh "toteumactl migrate" makes is the one checked in as
# sql/schema.dump (tools/schema-dump.sh writes it): a change to the
# tables or functions shows in review as a change of that file.
set -u
out=var/test-out/schema.sql
if ! tools/schema-dump.sh "$TOTEUMA_SQL_DATABASE" >"$out"; then
	echo "not ok 1 - the schema could not be dumped"
	exit 0
fi
if diff -u sql/schema.dump "$out" >var/test-out/schema.diff; then
	echo "ok 1 - the migrated database matches sql/schema.dump ($(wc -l <"$out") lines)"
else
	echo "not ok 1 - the migrated database differs from sql/schema.dump" \
	    "(tools/schema-dump.sh writes it anew):"
	head -40 var/test-out/schema.diff
fi

# Each trigger is defined once, in sql/functions/triggers.sql; one that
# only a migration creates would never change again. Without any
# trigger, that file alone must make them all again, the same.
triggers="SELECT string_agg(pg_get_triggerdef(oid), E'\\n' ORDER BY tgname)
    FROM pg_trigger WHERE NOT tgisinternal"
before=$(psql -X -At "$TOTEUMA_SQL_DATABASE" -c "$triggers")
after=$(psql -X -q -At -v ON_ERROR_STOP=1 "$TOTEUMA_SQL_DATABASE" <<SQL 2>&1
BEGIN;
DO \$\$
DECLARE r record;
BEGIN
	FOR r IN SELECT tgname, tgrelid::regclass AS tbl FROM pg_trigger
	    WHERE NOT tgisinternal LOOP
		EXECUTE format('DROP TRIGGER %I ON %s', r.tgname, r.tbl);
	END LOOP;
END \$\$;
\\i sql/functions/triggers.sql
$triggers;
ROLLBACK;
SQL
)
if [ -n "$before" ] && [ "$before" = "$after" ]; then
	echo "ok 2 - sql/functions/triggers.sql alone makes every trigger" \
	    "($(echo "$before" | wc -l))"
else
	echo "not ok 2 - the triggers that sql/functions/triggers.sql makes" \
	    "differ from the database's:"
	echo "$before" >var/test-out/triggers.before
	echo "$after" >var/test-out/triggers.after
	diff var/test-out/triggers.before var/test-out/triggers.after |
	    head -20
fi

# A database that applied migrations in their former text is taken by
# migrate and ends with the same schema: the first ones with their
# functions, before those moved to sql/functions (f10b233), and 0006,
# 0021 and 0025 with the feeds' function and indexes, before those moved
# to 0035 (be30cb5). The former text is read from the repository's
# history and applied as migrate applied it then.
former_schema() {
	n=$1 former=$2
	if ! git cat-file -e "$former" 2>/dev/null; then
		echo "ok $n # SKIP the history of the migrations is not in this clone"
		return
	fi
	fowner=$(echo "$TOTEUMA_DATABASE" | sed 's/dbname=[a-z_]*/dbname=toteuma_former/')
	psql -X -q "$TOTEUMA_SUPER_DATABASE" -c "DROP DATABASE IF EXISTS toteuma_former" \
	    -c "CREATE DATABASE toteuma_former OWNER toteuma_owner" >/dev/null 2>&1
	psql -X -q "$fowner" -c "CREATE TABLE schema_migrations (version integer
	    PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
	    applied_at timestamptz NOT NULL DEFAULT now())" >/dev/null
	ok=1
	for f in $(git ls-tree --name-only "$former" migrations/); do
		name=$(basename "$f")
		git show "$former:$f" >var/test-out/former.sql
		sum=$(sha256sum var/test-out/former.sql | cut -c1-64)
		psql -X -q -v ON_ERROR_STOP=1 -1 "$fowner" -f var/test-out/former.sql \
		    >/dev/null 2>&1 || ok=0
		psql -X -q "$fowner" -c "INSERT INTO schema_migrations VALUES
		    (${name%%_*}, '$name', '$sum')" >/dev/null || ok=0
	done
	if [ $ok = 1 ] && TOTEUMA_DATABASE=$fowner ./toteumactl migrate \
	    >var/test-out/former.out 2>&1 &&
	    tools/schema-dump.sh "$fowner" >var/test-out/former.dump &&
	    diff -u sql/schema.dump var/test-out/former.dump >var/test-out/former.diff
	then
		echo "ok $n - a database migrated by the former text of the" \
		    "migrations ($former) is taken and has the same schema"
	else
		echo "not ok $n - a database migrated by the former migrations" \
		    "($former) was not taken, or its schema differs:"
		cat var/test-out/former.out
		head -30 var/test-out/former.diff 2>/dev/null
	fi
	psql -X -q "$TOTEUMA_SUPER_DATABASE" -c "DROP DATABASE IF EXISTS toteuma_former" \
	    >/dev/null 2>&1
}
former_schema 3 f10b233
former_schema 4 be30cb5
