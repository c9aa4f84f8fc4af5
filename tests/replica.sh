#!/bin/sh
# Several nodes, one data: a streaming replica of the test database made
# with pg_basebackup -R, two servers that write to the primary and read
# public pages from the replica (TOTEUMA_DATABASE_READ), and nginx with
# both as one upstream (a standby needs the primary's max_connections).
# tests/replica/*.test.mjs then saves through one
# node and watches the other, and stops the replica.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. tests/lib.sh
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
front=${TOTEUMA_REPLICA_PORT:-8580}
work=$(mktemp -d /var/tmp/toteuma-replica.XXXXXX)
chmod 755 "$work"
as_pg() {
	if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
cleanup() {
	scripts/server.sh stop nodea >/dev/null 2>&1
	scripts/server.sh stop nodeb >/dev/null 2>&1
	[ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
	as_pg "$pgbin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1
	rm -rf "$work"
}
[ -n "${TOTEUMA_KEEP:-}" ] || trap cleanup EXIT
[ "$(id -u)" = 0 ] && chown postgres "$work"

sock=$(echo "$TOTEUMA_SUPER_DATABASE" | sed 's/.*host=\([^ ]*\).*/\1/')
as_pg mkdir -p "$work/sock"
as_pg "$pgbin/pg_basebackup" -D "$work/data" -R -X stream -h "$sock" \
    -U postgres >"$work/basebackup.log" 2>&1
ok $? "pg_basebackup -R copies the primary"
as_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/data/server.log" -w \
    -o "-k $work/sock -c listen_addresses='' -c max_connections=200" start >/dev/null
replica="host=$work/sock dbname=toteuma user=toteuma_app sslmode=disable gssencmode=disable"
[ "$(psql -X -At "$replica" -c "SELECT pg_is_in_recovery()")" = t ]
ok $? "the replica runs as a hot standby"

for node in a:8581 b:8582; do
	TOTEUMA_DATABASE=$TOTEUMA_APP_DATABASE TOTEUMA_DATABASE_READ=$replica \
	    TOTEUMA_WORKERS=1 TOTEUMA_TRUSTED_PROXIES=127.0.0.1 \
	    TOTEUMA_BASE_URL=http://127.0.0.1:$front \
	    scripts/server.sh start "node${node%%:*}" "${node#*:}" \
	    >"$work/node.log" 2>&1 || { cat "$work/node.log"; false; } || break
done
ok $? "two servers start, each on the primary and the replica"
mkdir -p "$work/nginx"
cat >"$work/nginx/site.conf" <<NGINX
upstream toteuma { server 127.0.0.1:8581; server 127.0.0.1:8582; }
server {
	listen 127.0.0.1:$front;
	location / {
		proxy_pass http://toteuma;
		proxy_set_header Host \$host;
		proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
	}
}
NGINX
nginx_main "$work/nginx" "$work/nginx/site.conf"
nginx -c "$work/nginx/nginx.conf"
ok $? "nginx puts both behind one address"

if [ "$(id -u)" = 0 ]; then pg="cd / && runuser -u postgres --"; else pg=""; fi
TOTEUMA_REPLICA=$replica \
    TOTEUMA_REPLICA_STOP="$pg $pgbin/pg_ctl -D $work/data -m fast -w stop" \
    TOTEUMA_NODE_A=http://127.0.0.1:8581 TOTEUMA_NODE_B=http://127.0.0.1:8582 \
    TOTEUMA_METRICS_B=http://127.0.0.1:9582 TOTEUMA_FRONT=http://127.0.0.1:$front \
    node --test --test-reporter=tap tests/replica/replica.test.mjs >"$work/node.tap" 2>&1
rc=$?
grep 'seen on\|left after' "$work/node.tap" | sed 's/^[# \\]*/# /'
[ $rc = 0 ] || grep -B2 -A40 "^not ok" "$work/node.tap" | head -120 | sed 's/^/# /'
ok $rc "tests/replica/replica.test.mjs: $(grep '^# \(pass\|fail\)' "$work/node.tap" | tr '\n' ' ')"
echo "1..$n"
