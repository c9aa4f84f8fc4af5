#!/bin/sh
# Prints the Kore configuration from conf/toteuma.conf.in.
# Environment: KORE_MODULE (the module's path), KORE_HOST, KORE_PORT,
# KORE_WORKERS (number of workers; empty: this machine's cores; "auto":
# Kore's own default, one per core of the machine it runs on),
# KORE_PIDFILE,
# KORE_RUNAS and KORE_ROOT (the workers' user and chroot; both empty
# for a developer's server, which runs with -r -n).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
: "${KORE_MODULE:?}" "${KORE_PORT:?}" "${KORE_PIDFILE:?}"
workers=${KORE_WORKERS:-$(nproc)}
if [ "$workers" = auto ]; then
	workers_line="# workers: one per core"
else
	workers_line="workers			$workers"
fi
if [ -n "${KORE_RUNAS:-}" ]; then
	: "${KORE_ROOT:?KORE_ROOT must name the workers' chroot}"
	privsep="runas			$KORE_RUNAS\\
root			$KORE_ROOT"
else
	privsep="# runas, root: none (-r -n)"
fi
sed -e "s|@MODULE@|$KORE_MODULE|g" -e "s|@PORT@|$KORE_PORT|g" \
    -e "s|@HOST@|${KORE_HOST:-127.0.0.1}|g" -e "s|^workers.*@WORKERS@|$workers_line|" \
    -e "s|@PIDFILE@|$KORE_PIDFILE|g" \
    -e "s|@METRICS_PORT@|${KORE_METRICS_PORT:-$((KORE_PORT + 1000))}|g" -e "s|@PRIVSEP@|$privsep|" \
    "$root/conf/toteuma.conf.in"
