#!/bin/bash
# The scale model of `make bench`: does a page cost the same when the
# database holds a whole country? One cluster holds two databases, each
# with its own server: "small" holds a 1,000-action process (bench-1000)
# alone, "large" the same process beside 23 counties' worth of
# processes (BENCH_SCALE_PROCESSES, 92 processes of 1,087 actions: about
# 10^5 actions in all). bench-1000's default view, varied searches (wrk,
# as bench/run.sh) and saves through the action form (bench/writer.mjs, 5
# a second) are measured on both in turn, BENCH_SCALE_ROUNDS times (2:
# small, large, small, large), so that a busy moment of the machine falls
# on both alike. Prints the mean of the rounds on each side and their
# ratio; the target is at most 1.5x.
#
# Environment: as bench/run.sh (BENCH_SECONDS, BENCH_CONNECTIONS,
# BENCH_THREADS, BENCH_WORKERS, BENCH_SEED), BENCH_SCALE_PORT (18090; the
# large side's server on the next port), BENCH_SCALE_PROCESSES (92),
# BENCH_SCALE_ROWS (1087), BENCH_SCALE_ROUNDS (2).
set -euo pipefail
me=bench/scale
. "$(dirname "$0")/common.sh"

port=${BENCH_SCALE_PORT:-18090}
nproc_=${BENCH_SCALE_PROCESSES:-92}
rows=${BENCH_SCALE_ROWS:-1087}
rounds=${BENCH_SCALE_ROUNDS:-2}
var=$root/var/bench-scale
pgdir=$root/var/bench-scale-pg

