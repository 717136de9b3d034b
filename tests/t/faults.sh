#!/bin/sh
# Faults (issue 7). 1. The milter killed with SIGKILL in the middle of a
# message body, behind a real Postfix (milter_default_action = tempfail):
# the client gets a 4xx, nothing is delivered or left queued; after a
# restart the same message is delivered exactly once. 2. A log file that
# cannot be written (/dev/full, a removed directory): mail is decided as
# before, the failure is reported once on stderr, and the recovery too.
# 3. The log file, kept open between lines, renamed (logrotate): the
# lines go on in a new file at the path after a SIGHUP at once, without
# one within a second, and none is lost.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
tmp=$(mktemp -d)
chmod 755 "$tmp"
c=$TOP/tests/corpus
mpid=
cleanup() {
	pf_stop
	[ -n "$mpid" ] && kill "$mpid" 2>/dev/null
	wait 2>/dev/null
	mountpoint -q "$tmp/small" 2>/dev/null && umount "$tmp/small"
	rm -rf "$tmp"
}
trap cleanup EXIT

start_milter() {	# config socket-path: sets mpid
	rm -f "$2"
	"$bin" -f -p "unix:$2" -c "$1" >>"$tmp/milter.out" 2>>"$tmp/milter.err" &
	mpid=$!
	pf_milter_sock "$2" 100
}

# --- 1. SIGKILL in the middle of the body, behind Postfix ---------------
if ! command -v postfix >/dev/null || ! command -v swaks >/dev/null; then
	skip "kill -9 mid-body" "postfix or swaks missing"
elif [ "$(id -u)" != 0 ]; then
	skip "kill -9 mid-body" "needs root for a private Postfix"
else
	log=$tmp/decisions.log
	# The 6 MB agenda below is one text: let the rules read all of it
	# (text_bytes), however slow a sanitizer build is (time_budget_ms).
	printf '[general]\ninternal_domains = kommun.example\ntime_budget_ms = 0\n[notice]\nenable = false\n[limits]\ntext_bytes = 8M\n[log]\nsyslog = false\nfile = %s\n' "$log" >"$tmp/m.conf"
	sock=$tmp/milter.sock
	start_milter "$tmp/m.conf" "$sock"; ok $? "milter started"
	pf_start "unix:$sock"; ok $? "private Postfix started"
	# A clean Teams invitation with 6 MB of agenda text: Postfix hands
	# it to the milter in about 90 body chunks of 64 KB.
	python3 - "$c/001-teams-clean.eml" "$tmp/big.eml" <<'PY'
