#!/bin/sh
# The live path for make demo: a private Postfix on 127.0.0.1 with
# invite-milter as its milter; three invitations sent with swaks; the
# SMTP outcome of each printed; a report of the demo's own decisions
# written (report/demo-report.sh) and its path printed; everything
# stopped again.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/postfix-lib.sh"
if [ "$(id -u)" != 0 ]; then echo "(live demo needs root for a private Postfix: skipped)"; exit 0; fi
tmp=$(mktemp -d); chmod 755 "$tmp"
# Notices are on by default where a sendmail program is there (issue
# 20): this machine's MTA is not the demo's, so none here.
# The decisions go to a [log] file (not to syslog): the report's input.
printf '[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s/decisions.log\n' \
    "$tmp" >"$tmp/demo.conf"
"$top/$B/invite-milter" -f -p "unix:$tmp/milter.sock" -c "$tmp/demo.conf" -D kommun.example >/dev/null 2>&1 &
mpid=$!
# The milter is waited for, so that no zombie outlives the demo.
trap 'pf_stop; kill $mpid 2>/dev/null; wait $mpid 2>/dev/null; rm -rf "$tmp"' EXIT
# For tests/t/demo.sh: what must be gone after the demo.
[ -n "${DEMO_STATE:-}" ] && echo "$mpid $tmp" >"$DEMO_STATE"
pf_milter_sock "$tmp/milter.sock" 50
pf_start "unix:$tmp/milter.sock" || { echo "could not start Postfix"; exit 0; }
[ -n "${DEMO_STATE:-}" ] && echo "$PF_DIR" >>"$DEMO_STATE"
for f in 001-teams-clean 002-pnr-subject 100-weekly-external; do
	echo "-- $f.eml (from a@kommun.example to extern@region.example)"
	swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example \
	    --to extern@region.example --data "$top/tests/corpus/$f.eml" 2>&1 |
	    grep -E '^<[-*~]* *(250 2\.0\.0 Ok: queued|[45][0-9][0-9][ -])' | sed 's/^<[-*~]* */   /'
done
# The report of the demo's decisions (written before the trap removes
# the log; it never fails the demo).
B=$B sh "$top/report/demo-report.sh" "$tmp/decisions.log"
