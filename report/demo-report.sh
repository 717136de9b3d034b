#!/bin/sh
# demo-report.sh LOG...: the end of `make demo`: a report of the demo's
# own decisions (HTML, CSV, JSON) in $REPORT_DIR (default build/demo-report
# under the source tree), and its path on one line. Never fails the demo:
# a missing tool or log is said and skipped.
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
out=${REPORT_DIR:-$top/$B/demo-report}
R=$top/$B/invite-report
if [ ! -x "$R" ]; then echo "(report: $R not built: skipped)"; exit 0; fi
for l in "$@"; do
	[ -s "$l" ] || { echo "(report: no decision log at $l: skipped)"; exit 0; }
done
mkdir -p "$out"
if "$R" -q --html "$out/report.html" --csv "$out/csv" --json "$out/report.json" "$@"; then
	echo "report of the demo's decisions: $out/report.html"
	sed -n 's/.*"sv": *"\(.*\)",$/   \1/p' "$out/report.json" | head -1
else
	echo "(report: invite-report failed, status $?)"
fi
exit 0
