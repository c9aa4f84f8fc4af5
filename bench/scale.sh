#!/bin/bash
# The scale model of `make bench`: does a page cost the same when the
# database holds a whole country? On its own cluster and server, a
# 1,000-action process (bench-1000) is measured alone: its default view
# and varied searches (wrk, as bench/run.sh) and saves through the action
# form (bench/writer.mjs, 2 a second). Then 23 counties' worth of
# processes are imported beside it (BENCH_SCALE_PROCESSES, 92 processes
# of 1,087 actions: about 10^5 actions in all) and the same three are
# measured again on the same server. Prints both and their ratio; the
# target is at most 1.5x.
#
# Environment: as bench/run.sh (BENCH_SECONDS, BENCH_CONNECTIONS,
# BENCH_THREADS, BENCH_WORKERS, BENCH_SEED), BENCH_SCALE_PORT (18090),
# BENCH_SCALE_PROCESSES (92), BENCH_SCALE_ROWS (1087).
set -euo pipefail
me=bench/scale
. "$(dirname "$0")/common.sh"

port=${BENCH_SCALE_PORT:-18090}
nproc_=${BENCH_SCALE_PROCESSES:-92}
rows=${BENCH_SCALE_ROWS:-1087}
var=$root/var/bench-scale
pgdir=$root/var/bench-scale-pg
name=bench-scale-kore
kurl=http://127.0.0.1:$port

