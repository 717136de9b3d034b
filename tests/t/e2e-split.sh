#!/bin/sh
# End to end, [milter] split_series and [exceptions] (issue 20): a weekly series for one
# internal and one external recipient goes through a private Postfix to
# the internal recipient only (the external one removed by the milter),
# the sender's notice names the dropped address, and the decision log
# says split/redacted without any address. A series with a personnummer
# as well is not split: it is rejected for everyone. A booking mailbox
# in series_senders sends its series to an external guest, and a guest
# at a partner domain makes no series external; both are delivered and
# the exception is in the decision log.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
if ! command -v postfix >/dev/null || ! command -v swaks >/dev/null; then
	skip "e2e-split" "postfix or swaks missing"; exit 0
fi
if [ "$(id -u)" != 0 ]; then skip "e2e-split" "needs root for a private Postfix"; exit 0; fi
tmp=$(mktemp -d)
chmod 755 "$tmp"
mpid= rpid=
cleanup() {
	pf_stop
	[ -n "$mpid" ] && { kill "$mpid" 2>/dev/null; wait "$mpid" 2>/dev/null; }
	[ -n "$rpid" ] && { kill "$rpid" 2>/dev/null; wait "$rpid" 2>/dev/null; }
	rm -rf "$tmp"
}
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap - EXIT

sock=$tmp/milter.sock
nport=$(pf_free_port)
mkdir -p "$tmp/notices"
chown nobody "$tmp/notices"
/usr/sbin/smtp-sink -u nobody -d "$tmp/notices/%H%M%S." "127.0.0.1:$nport" 8 &
rpid=$!
cat >"$tmp/conf" <<EOC
[general]
internal_domains = kommun.example
[milter]
outgoing = all
split_series = true
[exceptions]
series_senders = bokning@kommun.example
partner_domains = vard.example
[log]
syslog = false
file = $tmp/decisions.log
[notice]
enable = true
transport = smtp
smtp = 127.0.0.1:$nport
EOC
"$bin" -f -p "unix:$sock" -c "$tmp/conf" >"$tmp/milter.out" 2>&1 &
mpid=$!
pf_milter_sock "$sock" 50
pf_start "unix:$sock"; ok $? "private Postfix started"
c=$TOP/tests/corpus

"$bin" -c "$tmp/conf" -t "$c/100-weekly-external.eml" --from a@kommun.example \
    --rcpt kollega@kommun.example --rcpt extern@region.example >"$tmp/t.out"
grep -q '^250 2.0.0 accepted for 1 internal recipient, 1 external removed' "$tmp/t.out"
ok $? "-t: accepted for the internal recipient, the external removed"

swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example \
    --to kollega@kommun.example,extern@region.example \
    --data "$c/100-weekly-external.eml" >"$tmp/swaks.out" 2>&1
ok $? "series for an internal and an external recipient: 250"
pf_wait_sink 1
sleep 1
is "$(ls "$PF_SINK" | wc -l | tr -d ' ')" 1 "one delivery"
f=$PF_SINK/$(ls "$PF_SINK" | head -1)
grep -qi '^X-Rcpt-Args:.*kollega@kommun.example' "$f"; ok $? "delivered to the internal recipient"
grep -qi '^X-Rcpt-Args:.*extern@region.example' "$f"; test $? -ne 0; ok $? "not to the external recipient"
grep -q '^X-Invite-Policy: split; rules=recurring-external' "$f"; ok $? "policy header split (internal recipients only)"

i=0; while [ "$(ls "$tmp/notices" | wc -l)" -lt 1 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
n=$tmp/notices/$(ls "$tmp/notices" | head -1)
grep -q '^  extern@region.example' "$n" 2>/dev/null; ok $? "the sender's notice names the dropped address"
grep -q 'separat möte' "$n" 2>/dev/null; ok $? "and what to do (Swedish)"

grep '"event":"decision"' "$tmp/decisions.log" | tail -1 >"$tmp/line"
grep -q '"action":"split","outcome":"redacted"' "$tmp/line"; ok $? "decision log: split, outcome redacted"
grep -q 'extern@region.example\|kollega@kommun.example' "$tmp/line"; test $? -ne 0; ok $? "decision log: no recipient address"

# a series that also carries a personnummer is not split
{ sed -n '1,/^$/p' "$c/100-weekly-external.eml" | sed 's/^Subject: .*/Subject: Uppfoljning 19121212-1212/'; sed '1,/^$/d' "$c/100-weekly-external.eml"; } >"$tmp/pnr.eml"
swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example \
    --to kollega@kommun.example,extern@region.example \
    --data "$tmp/pnr.eml" >"$tmp/swaks.out" 2>&1
grep -q '<\*\* *550' "$tmp/swaks.out"; ok $? "series with a personnummer too: rejected for everyone"
sleep 1
is "$(ls "$PF_SINK" | wc -l | tr -d ' ')" 1 "nothing more delivered"

# [exceptions]: the booking mailbox's series reaches the external guest
swaks --server "127.0.0.1:$PF_PORT" --from bokning@kommun.example \
    --to extern@region.example --data "$c/100-weekly-external.eml" >"$tmp/swaks.out" 2>&1
ok $? "series_senders: the booking mailbox's series to an external guest: 250"
pf_wait_sink 2
is "$(ls "$PF_SINK" | wc -l | tr -d ' ')" 2 "delivered"
grep '"event":"decision"' "$tmp/decisions.log" | tail -1 >"$tmp/line"
grep -q '"rule":"exception-series-sender"' "$tmp/line"; ok $? "decision log: exception-series-sender"
grep -q '"outcome":"accepted"' "$tmp/line"; ok $? "decision log: accepted"
# an internal series for a partner's address: not external
swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example \
    --to kollega@kommun.example,x@vard.example --data "$c/102-daily-internal.eml" >"$tmp/swaks.out" 2>&1
ok $? "partner_domains: an internal series for a partner's guest: 250"
pf_wait_sink 3
is "$(ls "$PF_SINK" | wc -l | tr -d ' ')" 3 "delivered to both"
grep '"event":"decision"' "$tmp/decisions.log" | tail -1 >"$tmp/line"
grep -q '"rule":"exception-partner-domain"' "$tmp/line"; ok $? "decision log: exception-partner-domain"
grep -q '"recurring-external"' "$tmp/line"; test $? -ne 0; ok $? "no recurring-external finding"
