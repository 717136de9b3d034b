#!/bin/sh
# The daemon's memory budget (issue 17, [milter] memory_limit,
# milter/gate.c and budget.c): with a small memory_limit, a message
# that cannot get its bytes while another holds them is tempfailed,
# with a log line and a counter; later ones succeed once the bytes are
# given back (end of message, a connection that goes away). Driven over
# the raw milter protocol by tests/milter/budget.py; counts and replies,
# no timings. And the config errors of a bad value (-n).
. "$(dirname "$0")/../lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

conf() {	# extra [milter] lines -> $tmp/m.conf
	{ printf '[general]\ninternal_domains = kommun.example\n[milter]\n'
	  for l in "$@"; do printf '%s\n' "$l"; done
	  printf '[log]\nsyslog = false\nfile = %s/log.json\n' "$tmp"; } >"$tmp/m.conf"
}
bad() {		# want-in-error name lines...
	want=$1; name=$2; shift 2
	conf "$@"
	"$bin" -p "unix:$tmp/n.sock" -n -c "$tmp/m.conf" >"$tmp/n.out" 2>&1; r=$?
	test $r -ne 0 && grep -q "$want" "$tmp/n.out"
	ok $? "config: $name is refused"
	[ $r -ne 0 ] || sed 's/^/# /' "$tmp/n.out" | head -3
}
bad 'memory_limit.*not a size' "memory_limit = lots" "memory_limit = lots"
bad 'memory_limit.*out of range' "memory_limit = 1K (below 64K)" "memory_limit = 1K"
bad 'memory_limit.*below max_body' "memory_limit below max_body" \
    "max_body = 20M" "memory_limit = 16M"
bad 'memory_limit.*below max_body' "a max_body above the default memory_limit" \
    "max_body = 64M"
conf "max_body = 64M" "memory_limit = 256M"
"$bin" -p "unix:$tmp/n.sock" -n -c "$tmp/m.conf" >"$tmp/n.out" 2>&1
ok $? "config: memory_limit = 256M with max_body = 64M is accepted"

if ! command -v python3 >/dev/null; then skip "memory budget" "no python3"; exit 0; fi
conf "max_body = 200K" "memory_limit = 256K"
sock=$tmp/milter.sock
"$bin" -f -p "unix:$sock" -c "$tmp/m.conf" >"$tmp/out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
i=0
while [ ! -S "$sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
test -S "$sock"; ok $? "milter listens on a unix socket"

python3 "$TOP/tests/milter/budget.py" "$sock" >"$tmp/budget.out" 2>&1
is "$(wc -l <"$tmp/budget.out" | tr -d ' ')" 5 "budget.py ran every check"
while read -r r what; do
	case "$r" in 0|1) ok "$r" "$what" ;; *) echo "# $r $what" ;; esac
done <"$tmp/budget.out"
grep '"event":"over_memory"' "$tmp/log.json" >"$tmp/over.json"
is "$(wc -l <"$tmp/over.json" | tr -d ' ')" 1 "one over_memory log line"
grep -q '"queue_id":"QOVER".*"why":"no memory for the body".*"action":"tempfail"' \
    "$tmp/over.json"
ok $? "the line names the message, why and the action"
kill -TERM $pid; wait $pid; r=$?
is "$r" 0 "milter: SIGTERM, exit 0"
st=$(grep '"event":"stats"' "$tmp/log.json" | tail -1)
echo "$st" | grep -q '"memory_bytes":0,'; ok $? "stats: every byte given back"
echo "$st" | grep -q '"over_memory":1,'; ok $? "stats: over_memory 1"
echo "$st" | grep -q '"tempfail":1,'; ok $? "stats: tempfail 1"
peak=$(echo "$st" | sed -n 's/.*"memory_peak_bytes":\([0-9]*\).*/\1/p')
test -n "$peak" && test "$peak" -le 262144; ok $? "stats: never over memory_limit (peak $peak)"
trap 'rm -rf "$tmp"' EXIT
