#!/usr/bin/env python3
"""hostile.py SOCKET DIR SESSIONS: concurrent milter sessions of a mix
of hostile messages against a running invite-milter, over the raw
milter protocol (v6, no stage skipped: every command gets a reply, so
each body chunk has been taken in when the next is sent). DIR holds
names.eml (8 MB of text dense with names, mknames.py), big.eml (a 9 MB
invitation with a PDF, mkmsg.py) and small.eml. SESSIONS connections,
in equal groups started at once:
- names: one names.eml each, to its end;
- unfinished: big.eml's headers and body, then nothing until every
  other session is done (a stalled client: its end never comes);
- attachments: one big.eml each, to its end;
- small: SMALL_EACH small.eml each (default 20), one after the other;
- shapes (when DIR holds shape-*.eml, tests/bench/mkshapes.py): one
  hostile shape each (many header lines, parameters, parts, calendar
  properties...), the shapes in turn.
SESSIONS 0: one small message only (a warm-up). GROUPS (environment):
the groups to run, default all. No retries. Prints one line: counts of the final replies per group
(accept a, tempfail t, reject/replycode r/y, none: error), as
"group: a=N t=N ...". Used by tests/bench/memory-hostile.sh."""
import os
import socket
import struct
import sys
import threading
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "milter"))
from milterwire import reply, send  # noqa: E402

path, d, sessions = sys.argv[1], sys.argv[2], int(sys.argv[3])
small_each = int(os.environ.get("SMALL_EACH", "20"))
FINAL = set("acdrty")


def load(name):
    data = open(os.path.join(d, name), "rb").read()
    sep = data.find(b"\r\n\r\n")
    head, body = data[:sep], data[sep + 4:]
    hdrs = []
    for line in head.replace(b"\r\n\t", b" ").replace(b"\r\n ", b" ").split(b"\r\n"):
        k, _, v = line.partition(b":")
        hdrs.append((k, v.strip()))
    return hdrs, body


msgs = {n: load(n + ".eml") for n in ("names", "big", "small")}
# the hostile shapes (mkshapes.py), DIR/shape-NAME.eml, if any
shape_names = sorted(f[:-4] for f in os.listdir(d)
                     if f.startswith("shape-") and f.endswith(".eml"))
for n in shape_names:
    msgs[n] = load(n + ".eml")


def connect():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    send(s, b"O", struct.pack(">III", 6, 0x1FF, 0))
    if reply(s) != "O":
        raise OSError("negotiation")
    send(s, b"C", b"client.example\0" + b"4" + struct.pack(">H", 25) +
         b"192.0.2.10\0")
    if reply(s) != "c":
        raise OSError("connect")
    return s


def message(s, name, qid, finish=True):
    """Sends one message; its final reply letter, or the early one."""
    hdrs, body = msgs[name]
    send(s, b"M", b"<a@kommun.example>\0")
    r = reply(s)
    if r != "c":
        return r
    send(s, b"R", b"<extern@region.example>\0")
    if reply(s) != "c":
        return "x"
    for k, v in hdrs:
        send(s, b"L", k + b"\0" + v + b"\0")
        if reply(s) != "c":
            return "x"
    send(s, b"N")
    r = reply(s)
    if r != "c":
        return r
    for i in range(0, len(body), 65535):
        send(s, b"B", body[i:i + 65535])
        r = reply(s)
        if r != "c":
            return r
    if not finish:
        return "held"
    send(s, b"D", b"E" + b"i\0" + qid.encode() + b"\0")
    send(s, b"E")
    while True:
        r = reply(s)
        if r in FINAL or r == "eof":
            return r


results = {}
lock = threading.Lock()
done_others = threading.Event()
held_ready = []


def count(group, r):
    with lock:
        g = results.setdefault(group, {})
        g[r] = g.get(r, 0) + 1


def run(group, i):
    try:
        s = connect()
        if group == "names":
            count(group, message(s, "names", "N%d" % i))
        elif group == "attachments":
            count(group, message(s, "big", "A%d" % i))
        elif group == "shapes":
            name = shape_names[(i // len(groups)) % len(shape_names)]
            count(group, message(s, name, "H%d" % i))
        elif group == "small":
            for k in range(small_each):
                count(group, message(s, "small", "S%d.%d" % (i, k)))
        else:
            count(group, message(s, "big", "U%d" % i, finish=False))
            done_others.wait()
        s.close()
    except OSError:
        count(group, "error")


groups = os.environ.get("MIX", "names unfinished attachments small" +
                        (" shapes" if shape_names else "")).split()
if sessions == 0:		# warm-up: one small message
    s = connect()
    print(message(s, "small", "W0"))
    s.close()
    sys.exit(0)
threads = []
for i in range(sessions):
    g = groups[i % len(groups)]
    t = threading.Thread(target=run, args=(g, i))
    t.start()
    threads.append((g, t))
for g, t in threads:
    if g != "unfinished":
        t.join()
done_others.set()
for g, t in threads:
    t.join()
for g in groups:
    r = results.get(g, {})
    print("%s: %s" % (g, " ".join("%s=%d" % (k, r[k]) for k in sorted(r))))
