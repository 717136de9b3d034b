#!/bin/sh
# Every envelope recipient counts (issue 17, item 4): past 1,000 RCPT TO
# the daemon used to drop the rest, so a series with one external guest
# after 1,000 internal recipients was accepted and its domain missing
# from the log. Through the real daemon with miltertest
# (tests/milter/send.lua): the external one at the end stops the series
# and is in the decision line; 5,000 internal ones are accepted with
# their count; past 1,000 domains an external one is still classified.
# Prints only codes, counts and domains (made-up example domains).
. "$(dirname "$0")/../lib.sh"
bin=$TOP/$B/invite-milter chk=$TOP/$B/invite-check
case "$B" in /*) bin=$B/invite-milter chk=$B/invite-check ;; esac
if ! command -v miltertest >/dev/null; then skip "milter-rcpt" "no miltertest"; exit 0; fi
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
series=$TOP/tests/corpus/102-daily-internal.eml	# attendees all internal

start() {	# extra [milter] lines
	[ -n "$pid" ] && { kill $pid; wait $pid 2>/dev/null; }
	printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s\nstats_interval = 0\n[milter]\n%b' \
	    "$tmp/log" "$1" >"$tmp/m.conf"
	rm -f "$tmp/m.sock" "$tmp/log"
	"$bin" -f -p "unix:$tmp/m.sock" -c "$tmp/m.conf" >"$tmp/out" 2>&1 &
	pid=$!
	i=0
	while [ ! -S "$tmp/m.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}
send() {	# expect rcpt-file description (MT_DROPPED passed on)
	MT_SOCK="unix:$tmp/m.sock" MT_FILE=$series MT_IP=192.0.2.10 \
	    MT_FROM='<handlaggare@kommun.example>' MT_AUTH=alice \
	    MT_RCPT_FILE=$2 MT_EXPECT=$1 \
	    miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/mt.log" 2>&1
	r=$?
	[ $r -ne 0 ] && sed 's/^/# /' "$tmp/mt.log" | head -3
	ok $r "$3"
}
# last decision line's field: its raw JSON text up to the next key
field() {
	grep '"event":"decision"' "$tmp/log" | tail -1 |
	    sed -n "s/.*\"$1\":\(\[[^]]*\]\|[^,]*\).*/\1/p"
}
internal() {	# n [subdomains] -> one address a line
	awk -v n="$1" -v s="${2:-0}" 'BEGIN { for (i = 1; i <= n; i++)
	    if (s > 0) printf "<u%d@s%d.kommun.example>\n", i, i % s
	    else printf "<u%d@kommun.example>\n", i }'
}

start ''
internal 1000 >"$tmp/r1"
echo '<guest@gmail.example>' >>"$tmp/r1"
send reject "$tmp/r1" "1,000 internal + 1 external at the end of a series: rejected"
is "$(field rcpts)" 1001 "log: rcpts counts all 1,001"
is "$(field rcpt_domains)" '["gmail.example","kommun.example"]' \
    "log: the external domain is in rcpt_domains, first"
is "$(field rcpts_external)" 1 "log: rcpts_external 1"
grep '"event":"decision"' "$tmp/log" | tail -1 | grep -q '"rule":"recurring-external"'
ok $? "log: the series rule fired"
# -t and invite-check count the same way (pipeline_envelope_rcpt)
set -- $(sed 's/^/--rcpt /' "$tmp/r1")
"$bin" -c "$tmp/m.conf" -t "$series" --from handlaggare@kommun.example "$@" >"$tmp/t.out" 2>&1
grep -q '^verdict: reject' "$tmp/t.out"; ok $? "-t with the same 1,001 recipients: reject"
"$chk" -c "$tmp/m.conf" --from handlaggare@kommun.example "$@" "$series" >"$tmp/c.out" 2>&1
grep -q 'recurring-external.*gmail.example' "$tmp/c.out"; ok $? "invite-check with them: the series rule names gmail.example"

internal 5000 >"$tmp/r2"
send accept "$tmp/r2" "5,000 internal recipients on a series: accepted"
is "$(field rcpts)" 5000 "log: rcpts 5000"
is "$(field rcpt_domains)" '["kommun.example"]' "log: one domain"
is "$(field rcpts_external)" 0 "log: rcpts_external 0"

internal 5000 >"$tmp/r3"
echo '<guest@GMAIL.example>' >>"$tmp/r3"
internal 10 >>"$tmp/r3"
send reject "$tmp/r3" "external at position 5,001 of 5,011: rejected"
is "$(field rcpts)" 5011 "log: rcpts 5011"
is "$(field rcpt_domains)" '["gmail.example","kommun.example"]' \
    "log: its domain logged, lower case"

# past the 1,000 kept domains: classified as they come
internal 1500 1500 >"$tmp/r4"
send accept "$tmp/r4" "1,500 internal subdomains: accepted"
# 1,000 kept, 100 listed, and 500 counted past them: 900 + at least 1
is "$(field rcpt_domains_more)" 901 "log: rcpt_domains_more says more than listed"
echo '<guest@gmail.example>' >>"$tmp/r4"
send reject "$tmp/r4" "1,500 internal subdomains + 1 external: rejected"
field rcpt_domains | grep -q '^\["gmail.example",'
ok $? "log: the external domain past the kept ones is listed first"
is "$(field rcpts_external)" 1 "log: rcpts_external 1"

# a number in an external domain is masked in the log as in the finding
internal 1000 >"$tmp/r5"
echo '<g@19121212-1212.example>' >>"$tmp/r5"
send reject "$tmp/r5" "external domain holding a number: rejected"
is "$(field rcpt_domains)" '["********-****.example","kommun.example"]' \
    "log: its digits masked"
grep -c '1212' "$tmp/log" | grep -qx 0
ok $? "log: no 1212 anywhere"

# an address literal: nobody can call it internal, so it is a guest
internal 1000 >"$tmp/r7"
echo '<g@[203.0.113.5]>' >>"$tmp/r7"
send reject "$tmp/r7" "1,000 internal + 1 address literal: rejected"
is "$(field rcpts_external)" 1 "log: the literal counts external"
grep -c '203\.0\.113' "$tmp/log" | grep -qx 0
ok $? "log: the literal's address is not logged"

# split_series cannot remove addresses it did not keep: the rule's own
# outcome, and the line says so
start 'split_series = true\n'
send reject "$tmp/r3" "split_series with 5,011 recipients: rejected, not split"
is "$(field split_skipped)" '"more than 1000 recipients"' "log: split_skipped"
internal 10 >"$tmp/r6"
echo '<guest@gmail.example>' >>"$tmp/r6"
MT_DROPPED='<guest@gmail.example>' \
    send split "$tmp/r6" "split_series with 11 recipients: split (external removed)"
grep '"event":"decision"' "$tmp/log" | tail -1 | grep -q '"outcome":"redacted"'
ok $? "log: split as before"

kill -0 $pid 2>/dev/null; ok $? "milter still running"
