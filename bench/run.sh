#!/bin/bash
# `make bench`: toteuma against nginx serving the same bytes, on loopback.
#
# Builds, starts a fresh PostgreSQL cluster in var/bench-pg, imports two
# synthetic processes (bench-1000 and bench-10000 actions, from
# bench/gen.mjs), starts kore with BENCH_WORKERS workers, fetches every
# benchmarked body with curl into var/bench/www/ and serves those files with
# nginx (same number of workers).  Then, page by page, wrk against kore and
# right after it against nginx.  Prints requests/s, p50, p99, the ratio to
# nginx with its target, and each kore worker's peak memory (VmHWM).
#
# A measurement: exits 0 even when targets fail (non-zero only when the
# bench itself cannot run).  Raw wrk output is kept in var/bench/wrk/.
#
# Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_THREADS (2),
# BENCH_WORKERS (2), BENCH_PORT (18080, kore), BENCH_NGINX_PORT (18081),
# BENCH_TIMEOUT (10 s: wrk leaves slower answers out of its latencies and
# counts them as socket errors, so it is longer than wrk's 2 s default),
# BENCH_SEED (1), BENCH_NO_BUILD=1 to skip `make`, BENCH_REUSE_DB=1 to keep
# the previous run's database when the data are the same.
set -euo pipefail
me=bench
. "$(dirname "$0")/common.sh"

kport=${BENCH_PORT:-18080}
nport=${BENCH_NGINX_PORT:-18081}
timeout=${BENCH_TIMEOUT:-10}    # wrk --timeout: slower answers count as errors

var=$root/var/bench
pgdir=$root/var/bench-pg
name=bench-kore                 # scripts/server.sh: var/$name.{pid,log,conf}
kurl=http://127.0.0.1:$kport
nurl=http://127.0.0.1:$nport
started=$(date +%s)
load0=$(cut -d' ' -f1-3 /proc/loadavg)

for tool in node wrk nginx curl awk; do
	command -v "$tool" >/dev/null || die "$tool not found (apt-get install wrk nginx-light curl nodejs)"
done

