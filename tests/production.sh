#!/bin/sh
# The production layout, as a county runs it: "make install" into a
# staging root; the systemd unit verified; the service user and the
# workers' chroot made by the shipped sysusers and tmpfiles entries;
# "toteumactl check" as the unit runs it; Kore started as root so that
# each worker drops to the service user inside its chroot (seccomp on),
# reaching PostgreSQL as the least-privilege role over TCP with a
# password; the shipped nginx site in front with TLS (a throwaway
# self-signed certificate) on loopback. Then the public and staff HTTP
# tests through HTTPS, and what only production has
# (tests/production/*.test.mjs). Needs root: Kore drops privileges only
# when it has them.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. tests/lib.sh
if [ "$(id -u)" != 0 ]; then
	echo "ok 1 # SKIP not root: Kore drops privileges only when started as root"
	echo "1..1"
	exit 0
fi

pgport=${TOTEUMA_PROD_PG_PORT:-5499}
kport=${TOTEUMA_PROD_PORT:-8481}
hport=${TOTEUMA_PROD_HTTP_PORT:-8480}
sport=${TOTEUMA_PROD_HTTPS_PORT:-8443}
oport=${TOTEUMA_PROD_OIDC_PORT:-8482}
# Under /var/tmp: the service user and postgres reach it.
work=$(mktemp -d /var/tmp/toteuma-prod.XXXXXX)
chmod 755 "$work"
stage=$work/stage
chroot=$work/root
kpid=
opid=
cleanup() {
	[ -n "$opid" ] && kill "$opid" 2>/dev/null
	[ -n "$kpid" ] && kill "$kpid" 2>/dev/null
	[ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
	scripts/cluster.sh stop "$work/pg" >/dev/null 2>&1
	sleep 0.5
	[ -n "$kpid" ] && kill -9 "$kpid" 2>/dev/null
	if [ -L "$work/pg/data.link" ]; then rm -rf "$(readlink "$work/pg/data.link")"; fi
	rm -rf "$work"
}
trap cleanup EXIT

# ---- Install and the unit. ----
make -s install DESTDIR="$stage" PREFIX=/usr CHROOT="$chroot" \
    >"$work/install.log" 2>&1
ok $? "make install puts the production layout in a staging root"
for f in usr/bin/toteumactl usr/lib/toteuma/toteuma.so etc/toteuma/kore.conf \
    etc/toteuma/toteuma.env usr/lib/systemd/system/toteuma.service \
    usr/lib/systemd/system/toteuma-mail.service \
    usr/lib/sysusers.d/toteuma.conf usr/lib/tmpfiles.d/toteuma.conf \
    etc/nginx/sites-available/toteuma usr/share/man/man8/toteumactl.8; do
	[ -f "$stage/$f" ] || { echo "# missing: $f"; false; } || break
done
ok $? "every file is in its Debian place"
grep -q "^runas[[:space:]]*toteuma$" "$stage/etc/toteuma/kore.conf" &&
    grep -q "^root[[:space:]]*$chroot$" "$stage/etc/toteuma/kore.conf"
ok $? "the installed Kore configuration drops to toteuma in the chroot"
! grep -q -- "-r -n\|-rn" "$stage/usr/lib/systemd/system/toteuma.service"
ok $? "the unit never starts Kore with -r -n"
sed -e "s|/usr/bin/toteumactl|$stage/usr/bin/toteumactl|" \
    -e "s|/etc/toteuma|$stage/etc/toteuma|g" \
    "$stage/usr/lib/systemd/system/toteuma.service" >"$work/toteuma.service"
out=$(MANPATH=$stage/usr/share/man systemd-analyze verify \
    "$work/toteuma.service" 2>&1)
ok $? "systemd-analyze verify passes on the unit $out"
sed -e "s|/usr/bin/toteumactl|$stage/usr/bin/toteumactl|" \
    -e "s|/etc/toteuma|$stage/etc/toteuma|g" \
    "$stage/usr/lib/systemd/system/toteuma-mail.service" \
    >"$work/toteuma-mail.service"
out=$(MANPATH=$stage/usr/share/man systemd-analyze verify \
    "$work/toteuma-mail.service" 2>&1)
ok $? "systemd-analyze verify passes on the mail sender's unit $out"

out=$("$stage/usr/bin/toteumactl" check --env-file \
    "$stage/etc/toteuma/toteuma.env" 2>&1)
[ $? = 1 ] && echo "$out" | grep -q "cannot connect to the database"
ok $? "the shipped environment file has only known keys and usable values (it stops at the database it names: $out)"

# ---- The service user and the workers' root. ----
systemd-sysusers "$stage/usr/lib/sysusers.d/toteuma.conf" >/dev/null 2>&1
id -u toteuma >/dev/null 2>&1 && [ "$(id -u toteuma)" != 0 ]
ok $? "sysusers makes the unprivileged service user"
systemd-tmpfiles --create "$stage/usr/lib/tmpfiles.d/toteuma.conf" \
    >/dev/null 2>&1
[ "$(stat -c %U:%a "$chroot")" = root:755 ] &&
    [ "$(stat -c %U:%a "$chroot/tmp")" = toteuma:700 ]
ok $? "tmpfiles makes the chroot: root's, but for its tmp/"

# ---- The database: the server's role needs a password. ----
owner=$(TOTEUMA_PG_TCP=$pgport TOTEUMA_PG_FSYNC=off \
    scripts/cluster.sh start "$work/pg") || { echo "not ok - no database"; exit 1; }
super=$(echo "$owner" | sed 's/user=toteuma_owner/user=postgres/')
pw=$(openssl rand -hex 16)
data=$work/pg/data
[ -L "$data.link" ] && data=$(readlink "$data.link")
{ echo "host all toteuma_app 127.0.0.1/32 scram-sha-256"; cat "$data/pg_hba.conf"; } \
    >"$work/hba" && cat "$work/hba" >"$data/pg_hba.conf"
psql -X -q "$super" -c "ALTER ROLE toteuma_app PASSWORD '$pw'" \
    -c "SELECT pg_reload_conf()" >/dev/null
TOTEUMA_DATABASE=$owner "$stage/usr/bin/toteumactl" migrate >/dev/null
grep -v '^#' data/demo.tsv | while IFS='	' read -r slug title; do
	TOTEUMA_DATABASE=$owner "$stage/usr/bin/toteumactl" import \
	    --process "$slug" --title "$title" --publish "data/$slug.csv" >/dev/null
done
# The same data as tests/env.sh: the HTTP tests expect it.
TOTEUMA_DATABASE=$owner "$stage/usr/bin/toteumactl" import \
    --process testi-sivutus --title "Testi: sivutus" --publish \
    tests/fixtures/testi-sivutus.csv >/dev/null
app="host=127.0.0.1 port=$pgport dbname=toteuma user=toteuma_app sslmode=disable gssencmode=disable"
cat >"$work/toteuma.env" <<ENV
# As /etc/toteuma/toteuma.env would be on this machine.
TOTEUMA_DATABASE="$app password=$pw"
TOTEUMA_BASE_URL=https://127.0.0.1:$sport
TOTEUMA_TRUSTED_PROXIES=127.0.0.1
TOTEUMA_HTTPS=1
TOTEUMA_OIDC_ISSUER=http://127.0.0.1:$oport
TOTEUMA_OIDC_CLIENT_ID=toteuma
TOTEUMA_OIDC_CLIENT_SECRET_FILE=$work/oidc-secret
ENV
# Read by Kore's parent, as root, before the workers drop to the chroot.
(umask 077; echo test-client-secret-not-for-production >"$work/oidc-secret")
out=$("$stage/usr/bin/toteumactl" check --env-file "$work/toteuma.env" 2>&1)
ok $? "toteumactl check, as the unit runs it: $out"
sed "s/password=$pw/password=wrong/" "$work/toteuma.env" >"$work/wrong.env"
out=$("$stage/usr/bin/toteumactl" check --env-file "$work/wrong.env" 2>&1)
[ $? = 1 ] && echo "$out" | grep -q "password authentication failed"
ok $? "a wrong database password stops the start with a clear line: $out"

# ---- Kore as root, the workers as toteuma in the chroot. ----
KORE_MODULE=$stage/usr/lib/toteuma/toteuma.so KORE_PORT=$kport \
    KORE_WORKERS=2 KORE_PIDFILE=$work/kore.pid KORE_RUNAS=toteuma \
    KORE_ROOT=$chroot scripts/kore-conf.sh >"$work/kore.conf"
(
	set -a
	. "$work/toteuma.env"
	set +a
	exec stdbuf -oL -eL kore -f -c "$work/kore.conf"
) >"$work/kore.log" 2>&1 </dev/null &
kpid=$!
i=0
until curl -fsS -o /dev/null "http://127.0.0.1:$kport/healthz" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$kpid" 2>/dev/null; then
		echo "# the server did not start:"; sed 's/^/# /' "$work/kore.log" | tail -20
		break
	fi
	sleep 0.1
done
curl -fsS -o /dev/null "http://127.0.0.1:$kport/healthz"
ok $? "the installed server starts as root and answers /healthz"
workers=$(pgrep -P "$kpid")
bad=0
for w in $workers; do
	uid=$(awk '/^Uid:/ { print $2 }' "/proc/$w/status")
	[ "$uid" = "$(id -u toteuma)" ] || bad=1
	[ "$(readlink "/proc/$w/root")" = "$chroot" ] || bad=1
	[ "$(awk '/^Seccomp:/ { print $2 }' "/proc/$w/status")" = 2 ] || bad=1
done
[ -n "$workers" ] && [ $bad = 0 ]
ok $? "each worker runs as toteuma, inside the chroot, under seccomp ($(echo $workers | wc -w) workers)"

# Single sign-on from inside the chroot, with the sandbox on: the
# provider comes up after the server, so each worker fetches the
# discovery document itself, in a task thread (libcurl; the CA
# certificates were read before the chroot; a loopback address needs
# no resolver).
(cd tests && TOTEUMA_OIDC_PORT=$oport TOTEUMA_URL=https://127.0.0.1:$sport \
    exec node oidc-provider.mjs) >"$work/oidc.log" 2>&1 </dev/null &
opid=$!
i=0
until curl -fsS -o /dev/null \
    "http://127.0.0.1:$oport/.well-known/openid-configuration" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1
done
bad=0
for w in 1 2 3 4; do
	loc=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' \
	    --max-time 15 "http://127.0.0.1:$kport/login/oidc")
	case "$loc" in "303 http://127.0.0.1:$oport/auth?"*) ;; *) bad=1 ;; esac
