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
# only a migration creates would never change again.
missing=$(psql -X -At "$TOTEUMA_SQL_DATABASE" -c "SELECT tgname FROM
    pg_trigger WHERE NOT tgisinternal ORDER BY 1" | while read -r t; do
	grep -q "^CREATE OR REPLACE TRIGGER $t\$" \
	    sql/functions/triggers.sql || echo "$t"
done)
if [ -z "$missing" ]; then
	echo "ok 2 - every trigger is defined in sql/functions/triggers.sql"
else
	echo "not ok 2 - triggers missing from sql/functions/triggers.sql:" \
	    $missing
fi