# ------------------------------------------------------------- clean-up
nginx_pid=
cleanup() {
	set +e
	if [ -n "$nginx_pid" ]; then
		kill "$nginx_pid" 2>/dev/null
		wait "$nginx_pid" 2>/dev/null
	fi
	scripts/server.sh stop "$name" >/dev/null 2>&1
	scripts/cluster.sh stop "$pgdir" >/dev/null 2>&1
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in "$kport" "$nport"; do
	if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then
		die "something already answers on 127.0.0.1:$port (set BENCH_PORT / BENCH_NGINX_PORT)"
	fi
done
rm -rf "$var"
mkdir -p "$var/www" "$var/wrk" "$var/nginx/tmp"

# ---------------------------------------------------------------- build
if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
	say "== build"
	make >"$var/make.log" 2>&1 || { tail -n 30 "$var/make.log" >&2; die "make failed"; }
fi
[ -x ./toteumactl ] && [ -f ./toteuma.so ] || die "./toteumactl or ./toteuma.so missing after make"

# ------------------------------------------------------------ test data
nq=$((secs * 15000)); [ "$nq" -ge 20000 ] || nq=20000
say "== generate bench-1000, bench-10000 and $nq distinct queries"
node bench/gen.mjs csv --rows 1000 --seed "$seed" --out "$var/bench-1000.csv"
node bench/gen.mjs csv --rows 10000 --seed "$seed" --out "$var/bench-10000.csv"
node bench/gen.mjs queries --count "$nq" --rows 10000 --seed "$seed" --out "$var/queries.txt"
# The representative search served by nginx (and fetched from kore before
# the run) must not be one of the measured queries.
rep_q='nuorten+mielenterveyspalvelujen+saatavuus'
grep -vxF "$rep_q" "$var/queries.txt" >"$var/queries.tmp" && mv "$var/queries.tmp" "$var/queries.txt"

# ------------------------------------------------------------- database
declare -A import_s=([1000]=- [10000]=-)
# BENCH_REUSE_DB=1 keeps the cluster of the previous run when it holds
# exactly these CSVs (for iterating on the server; `make bench` starts fresh).
sum=$(cat "$var/bench-1000.csv" "$var/bench-10000.csv" | sha256sum | cut -c1-16)
reuse=no
if [ "${BENCH_REUSE_DB:-}" = 1 ] && [ "$(cat "$pgdir/bench.sum" 2>/dev/null)" = "$sum" ]; then
	reuse=yes
	say "== reusing the PostgreSQL cluster in var/bench-pg (BENCH_REUSE_DB=1)"
else
	say "== fresh PostgreSQL cluster in var/bench-pg"
	scripts/cluster.sh stop "$pgdir" >/dev/null 2>&1 || true
	if [ -L "$pgdir/data.link" ]; then rm -rf "$(readlink "$pgdir/data.link")"; fi
	rm -rf "$pgdir"
fi
# A throw-away cluster: no fsync, so the import is quicker (reads unaffected).
conn=$(TOTEUMA_PG_FSYNC=off scripts/cluster.sh start "$pgdir") || die "cluster did not start"
export TOTEUMA_DATABASE="$conn"
./toteumactl migrate >"$var/migrate.log" 2>&1 || { cat "$var/migrate.log" >&2; die "migrate failed"; }
# The CPU time beside the wall time: what the database's processes (the
# postmaster's children, counted when they end) and toteumactl spent,
# which a busy machine stretches less than the wall time.
declare -A import_cpu=([1000]=- [10000]=-)
pgdata=$pgdir/data; [ -L "$pgdir/data.link" ] && pgdata=$(readlink "$pgdir/data.link")
pg_cpu() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15+$16+$17)/t}' "/proc/$(head -n 1 "$pgdata/postmaster.pid")/stat"; }
# One import of bench-N.csv as SLUG into DATABASE: "wall database-CPU
# toteumactl-CPU" in seconds.
import_once() { # DATABASE SLUG N
	local c0 t0 t1 c1
	c0=$(pg_cpu); t0=$(date +%s.%N)
	TIMEFORMAT='%U %S'
	{ time TOTEUMA_DATABASE=$1 ./toteumactl import --process "$2" \
	    --title "Synteettinen asukaspaneeli, $3 toimenpidettä" --publish \
	    "$var/bench-$3.csv" >"$var/import-$2.log" 2>&1 ; } 2>"$var/import-$2.time" ||
	    { tail -n 20 "$var/import-$2.log" >&2; die "import of $2 failed"; }
	t1=$(date +%s.%N); sleep 0.5; c1=$(pg_cpu)
	awk -v a="$t0" -v b="$t1" -v c="$c0" -v d="$c1" \
	    '{printf "%.2f %.2f %.2f\n", b - a, d - c, $1 + $2}' "$var/import-$2.time"
}
# The 10,000-action import three times, each into a fresh database after
# the 1,000-action one (two dropped after, then the bench's own), so that
# one busy moment of the machine does not decide it.
import_runs=()
[ "$reuse" = yes ] || for r in 2 3 1; do
	db=$conn
	if [ "$r" -gt 1 ]; then
		db=$(echo "$conn" | sed "s/dbname=toteuma/dbname=toteuma_import$r/")
		psql -X -q "$(echo "$conn" | sed 's/user=toteuma_owner/user=postgres/')" \
		    -c "CREATE DATABASE toteuma_import$r OWNER toteuma_owner" >/dev/null ||
		    die "could not make a database for import run $r"
		TOTEUMA_DATABASE=$db ./toteumactl migrate >>"$var/migrate.log" 2>&1 ||
		    die "migrate of import run $r failed"
	fi
	for n in 1000 10000; do
		read -r w dc cc < <(import_once "$db" "bench-$n" "$n")
		if [ "$n" = 10000 ]; then import_runs+=("$w $dc $cc"); fi
		if [ "$r" = 1 ]; then
			import_s[$n]=$(printf '%.1f' "$w")
			import_cpu[$n]=$(printf 'database %.1f s, toteumactl %.1f s' "$dc" "$cc")
		fi
		say "   run $r: imported bench-$n in $(printf '%.1f' "$w") s (CPU: database $dc s, toteumactl $cc s)"
	done
	if [ "$r" -gt 1 ]; then
		psql -X -q "$(echo "$conn" | sed 's/user=toteuma_owner/user=postgres/')" \
		    -c "DROP DATABASE toteuma_import$r" >/dev/null
	fi
