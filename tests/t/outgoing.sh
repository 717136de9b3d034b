#!/bin/sh
# What counts as outgoing (issue 19): a content filter re-injects inbound
# mail from 127.0.0.1 (in the default internal_networks). From an
# internal network, a sender outside internal_domains with internal
# recipients only is inbound mail: accepted at the end of the headers,
# unexamined. With a recipient outside, or a sender inside, or
# outgoing = all, it is examined. Driven with miltertest
# (tests/milter/send.lua); prints only codes and file names.
. "$(dirname "$0")/../lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
if ! command -v miltertest >/dev/null; then skip "outgoing" "no miltertest"; exit 0; fi
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
c=$TOP/tests/corpus

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
send() {	# expect ip from rcpts description [auth]
	MT_SOCK="unix:$tmp/m.sock" MT_FILE=$c/002-pnr-subject.eml MT_IP=$2 \
	    MT_FROM=$3 MT_RCPT=$4 MT_AUTH=${6:-} MT_EXPECT=$1 \
	    miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/mt.log" 2>&1
	r=$?
	[ $r -ne 0 ] && sed 's/^/# /' "$tmp/mt.log" | head -3
	ok $r "$5"
}

start ''
send plain 127.0.0.1 '<x@region.example>' '<a@kommun.example> <b@kommun.example>' \
    "re-injected inbound (127.0.0.1, outside sender, internal recipients): accepted at end of headers, unexamined"
send accept 127.0.0.1 '<>' '<a@kommun.example>' \
    "re-injected bounce (null sender, internal recipient): accepted unexamined at end of message (where own notices are recognised)"
send reject 127.0.0.1 '<x@region.example>' '<a@kommun.example> <y@region.example>' \
    "127.0.0.1, outside sender, one outside recipient: examined (reject)"
send reject 127.0.0.1 '<a@kommun.example>' '<b@kommun.example>' \
    "127.0.0.1, internal sender, internal recipient: examined as before (reject)"
send reject 127.0.0.1 '<x@region.example>' '<a@kommun.example> <"y%region.example"@kommun.example> <y%region.example@kommun.example>' \
    "127.0.0.1, outside sender, a percent-hack recipient routed outside: examined (reject), as the rules count it"
send reject 192.0.2.10 '<x@region.example>' '<a@kommun.example>' \
    "authenticated client, outside sender: examined (reject)" alice
send notours 192.0.2.10 '<x@region.example>' '<a@kommun.example>' \
    "outside client, outside sender: not outgoing (at MAIL FROM)"
kill -TERM $pid; wait $pid; pid=
grep '"event":"stats"' "$tmp/log" | tail -1 | grep -q '"accepted_inbound":2,'
ok $? "stats: accepted_inbound counts the two"

start 'outgoing = all\n'
send reject 127.0.0.1 '<x@region.example>' '<a@kommun.example>' \
    "outgoing = all: the re-injected one is examined too (reject)"
start 'outgoing = networks\n'
send plain 127.0.0.1 '<x@region.example>' '<a@kommun.example>' \
    "outgoing = networks: the re-injected one still unexamined"
send reject 127.0.0.1 '<x@region.example>' '<y@region.example>' \
    "outgoing = networks: outside sender to outside recipient from 127.0.0.1: examined"