cleanup() {
	set +e
	scripts/server.sh stop bench-scale-small >/dev/null 2>&1
	scripts/server.sh stop bench-scale-large >/dev/null 2>&1
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
super=$(echo "$conn" | sed 's/user=toteuma_owner/user=postgres/')
db_conn() { echo "$conn" | sed "s/dbname=toteuma/dbname=scale_$1/"; }

node bench/gen.mjs csv --rows 1000 --seed "$seed" --out "$var/bench-1000.csv"
# Every search run its own queries (a repeated one would be a cached
# page), and the warm-up others again.
node bench/gen.mjs queries --count $((20000 * (2 * rounds + 1))) --rows 1000 \
    --seed "$seed" --out "$var/q.txt"
k=0
for r in $(seq 1 "$rounds"); do
	for side in small large; do
		sed -n "$((k * 20000 + 1)),$(((k + 1) * 20000))p" "$var/q.txt" >"$var/q-$side-$r.txt"
		k=$((k + 1))
	done
done
sed -n "$((k * 20000 + 1)),\$p" "$var/q.txt" | sed 's/^/l/' >"$var/q-warm.txt"

pass=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
# A database with bench-1000 and a unit editor: the ids of 50 of the
# editor's actions in $var/SIDE.ids.
setup() { # SIDE
	local c unit
	c=$(db_conn "$1")
	psql -X -q "$super" -c "CREATE DATABASE scale_$1 OWNER toteuma_owner" >/dev/null ||
	    die "could not make the $1 database"
	TOTEUMA_DATABASE=$c ./toteumactl migrate >>"$var/migrate.log" 2>&1 || die "migrate failed"
	TOTEUMA_DATABASE=$c ./toteumactl import --process bench-1000 --publish \
	    "$var/bench-1000.csv" >>"$var/import.log" 2>&1 || die "import of bench-1000 failed"
	unit=$(psql -X -At "$c" -c "SELECT u.name FROM unit u
	    JOIN action_unit au ON au.unit_id = u.id GROUP BY u.name
	    ORDER BY count(*) DESC LIMIT 1")
	echo "$pass" | TOTEUMA_DATABASE=$c ./toteumactl user add \
	    scale-writer@example.fi --role editor --unit "$unit" >/dev/null
	psql -X -At "$c" -c "SELECT string_agg(id::text, ',') FROM (SELECT a.id
	    FROM action a JOIN action_unit au ON au.action_id = a.id
	    JOIN unit u ON u.id = au.unit_id WHERE u.name = '$unit'
	    ORDER BY a.id LIMIT 50) t" >"$var/$1.ids"
}
setup small
setup large

say "== scale: importing $nproc_ processes of $rows actions beside bench-1000 in the large database"
t0=$(date +%s)
for i in $(seq 1 "$nproc_"); do
	node bench/gen.mjs csv --rows "$rows" --seed "$((seed + 100 + i))" --out "$var/p.csv"
	TOTEUMA_DATABASE=$(db_conn large) ./toteumactl import \
	    --process "county-$(( (i - 1) / 4 + 1 ))-$(( (i - 1) % 4 + 1 ))" \
	    --title "Alue $(( (i - 1) / 4 + 1 )), prosessi $(( (i - 1) % 4 + 1 ))" \
	    --publish "$var/p.csv" >>"$var/import.log" 2>&1 || die "import $i failed"
done
t1=$(date +%s)
count() { psql -X -At "$(db_conn "$1")" -c "SELECT count(*) FROM action WHERE deleted_at IS NULL"; }
total1=$(count small)
total2=$(count large)
say "   $total2 actions in all, imported in $((t1 - t0)) s"

# Both are measured settled: vacuumed and analysed (as bench/run.sh does
# after its imports), their dirty pages written (CHECKPOINT) and no
# autovacuum at work. Right after the imports, the large side met
# autovacuum and the writing of the new rows.
psql -X -q "$super" -c "CHECKPOINT" >/dev/null
for side in small large; do
	psql -X -q "$(db_conn "$side")" -c "VACUUM ANALYZE" >>"$var/vacuum.log" 2>&1 ||
	    die "VACUUM failed"
done
psql -X -q "$super" -c "CHECKPOINT" >>"$var/vacuum.log" 2>&1 || die "CHECKPOINT failed"
for i in $(seq 1 60); do
	[ "$(psql -X -At "$super" -c "SELECT count(*) FROM pg_stat_activity
	    WHERE backend_type = 'autovacuum worker'")" = 0 ] && break
	sleep 1
done

for side in small large; do
	p=$port
	[ "$side" = large ] && p=$((port + 1))
	TOTEUMA_DATABASE=$(db_conn "$side" | sed 's/user=toteuma_owner/user=toteuma_app/') \
	    TOTEUMA_WORKERS=$workers scripts/server.sh start "bench-scale-$side" "$p" ||
	    die "kore did not start"
done
url() { [ "$1" = small ] && echo "http://127.0.0.1:$port" || echo "http://127.0.0.1:$((port + 1))"; }

# "req/s p50 p99" of a wrk run (bench/run.sh reads wrk the same way).
stats() { # FILE
	awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
		if (v ~ /s$/) return v * 1000; return v + 0 }
	/^Requests\/sec:/ { r = $2 } /^ +50%/ { a = ms($2) } /^ +99%/ { b = ms($2) }
	END { printf "%s %s %s\n", r, a, b }' "$1"
}
# One run of KIND on SIDE in round R: "req/s p50 p99" into
# $var/SIDE-R-KIND.txt (the saves: "count p50 p99 max errors").
measure() { # SIDE R KIND
	local u
	u=$(url "$1")
	case $3 in
	default)
		wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$u/p/bench-1000" \
		    >"$var/wrk/$1-$2-default.txt" 2>&1 || die "wrk failed ($1, round $2)"
		stats "$var/wrk/$1-$2-default.txt" >"$var/$1-$2-default.txt" ;;
	search)
		wrk -t"$threads" -c"$conns" -d1s -s bench/search.lua "$u/p/bench-1000" \
		    -- /p/bench-1000 "$var/q-warm.txt" "$threads" >/dev/null 2>&1 || true
		wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s bench/search.lua \
		    "$u/p/bench-1000" -- /p/bench-1000 "$var/q-$1-$2.txt" "$threads" \
		    >"$var/wrk/$1-$2-search.txt" 2>&1 || die "wrk failed ($1, round $2)"
		stats "$var/wrk/$1-$2-search.txt" >"$var/$1-$2-search.txt" ;;
	saves)
		node bench/writer.mjs "$u" scale-writer@example.fi "$pass" "$secs" \
		    "$(cat "$var/$1.ids")" "$(cat "$var/$1.ids")" 5 100000 \
		    >"$var/$1-$2-saves.txt" 2>"$var/$1-$2-saves.err" ||
		    echo "0 0 0 0 1" >"$var/$1-$2-saves.txt" ;;
	esac
}