done
if [ ${#import_runs[@]} -eq 3 ]; then
	import_med=$(printf '%s\n' "${import_runs[@]}" | sort -n | sed -n 2p)
	import_s[10000]=$(echo "$import_med" | awk '{printf "%.1f", $1}')
	import_cpu[10000]=$(echo "$import_med" | awk '{printf "database %.1f s, toteumactl %.1f s", $2, $3}')
	import_all=$(printf '%s\n' "${import_runs[@]}" | awk '{printf "%s%.1f", (NR > 1 ? ", " : ""), $1}')
fi
[ "$reuse" = yes ] || echo "$sum" >"$pgdir/bench.sum"
# What autovacuum would have done on a running site by now: measured
# right after the imports, the first commits and saves waited on it.
say "== VACUUM ANALYZE after the imports"
psql -X -q "$conn" -c "VACUUM ANALYZE" >"$var/vacuum.log" 2>&1 || die "VACUUM failed"

# ----------------------------------------------------------------- kore
say "== kore ($workers workers) on $kurl"
# The server connects as its own role, as in production.
TOTEUMA_DATABASE=$(echo "$conn" | sed 's/user=toteuma_owner/user=toteuma_app/') \
    TOTEUMA_WORKERS=$workers scripts/server.sh start "$name" "$kport" || die "kore did not start"
kore_pid=$(cat "var/$name.pid")

# Fetch a body from kore into www/FILE; print "status bytes".
fetch() { # URLPATH FILE
	curl -sS -o "$var/www/$2" -w '%{http_code} %{size_download}\n' "$kurl$1" 2>/dev/null || echo "000 0"
}

declare -A status size
# Run order: every 1,000-action page first, so that the workers' memory
# can be read before they have seen the 10,000-action process.
pages=(default-1000 gzip-1000 all-1000 search-1000 default-10000 search-10000)
declare -A kpath=(
	[default-1000]=/p/bench-1000
	[gzip-1000]=/p/bench-1000
	[default-10000]=/p/bench-10000
	[all-1000]='/p/bench-1000?per=all'
	[search-10000]="/p/bench-10000?q=$rep_q"
	[search-1000]="/p/bench-1000?q=$rep_q"
)
# The body nginx serves for page P: what kore answers right now.
fetch_page() { # P
	local st sz
	read -r st sz < <(fetch "${kpath[$1]}" "$1.html")
	status[$1]=$st size[$1]=$sz
	say "   ${kpath[$1]} -> HTTP $st, $sz bytes"
	# The compressed page: kore's own gzip body, which nginx then
	# serves with gzip_static.
	if [ "$1" = gzip-1000 ]; then
		curl -sS -H 'Accept-Encoding: gzip' -o "$var/www/$1.html.gz" "$kurl${kpath[$1]}"
		say "   gzip: $(stat -c %s "$var/www/$1.html.gz") bytes"
	fi
}
# Bytes on the wire of a page: plain, gzip and brotli (curl does not
# decompress unless asked).
wire() { # URLPATH
	local e out=""
	for e in identity gzip br; do
		out="$out $(curl -sS -H "Accept-Encoding: $e" -o /dev/null -w '%{size_download}' "$kurl$1")"
	done
	echo "$out"
}
ctype=$(curl -sS -o /dev/null -w '%{content_type}' "$kurl/p/bench-1000" 2>/dev/null || true)
say "   kore Content-Type: $ctype"
# A few sample searches (run just before the 10,000-action searches),
# taken off the end of the list so that the run does not repeat them.
tail -n 6 "$var/queries.txt" >"$var/samples.txt"
head -n -6 "$var/queries.txt" >"$var/queries.tmp" && mv "$var/queries.tmp" "$var/queries.txt"
samples() {
	local q r
	say "   sample searches (not reused in the run):"
	while read -r q; do
		r=$(curl -sS -o "$var/sample.html" -w 'HTTP %{http_code}, %{size_download} bytes, %{time_total} s' \
		    "$kurl/p/bench-10000?q=$q" 2>&1 || true)
		say "     q=$q -> $r; $(grep -o 'role="status"[^>]*>[^<]*' "$var/sample.html" 2>/dev/null |
		    sed 's/.*>//' | head -n 1)"
	done <"$var/samples.txt"
	rm -f "$var/sample.html"
}

# ---------------------------------------------------------------- nginx
say "== nginx ($workers workers) on $nurl"
if [ "$(id -u)" = 0 ]; then user="user root root;"; else user=""; fi
sed -e "s|@VAR@|$var|g" -e "s|@PORT@|$nport|g" -e "s|@WORKERS@|$workers|g" \
    -e "s|@USER@|$user|g" bench/nginx.conf >"$var/nginx/nginx.conf"
nginx -p "$var/nginx" -c "$var/nginx/nginx.conf" -e "$var/nginx/error.log" \
    >"$var/nginx/stdout.log" 2>&1 &
nginx_pid=$!
echo ok >"$var/www/ping.html"
for _ in $(seq 50); do
	curl -fsS -o /dev/null "$nurl/ping.html" 2>/dev/null && break
	sleep 0.1
done
curl -fsS -o /dev/null "$nurl/ping.html" || { cat "$var/nginx/error.log" >&2; die "nginx did not start"; }
nctype=$(curl -sS -o /dev/null -w '%{content_type}' "$nurl/ping.html")
say "   nginx Content-Type: $nctype"

# ------------------------------------------------------------------ wrk
# Runs wrk, keeps its output in var/bench/wrk/TAG.txt and prints
# "req/s p50_ms p99_ms errors repeats" (errors: non-2xx/3xx + socket errors).
runwrk() { # TAG URL [wrk options...] [-- script args...]
	local tag=$1 url=$2; shift 2
	local out="$var/wrk/$tag.txt"
	local opts=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
	wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout "${timeout}s" --latency "${opts[@]}" "$url" "$@" \
	    >"$out" 2>&1 || true
	wrkstats "$out"
}

# "req/s p50_ms p99_ms errors repeats" of a wrk output file.
wrkstats() { # FILE
	awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /m$/) return v * 60000
		if (v ~ /s$/) return v * 1000
		return v + 0
	}
	/^Requests\/sec:/ { rps = $2 }
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/Non-2xx or 3xx responses:/ { bad += $NF }
	/Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) sock += $i + 0 }
	/^Distinct queries:/ { rep = $(NF - 1) }
	END {
		err = (bad ? bad " non-2xx/3xx" : "") (bad && sock ? "+" : "") (sock ? sock " socket errors" : "")
		gsub(/ /, "_", err)
		printf "%s %s %s %s %d\n", rps == "" ? 0 : rps, p50 == "" ? 0 : p50, p99 == "" ? 0 : p99,
		    err == "" ? 0 : err, rep
	}
	' "$1"
}

