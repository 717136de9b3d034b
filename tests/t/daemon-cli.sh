#!/bin/sh
# invite-milter as an administrator starts it (issue 5, "Running it"):
# -V, -h and bad usage; -n on good and bad settings (file, line, key);
# the built-in defaults without -c and -D on top of them, also after a
# reload; -u USER after binding (uid, gid and groups of the process),
# socket_mode and socket_group applied so the MTA's user gets in and
# others do not; inet6; detached (no -f) with relative paths.
. "$(dirname "$0")/../lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
tmp=$(mktemp -d)
chmod 755 "$tmp"
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
c=$TOP/tests/corpus
version=$(sed -n 's/^VERSION *[:?]*= *//p' "$TOP/Makefile" | head -1)

# --- -V, -h, usage errors -------------------------------------------
out=$("$bin" -V); is $? 0 "-V exits 0"
is "$(echo "$out" | head -1)" "invite-milter $version" "-V prints the version of the Makefile first"
# then the libraries it runs with (issue 19), as opendkim -V does: the
# run-time versions match what pkg-config says is installed
miss=
for l in "libmilter [0-9]*\.[0-9]*\.[0-9]* (built with SMFI_VERSION 0x" \
    "GMime $(pkg-config --modversion gmime-3.0 2>/dev/null) " \
    "GLib $(pkg-config --modversion glib-2.0 2>/dev/null) " \
    "PCRE2 $(pkg-config --modversion libpcre2-8 2>/dev/null) " \
    "libical $(pkg-config --modversion libical 2>/dev/null) " "libytnef"; do
	echo "$out" | grep -q "^  $l" || miss="$miss [$l]"
done
is "$miss" "" "-V lists libmilter, GMime, GLib, PCRE2, libical, libytnef with versions"
"$bin" -h >"$tmp/h.out" 2>"$tmp/h.err"; is $? 0 "-h exits 0"
miss=
for o in -c -p -f -u -P -D -t -n -V -h; do
	grep -q "^  $o " "$tmp/h.out" || miss="$miss $o"
done
is "$miss" "" "-h explains every option"
test ! -s "$tmp/h.err"; ok $? "-h writes nothing on standard error"
"$bin" -x >"$tmp/x.out" 2>"$tmp/x.err"; is $? 2 "unknown option: exit 2"
grep -q '^usage: invite-milter' "$tmp/x.err" && test ! -s "$tmp/x.out"
ok $? "unknown option: usage on standard error only"
"$bin" -n extra 2>/dev/null; is $? 2 "a stray argument: exit 2"

