#!/bin/sh
# Differential test against an independent iCalendar parser: every .ics
# of ../shared/corpus/external/ics that Python's icalendar reads, and the
# calendar parts of every invitation in ../shared/corpus/external/invites
# and tests/corpus (found with Python's email package), must give the
# same method, number of components and series fact in invite-check
# (tests/tools/ics_diff.py).
. "$(dirname "$0")/../lib.sh"
chk=$TOP/$B/invite-check
case "$B" in /*) chk=$B/invite-check ;; esac
dir=$SHARED/corpus/external/ics
PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import icalendar' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ] || [ ! -d "$dir" ]; then
	skip "ics differential" "no python3 with icalendar, or no $dir"; exit 0
fi
for d in "$dir" "$SHARED/corpus/external/invites" "$TOP/tests/corpus"; do
	out=$("$PY" "$TOP/tests/tools/ics_diff.py" "$chk" "$d" 2>&1)
	echo "$out" | sed 's/^/# /'
	n=$(echo "$out" | sed -n 's/^compared \([0-9]*\) .*/\1/p')
	test "${n:-0}" -ge 25; ok $? "$(basename "$d"): ${n:-0} files compared with Python icalendar"
	echo "$out" | grep -q '^compared [0-9]* differ 0 '
	ok $? "$(basename "$d"): method, components and series agree on every file"
done
