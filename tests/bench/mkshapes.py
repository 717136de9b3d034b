#!/usr/bin/env python3
"""mkshapes.py SHAPE SIZE OUT: one hostile message (issue 17, memory)
of about SIZE bytes (e.g. 4M) in the shape SHAPE, each a Teams
invitation (text/calendar; method=REQUEST) with the bulk in one place
built to make a parser hold many times the message's size. SHAPE all:
OUT is a directory, one SHAPE-SIZE.eml each. Shapes:
  hdr-top       many short header lines in the top header block
  hdr-part      many short header lines in a part's header block
  fold          one header folded over many lines
  params        many Content-Type parameters
  rfc2231       a name*0..name*N continuation of many pieces
  parts-flat    many tiny parts in one multipart
  parts-nested  tiny parts in multiparts nested to depth 15
  empty-parts   many boundary lines with empty parts
  ew-subject    a Subject of many encoded words
  ics-b64       one big base64 calendar (DESCRIPTION lines)
  ics-props     a VEVENT with many properties
  ics-comps     a calendar with many small VEVENTs
  ics-params    a property with many parameters
  attendees     many ATTENDEE lines
  longline      one long SUMMARY line (calendar) and a long text line
  addresses     a To: of many addresses, folded
Used by tests/bench/memory-shapes.sh and tests/t/memory-limit.sh."""
import base64
import os
import sys

SHAPES = ("hdr-top", "hdr-part", "fold", "params", "rfc2231", "parts-flat",
          "parts-nested", "empty-parts", "ew-subject", "ics-b64",
          "ics-props", "ics-comps", "ics-params", "attendees", "longline",
          "addresses")


def size_of(s):
    m = {"K": 1024, "M": 1024 * 1024}
    return int(s[:-1]) * m[s[-1]] if s[-1] in m else int(s)


def cal(event_extra="", extra_events="", summary="Avstamning"):
    return ("BEGIN:VCALENDAR\r\nPRODID:-//hostile//SV\r\nVERSION:2.0\r\n"
            "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:hostile-1@kommun.example\r\n"
            "DTSTAMP:20251110T080000Z\r\nDTSTART:20251112T090000Z\r\n"
            "DTEND:20251112T100000Z\r\nSUMMARY:" + summary + "\r\n"
            "ORGANIZER:mailto:organizer@kommun.example\r\n"
            "ATTENDEE;RSVP=TRUE:mailto:guest0@kommun.example\r\n"
            "LOCATION:Microsoft Teams-m\u00f6te\r\n"
            "DESCRIPTION:https://teams.microsoft.com/l/meetup-join/19%3am\r\n"
            + event_extra + "END:VEVENT\r\n" + extra_events +
            "END:VCALENDAR\r\n")


def calpart(c, b64=True, ct_extra=""):
    if b64:
        body = base64.encodebytes(c.encode()).decode().replace("\n", "\r\n")
        enc = "base64"
    else:
        body, enc = c, "8bit"
    return ("Content-Type: text/calendar; charset=\"utf-8\"; method=REQUEST"
            + ct_extra + "\r\nContent-Transfer-Encoding: " + enc +
            "\r\n\r\n" + body)


TOP = ("From: organizer@kommun.example\r\nTo: guest0@kommun.example\r\n"
       "Date: Mon, 10 Nov 2025 09:00:00 +0100\r\n"
       "Message-ID: <hostile@kommun.example>\r\nMIME-Version: 1.0\r\n")


def multipart(parts, top_extra="", subject="Avstamning", b="b0"):
    s = TOP + "Subject: " + subject + "\r\n" + top_extra
    s += "Content-Type: multipart/mixed; boundary=\"" + b + "\"\r\n\r\n"
    for p in parts:
        s += "--" + b + "\r\n" + p + "\r\n"
    return s + "--" + b + "--\r\n"


TEXT = "Content-Type: text/plain; charset=utf-8\r\n\r\nHej!\r\n"


