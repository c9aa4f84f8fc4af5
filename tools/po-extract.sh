#!/bin/sh
# Writes the message template (POT) of every UI string: the {{_ ...}}
# messages of templates/ and the marked strings of src/. Translators
# update po/*.po from it with msgmerge.
# Usage: tools/po-extract.sh OUT.pot
set -eu
out=${1:?usage: $0 OUT.pot}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

xgettext --language=C --from-code=UTF-8 --no-wrap --package-name=toteuma \
    --keyword=T:2 --keyword=N_ --keyword=serve_error:4 \
    --keyword=render_error:3 --keyword=tmpl_message:2 \
    --keyword=api_error:4 \
    -o "$tmp/c.pot" src/*/*.c src/*/*.h

# Template messages are one line each: {{_ text}}.
grep -n -o '{{_ [^}]*}}' templates/*.html |
    awk '{
	split($0, a, ":"); loc = a[1] ":" a[2]
	msg = substr($0, length(a[1]) + length(a[2]) + 3)
	sub(/^\{\{_ /, "", msg); sub(/\}\}$/, "", msg)
	gsub(/\\/, "\\\\", msg); gsub(/"/, "\\\"", msg)
	if (!(msg in seen)) { seen[msg] = 1; order[++n] = msg; where[msg] = loc }
	else where[msg] = where[msg] " " loc
    } END {
	printf "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
	for (i = 1; i <= n; i++)
		printf "#: %s\nmsgid \"%s\"\nmsgstr \"\"\n\n", where[order[i]], order[i]
    }' >"$tmp/t.pot"
msgcat --no-wrap --use-first "$tmp/c.pot" "$tmp/t.pot" -o "$out"
