# Shell functions shared by the scripts that start and stop a program
# in the background with a pid file (scripts/server.sh, mailer.sh,
# tests/smtp-sink.sh). Sourced, not run.

# daemon_stop PIDFILE: TERM, up to 5 s to go, then KILL; the pid file
# goes.
daemon_stop() {
	if [ -f "$1" ]; then
		_pid=$(cat "$1")
		if kill "$_pid" 2>/dev/null; then
			_i=0
			while kill -0 "$_pid" 2>/dev/null && [ $_i -lt 50 ]; do
				sleep 0.1; _i=$((_i + 1))
			done
			kill -9 "$_pid" 2>/dev/null || true
		fi
		rm -f "$1"
	fi
}

# daemon_wait PIDFILE LOG WHAT CHECK...: runs CHECK every 0.1 s until it
# succeeds (0), or, after TRIES (default 50) or when the program has
# gone, says that WHAT did not start with the end of LOG (1).
daemon_wait() {
	_pidfile=$1 _log=$2 _what=$3
	shift 3
	_i=0
	until "$@" 2>/dev/null; do
		_i=$((_i + 1))
		if [ $_i -gt "${TRIES:-50}" ] || ! kill -0 "$(cat "$_pidfile")" 2>/dev/null; then
			echo "$_what did not start; last lines of $_log:" >&2
			tail -n 20 "$_log" >&2
			return 1
		fi
		sleep 0.1
	done
}
