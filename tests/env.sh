#!/bin/sh
# A throwaway test environment: a fresh PostgreSQL cluster in var/NAME-pg
# with the demo data, a server on TOTEUMA_TEST_PORT (8181), an SMTP sink
# on that port + 2000 keeping what arrives in the Maildir var/NAME-mail,
# and the mail sender delivering to it; NAME is TOTEUMA_TEST_NAME (test).
# Usage: tests/env.sh start   prints "export ..." lines to eval
#        tests/env.sh stop
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=${TOTEUMA_TEST_PORT:-8181}
name=${TOTEUMA_TEST_NAME:-test}

case "${1:-}" in
start)
	smtp_port=$((port + 2000))
	scripts/mailer.sh stop "$name" >/dev/null 2>&1 || true
	tests/smtp-sink.sh stop "var/$name-mail" >/dev/null 2>&1 || true
	rm -rf "var/$name-mail"
	scripts/server.sh stop "$name" >/dev/null 2>&1 || true
	scripts/cluster.sh stop var/$name-pg >/dev/null 2>&1 || true
	if [ -L var/$name-pg/data.link ]; then
		rm -rf "$(readlink var/$name-pg/data.link)"
	fi
	rm -rf var/$name-pg
	# conn: the owner (migrations, toteumactl, the tests' own queries);
	# app: the server's role, which may only read and run functions.
	conn=$(TOTEUMA_PG_FSYNC=off scripts/cluster.sh start var/$name-pg)
	app=$(echo "$conn" | sed 's/user=toteuma_owner/user=toteuma_app/')
	super=$(echo "$conn" | sed 's/user=toteuma_owner/user=postgres/')
	sqldb=$(echo "$conn" | sed 's/dbname=toteuma/dbname=toteuma_sql/')
	clidb=$(echo "$conn" | sed 's/dbname=toteuma/dbname=toteuma_cli/')
	for db in toteuma_sql toteuma_cli; do
		psql -X -q "$super" -c \
		    "CREATE DATABASE $db OWNER toteuma_owner" >/dev/null
	done
	TOTEUMA_DATABASE=$conn ./toteumactl migrate >/dev/null
	TOTEUMA_DATABASE="$sqldb" ./toteumactl migrate \
	    >/dev/null
	grep -v '^#' data/demo.tsv | while IFS='	' read -r slug title; do
		TOTEUMA_DATABASE=$conn ./toteumactl import --process "$slug" \
		    --title "$title" --publish "data/$slug.csv" >/dev/null
	done
	# A process long enough to have several pages.
	TOTEUMA_DATABASE=$conn ./toteumactl import --process testi-sivutus \
	    --title "Testi: sivutus" --publish tests/fixtures/testi-sivutus.csv >/dev/null
	# Single sign-on against the test provider that the tests start
	# themselves on port + 3000 (tests/oidc-provider.mjs); the server
	# starts without it.
	oidc_port=$((port + 3000))
	printf '%s\n' test-client-secret-not-for-production \
	    >"var/$name-oidc-secret"
	# The tests stand in for a reverse proxy on the same machine: they
	# name clients in X-Forwarded-For.
	TOTEUMA_DATABASE=$app TOTEUMA_WORKERS=2 \
	    TOTEUMA_TRUSTED_PROXIES=127.0.0.1 \
	    TOTEUMA_OIDC_ISSUER=http://127.0.0.1:$oidc_port \
	    TOTEUMA_OIDC_CLIENT_ID=toteuma \
	    TOTEUMA_OIDC_CLIENT_SECRET_FILE="$root/var/$name-oidc-secret" \
	    scripts/server.sh start "$name" "$port"
	# Retries a second apart, not a minute, so that a test of a relay
	# that comes back need not wait.
	tests/smtp-sink.sh start "$root/var/$name-mail" "$smtp_port"
	TOTEUMA_DATABASE=$app TOTEUMA_SMTP_URL=smtp://127.0.0.1:$smtp_port \
	    TOTEUMA_BASE_URL=http://127.0.0.1:$port \
	    TOTEUMA_MAIL_FROM=toteuma@toteuma.test \
	    TOTEUMA_MAIL_RETRY_SECONDS=1 scripts/mailer.sh start "$name"
	# The tests' own SQL judges days as the server and toteumactl do:
	# in Finland (22:30 UTC is already the next day there).
	echo "export PGTZ=Europe/Helsinki"
	echo "export TOTEUMA_URL=http://127.0.0.1:$port"
	echo "export TOTEUMA_OIDC_PORT=$oidc_port"
	echo "export TOTEUMA_SMTP_URL=smtp://127.0.0.1:$smtp_port"
	echo "export TOTEUMA_SMTP_PORT=$smtp_port"
	echo "export TOTEUMA_MAIL_DIR=$root/var/$name-mail"
	echo "export TOTEUMA_MAILER_LOG=$root/var/$name-mailer.log"
	echo "export TOTEUMA_METRICS_URL=http://127.0.0.1:$((port + 1000))"
	echo "export TOTEUMA_DATABASE='$conn'"
	echo "export TOTEUMA_APP_DATABASE='$app'"
	echo "export TOTEUMA_SUPER_DATABASE='$super'"
	echo "export TOTEUMA_SQL_DATABASE='$sqldb'"
	echo "export TOTEUMA_CLI_DATABASE='$clidb'"
	echo "export TOTEUMA_TEST_PGDIR=$root/var/$name-pg"
	echo "export TOTEUMA_TEST_LOG=$root/var/$name.log"
	;;
stop)
	scripts/mailer.sh stop "$name"
	tests/smtp-sink.sh stop "var/$name-mail"
	scripts/server.sh stop "$name"
	scripts/cluster.sh stop var/$name-pg
	;;
*)
	echo "usage: $0 start|stop" >&2
	exit 2
	;;
esac
