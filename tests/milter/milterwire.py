"""milterwire.py: the milter protocol's framing for the test and bench
clients that talk to invite-milter over its socket (gate.py, budget.py,
tests/bench/hostile.py): a command out, the letter of a reply in, a
result line for the shell script that turns them into TAP."""
import socket
import struct


def tap(cond, what):
    """A result line: 0 (passed) or 1, then what is checked."""
    print("%d %s" % (0 if cond else 1, what), flush=True)


def send(s, cmd, data=b""):
    """One command: its length, its letter, its data."""
    s.sendall(struct.pack(">I", len(data) + 1) + cmd + data)


def reply(s, timeout=None):
    """The command letter of the next reply; "eof" when the daemon
    closed; None when timeout (seconds) passed first."""
    buf = b""
    s.settimeout(timeout)
    try:
        while len(buf) < 4:
            got = s.recv(4 - len(buf))
            if not got:
                return "eof"
            buf += got
        size = struct.unpack(">I", buf)[0]
        body = b""
        while len(body) < size:
            got = s.recv(size - len(body))
            if not got:
                return "eof"
            body += got
    except socket.timeout:
        return None
    return body[:1].decode()
