"""logread: the lines of decision logs as JSON objects.

Reads plain files, gzip files (told apart by their magic bytes, not the
name: logrotate's .gz and a file renamed by hand both work) and standard
input ("-"). A line may carry a prefix before its JSON (syslog's
"Dec  6 20:13:00 host invite-milter[42]: ", journalctl's short-iso form,
a container runtime's time stamp): the first '{"' starts the object.
journalctl -o json lines are unwrapped (their MESSAGE holds our line).
A line that holds no JSON object (cut by a syslog size limit, garbage)
is counted and skipped, never an error.
"""
import gzip
import io
import json
import sys
import zlib

_dec = json.JSONDecoder()


class Unreadable(Exception):
    """A log that cannot be read at all (exit status 3)."""


def parse_line(line):
    """The JSON object of one log line, or None."""
    i = line.find('{"')
    if i < 0:
        return None
    try:
        obj, _ = _dec.raw_decode(line, i)
    except ValueError:
        return None
    if not isinstance(obj, dict):
        return None
    msg = obj.get("MESSAGE")
    if "event" not in obj and isinstance(msg, str):
        return parse_line(msg)          # journalctl -o json
    return obj


def _open(path):
    if path == "-":
        return io.BytesIO(sys.stdin.buffer.read())
    with open(path, "rb") as f:
        magic = f.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rb")
    return open(path, "rb")


def read_log(path, stats, sink=None):
    """Hands each JSON object of one log to sink (or returns them all as
    a list). A log that breaks half way raises Unreadable, and the caller
    writes nothing: a report from part of the logs would mislead."""
    out = []
    add = sink or out.append
    try:
        with _open(path) as f:
            for raw in f:
                stats["lines"] += 1
                obj = parse_line(raw.decode("utf-8", "replace"))
                if obj is None:
                    stats["skipped"] += 1
                else:
                    add(obj)
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as e:
        raise Unreadable("%s: %s" % (path, getattr(e, "strerror", None) or e))
    return out
