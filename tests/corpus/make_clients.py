#!/usr/bin/env python3
"""Writes the second issue-4 corpus (tests/corpus/115..129-*.eml and .want):
invitations shaped like the ones real clients send, after the files in
../shared/corpus/external/invites/:
  Google Calendar  multipart/mixed { alternative { text/plain, text/html,
                   text/calendar (quoted-printable) }, invite.ics (base64) }
  Thunderbird      multipart/mixed { text/plain, text/calendar (8bit),
                   invite.ics attachment (base64) }
  Outlook/Exchange multipart/alternative { text/plain, text/html,
                   text/calendar base64 with VTIMEZONE and X-MICROSOFT-* }
Both Google and Thunderbird carry the same event twice (inline and as
invite.ics): one meeting, not a series. Internal domain: kommun.example.
Texts are neutral (no names, no topics) so that only the series,
attachment and unknown-guest rules decide.
Run from the repository top: python3 tests/corpus/make_clients.py"""
import base64
import os
import quopri

ORG_ADDR = "handlaggare@socialtjanst.kommun.example"
DOMAIN_TZ = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""


def fold(line):
    """RFC 5545 3.1: lines of at most 75 octets, continued with a space."""
    out, cur = [], b""
    for ch in line:
        c = ch.encode("utf-8")
        if len(cur) + len(c) > (75 if not out else 74):
            out.append(cur)
            cur = b""
        cur += c
    out.append(cur)
    return b"\r\n ".join(out).decode("utf-8")


def cal(lines):
    return "\r\n".join(fold(x) for x in lines) + "\r\n"


def b64(data):
    s = base64.b64encode(data).decode("ascii")
    return "\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def qp(text):
    data = text.replace("\r\n", "\n").encode("utf-8")
    return quopri.encodestring(data).decode("ascii").replace("\n", "\r\n")


def att(addr, cn="Extern", role="REQ-PARTICIPANT", cutype="INDIVIDUAL", extra=""):
    return ("ATTENDEE;CUTYPE=%s;ROLE=%s;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=%s%s:mailto:%s"
            % (cutype, role, cn, extra, addr))


# --- Google Calendar ------------------------------------------------------

def google_cal(method, props, people, uid="7k3b9q2m1v0c4r8t6p5n0s1d2f@google.com"):
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
             "VERSION:2.0", "CALSCALE:GREGORIAN"]
    if method:
        lines.append("METHOD:" + method)
    lines += ["BEGIN:VEVENT", "DTSTART:20251125T090000Z", "DTEND:20251125T100000Z"]
    lines += props
    lines += ["DTSTAMP:20251110T080000Z",
              "ORGANIZER;CN=handlaggare@socialtjanst.kommun.example:mailto:" + ORG_ADDR,
              "UID:" + uid,
              att(ORG_ADDR, cn=ORG_ADDR, extra="").replace("PARTSTAT=NEEDS-ACTION;RSVP=TRUE",
                                                           "PARTSTAT=ACCEPTED;RSVP=TRUE")]
    lines += people
    lines += ["X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
              "CREATED:20251110T075900Z",
              "DESCRIPTION:Delta med Google Meet: https://meet.google.com/abc-defg-hij",
              "LAST-MODIFIED:20251110T080000Z", "LOCATION:", "SEQUENCE:0",
              "STATUS:CONFIRMED", "SUMMARY:Avstämning", "TRANSP:OPAQUE",
              "END:VEVENT", "END:VCALENDAR"]
    return cal(lines)


def google(name, to, ics, method="REQUEST"):
    text = ("Du har blivit inbjuden till följande händelse.\n\n"
            "Avstämning\nDelta med Google Meet: https://meet.google.com/abc-defg-hij\n\n"
            "Inbjudan från Google Kalender: https://calendar.google.com/calendar/\n")
    html = ("<html><body><div>Du har blivit inbjuden till följande händelse.</div>"
            "<h3>Avstämning</h3><a href=\"https://meet.google.com/abc-defg-hij\">"
            "Delta med Google Meet</a></body></html>")
    return ("MIME-Version: 1.0\r\n"
            "Date: Mon, 10 Nov 2025 08:00:00 +0000\r\n"
            "Message-ID: <%s@google.com>\r\n"
            "Subject: Inbjudan: =?UTF-8?Q?Avst=C3=A4mning?= @ tis 25 nov. 2025 10:00 - 11:00 (CET)\r\n"
            "From: handlaggare@socialtjanst.kommun.example\r\n"
            "To: %s\r\n"
            "Content-Type: multipart/mixed; boundary=\"0000000000008c6d6205be1c767e\"\r\n\r\n"
            "--0000000000008c6d6205be1c767e\r\n"
            "Content-Type: multipart/alternative; boundary=\"0000000000008c6d6005be1c767c\"\r\n\r\n"
            "--0000000000008c6d6005be1c767c\r\n"
            "Content-Type: text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
            "--0000000000008c6d6005be1c767c\r\n"
            "Content-Type: text/html; charset=\"UTF-8\"\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n"
            "--0000000000008c6d6005be1c767c\r\n"
            "Content-Type: text/calendar; charset=\"UTF-8\"; method=%s\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n"
            "--0000000000008c6d6005be1c767c--\r\n\r\n"
            "--0000000000008c6d6205be1c767e\r\n"
            "Content-Type: application/ics; name=\"invite.ics\"\r\n"
            "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
            "--0000000000008c6d6205be1c767e--\r\n"
            % (name, to, b64(text.encode()), qp(html), method, qp(ics), b64(ics.encode())))