# --- -n --------------------------------------------------------------
# (the built-in socket's directory is the package's: a scratch one here)
out=$("$bin" -p "unix:$tmp/n.sock" -n); is $? 0 "-n without -c: the built-in defaults are valid"
is "$(echo "$out" | head -1)" "built-in: configuration ok (digest builtin)" "-n without -c names the built-in settings"
# issue 20: -n says whether notices are on and why
if [ -x /usr/sbin/sendmail ]; then want="  notices: on (default: the sendmail program is there; [notice] enable = false turns them off)"
else want="  notices: off (default: no sendmail program at [notice] sendmail; set it, or transport = smtp, or enable = true)"; fi
is "$(echo "$out" | sed -n 2p)" "$want" "-n says whether notices are on by default, and why"
nerr() {	# expected-status stderr-pattern name, args after --
	want=$1 pat=$2 name=$3
	shift 4
	"$bin" "$@" -n >/dev/null 2>"$tmp/n.err"; r=$?
	is "$r" "$want" "-n: $name: exit $want"
	grep -q -- "$pat" "$tmp/n.err"; r=$?
	[ $r -ne 0 ] && sed 's/^/#   /' "$tmp/n.err"
	ok $r "-n: $name: the error names it"
}
printf '[general]\ninternal_domains = kommun.example\n\n[milter]\nsocket_mode = 999\n' >"$tmp/mode.conf"
nerr 2 "mode.conf:5: \[milter\] socket_mode: \"999\" is not an octal mode" "bad value" -- -c "$tmp/mode.conf"
printf '[rules]\npersonnumer = reject\n' >"$tmp/hint.conf"
nerr 2 'hint.conf:2: \[rules\] personnumer: unknown key (did you mean "personnummer"?)' "unknown key, with a hint" -- -c "$tmp/hint.conf"
nerr 2 "nonexistent.conf: .*No such file" "missing file" -- -c "$tmp/nonexistent.conf"
# Relative paths in the file are taken from its directory, wherever the
# milter runs (it moves to / when it detaches): -n from / finds them.
mkdir -p "$tmp/rel" && cp -r "$TOP/conf/names" "$tmp/rel/"
printf '[lexicon]\nnames_dir = names\n[log]\nfile = rel.log\nsyslog = false\n' >"$tmp/rel/m.conf"
(cd / && "$bin" -p "unix:$tmp/n.sock" -n -c "$tmp/rel/m.conf" >/dev/null 2>&1); is $? 0 "-n from /: names_dir relative to the configuration file"
printf '[lexicon]\nnames_dir = nope\n' >"$tmp/rel/bad.conf"
nerr 2 "$tmp/rel/nope/first.txt" "a relative names_dir that is missing, named from the file's directory" -- -c "$tmp/rel/bad.conf"
printf '[general]\ndry_run = false\n[milter\nmax_body = 1M\n' >"$tmp/syntax.conf"
nerr 2 "syntax.conf:3: .*\[milter" "a broken group line: its line number" -- -c "$tmp/syntax.conf"
printf '[milter]\nuser = no-such-user-5b\n' >"$tmp/user.conf"
nerr 2 'user.conf: \[milter\] user: no such user "no-such-user-5b"' "unknown [milter] user" -- -c "$tmp/user.conf"
nerr 2 '^invite-milter: -u: no such user "no-such-user-5b"' "unknown -u user" -- -u no-such-user-5b
printf '[milter]\nsocket_group = no-such-group-5b\n' >"$tmp/group.conf"
nerr 2 'group.conf: \[milter\] socket_group: no such group "no-such-group-5b"' "unknown socket_group" -- -c "$tmp/group.conf"
# What start would refuse of a unix socket, -n refuses too (issue 19):
# a missing directory, "unix/..." for "unix:/...", a path longer than a
# socket address holds, a file there that is not a socket.
nerr 2 "socket directory $tmp/nodir: No such file" "missing socket directory" -- -p "unix:$tmp/nodir/m.sock"
nerr 2 'did you mean "unix:/tmp/x.sock"' "unix/ for unix:" -- -p unix/tmp/x.sock
long=$tmp/$(printf '%0120d' 0).sock
nerr 2 "socket path of [0-9]* bytes: a unix socket path holds at most 107" "socket path over 107 bytes" -- -p "unix:$long"
echo keep >"$tmp/plain-file"
nerr 2 "$tmp/plain-file exists and is not a socket" "a regular file as the socket" -- -p "unix:$tmp/plain-file"
is "$(cat "$tmp/plain-file")" keep "a regular file as the socket is left as it was"
# A second instance on a live socket: refused, and the first one's
# socket still answers (libmilter would have removed it).
"$bin" -f -p "unix:$tmp/live.sock" -c "$TOP/conf/invite-milter.conf" >/dev/null 2>&1 &
lpid1=$!
i=0; while [ ! -S "$tmp/live.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
"$bin" -f -p "unix:$tmp/live.sock" -c "$TOP/conf/invite-milter.conf" >"$tmp/second.out" 2>&1
is $? 1 "a second instance on a live socket: exit 1"
grep -q "a milter already answers on this socket" "$tmp/second.out"; ok $? "... and says why"
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])' "$tmp/live.sock" 2>/dev/null
ok $? "... and the first instance's socket still answers"
kill "$lpid1" 2>/dev/null; wait "$lpid1" 2>/dev/null
printf '[milter]\nsocket = inet:8890:127.0.0.1\n' >"$tmp/sock.conf"
nerr 2 'sock.conf: \[milter\] socket: "inet:8890:127.0.0.1": expected inet:PORT@HOST' "socket in the wrong form" -- -c "$tmp/sock.conf"
nerr 2 '^invite-milter: -p: "inet6:70000@::1": expected inet6:PORT@HOST with a port from 1 to 65535' "-p port out of range" -- -p inet6:70000@::1
nerr 2 '"bad domain" is not a domain name' "-D not a domain" -- -D "bad domain"
"$bin" -u no-such-user-5b -p "unix:$tmp/never.sock" -f 2>"$tmp/u.err"; is $? 2 "start with an unknown user: exit 2 before listening"
test ! -e "$tmp/never.sock"; ok $? "... and no socket left behind"

