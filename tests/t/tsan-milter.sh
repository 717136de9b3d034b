#!/bin/sh
# invite-milter built with ThreadSanitizer (make SANITIZE=thread, into
# build/tsan/) behind the private Postfix: eight concurrent SMTP clients
# (so eight milter sessions at once, a new one every 10 messages) while
# SIGUSR1 and SIGHUP in turn reload the configuration every 0.3 s, so snapshots are swapped
# and freed under messages in flight. Then SIGTERM; the TSan log must
# have no "WARNING: ThreadSanitizer" report, and the replies must match
# the decision log. Suppressions: tests/tsan.supp (each one says why).
# In the plain make check this script builds build/tsan/invite-milter
# itself; under make check SANITIZE=thread it uses $B; under SANITIZE=1
# it is skipped (ASan and TSan cannot share a process).
#   TSAN_TOTAL=N  send N messages instead of 600
#   TSAN_SAVE=F   append the TSan log to F
#   TSAN_SIGNALS=USR1  the reload signals, sent in turn (default USR1,HUP)
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"
. "$TOP/tests/load-lib.sh"
total=${TSAN_TOTAL:-600}
case "${SANITIZE:-}" in
'') bdir=build/tsan ;;
thread) bdir=$B ;;
*)	skip "thread sanitizer" "SANITIZE=$SANITIZE build: ASan and TSan cannot share a process; the plain make check runs it"
	exit 0 ;;
esac
if [ "$(id -u)" != 0 ]; then skip "thread sanitizer" "needs root for a private Postfix"; exit 0; fi
case "$bdir" in /*) bin=$bdir/invite-milter ;; *) bin=$TOP/$bdir/invite-milter ;; esac
load_init

if [ -z "${SANITIZE:-}" ]; then
	# A make of its own: the variables of the calling make (B, SANITIZE
	# on its command line) must not leak into this one.
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL nice make -C "$TOP" \
	    --no-print-directory SANITIZE=thread B=build/tsan \
	    build/tsan/invite-milter >"$tmp/build.log" 2>&1
	r=$?
	[ $r -ne 0 ] && tail -20 "$tmp/build.log" | sed 's/^/# /'
	ok $r "make SANITIZE=thread builds build/tsan/invite-milter"
fi
nm "$bin" 2>/dev/null | grep -q __tsan_init; ok $? "the milter is a ThreadSanitizer build"


# halt_on_error=0: every report is logged, the run goes on.
G_SLICE=always-malloc TSAN_OPTIONS="log_path=$tmp/tsan halt_on_error=0 second_deadlock_stack=1 suppressions=$TOP/tests/tsan.supp" \
    "$bin" -f -p "unix:$sock" -D kommun.example -c "$tmp/milter.conf" \
    >"$tmp/milter.out" 2>&1 &
mpid=$!
load_listening 300 "TSan milter listens"
pf_start "unix:$sock"; ok $? "private Postfix started"

# shellcheck disable=SC2086
load_run "no tempfail during the reloads" \
    --clients 8 --per-conn 10 --signal-pid "$mpid" --signal-every 0.3 \
    --signals "${TSAN_SIGNALS:-USR1,HUP}" $files "$tmp/plain.eml"
test "$(val signals)" -ge 3; ok $? "reloads (${TSAN_SIGNALS:-USR1,HUP}) sent under load: $(val signals)"
kill -0 "$mpid" 2>/dev/null; ok $? "milter still running after the reloads"
rej=$(grep -c '"event":"decision".*"action":"reject"' "$dlog")
dec=$(grep -c '"event":"decision"' "$dlog")
echo "# decisions: $dec, of which reject=$rej"
test "$dec" -gt "$((total / 2))"; ok $? "decision log: $dec invitations examined"
is "$(val rejected)" "$rej" "5xx replies seen by the clients = rejects in the decision log"

load_stop 300
# 0: the clean stop (drain, smfi_stop, signal thread joined). TSan's
# exit status 66 means reports (the log says which).
case $rc in 0) r=0 ;; *) r=1 ;; esac
ok $r "milter stopped by SIGTERM (status $rc)"
n=$(cat "$tmp"/tsan.* 2>/dev/null | grep -c 'WARNING: ThreadSanitizer')
is "$n" 0 "ThreadSanitizer: no reports"
if [ "$n" -ne 0 ]; then
	# the report lines: kinds, stacks and locations, no data
	cat "$tmp"/tsan.* | grep -E 'WARNING|SUMMARY|^ +#[0-9]|Location|by (main )?thread|Previous' |
	    head -80 | sed 's/^/# /'
fi
[ -n "${TSAN_SAVE:-}" ] && cat "$tmp"/tsan.* >>"$TSAN_SAVE" 2>/dev/null
true
