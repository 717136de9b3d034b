#!/bin/sh
# Reload under traffic (issue 5, issue 7 "Faults"): SIGHUP swaps the
# configuration atomically while miltertest sends invitations without a
# pause; a message in flight keeps the snapshot it started with; an
# invalid, a malformed, an unreadable and a missing file are each refused
# with a log line and the old configuration stays; no message gets a
# temporary failure or no answer. Also: SIGHUP never stops the milter
# (libmilter's signal thread would), the periodic counters line, and
# SIGTERM stops cleanly (status 0, pidfile and socket removed).
. "$(dirname "$0")/../lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
if ! command -v miltertest >/dev/null; then skip "reload" "no miltertest"; exit 0; fi
tmp=$(mktemp -d)
chmod 755 "$tmp"
run=$tmp/run			# the milter's own directory, like /run/invite-milter
mkdir "$run"
pid= lpid=
cleanup() {
	[ -n "$lpid" ] && kill "$lpid" 2>/dev/null
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
# As root the milter drops to nobody, as in production; then a file
# with mode 000 is really unreadable for it.
as=
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	as="-u nobody"
	chown nobody "$run"
fi
conf=$tmp/live.conf
log=$run/log
c=$TOP/tests/corpus
good_reject() {
	printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s\nstats_interval = 1\n' "$log"
}
good_log() {	# personnummer only logged: the same message is accepted
	good_reject
	printf '[rules]\npersonnummer = log\nsamordningsnummer = log\n'
}
good_reject >"$conf"
chmod 644 "$conf"
"$bin" -f -p "unix:$run/milter.sock" -c "$conf" -P "$run/pid" $as \
    >"$tmp/out" 2>"$tmp/err" &
pid=$!
i=0; while [ ! -S "$run/milter.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
test -S "$run/milter.sock"; ok $? "milter listens"
i=0; while [ ! -s "$run/pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
is "$(cat "$run/pid" 2>/dev/null)" "$pid" "pidfile holds the milter's pid"

count() {	# pattern -> number of log lines
	grep -c "$1" "$log" 2>/dev/null || true
}
wait_count() {	# pattern n: until n lines match (at most ~15 s)
	i=0
	while [ "$(count "$1")" -lt "$2" ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(count "$1")" -ge "$2" ]
}
results() {
	wc -l <"$tmp/loop.out" | tr -d ' '
}
wait_results() {	# n more results than now
	want=$(( $(results) + $1 )); i=0
	while [ "$(results)" -lt "$want" ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
}
send() {	# expect name [hook]
	MT_SOCK="unix:$run/milter.sock" MT_FILE=$c/002-pnr-subject.eml MT_IP=192.0.2.10 \
	    MT_FROM="<a@kommun.example>" MT_EXPECT=$1 MT_HOOK=${3:-} \
	    miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/mt.log" 2>&1
	r=$?
	[ $r -ne 0 ] && sed 's/^/# /' "$tmp/mt.log" | head -3
	ok $r "$2"
}
reloads() { count '"event":"reload"'; }
failures() { count '"event":"reload_failed"'; }

# Traffic without a pause from here to the end.
MT_SOCK="unix:$run/milter.sock" MT_FILE=$c/002-pnr-subject.eml MT_STOP=$tmp/stop \
    miltertest -s "$TOP/tests/milter/loop.lua" >"$tmp/loop.out" 2>"$tmp/loop.err" &
lpid=$!
wait_results 5
send reject "before any reload: personnummer rejected"

# A message in flight while a good config with another action arrives:
# the hook (run between headers and body) swaps the file, sends SIGHUP
# and waits for the reload line.
good_log >"$tmp/new.conf"
cat >"$tmp/hook.sh" <<EOF
cp "$tmp/new.conf" "$conf"
kill -HUP $pid
i=0; while [ "\$(grep -c '"event":"reload"' "$log")" -lt 1 ] && [ \$i -lt 150 ]; do sleep 0.1; i=\$((i + 1)); done
[ "\$(grep -c '"event":"reload"' "$log")" -ge 1 ]
EOF
send reject "in flight during SIGHUP: finishes on the old snapshot (reject)" "sh $tmp/hook.sh"
is "$(reloads)" 1 "one reload logged"
grep '"event":"reload"' "$log" | grep -q '"signal":"SIGHUP"'; ok $? "reload line names SIGHUP"
send accept "next message: the new configuration (personnummer = log)"
wait_results 5

# Broken files: each refused with a reason, the old config stays.
bad() {	# name: $conf already written
	n=$(failures)
	kill -HUP "$pid"
	wait_count '"event":"reload_failed"' $((n + 1)); ok $? "$1: reload refused and logged"
	send accept "$1: the old configuration stays"
	wait_results 3
}
printf '[rules]\npersonnummer = maybe\n' >"$conf"
bad "invalid value"
grep '"event":"reload_failed"' "$log" | tail -1 | grep -q 'live.conf:2: \[rules\] personnummer'; ok $? "invalid value: the log line names file, line and key"
grep '"event":"reload_failed"' "$log" | tail -1 | grep -q '"kept":true'; ok $? "reload_failed says the old one is kept"
grep -q 'reload failed, old configuration kept: .*live.conf:2' "$tmp/err"; ok $? "and says so on stderr"
printf '[rules\npersonnummer = log\n' >"$conf"
bad "malformed file"
good_log >"$conf"
if [ -n "$as" ]; then
	chmod 000 "$conf"
	bad "unreadable file (mode 000)"
	grep '"event":"reload_failed"' "$log" | tail -1 | grep -q 'Permission denied'; ok $? "unreadable: reason logged"
	chmod 644 "$conf"
elif [ "$(id -u)" != 0 ]; then
	chmod 000 "$conf"
	bad "unreadable file (mode 000)"
	chmod 644 "$conf"
else
	skip "unreadable file" "root without a user nobody"
fi
mv "$conf" "$conf.away"
bad "missing file"
grep '"event":"reload_failed"' "$log" | tail -1 | grep -q 'No such file'; ok $? "missing: reason logged"
mv "$conf.away" "$conf"

# Back to reject, with SIGUSR1 (the alias).
good_reject >"$conf"
n=$(reloads)
kill -USR1 "$pid"
wait_count '"event":"reload"' $((n + 1)); ok $? "SIGUSR1 reloads too"
send reject "good config again: rejected again"
wait_results 5

# SIGHUP over and over, some while a reload is running: libmilter's
# signal thread stops the milter on SIGHUP, so it must never get one.
n=$(reloads)
k=0
while [ $k -lt 60 ]; do kill -HUP "$pid"; sleep 0.01; k=$((k + 1)); done
wait_count '"event":"reload"' $((n + 2))
sleep 1
kill -0 "$pid" 2>/dev/null; ok $? "60 SIGHUP 10 ms apart: still running"
echo "# reloads during the SIGHUP series: $(( $(reloads) - n ))"
# The same signal aimed at each thread in turn (kill TID gives that
# thread the first chance to take it): libmilter's signal thread waits
# for SIGHUP too and would stop the milter; every one must reload.
n=$(reloads) nt=0
for task in /proc/$pid/task/*; do
	kill -HUP "${task##*/}" 2>/dev/null || continue
	nt=$((nt + 1))
	wait_count '"event":"reload"' $((n + nt))
done
is "$(( $(reloads) - n ))" "$nt" "SIGHUP to each of the $nt threads: $nt reloads"
sleep 1
kill -0 "$pid" 2>/dev/null; ok $? "still running after SIGHUP to every thread"
test -S "$run/milter.sock"; ok $? "and still listening"
send reject "and still deciding"
wait_results 5

touch "$tmp/stop"
wait "$lpid"; lpid=
total=$(results)
test "$total" -ge 30; ok $? "traffic during the reloads: $total messages"
bad_answers=$(grep -cv '^reject$\|^accept$' "$tmp/loop.out")
is "$bad_answers" 0 "no message tempfailed, failed or unanswered"
# reject ... accept ... reject: two changes, no flapping
changes=$(uniq "$tmp/loop.out" | wc -l | tr -d ' ')
is "$changes" 3 "verdicts change only at the two good reloads (reject, accept, reject)"

# The counters line (stats_interval = 1).
nst=$(count '"event":"stats"')
wait_count '"event":"stats"' $((nst + 2)); ok $? "a counters line every second"
st=$(grep '"event":"stats"' "$log" | tail -1)
echo "$st" | grep -q '"reload_failures":[4-9]'; ok $? "counters: reload failures"
echo "$st" | grep -q '"tempfail":0,'; ok $? "counters: no tempfail"
echo "$st" | grep -q '"inflight":0,'; ok $? "counters: nothing in flight"
ex=$(echo "$st" | sed 's/.*"examined":\([0-9]*\).*/\1/')
rj=$(echo "$st" | sed 's/.*"reject":\([0-9]*\).*/\1/')
ac=$(echo "$st" | sed 's/.*"accept":\([0-9]*\).*/\1/')
test "$ex" -ge "$total" && test "$((rj + ac))" -eq "$ex"; ok $? "counters: examined ($ex) = reject ($rj) + accept ($ac), at least the $total sent"

# SIGTERM: clean stop.
kill -TERM "$pid"
wait "$pid"; r=$?; pid=
is "$r" 0 "SIGTERM: exit status 0"
test ! -e "$run/milter.sock"; ok $? "SIGTERM: socket removed"
test ! -e "$run/pid"; ok $? "SIGTERM: pidfile removed"
tail -2 "$log" | grep -q '"event":"stop","status":"ok"'; ok $? "SIGTERM: stop line logged"
grep -q '"event":"stats"' "$log" && tail -2 "$log" | grep -q '"event":"stats"'; ok $? "SIGTERM: a last counters line"
grep -q '1212-1212\|19121212121' "$log"; test $? -ne 0; ok $? "no identifier in clear in the log"

# SIGTERM while a message is in flight: it is finished (the answer is
# the real verdict, not a broken connection), then the milter exits 0.
"$bin" -f -p "unix:$run/milter.sock" -c "$conf" -P "$run/pid" $as >/dev/null 2>&1 &
pid=$!
i=0; while [ ! -S "$run/milter.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
cat >"$tmp/term.sh" <<EOF
kill -TERM $pid
sleep 0.5
MT_SOCK="unix:$run/milter.sock" MT_FILE=$c/001-teams-clean.eml MT_IP=192.0.2.10 \\
    MT_FROM="<a@kommun.example>" MT_EXPECT=tempfail-mail \\
    miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/term.log" 2>&1
echo \$? >"$tmp/term.rc"
EOF
send reject "SIGTERM during a message: the message still gets its verdict" "sh $tmp/term.sh"
is "$(cat "$tmp/term.rc")" 0 "a new message while stopping: 4xx (decided at MAIL FROM, given at end of headers over a unix socket)"
wait "$pid"; r=$?; pid=
is "$r" 0 "then exit status 0"
tail -2 "$log" | grep -q '"event":"stop","status":"ok","inflight_left":0'; ok $? "nothing left in flight at the stop"

# stats_interval = 0: no periodic line, only the last one at stop.
printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s\nstats_interval = 0\n' "$run/log0" >"$tmp/zero.conf"
"$bin" -f -p "unix:$run/milter.sock" -c "$tmp/zero.conf" $as >/dev/null 2>&1 &
pid=$!
i=0; while [ ! -S "$run/milter.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 2.5
kill -TERM "$pid"; wait "$pid"; pid=
is "$(grep -c '"event":"stats"' "$run/log0")" 1 "stats_interval = 0: no periodic line, one at stop"

# systemctl reload (issue 19): the unit's ExecReload lines, run by hand
# as systemd runs them (one after the other, stopping at the first that
# fails): a rejected file makes the first line (-n) fail with file:line
# and no signal is sent, so the daemon keeps its configuration; a good
# file passes -n and the SIGHUP reloads.
unit=$TOP/contrib/invite-milter.service
sed -n 's/^ExecReload=//p' "$unit" >"$tmp/reload.lines"
is "$(wc -l <"$tmp/reload.lines" | tr -d ' ')" 2 "unit: two ExecReload lines"
conf=$tmp/unit.conf log=$run/log.unit
good_reject >"$conf"
printf '[milter]\nsocket = unix:%s\n' "$run/milter.sock" >>"$conf"
chmod 644 "$conf"
"$bin" -f -c "$conf" -P "$run/pid" $as >/dev/null 2>"$tmp/unit.err" &
pid=$!
i=0; while [ ! -S "$run/milter.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
systemctl_reload() {	# runs the lines; the status of the first failing one
	while IFS= read -r line; do
		line=$(printf '%s\n' "$line" | sed -e "s|/usr/local/sbin/invite-milter|$bin|" \
		    -e "s|/etc/invite-milter/invite-milter.conf|$conf|" -e "s|\\\$MAINPID|$pid|")
		sh -c "$line" >>"$tmp/sr.out" 2>&1 || return $?
	done <"$tmp/reload.lines"
}
printf '[rules]\npersonnummer = maybe\n' >>"$conf"
: >"$tmp/sr.out"
systemctl_reload; r=$?
test $r -ne 0; ok $? "rejected file: the reload fails (exit $r), as systemctl reload would"
grep -q 'unit.conf:1[0-9]: \[rules\] personnummer' "$tmp/sr.out"; ok $? "and says file:line: [group] key"
sleep 1.5
is "$(count '"event":"reload')" 0 "no signal was sent: no reload line"
kill -0 "$pid" 2>/dev/null; ok $? "the daemon keeps running"
send reject "the daemon keeps its old configuration (personnummer rejected)"
good_log >"$conf"
printf '[milter]\nsocket = unix:%s\n' "$run/milter.sock" >>"$conf"
: >"$tmp/sr.out"
systemctl_reload; is $? 0 "good file: both lines succeed"
wait_count '"event":"reload"' 1; ok $? "and the daemon reloads"
send accept "the new configuration is used (personnummer = log)"
kill -TERM "$pid"; wait "$pid"; pid=
