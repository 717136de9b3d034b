#!/usr/bin/env python3
"""gate.py SOCKET SLOTS: the body slots of invite-milter (milter/
callbacks.c, "Memory under concurrency"), over the raw milter protocol
(v6, no stage skipped, so every command but macros gets one reply).
SLOTS connections reach end of headers of a possible invitation and get
their reply while keeping their slot (no body sent); one more waits at
end of headers; a text/plain message is not held (accepted at end of
headers); when one slot holder goes away the waiting one gets its
reply. Prints a line per check: 0 (passed) or 1, then what is checked
(tests/t/milter-gate.sh turns them into TAP)."""
import select
import socket
import struct
import sys
from milterwire import reply, send, tap

path, slots = sys.argv[1], int(sys.argv[2])


def open_msg(ctype):
    """A connection up to and with end of headers sent; None on error."""
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
        (b"L", b"Content-Type\0" + ctype + b"\0"),
    ]
    for cmd, data in steps:
        send(s, cmd, data)
        if reply(s, 10) != "c":
            return None
    send(s, b"N")
    return s


held = []
for i in range(slots):
    s = open_msg(b'multipart/mixed; boundary="b"')
    if s is None or reply(s, 20) != "c":
        tap(False, "connection %d of %d reaches its body" % (i + 1, slots))
        sys.exit(0)
    held.append(s)
tap(True, "%d messages hold a body slot each" % slots)

late = open_msg(b'multipart/mixed; boundary="b"')
tap(late is not None and reply(late, 1.5) is None,
    "one more waits at end of headers")

plain = open_msg(b"text/plain")
tap(plain is not None and reply(plain, 20) == "c",
    "a text/plain message goes on at end of headers meanwhile (no body "
    "slot: read only for a file encoded in the text)")

send(held[0], b"Q")
held[0].close()
tap(late is not None and reply(late, 20) == "c",
    "the waiting one continues when a slot holder leaves")

# Every slot held again (by the one that just went on): one more waits,
# but not for ever: after the bound (5 s) it goes on over it, so slots
# held by stalled connections never stop mail.
stuck = open_msg(b'multipart/mixed; boundary="b"')
tap(stuck is not None and reply(stuck, 1.5) is None and reply(stuck, 20) == "c",
    "with every slot held, a waiting message goes on after the bound")

for s in held[1:] + [late, plain, stuck]:
    if s is not None:
        send(s, b"Q")
        s.close()
