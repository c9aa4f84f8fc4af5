#!/bin/sh
# Starts or stops a toteuma server in the background.
# Usage: scripts/server.sh start NAME PORT | stop NAME
# Environment: TOTEUMA_DATABASE (libpq connection string, required for
# start), TOTEUMA_WORKERS (default: number of cores), TOTEUMA_HOST
# (default 127.0.0.1), TOTEUMA_MODULE (default: toteuma.so; the tests
# also run build/toteuma-asan.so, with TOTEUMA_PRELOAD naming the
# sanitizer runtimes). Files: var/NAME.conf, var/NAME.pid, var/NAME.log.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-}
name=${2:-}
[ -n "$cmd" ] && [ -n "$name" ] || { echo "usage: $0 start NAME PORT | stop NAME" >&2; exit 2; }
var="$root/var"
mkdir -p "$var/$name.d"
pidfile="$var/$name.pid"

. "$root/scripts/daemon.sh"

stop() {
	# A worker that hangs on its way out (seen under ASan) goes too.
	workers=$( [ -f "$pidfile" ] && pgrep -P "$(cat "$pidfile")" 2>/dev/null || true)
	daemon_stop "$pidfile"
	sleep 0.2
	# shellcheck disable=SC2086
	[ -z "$workers" ] || kill -9 $workers 2>/dev/null || true
}

case "$cmd" in
start)
	port=${3:-8080}
	: "${TOTEUMA_DATABASE:?TOTEUMA_DATABASE must hold a libpq connection string}"
	stop
	if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
		echo "something else already answers on port $port" >&2
		exit 1
	fi
	module=${TOTEUMA_MODULE:-$root/toteuma.so}
	KORE_MODULE=$module KORE_PORT=$port KORE_HOST=${TOTEUMA_HOST:-127.0.0.1} \
	    KORE_WORKERS=${TOTEUMA_WORKERS:-} KORE_PIDFILE=$var/$name.d/kore.pid \
	    "$root/scripts/kore-conf.sh" >"$var/$name.conf"
	# -r -n: no privilege drop and no chroot, for a developer's machine;
	# production runs as its own user (see README).
	export TOTEUMA_DATABASE
	# Absolute links never come from a client's Host header.
	if [ -z "${TOTEUMA_BASE_URL:-}" ] && [ -z "${TOTEUMA_ALLOWED_HOSTS:-}" ]; then
		export TOTEUMA_BASE_URL="http://127.0.0.1:$port"
	fi
	if [ -n "${TOTEUMA_PRELOAD:-}" ]; then
		# The sanitizer runtime must come first: no stdbuf here.
		LD_PRELOAD=$TOTEUMA_PRELOAD nohup kore -f -r -n \
		    -c "$var/$name.conf" >"$var/$name.log" 2>&1 </dev/null &
	else
		nohup stdbuf -oL -eL kore -f -r -n -c "$var/$name.conf" \
		    >"$var/$name.log" 2>&1 </dev/null &
	fi
	echo $! >"$pidfile"
	if ! TRIES=100 daemon_wait "$pidfile" "$var/$name.log" "the server" \
	    curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz"; then
		stop
		exit 1
	fi
	;;
stop)
	stop ;;
*)
	echo "usage: $0 start NAME PORT | stop NAME" >&2; exit 2 ;;
esac
