#!/usr/bin/env python3
"""mknames.py SIZE OUT [--lf]: a Teams invitation whose text is dense
with personal names (issue 17, "Memory"): about half of SIZE in the
text/plain part and half in the calendar's DESCRIPTION, lines such as
"Anna Svensson, Mohammed Al-Hassan, ...". The worst case for the name
rules' memory. SIZE takes K and M; CRLF line ends, or LF with --lf
(smtp-source -F adds CR itself). The names are invented combinations
of common first names and surnames, no real person."""
import sys

args = [a for a in sys.argv[1:] if a != "--lf"]
size = args[0].upper()
n = int(size[:-1]) * (1024 if size[-1] == "K" else 1024 * 1024) \
    if size[-1] in "KM" else int(size)
first = ["Anna", "Erik", "Maria", "Lars", "Karin", "Mohammed", "Fatima",
         "Johan", "Eva", "Ali", "Kerstin", "Per", "Sara", "Ahmed",
         "Ingrid", "Nils", "Lena", "Hassan", "Emma", "Olof"]
last = ["Svensson", "Johansson", "Karlsson", "Nilsson", "Al-Hassan",
        "Andersson", "Lindqvist", "Eriksson", "Yilmaz", "Berg",
        "Persson", "Olsson", "Mohamud", "Gustafsson", "Larsson",
        "Pettersson", "Jonsson", "Hansson", "Abdi", "Lundberg"]


def names(nbytes):
    out, line, i, total = [], [], 0, 0
    while total < nbytes:
        nm = "%s %s" % (first[i % len(first)],
                        last[(i * 7 + i // len(first)) % len(last)])
        i += 1
        line.append(nm)
        if len(line) == 6:
            s = ", ".join(line) + ","
            out.append(s)
            total += len(s) + 2
            line = []
    return out


half = max(1024, n // 2 - 2048)
plain = "\r\n".join(["Deltagare:"] + names(half)) + "\r\n"
desc = "Deltagare:\\n" + "\\n".join(names(half))
# fold the DESCRIPTION at 74 octets (ASCII only)
prop = "DESCRIPTION;LANGUAGE=sv-SE:" + desc
folded = [prop[:74]] + [" " + prop[k:k + 73] for k in range(74, len(prop), 73)]
ics = "\r\n".join([
    "BEGIN:VCALENDAR", "PRODID:-//invite-milter bench//SV", "VERSION:2.0",
    "METHOD:REQUEST", "BEGIN:VEVENT", "UID:bench-names@kommun.example",
    "DTSTAMP:20251101T090000Z", "DTSTART:20251124T100000Z",
    "DTEND:20251124T110000Z", "SUMMARY:Avstamning"] + folded + [
    "LOCATION:Microsoft Teams-mote",
    "ORGANIZER;CN=Handlaggare:mailto:organizer@kommun.example",
    "ATTENDEE;ROLE=REQ-PARTICIPANT:mailto:extern@region.example",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/"
    "meetup-join/19%3ameeting_NzY4@thread.v2/0",
    "END:VEVENT", "END:VCALENDAR"]) + "\r\n"
msg = ("From: Handlaggare <organizer@kommun.example>\r\n"
       "To: extern@region.example\r\n"
       "Subject: Avstamning\r\n"
       "Date: Mon, 10 Nov 2025 09:00:00 +0100\r\n"
       "Message-ID: <bench-names@kommun.example>\r\n"
       "MIME-Version: 1.0\r\n"
       "Content-Type: multipart/alternative; boundary=\"alt1\"\r\n\r\n"
       "--alt1\r\nContent-Type: text/plain; charset=\"utf-8\"\r\n"
       "Content-Transfer-Encoding: 8bit\r\n\r\n" + plain +
       "https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzY4@thread.v2/0\r\n"
       "--alt1\r\nContent-Type: text/calendar; charset=\"utf-8\"; "
       "method=REQUEST\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + ics +
       "--alt1--\r\n").encode()
if "--lf" in sys.argv:
    msg = msg.replace(b"\r\n", b"\n")
open(args[1], "wb").write(msg)
