#!/bin/sh
# make demo (issue 5): the live path through a private Postfix prints the
# SMTP outcome of each of the three invitations (250 queued for the clean
# one, 550 5.7.1 for the personnummer and the external series), ends
# with a report of its own decisions (issue 21: the path printed, the
# file there, the numbers those of the three messages, no address in
# it) and leaves no process, socket or Postfix directory behind.
. "$(dirname "$0")/../lib.sh"
if [ "$(id -u)" != 0 ] || ! command -v swaks >/dev/null || ! command -v postfix >/dev/null; then
	skip "make demo, live part" "needs root, postfix and swaks"; exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
DEMO_STATE=$tmp/state REPORT_DIR=$tmp/report B=$B sh "$TOP/tests/demo.sh" >"$tmp/out" 2>&1
is $? 0 "demo exits 0"
grep -q '^== live: Postfix on loopback' "$tmp/out"; ok $? "demo runs the live part"
after() {	# the first reply line after the "-- NAME" header
	sed -n "/^-- $1\.eml/{n;p;q}" "$tmp/out"
}
case "$(after 001-teams-clean)" in *"250 2.0.0 Ok: queued"*) r=0 ;; *) r=1 ;; esac
ok $r "clean invitation: 250 queued"
case "$(after 002-pnr-subject)" in *"550-5.7.1 Kallelsen stoppades"*) r=0 ;; *) r=1 ;; esac
ok $r "personnummer: 550 5.7.1"
case "$(after 100-weekly-external)" in *"550-5.7.1 Kallelsen stoppades"*) r=0 ;; *) r=1 ;; esac
ok $r "series with an external guest: 550 5.7.1"
grep -q '19121212-\*\*\*\*' "$tmp/out"; ok $? "the personnummer is shown masked"
# The report of the demo's decisions: its path on one line, the file.
rpath=$(sed -n "s/^report of the demo's decisions: //p" "$tmp/out")
is "$rpath" "$tmp/report/report.html" "the demo prints the path of its report"
test -s "$rpath"; ok $? "the report file exists and is not empty"
if [ -s "$tmp/report/csv/summary.csv" ]; then
	n=$(grep -c ',rejected,' "$tmp/report/csv/summary.csv")
	grep -q ',personnummer,rejected,1$' "$tmp/report/csv/summary.csv"
	ok $? "report: the personnummer stop counted once (rows with rejected: $n)"
else
	ok 1 "report: summary.csv written"
fi
grep -qi 'a@kommun\.example' "$rpath" "$tmp/report/csv/summary.csv"; r=$?
is "$r" 1 "report: no sender address in it"
read -r mpid mtmp <"$tmp/state"
pfdir=$(sed -n 2p "$tmp/state")
test -n "$mpid" && ! kill -0 "$mpid" 2>/dev/null; ok $? "the milter is stopped and reaped"
test -n "$mtmp" && test ! -e "$mtmp"; ok $? "the milter's directory and socket are removed"
test -n "$pfdir" && test ! -e "$pfdir" && ! pgrep -f "master -c $pfdir" >/dev/null
ok $? "the private Postfix is stopped and its directory removed"
