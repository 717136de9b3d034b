#!/bin/sh
# Memory under concurrency (issue 8, milter/callbacks.c): at most 8
# messages per processor buffer their body at once; the next one waits
# at end of headers (its body stays with the MTA) until a slot is free.
# Driven over the raw milter protocol by tests/milter/gate.py. Counts,
# not timings: the wait is only checked to last 1.5 s.
. "$(dirname "$0")/../lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
if ! command -v python3 >/dev/null; then skip "body slots" "no python3"; exit 0; fi
tmp=$(mktemp -d)
# the sample with notices off: they would go to this machine's sendmail
{ cat "$TOP/conf/invite-milter.conf"; echo "enable = false"; } >"$tmp/sample.conf"
sock=$tmp/milter.sock
"$bin" -f -p "unix:$sock" -D kommun.example -c "$tmp/sample.conf" >"$tmp/out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
i=0
while [ ! -S "$sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
test -S "$sock"; ok $? "milter listens on a unix socket"

# g_get_num_processors() counts the processors this process may run on,
# as nproc does.
python3 "$TOP/tests/milter/gate.py" "$sock" $((8 * $(nproc))) >"$tmp/gate.out" 2>&1
is "$(wc -l <"$tmp/gate.out" | tr -d ' ')" 5 "gate.py ran every check"
while read -r r what; do
	case "$r" in 0|1) ok "$r" "$what" ;; *) echo "# $r $what" ;; esac
done <"$tmp/gate.out"
kill -0 $pid 2>/dev/null; ok $? "milter still running"
