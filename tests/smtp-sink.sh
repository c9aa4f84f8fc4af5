#!/bin/sh
# The tests' SMTP relay (tests/smtp_sink.py, on Debian's aiosmtpd):
# every message it accepts is a file in the Maildir DIR.
# Usage: tests/smtp-sink.sh start DIR PORT | stop DIR
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${2:?usage: $0 start DIR PORT | stop DIR}
pidfile=$dir.pid

. "$root/scripts/daemon.sh"

stop() {
	daemon_stop "$pidfile"
}

case "$1" in
start)
	port=${3:?usage: $0 start DIR PORT}
	stop
	mkdir -p "$dir/tmp" "$dir/new" "$dir/cur"
	PYTHONPATH="$root/tests" nohup /usr/bin/python3 -m aiosmtpd -n \
	    -l "127.0.0.1:$port" -c smtp_sink.Sink "$dir" \
	    >"$dir.log" 2>&1 </dev/null &
	echo $! >"$pidfile"
	if ! daemon_wait "$pidfile" "$dir.log" "the SMTP sink" /usr/bin/python3 \
	    -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)"; then
		stop
		exit 1
	fi
	;;
stop)
	stop ;;
*)
	echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
