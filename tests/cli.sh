#!/bin/bash
# toteumactl against a real database (TOTEUMA_CLI_DATABASE): migrations,
# import with its error reports, export and the round trip.
set -u
export TOTEUMA_DATABASE=$TOTEUMA_CLI_DATABASE
ctl=${TOTEUMA_CTL:-./toteumactl}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0

ok() {	# ok CONDITION-STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
q() { psql -X -At "$TOTEUMA_DATABASE" -c "$1"; }
rows() { q "SELECT count(*) FROM action"; }
refused() {	# refused STATUS TEXT DESCRIPTION ARGS...: toteumactl ARGS exits
		# with STATUS ("fail": any but 0) and says TEXT
	local want=$1 text=$2 what=$3 rc
	shift 3
	out=$("$ctl" "$@" 2>&1); rc=$?
	if [ "$want" = fail ]; then [ $rc -ne 0 ]; else [ $rc -eq "$want" ]; fi &&
	    echo "$out" | grep -q -- "$text"
	ok $? "$what (exit $rc): $out"
}

# Migrations.
out=$("$ctl" migrate 2>&1); ok $? "migrate applies the migrations: $out"
echo "$out" | grep -q "applied 0001_schema.sql"; ok $? "0001 is applied"
out=$("$ctl" migrate 2>&1)
[ "$out" = "the schema is up to date" ]; ok $? "a second migrate does nothing"
q "UPDATE schema_migrations SET checksum = 'x' WHERE version = 1" >/dev/null
refused fail "0001_schema.sql was applied but its file has changed" "a changed applied migration stops migrate" \
    migrate
q "UPDATE schema_migrations SET checksum = '$(sha256sum migrations/0001_schema.sql | cut -c1-64)' WHERE version = 1" >/dev/null
q "INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 'x')" >/dev/null
refused fail "9999_future.sql is applied in the database but missing" "a migration missing from the build stops migrate" \
    migrate
q "DELETE FROM schema_migrations WHERE version = 9999" >/dev/null
"$ctl" migrate --status | grep -q "^applied  0002_import.sql"
ok $? "migrate --status lists applied migrations"

# Import and export.
out=$("$ctl" import --process asukaspaneeli-2024 --title "Paneeli" \
    data/asukaspaneeli-2024.csv 2>&1)
ok $? "the demo table imports: $out"
out=$("$ctl" import --process asukaspaneeli-2024 data/asukaspaneeli-2024.csv 2>&1)
[ "$out" = "asukaspaneeli-2024: no changes" ]; ok $? "re-importing the same file changes nothing: $out"
h0=$(q "SELECT count(*) FROM history")
"$ctl" import --process asukaspaneeli-2024 data/asukaspaneeli-2024.csv >/dev/null
[ "$(q "SELECT count(*) FROM history")" = "$h0" ]; ok $? "and writes no history"
"$ctl" export --process asukaspaneeli-2024 >"$tmp/e1.csv"; ok $? "export works"
"$ctl" import --process rt-copy "$tmp/e1.csv" >/dev/null; ok $? "the export imports as a new process"
"$ctl" export --process rt-copy >"$tmp/e2.csv"
cmp -s "$tmp/e1.csv" "$tmp/e2.csv"; ok $? "export -> import -> export is byte-identical"
"$ctl" import --process asukaspaneeli-2023 data/asukaspaneeli-2023.csv >/dev/null
"$ctl" export --process asukaspaneeli-2023 | cmp -s - data/asukaspaneeli-2023.csv
ok $? "the 2023 demo table is exported exactly as published"
# The same table as an Excel workbook (tests/http/xlsx_fixture.py).
/usr/bin/python3 -c 'import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
print(json.dumps({"sheets": [{"name": "Taulukko", "rows": rows}]}))' \
    data/asukaspaneeli-2023.csv | /usr/bin/python3 tests/http/xlsx_fixture.py \
    "$tmp/t.xlsx"
out=$("$ctl" import --process rt-xlsx --sheet Taulukko "$tmp/t.xlsx" 2>&1)
ok $? "an Excel workbook imports with --sheet: $out"
"$ctl" export --process rt-xlsx | cmp -s - data/asukaspaneeli-2023.csv
ok $? "and exports as the CSV it was made from"
echo '{"sheets": [{"name": "T", "rows": [["Suositus", "Tarkennus",
    "Toimenpide", "Aikataulu", "Status", "Vastuu", "Lisätieto"],
    ["1. Yksi", null, "Toimenpide", {"date": 45678}, "Suunnitteilla"]]}]}' |
    /usr/bin/python3 tests/http/xlsx_fixture.py "$tmp/date.xlsx"
