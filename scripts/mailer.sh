#!/bin/sh
# Starts or stops the mail sender ("toteumactl mail run") in the
# background, beside a server started by scripts/server.sh.
# Usage: scripts/mailer.sh start NAME | stop NAME
# Environment: TOTEUMA_SMTP_URL, TOTEUMA_BASE_URL, TOTEUMA_DATABASE
# (the server's role) and the other TOTEUMA_MAIL_* settings.
# Files: var/NAME-mailer.pid, var/NAME-mailer.log.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
name=${2:?usage: $0 start NAME | stop NAME}
pidfile="$root/var/$name-mailer.pid"

. "$root/scripts/daemon.sh"

stop() {
	daemon_stop "$pidfile"
}

case "$1" in
start)
	stop
	mkdir -p "$root/var"
	nohup stdbuf -oL -eL "$root/toteumactl" mail run \
	    >"$root/var/$name-mailer.log" 2>&1 </dev/null &
	echo $! >"$pidfile"
	sleep 0.2
	if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
		echo "the mail sender did not start:" >&2
		cat "$root/var/$name-mailer.log" >&2
		rm -f "$pidfile"
		exit 1
	fi
	;;
stop)
	stop ;;
*)
	echo "usage: $0 start NAME | stop NAME" >&2; exit 2 ;;
esac
