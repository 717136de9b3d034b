#!/bin/sh
# parse-diff.sh OLD NEW: differential check of the parser. OLD and NEW
# are two builds of tests/tools/invdump (e.g. one from git worktree of
# the previous commit, one from build/tests/invdump). Both print the
# struct invite of every file of tests/corpus, ../shared/corpus/external,
# the fuzz seeds and regressions, a fresh evasion corpus (tests/evasion/
# gen.py) and build/bench/att-*.eml if present, through parse_any,
# parse_message and parse_ics, with the default [limits] and with small
# ones. Prints the names of the files whose invites differ (never their
# content: it holds the messages' text) and exits 1 if any does.
set -u
[ $# -eq 2 ] || { echo "usage: parse-diff.sh OLD-invdump NEW-invdump" >&2; exit 2; }
old=$1 new=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tests/evasion/gen.py "$tmp/ev" >/dev/null || exit 2
{
	find tests/corpus ../shared/corpus/external tests/fuzz/seeds \
	    tests/fuzz/regress "$tmp/ev" -type f ! -name '*.c' \
	    ! -name '*.tsv' 2>/dev/null
	ls build/bench/att-*.eml 2>/dev/null
} | sort > "$tmp/list"
rc=0
for flags in "-a" "-a -s"; do
	# shellcheck disable=SC2086
	xargs -d '\n' "$old" $flags < "$tmp/list" > "$tmp/old" 2>/dev/null
	# shellcheck disable=SC2086
	xargs -d '\n' "$new" $flags < "$tmp/list" > "$tmp/new" 2>/dev/null
	if cmp -s "$tmp/old" "$tmp/new"; then
		echo "invdump $flags: $(wc -l < "$tmp/list") files identical"
	else
		rc=1
		echo "invdump $flags: DIFFERENT in:"
		# the "== FILE" line above each differing line
		diff "$tmp/old" "$tmp/new" | grep -c '^[<>]' | sed 's/^/  lines differing: /'
		awk '/^== /{f=$2} {print f "\t" $0}' "$tmp/old" > "$tmp/o2"
		awk '/^== /{f=$2} {print f "\t" $0}' "$tmp/new" > "$tmp/n2"
		diff "$tmp/o2" "$tmp/n2" | sed -n 's/^[<>] \([^	]*\)	.*/  \1/p' | sort -u
	fi
done
exit $rc