declare -A krps kp50 kp99 kerr krep nrps np50 np99 nerr kdead
# kore workers that died so far (the parent logs each and restarts it)
deaths() { grep -cE '\(hdlr: .*\) gone' "var/$name.log" 2>/dev/null | head -n 1 || true; }
declare -A label=(
	[default-1000]="default view, 1,000 actions"
	[gzip-1000]="default view, gzip, 1,000 actions"
	[default-10000]="default view, 10,000 actions"
	[all-1000]="per=all, 1,000 actions"
	[search-10000]="varied searches, 10,000 actions"
	[search-1000]="varied searches, 1,000 actions"
)
declare -A target=([gzip-1000]=0.4 [default-1000]=0.35 [default-10000]=0.35 [all-1000]=0.25 [search-10000]=0.05 [search-1000]=0.05)

say "== warm-up (2 s, default view)"
wrk -t"$threads" -c"$conns" -d2s "$kurl/p/bench-1000" >/dev/null 2>&1 || true

declare -A mem1k
for p in "${pages[@]}"; do
	if [ "$p" = default-10000 ]; then
		# Peak memory so far: only the 1,000-action process was asked for.
		for pid in $(pgrep -P "$kore_pid" 2>/dev/null || true); do
			mem1k[$pid]=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
		done
	fi
	say "== $p"
	[ "$p" != search-10000 ] || samples
	fetch_page "$p"
	if [ "${status[$p]}" != 200 ]; then
		say "   kore answered HTTP ${status[$p]} to ${kpath[$p]}; skipped"
		continue
	fi
	say "   wrk -t$threads -c$conns -d${secs}s, kore then nginx"
	deaths0=$(deaths)
	case $p in
	search-*)
		slug=/p/bench-${p#search-}
		# A worker builds a process's search index on its first search
		# in a data version (~0.3 s at 10,000 actions): warm both
		# workers with searches that are not in the measured list.
		[ -s "$var/warmup.txt" ] || seq 1 50000 | sed 's/^/lammittelyhaku/' >"$var/warmup.txt"
		wrk -t"$threads" -c"$conns" -d1s -s bench/search.lua "$kurl$slug" -- "$slug" "$var/warmup.txt" "$threads" >/dev/null 2>&1 || true
		read -r "krps[$p]" "kp50[$p]" "kp99[$p]" "kerr[$p]" "krep[$p]" < <(runwrk "kore-$p" "$kurl$slug" \
		    -s bench/search.lua -- "$slug" "$var/queries.txt" "$threads")
		read -r "nrps[$p]" "np50[$p]" "np99[$p]" "nerr[$p]" _ < <(runwrk "nginx-$p" "$nurl/$p.html" \
		    -s bench/search.lua -- "/$p.html" "$var/queries.txt" "$threads")
		;;
	gzip-*)
		read -r "krps[$p]" "kp50[$p]" "kp99[$p]" "kerr[$p]" "krep[$p]" < <(runwrk "kore-$p" "$kurl${kpath[$p]}" \
		    -H "Accept-Encoding: gzip")
		read -r "nrps[$p]" "np50[$p]" "np99[$p]" "nerr[$p]" _ < <(runwrk "nginx-$p" "$nurl/$p.html" \
		    -H "Accept-Encoding: gzip")
		;;
	*)
		read -r "krps[$p]" "kp50[$p]" "kp99[$p]" "kerr[$p]" "krep[$p]" < <(runwrk "kore-$p" "$kurl${kpath[$p]}")
		read -r "nrps[$p]" "np50[$p]" "np99[$p]" "nerr[$p]" _ < <(runwrk "nginx-$p" "$nurl/$p.html")
		;;
	esac
	kdead[$p]=$(( $(deaths) - deaths0 ))
	say "   kore  ${krps[$p]} req/s, p50 ${kp50[$p]} ms, p99 ${kp99[$p]} ms, errors ${kerr[$p]//_/ }"
	say "   nginx ${nrps[$p]} req/s, p50 ${np50[$p]} ms, p99 ${np99[$p]} ms, errors ${nerr[$p]//_/ }"
done

# ------------------------------------------------------------ freshness
say "== freshness: 100 commits, each until every worker serves it"
fresh=$(node bench/fresh.mjs "$kurl" "$conn" bench-1000 "$workers" 100 2>"$var/fresh.err") || fresh=
say "   p50 p99 max ms: ${fresh:-failed ($(head -c 300 "$var/fresh.err"))}"

# ------------------------------------------------- search after a save
say "== the first search in each worker after a save, 10,000 actions"
patch=$(node bench/patch.mjs "$kurl" "$conn" bench-10000 "$workers" 100 2>"$var/patch.err") || patch=
say "   patched p50 p99 max, reloaded p50 p99 max ms: ${patch:-failed ($(head -c 300 "$var/patch.err"))}"