done
[ $bad = 0 ]
ok $? "a worker in the chroot reaches the single sign-on provider: $loc"
kill "$opid" 2>/dev/null
opid=

(
	set -a
	. "$work/toteuma.env"
	set +a
	exec kore -f -c "$work/kore.conf"
) >"$work/second.log" 2>&1 </dev/null
rc=$?
[ $rc != 0 ] && grep -q "Address already in use" "$work/second.log" &&
    curl -fsS -o /dev/null "http://127.0.0.1:$kport/healthz"
ok $? "a second server on the same port stops with a clear line, and the first keeps answering: $(grep -m1 bind "$work/second.log")"

# ---- nginx with TLS in front. ----
mkdir -p "$work/nginx/cache"
chown www-data "$work/nginx/cache"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$work/nginx/key.pem" \
    -out "$work/nginx/cert.pem" >/dev/null 2>&1
sed -e "s|listen 80;|listen 127.0.0.1:$hport;|" \
    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$sport ssl http2;|" \
    -e '/listen \[::\]/d' \
    -e "s|server 127.0.0.1:8080;|server 127.0.0.1:$kport;|" \
    -e "s|server_name toteuma.example.fi;|server_name 127.0.0.1;|" \
    -e "s|/var/cache/nginx/toteuma|$work/nginx/cache|" \
    -e "s|/etc/ssl/certs/toteuma.example.fi.pem|$work/nginx/cert.pem|" \
    -e "s|/etc/ssl/private/toteuma.example.fi.key|$work/nginx/key.pem|" \
    "$stage/etc/nginx/sites-available/toteuma" >"$work/nginx/site.conf"
