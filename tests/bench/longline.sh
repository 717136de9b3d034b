#!/bin/sh
# Cost of one long content line (issue 17, CPU): an invitation whose
# SUMMARY is one unfolded line of 1, 2, 4 and 8 MB, each checked by
# invite-check (parse + rules, one process) RUNS times; the median CPU
# time (user + sys) and the ratio to the 1 MB time. Linear cost gives
# ratios near 1, 2, 4, 8; libical's own line reader gave n * n (4 MB:
# about 5 s). [limits] ics_bytes, text_bytes and message_bytes are
# raised to 32 MB so that the whole line is read, not cut at a cap.
# OLD=path/to/invite-check adds the same rows for an older build.
# Prints a Markdown section (no pass/fail). Usage:
#   sh tests/bench/longline.sh [>> section.md]
set -eu
B=${B:-build}
RUNS=${RUNS:-3}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
out=$B/bench/longline; mkdir -p "$out"
conf=$out/raised.conf
printf '[general]\ninternal_domains = kommun.example\n[limits]\nics_bytes = 32M\ntext_bytes = 32M\nmessage_bytes = 32M\n' >"$conf"

for mb in 1 2 4 8; do
	[ -s "$out/summary-$mb.eml" ] && continue
	python3 - "$mb" "$out/summary-$mb.eml" <<'PY'
import sys
mb, path = int(sys.argv[1]), sys.argv[2]
words = "hej detta är ett möte om budget och planering ".encode()
n = mb * 1024 * 1024
text = (words * (n // len(words) + 1))[:n].decode("utf-8", "ignore")
ics = "\r\n".join([
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//longline//EN",
    "METHOD:REQUEST", "BEGIN:VEVENT", "UID:longline@kommun.example",
    "DTSTAMP:20261201T100000Z", "DTSTART:20261210T100000Z",
    "DTEND:20261210T110000Z", "ORGANIZER;CN=Org:mailto:org@kommun.example",
    "ATTENDEE;CN=Guest:mailto:guest@kommun.example",
    "SUMMARY:" + text, "END:VEVENT", "END:VCALENDAR", ""])
msg = ("From: org@kommun.example\r\nTo: guest@kommun.example\r\n"
       "Subject: Long line\r\nMIME-Version: 1.0\r\n"
       "Content-Type: text/calendar; method=REQUEST; charset=UTF-8\r\n"
       "Content-Transfer-Encoding: 8bit\r\n\r\n" + ics)
open(path, "wb").write(msg.encode())
PY
done

# median CPU seconds of RUNS runs of $1 on $2
cpu_median() {
	v=
	for k in $(seq "$RUNS"); do
		/usr/bin/time -o "$out/t" -f '%U %S' "$1" -c "$conf" --json "$2" \
		    >/dev/null 2>&1 || true
		v="$v $(awk '{ printf "%.3f", $1 + $2 }' "$out/t")"
	done
	echo $v | tr ' ' '\n' | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"
}

rows() {
	bin=$1 label=$2 base=
	for mb in 1 2 4 8; do
		t=$(cpu_median "$bin" "$out/summary-$mb.eml")
		[ -n "$base" ] || base=$t
		ratio=$(echo "$t $base" | awk '{ printf "%.1f", ($2 > 0 ? $1 / $2 : 0) }')
		echo "| $label | $mb MB | $t | $ratio |"
	done
}

echo "## One long content line (issue 17, CPU)"
echo
echo "\`sh tests/bench/longline.sh\`: an invitation whose SUMMARY is one"
echo "unfolded line of 1-8 MB; invite-check (parse + rules) with ics_bytes,"
echo "text_bytes and message_bytes raised to 32 MB so the whole line is read;"
echo "median CPU time (user + sys) of $RUNS runs, and its ratio to the 1 MB"
echo "time (linear: about 1, 2, 4, 8)."
echo
echo "Load when this section started: \`$(uptime)\`"
echo
echo "| build | SUMMARY line | CPU s | ratio to 1 MB |"
echo "|---|---|---|---|"
rows "$B/invite-check" "this build"
if [ -n "${OLD:-}" ] && [ -x "$OLD" ]; then
	rows "$OLD" "before (libical's line reader)"
fi
