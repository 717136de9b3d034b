#!/bin/sh
# The shape of the house (ARCHITECTURE.md): dependencies point one way,
# lowest room first:
#   parse -> rules -> conf -> pipeline -> notice -> milter | cli
# A file may include headers of its own room and of rooms below it,
# never of a room above it (nor milter/ and cli/ each other's), and
# never another room's internal header (NAME_int.h). This
# reads every #include "..." line of the rooms and fails on each one
# that runs against the direction, naming the file, line and target.
# It also proves it can fail: an upward include written to a scratch
# copy of parse/ must be caught.
. "$(dirname "$0")/../lib.sh"
cd "$TOP" || exit 1

rank() {
	case "$1" in
	parse) echo 0 ;; rules) echo 1 ;; conf) echo 2 ;; pipeline) echo 3 ;;
	notice) echo 4 ;; milter) echo 5 ;; cli) echo 6 ;; *) echo -1 ;;
	esac
}

# upward DIR...: prints "file:line: includes target" per wrong include.
upward() {
	for room in "$@"; do
		r=$(rank "$(basename "$room")")
		for f in "$room"/*.c "$room"/*.h; do
			[ -f "$f" ] || continue
			grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
			while IFS= read -r l; do
				n=${l%%:*}
				t=$(printf '%s\n' "$l" | sed 's/.*include[[:space:]]*"\([^"]*\)".*/\1/')
				case "$t" in
				../*/*) to=$(echo "$t" | cut -d/ -f2) ;;
				*/*) to=$(echo "$t" | cut -d/ -f1) ;;
				*) continue ;;		# same room
				esac
				tr=$(rank "$to")
				if [ "$tr" -lt 0 ]; then
					echo "$f:$n: includes $t (no such room)"
				elif [ "$tr" -ne "$r" ] &&
				    [ "${t%_int.h}" != "$t" ]; then
					echo "$f:$n: includes $t (another room's inside)"
				elif [ "$tr" -gt "$r" ] ||
				    { [ "$tr" -eq 5 ] && [ "$r" -eq 6 ]; }; then
					echo "$f:$n: includes $t (a room above)"
				fi
			done
		done
	done
}

for room in parse rules conf pipeline notice milter cli; do
	if [ ! -d "$room" ]; then
		skip "$room/ includes only its own and lower rooms" "no $room/"
		continue
	fi
	bad=$(upward "$room")
	test -z "$bad"
	ok $? "$room/ includes only its own and lower rooms"
	[ -z "$bad" ] || printf '%s\n' "$bad" | sed 's/^/#   /'
done

# The check itself can fail: a copy of parse/ with an include of rules/.
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/parse"
printf '#include "../rules/verdict.h"\n#include "invite.h"\n' >"$tmp/parse/x.c"
bad=$(upward "$tmp/parse")
case "$bad" in
*"x.c:1: includes ../rules/verdict.h (a room above)"*) r=0 ;;
*) r=1 ;;
esac
ok $r "an upward include (parse -> rules) is caught"
printf '#include "../milter/milter.h"\n' >"$tmp/parse/x.c"
mkdir "$tmp/cli" && cp "$tmp/parse/x.c" "$tmp/cli/y.c"
bad=$(upward "$tmp/cli")
case "$bad" in *"y.c:1: includes ../milter/milter.h"*) r=0 ;; *) r=1 ;; esac
ok $r "cli/ including milter/ is caught"
printf '#include "../parse/parse_int.h"\n' >"$tmp/cli/y.c"
bad=$(upward "$tmp/cli")
case "$bad" in *"another room's inside"*) r=0 ;; *) r=1 ;; esac
ok $r "an include of another room's internal header is caught"
