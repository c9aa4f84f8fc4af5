#!/bin/sh
# A short libFuzzer run of each parser of outside input (CSV import
# files, query strings, PO catalogues, uploads, the staff forms, and
# the public table from its query string to its SQL statement, and the
# ID tokens and key sets of a single sign-on provider, workbooks); "make
# fuzz" runs them longer.
set -u
n=0
for t in fuzz_csv fuzz_params fuzz_po fuzz_multipart fuzz_view fuzz_forms \
    fuzz_jwt fuzz_xlsx; do
	n=$((n + 1))
	make -s build/fuzz/$t >/dev/null || { echo "not ok $n - $t builds"; continue; }
	mkdir -p build/fuzz/corpus-$t
	if out=$(build/fuzz/$t -max_total_time=${FUZZ_SECONDS:-3} \
	    -max_len=65536 build/fuzz/corpus-$t fuzz/corpus/${t#fuzz_} 2>&1); then
		echo "ok $n - $t: $(echo "$out" | grep -a '^Done' | tail -1)"
	else
		echo "not ok $n - $t found a crash:"
		echo "$out" | tail -30
	fi
done
