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
