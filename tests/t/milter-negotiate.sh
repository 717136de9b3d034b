#!/bin/sh
# What invite-milter negotiates with a real Postfix, read from Postfix's
# own verbose log (debug_peer_list): the stages it skips, the stages that
# need no reply, the macro lists, and the DATA stage kept with a reply
# (skipping it, or not answering it, costs a 40 ms delayed-ACK stall per
# message over TCP; see BENCHMARKS.md). Over TCP, as the stall is there.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
if ! command -v postfix >/dev/null || ! command -v swaks >/dev/null; then
	skip "negotiate" "postfix or swaks missing"; exit 0
fi
if [ "$(id -u)" != 0 ]; then skip "negotiate" "needs root for a private Postfix"; exit 0; fi
tmp=$(mktemp -d)
mpid=
cleanup() { pf_stop; [ -n "$mpid" ] && kill "$mpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
mport=$(pf_free_port)
"$bin" -f -p "inet:$mport@127.0.0.1" -D kommun.example -c "$TOP/conf/invite-milter.conf" >"$tmp/milter.out" 2>&1 &
mpid=$!
i=0
while ! python3 -c "import socket; socket.create_connection(('127.0.0.1',$mport),1)" 2>/dev/null &&
    [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
PF_MAIN_EXTRA="debug_peer_list = 127.0.0.1"
pf_start "inet:127.0.0.1:$mport"; ok $? "private Postfix started, milter over TCP"
swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example --to extern@region.example \
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