nginx_main "$work/nginx" "$work/nginx/site.conf"
out=$(nginx -t -c "$work/nginx/nginx.conf" 2>&1)
ok $? "nginx accepts the shipped site: $(echo "$out" | tail -1)"
sed "s|$work/nginx/cert.pem|$work/nginx/missing.pem|" "$work/nginx/site.conf" \
    >"$work/nginx/site-bad.conf"
sed "s|site.conf|site-bad.conf|" "$work/nginx/nginx.conf" >"$work/nginx/bad.conf"
out=$(nginx -t -c "$work/nginx/bad.conf" 2>&1)
[ $? != 0 ] && echo "$out" | grep -q "missing.pem"
ok $? "a missing certificate stops nginx with a line naming it: $(echo "$out" | grep -m1 emerg | cut -c1-100)"
nginx -c "$work/nginx/nginx.conf"
i=0
until curl -fsS --cacert "$work/nginx/cert.pem" -o /dev/null \
    "https://127.0.0.1:$sport/healthz" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 50 ] && break; sleep 0.1
done

# ---- The HTTP tests through HTTPS, and production's own. ----
export TOTEUMA_URL=https://127.0.0.1:$sport
export TOTEUMA_HTTP_URL=http://127.0.0.1:$hport
export TOTEUMA_DIRECT_URL=http://127.0.0.1:$kport
export NODE_EXTRA_CA_CERTS=$work/nginx/cert.pem
export TOTEUMA_DATABASE=$owner
export TOTEUMA_CTL=$stage/usr/bin/toteumactl
export TOTEUMA_TEST_LOG=$work/kore.log
for f in tests/http/public.test.mjs tests/http/backend.test.mjs \
    tests/production/*.test.mjs; do
	node --test --test-reporter=tap "$f" >"$work/node.tap" 2>&1
	rc=$?
	p=$(grep -c '^# pass' "$work/node.tap")
	summary=$(grep '^# \(pass\|fail\)' "$work/node.tap" | tr '\n' ' ')
	if [ $rc != 0 ]; then
		grep -B2 -A25 '^not ok' "$work/node.tap" | head -60 | sed 's/^/# /'
	fi
	[ "$p" -gt 0 ] && [ $rc = 0 ]
	ok $? "$f through nginx and TLS: $summary"
done
if grep -q 'statement has no column\|runtime error' "$work/kore.log"; then
	grep 'statement has no column\|runtime error' "$work/kore.log" | head -5 | sed 's/^/# /'
	false
fi
ok $? "the server's log has no mistakes in it"
echo "1..$n"
