#!/bin/sh
# "make run" and "make stop": the project-local database under var/pg,
# the schema, the demo data and the server on TOTEUMA_PORT (8080).
# Set TOTEUMA_DATABASE to use an external database instead of var/pg.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${TOTEUMA_PORT:-8080}

case "${1:-start}" in
start)
	if [ -z "${TOTEUMA_DATABASE:-}" ]; then
		TOTEUMA_DATABASE=$(scripts/cluster.sh start var/pg)
		echo "$TOTEUMA_DATABASE" >var/pg/conninfo
	fi
	export TOTEUMA_DATABASE
	./toteumactl migrate
	grep -v '^#' data/demo.tsv | while IFS='	' read -r slug title; do
		./toteumactl import --process "$slug" --title "$title" \
		    "data/$slug.csv"
	done
	scripts/server.sh start toteuma "$port"
	echo "toteuma is serving http://127.0.0.1:$port/ (log: var/toteuma.log; stop: make stop)"
	;;
stop)
	scripts/server.sh stop toteuma
	[ -d var/pg ] && scripts/cluster.sh stop var/pg
	echo "stopped"
	;;
*)
	echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