# --- Thunderbird (Lightning) -----------------------------------------------

def tb_cal(method, props, people, uid="5d0e6c1a-3b0f-4f7e-9a8c-2e1b7d4c9f30"):
    lines = ["BEGIN:VCALENDAR",
             "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
             "VERSION:2.0"]
    if method:
        lines.append("METHOD:" + method)
    lines += ["BEGIN:VTIMEZONE", "TZID:Europe/Stockholm", "BEGIN:DAYLIGHT",
              "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
              "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
              "END:DAYLIGHT", "BEGIN:STANDARD", "TZOFFSETFROM:+0200",
              "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
              "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
              "END:VTIMEZONE",
              "BEGIN:VEVENT", "CREATED:20251110T080000Z",
              "LAST-MODIFIED:20251110T080100Z", "DTSTAMP:20251110T080100Z",
              "UID:" + uid, "SUMMARY:Avstämning",
              "ORGANIZER;RSVP=TRUE;CN=Handläggare;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:" + ORG_ADDR]
    lines += people
    lines += props
    lines += ["DTSTART;TZID=Europe/Stockholm:20251126T130000",
              "DTEND;TZID=Europe/Stockholm:20251126T140000",
              "TRANSP:OPAQUE", "SEQUENCE:0", "END:VEVENT", "END:VCALENDAR"]
    return cal(lines)


def thunderbird(name, to, ics, method="REQUEST"):
    text = "Du har blivit inbjuden till en händelse.\r\n\r\nTitel: Avstämning\r\n"
    return ("Message-ID: <%s@kommun.example>\r\n"
            "Date: Mon, 10 Nov 2025 09:01:00 +0100\r\n"
            "MIME-Version: 1.0\r\n"
            "User-Agent: Mozilla Thunderbird\r\n"
            "From: =?UTF-8?Q?Handl=C3=A4ggare?= <handlaggare@socialtjanst.kommun.example>\r\n"
            "To: %s\r\n"
            "Subject: =?UTF-8?Q?Inbjudan=3a_Avst=c3=a4mning?=\r\n"
            "Content-Type: multipart/mixed; boundary=\"------------9F2C4E1B7A3D5C6E8F0A1B2C\"\r\n\r\n"
            "This is a multi-part message in MIME format.\r\n"
            "--------------9F2C4E1B7A3D5C6E8F0A1B2C\r\n"
            "Content-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n"
            "--------------9F2C4E1B7A3D5C6E8F0A1B2C\r\n"
            "Content-Type: text/calendar; charset=UTF-8; method=%s\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n"
            "--------------9F2C4E1B7A3D5C6E8F0A1B2C\r\n"
            "Content-Type: application/ics; name=\"invite.ics\"\r\n"
            "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
            "--------------9F2C4E1B7A3D5C6E8F0A1B2C--\r\n"
            % (name, to, text, method, ics, b64(ics.encode())))


def plain_with_ics(name, to, ics):
    """A plain mail from a web client with a calendar file attached: no
    METHOD in the file nor on the part (counts as PUBLISH)."""
    return ("Message-ID: <%s@kommun.example>\r\n"
            "Date: Mon, 10 Nov 2025 09:01:00 +0100\r\n"
            "MIME-Version: 1.0\r\n"
            "From: handlaggare@socialtjanst.kommun.example\r\n"
            "To: %s\r\n"
            "Subject: =?UTF-8?Q?Tider_f=C3=B6r_avst=C3=A4mning?=\r\n"
            "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\nHej! Tiderna finns i filen.\r\n"
            "--b1\r\nContent-Type: text/calendar; charset=UTF-8; name=\"moten.ics\"\r\n"
            "Content-Disposition: attachment; filename=\"moten.ics\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b1--\r\n"
            % (name, to, b64(ics.encode())))


# --- Outlook / Exchange ----------------------------------------------------