# ------------------------------------------------------------ mixed run
# The workers' peak from serving pages, read before the mixed run's unit
# editor signs in: checking a password takes Argon2id's 19 MiB for its
# moment, in whichever worker it falls.
declare -A mempages
for pid in $(pgrep -P "$kore_pid" 2>/dev/null || true); do
	mempages[$pid]=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
done
# Residents reading bench-10000 (half the connections on the default
# view, half on varied searches), first with nobody saving, then while a
# unit editor saves through the action form 2 actions a second in
# bench-1000 and one every 5 s in bench-10000 (bench/writer.mjs).
say "== mixed: reading, then reading while a unit saves"
node bench/gen.mjs queries --count "$nq" --rows 10000 --seed "$((seed + 7))" --out "$var/mixed-q.txt"
half=$(( $(wc -l <"$var/mixed-q.txt") / 2 ))
head -n "$half" "$var/mixed-q.txt" >"$var/mixed-q1.txt"
tail -n +"$((half + 1))" "$var/mixed-q.txt" >"$var/mixed-q2.txt"
wunit=$(psql -X -At "$conn" -c "SELECT u.name FROM unit u
    JOIN action_unit au ON au.unit_id = u.id JOIN action a ON a.id = au.action_id
    JOIN process p ON p.id = a.process_id WHERE p.slug IN ('bench-1000', 'bench-10000')
    GROUP BY u.name HAVING count(DISTINCT p.slug) = 2 ORDER BY count(*) DESC LIMIT 1")
wpass=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$wpass" | ./toteumactl user add bench-writer@example.fi --role editor \
    --unit "$wunit" >"$var/writer-user.log" 2>&1 || true
wids() { # SLUG: up to 50 ids of the writer's unit's actions there
	psql -X -At "$conn" -c "SELECT string_agg(id::text, ',') FROM (SELECT a.id
	    FROM action a JOIN action_unit au ON au.action_id = a.id
	    JOIN unit u ON u.id = au.unit_id JOIN process p ON p.id = a.process_id
	    WHERE p.slug = '$1' AND u.name = '$wunit' AND a.deleted_at IS NULL
	    ORDER BY a.id LIMIT 50) t"
}
# Both readers at once: "req/s p50 p99 errors" together (p99: the larger).
mixed_read() { # TAG QUERYFILE
	local c=$((conns / 2)) t=$((threads > 1 ? threads / 2 : 1))
	wrk -t$t -c$c -d"${secs}s" --timeout "${timeout}s" --latency \
	    "$kurl/p/bench-10000" >"$var/wrk/$1-default.txt" 2>&1 &
	wrk -t$t -c$c -d"${secs}s" --timeout "${timeout}s" --latency \
	    -s bench/search.lua "$kurl/p/bench-10000" -- /p/bench-10000 "$2" $t \
	    >"$var/wrk/$1-search.txt" 2>&1
	wait $!
	read -r r1 _ p1 e1 _ < <(wrkstats "$var/wrk/$1-default.txt")
	read -r r2 _ p2 e2 _ < <(wrkstats "$var/wrk/$1-search.txt")
	awk -v a="$r1" -v b="$r2" -v p="$p1" -v q="$p2" -v e="$e1" -v f="$e2" \
	    'BEGIN { printf "%.0f %s %s\n", a + b, (p > q ? p : q), (e == "0" && f == "0") ? 0 : e "+" f }'
}
# Both workers load the process's search index first (the runs above
# left it changed), as before the searches above.
wrk -t"$threads" -c"$conns" -d2s -s bench/search.lua "$kurl/p/bench-10000" \
    -- /p/bench-10000 "$var/warmup.txt" "$threads" >/dev/null 2>&1 || true
read -r mro mrop99 mroerr < <(mixed_read mixed-readonly "$var/mixed-q1.txt")
node bench/writer.mjs "$kurl" bench-writer@example.fi "$wpass" "$secs" \
    "$(wids bench-1000)" "$(wids bench-10000)" 2 5 >"$var/writer.txt" 2>"$var/writer.err" &
writer_pid=$!
read -r mrw mrwp99 mrwerr < <(mixed_read mixed-saving "$var/mixed-q2.txt")
wait "$writer_pid" || true
read -r wn wp50 wp99 wmax werr <"$var/writer.txt" || true
say "   read-only $mro req/s (p99 $mrop99 ms), while saving $mrw req/s (p99 $mrwp99 ms); saves ${wn:-failed} p99 ${wp99:-?} ms"

# ---------------------------------------------------- import preview
# Last of the runs: the peak memory of the workers from serving pages
# alone is read before the preview holds a 10,000-row table twice.
declare -A mempre
for pid in $(pgrep -P "$kore_pid" 2>/dev/null || true); do
	mempre[$pid]=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
