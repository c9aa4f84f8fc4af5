#!/bin/sh
# "make run" and "make stop": the project-local database under var/pg,
# the schema, the demo data and the server on TOTEUMA_PORT (8080).
# Set TOTEUMA_DATABASE to use an external database instead of var/pg:
# the server connects with it; toteumactl (migrations, the demo data)
# with TOTEUMA_DATABASE_OWNER when that is set.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${TOTEUMA_PORT:-8080}

case "${1:-start}" in
start)
	if [ -z "${TOTEUMA_DATABASE:-}" ]; then
		# The owner migrates and imports; the server reads as
		# toteuma_app, which cannot change a table directly.
		TOTEUMA_DATABASE_OWNER=$(scripts/cluster.sh start var/pg)
		TOTEUMA_DATABASE=$(echo "$TOTEUMA_DATABASE_OWNER" |
		    sed 's/user=toteuma_owner/user=toteuma_app/')
		echo "$TOTEUMA_DATABASE_OWNER" >var/pg/conninfo
		echo "$TOTEUMA_DATABASE" >var/pg/conninfo-app
		export TOTEUMA_DATABASE_OWNER
	fi
	export TOTEUMA_DATABASE
	./toteumactl migrate
	grep -v '^#' data/demo.tsv | while IFS='	' read -r slug title; do
		./toteumactl import --process "$slug" --title "$title" \
		    --publish "data/$slug.csv"
	done
	scripts/server.sh start toteuma "$port"
	# Mail goes out when there is a relay to send it to.
	if [ -n "${TOTEUMA_SMTP_URL:-}" ]; then
		TOTEUMA_BASE_URL=${TOTEUMA_BASE_URL:-http://127.0.0.1:$port} \
		    scripts/mailer.sh start toteuma
		echo "mail goes to $(echo "$TOTEUMA_SMTP_URL" | sed 's|//[^@/]*@|//|') (log: var/toteuma-mailer.log)"
	fi
	echo "toteuma is serving http://127.0.0.1:$port/ (log: var/toteuma.log; stop: make stop)"
	;;
stop)
	scripts/mailer.sh stop toteuma
	scripts/server.sh stop toteuma
	[ -d var/pg ] && scripts/cluster.sh stop var/pg
	echo "stopped"
	;;
*)
	echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
