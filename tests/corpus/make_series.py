#!/usr/bin/env python3
"""Writes the issue-4 corpus (tests/corpus/1NN-*.eml and .want): series,
external guests, answers, rooms and attachments, shaped like Outlook/Teams
(base64 text/calendar in multipart/alternative) and Google (text/calendar
plus invite.ics) invitations. Internal domain: kommun.example. Texts are
neutral so only the series/attachment rules decide.
Run from the repository top: python3 tests/corpus/make_series.py"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "eval"))
import invite_eval as ie  # noqa: E402

ORG = 'ORGANIZER;CN="Handläggare":mailto:handlaggare@socialtjanst.kommun.example'
INT = 'ATTENDEE;CN=Kollega;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:kollega@kommun.example'
EXT = 'ATTENDEE;CN=Extern;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:extern@region.example'
OPT = 'ATTENDEE;CN=Extern;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:extern@vard.example'
GMAIL = 'ATTENDEE;CN=Privat;ROLE=REQ-PARTICIPANT:mailto:someone@gmail.com'
ROOM = 'ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;CN=Rum 3:mailto:rum3@kommun.example'
EXADDR = 'ATTENDEE;CN=Okänd:EX:/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=abc'


def ics(method, props, people, uid="series-1@kommun.example", extra_events=()):
    lines = ["BEGIN:VCALENDAR", "PRODID:Microsoft Exchange Server 2010",
             "VERSION:2.0"]
    if method:
        lines.append("METHOD:" + method)
    for ev_props in [props] + list(extra_events):
        lines += ["BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20251101T090000Z",
                  "DTSTART;TZID=W. Europe Standard Time:20251124T100000",
                  "DTEND;TZID=W. Europe Standard Time:20251124T110000",
                  "SUMMARY;LANGUAGE=sv-SE:Avstämning",
                  "DESCRIPTION;LANGUAGE=sv-SE:Hej!\\n\\n" + ie.ics_escape(ie.TEAMS_TXT),
                  "LOCATION:Microsoft Teams-möte", ORG] + people + ev_props + [
                  "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3ameeting_x@thread.v2/0",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(ie.fold(l) for l in lines) + "\r\n"


def outlook(name, cal, method="REQUEST", pdf=False):
    hdr = ("From: =?utf-8?q?Handl=C3=A4ggare?= <handlaggare@socialtjanst.kommun.example>\r\n"
           "To: extern@region.example\r\nSubject: =?utf-8?q?Avst=C3=A4mning?=\r\n"
           "Date: Mon, 10 Nov 2025 09:00:00 +0100\r\n"
           "Message-ID: <%s@kommun.example>\r\nMIME-Version: 1.0\r\n" % name)
    alt = ("--alt1\r\nContent-Type: text/plain; charset=\"utf-8\"\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n"
           "--alt1\r\nContent-Type: text/calendar; charset=\"utf-8\"; method=%s\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--alt1--\r\n"
           % (ie.qp("Hej!\n" + ie.TEAMS_TXT), method, ie.b64(cal.encode("utf-8"))))
    if not pdf:
        return hdr + 'Content-Type: multipart/alternative; boundary="alt1"\r\n\r\n' + alt
    return (hdr + 'Content-Type: multipart/mixed; boundary="mix1"\r\n\r\n'
            '--mix1\r\nContent-Type: multipart/alternative; boundary="alt1"\r\n\r\n'
            + alt + "--mix1\r\nContent-Type: application/pdf; name=\"Underlag.pdf\"\r\n"
            "Content-Disposition: attachment; filename=\"Underlag.pdf\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--mix1--\r\n"
            % ie.b64(b"%PDF-1.4\n" + b"0" * 120000))


def google(name, cal):
    return ("From: handlaggare@kommun.example\r\nTo: someone@gmail.com\r\n"
            "Subject: Inbjudan: Avstämning\r\nMessage-ID: <%s@kommun.example>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
            "--m\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
            "--a\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\r\nInbjudan\r\n"
            "--a\r\nContent-Type: text/calendar; charset=\"UTF-8\"; method=REQUEST\r\n"
            "Content-Transfer-Encoding: 7bit\r\n\r\n%s\r\n--a--\r\n"
            "--m\r\nContent-Type: application/ics; name=\"invite.ics\"\r\n"
            "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--m--\r\n"
            % (name, cal, ie.b64(cal.encode("utf-8"))))


WEEKLY = ["RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO"]
CASES = [
    ("100-weekly-external", outlook, ("REQUEST", WEEKLY, [INT, EXT]), "reject recurring-external"),
    ("101-monthly-external", outlook, ("REQUEST", ["RRULE:FREQ=MONTHLY;BYDAY=1MO;UNTIL=20260601T000000Z"], [EXT]), "reject recurring-external"),
    ("102-daily-internal", outlook, ("REQUEST", ["RRULE:FREQ=DAILY;COUNT=5"], [INT, ROOM]), "accept"),
    ("103-rdate-external", outlook, ("REQUEST", ["RDATE;TZID=W. Europe Standard Time:20251201T100000,20251208T100000"], [EXT]), "reject recurring-external"),
    ("104-exception-external", outlook, ("REQUEST", ["RECURRENCE-ID;TZID=W. Europe Standard Time:20251201T100000"], [EXT]), "reject recurring-external"),
    ("105-cancel-external-series", outlook, ("CANCEL", WEEKLY, [EXT]), "accept"),
    ("106-reply-external-series", outlook, ("REPLY", WEEKLY, ['ATTENDEE;PARTSTAT=ACCEPTED:mailto:extern@region.example']), "accept"),
    ("107-room-single", outlook, ("REQUEST", [], [INT, ROOM]), "accept"),
    ("108-optional-external-weekly", outlook, ("REQUEST", WEEKLY, [INT, OPT]), "reject recurring-external"),
    ("109-google-invite-ics-weekly", google, ("REQUEST", WEEKLY, [GMAIL]), "reject recurring-external"),
    ("110-outlook-pdf-external", outlook, ("REQUEST", [], [EXT]), "flag attachment-external"),
    ("111-attendee-without-address", outlook, ("REQUEST", [], [INT, EXADDR]), "flag external-guest-unknown"),
    ("112-single-external", outlook, ("REQUEST", [], [INT, EXT]), "accept"),
    ("114-external-room-weekly", outlook, ("REQUEST", WEEKLY, [INT, 'ATTENDEE;CUTYPE=RESOURCE;CN=Projektor:mailto:projektor@lokaler.example']), "accept"),
    ("113-ms-insttype-instance", outlook, ("REQUEST", ["X-MICROSOFT-CDO-INSTTYPE:3"], [EXT]), "reject recurring-external"),
]


def main():
    out = os.path.dirname(os.path.abspath(__file__))
    for name, style, (method, props, people), want in CASES:
        cal = ics(method, props, people)
        if style is google:
            msg = google(name, cal)
        else:
            msg = outlook(name, cal, method, pdf=name.startswith("110"))
        with open(os.path.join(out, name + ".eml"), "w", encoding="utf-8", newline="") as f:
            f.write(msg)
        with open(os.path.join(out, name + ".want"), "w") as f:
            f.write(want + "\n")


if __name__ == "__main__":
    main()