cleanup() {
	set +e
	scripts/server.sh stop "$name" >/dev/null 2>&1
	scripts/cluster.sh stop "$pgdir" >/dev/null 2>&1
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$var"
mkdir -p "$var/wrk"
scripts/cluster.sh stop "$pgdir" >/dev/null 2>&1 || true
if [ -L "$pgdir/data.link" ]; then rm -rf "$(readlink "$pgdir/data.link")"; fi
rm -rf "$pgdir"
conn=$(TOTEUMA_PG_FSYNC=off scripts/cluster.sh start "$pgdir") || die "cluster did not start"
export TOTEUMA_DATABASE="$conn"
./toteumactl migrate >"$var/migrate.log" 2>&1 || die "migrate failed"

node bench/gen.mjs csv --rows 1000 --seed "$seed" --out "$var/bench-1000.csv"
node bench/gen.mjs queries --count 60000 --rows 1000 --seed "$seed" --out "$var/q.txt"
head -n 20000 "$var/q.txt" >"$var/q-small.txt"
sed -n 20001,40000p "$var/q.txt" >"$var/q-large.txt"
tail -n 20000 "$var/q.txt" | sed 's/^/l/' >"$var/q-warm.txt"
./toteumactl import --process bench-1000 --publish "$var/bench-1000.csv" >"$var/import.log" 2>&1 ||
    die "import of bench-1000 failed"
unit=$(psql -X -At "$conn" -c "SELECT u.name FROM unit u
    JOIN action_unit au ON au.unit_id = u.id GROUP BY u.name
    ORDER BY count(*) DESC LIMIT 1")
pass=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$pass" | ./toteumactl user add scale-writer@example.fi --role editor \
    --unit "$unit" >/dev/null
ids=$(psql -X -At "$conn" -c "SELECT string_agg(id::text, ',') FROM (SELECT a.id
    FROM action a JOIN action_unit au ON au.action_id = a.id
    JOIN unit u ON u.id = au.unit_id WHERE u.name = '$unit'
    ORDER BY a.id LIMIT 50) t")

TOTEUMA_DATABASE=$(echo "$conn" | sed 's/user=toteuma_owner/user=toteuma_app/') \
    TOTEUMA_WORKERS=$workers scripts/server.sh start "$name" "$port" || die "kore did not start"

# "req/s p50 p99" of a wrk run (bench/run.sh reads wrk the same way).
stats() { # FILE
	awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
		if (v ~ /s$/) return v * 1000; return v + 0 }
	/^Requests\/sec:/ { r = $2 } /^ +50%/ { a = ms($2) } /^ +99%/ { b = ms($2) }
	END { printf "%s %s %s\n", r, a, b }' "$1"
}
# Default view, searches and saves: "rps p50 p99" twice, then the saves'
# "count p50 p99 max errors".
measure() { # TAG QUERIES
	wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$kurl/p/bench-1000" \
	    >"$var/wrk/$1-default.txt" 2>&1
	wrk -t"$threads" -c"$conns" -d1s -s bench/search.lua "$kurl/p/bench-1000" \
	    -- /p/bench-1000 "$var/q-warm.txt" "$threads" >/dev/null 2>&1 || true
	wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s bench/search.lua \
	    "$kurl/p/bench-1000" -- /p/bench-1000 "$2" "$threads" \
	    >"$var/wrk/$1-search.txt" 2>&1
	node bench/writer.mjs "$kurl" scale-writer@example.fi "$pass" "$secs" \
	    "$ids" "$ids" 2 100000 >"$var/$1-saves.txt" 2>"$var/$1-saves.err" ||
	    echo "0 0 0 0 1" >"$var/$1-saves.txt"
	echo "$(stats "$var/wrk/$1-default.txt") $(stats "$var/wrk/$1-search.txt") $(cat "$var/$1-saves.txt")"
}

say "== scale: bench-1000 alone"
read -r d1 dp1 dq1 s1 sp1 sq1 w1n w1p w1q _ w1e < <(measure small "$var/q-small.txt")
total1=$(psql -X -At "$conn" -c "SELECT count(*) FROM action WHERE deleted_at IS NULL")

say "== scale: importing $nproc_ processes of $rows actions beside it"
t0=$(date +%s)
for i in $(seq 1 "$nproc_"); do
	node bench/gen.mjs csv --rows "$rows" --seed "$((seed + 100 + i))" --out "$var/p.csv"
	./toteumactl import --process "county-$(( (i - 1) / 4 + 1 ))-$(( (i - 1) % 4 + 1 ))" \
	    --title "Alue $(( (i - 1) / 4 + 1 )), prosessi $(( (i - 1) % 4 + 1 ))" \
	    --publish "$var/p.csv" >>"$var/import.log" 2>&1 || die "import $i failed"
done
t1=$(date +%s)
total2=$(psql -X -At "$conn" -c "SELECT count(*) FROM action WHERE deleted_at IS NULL")
say "   $total2 actions in all, imported in $((t1 - t0)) s"
sleep 1.2

say "== scale: bench-1000 among $total2 actions"
read -r d2 dp2 dq2 s2 sp2 sq2 w2n w2p w2q _ w2e < <(measure large "$var/q-large.txt")

r() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.3fx", a / b; else printf "n/a" }'; }
ok() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > 0 && b > 0 && a / b <= 1.5) }' && echo PASS || echo FAIL; }
echo
echo "scale model: the 1,000-action process with $total1 actions in the database, then with $total2 ($nproc_ more processes; imported in $((t1 - t0)) s)"
printf '%-38s %14s %14s %8s  %s\n' "cost (time per answer)" "$total1 actions" "$total2 actions" ratio "target <= 1.5x"
printf '%-38s %11s r/s %11s r/s %8s  %s\n' "default view (wrk, $conns connections)" "$d1" "$d2" "$(r "$d1" "$d2")" "$(ok "$d1" "$d2")"
printf '%-38s %11s ms %11s ms %8s  %s\n' "  p50" "$dp1" "$dp2" "$(r "$dp2" "$dp1")" "info"
printf '%-38s %11s r/s %11s r/s %8s  %s\n' "varied searches" "$s1" "$s2" "$(r "$s1" "$s2")" "$(ok "$s1" "$s2")"
printf '%-38s %11s ms %11s ms %8s  %s\n' "  p50" "$sp1" "$sp2" "$(r "$sp2" "$sp1")" "info"
printf '%-38s %11s ms %11s ms %8s  %s\n' "a save through the form, p50" "$w1p" "$w2p" "$(r "$w2p" "$w1p")" "$(ok "$w2p" "$w1p")"
printf '%-38s %11s ms %11s ms %8s  %s\n' "  p99 ($w1n and $w2n saves, errors $w1e and $w2e)" "$w1q" "$w2q" "$(r "$w2q" "$w1q")" "info"
