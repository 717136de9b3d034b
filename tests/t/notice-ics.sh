#!/bin/sh
# The corrected invitation (issue 6) for sample invitations: built by
# build/tests/correct, it must parse with libical (no errors, RFC 5546
# restrictions for REQUEST) and with Python's icalendar, keep organizer,
# attendees, start and the Teams link of the original, carry a new UID,
# the neutral subject, no series and no attachment, and be clean per
# invite-check. Never prints calendar text: only file names and facts.
. "$(dirname "$0")/../lib.sh"
cd "$TOP" || exit 1
tool=$B/tests/correct
PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import icalendar' 2>/dev/null; then PY=$p; break; fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in tests/corpus/002-*.eml tests/corpus/003-*.eml tests/corpus/004-*.eml \
    tests/corpus/100-*.eml tests/corpus/103-*.eml tests/corpus/104-*.eml \
    tests/corpus/109-*.eml tests/corpus/110-*.eml; do
	n=$(basename "$f" .eml)
	"$tool" -D kommun.example "$f" >"$tmp/$n.ics" 2>"$tmp/$n.err"
	ok $? "$n: corrected calendar made"
	"$tool" -v "$tmp/$n.ics" 2>"$tmp/$n.lic"
	ok $? "$n: libical parses it without errors or RFC 5546 violations"
	if [ -n "$PY" ]; then
		"$PY" - "$f" "$tmp/$n.ics" <<'PYEOF' >"$tmp/$n.py" 2>&1
import sys, re, email
from email import policy
import icalendar

orig = email.message_from_bytes(open(sys.argv[1], "rb").read(),
                                policy=policy.default)
src = None
for part in orig.walk():
    if part.get_content_type() == "text/calendar" or \
       (part.get_filename() or "").lower().endswith(".ics"):
        data = part.get_payload(decode=True)
        src = icalendar.Calendar.from_ical(data)
        break
new = icalendar.Calendar.from_ical(open(sys.argv[2], "rb").read())
ev = [c for c in new.walk("VEVENT")]
assert len(ev) == 1, "one VEVENT"
e = ev[0]
assert str(new.get("METHOD")) == "REQUEST", "METHOD:REQUEST"
assert str(e.get("SUMMARY")) == "Avstämning", "neutral SUMMARY"
for p in ("RRULE", "RDATE", "EXRULE", "EXDATE", "RECURRENCE-ID", "ATTACH",
          "X-MICROSOFT-RRULE"):
    assert p not in e, "no " + p
oev = [c for c in src.walk("VEVENT")]
m = [c for c in oev if "RECURRENCE-ID" not in c] or oev
m = m[0]
assert str(e["UID"]) != str(m["UID"]), "new UID"
assert e.decoded("DTSTART") == m.decoded("DTSTART"), "same DTSTART"
if "DTEND" in m:
    assert e.decoded("DTEND") == m.decoded("DTEND"), "same DTEND"
assert str(e.get("ORGANIZER")).lower() == str(m.get("ORGANIZER")).lower(), \
    "same ORGANIZER"
def att(c):
    a = c.get("ATTENDEE", [])
    if not isinstance(a, list):
        a = [a]
    return sorted(str(x).lower() for x in a)
assert att(e) == att(m), "same ATTENDEEs"
for k in ("X-MICROSOFT-SKYPETEAMSMEETINGURL",):
    if k in m:
        assert str(e.get(k)) == str(m.get(k)), "Teams URL kept"
od = str(m.get("DESCRIPTION", ""))
nd = str(e.get("DESCRIPTION", ""))
for url in re.findall(r"https://teams\.microsoft\.com/l/meetup-join/[^\s>\"]+", od):
    assert url in nd, "Teams join link kept in DESCRIPTION"
series = any(p in m for p in ("RRULE", "RDATE", "RECURRENCE-ID")) or len(oev) > 1
if series:
    assert "boka varje följande tillfälle" in nd, "series note in DESCRIPTION"
print("ok")
PYEOF
		r=$?
		[ $r -eq 0 ] || sed 's/^/# /' "$tmp/$n.py" | grep -i 'assert\|error' | head -3
		ok $r "$n: Python icalendar parses it; same organizer, attendees, time, Teams link"
	else
		skip "$n: Python icalendar check" "no python3 with icalendar"
	fi
	"$B/invite-check" -D kommun.example "$tmp/$n.ics" >/dev/null 2>&1
	ok $? "$n: invite-check finds the corrected calendar clean"
	# The identifiers of the samples (digits only) must be gone.
	tr -d '\r\n ' <"$tmp/$n.ics" | grep -Eq '1212121212|12121212-?1212'
	test $? -ne 0; ok $? "$n: no identifier of the original left"