# --- the milter on a socket -----------------------------------------
if ! command -v miltertest >/dev/null; then
	skip "daemon" "no miltertest"; exit 0
fi
waitsock() { i=0; while [ ! -S "$1" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done; test -S "$1"; }
mt() {	# socket expect file from name [user]
	if [ -n "${6:-}" ]; then
		setpriv --reuid="$6" --regid="$6" --init-groups env MT_SOCK="$1" \
		    MT_FILE="$3" MT_IP=192.0.2.10 MT_FROM="$4" MT_EXPECT="$2" \
		    miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/mt.log" 2>&1
	else
		MT_SOCK="$1" MT_FILE="$3" MT_IP=192.0.2.10 MT_FROM="$4" MT_EXPECT="$2" \
		    miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/mt.log" 2>&1
	fi
}

# Without -c: the built-in defaults (personnummer rejected; internal
# senders are outgoing), with no internal domain unless -D adds one.
"$bin" -f -p "unix:$tmp/def.sock" >/dev/null 2>&1 &
p1=$!; pids="$pids $p1"
# notices off: with a sendmail program here the built-in defaults would
# send them to this machine's MTA (issue 20); nothing else set
printf '[notice]\nenable = false\n' >"$tmp/quiet.conf"
"$bin" -f -p "unix:$tmp/dom.sock" -c "$tmp/quiet.conf" -D region.example -D kommun.example >/dev/null 2>&1 &
p2=$!; pids="$pids $p2"
waitsock "$tmp/def.sock" && waitsock "$tmp/dom.sock"; ok $? "two milters without -c listen"
mt "unix:$tmp/def.sock" notours "$c/002-pnr-subject.eml" "<a@kommun.example>"
ok $? "built-in defaults, no -D: a sender from 192.0.2.10 is not outgoing"
mt "unix:$tmp/dom.sock" reject "$c/002-pnr-subject.eml" "<a@kommun.example>"
ok $? "built-in defaults, -D kommun.example (the second -D): outgoing, personnummer rejected"
mt "unix:$tmp/dom.sock" reject "$c/002-pnr-subject.eml" "<a@region.example>"
ok $? "built-in defaults, -D region.example (the first -D): outgoing too"
kill "$p1" "$p2"; wait "$p1" "$p2" 2>/dev/null

# -D stays after a reload of a file without internal domains.
printf '[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s/reload.log\n' "$tmp" >"$tmp/nodom.conf"
"$bin" -f -c "$tmp/nodom.conf" -p "unix:$tmp/re.sock" -D kommun.example >/dev/null 2>&1 &
p3=$!; pids="$pids $p3"
waitsock "$tmp/re.sock"
kill -HUP "$p3"
i=0; while ! grep -q '"event":"reload"' "$tmp/reload.log" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
grep -q '"event":"reload","signal":"SIGHUP"' "$tmp/reload.log"; ok $? "SIGHUP reloads"
mt "unix:$tmp/re.sock" reject "$c/002-pnr-subject.eml" "<a@kommun.example>"
ok $? "-D kommun.example still internal after the reload"
kill "$p3"; wait "$p3" 2>/dev/null

# -u: as root, bind, apply socket_mode/socket_group, then become nobody.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1 && id postfix >/dev/null 2>&1 &&
    command -v setpriv >/dev/null; then
	mkdir "$tmp/run"
	chown nobody "$tmp/run"
	printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[milter]\nsocket_mode = 0660\nsocket_group = postfix\n' >"$tmp/u.conf"
	"$bin" -f -c "$tmp/u.conf" -p "unix:$tmp/run/u.sock" -u nobody >"$tmp/u.out" 2>&1 &
	p4=$!; pids="$pids $p4"
	waitsock "$tmp/run/u.sock"; ok $? "-u nobody: listens"
	i=0	# the drop follows the bind
	while ! grep -q '^Uid:	65534' "/proc/$p4/status" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	nob=$(id -u nobody) nog=$(id -g nobody)
	is "$(awk '/^Uid:/ { print $2, $3, $4, $5 }' "/proc/$p4/status")" "$nob $nob $nob $nob" "-u nobody: real, effective, saved and fs uid"
	is "$(awk '/^Gid:/ { print $2, $3, $4, $5 }' "/proc/$p4/status")" "$nog $nog $nog $nog" "-u nobody: all four gids"
	is "$(awk '/^Groups:/ { $1 = ""; print }' "/proc/$p4/status" | tr -s ' ' | sed 's/^ //; s/ $//')" \
	    "$(id -G nobody)" "-u nobody: root's supplementary groups are gone"
	is "$(stat -c '%a %U %G' "$tmp/run/u.sock")" "660 root postfix" "socket_mode 0660 and socket_group postfix applied"
	mt "unix:$tmp/run/u.sock" reject "$c/002-pnr-subject.eml" "<a@kommun.example>" "" postfix
	ok $? "the postfix user reaches the socket; the milter (now nobody) rejects"
	mt "unix:$tmp/run/u.sock" reject "$c/002-pnr-subject.eml" "<a@kommun.example>" "" nobody
	test $? -ne 0; ok $? "a user outside the group cannot connect"
	kill "$p4"; wait "$p4"; is $? 0 "-u nobody: SIGTERM, exit 0"

	printf '[notice]\nenable = false\n[milter]\nsocket_mode = 0600\n' >"$tmp/m600.conf"
	"$bin" -f -c "$tmp/m600.conf" -p "unix:$tmp/run/m.sock" -D kommun.example >/dev/null 2>&1 &
	p5=$!; pids="$pids $p5"
	waitsock "$tmp/run/m.sock"
	is "$(stat -c '%a' "$tmp/run/m.sock")" 600 "socket_mode 0600 applied"
	kill "$p5"; wait "$p5" 2>/dev/null
else
	skip "-u and socket group" "needs root and the users nobody and postfix"
fi

# inet6 on ::1 (miltertest has no inet6: a milter-protocol exchange in
# Python: option negotiation, connect, MAIL FROM).
if grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 2>/dev/null; then
	port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET6); s.bind(("::1",0)); print(s.getsockname()[1])')
	"$bin" -f -p "inet6:$port@::1" -D kommun.example >"$tmp/v6.out" 2>&1 &
	p6=$!; pids="$pids $p6"
	python3 - "$port" >"$tmp/v6.log" 2>&1 <<'PY'
