# Prints each function longer than max lines (80; from its return type
# to its closing brace) in the C files given, unless the comment just
# above it says it is "kept in one piece" (a parser's state machine).
# Exits 1 when it printed any. Usage: awk -f tools/long-functions.awk
# src/*/*.c
BEGIN { if (max == 0) max = 80; bad = 0 }
FNR == 1 { prev = ""; incomment = 0; keep = 0; start = 0 }
{
	if ($0 ~ /^\/\*/) { incomment = 1; keep = 0 }
	if (incomment && $0 ~ /kept in one piece/) keep = 1
	if (incomment && $0 ~ /\*\//) { incomment = 0; comment_end = FNR }
	if (!start && $0 ~ /^[a-z_][a-z_0-9]*\(/ && prev != "" &&
	    prev !~ /^[ \t#\/*]/ && prev !~ /;$/) {
		name = $0; sub(/\(.*/, "", name)
		start = FNR - 1
		kept = keep && comment_end == FNR - 2
	}
	if (start && $0 == "}") {
		n = FNR - start + 1
		if (n > max && !kept) {
			printf "%s:%d: %s is %d lines (at most %d)\n",
			    FILENAME, start + 1, name, n, max
			bad = 1
		}
		start = 0; keep = 0
	}
	prev = $0
}
END { exit bad }
