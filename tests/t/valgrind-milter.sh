#!/bin/sh
# invite-milter (the normal build) under valgrind memcheck, fed more than
# 1,000 messages by the private Postfix from four concurrent SMTP clients
# (a new connection every 25 messages): clean, rejected and flagged
# invitations from tests/corpus, the third-party invitations of
# ../shared/corpus/external, and mail that is no invitation. Then SIGTERM;
# the valgrind log must show 0 errors and 0 bytes definitely lost, the
# decision log at least 1,000 examined invitations, and every reply the
# clients saw must match what the milter decided.
# Suppressions: tests/valgrind.supp (each one says why).
#   VG_TOTAL=N  send N messages instead of 1,150 (for a quick look)
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"
. "$TOP/tests/load-lib.sh"
total=${VG_TOTAL:-1150}
if [ -n "${SANITIZE:-}" ]; then
	skip "valgrind memcheck" "SANITIZE=$SANITIZE build: valgrind cannot run sanitizer builds; the plain make check runs it"
	exit 0
fi
if ! command -v valgrind >/dev/null || ! command -v miltertest >/dev/null; then
	skip "valgrind memcheck" "valgrind or miltertest missing (contrib/ensure-deps.sh test installs them)"; exit 0
fi
if [ "$(id -u)" != 0 ]; then skip "valgrind memcheck" "needs root for a private Postfix"; exit 0; fi
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
# The sample configuration with a decision log, the message mix.
load_init
vlog=$tmp/valgrind.log

# Two kinds of mail that is no invitation: plain text (read for a file
# encoded in it, accepted unparsed at end of message;
# $tmp/plain.eml) and a multipart without a calendar part
# (parsed, let through).
printf 'From: a@kommun.example\r\nTo: b@region.example\r\nSubject: Bilaga\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nSe bilagan.\r\n--b1\r\nContent-Type: application/octet-stream; name="a.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAECAwQFBgcICQ==\r\n--b1--\r\n' >"$tmp/mixed.eml"
# and one the default rules hold (a client's name in the subject, issue
# 20), so that the quarantine path runs under valgrind too
sed 's/^Subject: .*/Subject: Samtal med Anna Svensson/' "$TOP/tests/corpus/001-teams-clean.eml" >"$tmp/hold.eml"
nfiles=$(echo "$files" | wc -l)
test "$nfiles" -ge 60; ok $? "message mix: $nfiles files from tests/corpus and the external corpus, plus 2 non-invitations"

# --error-exitcode: the exit status says it too; the log is what is read.
# G_SLICE=always-malloc: GLib 2.74 keeps GObject instances in its slice
# magazines, where a leaked one would still look reachable.
G_SLICE=always-malloc valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite --track-fds=no --error-exitcode=99 \
    --num-callers=30 --suppressions="$TOP/tests/valgrind.supp" \
    --log-file="$vlog" \
    "$bin" -f -p "unix:$sock" -D kommun.example -c "$tmp/milter.conf" \
    >"$tmp/milter.out" 2>&1 &
mpid=$!
load_listening 600 "milter under valgrind listens"
# Up and answering (valgrind takes seconds to start): one plain message.
i=0
until MT_SOCK="unix:$sock" MT_FILE=$tmp/plain.eml MT_IP=127.0.0.1 \
    MT_FROM="<a@kommun.example>" MT_EXPECT=plaintext \
    miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/mt.log" 2>&1 || [ $i -ge 30 ]; do
	sleep 1; i=$((i + 1)); done
test $i -lt 30; ok $? "milter answers over libmilter's protocol"
pf_start "unix:$sock"; ok $? "private Postfix started"

# shellcheck disable=SC2086
load_run "no tempfail (the milter answered in time every time)" \
    --clients 4 --per-conn 25 $files "$tmp/plain.eml" "$tmp/mixed.eml" "$tmp/hold.eml"

dec=$(grep -c '"event":"decision"' "$dlog")
test "$dec" -ge 1000; ok $? "decision log: $dec invitations examined (>= 1000)"
rej=$(grep -c '"event":"decision".*"action":"reject"' "$dlog")
flg=$(grep -c '"event":"decision".*"action":"flag"' "$dlog")
hld=$(grep -c '"event":"decision".*"action":"hold"' "$dlog")
acc=$(grep -c '"event":"decision".*"action":"accept"' "$dlog")
echo "# decisions: reject=$rej hold=$hld flag=$flg accept=$acc"
test "$rej" -gt 0 && test "$hld" -gt 0 && test "$flg" -gt 0 && test "$acc" -gt 0
ok $? "the mix has rejected, held, flagged and accepted invitations"
is "$(val rejected)" "$rej" "5xx replies seen by the clients = rejects in the decision log"
test "$(val accepted)" -gt "$((flg + hld + acc))"; ok $? "non-invitations accepted besides the examined invitations"
# held messages are accepted (250) into the hold queue, never delivered
pf_wait_sink "$(($(val accepted) - hld))"
is "$(ls "$PF_SINK" | wc -l)" "$(($(val accepted) - hld))" "every accepted message but the held ones reached the sink"
is "$(postqueue -c "$PF_DIR" -j 2>/dev/null | grep -c '"queue_name": *"hold"')" "$hld" "every held message is in the hold queue"
# the recipient is external: no flag header (issue 20, flag_external)
n=$(grep -l '^X-Invite-Policy: flagged' "$PF_SINK"/* 2>/dev/null | wc -l)
is "$n" 0 "no flagged message carries the flag header to the external recipient"

load_stop 600
# 0: the clean stop (every thread blocks SIGTERM; the signal thread
# drains, stops libmilter and is joined). 99: valgrind errors.
case $rc in 0) r=0 ;; *) r=1 ;; esac
ok $r "milter stopped by SIGTERM, valgrind report written (status $rc)"
grep -q 'ERROR SUMMARY: 0 errors' "$vlog"; ok $? "valgrind: 0 errors"
grep -q 'definitely lost: 0 bytes in 0 blocks' "$vlog" ||
    grep -q 'All heap blocks were freed' "$vlog"
ok $? "valgrind: 0 bytes definitely lost"
if ! grep -q 'ERROR SUMMARY: 0 errors' "$vlog" || [ $r -ne 0 ]; then
	# stacks and sizes only: valgrind does not print memory contents
	grep -E '^==[0-9]+== ' "$vlog" | grep -vE 'Copyright|Command:|Using Valgrind' |
	    head -60 | sed 's/^/# /'
fi
grep -E 'definitely lost:|ERROR SUMMARY' "$vlog" | sed 's/^==[0-9]*== */# /'
