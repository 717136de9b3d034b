#!/bin/sh
# Issue 17: peak RSS of invite-check on hostile message shapes
# (tests/bench/mkshapes.py) of SIZES (default "1M 4M 8M"), above its
# peak on a small invitation (idle), and the ratio of that to the
# message's size: the daemon reserves 4x a message's size at its parse
# ([milter] memory_limit), so every shape should stay at or under 4
# (plus a small constant). SHAPES picks shapes (default all). Prints a
# Markdown table with the verdict (action, and the limit hit if any).
set -eu
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
sizes=${SIZES:-"1M 4M 8M"}
shapes=${SHAPES:-"hdr-top hdr-part fold params rfc2231 parts-flat parts-nested empty-parts ew-subject ics-b64 ics-props ics-comps ics-params attendees longline addresses"}
tmp=$(mktemp -d /tmp/im-shapes.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
peak() { /usr/bin/time -f %M -o "$tmp/t" "$B/invite-check" -D kommun.example \
    --json "$1" >"$tmp/j" 2>/dev/null || true; tail -n 1 "$tmp/t"; }
idle=$(peak tests/corpus/001-teams-clean.eml)
echo "| shape | size | MB | peak above idle, MB | ratio | verdict |"
echo "|---|---|---|---|---|---|"
for s in $shapes; do
	for z in $sizes; do
		python3 tests/bench/mkshapes.py "$s" "$z" "$tmp/m.eml"
		bytes=$(wc -c <"$tmp/m.eml")
		kb=$(peak "$tmp/m.eml")
		v=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(d.get("verdict","?") + ((" (" + d["limit"] + ")") if d.get("limit") else ""))' "$tmp/j" 2>/dev/null || echo "?")
		echo "$s $z $bytes $kb $idle" | awk -v v="$v" '{
		    printf "| %s | %s | %.1f | %.1f | %.1f | %s |\n", $1, $2,
		    $3 / 1048576, ($4 - $5) / 1024, ($4 - $5) * 1024 / $3, v }'
	done
done
