#!/bin/sh
# Issue 17, bypass 7: the date for age and validity is the arrival time,
# never the content. A decoy first VEVENT with DTSTART in 1900 (or 2100)
# made the first DTSTART the reference date, so every holder of a
# personnummer in a later event looked unborn and the invitation passed.
# Through the daemon's own decision (invite-milter -t): each decoy form
# must be rejected, its neutral twin accepted. Synthetic test number
# 19121212-1212 only; failures show verdicts only.
. "$(dirname "$0")/../lib.sh"
case "$B" in /*) bdir=$B ;; *) bdir=$TOP/$B ;; esac
mil=$bdir/invite-milter
if ! command -v python3 >/dev/null 2>&1; then
	skip "decoy reference date" "no python3"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 - "$tmp" <<'PY'
import os, sys
d = sys.argv[1]
BAD = "Uppf\u00f6ljning 19121212-1212"
GOOD = "Avst\u00e4mning"
def ev(uid, start, summary, extra=""):
    return ("BEGIN:VEVENT\r\nUID:%s@kommun.example\r\nDTSTART:%s\r\n"
            "SUMMARY:%s\r\nORGANIZER:mailto:handlaggare@kommun.example\r\n"
            "ATTENDEE:mailto:kollega@kommun.example\r\n%sEND:VEVENT\r\n"
            % (uid, start, summary, extra))
def msg(cal):
    return ("From: handlaggare@kommun.example\r\nTo: kollega@kommun.example\r\n"
            "Subject: Avst\u00e4mning\r\nMessage-ID: <r@kommun.example>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST;"
            " charset=utf-8\r\n\r\nBEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
            "METHOD:REQUEST\r\n" + cal + "END:VCALENDAR\r\n")
cases = {
  # the number in the second event, the decoy first
  "decoy-1900": lambda t: ev("d", "19000101T000000Z", GOOD) +
                          ev("m", "20261201T090000Z", GOOD,
                             "DESCRIPTION:" + t + "\r\n"),
  "decoy-2100": lambda t: ev("d", "21000101T000000Z", GOOD) +
                          ev("m", "20261201T090000Z", t),
  "decoy-dated": lambda t: ev("d", "VALUE=DATE:18991231", GOOD) +
                           ev("m", "20261201T090000Z", t),
  # one event, the meeting itself in 1900: still now that counts
  "meeting-1900": lambda t: ev("m", "19000101T090000Z", t),
  "decoy-todo": lambda t: ("BEGIN:VTODO\r\nUID:t@kommun.example\r\n"
                           "DTSTART:19000101T000000Z\r\nSUMMARY:x\r\n"
                           "END:VTODO\r\n") + ev("m", "20261201T090000Z", t),
}
for name, f in cases.items():
    for kind, t in (("v", BAD), ("c", GOOD)):
        with open(os.path.join(d, "%s-%s.eml" % (name, kind)), "wb") as fp:
            fp.write(msg(f(t)).replace("DTSTART:VALUE=DATE:",
                     "DTSTART;VALUE=DATE:").encode("utf-8"))
PY
ok $? "the decoy messages are written"
for v in "$tmp"/*-v.eml; do
	n=$(basename "$v" -v.eml)
	got=$("$mil" -D kommun.example -t "$v" --from handlaggare@kommun.example \
	    --rcpt kollega@kommun.example 2>/dev/null | sed -n 's/^verdict: //p')
	is "$got" reject "$n: the milter rejects it"
	got=$("$mil" -D kommun.example -t "$tmp/$n-c.eml" 2>/dev/null |
	    sed -n 's/^verdict: //p')
	is "$got" accept "$n: its neutral twin is accepted"
done