def fill(n, unit):
    return unit * max(1, n // len(unit))


def shape(name, n):
    c = calpart(cal())
    if name == "hdr-top":
        return multipart([TEXT, c], top_extra=fill(n, "X-H: v\r\n"))
    if name == "hdr-part":
        return multipart([fill(n, "X-H: v\r\n") + TEXT, c])
    if name == "fold":
        return multipart([TEXT, c], top_extra="X-Fold: a" +
                         fill(n, "\r\n b") + "\r\n")
    if name == "params":
        ps = "".join(";\r\n p%d=v" % i for i in range(n // 12))
        return multipart(["Content-Type: text/plain; charset=utf-8" + ps +
                          "\r\n\r\nHej!\r\n", c])
    if name == "rfc2231":
        ps = "".join(";\r\n name*%d=ab" % i for i in range(n // 16))
        return multipart(["Content-Type: application/octet-stream" + ps +
                          "\r\nContent-Disposition: attachment\r\n\r\nx\r\n",
                          c])
    if name == "parts-flat":
        return multipart([c] + ["\r\nx"] * (n // 8))
    if name == "parts-nested":
        depth, per = 15, n // (15 * 8)
        s = "--b15\r\n" + c + "\r\n"
        s += "".join("--b15\r\n\r\nx\r\n" for _ in range(per)) + "--b15--\r\n"
        for d in range(14, 0, -1):
            inner = "Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n" \
                % (d + 1) + s
            s = "--b%d\r\n" % d + inner + "\r\n"
            s += "".join("--b%d\r\n\r\nx\r\n" % d for _ in range(per))
            s += "--b%d--\r\n" % d
        return multipart(["Content-Type: multipart/mixed; boundary=\"b1\""
                          "\r\n\r\n" + s], b="b0")
    if name == "empty-parts":
        return multipart([c] + [""] * (n // 6))
    if name == "ew-subject":
        return multipart([TEXT, c], subject=fill(n, " =?utf-8?q?H=C3=A4j?="))
    if name == "ics-b64":
        return multipart([TEXT, calpart(cal(fill(n * 3 // 4,
                          "DESCRIPTION:Lorem ipsum dolor sit amet\r\n")))])
    if name == "ics-props":
        return multipart([TEXT, calpart(cal(fill(n, "X-P:v\r\n")), False)])
    if name == "ics-comps":
        ev = ("BEGIN:VEVENT\r\nUID:x@k\r\nDTSTART:20251112T090000Z\r\n"
              "END:VEVENT\r\n")
        return multipart([TEXT, calpart(cal("", fill(n, ev)), False)])
    if name == "ics-params":
        return multipart([TEXT, calpart(cal("X-P" + fill(n, ";A=b") +
                                            ":v\r\n"), False)])
    if name == "attendees":
        return multipart([TEXT, calpart(cal(fill(
            n, "ATTENDEE:mailto:g@kommun.example\r\n")), False)])
    if name == "longline":
        return multipart(["Content-Type: text/plain; charset=utf-8\r\n\r\n" +
                          "x" * (n // 2) + "\r\n",
                          calpart(cal(summary="y" * (n // 2)), False)])
    if name == "addresses":
        return multipart([TEXT, c], top_extra="Cc: " + ",\r\n ".join(
            "\"G %d\" <g%d@k.se>" % (i, i) for i in range(n // 24)) + "\r\n")
    raise SystemExit("unknown shape " + name)


def main():
    name, n, out = sys.argv[1], size_of(sys.argv[2]), sys.argv[3]
    if name == "all":
        os.makedirs(out, exist_ok=True)
        for s in SHAPES:
            with open(os.path.join(out, s + "-" + sys.argv[2] + ".eml"),
                      "wb") as f:
                f.write(shape(s, n).encode())
        return
    with open(out, "wb") as f:
        f.write(shape(name, n).encode())


main()