out=$("$ctl" import --process rt-xlsx-date "$tmp/date.xlsx" 2>&1)
[ $? -eq 1 ] && echo "$out" | grep -q "date.xlsx:D2: column Aikataulu: the cell holds a date stored as a number (45678)"
ok $? "a date stored as a number is refused at its cell: $out"
out=$("$ctl" import --process rt-xlsx --sheet Taulukko data/asukaspaneeli-2023.csv 2>&1)
[ $? -eq 2 ] && echo "$out" | grep -q "is not an Excel workbook: --sheet is for a workbook"
ok $? "--sheet with a CSV file is a mistake said as such: $out"

# Publishing: a new process starts unpublished, as one made in the
# backend; --publish publishes it; a re-import keeps the state.
pub() { q "SELECT published FROM process WHERE slug = '$1'"; }
[ "$(pub asukaspaneeli-2024)" = f ]; ok $? "a new imported process is not published"
[ "$(pub rt-copy)" = f ]; ok $? "nor is a process imported from an export"
out=$("$ctl" import --process pub-new --publish data/asukaspaneeli-2024.csv 2>&1)
[ "$(pub pub-new)" = t ]; ok $? "--publish publishes a new process: $out"
echo "$out" | grep -q "not published"; [ $? -ne 0 ]; ok $? "and says nothing of an unpublished process"
out=$("$ctl" import --process pub-later data/asukaspaneeli-2024.csv 2>&1)
echo "$out" | grep -q "pub-later: the new process is not published"
ok $? "an unpublished new process is named in the output: $out"
sed 's/Käsitelty/Toteutettu/' "$tmp/e1.csv" >"$tmp/pub.csv"
"$ctl" import --process pub-new "$tmp/pub.csv" >/dev/null
[ "$(pub pub-new)" = t ]; ok $? "re-importing a published process keeps it published"
"$ctl" import --process asukaspaneeli-2024 data/asukaspaneeli-2024.csv >/dev/null
[ "$(pub asukaspaneeli-2024)" = f ]; ok $? "re-importing an unpublished process keeps it unpublished"
out=$("$ctl" import --process asukaspaneeli-2024 --publish data/asukaspaneeli-2024.csv 2>&1)
[ "$(pub asukaspaneeli-2024)" = t ]; ok $? "--publish publishes an existing process with an unchanged table: $out"

# A changed cell updates that action in place: same id, history kept.
id=$(q "SELECT a.id FROM action a JOIN process p ON p.id = a.process_id WHERE p.slug = 'rt-copy' AND a.body = 'Digiasiointialustan hankinta'")
sed '/Rääätälöidyt/s/Käsitelty Alusta kilpailutettu\. Käyttöönotto alkamassa\./Toteutettu Alusta otettu käyttöön./' "$tmp/e1.csv" >"$tmp/e3.csv"
! cmp -s "$tmp/e1.csv" "$tmp/e3.csv"; ok $? "the test edit changed the file"
"$ctl" import --process rt-copy "$tmp/e3.csv" >/dev/null
[ "$(q "SELECT s.code || ':' || a.status_note FROM action a JOIN status s ON s.id = a.status_id WHERE a.id = $id")" = "done:Alusta otettu käyttöön." ]
ok $? "the changed status is stored on the same action ($id)"
[ "$(q "SELECT count(*) FROM history WHERE table_name = 'action' AND row_id = $id AND operation = 'UPDATE'")" = 1 ]
ok $? "history records the change of that action"