import socket, struct, sys, time
def pkt(cmd, data=b""):
    return struct.pack(">I", len(data) + 1) + cmd + data
def reply(s):
    n = struct.unpack(">I", s.recv(4, socket.MSG_WAITALL))[0]
    d = s.recv(n, socket.MSG_WAITALL)
    return d[:1], d[1:]
def session(sender):
    for _ in range(100):
        try:
            s = socket.create_connection(("::1", int(sys.argv[1])), 2)
            break
        except OSError:
            time.sleep(0.1)
    s.sendall(pkt(b"O", struct.pack(">III", 6, 0x1FF, 0)))
    cmd, _ = reply(s)
    assert cmd == b"O", "no option negotiation reply"
    s.sendall(pkt(b"C", b"client.example\0" + b"4" + struct.pack(">H", 25) + b"192.0.2.10\0"))
    cmd, _ = reply(s)
    assert cmd == b"c", "connect: %r" % cmd
    s.sendall(pkt(b"M", sender + b"\0"))
    cmd, _ = reply(s)
    s.sendall(pkt(b"Q"))
    s.close()
    return cmd
assert session(b"<x@else.example>") == b"a", "external sender not accepted at MAIL FROM"
assert session(b"<a@kommun.example>") == b"c", "internal sender not examined"
PY
	r=$?; [ $r -ne 0 ] && sed 's/^/#   /' "$tmp/v6.log"
	ok $r "inet6:PORT@::1: the milter protocol works (accept at MAIL FROM, continue for -D)"
	kill "$p6"; wait "$p6"; is $? 0 "inet6: SIGTERM, exit 0"
