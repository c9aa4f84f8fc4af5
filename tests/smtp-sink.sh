#!/bin/sh
# The tests' SMTP relay (tests/smtp_sink.py, on Debian's aiosmtpd):
# every message it accepts is a file in the Maildir DIR.
# Usage: tests/smtp-sink.sh start DIR PORT | stop DIR
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${2:?usage: $0 start DIR PORT | stop DIR}
pidfile=$dir.pid

stop() {
	if [ -f "$pidfile" ]; then
		kill "$(cat "$pidfile")" 2>/dev/null || true
		i=0
		while kill -0 "$(cat "$pidfile")" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1; i=$((i + 1))
		done
		rm -f "$pidfile"
	fi
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
	i=0
	until /usr/bin/python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 50 ]; then
			echo "the SMTP sink did not start:" >&2
			cat "$dir.log" >&2
			stop
			exit 1
		fi
		sleep 0.1
	done
	;;
stop)
	stop ;;
*)
	echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
