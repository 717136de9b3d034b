#!/usr/bin/env python3
"""budget.py SOCKET QIDFILE: the memory budget of invite-milter ([milter]
memory_limit, milter/gate.c and budget.c) over the raw milter protocol
(v6, no stage skipped, so every command but macros gets one reply).
The daemon runs with memory_limit = 256K and max_body = 200K; each
message here has a body of about 150 KB, which takes 192K of the budget
(64 KB steps). One message holds its body and waits before its end; a
second one cannot get its bytes: it is tempfailed at its end, after a
bounded wait (the MTA's client retries). The first one then ends
normally; a third one, and one after a connection that went away in
the middle of its body, get their bytes and end normally. Prints a line
per check: 0 (passed) or 1, then what is checked (tests/t/memory-limit.sh
turns them into TAP). Waits are generous: no timing is checked."""
import socket
import struct
import sys
from milterwire import reply, send, tap

path = sys.argv[1]
FINAL = set("acdrty")


def final(s, timeout=120):
    """The final reply to end of message (header changes skipped)."""
    while True:
        r = reply(s, timeout)
        if r is None or r == "eof" or r in FINAL:
            return r


ICS = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
       b"METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:budget@kommun.example\r\n"
       b"DTSTART:20260301T090000Z\r\nSUMMARY:Planering\r\n"
       b"ORGANIZER:mailto:a@kommun.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
BODY = (b"--b\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n" + ICS +
        b"--b\r\nContent-Type: text/plain\r\n\r\n" +
        b"Agenda: planering av verksamheten.\r\n" * 4200 + b"--b--\r\n")


def open_msg(qid):
    """A connection with its headers and body sent (each chunk answered:
    the daemon has buffered it); None on error."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    send(s, b"O", struct.pack(">III", 6, 0x1FF, 0))
    if reply(s, 10) != "O":
        return None
    steps = [
        (b"C", b"client.example\0" + b"4" + struct.pack(">H", 25) +
         b"192.0.2.10\0"),
        (b"M", b"<a@kommun.example>\0"),
        (b"R", b"<b@region.example>\0"),
        (b"L", b"Subject\0Planering\0"),
        (b"L", b"Content-Type\0multipart/mixed; boundary=\"b\"\0"),
        (b"N", b""),
    ]
    for i in range(0, len(BODY), 65000):
        steps.append((b"B", BODY[i:i + 65000]))
    for cmd, data in steps:
        send(s, cmd, data)
        # the body waits for memory a bounded time: wait longer
        if reply(s, 120) != "c":
            return None
    # the queue id, sent with end of message
    send(s, b"D", b"E" + b"i\0" + qid.encode() + b"\0")
    return s


def end(s):
    send(s, b"E")
    return final(s)


held = open_msg("QHELD")
tap(held is not None, "a message of 150 KB buffers its body and waits "
    "before its end")
over = open_msg("QOVER")
tap(over is not None and end(over) == "t",
    "a second one beyond memory_limit is tempfailed at its end")
tap(held is not None and end(held) == "a",
    "the first one then ends normally")
again = open_msg("QAGAIN")
tap(again is not None and end(again) == "a",
    "the next one gets its bytes back and ends normally")
gone = open_msg("QGONE")
if gone is not None:
    gone.close()	# in the middle of its transaction
after = open_msg("QAFTER")
tap(gone is not None and after is not None and end(after) == "a",
    "a connection that went away gave its bytes back")
for s in (held, over, again, after):
    if s is not None:
        send(s, b"Q")
        s.close()
