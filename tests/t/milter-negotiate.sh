#!/bin/sh
# What invite-milter negotiates with a real Postfix, read from Postfix's
# own verbose log (debug_peer_list): the stages it skips, the stages that
# need no reply, the macro lists, and the DATA stage kept with a reply
# (skipping it, or not answering it, costs a 40 ms delayed-ACK stall per
# message over TCP; see BENCHMARKS.md). Over TCP, as the stall is there;
# then over a unix socket, where DATA and MAIL need no reply (no Nagle,
# no delayed ACK; mail that is not ours is accepted at end of headers
# there) and Postfix must not warn about the milter's replies.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
if ! command -v postfix >/dev/null || ! command -v swaks >/dev/null; then
	skip "negotiate" "postfix or swaks missing"; exit 0
fi
if [ "$(id -u)" != 0 ]; then skip "negotiate" "needs root for a private Postfix"; exit 0; fi
tmp=$(mktemp -d)
# the sample with notices off: they would go to this machine's sendmail
{ cat "$TOP/conf/invite-milter.conf"; echo "enable = false"; } >"$tmp/sample.conf"
mpid= upid=
cleanup() {
	pf_stop
	for p in $mpid $upid; do kill "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
mport=$(pf_free_port)
"$bin" -f -p "inet:$mport@127.0.0.1" -D kommun.example -c "$tmp/sample.conf" >"$tmp/milter.out" 2>&1 &
mpid=$!
i=0
while ! python3 -c "import socket; socket.create_connection(('127.0.0.1',$mport),1)" 2>/dev/null &&
    [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PF_MAIN_EXTRA="debug_peer_list = 127.0.0.1"
pf_start "inet:127.0.0.1:$mport"; ok $? "private Postfix started, milter over TCP"
# to an internal recipient: the flag header is only added for those
# (issue 20, [milter] flag_external)
swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example --to kollega@kommun.example \
    --data "$TOP/tests/corpus/120-thunderbird-link-attach-external.eml" >"$tmp/swaks.out" 2>&1
ok $? "flagged invitation accepted over TCP"
i=0
while ! grep -q 'milter8_connect: events' "$PF_DIR/maillog" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1)); done
ev=$(grep -m1 'milter8_connect: events' "$PF_DIR/maillog" | sed 's/.*events //')
for f in SMFIP_NOHELO SMFIP_NOUNKNOWN SMFIP_NR_CONN SMFIP_NR_RCPT SMFIP_NR_HDR SMFIP_NR_BODY; do
	case " $ev " in *" $f "*) r=0 ;; *) r=1 ;; esac
	ok $r "negotiated $f"
done
for f in SMFIP_NODATA SMFIP_NR_DATA SMFIP_NOMAIL SMFIP_NR_MAIL SMFIP_NOEOH SMFIP_NR_EOH SMFIP_NOHDRS SMFIP_NOBODY; do
	case " $ev " in *" $f "*) r=1 ;; *) r=0 ;; esac
	ok $r "not negotiated: $f"
done
grep -q 'override SMFIM_ENVFROM macro list with "{auth_authen}"' "$PF_DIR/maillog"
ok $? "macros at MAIL: {auth_authen} only"
grep -q 'override SMFIM_EOM macro list with "i"' "$PF_DIR/maillog"
ok $? "macros at end of message: the queue id"
pf_wait_sink 1
grep -l '^X-Invite-Policy: flagged' "$PF_SINK"/* >/dev/null 2>&1
ok $? "flag header added at the sink (header change before the final reply)"

pf_stop

# The same over a unix socket, with only senders of kommun.example
# outgoing (not the network), so that mail from another sender is not
# ours: decided at MAIL, which gets no reply here, accepted at end of
# headers.
chmod 755 "$tmp"
sed 's/^#\?outgoing = .*/outgoing = auth; sender/' "$tmp/sample.conf" >"$tmp/unix.conf"
"$bin" -f -p "unix:$tmp/m.sock" -D kommun.example -c "$tmp/unix.conf" >"$tmp/unix.out" 2>&1 &
upid=$!
pf_milter_sock "$tmp/m.sock"; ok $? "milter on a unix socket"
PF_MAIN_EXTRA="debug_peer_list = 127.0.0.1"
pf_start "unix:$tmp/m.sock"; ok $? "private Postfix started, milter over a unix socket"
for f in 120-thunderbird-link-attach-external 001-teams-clean; do
	swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example --to kollega@kommun.example \
	    --data "$TOP/tests/corpus/$f.eml" >"$tmp/swaks.out" 2>&1
	ok $? "$f accepted over a unix socket"
done
swaks --server "127.0.0.1:$PF_PORT" --from x@else.example --to extern@region.example \
    --data "$TOP/tests/corpus/002-pnr-subject.eml" >"$tmp/swaks.out" 2>&1
ok $? "not ours (a personnummer, another sender) accepted over a unix socket"
i=0
while ! grep -q 'milter8_connect: events' "$PF_DIR/maillog" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1)); done
ev=$(grep -m1 'milter8_connect: events' "$PF_DIR/maillog" | sed 's/.*events //')
for f in SMFIP_NR_MAIL SMFIP_NR_DATA SMFIP_NR_CONN SMFIP_NR_RCPT SMFIP_NR_HDR SMFIP_NR_BODY; do
	case " $ev " in *" $f "*) r=0 ;; *) r=1 ;; esac
	ok $r "unix socket: negotiated $f"
done
for f in SMFIP_NODATA SMFIP_NOMAIL SMFIP_NR_EOH; do
	case " $ev " in *" $f "*) r=1 ;; *) r=0 ;; esac
	ok $r "unix socket: not negotiated: $f"
done
pf_wait_sink 3
grep -l '^X-Invite-Policy: flagged' "$PF_SINK"/* >/dev/null 2>&1
ok $? "unix socket: flag header added at the sink"
[ "$(ls "$PF_SINK" | wc -l)" -eq 3 ]
ok $? "unix socket: the three messages at the sink"
is "$(grep -l '^X-Invite-Policy' "$PF_SINK"/* | wc -l)" 1 "unix socket: only the flagged one has the header"
# A reply where Postfix expects none (or none where it waits) would show
# as a milter warning in Postfix's log (unexpected response, timeout).
grep -E 'warning: .*milter' "$PF_DIR/maillog" >"$tmp/warn" 2>/dev/null
[ ! -s "$tmp/warn" ]
ok $? "unix socket: no milter warning in Postfix's log"