def ol_event(props, people, uid="040000008200E00074C5B7101A82E00800000000B0C6A1E2D451DC01000000000000000010000000F1A2B3C4D5E6F708192A3B4C5D6E7F80"):
    return (["BEGIN:VEVENT",
             "ORGANIZER;CN=Handläggare:mailto:" + ORG_ADDR] + people +
            ["DESCRIPTION;LANGUAGE=sv-SE:Hej!\\n", "UID:" + uid,
             "SUMMARY;LANGUAGE=sv-SE:Avstämning",
             "DTSTART;TZID=W. Europe Standard Time:20251127T100000",
             "DTEND;TZID=W. Europe Standard Time:20251127T110000",
             "CLASS:PUBLIC", "PRIORITY:5", "DTSTAMP:20251110T080000Z",
             "TRANSP:OPAQUE", "STATUS:CONFIRMED", "SEQUENCE:0",
             "LOCATION;LANGUAGE=sv-SE:Sammanträdesrum 3"] + props +
            ["X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE",
             "X-MICROSOFT-CDO-IMPORTANCE:1",
             "X-MICROSOFT-DONOTFORWARDMEETING:FALSE",
             "X-MICROSOFT-DISALLOW-COUNTER:FALSE",
             "BEGIN:VALARM", "DESCRIPTION:REMINDER",
             "TRIGGER;RELATED=START:-PT15M", "ACTION:DISPLAY", "END:VALARM",
             "END:VEVENT"])


def ol_cal(method, events):
    lines = ["BEGIN:VCALENDAR", "METHOD:" + method,
             "PRODID:Microsoft Exchange Server 2010", "VERSION:2.0"]
    lines += DOMAIN_TZ.split("\n")
    for e in events:
        lines += e
    lines.append("END:VCALENDAR")
    return cal(lines)


def outlook(name, to, ics, method="REQUEST", related_image=False, pdf=False):
    hdr = ("From: =?iso-8859-1?Q?Handl=E4ggare?= <handlaggare@socialtjanst.kommun.example>\r\n"
           "To: %s\r\n"
           "Subject: =?iso-8859-1?Q?Avst=E4mning?=\r\n"
           "Thread-Topic: =?iso-8859-1?Q?Avst=E4mning?=\r\n"
           "Date: Mon, 10 Nov 2025 08:00:00 +0000\r\n"
           "Message-ID: <%s@kommun.example>\r\n"
           "Accept-Language: sv-SE, en-US\r\nContent-Language: sv-SE\r\n"
           "X-MS-Has-Attach: %s\r\nMIME-Version: 1.0\r\n"
           % (to, name, "yes" if pdf else ""))
    html = "<html><body><p>Hej!</p>"
    if related_image:
        html += "<p><img src=\"cid:image001.png@01DC5A3B.12345670\" alt=\"logotyp\"></p>"
    html += "</body></html>"
    html_part = ("Content-Type: text/html; charset=\"iso-8859-1\"\r\n"
                 "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n" % qp(html))
    if related_image:
        png = base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
        html_part = ("Content-Type: multipart/related; boundary=\"rel1\"; type=\"text/html\"\r\n\r\n"
                     "--rel1\r\n" + html_part +
                     "--rel1\r\nContent-Type: image/png; name=\"image001.png\"\r\n"
                     "Content-Description: image001.png\r\n"
                     "Content-Disposition: inline; filename=\"image001.png\"\r\n"
                     "Content-ID: <image001.png@01DC5A3B.12345670>\r\n"
                     "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--rel1--\r\n" % b64(png))
    alt = ("--alt1\r\nContent-Type: text/plain; charset=\"iso-8859-1\"\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n\r\nHej!\r\n\r\n"
           "--alt1\r\n" + html_part +
           "--alt1\r\nContent-Type: text/calendar; charset=\"utf-8\"; method=%s\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--alt1--\r\n"
           % (method, b64(ics.encode())))
    if not pdf:
        return hdr + "Content-Type: multipart/alternative;\r\n\tboundary=\"alt1\"\r\n\r\n" + alt
    return (hdr + "Content-Type: multipart/mixed;\r\n\tboundary=\"mix1\"\r\n\r\n"
            "--mix1\r\nContent-Type: multipart/alternative;\r\n\tboundary=\"alt1\"\r\n\r\n"
            + alt + "\r\n--mix1\r\nContent-Type: application/pdf; name=\"Bilaga.pdf\"\r\n"
            "Content-Description: Bilaga.pdf\r\n"
            "Content-Disposition: attachment; filename=\"Bilaga.pdf\"; size=40960\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--mix1--\r\n"
            % b64(b"%PDF-1.7\n" + b"0" * 40951))