done
say "== the backend's preview of the 10,000-action file, new and as a change"
preview=$(TOTEUMA_URL=$kurl TOTEUMA_DATABASE=$conn TOTEUMA_CTL=$PWD/toteumactl \
    node bench/preview.mjs "$var/bench-10000.csv" bench-10000 3 2>"$var/preview.err") || preview=
say "   new median max, changed median max ms: ${preview:-failed ($(head -c 300 "$var/preview.err"))}"

# --------------------------------------------------------------- memory
# Peak resident memory of each kore worker (children of the kore parent),
# read now, after every run.
mem_lines=()
mem_fail=0
for pid in $(pgrep -P "$kore_pid" 2>/dev/null || true); do
	[ -r "/proc/$pid/status" ] || continue
	title=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | sed 's/ *$//')
	hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
	rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
	mem_lines+=("$pid|$title|$hwm|$rss")
done
parent_hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$kore_pid/status" 2>/dev/null || echo 0)
kore_alive=yes; kill -0 "$kore_pid" 2>/dev/null || kore_alive=no

# ---------------------------------------------------------------- report
fmt_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.3fx", a / b; else printf "n/a" }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "n/a" && a + 0 >= b + 0) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "n/a" && a + 0 <= b + 0) }'; }

echo
echo "toteuma bench: wrk -t$threads -c$conns -d${secs}s --timeout ${timeout}s --latency on loopback, kore $workers workers," \
     "nginx $workers workers, $(nproc) CPUs, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average at start $load0, at end $(cut -d' ' -f1-3 /proc/loadavg)" \
     "(other work on the machine skews both kore and nginx)"
echo
printf '%-33s %11s %12s %7s %15s %8s %8s  %s\n' page "kore req/s" "nginx req/s" ratio target "p50 ms" "p99 ms" result
printf '%-33s %11s %12s %7s %15s %8s %8s  %s\n' "---------------------------------" "----------" "-----------" "-----" "--------------" "------" "------" "------"
notes=()
for p in "${pages[@]}"; do
	if [ -z "${krps[$p]:-}" ]; then
		st=${status[$p]}; [ "$st" != 000 ] || st="000, no response"
		printf '%-33s %11s %12s %7s %15s %8s %8s  %s\n' "${label[$p]}" - - - ">=${target[$p]}x" - - "FAIL (HTTP $st)"
		continue
	fi
	r=$(fmt_ratio "${krps[$p]}" "${nrps[$p]}")
	res=PASS; why=()
	ge "$r" "${target[$p]}" || { res=FAIL; why+=("ratio"); }
	if [ "${kerr[$p]}" != 0 ]; then res=FAIL; why+=("${kerr[$p]//_/ }"); fi
	if [ "${kdead[$p]}" -gt 0 ]; then res=FAIL; why+=("${kdead[$p]} worker deaths"); fi
	case $p in search-*)
		awk -v a="${kp99[$p]}" 'BEGIN { exit !(a < 50) }' || { res=FAIL; why+=("p99>=50ms"); }
		if [ "${krep[$p]}" -gt 0 ]; then notes+=("${label[$p]}: ${krep[$p]} queries repeated (list too short)"); fi
		;;
	esac
	if [ "${nerr[$p]}" != 0 ]; then notes+=("nginx had ${nerr[$p]//_/ } on ${label[$p]}"); fi
	[ ${#why[@]} -eq 0 ] || res="FAIL ($(IFS=,; echo "${why[*]}"))"
	tgt=">=${target[$p]}x"
	case $p in search-*) tgt="$tgt,p99<50" ;; esac
	printf '%-33s %11.0f %12.0f %7s %15s %8.2f %8.2f  %s\n' "${label[$p]}" "${krps[$p]}" "${nrps[$p]}" "$r" \
	    "$tgt" "${kp50[$p]}" "${kp99[$p]}" "$res"
done

line="nginx p50/p99 ms:"
for p in "${pages[@]}"; do
	[ -z "${nrps[$p]:-}" ] || line="$line $p $(printf '%.2f/%.2f' "${np50[$p]}" "${np99[$p]}")"
done
echo "$line"

# Scaling: the same page at 10,000 actions against 1,000.
scale() { # LABEL P1000 P10000
	local a=$2 b=$3
	if [ -z "${krps[$a]:-}" ] || [ -z "${krps[$b]:-}" ]; then
		printf '%-33s %s\n' "$1" "FAIL (not measured)"
		return
	fi
	local tr pr res
	tr=$(fmt_ratio "${krps[$a]}" "${krps[$b]}")      # time per request, 10k / 1k
	pr=$(fmt_ratio "${kp50[$b]}" "${kp50[$a]}")      # p50 latency, 10k / 1k
	res=PASS
	{ le "$tr" 1.5 && le "$pr" 1.5; } || res=FAIL
	printf '%-33s %11.0f %12.0f %7s %15s %8.2f %8.2f  %s\n' "$1" "${krps[$b]}" "${krps[$a]}" "$tr" "<=1.5x" \
	    "${kp50[$b]}" "${kp99[$b]}" "$res (p50 $pr)"
}
echo
printf '%-33s %11s %12s %7s %15s %8s %8s  %s\n' "scaling, 10,000 vs 1,000 actions" "10k req/s" "1k req/s" "time" target "p50 ms" "p99 ms" result
scale "default view" default-1000 default-10000
# Searches are not the same page at both sizes: more rows match at 10,000
# actions, so the pages are longer. Informational: time per request and
# per byte answered (from wrk's "requests in ..., N read" line).
avgbytes() { # TAG
	awk '/requests in/ {
		n = $1; v = $(NF - 1); u = v; sub(/[0-9.]+/, "", u); sub(/[A-Za-z]+$/, "", v)
		m = (u == "KB") ? 1024 : (u == "MB") ? 1048576 : (u == "GB") ? 1073741824 : 1
		printf "%.0f\n", v * m / n
	}' "$var/wrk/$1.txt"
}
if [ -n "${krps[search-1000]:-}" ] && [ -n "${krps[search-10000]:-}" ]; then
	b1=$(avgbytes kore-search-1000)
	b2=$(avgbytes kore-search-10000)
	tr=$(fmt_ratio "${krps[search-1000]}" "${krps[search-10000]}")
	br=$(awk -v a="$b1" -v b="$b2" -v t="$tr" 'BEGIN { printf "%.3fx", t / (b / a) }')
	printf '%-33s %11.0f %12.0f %7s %15s %8.2f %8.2f  %s\n' "varied searches (other pages)" \
	    "${krps[search-10000]}" "${krps[search-1000]}" "$tr" "info" "${kp50[search-10000]}" \
	    "${kp99[search-10000]}" "INFO: answers $b2 vs $b1 bytes on average; time per byte $br"
