#!/bin/sh
# Monitoring (issue 19): [log] metrics_file, the counters in Prometheus
# text format for node_exporter's textfile collector. A daemon with
# stats_interval 1 gets invitations through miltertest
# (tests/milter/send.lua): the file is rewritten each second, every line
# is a comment or "name{labels} value", HELP and TYPE come before each
# metric and say the counters count since start, and the counters match
# what was sent (messages, examined, accept, reject, findings per rule
# and action, invite-check's own count); the stats line carries the
# per-rule counts; at stop the file holds the final counts and no
# temporary file is left; a reload is counted. Prints only counts.
. "$(dirname "$0")/../lib.sh"
bin=$TOP/$B/invite-milter
chk=$TOP/$B/invite-check
case "$B" in /*) bin=$B/invite-milter chk=$B/invite-check ;; esac
if ! command -v miltertest >/dev/null; then skip "metrics" "no miltertest"; exit 0; fi
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
c=$TOP/tests/corpus
mkdir "$tmp/textfile"
prom=$tmp/textfile/invite-milter.prom
printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s\nstats_interval = 1\nmetrics_file = %s\n' \
    "$tmp/log" "$prom" >"$tmp/m.conf"
"$bin" -p "unix:$tmp/m.sock" -n -c "$tmp/m.conf" >/dev/null; is $? 0 "-n accepts metrics_file"
"$bin" -f -p "unix:$tmp/m.sock" -c "$tmp/m.conf" >"$tmp/out" 2>&1 &
pid=$!
i=0; while [ ! -S "$tmp/m.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
send() {	# expect file description
	MT_SOCK="unix:$tmp/m.sock" MT_FILE=$c/$2 MT_IP=192.0.2.10 \
	    MT_FROM='<a@kommun.example>' MT_EXPECT=$1 \
	    miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/mt.log" 2>&1
	r=$?
	[ $r -ne 0 ] && sed 's/^/# /' "$tmp/mt.log" | head -3
	ok $r "$3"
}
send reject 002-pnr-subject.eml "invitation with a personnummer: rejected (1)"
send reject 002-pnr-subject.eml "invitation with a personnummer: rejected (2)"
send reject 002-pnr-subject.eml "invitation with a personnummer: rejected (3)"
send accept 001-teams-clean.eml "clean invitation: accepted"
MT_SOCK="unix:$tmp/m.sock" MT_FILE=$c/001-teams-clean.eml MT_IP=192.0.2.10 \
    MT_FROM='<x@region.example>' MT_EXPECT=notours \
    miltertest -s "$TOP/tests/milter/send.lua" >/dev/null 2>&1
ok $? "outside sender: not ours"
# per message, as invite-check counts them
per=$("$chk" -c "$tmp/m.conf" --json "$c/002-pnr-subject.eml" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(sum(1 for f in d["findings"] if f["rule"] == "personnummer" and f["action"] == "reject"))')
want_pnr=$((3 * per))
kill -HUP $pid		# a reload, counted
sleep 2.5		# at least two intervals after the last message

check() {	# file label: the format, then the counters
	python3 - "$1" "$want_pnr" >"$tmp/check.out" 2>&1 <<'PY'
import re, sys
path, want_pnr = sys.argv[1], int(sys.argv[2])
text = open(path).read()
assert text.endswith("\n"), "no final newline"
sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*)?\})? (-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?)$')
vals, typed, helped = {}, {}, {}
for n, line in enumerate(text.splitlines(), 1):
    if line.startswith("# HELP "):
        helped[line.split()[2]] = line
        continue
    if line.startswith("# TYPE "):
        f = line.split()
        assert f[3] in ("counter", "gauge"), line
        typed[f[2]] = f[3]
        continue
    assert not line.startswith("#"), "line %d: stray comment" % n
    m = sample.match(line)
    assert m, "line %d is not name{labels} value: %r" % (n, line)
    name = m.group(1)
    assert name in typed and name in helped, "line %d: %s without TYPE/HELP before it" % (n, name)
    if typed[name] == "counter":
        assert name.endswith("_total"), name
    vals[(name, m.group(3) or "")] = float(m.group(5))
def v(name, labels=""):
    return vals[(name, labels)]
assert "since" in helped["invite_milter_uptime_seconds"], "HELP does not say since start"
assert all("ince start" in h for k, h in helped.items() if k.endswith("_total")), "a counter's HELP does not say since start"
got = {
    "messages": v("invite_milter_messages_total"),
    "examined": v("invite_milter_examined_total"),
    "reject": v("invite_milter_reject_total"),
    "accept": v("invite_milter_accept_total"),
    "accepted_at_mail": v("invite_milter_accepted_at_mail_total"),
    "tempfail": v("invite_milter_tempfail_total"),
    "pnr_reject": v("invite_milter_findings_total", 'rule="personnummer",action="reject"'),
    "reloads": v("invite_milter_reloads_total"),
}
want = {"messages": 5, "examined": 4, "reject": 3, "accept": 1,
        "accepted_at_mail": 1, "tempfail": 0, "pnr_reject": want_pnr, "reloads": 1}
assert got == want, "got %r, want %r" % (got, want)
others = sum(x for (k, l), x in vals.items() if k == "invite_milter_findings_total" and 'rule="personnummer"' not in l)
assert others == 0, "other findings: %d" % others
assert v("invite_milter_uptime_seconds") >= 2
nf = sum(1 for (k, l) in vals if k == "invite_milter_findings_total")
print("%d samples, %d rule x action series; personnummer/reject %d" % (len(vals), nf, got["pnr_reject"]))
PY
	r=$?; sed 's/^/# /' "$tmp/check.out"
	ok $r "$2"
}
test -s "$prom"; ok $? "metrics_file written while running"
check "$prom" "running: Prometheus text format, counters match what was sent"
st=$(grep '"event":"stats"' "$tmp/log" | tail -1)
echo "$st" | grep -q "\"findings\":{\"personnummer.reject\":$want_pnr}"
ok $? "stats line: per-rule counts (personnummer.reject $want_pnr)"
m1=$(stat -c %Y.%i "$prom"); sleep 1.5; m2=$(stat -c %Y.%i "$prom")
test "$m1" != "$m2"; ok $? "rewritten at each interval (a new file renamed over it)"
is "$(stat -c %a "$prom")" 644 "mode 0644 for the collector"
kill -TERM $pid; wait $pid; r=$?; pid=
is $r 0 "SIGTERM: exit 0"
check "$prom" "after stop: the final counts"
is "$(ls "$tmp/textfile" | wc -l | tr -d ' ')" 1 "no temporary file left beside it"

# A directory that is not there: -n refuses it; at run time (the
# directory removed) a metrics_error line, mail goes on.
sed "s|^metrics_file = .*|metrics_file = $tmp/nodir/x.prom|" "$tmp/m.conf" >"$tmp/bad.conf"
"$bin" -p "unix:$tmp/m.sock" -n -c "$tmp/bad.conf" 2>"$tmp/n.err" >/dev/null; r=$?
is $r 2 "-n: metrics_file in a missing directory refused"
grep -q '\[log\] metrics_file: directory .*/nodir: No such file or directory' "$tmp/n.err"
ok $? "-n names key, directory and reason"
"$bin" -f -p "unix:$tmp/m.sock" -c "$tmp/m.conf" >"$tmp/out" 2>&1 &
pid=$!
i=0; while [ ! -S "$tmp/m.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
rm -rf "$tmp/textfile"
sleep 1.5
grep -q '"event":"metrics_error","error":".*textfile/invite-milter.prom.*No such file or directory' "$tmp/log"
ok $? "directory gone: metrics_error logged"
send reject 002-pnr-subject.eml "and mail is still decided"
kill -TERM $pid; wait $pid; pid=