for kind in default search saves; do
	for r in $(seq 1 "$rounds"); do
		for side in small large; do
			say "== scale: $kind, round $r, $side ($( [ "$side" = small ] && echo "$total1" || echo "$total2") actions)"
			measure "$side" "$r" "$kind"
		done
	done
done

# Field F of SIDE's KIND files: the mean over the rounds, or the sum. A
# round without the figure (a run that failed) makes the mean 0, which
# the verdict takes for a failure.
mean() { # SIDE KIND F
	cat "$var/$1"-*-"$2".txt | awk -v f="$3" '{ s += $f; n++; if ($f + 0 <= 0) bad = 1 }
	    END { printf "%.2f", n && !bad ? s / n : 0 }'
}
sum() { # SIDE KIND F
	cat "$var/$1"-*-"$2".txt | awk -v f="$3" '{ s += $f } END { printf "%d", s }'
}
d1=$(mean small default 1); d2=$(mean large default 1)
dp1=$(mean small default 2); dp2=$(mean large default 2)
s1=$(mean small search 1); s2=$(mean large search 1)
sp1=$(mean small search 2); sp2=$(mean large search 2)
w1p=$(mean small saves 2); w2p=$(mean large saves 2)
w1q=$(mean small saves 3); w2q=$(mean large saves 3)
w1n=$(sum small saves 1); w2n=$(sum large saves 1)
w1e=$(sum small saves 5); w2e=$(sum large saves 5)

r() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.3fx", a / b; else printf "n/a" }'; }
ok() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > 0 && b > 0 && a / b <= 1.5) }' && echo PASS || echo FAIL; }
# The saves fail on any error too.
saves_ok() { [ "$w1e" = 0 ] && [ "$w2e" = 0 ] && ok "$w2p" "$w1p" || echo FAIL; }
echo
echo "scale model: the 1,000-action process in a database of $total1 actions and in one of $total2 ($nproc_ more processes; imported in $((t1 - t0)) s), measured in turn, $rounds rounds each (means)"
printf '%-38s %14s %14s %8s  %s\n' "cost (time per answer)" "$total1 actions" "$total2 actions" ratio "target <= 1.5x"
printf '%-38s %11s r/s %11s r/s %8s  %s\n' "default view (wrk, $conns connections)" "$d1" "$d2" "$(r "$d1" "$d2")" "$(ok "$d1" "$d2")"
printf '%-38s %11s ms %11s ms %8s  %s\n' "  p50" "$dp1" "$dp2" "$(r "$dp2" "$dp1")" "info"
printf '%-38s %11s r/s %11s r/s %8s  %s\n' "varied searches" "$s1" "$s2" "$(r "$s1" "$s2")" "$(ok "$s1" "$s2")"
printf '%-38s %11s ms %11s ms %8s  %s\n' "  p50" "$sp1" "$sp2" "$(r "$sp2" "$sp1")" "info"
printf '%-38s %11s ms %11s ms %8s  %s\n' "a save through the form, p50" "$w1p" "$w2p" "$(r "$w2p" "$w1p")" "$(saves_ok)"
printf '%-38s %11s ms %11s ms %8s  %s\n' "  p99 ($w1n and $w2n saves, errors $w1e and $w2e)" "$w1q" "$w2q" "$(r "$w2q" "$w1q")" "info"
for r in $(seq 1 "$rounds"); do
	printf '  round %s: default %s / %s r/s, searches %s / %s r/s, saves p50 %s / %s ms\n' "$r" \
	    "$(cut -d' ' -f1 "$var/small-$r-default.txt")" "$(cut -d' ' -f1 "$var/large-$r-default.txt")" \
	    "$(cut -d' ' -f1 "$var/small-$r-search.txt")" "$(cut -d' ' -f1 "$var/large-$r-search.txt")" \
	    "$(cut -d' ' -f2 "$var/small-$r-saves.txt")" "$(cut -d' ' -f2 "$var/large-$r-saves.txt")"
done