import sys
src = open(sys.argv[1], "rb").read()
line = b"Dagordning: genomgang av rutiner och planering infor hosten.\n"
mark = b"Hej! V=C3=A4lkommen till m=C3=B6tet.\n"
i = src.index(mark) + len(mark)
out = src[:i] + line * (6000000 // len(line)) + src[i:]
out = out.replace(b"<eval-S001-outlook@kommun.example>", b"<faults-big@kommun.example>")
open(sys.argv[2], "wb").write(out)
PY
	size=$(wc -c <"$tmp/big.eml" | tr -d ' ')
	send_big() {
		swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example \
		    --to extern@region.example --data "$tmp/big.eml" >"$tmp/swaks.out" 2>&1
	}
	# Watches the bytes the milter has read (/proc/PID/io rchar): once
	# 1 MB of this message is in, the milter is frozen, checked to be
	# still short of the end with no decision logged, and killed.
	cat >"$tmp/watch.py" <<'PY'
import os, signal, sys, time
pid, size, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def rchar():
    for l in open("/proc/%d/io" % pid):
        if l.startswith("rchar:"):
            return int(l.split()[1])
def decisions():
    try:
        return sum(1 for l in open(log) if '"event":"decision"' in l)
    except FileNotFoundError:
        return 0
base, d0 = rchar(), decisions()
open(sys.argv[4], "w").close()          # tell the shell to send now
end = time.time() + 60
while time.time() < end:
    got = rchar() - base
    if got > 1000000:
        os.kill(pid, signal.SIGSTOP)
        got = rchar() - base
        if got < size - 65536 and decisions() == d0:
            os.kill(pid, signal.SIGKILL)
            print("mid-body %d of %d bytes" % (got, size))
        else:
            os.kill(pid, signal.SIGCONT)
            print("missed %d" % got)
        sys.exit(0)
print("timeout")
PY
	try=0 res=
	while [ $try -lt 3 ]; do
		try=$((try + 1))
		rm -f "$tmp/go"
		python3 "$tmp/watch.py" "$mpid" "$size" "$log" "$tmp/go" >"$tmp/watch.out" &
		wpid=$!
		i=0; while [ ! -e "$tmp/go" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
		send_big; src=$?
		wait "$wpid"
		res=$(cat "$tmp/watch.out")
		case "$res" in mid-body*) break ;; esac
		# missed the moment (the machine was busy): start again clean
		echo "# $res: again"
		pf_wait_sink 1; rm -f "$PF_SINK"/*
	done
	case "$res" in mid-body*) r=0 ;; *) r=1 ;; esac
	ok $r "milter killed with SIGKILL in the middle of the body ($res, try $try)"
	wait "$mpid" 2>/dev/null; mpid=
	test "$src" -ne 0 && grep -q '^<\*\* *4[0-9][0-9]' "$tmp/swaks.out"; ok $? "the client got a 4xx for DATA"
	grep '^<\*\*' "$tmp/swaks.out" | head -1 | sed 's/^/# /'
	sleep 2
	is "$(ls "$PF_SINK" | wc -l | tr -d ' ')" 0 "nothing delivered while the milter was dead"
	postqueue -c "$PF_DIR" -p 2>&1 | grep -q 'Mail queue is empty'; ok $? "nothing left in the Postfix queue"

	start_milter "$tmp/m.conf" "$sock"; ok $? "milter restarted"
	d0=$(grep -c '"event":"decision"' "$log")
	send_big; ok $? "the same message sent again: accepted"
	pf_wait_sink 1
	sleep 2
	n=$(ls "$PF_SINK" | wc -l | tr -d ' ')
	is "$n" 1 "delivered exactly once"
	f=$PF_SINK/$(ls "$PF_SINK" | head -1)
	is "$(grep -c '^Message-ID: <faults-big@kommun.example>' "$f" 2>/dev/null)" 1 "the delivered message is ours"
	is "$(grep -c '^Dagordning: genomgang' "$f" 2>/dev/null)" "$(grep -c '^Dagordning: genomgang' "$tmp/big.eml")" "its body is complete"
	is "$(grep -c '"event":"decision"' "$log")" $((d0 + 1)) "one decision logged, for the delivered copy"
	grep '"event":"decision"' "$log" | tail -1 |
	    grep -q '"sender":"a@kommun.example","rcpts":1,"rcpt_domains":\["region.example"\]'
	ok $? "the decision names the sender and the recipients' domains"
	postqueue -c "$PF_DIR" -p 2>&1 | grep -q 'Mail queue is empty'; ok $? "queue empty at the end"
	kill "$mpid"; wait "$mpid" 2>/dev/null; mpid=
	pf_stop
fi

# --- 2. The log file cannot be written ------------------------------------
if ! command -v miltertest >/dev/null; then skip "log faults" "no miltertest"; exit 0; fi
send() {	# socket file expect name
	MT_SOCK="unix:$1" MT_FILE=$2 MT_IP=192.0.2.10 MT_FROM="<a@kommun.example>" \
	    MT_EXPECT=$3 miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/mt.log" 2>&1
	r=$?
	[ $r -ne 0 ] && sed 's/^/# /' "$tmp/mt.log" | head -3
	ok $r "$4"
}
: >"$tmp/milter.err"
printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = /dev/full\n' >"$tmp/full.conf"
start_milter "$tmp/full.conf" "$tmp/full.sock"; ok $? "milter with [log] file = /dev/full"
for k in 1 2 3; do
	send "$tmp/full.sock" "$c/002-pnr-subject.eml" reject "disk full: personnummer still rejected ($k)"
	send "$tmp/full.sock" "$c/001-teams-clean.eml" accept "disk full: clean invitation still accepted ($k)"
done
{ printf 'X-Invite-Policy: forged\r\n'; cat "$c/110-outlook-pdf-external.eml"; } >"$tmp/forged.eml"
# an internal recipient: the flag header is only added for those (issue 20)
MT_RCPT="<kollega@kommun.example>"; export MT_RCPT
send "$tmp/full.sock" "$tmp/forged.eml" flag "disk full: flag header still added, forged copy removed"
unset MT_RCPT
kill -0 "$mpid" 2>/dev/null; ok $? "still running"
is "$(grep -c '"event":"log_error"' "$tmp/milter.err")" 1 "the failure reported once, not once per line"
grep '"event":"log_error"' "$tmp/milter.err" | grep -q '"file":"/dev/full","error":"No space left on device"'; ok $? "the report names the file and the error"
kill "$mpid"; wait "$mpid"; is $? 0 "stops cleanly with a full disk"; mpid=

: >"$tmp/milter.err"
mkdir "$tmp/logdir"
printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s/logdir/log\n' "$tmp" >"$tmp/dir.conf"
start_milter "$tmp/dir.conf" "$tmp/dir.sock"; ok $? "milter with the log in a directory"
send "$tmp/dir.sock" "$c/002-pnr-subject.eml" reject "log written"
rm -rf "$tmp/logdir"
send "$tmp/dir.sock" "$c/002-pnr-subject.eml" reject "log directory removed: still rejected"
send "$tmp/dir.sock" "$c/001-teams-clean.eml" accept "log directory removed: still accepted"
is "$(grep -c '"event":"log_error"' "$tmp/milter.err")" 1 "reported once"
grep '"event":"log_error"' "$tmp/milter.err" | grep -q 'No such file or directory'; ok $? "with the reason"
mkdir "$tmp/logdir"
send "$tmp/dir.sock" "$c/002-pnr-subject.eml" reject "directory back"
grep -q '"event":"log_ok".*"dropped":' "$tmp/milter.err"; ok $? "recovery reported"
grep -q '"event":"decision"' "$tmp/logdir/log"; ok $? "decisions logged again"
kill "$mpid"; wait "$mpid"; is $? 0 "stops cleanly"; mpid=

# --- 2b. A disk that fills up mid-line (issue 17) -------------------------
# A decision line is written whole or not at all: on a short write the
# file is cut back, so no partial JSON stays and the next line is not
# glued to it. A 16 KB tmpfs (root may mount one); else RLIMIT_FSIZE on
# the daemon (ulimit -f, SIGXFSZ ignored), which makes the write that
# crosses the limit short.
: >"$tmp/milter.err"
mkdir "$tmp/small"
how=tmpfs
if [ -n "${FAULTS_FSIZE:-}" ] || ! mount -t tmpfs -o size=16k tmpfs "$tmp/small" 2>/dev/null; then how=fsize; fi
printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s/small/log\n' "$tmp" >"$tmp/small.conf"
rm -f "$tmp/small.sock"
if [ $how = tmpfs ]; then
	"$bin" -f -p "unix:$tmp/small.sock" -c "$tmp/small.conf" >>"$tmp/milter.out" 2>>"$tmp/milter.err" &
else
	( ulimit -f 16; trap '' XFSZ; exec "$bin" -f -p "unix:$tmp/small.sock" -c "$tmp/small.conf" ) >>"$tmp/milter.out" 2>>"$tmp/milter.err" &
fi
mpid=$!
pf_milter_sock "$tmp/small.sock" 100; ok $? "milter with the log on a 16 KB file system ($how)"
k=0
while [ $k -lt 60 ] && ! grep -q '"event":"log_error"' "$tmp/milter.err"; do
	MT_SOCK="unix:$tmp/small.sock" MT_FILE="$c/002-pnr-subject.eml" MT_IP=192.0.2.10 \
	    MT_FROM="<a@kommun.example>" MT_EXPECT=reject \
	    miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/mt.log" 2>&1 || break
	k=$((k + 1))
done
grep -q '"event":"log_error"' "$tmp/milter.err"; ok $? "the disk filled up after $k decisions"
send "$tmp/small.sock" "$c/002-pnr-subject.eml" reject "full disk: still rejected"
send "$tmp/small.sock" "$c/001-teams-clean.eml" accept "full disk: still accepted"
python3 - "$tmp/small/log" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\n"), "the file ends with a whole line"
for n, line in enumerate(raw.split(b"\n")[:-1]):
    json.loads(line)
print(n + 1)
PY
ok $? "every line in the full file is whole JSON, none glued or cut"
: >"$tmp/small/log"
send "$tmp/small.sock" "$c/002-pnr-subject.eml" reject "space again"
grep -q '"event":"log_ok"' "$tmp/milter.err"; ok $? "recovery reported"
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/small/log"
ok $? "the next line starts a file of whole JSON lines"
kill "$mpid"; wait "$mpid"; is $? 0 "stops cleanly"; mpid=
[ $how = tmpfs ] && umount "$tmp/small"

# --- 3. The log file renamed, as logrotate does -------------------------
: >"$tmp/milter.err"
mkdir "$tmp/rot"
printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s/rot/log\n' "$tmp" >"$tmp/rot.conf"
start_milter "$tmp/rot.conf" "$tmp/rot.sock"; ok $? "milter with the log in rot/"
decisions() { cat "$@" 2>/dev/null | grep -c '"event":"decision"'; }
send "$tmp/rot.sock" "$c/002-pnr-subject.eml" reject "first message"
mv "$tmp/rot/log" "$tmp/rot/log.1"
kill -HUP "$mpid"
i=0; while ! grep -q '"event":"reload"' "$tmp/rot/log" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
send "$tmp/rot.sock" "$c/002-pnr-subject.eml" reject "after rename and SIGHUP"
is "$(decisions "$tmp/rot/log.1")" 1 "SIGHUP: the renamed file keeps the first decision"
is "$(decisions "$tmp/rot/log")" 1 "SIGHUP: the next one in a new file at the path"
mv "$tmp/rot/log" "$tmp/rot/log.2"
send "$tmp/rot.sock" "$c/002-pnr-subject.eml" reject "right after a rename without SIGHUP"
sleep 1.2
send "$tmp/rot.sock" "$c/002-pnr-subject.eml" reject "a second later"
is "$(decisions "$tmp/rot/log")" 1 "without SIGHUP: a new file at the path within a second"
is "$(decisions "$tmp/rot/log" "$tmp/rot/log.1" "$tmp/rot/log.2")" 4 "no decision line lost across the renames"
rm "$tmp/rot/log"
send "$tmp/rot.sock" "$c/002-pnr-subject.eml" reject "after the file was removed"
is "$(decisions "$tmp/rot/log")" 1 "a removed file: the next line in a new one at once"
[ ! -s "$tmp/milter.err" ]; ok $? "no log error reported"
kill "$mpid"; wait "$mpid"; is $? 0 "stops cleanly"; mpid=