fi

echo
if [ -n "$fresh" ]; then
	read -r f50 f99 fmax <<<"$fresh"
	res=PASS; le "$f99" 100 || res=FAIL
	printf 'freshness, commit to every worker: p50 %s ms, p99 %s ms, max %s ms over 100 commits (target p99 <= 100 ms)  %s\n' \
	    "$f50" "$f99" "$fmax" "$res"
else
	echo "freshness: not measured  FAIL"
fi
res=PASS
awk -v a="$mrw" -v b="$mro" 'BEGIN { exit !(b > 0 && a / b >= 0.8) }' || res=FAIL
le "$mrwp99" 50 || res=FAIL
[ "$mrwerr" = 0 ] && [ "${werr:-1}" = 0 ] || res=FAIL
[ -n "${wp99:-}" ] && le "$wp99" 100 || res=FAIL
printf 'mixed run, 10,000 actions (default view and searches, %s connections): read-only %s req/s, while a unit saves %s req/s: %s (target >= 0.8x), p99 %s ms (target < 50), errors %s  %s\n' \
    "$conns" "$mro" "$mrw" "$(fmt_ratio "$mrw" "$mro")" "$mrwp99" "$mrwerr" "$res"
printf '  the saves (2 a second in bench-1000, one every 5 s in bench-10000, through the form): %s, p50 %s ms, p99 %s ms, max %s ms (target p99 < 100 ms), errors %s\n' \
    "${wn:-0}" "${wp50:-?}" "${wp99:-?}" "${wmax:-?}" "${werr:-?}"
if [ -n "$patch" ]; then
	read -r s50 s99 smax r50 r99 rmax <<<"$patch"
	res=PASS; le "$s99" 20 || res=FAIL
	printf 'first search in each worker after a save, 10,000 actions: p50 %s ms, p99 %s ms, max %s ms over 100 saves (target p99 < 20 ms)  %s\n' \
	    "$s50" "$s99" "$smax" "$res"
	printf '  beside it, after a change that moves rows (the index loaded again): p50 %s ms, p99 %s ms; p99 ratio %s\n' \
	    "$r50" "$r99" "$(fmt_ratio "$r99" "$s99")"
else
	echo "first search after a save: not measured  FAIL"
fi

echo
echo "bytes on the wire (plain, gzip, brotli; target: the default view at most a quarter):"
for p in default-1000 all-1000; do
	read -r plain gz brb < <(wire "${kpath[$p]}")
	res=PASS
	if [ "$p" = default-1000 ]; then
		awk -v a="$plain" -v g="$gz" -v b="$brb" 'BEGIN { exit !(a > 0 && g * 4 <= a && b * 4 <= a) }' || res=FAIL
	else
		res=INFO
	fi
	printf '  %-31s %9s %9s %9s  gzip %s, brotli %s  %s\n' "${label[$p]}" "$plain" "$gz" "$brb" \
	    "$(fmt_ratio "$gz" "$plain")" "$(fmt_ratio "$brb" "$plain")" "$res"
done

