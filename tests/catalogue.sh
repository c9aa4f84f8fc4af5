#!/bin/sh
# Every UI string of the templates and the C sources is in every
# language's PO file, translated, and the PO files are valid.
set -u
pot=var/test-out/toteuma.pot
tools/po-extract.sh "$pot" || { echo "not ok - extracting messages failed"; exit 1; }
n=0
for l in fi sv en; do
	n=$((n + 1))
	if out=$(msgfmt -c --statistics -o /dev/null "po/$l.po" 2>&1) &&
	    ! echo "$out" | grep -q 'untranslated\|fuzzy'; then
		echo "ok $n - po/$l.po is valid and fully translated ($out)"
	else
		echo "not ok $n - po/$l.po: $out"
	fi
	n=$((n + 1))
	if out=$(msgcmp "po/$l.po" "$pot" 2>&1); then
		echo "ok $n - po/$l.po has every message of the sources"
	else
		echo "not ok $n - po/$l.po lacks messages: $out"
	fi
done