done
# Two runs give different UIDs (a new meeting each time).
"$tool" -D kommun.example tests/corpus/002-pnr-subject.eml >"$tmp/a.ics" 2>/dev/null
"$tool" -D kommun.example tests/corpus/002-pnr-subject.eml >"$tmp/b.ics" 2>/dev/null
ua=$(grep '^UID:' "$tmp/a.ics"); ub=$(grep '^UID:' "$tmp/b.ics")
test -n "$ua" && test "$ua" != "$ub"; ok $? "each corrected calendar gets a fresh UID"
grep -q '^UID:.*@kommun\.example' "$tmp/a.ics"; ok $? "UID in the first internal domain"
# Every development case that invite-check stops, put into the subject,
# description or location of an invitation, gets a corrected calendar
# that libical accepts and invite-check finds clean (counts only).
if [ -f "$SHARED/corpus/dev-cases.tsv" ] && [ -n "$PY" ]; then
	"$PY" - "$SHARED/corpus/dev-cases.tsv" "$tmp" "$B" <<'PYEOF' >"$tmp/dev.out" 2>&1
import csv, subprocess, os, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
d, b = sys.argv[2], sys.argv[3]
def esc(t):
    return t.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
stopped = clean = 0
bad = []
for r in rows:
    f = r["field"]
    if f not in ("subject", "summary", "description", "location"):
        continue
    prop = {"subject": "SUMMARY", "summary": "SUMMARY",
            "description": "DESCRIPTION", "location": "LOCATION"}[f]
    body = ("SUMMARY:%s\r\n" % esc(r["text"])) if prop == "SUMMARY" else \
        ("SUMMARY:Möte\r\n%s:Hej. %s Vi ses.\r\n" % (prop, esc(r["text"])))
    ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//SV\r\n"
           "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x@kommun.example\r\n"
           "DTSTAMP:20251101T090000Z\r\nDTSTART:20251124T090000Z\r\n"
           "DTEND:20251124T100000Z\r\nORGANIZER:mailto:org@kommun.example\r\n"
           "ATTENDEE:mailto:g@region.example\r\n" + body +
           "END:VEVENT\r\nEND:VCALENDAR\r\n")
    p = os.path.join(d, "dev-in.ics")
    q = os.path.join(d, "dev-out.ics")
    open(p, "w").write(ics)
    if subprocess.run([b + "/invite-check", "-D", "kommun.example", p],
                      capture_output=True).returncode == 0:
        continue
    stopped += 1
    out = subprocess.run([b + "/tests/correct", "-D", "kommun.example", p],
                         capture_output=True)
    ok = out.returncode == 0
    if ok:
        open(q, "wb").write(out.stdout)
        ok = subprocess.run([b + "/invite-check", "-D", "kommun.example", q],
                            capture_output=True).returncode == 0 and \
             subprocess.run([b + "/tests/correct", "-v", q],
                            capture_output=True).returncode == 0
    if ok:
        clean += 1
    else:
        bad.append(r["id"])
print("stopped=%d clean=%d not=%s" % (stopped, clean, ",".join(bad)))
sys.exit(0 if stopped > 0 and clean == stopped else 1)
PYEOF
	r=$?
	sed 's/^/# /' "$tmp/dev.out" | tail -2
	ok $r "dev cases: every stopped case gets a clean, valid corrected calendar"
else
	skip "dev cases" "no ../shared/corpus/dev-cases.tsv or no python3 with icalendar"
fi

# invite-milter -t and invite-check show the mode per rule and whether a
# notice would be sent, from the [notice] group of the configuration
bin=$B/invite-milter
chk=$B/invite-check
printf '[general]\ninternal_domains = kommun.example\n' >"$tmp/off.conf"
printf '[general]\ninternal_domains = kommun.example\n[notice]\nenable = true\nredact = personnummer\n' >"$tmp/on.conf"
"$bin" -c "$tmp/off.conf" -t tests/corpus/002-pnr-subject.eml >"$tmp/t.out"
is "$?" 1 "-t: rejected invitation exits 1"
grep -qx '  mode: personnummer reject -> reject' "$tmp/t.out"; ok $? "-t: mode per rule, default reject"
# issue 20: on by default where a sendmail program is there
if [ -x /usr/sbin/sendmail ]; then
	grep -q '^  notice: to the sender' "$tmp/t.out"; ok $? "-t: notices are on by default (a sendmail program is there)"
else
	grep -qx '  notice: none (notices off: \[notice\] enable)' "$tmp/t.out"; ok $? "-t: notices are off by default (no sendmail program)"
fi
"$bin" -c "$tmp/on.conf" -t tests/corpus/002-pnr-subject.eml >"$tmp/t.out"
grep -q '^  mode: personnummer redact -> redact' "$tmp/t.out"; ok $? "-t: redact from [notice] redact"
grep -q '^  notice: to the sender .*with a corrected invitation' "$tmp/t.out"; ok $? "-t: a notice with a corrected invitation"
"$chk" -c "$tmp/on.conf" tests/corpus/100-weekly-external.eml >"$tmp/c.out"
grep -qx '  mode: recurring-external reject -> reject' "$tmp/c.out"; ok $? "invite-check: mode per rule"
grep -q '^  notice: to the sender' "$tmp/c.out"; ok $? "invite-check: notice line"
"$chk" -c "$tmp/on.conf" tests/corpus/001-teams-clean.eml >"$tmp/c.out"
grep -q 'mode:\|notice:' "$tmp/c.out"; test $? -ne 0; ok $? "invite-check: nothing about notices for a clean invitation"
