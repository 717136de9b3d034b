#!/usr/bin/env python3
"""mkmsg.py SIZE OUT: a real Outlook invitation (tests/corpus/110) whose
PDF attachment is padded so the whole message is about SIZE bytes
(suffixes K and M). The benchmarks' large messages; CRLF line ends, or
LF with --lf (smtp-source -F adds CR itself)."""
import base64, sys

args = [a for a in sys.argv[1:] if a != "--lf"]
size = args[0].upper()
n = int(size[:-1]) * (1024 if size[-1] == "K" else 1024 * 1024) if size[-1] in "KM" else int(size)
src = open("tests/corpus/110-outlook-pdf-external.eml", "rb").read()
head = src[:src.rfind(b"--mix1\r\nContent-Type: application/pdf")]
part = (b"--mix1\r\nContent-Type: application/pdf; name=\"U.pdf\"\r\n"
        b"Content-Disposition: attachment; filename=\"U.pdf\"\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n")
# a little under SIZE, so "10M" stays within a 10 MB cap
room = max(0, n - min(2048, n // 20) - len(head) - len(part) - 12)
raw = b"%PDF-1.4\n" + b"x" * max(0, room * 3 // 4 * 76 // 78 - 9)
blob = base64.encodebytes(raw).replace(b"\n", b"\r\n")
msg = head + part + blob + b"--mix1--\r\n"
if "--lf" in sys.argv:
    msg = msg.replace(b"\r\n", b"\n")
open(args[1], "wb").write(msg)