EXT = att("extern@region.example")
GMAIL = att("someone@gmail.com", cn="someone@gmail.com")
INT = att("kollega@kommun.example", cn="Kollega")
WEEKLY_G = ["RRULE:FREQ=WEEKLY;WKST=MO;COUNT=8;BYDAY=TU"]
WEEKLY_TB = ["RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=WE"]
WEEKLY_OL = ["RRULE:FREQ=WEEKLY;UNTIL=20260226T090000Z;INTERVAL=1;BYDAY=TH;WKST=MO",
             "X-MICROSOFT-CDO-INSTTYPE:1"]

CASES = [
    ("115-google-single-external", "accept",
     lambda n: google(n, "someone@gmail.com", google_cal("REQUEST", [], [GMAIL]))),
    ("116-google-weekly-external", "reject recurring-external",
     lambda n: google(n, "someone@gmail.com", google_cal("REQUEST", WEEKLY_G, [GMAIL]))),
    ("117-thunderbird-weekly-external", "reject recurring-external",
     lambda n: thunderbird(n, "extern@region.example",
                           tb_cal("REQUEST", WEEKLY_TB, [EXT]))),
    ("118-thunderbird-single-external", "accept",
     lambda n: thunderbird(n, "extern@region.example", tb_cal("REQUEST", [], [EXT]))),
    ("119-thunderbird-cancel-series", "accept",
     lambda n: thunderbird(n, "extern@region.example",
                           tb_cal("CANCEL", WEEKLY_TB + ["STATUS:CANCELLED"], [EXT]),
                           method="CANCEL")),
    ("120-thunderbird-link-attach-external", "flag attachment-external",
     lambda n: thunderbird(n, "extern@region.example", tb_cal("REQUEST", [
         "ATTACH;FMTTYPE=application/vnd.oasis.opendocument.text;FILENAME=underlag.odt:"
         "https://moln.kommun.example/s/Xk29dPq"], [EXT]))),
    ("121-attached-ics-no-method-weekly", "reject recurring-external",
     lambda n: plain_with_ics(n, "extern@region.example",
                              tb_cal(None, WEEKLY_TB, [EXT]))),
    ("122-outlook-master-and-exception", "reject recurring-external",
     lambda n: outlook(n, "extern@region.example", ol_cal("REQUEST", [
         ol_event(WEEKLY_OL, [EXT]),
         ol_event(["RECURRENCE-ID;TZID=W. Europe Standard Time:20251211T100000",
                   "X-MICROSOFT-CDO-INSTTYPE:3"], [EXT])]))),
    ("123-outlook-inline-image-external", "accept",
     lambda n: outlook(n, "extern@region.example",
                       ol_cal("REQUEST", [ol_event(["X-MICROSOFT-CDO-INSTTYPE:0"], [INT, EXT])]),
                       related_image=True)),
    ("124-lookalike-domains-weekly", "reject recurring-external",
     lambda n: outlook(n, "a@evilkommun.example", ol_cal("REQUEST", [ol_event(WEEKLY_OL, [
         att("a@evilkommun.example"), att("b@kommun.example.evil.test")])]))),
    ("125-internal-subdomains-weekly", "accept",
     lambda n: outlook(n, "kollega@skola.kommun.example", ol_cal("REQUEST", [ol_event(WEEKLY_OL, [
         att("Kollega@Skola.KOMMUN.Example.", cn="Kollega"),
         att("team@socialtjanst.kommun.example", cn="Team", cutype="GROUP"),
         att("rum3@kommun.example", cn="Rum 3", role="NON-PARTICIPANT", cutype="ROOM")])]))),
    ("126-outlook-group-external-weekly", "reject recurring-external",
     lambda n: outlook(n, "lista@region.example", ol_cal("REQUEST", [ol_event(WEEKLY_OL, [
         INT, att("lista@region.example", cn="Lista", cutype="GROUP")])]))),
    ("127-outlook-cancel-series-with-pdf", "accept",
     lambda n: outlook(n, "extern@region.example", ol_cal("CANCEL", [
         ol_event(WEEKLY_OL + ["STATUS:CANCELLED"], [EXT])]), method="CANCEL", pdf=True)),
    ("128-outlook-add-instance", "reject recurring-external",
     lambda n: outlook(n, "extern@region.example", ol_cal("ADD", [
         ol_event(["RECURRENCE-ID;TZID=W. Europe Standard Time:20251218T100000",
                   "X-MICROSOFT-CDO-INSTTYPE:2"], [EXT])]), method="ADD")),
    ("129-outlook-pdf-internal-only", "accept",
     lambda n: outlook(n, "kollega@kommun.example",
                       ol_cal("REQUEST", [ol_event([], [INT])]), pdf=True)),
]


def main():
    out = os.path.dirname(os.path.abspath(__file__))
    for name, want, build in CASES:
        with open(os.path.join(out, name + ".eml"), "w", encoding="utf-8", newline="") as f:
            f.write(build(name))
        with open(os.path.join(out, name + ".want"), "w") as f:
            f.write(want + "\n")


if __name__ == "__main__":
    main()
