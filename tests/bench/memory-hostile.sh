#!/bin/sh
# make bench, issue 17: memory of invite-milter under a mix of hostile
# messages, beyond what an MTA would send (direct milter sessions over
# the raw protocol, tests/bench/hostile.py): MEM_SESSIONS concurrent
# sessions (default 100) in five groups: 8 MB of text dense with names
# (tests/bench/mknames.py), 9 MB bodies left unfinished (the client
# stalls before the end), 9 MB invitations with an attachment
# (tests/bench/mkmsg.py), 20 small invitations each, and 1 MB hostile
# shapes (tests/bench/mkshapes.py; MEM_SHAPES picks them). The daemon runs
# the sample config ([milter] memory_limit at its default, 48M, unless
# MEM_LIMIT is set); MIX picks groups (hostile.py). Reports the
# daemon's VmRSS when idle (after one small message), its VmHWM (peak) after the load and the difference
# (target, issue 17: at most 64 MB above idle), the final replies per
# group, and the daemon's counters (its stats line at stop).
# Prints Markdown on stdout.
set -eu
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
case "$B" in /*) bin=$B ;; *) bin=$top/$B ;; esac
sessions=${MEM_SESSIONS:-100}
tmp=$(mktemp -d /tmp/im-hostile.XXXXXX)
mpid=
cleanup() {
	set +e
	[ -n "$mpid" ] && kill "$mpid" 2>/dev/null && wait "$mpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# the sample, logging to a file, notices off (they would go to this
# machine's sendmail)
{ sed "s|^#file = .*|file = $tmp/log.json|" conf/invite-milter.conf
  echo "enable = false"; } >"$tmp/m.conf"
if [ -n "${MEM_LIMIT:-}" ]; then
	sed -i "s|^#memory_limit = .*|memory_limit = $MEM_LIMIT|" "$tmp/m.conf"
fi
"$bin/invite-milter" -f -p "unix:$tmp/m.sock" -D kommun.example \
    -c "$tmp/m.conf" >"$tmp/m.log" 2>&1 &
mpid=$!
i=0
while [ ! -S "$tmp/m.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done

python3 tests/bench/mknames.py 8M "$tmp/names.eml"
python3 tests/bench/mkmsg.py 9M "$tmp/big.eml"
cp tests/corpus/001-teams-clean.eml "$tmp/small.eml"
# the fifth group: the shapes that cost a parser most per byte before
# the pre-passes of parse/mime.c and parse/ical.c (BENCHMARKS.md, Memory
# under hostile load), MEM_SHAPE_SIZE each (default 1M: a message of at
# most 1 MB gets its budget at once, so these are parsed under load;
# not the top-level header shapes: one header of 1 MB is more than
# libmilter takes, and MTAs cap headers, Postfix at 100 KB)
for s in ${MEM_SHAPES:-hdr-part params rfc2231 parts-flat empty-parts ics-props ics-comps attendees}; do
	python3 tests/bench/mkshapes.py "$s" "${MEM_SHAPE_SIZE:-1M}" "$tmp/shape-$s.eml"
done
# one small message first: idle is after the start-up costs
python3 tests/bench/hostile.py "$tmp/m.sock" "$tmp" 0 >/dev/null
idle=$(awk '/^VmRSS/ { print $2 }' "/proc/$mpid/status")
t0=$(date +%s.%N)
python3 tests/bench/hostile.py "$tmp/m.sock" "$tmp" "$sessions" >"$tmp/res.out" 2>&1
t1=$(date +%s.%N)
peak=$(awk '/^VmHWM/ { print $2 }' "/proc/$mpid/status")
echo "$idle $peak $t0 $t1 $sessions" | awk '{
    printf "- %d sessions (names 8 MB, unfinished 9 MB, attachment 9 MB, 20 small each, hostile shapes) in %.1f s\n", $5, $4 - $3
    printf "- invite-milter VmRSS idle: %.1f MB; VmHWM after the load: %.1f MB; difference: **%.1f MB** (target <= 64 MB)\n",
	$1 / 1024, $2 / 1024, ($2 - $1) / 1024 }'
sed 's/^/- replies, /' "$tmp/res.out"
kill "$mpid" && wait "$mpid" || true
mpid=
sed -n 's/.*"event":"stats".*"memory_peak_bytes":\([0-9]*\).*"examined":\([0-9]*\).*"over_memory":\([0-9]*\).*"limits":\([0-9]*\).*"tempfail":\([0-9]*\).*/\1 \2 \3 \4 \5/p' \
    "$tmp/log.json" | tail -n 1 | awk '{
    printf "- invite-milter: budget peak %.1f MB; examined %d, over_memory %d, limits %d, temporary failures %d\n", $1 / 1048576, $2, $3, $4, $5 }'
