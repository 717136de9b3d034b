#!/bin/sh
# End to end, rule action hold (issue 20): through a private Postfix the
# milter's quarantine puts the invitation into the hold queue (250 to the
# client, nothing delivered); postsuper -H releases it and it is
# delivered once; postsuper -d ... hold deletes another and nothing is
# delivered. The reviewer gets the queue id and the commands, and the
# decision log names the unit and the outcome "held".
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
if ! command -v postfix >/dev/null || ! command -v swaks >/dev/null; then
	skip "e2e-hold" "postfix or swaks missing"; exit 0
fi
if [ "$(id -u)" != 0 ]; then skip "e2e-hold" "needs root for a private Postfix"; exit 0; fi
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
# The reviewer notice goes by SMTP to a sink of its own, so that the
# sink of the private Postfix only ever sees the invitation.
rport=$(pf_free_port)
mkdir -p "$tmp/review"
chown nobody "$tmp/review"
/usr/sbin/smtp-sink -u nobody -d "$tmp/review/%H%M%S." "127.0.0.1:$rport" 8 &
rpid=$!
cat >"$tmp/conf" <<EOC
[general]
internal_domains = kommun.example
[units]
map_file = $tmp/units.map
[unit:Socialtjänsten]
senders = soc.kommun.example
personnummer = hold
[milter]
outgoing = all
[log]
syslog = false
file = $tmp/decisions.log
[notice]
enable = true
transport = smtp
smtp = 127.0.0.1:$rport
reviewer = granskare@kommun.example
EOC
printf 'a@kommun.example Socialtjänsten\n' >"$tmp/units.map"
"$bin" -p "unix:$tmp/n.sock" -n -c "$tmp/conf" >/dev/null 2>&1; ok $? "config with a unit and a reviewer passes -n"
"$bin" -f -p "unix:$sock" -c "$tmp/conf" >"$tmp/milter.out" 2>&1 &
mpid=$!
pf_milter_sock "$sock" 50
pf_start "unix:$sock"; ok $? "private Postfix started"

send() {	# file -> swaks transcript in $tmp/swaks.out
	swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example \
	    --to extern@region.example --data "$1" >"$tmp/swaks.out" 2>&1
}
held_ids() {	# queue ids in the hold queue
	postqueue -c "$PF_DIR" -j 2>/dev/null | python3 -c '
import json, sys
for l in sys.stdin:
    o = json.loads(l)
    if o.get("queue_name") == "hold":
        print(o["queue_id"])'
}
wait_held() {	# N: wait until N messages are held (max ~10 s)
	i=0
	while [ "$(held_ids | wc -l)" -lt "$1" ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1)); done
}
c=$TOP/tests/corpus

send "$c/002-pnr-subject.eml"; ok $? "held invitation: Postfix answers 250 to the client"
grep -q '<- *250 .*queued as' "$tmp/swaks.out"; ok $? "the 250 names a queue id"
wait_held 1
id1=$(held_ids | head -1)
test -n "$id1"; ok $? "postqueue -j: the message is in the hold queue"
test -f "$PF_DIR/queue/hold/$id1"; ok $? "its queue file is in hold/"
sleep 1
is "$(ls "$PF_SINK" | wc -l | tr -d ' ')" 0 "nothing delivered while held"
grep '"event":"decision"' "$tmp/decisions.log" | tail -1 >"$tmp/line"
grep -q '"outcome":"held"' "$tmp/line"; ok $? "decision log: outcome held"
grep -q '"unit":"Socialtjänsten"' "$tmp/line"; ok $? "decision log: the unit"
grep -q '"sender"' "$tmp/line"; test $? -ne 0; ok $? "decision log: no sender address with units configured"
grep -q '"ts":"[0-9-]*T[0-9:]*Z"' "$tmp/line"; ok $? "decision log: ts in whole seconds"
grep -q '"request":true,"method":"REQUEST"' "$tmp/line"; ok $? "decision log: request and method"
grep -q '1212-1212' "$tmp/line"; test $? -ne 0; ok $? "decision log: evidence masked"

# two notices: the sender's (held wording) and the reviewer's
i=0; while [ "$(ls "$tmp/review" | wc -l)" -lt 2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
r=$(cd "$tmp/review" && grep -l 'postsuper' * | head -1)
s=$(cd "$tmp/review" && grep -l '^To: a@kommun.example' * | head -1)
test -n "$s" && python3 -c '
import email, email.header, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"))
subj = str(email.header.make_header(email.header.decode_header(m["Subject"])))
sys.exit(0 if "Invitation held for review" in subj else 1)' "$tmp/review/$s"
ok $? "sender notice: Invitation held for review"
test -n "$r" && grep -q "postsuper -H $id1" "$tmp/review/$r"; ok $? "reviewer notice: the release command with the queue id"
grep -q "postsuper -d $id1 hold" "$tmp/review/$r" 2>/dev/null; ok $? "reviewer notice: the delete command"
grep -q 'Socialtjänsten' "$tmp/review/$r" 2>/dev/null; ok $? "reviewer notice: the unit"
grep -q '1212-1212' "$tmp/review/$r" 2>/dev/null; test $? -ne 0; ok $? "reviewer notice: evidence masked"

postsuper -c "$PF_DIR" -H "$id1" >/dev/null 2>&1; ok $? "postsuper -H releases it"
postqueue -c "$PF_DIR" -f >/dev/null 2>&1
pf_wait_sink 1
sleep 1
is "$(ls "$PF_SINK" | wc -l | tr -d ' ')" 1 "released: delivered once"
f=$(ls "$PF_SINK" | head -1)
grep -q '^Subject:' "$PF_SINK/$f"; ok $? "the delivered message is the invitation"

send "$c/002-pnr-subject.eml"; ok $? "second held invitation: 250"
wait_held 1
id2=$(held_ids | head -1)
test -n "$id2" && test "$id2" != "$id1"; ok $? "a second message is held"
postsuper -c "$PF_DIR" -d "$id2" hold >/dev/null 2>&1; ok $? "postsuper -d ID hold deletes it"
sleep 2
is "$(held_ids | wc -l | tr -d ' ')" 0 "the hold queue is empty"
is "$(ls "$PF_SINK" | wc -l | tr -d ' ')" 1 "deleted: nothing more delivered"

# a sender in no unit: the global rules, personnummer = reject
swaks --server "127.0.0.1:$PF_PORT" --from b@kommun.example \
    --to extern@region.example --data "$c/002-pnr-subject.eml" >"$tmp/swaks.out" 2>&1
grep -q '<\*\* *550' "$tmp/swaks.out"; ok $? "a sender outside the unit gets the global reject"

# the decision log as invite-report reads it: the unit and "held"
rep=$TOP/$B/invite-report
case "$B" in /*) rep=$B/invite-report ;; esac
if [ -x "$rep" ]; then
	"$rep" -q --csv "$tmp/csv" "$tmp/decisions.log" >/dev/null 2>&1
	# the same message twice (one Message-ID, one outcome) counts once
	grep -q ',Socialtjänsten,personnummer,held,1$' "$tmp/csv/summary.csv"; ok $? "invite-report: held for Socialtjänsten, personnummer"
	grep -q ',-,personnummer,rejected,1$' "$tmp/csv/summary.csv"; ok $? "invite-report: the sender in no unit, rejected"
	grep -q '@' "$tmp/csv/summary.csv"; test $? -ne 0; ok $? "invite-report: no address in the summary"
else
	skip "invite-report on the decision log" "no build/invite-report"
fi
