#!/bin/sh
# make bench, issue 17 item 3: invitations over [milter] max_body are
# examined, streamed through parse/reduce.c. The Outlook invitation with
# a PDF attachment (tests/bench/mkmsg.py) at 10, 20 and 50 MB (the PDF
# is all but a few KB of it). For each size, a fresh invite-milter
# (max_body 10 MB, the default) fed by miltertest (tests/bench/feed.lua,
# 64 KB body chunks):
#   - peak RSS above idle (VmHWM minus VmHWM when idle);
#   - "ms" of its decision line (MAIL FROM to the decision, so it holds
#     miltertest's sending too; the least of three sends) and whether it
#     says streamed;
# and invite-check on the file (the same reducer): wall time (the least
# of three runs, start-up included) and peak RSS (wait4). Prints Markdown on stdout.
set -eu
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
case "$B" in /*) bin=$B ;; *) bin=$top/$B ;; esac
sizes=${STREAM_SIZES:-10M 20M 50M}
tmp=$(mktemp -d /tmp/im-stream.XXXXXX)
mpid=
cleanup() {
	[ -n "$mpid" ] && kill "$mpid" 2>/dev/null && wait "$mpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }

printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s/d.log\n' \
    "$tmp" >"$tmp/m.conf"
echo "| size | invite-milter peak RSS above idle | decision line ms | ms per MB | what the milter did | invite-check s | invite-check peak RSS |"
echo "|---|---|---|---|---|---|---|"
for s in $sizes; do
	f=$tmp/msg-$s.eml
	python3 tests/bench/mkmsg.py "$s" "$f"
	bytes=$(wc -c <"$f")
	chk=$(python3 -c '
import os, sys, time
best, rss = None, 0
for _ in range(3):
    t = time.monotonic()
    pid = os.spawnv(os.P_NOWAIT, sys.argv[1], sys.argv[1:])
    _, st, ru = os.wait4(pid, 0)
    d = time.monotonic() - t
    best = d if best is None else min(best, d)
    rss = max(rss, ru.ru_maxrss // 1024)
print("%.3f %d" % (best, rss))' \
	    "$bin/invite-check" -c "$tmp/m.conf" -D kommun.example "$f" 2>/dev/null | tail -1)
	rm -f "$tmp/m.sock" "$tmp/d.log"
	"$bin/invite-milter" -f -p "unix:$tmp/m.sock" -c "$tmp/m.conf" \
	    >"$tmp/m.out" 2>&1 &
	mpid=$!
	i=0; while [ ! -S "$tmp/m.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	idle=$(hwm "$mpid")
	MT_SOCK="unix:$tmp/m.sock" MT_FILE=$f miltertest -s tests/bench/feed.lua >"$tmp/mt.log" 2>&1 || true
	peak=$(hwm "$mpid")
	# two more for the time (the least of three)
	for _ in 1 2; do
		MT_SOCK="unix:$tmp/m.sock" MT_FILE=$f miltertest -s tests/bench/feed.lua >/dev/null 2>&1 || true
	done
	kill "$mpid"; wait "$mpid" 2>/dev/null || true; mpid=
	dl=$(grep '"event":"decision"' "$tmp/d.log" | tail -1 || true)
	ms=$(grep '"event":"decision"' "$tmp/d.log" | sed -n 's/.*"ms":\([0-9.]*\).*/\1/p' | sort -n | head -1)
	out=$(echo "$dl" | sed -n 's/.*"outcome":"\([a-z-]*\)".*/\1/p')
	case $dl in
	*'"streamed":'*) did="examined, streamed: $out" ;;
	?*) did="examined whole: $out" ;;
	*) did="NOT examined: $(grep -o '"event":"[a-z_]*"' "$tmp/d.log" | tail -1)" ;;
	esac
	grep -q . "$tmp/mt.log" && did="miltertest: $(head -1 "$tmp/mt.log")"
	echo "$s $bytes $idle $peak ${ms:-0} $chk" | awk -v did="$did" '{
	    mb = $2 / 1048576
	    printf "| %s (%d bytes) | %.1f MB (idle %.1f MB) | %.0f | %.1f | %s | %.3f | %d MB |\n",
		$1, $2, ($4 - $3) / 1024, $3 / 1024, $5, $5 / mb, did, $6, $7 }'
done