# Bad input: a clear message with line and column, nothing written.
before=$(rows)
bad() {	# bad NAME EXPECTED-TEXT  (file content on stdin)
	cat >"$tmp/$1.csv"
	out=$("$ctl" import --process bad-file "$tmp/$1.csv" 2>&1); rc=$?
	[ $rc -ne 0 ] && echo "$out" | grep -q -- "$2" &&
	    echo "$out" | grep -q "nothing was changed" && [ "$(rows)" = "$before" ]
	ok $? "$1 is refused with \"$2\" and nothing is written"
}
head -1 data/asukaspaneeli-2024.csv >"$tmp/head"
bad empty-file "the file is empty" < <(printf '')
bad header-only "header but no rows" < <(cat "$tmp/head")
bad unbalanced-quote ":2: column Toimenpide: a quoted cell is never closed" < <({ cat "$tmp/head"; printf '1. A,,"unbalanced,,,,\r\n'; })
bad wrong-columns ":2: the row has 5 columns; expected 7" < <({ cat "$tmp/head"; printf '1. A,,x,,\r\n'; })
bad invalid-utf8 ":3: the file is not valid UTF-8" < <({ cat "$tmp/head"; printf '1. A,,x,,Käsitelty,,\r\n2. B,,\xff,,,,\r\n'; })
bad invalid-month ":2: column Aikataulu: month 13 is not between 1 and 12" < <({ cat "$tmp/head"; printf '1. A,,x,13/2025,,,\r\n'; })
bad reversed-schedule "the schedule ends before it starts" < <({ cat "$tmp/head"; printf '1. A,,x,3/2026 - 1/2025,,,\r\n'; })
bad unknown-status "column Status: \"Valmis\" does not start with a known status" < <({ cat "$tmp/head"; printf '1. A,,x,,Valmis,,\r\n'; })
bad ten-mb-cell "a cell is longer than 20000 bytes" < <({ cat "$tmp/head"; printf '1. A,,'; head -c 10485760 /dev/zero | tr '\0' 'x'; printf ',,,,\r\n'; })
bad metacharacters "does not start with a known status" < <({ cat "$tmp/head"; printf '1. A,,"<script>alert(1)</script>'"'"'; DROP TABLE action;--",,Valmis,,\r\n'; })
[ "$(q "SELECT count(*) FROM process WHERE slug = 'bad-file'")" = 0 ]
ok $? "no process was created by the refused files"
refused 2 "not a valid process slug" "an invalid slug is a usage error" \
    import --process "Bad Slug" data/asukaspaneeli-2024.csv
refused fail 'there is no process "no-such-process"' "export of an unknown process fails clearly" \
    export --process no-such-process
