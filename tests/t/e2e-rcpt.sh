#!/bin/sh
# End to end, every recipient counts (issue 17, item 4) on the path with
# no recipient limit: the sendmail command of a private Postfix, pickup
# and cleanup with non_smtpd_milters. A daily series with all-internal
# attendees (tests/corpus/102-daily-internal.eml) to 1,000 internal
# recipients and one external at the end is rejected by the series rule
# (Postfix bounces it: nothing reaches the sink for the recipients) and
# the decision line counts 1,001 and names the external domain; to
# 5,000 internal ones it is accepted and counted. Prints codes, counts
# and domains only.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
if ! command -v postfix >/dev/null; then skip "e2e-rcpt" "postfix missing"; exit 0; fi
if [ "$(id -u)" != 0 ]; then skip "e2e-rcpt" "needs root for a private Postfix"; exit 0; fi
tmp=$(mktemp -d)
chmod 755 "$tmp"
mpid=
cleanup() {
	pf_stop
	[ -n "$mpid" ] && { kill "$mpid" 2>/dev/null; wait "$mpid" 2>/dev/null; }
	rm -rf "$tmp"
}
trap cleanup EXIT

sock=$tmp/milter.sock
cat >"$tmp/conf" <<EOC
[general]
internal_domains = kommun.example
[milter]
outgoing = all
[log]
syslog = false
file = $tmp/decisions.log
stats_interval = 0
[notice]
enable = false
EOC
"$bin" -f -p "unix:$sock" -c "$tmp/conf" >"$tmp/milter.out" 2>&1 &
mpid=$!
pf_milter_sock "$sock" 50
pf_start "unix:$sock"; ok $? "private Postfix started"
series=$TOP/tests/corpus/102-daily-internal.eml

# waits for decision line N (max ~60 s: pickup polls, cleanup runs the
# milter) and prints it
decision() {
	i=0
	while [ $i -lt 600 ]; do
		n=$(cat "$tmp/decisions.log" 2>/dev/null | grep -c '"event":"decision"')
		[ "${n:-0}" -ge "$1" ] && break
		sleep 0.1; i=$((i + 1))
	done
	grep '"event":"decision"' "$tmp/decisions.log" 2>/dev/null | sed -n "$1p"
}
field() {	# line name: the raw JSON value
	printf '%s\n' "$1" | sed -n "s/.*\"$2\":\(\[[^]]*\]\|[^,]*\).*/\1/p"
}
submit() {	# file of recipients: one sendmail command (no xargs split)
	set -- $(cat "$1")
	/usr/sbin/sendmail -C "$PF_DIR" -i -f handlaggare@kommun.example -- "$@" <"$series"
}
internal() {	# n: n internal addresses, one a line
	awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++) printf "u%d@kommun.example\n", i }'
}

internal 1000 >"$tmp/r1"
echo guest@gmail.example >>"$tmp/r1"
submit "$tmp/r1"
ok $? "sendmail took 1,001 recipients"
l=$(decision 1)
is "$(field "$l" outcome)" '"rejected"' "1,000 internal + 1 external at the end: rejected"
is "$(field "$l" rcpts)" 1001 "decision line: rcpts 1001"
is "$(field "$l" rcpt_domains)" '["gmail.example","kommun.example"]' \
    "decision line: the external domain named"
printf '%s\n' "$l" | grep -q '"rule":"recurring-external"'; ok $? "decision line: the series rule"

internal 5000 >"$tmp/r2"
submit "$tmp/r2"
ok $? "sendmail took 5,000 recipients"
l=$(decision 2)
is "$(field "$l" outcome)" '"accepted"' "5,000 internal: accepted"
is "$(field "$l" rcpts)" 5000 "decision line: rcpts 5000"
is "$(field "$l" rcpts_external)" 0 "decision line: rcpts_external 0"
kill -0 "$mpid" 2>/dev/null; ok $? "milter still running"
