# Shared by the shell test suites: ". tests/lib.sh".

n=0
# ok STATUS TEXT: one TAP line.
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# fingerprint CONNINFO: every table of the schema with its number of
# rows, one per line in name order.
fingerprint() {
	psql -X -At "$1" -c "SELECT string_agg(format('%s %s', c.relname,
	    (xpath('/row/n/text()', query_to_xml(format(
	    'SELECT count(*) AS n FROM %I', c.relname), false, true, '')))[1]),
	    E'\n' ORDER BY c.relname) FROM pg_class c WHERE c.relkind = 'r'
	    AND c.relnamespace = 'public'::regnamespace"
}
