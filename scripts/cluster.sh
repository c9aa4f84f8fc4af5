#!/bin/sh
# A project-local PostgreSQL cluster listening only on a private socket.
# Usage: scripts/cluster.sh start|stop|status DIR
# "start" creates the cluster on first use and prints the libpq
# connection string of the database's owner role (toteuma_owner: runs
# migrations and toteumactl) on standard output. The server connects as
# toteuma_app instead (the same string with user=toteuma_app), a role
# that may only read and run the application's functions.
set -eu

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop|status DIR" >&2; exit 2; }

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pgbin/pg_ctl" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# PostgreSQL refuses to run as root: as root the cluster belongs to the
# "postgres" user. When that user cannot reach the project directory (a
# checkout under /root, say), the data lives in /var/tmp and DIR holds a
# link to it.
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		# From /: the postgres user may not enter the project directory.
		(cd / && runuser -u postgres -- "$@")
	else
		"$@"
	fi
}

data="$dir/data"
if [ -L "$data.link" ]; then
	data=$(readlink "$data.link")
elif [ "$(id -u)" = 0 ] && [ ! -e "$data" ]; then
	chown postgres "$dir"
	if ! runuser -u postgres -- test -w "$dir"; then
		alt=$(mktemp -d /var/tmp/toteuma-pg.XXXXXX)
		chown postgres "$alt"
		ln -s "$alt" "$data.link"
		data="$alt"
	fi
fi
sock="$data/sock"
# TOTEUMA_PG_TCP=PORT: also on 127.0.0.1:PORT (a chrooted server reaches
# it without a socket file); the connection strings then name the port.
if [ -n "${TOTEUMA_PG_TCP:-}" ]; then
	listen="-c listen_addresses=127.0.0.1 -p $TOTEUMA_PG_TCP"
	port=" port=$TOTEUMA_PG_TCP"
else
	listen="-c listen_addresses=''"
	port=""
fi

case "$cmd" in
start)
	if [ ! -f "$data/PG_VERSION" ]; then
		as_pg "$pgbin/initdb" -D "$data" -U postgres -A trust -E UTF8 \
		    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		    { cat "$dir/initdb.log" >&2; exit 1; }
		as_pg mkdir -p "$sock"
	fi
	if ! as_pg "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
		as_pg "$pgbin/pg_ctl" -D "$data" -l "$data/server.log" -w \
		    -o "-k $sock $listen -c max_connections=200 -c fsync=${TOTEUMA_PG_FSYNC:-on}" \
		    start >/dev/null || { tail -n 20 "$data/server.log" >&2; exit 1; }
	fi
	pgsu() { as_pg "$pgbin/psql" -X -h "$sock"${port:+ -p ${port#*=}} -U postgres -v ON_ERROR_STOP=1 "$@"; }
	pgsu -d postgres -Atqc "
	    DO \$\$ BEGIN
	    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'toteuma_owner')
	    THEN CREATE ROLE toteuma_owner LOGIN; END IF;
	    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'toteuma_app')
	    THEN CREATE ROLE toteuma_app LOGIN; END IF;
	    END \$\$" >/dev/null
	if ! pgsu -d postgres -Atqc \
	    "SELECT 1 FROM pg_database WHERE datname = 'toteuma'" | grep -q 1; then
		as_pg "$pgbin/createdb" -h "$sock"${port:+ -p ${port#*=}} -U postgres -O toteuma_owner toteuma
	elif ! pgsu -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = \
	    'toteuma' AND pg_get_userbyid(datdba) = 'toteuma_owner'" | grep -q 1; then
		# A database from before the roles: hand its objects over.
		pgsu -d toteuma -q <"$(dirname "$0")/own.sql" >/dev/null
	fi
	echo "host=$sock$port dbname=toteuma user=toteuma_owner sslmode=disable gssencmode=disable"
	;;
stop)
	if [ -f "$data/PG_VERSION" ]; then
		as_pg "$pgbin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	;;
status)
	as_pg "$pgbin/pg_ctl" -D "$data" status
	;;
*)
	echo "usage: $0 start|stop|status DIR" >&2; exit 2 ;;
esac
