#!/bin/sh
# Issue 17, memory: messages built to make GMime or libical hold many
# times their size (tests/bench/mkshapes.py: many header lines, Content-
# Type parameters, RFC 2231 pieces, addresses, tiny or empty parts, calendar
# properties, components, attendees) get the limit outcome ([limits],
# on_limit; invite-check exits 4 and its JSON names the bound), never an
# accept: the pre-passes of parse/mime.c and parse/ical.c stop them
# before the expensive parser. And through the milter, the default
# on_limit (tempfail). No timings and no memory figures here: those are
# in tests/bench/memory-shapes.sh and memory-hostile.sh (make bench).
. "$(dirname "$0")/../lib.sh"
chk=$TOP/$B/invite-check
mlt=$TOP/$B/invite-milter
case "$B" in /*) chk=$B/invite-check; mlt=$B/invite-milter ;; esac
if ! command -v python3 >/dev/null; then skip "hostile shapes" "no python3"; exit 0; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shape size want-limit
while read -r shape size want; do
	python3 "$TOP/tests/bench/mkshapes.py" "$shape" "$size" "$tmp/m.eml"
	"$chk" -D kommun.example --json "$tmp/m.eml" >"$tmp/j" 2>"$tmp/err"; r=$?
	got=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(d.get("verdict"), d.get("limit"))' "$tmp/j" 2>/dev/null)
	is "$r $got" "4 flag $want" "$shape $size: exit 4, limit $want, not an accept"
	grep -q "limit $want reached" "$tmp/err"
	ok $? "$shape $size: the error line names $want"
done <<'END'
hdr-top 1M texts
hdr-part 1M texts
params 1M texts
rfc2231 1M texts
parts-flat 1M mime_parts
parts-nested 1M mime_parts
empty-parts 1M mime_parts
ics-props 1M properties
ics-comps 1M components
attendees 1M attendees
addresses 1M texts
END

# A header block that is a forwarded message's (message/rfc822) counts too.
{ printf 'From: a@kommun.example\r\nTo: b@kommun.example\r\nSubject: x\r\n'
  printf 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
  printf -- '--b\r\nContent-Type: message/rfc822\r\n\r\n'
  awk 'BEGIN { for (i = 0; i < 5000; i++) printf "X-H: v\r\n" }'
  printf 'Subject: inner\r\n\r\nhej\r\n--b--\r\n'; } >"$tmp/fwd.eml"
"$chk" -D kommun.example --json "$tmp/fwd.eml" >"$tmp/j" 2>/dev/null
is "$?" 4 "a forwarded message's 5000 header lines: the limit outcome"

# Lines without ':' between header lines do not end the count (GMime
# reads on after them); a first line without one is a body, not headers.
{ printf 'From: a@kommun.example\r\nTo: b@kommun.example\r\nSubject: x\r\n'
  printf 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
  printf -- '--b\r\n'
  awk 'BEGIN { for (i = 0; i < 5000; i++) printf "X-H: v\r\njunk\r\n" }'
  printf 'Content-Type: text/plain\r\n\r\nhej\r\n--b--\r\n'; } >"$tmp/junk.eml"
"$chk" -D kommun.example --json "$tmp/junk.eml" >"$tmp/j" 2>/dev/null
is "$?" 4 "header lines between lines without ':': the limit outcome"
awk 'BEGIN { for (i = 0; i < 6000; i++) print "plain text line " i }' >"$tmp/plain.txt"
"$chk" -D kommun.example --json "$tmp/plain.txt" >"$tmp/j" 2>/dev/null
is "$?" 0 "6000 lines of plain text (no header): no bound hit"

# Just under: 4000 header lines in a part are read as before.
{ printf 'From: a@kommun.example\r\nTo: b@kommun.example\r\nSubject: x\r\n'
  printf 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
  printf -- '--b\r\n'
  awk 'BEGIN { for (i = 0; i < 4000; i++) printf "X-H: v\r\n" }'
  printf 'Content-Type: text/plain\r\n\r\nhej\r\n--b--\r\n'; } >"$tmp/under.eml"
"$chk" -D kommun.example --json "$tmp/under.eml" >"$tmp/j" 2>/dev/null
is "$?" 0 "4000 header lines in a part: no bound hit"

# limits.attendees is per event, as before: three events of 1500
# attendees each are read whole (libical gets them all).
{ printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nMETHOD:REQUEST\r\n'
  for e in 1 2 3; do
	printf 'BEGIN:VEVENT\r\nUID:u%s@kommun.example\r\nDTSTART:20260301T090000Z\r\n' $e
	printf 'SUMMARY:Avstamning\r\nORGANIZER:mailto:a@kommun.example\r\n'
	awk 'BEGIN { for (i = 0; i < 1500; i++) printf "ATTENDEE:mailto:g%d@kommun.example\r\n", i }'
	printf 'END:VEVENT\r\n'
  done
  printf 'END:VCALENDAR\r\n'; } >"$tmp/att.ics"
"$chk" -D kommun.example --json "$tmp/att.ics" >"$tmp/j" 2>/dev/null
grep -q '"limit":"attendees"' "$tmp/j"; r=$?
is "$r" 1 "3 events of 1500 attendees: not over limits.attendees"
grep -q '"components":3,"attendees":4500' "$tmp/j"
ok $? "3 events of 1500 attendees: every attendee read"