refused 2 "unknown command" "an unknown command is a usage error" frobnicate
"$ctl" --help | grep -q "import --process SLUG"; ok $? "--help describes import"
"$ctl" --help | grep -q -- "--publish"; ok $? "--help describes --publish"
out=$(TOTEUMA_DATABASE="host=/nonexistent dbname=x" "$ctl" migrate 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "cannot connect to the database"; ok $? "an unreachable database is reported"
# Staff accounts: the password from standard input, kept as an argon2id
# hash; a refused command creates nothing.
users() { q "SELECT count(*) FROM app_user"; }
hash_of() { q "SELECT password_hash FROM app_user WHERE email = '$1'"; }
pw='cli-salasana-pitkä-1'
out=$(echo "$pw" | "$ctl" user add cli-editor@example.org --role editor \
    --unit Tietohallinto 2>&1)
ok $? "user add creates an editor: $out"
case $(hash_of cli-editor@example.org) in
'$argon2id$v=19$m=19456,t=2,p=1$'*) true ;;
*) false ;;
esac
ok $? "the password is an argon2id hash with m=19456,t=2,p=1: $(hash_of cli-editor@example.org)"
[ "$(q "SELECT u.role || ':' || string_agg(un.name, ',') FROM app_user u JOIN user_unit uu ON uu.user_id = u.id JOIN unit un ON un.id = uu.unit_id WHERE u.email = 'cli-editor@example.org' GROUP BY u.role")" = "editor:Tietohallinto" ]
ok $? "the editor has the role and the unit given"
[ "$(q "SELECT count(*) FROM audit_log WHERE event = 'user.create' AND email = 'cli-editor@example.org'")" = 1 ]
ok $? "the new account is in the audit log"
out=$(echo "$pw" | "$ctl" user add CLI-Admin@Example.ORG --role admin 2>&1)
ok $? "user add creates an admin without units: $out"
[ "$(q "SELECT role FROM app_user WHERE email = 'cli-admin@example.org'")" = admin ]
ok $? "the address is kept in lower case"
u0=$(users)
uu0=$(q "SELECT count(*) FROM user_unit")
out=$(echo "lyhyt-11chr" | "$ctl" user add cli-short@example.org --role admin 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "too short" && [ "$(users)" = "$u0" ]
ok $? "an 11-character password is refused and nothing is created: $out"
out=$(echo "$pw" | "$ctl" user add cli-nounit@example.org --role editor \
    --unit Tietohallinto --unit "Ei tällaista yksikköä" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q 'there is no unit "Ei tällaista yksikköä"' &&
    [ "$(users)" = "$u0" ] && [ "$(q "SELECT count(*) FROM user_unit")" = "$uu0" ]
ok $? "an unknown unit is refused and the whole account is rolled back: $out"
h0=$(hash_of cli-editor@example.org)
out=$(echo "toinen-salasana-22" | "$ctl" user add cli-editor@example.org \
    --role admin 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "exists already" && [ "$(users)" = "$u0" ] &&
    [ "$(q "SELECT role FROM app_user WHERE email = 'cli-editor@example.org'")" = editor ] &&
    [ "$(hash_of cli-editor@example.org)" = "$h0" ]
ok $? "a second account with the same address is refused, the first kept: $out"
out=$(echo "$pw" | "$ctl" user add cli-lonely@example.org --role editor 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "needs at least one --unit" && [ "$(users)" = "$u0" ]
ok $? "an editor without --unit is refused: $out"
out=$(echo "$pw" | "$ctl" user add cli-role@example.org --role root 2>&1); rc=$?
[ $rc -eq 2 ] && [ "$(users)" = "$u0" ]; ok $? "an unknown role is refused: $out"

# A new password ends the user's sessions, and only theirs.
q "INSERT INTO staff_session (token_hash, user_id, csrf_token) SELECT sha256(convert_to(email || n, 'UTF8')), id, repeat('c', 43) FROM app_user, generate_series(1, 2) n WHERE email IN ('cli-editor@example.org', 'cli-admin@example.org')" >/dev/null
out=$(echo "lyhyt" | "$ctl" user passwd cli-editor@example.org 2>&1); rc=$?
[ $rc -ne 0 ] && [ "$(hash_of cli-editor@example.org)" = "$h0" ]
ok $? "user passwd refuses a short password and keeps the old one: $out"
out=$(echo "uusi-salasana-cli-9" | "$ctl" user passwd CLI-Editor@example.org 2>&1)
ok $? "user passwd sets a new password: $out"
h1=$(hash_of cli-editor@example.org)
[ "$h1" != "$h0" ] && case $h1 in '$argon2id$v=19$'*) true ;; *) false ;; esac
ok $? "the hash changed and is argon2id"
[ "$(q "SELECT count(*) FROM staff_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = 'cli-editor@example.org'")" = 0 ]
ok $? "the user's sessions are deleted"
[ "$(q "SELECT count(*) FROM staff_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = 'cli-admin@example.org'")" = 2 ]
ok $? "other users' sessions stay"
out=$(echo "uusi-salasana-cli-9" | "$ctl" user passwd nobody@example.org 2>&1); rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "there is no user"
ok $? "user passwd of an unknown address fails clearly: $out"
"$ctl" user list | grep -q "^cli-editor@example.org	editor	active	Tietohallinto$"
ok $? "user list shows the account, its role and units"
# user totp: a second factor, on at once; only hashes of its recovery codes.
out=$(TOTEUMA_BASE_URL=https://toteuma.example.fi "$ctl" user totp cli-admin@example.org 2>&1)
ok $? "user totp gives a second factor"
echo "$out" | grep -q '^secret: [A-Z2-7]\{32\}$' &&
    echo "$out" | grep -q '^uri: otpauth://totp/Toteuma%20toteuma.example.fi:cli-admin@example.org?secret=[A-Z2-7]\{32\}&issuer=' &&
    [ "$(echo "$out" | grep -c '^  [A-Z2-7]\{4\}-[A-Z2-7]\{4\}-[A-Z2-7]\{4\}-[A-Z2-7]\{4\}$')" = 10 ]
ok $? "it prints the key, the otpauth URI and ten recovery codes"
[ "$(q "SELECT count(*) FROM user_totp t JOIN app_user u ON u.id = t.user_id WHERE u.email = 'cli-admin@example.org' AND t.enabled_at IS NOT NULL")" = 1 ] &&
    [ "$(q "SELECT count(*) FROM user_recovery_code r JOIN app_user u ON u.id = r.user_id WHERE u.email = 'cli-admin@example.org'")" = 10 ]
ok $? "the second factor is on, with ten recovery code hashes"
refused 1 "there is no user" "user totp of an unknown address fails clearly" \
    user totp nobody@example.org
refused 2 "usage: toteumactl user totp EMAIL" "user totp without an address is a usage error" \
    user totp

# toteumactl check: what the systemd unit runs before the server.
envf=$tmp/toteuma.env
printf '# the server\nTOTEUMA_DATABASE="%s"\n\nTOTEUMA_BASE_URL=https://toteuma.example.fi\nTOTEUMA_TRUSTED_PROXIES=127.0.0.1 ::1\n' \
    "$TOTEUMA_DATABASE" >"$envf"
out=$(env -u TOTEUMA_DATABASE "$ctl" check --env-file "$envf" 2>&1)
ok $? "check takes a whole environment file: $out"
printf 'TOTEUMA_DATABSE=x\n' >>"$envf"
refused 1 "toteuma.env:6: unknown key \"TOTEUMA_DATABSE\"" "check names a misspelt key and its line" \
    check --env-file "$envf"
printf 'TOTEUMA_DATABASE=%s\nTOTEUMA_BASE_URL=ftp://x\n' "$TOTEUMA_DATABASE" >"$envf"
refused 1 "TOTEUMA_BASE_URL is not" "check refuses a base address that is not one" \
    check --env-file "$envf"
printf 'TOTEUMA_DATABASE=%s port=1\n' "$TOTEUMA_DATABASE" >"$envf"
refused 1 "cannot connect to the database" "check says when the database cannot be reached" \
    check --env-file "$envf"
last=$(q "SELECT max(version) FROM schema_migrations")
q "INSERT INTO schema_migrations VALUES (99, '0099_future.sql', 'x')" >/dev/null
refused 1 "newer than this build" "check refuses a schema newer than this build" check
q "DELETE FROM schema_migrations WHERE version = 99" >/dev/null
q "UPDATE schema_migrations SET version = -version WHERE version = $last" >/dev/null
refused 1 'run "toteumactl migrate"' "check says to migrate a schema older than this build" check
q "UPDATE schema_migrations SET version = -version WHERE version = -$last" >/dev/null
out=$("$ctl" check 2>&1)
ok $? "with every migration applied, check is content: $out"
echo "1..$n"
