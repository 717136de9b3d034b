#!/usr/bin/env python3
"""ics_diff.py INVITE-CHECK DIR: each .ics in DIR, and the calendar parts
of each .eml (found with Python's email package: text/calendar,
application/ics, a .ics or .vcs file name), read by an independent
parser (Python icalendar) and by invite-check --json; prints a line per
file where they disagree on the method, the number of components or
whether it is a series, then "compared N differ M unreadable K". A file
Python cannot read is skipped (invite-check reads it; corpus.sh checks
that). Series as invite-check defines it (rules/recur.c): RRULE, RDATE,
EXRULE, EXDATE, RECURRENCE-ID, X-MICROSOFT-RRULE/EXDATE, CDO-INSTTYPE
1-3, or one UID twice in a calendar, or with different starts."""
import email, email.policy, glob, json, subprocess, sys, warnings

warnings.filterwarnings("ignore")
from icalendar import Calendar

RECUR = ("RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID",
         "X-MICROSOFT-RRULE", "X-MICROSOFT-EXDATE")


def calendars(path):
    raw = open(path, "rb").read()
    if not path.endswith(".eml"):
        return Calendar.from_ical(raw, multiple=True)
    cals = []
    for part in email.message_from_bytes(raw, policy=email.policy.compat32).walk():
        if part.is_multipart():
            continue
        ct = part.get_content_type()
        fn = (part.get_filename() or "").lower()
        if ct in ("text/calendar", "application/ics", "text/x-vcalendar") \
                or fn.endswith((".ics", ".vcs")):
            data = part.get_payload(decode=True) or b""
            cals += Calendar.from_ical(data, multiple=True)
    return cals


def facts(path):
    # One UID in several components without a recurrence property is no
    # series (issue 17: iCloud occurrences, iTIP updates, room requests).
    series, comps, method = False, 0, None
    for cal in calendars(path):
        if method is None and cal.get("METHOD") is not None:
            method = str(cal.get("METHOD")).strip().upper()
        # a bare VEVENT (no VCALENDAR around it) is its own component;
        # inside anything but a VCALENDAR none counts
        top = [cal] if cal.name in ("VEVENT", "VTODO", "VJOURNAL") else \
            cal.subcomponents if cal.name == "VCALENDAR" else []
        for c in top:
            if c.name not in ("VEVENT", "VTODO", "VJOURNAL"):
                continue
            comps += 1
            if any(p in c for p in RECUR):
                series = True
            it = c.get("X-MICROSOFT-CDO-INSTTYPE")
            if it is not None and str(it).strip() in ("1", "2", "3"):
                series = True
    return method, comps, series


def main():
    chk, d = sys.argv[1], sys.argv[2]
    n = differ = unreadable = 0
    for f in sorted(glob.glob(d + "/*.ics") + glob.glob(d + "/*.eml")):
        try:
            method, comps, series = facts(f)
        except Exception:
            unreadable += 1
            continue
        out = subprocess.run([chk, "-D", "kommun.example", "--json", f],
                             capture_output=True, text=True).stdout
        j = json.loads(out.splitlines()[0])
        n += 1
        probs = []
        if j["series"] != series:
            probs.append("series %s, Python %s" % (j["series"], series))
        if j["components"] != comps:
            probs.append("components %s, Python %s" % (j["components"], comps))
        if method and (j["method"] or "") != method:
            probs.append("method %s, Python %s" % (j["method"], method))
        if probs:
            differ += 1
            print("%s: %s" % (f.rsplit("/", 1)[-1], "; ".join(probs)))
    print("compared %d differ %d unreadable %d" % (n, differ, unreadable))


main()
