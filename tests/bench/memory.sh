#!/bin/sh
# make bench, part 4 of issue 8: memory of invite-milter under
# concurrency. A private Postfix (tests/postfix-lib.sh) with invite-milter
# on a unix socket; smtp-source sends 1 MB invitations (tests/bench/
# mkmsg.py) over MEM_SESSIONS concurrent SMTP sessions (default 100),
# MEM_MSGS messages in all (default 300). Reports the milter's VmRSS when
# idle (after one small message), its VmHWM (peak) after the load, and
# the difference. Target (issue 8): at most 64 MB above idle. Then the
# milter's own counters (its stats line at stop), so that a low figure
# cannot come from messages that were never examined.
# Prints Markdown on stdout.
set -eu
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
. "$top/tests/postfix-lib.sh"
case "$B" in /*) bin=$B ;; *) bin=$top/$B ;; esac
sessions=${MEM_SESSIONS:-100}
msgs=${MEM_MSGS:-300}
tmp=$(mktemp -d /tmp/im-mem.XXXXXX)
chmod 755 "$tmp"
mpid=
cleanup() {
	set +e
	pf_stop >/dev/null 2>&1
	[ -n "$mpid" ] && kill "$mpid" 2>/dev/null && wait "$mpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

sed "s|^#file = .*|file = $tmp/log.json|" conf/invite-milter.conf >"$tmp/m.conf"
"$bin/invite-milter" -f -p "unix:$tmp/m.sock" -D kommun.example \
    -c "$tmp/m.conf" >"$tmp/m.log" 2>&1 &
mpid=$!
pf_milter_sock "$tmp/m.sock" 100
PF_SINK_DUMP=no
PF_MAIN_EXTRA="in_flow_delay = 0
default_process_limit = $((sessions + 20))"
pf_start "unix:$tmp/m.sock"

python3 tests/bench/mkmsg.py 1M "$tmp/1m.eml" --lf
sed 's/\r$//' tests/corpus/001-teams-clean.eml >"$tmp/small.eml"
src() { /usr/sbin/smtp-source -s "$1" -m "$2" -f a@kommun.example \
    -t extern@region.example -F "$3" "127.0.0.1:$PF_PORT"; }
src 1 1 "$tmp/small.eml"
idle=$(awk '/^VmRSS/ { print $2 }' "/proc/$mpid/status")
t0=$(date +%s.%N)
src "$sessions" "$msgs" "$tmp/1m.eml" >"$tmp/src.out" 2>&1 || { echo "smtp-source failed:" >&2; cat "$tmp/src.out" >&2; }
t1=$(date +%s.%N)
peak=$(awk '/^VmHWM/ { print $2 }' "/proc/$mpid/status")
echo "$idle $peak $t0 $t1 $msgs $sessions" | awk '{
    printf "- %d sessions, %d messages of 1 MB (flagged invitations) in %.1f s\n", $6, $5, $4 - $3
    printf "- invite-milter VmRSS idle: %.1f MB; VmHWM after the load: %.1f MB; difference: **%.1f MB** (target <= 64 MB)\n",
	$1 / 1024, $2 / 1024, ($2 - $1) / 1024 }'
hz=$(getconf CLK_TCK)
sed 's/^.*) //' "/proc/$mpid/stat" | awk -v hz="$hz" '{
    printf "- invite-milter CPU time (user + system): %.1f s\n", ($12 + $13) / hz }'
pf_stop >/dev/null 2>&1 || true
kill "$mpid" && wait "$mpid" || true
mpid=
sed -n 's/.*"event":"stats".*"examined":\([0-9]*\).*"flag":\([0-9]*\).*"tempfail":\([0-9]*\).*/\1 \2 \3/p' \
    "$tmp/log.json" | tail -n 1 | awk -v m="$msgs" '{
    printf "- invite-milter examined %d of %d + 1 messages (%d flagged), %d temporary failures\n", $1, m, $2, $3 }'