echo
echo "kore worker peak memory (VmHWM), limit 64 MB for serving pages:"
if [ ${#mem_lines[@]} -eq 0 ]; then
	echo "  no kore worker found (kore parent $kore_pid alive: $kore_alive)  FAIL"
fi
# The limit is for serving pages (every run before the mixed one); a
# staff sign-in (the mixed run's editor) and the backend's preview of a
# 10,000-row import, an admin's moment, are shown beside it.
mb() { [ -n "$1" ] && awk -v k="$1" 'BEGIN{printf "%.1f MB", k/1024}' || echo "n/a"; }
for l in "${mem_lines[@]}"; do
	IFS='|' read -r pid title hwm rss <<<"$l"
	k1=${mem1k[$pid]:-}
	k0=${mempages[$pid]:-$hwm}
	k2=${mempre[$pid]:-$hwm}
	res=PASS; [ "$k0" -lt $((64 * 1024)) ] || res=FAIL
	printf '  pid %-8s %-22s pages: peak %s (before the 10,000-action pages %s)  %s\n' \
	    "$pid" "${title:-?}" "$(mb "$k0")" "$(mb "$k1")" "$res"
	printf '  %-35s then the mixed run, its editor signing in: peak %s;\n' "" "$(mb "$k2")"
	printf '  %-35s then the import preview: peak %s, now %s\n' "" "$(mb "$hwm")" "$(mb "$rss")"
done
printf '  (kore parent pid %s: peak %.1f MB)\n' "$kore_pid" "$(awk -v k="${parent_hwm:-0}" 'BEGIN{print k/1024}')"
if [ "$(deaths)" -gt 0 ]; then
	echo "  (workers were restarted during the run: a restarted worker's peak counts only from its restart)"
fi

# Lighthouse (mobile preset, Debian's chromium) on the demo process's
# home, table and an action page (bench/lighthouse.mjs); a score below
# its target is a note like the others.
if [ -x bench/lighthouse/node_modules/.bin/lighthouse ]; then
	say "== Lighthouse"
	./toteumactl import --process asukaspaneeli-2024 --publish \
	    data/asukaspaneeli-2024.csv >"$var/import-demo.log" 2>&1 || true
	sleep 1.2
	node bench/lighthouse.mjs "$kurl" >"$var/lighthouse.txt" 2>&1 ||
	    notes+=("Lighthouse: a score below its target (var/bench/lighthouse.txt)")
	sed 's/^/  /' "$var/lighthouse.txt"
	say "== Lighthouse: toteuma beside a DataTables page of the same rows"
	node bench/datatables.mjs "$var/bench-1000.csv" "$var/www/dt" >&2
	echo
	echo "Lighthouse (mobile), 1,000 actions: toteuma beside the DataTables page (nginx, gzip) of the same rows:"
	node bench/lighthouse-compare.mjs "$kurl" bench-1000 "$nurl/dt/index.html" \
	    >"$var/lighthouse-compare.txt" 2>&1 ||
	    notes+=("Lighthouse: per=all at 1,000 actions below performance 90 (var/bench/lighthouse-compare.txt)")
	sed 's/^/  /' "$var/lighthouse-compare.txt"
else
	notes+=("Lighthouse not run: cd bench/lighthouse && npm ci")
fi

echo
res=PASS; [ "${import_s[10000]}" != - ] && le "${import_s[10000]}" 5 || res="FAIL (or not imported in this run)"
echo "import (toteumactl import): bench-1000 ${import_s[1000]} s, bench-10000 median ${import_s[10000]} s of ${import_all:-?} s, each into a fresh database (target <= 5 s)  $res"
echo "  CPU of the median 10,000-action import: ${import_cpu[10000]}"
if [ -n "$preview" ]; then
	read -r pn pnmax pc pcmax <<<"$preview"
	res=PASS; { le "$pnmax" 3000 && le "$pcmax" 3000; } || res=FAIL
	echo "import preview in the backend, 10,000 actions (3 runs): as a new process median $pn ms (max $pnmax), as a change of every tenth row median $pc ms (max $pcmax) (target <= 3 s)  $res"
else
	echo "import preview: not measured  FAIL"
fi
echo "bodies (bytes): $(for p in "${pages[@]}"; do printf '%s=%s ' "$p" "${size[$p]}"; done)"
echo "Content-Type: kore \"$ctype\", nginx \"$nctype\""
[ "$ctype" = "$nctype" ] || notes+=("Content-Type differs between kore and nginx")
while read -r l; do
	[ -z "$l" ] || notes+=("var/$name.log: $l")
done < <(grep -oE 'worker [0-9]+ \(pid: [0-9]+\) \(hdlr: .*\) gone|worker [0-9]+ died.*|seccomp violation.*' \
    "var/$name.log" 2>/dev/null |
    sed -E 's/pid(=|: )[0-9]+/pid\1N/; s/worker [0-9]+/worker N/' | sort | uniq -c | sed -E 's/^ *([0-9]+) (.*)/\2 (x\1)/')
[ "$kore_alive" = yes ] || notes+=("kore parent exited during the run")
for n in "${notes[@]}"; do echo "NOTE: $n"; done
echo "raw wrk output: var/bench/wrk/; kore log: var/$name.log; took $(( $(date +%s) - started )) s"
exit 0
