# What bench/run.sh and bench/scale.sh share, sourced by both (bash):
# the locale, the repository as the working directory, the load's
# settings from the environment, and say/die; $me names the script in
# its messages.
export LC_ALL=C.UTF-8 LC_NUMERIC=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

secs=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-2}
workers=${BENCH_WORKERS:-2}
seed=${BENCH_SEED:-1}

say() { printf '%s\n' "$*" >&2; }
die() { say "$me: $*"; exit 1; }
