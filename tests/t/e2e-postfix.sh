#!/bin/sh
# End to end: a private Postfix on 127.0.0.1 with invite-milter as its
# smtpd milter, invitations sent with swaks, delivered mail dumped by
# smtp-sink. Accepted mail must arrive byte-identical apart from what
# the MTA adds; rejected mail gets the multi-line 550; a dead milter
# makes Postfix tempfail (milter_default_action = tempfail).
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
if ! command -v postfix >/dev/null || ! command -v swaks >/dev/null; then
	skip "e2e" "postfix or swaks missing"; exit 0
fi
if [ "$(id -u)" != 0 ]; then skip "e2e" "needs root for a private Postfix"; exit 0; fi
tmp=$(mktemp -d)
# the sample with notices off: they would go to this machine's sendmail
{ cat "$TOP/conf/invite-milter.conf"; echo "enable = false"; } >"$tmp/sample.conf"
chmod 755 "$tmp"
mpid=
cleanup() { pf_stop; [ -n "$mpid" ] && kill "$mpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap - EXIT

# The whole run twice: the milter on a unix socket, then on
# inet:PORT@127.0.0.1 (Postfix writes that inet:127.0.0.1:PORT).
for kind in unix inet; do
if [ $kind = unix ]; then
	sock=$tmp/milter.sock
	rm -f "$sock"
	msock=unix:$sock psock=unix:$sock
else
	port=$(pf_free_port)
	msock=inet:$port@127.0.0.1 psock=inet:127.0.0.1:$port
fi
"$bin" -f -p "$msock" -D kommun.example -c "$tmp/sample.conf" >"$tmp/milter.out" 2>&1 &
mpid=$!
i=0
if [ $kind = unix ]; then
	pf_milter_sock "$sock" 50
else
	while ! python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null &&
	    [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
fi
pf_start "$psock"; ok $? "$kind: private Postfix started, milter on $msock"

send() {	# file -> swaks transcript in $tmp/swaks.out
	swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example \
	    --to extern@region.example --data "$1" >"$tmp/swaks.out" 2>&1
}
c=$TOP/tests/corpus
send "$c/001-teams-clean.eml"; ok $? "$kind: clean invitation accepted by Postfix"
pf_wait_sink 1
f=$(ls "$PF_SINK" | head -1)
# Compare the body (after the header block) byte for byte, and the
# sender's header lines (smtp-sink adds X-Mail-Args etc., Postfix adds
# Received/Return-Path).
python3 - "$c/001-teams-clean.eml" "$PF_SINK/$f" <<'PY'
import sys
a = open(sys.argv[1], "rb").read().replace(b"\r\n", b"\n")
b = open(sys.argv[2], "rb").read().replace(b"\r\n", b"\n")
ha, _, ba = a.partition(b"\n\n")
hb, _, bb = b.partition(b"\n\n")
# SMTP ends DATA with CRLF "." CRLF: a final line break may be added
assert ba.rstrip(b"\n") == bb.rstrip(b"\n"), "body differs"
lines = hb.split(b"\n")
for l in ha.split(b"\n"):
    if not l.startswith((b" ", b"\t")):
        assert l in lines, "header missing"
assert not any(l.startswith(b"X-Invite-Policy") for l in lines), "unexpected header"
PY
ok $? "$kind: accepted mail arrives byte-identical (body and the sender's headers)"

send "$c/002-pnr-subject.eml"; r=$?
test $r -ne 0; ok $? "$kind: personnummer invitation refused by Postfix"
grep -q '<\*\* *550-5.7.1 Kallelsen stoppades' "$tmp/swaks.out"; ok $? "$kind: 550 multi-line reply reaches the client, Swedish first"
n=$(grep -c '<\*\* *550' "$tmp/swaks.out"); test "$n" -ge 4; ok $? "$kind: reply has several lines ($n)"
grep '^<' "$tmp/swaks.out" | grep -q '1212-1212'; test $? -ne 0; ok $? "$kind: no identifier in clear in the reply"

send "$c/110-outlook-pdf-external.eml"; ok $? "$kind: flagged invitation delivered"
pf_wait_sink 2
# issue 20: the policy header tells the outside what the filter thought;
# for an external recipient it is left out ([milter] flag_external)
grep -l 'X-Invite-Policy' "$PF_SINK"/* >/dev/null; test $? -ne 0; ok $? "$kind: no flag header on mail for an external recipient"
swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example \
    --to kollega@kommun.example --data "$c/110-outlook-pdf-external.eml" >"$tmp/swaks.out" 2>&1
pf_wait_sink 3
grep -l 'X-Invite-Policy: flagged; rules=attachment-external' "$PF_SINK"/* >/dev/null; ok $? "$kind: flag header added for an internal recipient"

kill "$mpid"; wait "$mpid" 2>/dev/null; mpid=
send "$c/001-teams-clean.eml"
grep -q '<\*\* *4[0-9][0-9]' "$tmp/swaks.out"; ok $? "$kind: milter down: Postfix tempfails (4xx), nothing accepted unexamined"
pf_stop
done
