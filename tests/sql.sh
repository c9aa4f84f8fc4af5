#!/bin/sh
# Runs tests/sql/*.sql (except the harness) against TOTEUMA_SQL_DATABASE.
set -u
rc=0
for f in tests/sql/*.sql; do
	[ "$f" = tests/sql/harness.sql ] && continue
	echo "# $f"
	psql -X -q -At -v ON_ERROR_STOP=1 "$TOTEUMA_SQL_DATABASE" -f "$f" ||
	    { echo "not ok - $f stopped with an error"; rc=1; }
done
# The forms' limits, printed from the C definitions (tests/limits.c).
echo "# build/limits"
build/limits | psql -X -q -At -v ON_ERROR_STOP=1 "$TOTEUMA_SQL_DATABASE" ||
    { echo "not ok - the limits test stopped with an error"; rc=1; }
exit $rc
