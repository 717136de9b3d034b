#!/bin/sh
# json-snapshot.sh CHECK OUT: invite-check --json over every corpus the
# project has (tests/corpus, ../shared/corpus/external, the evasion corpus
# that tests/evasion/gen.py writes, the fuzz seeds and regressions), once
# with the built-in defaults and once with -D kommun.example, one JSON
# line per file, into OUT. Two snapshots of two builds are compared with
# cmp: a refactoring must leave them byte-identical.
set -u
chk=$1 out=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 "$top/tests/evasion/gen.py" "$tmp/ev" >/dev/null || exit 1
find "$top/tests/corpus" "$top/../shared/corpus/external" "$tmp/ev" \
    "$top/tests/fuzz/seeds" "$top/tests/fuzz/regress" -type f \
    \( -name '*.eml' -o -name '*.ics' -o -path '*/regress/message/*' \
       -o -path '*/regress/ics/*' \) | LC_ALL=C sort >"$tmp/files"
: >"$out"
while read -r f; do
	rel=${f#"$top"/}; rel=${rel#"$tmp"/}
	for d in "" kommun.example; do
		if [ -n "$d" ]; then set -- -D "$d"; else set --; fi
		printf '%s %s\t' "$rel" "$d" >>"$out"
		"$chk" "$@" --json -- "$f" 2>&1 | sed "s|$tmp/||g; s|$top/||g" \
		    | tr '\n' ' ' >>"$out"
		echo >>"$out"
	done
done <"$tmp/files"
echo "$(wc -l <"$tmp/files") files, $(wc -l <"$out") lines in $out"
