#!/bin/sh
# make bench, part 3 of issue 8: end to end through a real Postfix.
# A private Postfix on 127.0.0.1 (tests/postfix-lib.sh) relays to
# smtp-sink; smtp-source loads it with 1 and with 20 concurrent sessions.
# One smtpd listener per variant:
#   a        no milter
#   b-inet   the null milter (tests/bench/nullmilter.c) over TCP
#   b-unix   the null milter over a unix socket
#   c-inet   invite-milter over TCP
#   c-unix   invite-milter over a unix socket
# Two messages: a clean Teams invitation from tests/corpus (examined to
# the end and accepted) and a plain-text message (accepted at end of
# headers). Runs are interleaved (every variant once, then again) after
# a warm-up; each figure is messages/s with median and min-max.
# Prints Markdown on stdout. Environment:
#   E2E_MSGS   messages per run at 1 session (default 600; 20 sessions
#              send twice as many)
#   E2E_RUNS   repetitions (default 7)
#   E2E_SMOKE  =1: one tiny run per cell, to check the wiring quickly
set -eu
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
. "$top/tests/postfix-lib.sh"
case "$B" in /*) bin=$B ;; *) bin=$top/$B ;; esac
msgs=${E2E_MSGS:-600}
runs=${E2E_RUNS:-7}
[ "${E2E_SMOKE:-0}" = 1 ] && { msgs=20; runs=1; }

tmp=$(mktemp -d /tmp/im-bench.XXXXXX)
chmod 755 "$tmp"
pids=
cleanup() {
	set +e
	pf_stop >/dev/null 2>&1
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

wait_sock() {	# unix path or inet port
	i=0
	case $1 in
	/*) while [ ! -S "$1" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done ;;
	*) while ! python3 -c "import socket; socket.create_connection(('127.0.0.1',$1),1)" 2>/dev/null &&
	    [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done ;;
	esac
}

# invite-milter's decision lines: to syslog as shipped when a syslog
# daemon listens on /dev/log; without one (a bare test machine) glibc's
# syslog() tries to connect again on every call, three failing system
# calls per message that no relay pays, so the lines go to a file then
# (the other [log] destination, one write each).
cfg=conf/invite-milter.conf
if [ ! -S /dev/log ]; then
	cfg=$tmp/invite-milter.conf
	sed -e 's/^#\?syslog = true/syslog = false/' \
	    -e "s|^#file = .*|file = $tmp/decisions.log|" conf/invite-milter.conf >"$cfg"
	log_note="invite-milter's decision lines went to a file ([log] file; no syslog daemon listens on /dev/log here, and glibc's syslog() then retries its connection on every call)."
else
	log_note="invite-milter's decision lines went to syslog (/dev/log), as shipped."
fi

# the milters: two of each, so TCP and unix runs never share a process
nport=$(pf_free_port); iport=$(pf_free_port)
"$bin/tests/nullmilter" -p "inet:$nport@127.0.0.1" & pids="$pids $!"; pid_bi=$!
"$bin/tests/nullmilter" -p "unix:$tmp/null.sock" & pids="$pids $!"; pid_bu=$!
"$bin/invite-milter" -f -p "inet:$iport@127.0.0.1" -D kommun.example \
    -c "$cfg" >"$tmp/inv-inet.log" 2>&1 & pids="$pids $!"; pid_ci=$!
"$bin/invite-milter" -f -p "unix:$tmp/inv.sock" -D kommun.example \
    -c "$cfg" >"$tmp/inv-unix.log" 2>&1 & pids="$pids $!"; pid_cu=$!
# the 40 ms stalls, shown with the null milter over TCP: DATA skipped,
# a header added before the final reply, the same with TCP_NODELAY
sport=$(pf_free_port); hport=$(pf_free_port); dport=$(pf_free_port)
"$bin/tests/nullmilter" -s -p "inet:$sport@127.0.0.1" & pids="$pids $!"
"$bin/tests/nullmilter" -H -p "inet:$hport@127.0.0.1" & pids="$pids $!"
"$bin/tests/nullmilter" -H -n -p "inet:$dport@127.0.0.1" & pids="$pids $!"
for s in "$nport" "$tmp/null.sock" "$iport" "$tmp/inv.sock" "$sport" "$hport" "$dport"; do wait_sock "$s"; done
pf_milter_sock "$tmp/null.sock"; pf_milter_sock "$tmp/inv.sock"

p_bi=$(pf_free_port); p_bu=$(pf_free_port); p_ci=$(pf_free_port); p_cu=$(pf_free_port)
p_ss=$(pf_free_port); p_sh=$(pf_free_port); p_sd=$(pf_free_port)
PF_SINK_DUMP=no
# in_flow_delay: smtpd would otherwise pause when the queue manager lags,
# which measures the queue, not the milter.
PF_MAIN_EXTRA="in_flow_delay = 0"
PF_MASTER_EXTRA="127.0.0.1:$p_bi inet n - n - - smtpd -o smtpd_milters=inet:127.0.0.1:$nport
127.0.0.1:$p_bu inet n - n - - smtpd -o smtpd_milters=unix:$tmp/null.sock
127.0.0.1:$p_ci inet n - n - - smtpd -o smtpd_milters=inet:127.0.0.1:$iport
127.0.0.1:$p_cu inet n - n - - smtpd -o smtpd_milters=unix:$tmp/inv.sock
127.0.0.1:$p_ss inet n - n - - smtpd -o smtpd_milters=inet:127.0.0.1:$sport
127.0.0.1:$p_sh inet n - n - - smtpd -o smtpd_milters=inet:127.0.0.1:$hport
127.0.0.1:$p_sd inet n - n - - smtpd -o smtpd_milters=inet:127.0.0.1:$dport"
pf_start ""
for p in $p_bi $p_bu $p_ci $p_cu $p_ss $p_sh $p_sd; do wait_sock "$p"; done

# smtp-source -F sends the file line by line and adds CRLF itself
sed 's/\r$//' tests/corpus/001-teams-clean.eml >"$tmp/invite.eml"
printf 'From: a@kommun.example\nTo: extern@region.example\nSubject: Protokoll\nDate: Mon, 10 Nov 2025 09:00:00 +0100\nMessage-ID: <bench-plain@kommun.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n' >"$tmp/plain.eml"
sed -n '/^$/,$p' "$tmp/invite.eml" | head -40 >>"$tmp/plain.eml"
# an invitation that is delivered with the flag header (link attachment)
sed 's/\r$//' tests/corpus/120-thunderbird-link-attach-external.eml >"$tmp/flag.eml"

port_of() {
	case $1 in
	a) echo "$PF_PORT" ;; b-inet) echo "$p_bi" ;; b-unix) echo "$p_bu" ;;
	c-inet) echo "$p_ci" ;; c-unix) echo "$p_cu" ;;
	s-skip) echo "$p_ss" ;; s-hdr) echo "$p_sh" ;; s-nodelay) echo "$p_sd" ;;
	esac
}

queue_empty() {	# wait until Postfix has delivered everything (max ~60 s)
	i=0
	while [ "$(find "$PF_DIR/queue/incoming" "$PF_DIR/queue/active" \
	    "$PF_DIR/queue/maildrop" -type f 2>/dev/null | wc -l)" -gt 0 ] &&
	    [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
}

pid_of() {
	case $1 in
	b-inet) echo "$pid_bi" ;; b-unix) echo "$pid_bu" ;;
	c-inet) echo "$pid_ci" ;; c-unix) echo "$pid_cu" ;; *) echo "" ;;
	esac
}
cpu_ticks() {	# user + system clock ticks of a process, 0 without one
	if [ -n "$1" ]; then awk '{ print $14 + $15 }' "/proc/$1/stat"; else echo 0; fi
}

one() {	# variant sessions count file -> "messages/s milter-CPU-us/message"
	queue_empty
	mp=$(pid_of "$1")
	c0=$(cpu_ticks "$mp")
	t0=$(date +%s.%N)
	/usr/sbin/smtp-source -s "$2" -m "$3" -f a@kommun.example \
	    -t extern@region.example -F "$4" "127.0.0.1:$(port_of "$1")" \
	    >"$tmp/src.out" 2>&1 || { echo "smtp-source failed ($1):" >&2; cat "$tmp/src.out" >&2; echo "0 0"; return; }
	t1=$(date +%s.%N)
	c1=$(cpu_ticks "$mp")
	echo "$t0 $t1 $3 $c0 $c1 $(getconf CLK_TCK)" |
	    awk '{ printf "%.1f %.0f\n", $3 / ($2 - $1), ($5 - $4) * 1e6 / $6 / $3 }'
}

variants=${E2E_VARIANTS:-a b-inet b-unix c-inet c-unix}
if [ -n "${E2E_HOLD:-}" ]; then	# keep it running for experiments
	echo "ports: a=$PF_PORT b-inet=$p_bi b-unix=$p_bu c-inet=$p_ci c-unix=$p_cu; milters: $pids; files in $tmp" >&2
	sleep "$E2E_HOLD"
	exit 0
fi
# warm-up: every variant and message once, short
for v in $variants; do
	for m in invite plain; do one "$v" 4 40 "$tmp/$m.eml" >/dev/null; done
done
: >"$tmp/results"
r=1
while [ $r -le "$runs" ]; do
	for s in ${E2E_SESSIONS:-1 20}; do
		n=$msgs; [ "$s" -gt 1 ] && n=$((msgs * 2))
		for m in ${E2E_KINDS:-invite plain}; do
			for v in $variants; do
				echo "$s $m $v $(one "$v" "$s" "$n" "$tmp/$m.eml")" >>"$tmp/results"
			done
		done
	done
	if [ -z "${E2E_VARIANTS:-}" ]; then	# the stalls: 1 session, short
		for v in b-inet s-skip s-hdr s-nodelay; do
			echo "1 stall $v $(one "$v" 1 "${E2E_STALL_MSGS:-60}" "$tmp/invite.eml")" >>"$tmp/results"
		done
	fi
	r=$((r + 1))
done
cp "$tmp/results" "$B/bench/e2e-results.txt" 2>/dev/null || true
echo "$log_note"
echo
python3 - "$tmp/results" "$msgs" "$runs" "${E2E_STALL_MSGS:-60}" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
msgs, runs, stall_msgs = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
data, cpu = {}, {}
for s, m, v, r, c in rows:
    data.setdefault((int(s), m, v), []).append(float(r))
    cpu.setdefault((int(s), m, v), []).append(float(c))
def paired(k1, k2):
    # runs are interleaved: run i of k1 and of k2 ran in the same round,
    # so their ratio shares that moment's load; median (min-max) of those
    x, y = data.get(k1, []), data.get(k2, [])
    r = [a / b for a, b in zip(x, y) if b > 0]
    if not r:
        return "-"
    return "%.2f (%.2f-%.2f)" % (statistics.median(r), min(r), max(r))
def fig(k):
    x = data.get(k, [])
    if not x:
        return None, "-"
    return statistics.median(x), "%.0f (%.0f-%.0f)" % (statistics.median(x), min(x), max(x))
names = {"invite": "clean Teams invitation (examined to the end, accepted)",
         "flag": "invitation with a link attachment (examined, delivered with the flag header)",
         "plain": "plain-text message (accepted at end of headers)"}
print("Messages/s accepted by Postfix, median (min-max) of %d interleaved runs;" % runs)
print("%d messages per run at 1 session, %d at 20 sessions. a = no milter," % (msgs, msgs * 2))
print("b = null milter (every callback, accept at end of message), c = invite-milter.")
print("c/b and c/a: ratios of the medians; c/b per run: the median (min-max)")
print("of c/b round by round (a round runs every variant once, one after the")
print("other, so b and c of a round share that moment's load).")
print("Milter CPU/message: user+system time of the milter process during the run")
print("(/proc/PID/stat), per message, median.")
print()
for m in [k for k in ("invite", "flag", "plain") if any(d[1] == k for d in data)]:
    print("**%s**" % names[m])
    print()
    print("| sessions | socket | a: no milter | b: null milter | c: invite-milter | c/b | c/b per run | c/a | milter CPU/message b, c |")
    print("|---|---|---|---|---|---|---|---|---|")
    for s in (1, 20):
        for sock in ("inet", "unix"):
            a, af = fig((s, m, "a"))
            b, bf = fig((s, m, "b-" + sock))
            c, cf = fig((s, m, "c-" + sock))
            cb = "%.2f" % (c / b) if b and c else "-"
            ca = "%.2f" % (c / a) if a and c else "-"
            cpus = ", ".join("%.0f us" % statistics.median(cpu[k]) if cpu.get(k) else "-"
                             for k in ((s, m, "b-" + sock), (s, m, "c-" + sock)))
            cbp = paired((s, m, "c-" + sock), (s, m, "b-" + sock))
            print("| %d | %s | %s | %s | %s | %s | %s | %s | %s |" % (s, "TCP" if sock == "inet" else "unix", af, bf, cf, cb, cbp, ca, cpus))
    print()
st = {"b-inet": "every stage with a reply (the null milter above)",
      "s-skip": "DATA skipped (SMFIP_NODATA)",
      "s-hdr": "a header added before the final accept",
      "s-nodelay": "a header added, TCP_NODELAY on the milter's listening socket"}
if any(d[1] == "stall" for d in data):
    print("**The 40 ms stall over TCP**: the null milter at 1 session, clean invitation, %d messages a run, median (min-max)" % stall_msgs)
    print()
    print("| null milter variant | messages/s | ms per message |")
    print("|---|---|---|")
    for v in ("b-inet", "s-skip", "s-hdr", "s-nodelay"):
        med, f = fig((1, "stall", v))
        print("| %s | %s | %s |" % (st[v], f, "%.1f" % (1000 / med) if med else "-"))
    print()
PY
