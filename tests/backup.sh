#!/bin/sh
# Backups with PostgreSQL's own tools, as docs/operations.md describes
# them: a pg_dump of the test database in custom format, restored into a
# fresh cluster with pg_restore and migrated, must hold the same data:
# the same rows in every table, and every download of every process the
# same byte for byte from a server on each database.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. tests/lib.sh
port=${TOTEUMA_BACKUP_PORT:-8491}
out=var/test-out/backup
rm -rf "$out" && mkdir -p "$out"
cleanup() {
	scripts/server.sh stop backup >/dev/null 2>&1
	scripts/cluster.sh stop var/backup-pg >/dev/null 2>&1
	if [ -L var/backup-pg/data.link ]; then rm -rf "$(readlink var/backup-pg/data.link)"; fi
	rm -rf var/backup-pg
}
trap cleanup EXIT
cleanup

pg_dump --format=custom --file="$out/toteuma.dump" "$TOTEUMA_DATABASE"
ok $? "pg_dump writes the database in custom format ($(wc -c <"$out/toteuma.dump") bytes)"
owner=$(TOTEUMA_PG_FSYNC=off scripts/cluster.sh start var/backup-pg)
app=$(echo "$owner" | sed 's/user=toteuma_owner/user=toteuma_app/')
pg_restore --no-owner --role=toteuma_owner --exit-on-error \
    --dbname="$owner" "$out/toteuma.dump" >"$out/restore.log" 2>&1
ok $? "pg_restore brings it into a fresh cluster $(tail -2 "$out/restore.log")"
TOTEUMA_DATABASE=$owner ./toteumactl migrate >"$out/migrate.log" 2>&1 &&
    TOTEUMA_DATABASE=$app ./toteumactl check >>"$out/migrate.log" 2>&1
ok $? "migrate gives the server's role its rights back, and check is content: $(tail -1 "$out/migrate.log")"

fingerprint "$TOTEUMA_DATABASE" >"$out/rows.before"
fingerprint "$owner" >"$out/rows.after"
cmp -s "$out/rows.before" "$out/rows.after" &&
    [ "$(wc -l <"$out/rows.before")" -gt 10 ]
ok $? "every table has the same number of rows ($(wc -l <"$out/rows.before") tables, $(awk '{ s += $2 } END { print s }' "$out/rows.before") rows)"
psql -X -At "$TOTEUMA_DATABASE" -c "SELECT md5(string_agg(h::text, '' ORDER BY id)) FROM history h" >"$out/history.before"
psql -X -At "$owner" -c "SELECT md5(string_agg(h::text, '' ORDER BY id)) FROM history h" >"$out/history.after"
cmp -s "$out/history.before" "$out/history.after"
ok $? "the history is the same, row for row"

# The same public address as the first server: downloads name it.
TOTEUMA_BASE_URL=$TOTEUMA_URL TOTEUMA_DATABASE=$app TOTEUMA_WORKERS=1 \
    scripts/server.sh start backup "$port" \
    >"$out/server.log" 2>&1
ok $? "a server starts on the restored database"
same=0 total=0
for slug in $(psql -X -At "$TOTEUMA_DATABASE" -c "SELECT slug FROM process WHERE published ORDER BY slug"); do
	for f in csv json xlsx; do
		total=$((total + 1))
		curl -fsS -o "$out/a.$f" "$TOTEUMA_URL/p/$slug.$f?per=all" &&
		    curl -fsS -o "$out/b.$f" "http://127.0.0.1:$port/p/$slug.$f?per=all" &&
		    cmp -s "$out/a.$f" "$out/b.$f" && same=$((same + 1))
		[ $same = $total ] || echo "# differs: /p/$slug.$f"
	done
done
[ $total -gt 0 ] && [ $same = $total ]
ok $? "every download of every process is the same byte for byte ($same of $total)"
echo "1..$n"