else
	skip "inet6" "no IPv6 loopback"
fi

# Detached (no -f) with relative paths: daemon() moves to "/", yet the
# reload reads the same file, and the pidfile and socket are ours.
mkdir "$tmp/rel"
printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s/rel/log\nstats_interval = 0\n' "$tmp" >"$tmp/rel/m.conf"
(cd "$tmp/rel" && "$bin" -c m.conf -p unix:m.sock -P m.pid >/dev/null 2>&1); is $? 0 "detached start: exit 0"
i=0; while [ ! -s "$tmp/rel/m.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
dpid=$(cat "$tmp/rel/m.pid" 2>/dev/null)
test -n "$dpid" && kill -0 "$dpid" 2>/dev/null; ok $? "detached: the relative pidfile is in the start directory and names a live process"
waitsock "$tmp/rel/m.sock"
# the pid from the start line, so that the process is stopped even when
# the pidfile went astray
lpid=$(sed -n 's/.*"event":"start".*"pid":\([0-9]*\).*/\1/p' "$tmp/rel/log" | head -1)
is "$lpid" "$dpid" "detached: the pidfile and the start line agree"
dpid=$lpid
grep -q "\"socket\":\"unix:$tmp/rel/m.sock\"" "$tmp/rel/log"; ok $? "detached: the start line names the absolute socket"
mt "unix:$tmp/rel/m.sock" reject "$c/002-pnr-subject.eml" "<a@kommun.example>"
ok $? "detached: rejects over the relative socket"
[ -n "$dpid" ] && kill -HUP "$dpid"
i=0; while ! grep -q '"event":"reload' "$tmp/rel/log" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
grep -q '"event":"reload","signal":"SIGHUP"' "$tmp/rel/log"; ok $? "detached: SIGHUP reloads the relative -c file"
[ -n "$dpid" ] && kill "$dpid"
i=0; while kill -0 "$dpid" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
test -n "$dpid" && ! kill -0 "$dpid" 2>/dev/null; ok $? "detached: SIGTERM stops it"
test ! -e "$tmp/rel/m.pid" && test ! -e "$tmp/rel/m.sock"; ok $? "detached: pidfile and socket removed"

# Every log line is one JSON object starting with time and event, and
# every event and field in it is documented in invite-milter(8).
cat "$tmp/reload.log" "$tmp/rel/log" >"$tmp/all.log"
python3 - "$tmp/all.log" "$TOP/man/invite-milter.8" >"$tmp/doc.log" 2>&1 <<'PY'
import json, re, sys
man = open(sys.argv[2]).read()
log = man[man.index(".SH LOGGING"):man.index(".SH FILES")]
bad = []
n = 0
for line in open(sys.argv[1]):
    o = json.loads(line)
    n += 1
    keys = list(o)
    assert keys[:2] == ["time", "event"], keys[:2]
    if not re.search(r"^\.BR? .*\b%s\b" % re.escape(o["event"]), log, re.M):
        bad.append("event " + o["event"])
    for k in keys[2:]:
        if "\\fB%s\\fR" % k not in log:
            bad.append("%s.%s" % (o["event"], k))
assert n >= 5, "only %d lines" % n
assert not bad, "undocumented: " + ", ".join(sorted(set(bad)))
PY
r=$?; [ $r -ne 0 ] && sed 's/^/#   /' "$tmp/doc.log"
ok $r "log lines are JSON with time, event first; every event and field is in invite-milter(8) LOGGING"

# The same from the source, for the events this test does not provoke
# (decision, over_cap, error, notice, log_error, negotiate...): every
# event name and every JSON key written by the daemon's log lines, and
# every counter of the stats line, appears in LOGGING.
python3 - "$TOP" >"$tmp/src.log" 2>&1 <<'PY'
import glob, re, sys
top = sys.argv[1]
man = open(top + "/man/invite-milter.8").read()
log = man[man.index(".SH LOGGING"):man.index(".SH FILES")]
bad, events, keys = [], set(), set()
for f in sorted(glob.glob(top + "/milter/*.c")):
    src = open(f).read()
    events |= set(re.findall(r'\\"event\\":\\"(\w+)\\"', src))
    events |= set(re.findall(r'mlt_log_event\([^;]*?"(\w+)"', src))
    keys |= set(re.findall(r'\\"(\w+)\\":', src)) - {"event"}
    if f.endswith("/stats.c"):
        keys |= set(re.findall(r'\[ST_\w+\] = "(\w+)"', src))
assert len(events) >= 14 and len(keys) >= 40, (len(events), len(keys))
for e in sorted(events):
    if not re.search(r"^\.BR? .*\b%s\b" % e, log, re.M):
        bad.append("event " + e)
for k in sorted(keys):
    if "\\fB%s\\fR" % k not in log:
        bad.append(k)
assert not bad, "undocumented: " + ", ".join(bad)
print("%d events, %d keys" % (len(events), len(keys)))
PY
r=$?; sed 's/^/# /' "$tmp/src.log"
ok $r "every event, field and counter the daemon's source writes is in invite-milter(8) LOGGING"

# --- English reply in English (issue 19) -----------------------------
# The evidence of invitation-level findings is a Swedish count in the
# JSON ("1 extern domän"); the English lines of the 550 say it in English.
printf '[general]\ninternal_domains = kommun.example\n[log]\nsyslog = false\n[notice]\nenable = false\n' >"$tmp/en.conf"
"$bin" -c "$tmp/en.conf" -t "$c/100-weekly-external.eml" --from a@kommun.example >"$tmp/en.out"
sed -n '/The invitation was stopped/,/^550 /p' "$tmp/en.out" >"$tmp/en.lines"
grep -q '1 external domain\.' "$tmp/en.lines"
ok $? "English 550 line: the series evidence in English (1 external domain)"
grep -Eiq 'doman|domaner|deltagare|extern |partnerdom|utan adress' "$tmp/en.lines"
is $? 1 "English 550 lines carry no Swedish evidence words"
grep -q '1 extern doman' "$tmp/en.out"
ok $? "the Swedish line keeps the Swedish evidence"

# --- -n refuses what start refuses (issue 19) ------------------------
ncheck() {	# description config-text expected-stderr-pattern
	printf "$2" >"$tmp/nn.conf"
	"$bin" -p "unix:$tmp/nn.sock" -n -c "$tmp/nn.conf" >/dev/null 2>"$tmp/nn.err"
	r=$?
	grep -q -- "$3" "$tmp/nn.err" || { sed 's/^/#   /' "$tmp/nn.err"; r=0; }
	is $r 2 "-n: $1"
}
ncheck "a key given twice (file:line, first line)" \
    '[log]\nsyslog = false\n[milter]\ntimeout = 5\ntimeout = 6\n' \
    'nn.conf:5: \[milter\] timeout: given twice (first at line 4)$'
ncheck "a group given twice" \
    '[log]\nsyslog = false\n[milter]\ntimeout = 5\n[log]\nstats_interval = 3\n' \
    'nn.conf:5: \[log\]: given twice (first at line 1: put its keys there)$'
ncheck "10MB: names the size form" \
    '[log]\nsyslog = false\n[milter]\nmax_body = 10MB\n' \
    'nn.conf:4: \[milter\] max_body: "10MB" is not a size: write 10M (a number, or with K, M or G)$'
ncheck "a [limits] size: same wording" \
    '[log]\nsyslog = false\n[limits]\nics_bytes = 2 MB\n' \
    '\[limits\] ics_bytes: "2 MB" is not a size: write 10M'
ncheck "a size out of range says so" \
    '[log]\nsyslog = false\n[milter]\nmax_body = 1\n' \
    'max_body: "1" is out of range: between 1024 and'
ncheck "a [log] file in a missing directory" \
    "[log]\nsyslog = false\nfile = $tmp/no/such/dir/m.log\n" \
    '\[log\] file: directory .*/no/such/dir: No such file or directory$'
printf '[log]\nsyslog = false\n# timeout = 1\n[milter]\n# timeout = 2\ntimeout = 5\n' >"$tmp/nn.conf"
"$bin" -p "unix:$tmp/nn.sock" -n -c "$tmp/nn.conf" >/dev/null 2>&1
is $? 0 "-n: commented-out keys are not counted twice"
