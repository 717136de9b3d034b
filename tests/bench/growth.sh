#!/bin/sh
# make bench, part 2 of issue 8: how time and memory grow with the size
# of a message. The Outlook invitation with a PDF attachment, padded to
# 10 KB ... 50 MB (tests/bench/mkmsg.py). For each size:
#   - time in process: pipebench (parse + rules, repeated for
#     GROW_SECS seconds, default 1), as ms per message and ms per MB;
#   - peak RSS of one invite-check run (wait4 ru_maxrss);
#   - peak RSS of a fresh invite-milter fed the message by miltertest
#     (VmHWM from /proc, minus VmHWM when idle).
# The caps in force are the sample configuration's: limits.message_bytes
# 25 MB (what parse and invite-check read at most) and milter.max_body
# 10 MB (what the milter buffers; over it the message is streamed
# through parse/reduce.c and examined).
# Prints Markdown on stdout.
set -eu
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
case "$B" in /*) bin=$B ;; *) bin=$top/$B ;; esac
sizes=${GROW_SIZES:-10K 100K 1M 10M 50M}
tmp=$(mktemp -d /tmp/im-grow.XXXXXX)
mpid=
cleanup() {
	[ -n "$mpid" ] && kill "$mpid" 2>/dev/null && wait "$mpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$1/status"; }

echo "| size | pipebench ms/message | ms per MB | invite-check peak RSS | invite-milter peak RSS above idle | what the milter did |"
echo "|---|---|---|---|---|---|"
for s in $sizes; do
	f=$tmp/msg-$s.eml
	python3 tests/bench/mkmsg.py "$s" "$f"
	bytes=$(wc -c <"$f")
	line=$("$bin/tests/pipebench" -r 3 -s "${GROW_SECS:-1}" "$f" | tail -1)
	us=$(echo "$line" | sed -n 's/.*[,;] \([0-9.]*\) us\/message.*/\1/p')
	[ -n "$us" ] || { echo "growth.sh: no figure from pipebench: $line" >&2; exit 1; }
	rss=$(python3 -c '
import os, sys
pid = os.spawnv(os.P_NOWAIT, sys.argv[1], sys.argv[1:])
_, st, ru = os.wait4(pid, 0)
print(ru.ru_maxrss // 1024)' "$bin/invite-check" -D kommun.example "$f" 2>/dev/null | tail -1)
	# a fresh milter for each size: VmHWM is a high-water mark
	rm -f "$tmp/m.sock"
	"$bin/invite-milter" -f -p "unix:$tmp/m.sock" -D kommun.example \
	    -c conf/invite-milter.conf >"$tmp/m.log" 2>&1 &
	mpid=$!
	i=0; while [ ! -S "$tmp/m.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	idle=$(hwm "$mpid")
	MT_SOCK="unix:$tmp/m.sock" MT_FILE=$f miltertest -s tests/bench/feed.lua >"$tmp/mt.log" 2>&1 || true
	peak=$(hwm "$mpid")
	did=examined
	[ "$bytes" -gt $((10 * 1024 * 1024)) ] && did="over max_body: streamed (parse/reduce.c), examined"
	grep -q . "$tmp/mt.log" && did="miltertest: $(head -1 "$tmp/mt.log")"
	kill "$mpid"; wait "$mpid" 2>/dev/null || true; mpid=
	echo "$s $bytes $us $rss $idle $peak" | awk -v did="$did" '{
	    mb = $2 / 1048576; ms = $3 / 1000
	    printf "| %s (%d bytes) | %.2f | %.1f | %d MB | %.1f MB (idle %.1f MB) | %s |\n",
		$1, $2, ms, ms / mb, $4, ($6 - $5) / 1024, $5 / 1024, did }'
done
