"""units: the map of sending addresses and domains to units.

One entry a line: KEY UNIT, where KEY is an address (exact, any case) or
a domain (that domain and its subdomains; "@domain" is the same) and
UNIT the unit's name. KEY and UNIT are separated by "=", ",", ";", a
tab, or the first run of spaces; "#" starts a comment. The most exact
key wins: the address, then the longest domain. Names with "@" are
refused: a unit is never an address.
"""
import os
import re
import stat

from .model import NONE, safe_unit


class UnitMapError(Exception):
    pass


class Units:
    def __init__(self):
        self.addr = {}
        self.dom = {}

    def lookup(self, sender):
        s = sender.strip().lower().strip("<>")
        if not s:
            return NONE
        if s in self.addr:
            return self.addr[s]
        d = s.rsplit("@", 1)[-1]
        while d:
            if d in self.dom:
                return self.dom[d]
            d = d.partition(".")[2]
        return NONE


# As [units] map_file in invite-milter.conf(5), LIMITS (issue 17).
MAX_BYTES = 16 * 1024 * 1024


def _read(path):
    """The file's bytes if it is a regular file within MAX_BYTES; a FIFO
    or /dev/zero is refused at once (opened without blocking)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnitMapError("%s: not a regular file; a unit map must be "
                               "a regular file of at most 16 MiB" % path)
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnitMapError("%s: too big: a unit map may have at most 16 "
                           "MiB" % path)
    return data


def load(path):
    u = Units()
    try:
        lines = _read(path).decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise UnitMapError("%s: %s" % (path, getattr(e, "strerror", None) or e))
    for n, line in enumerate(lines, 1):
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        if not line:
            continue
        m = re.match(r"^([^\s=,;]+)\s*[=,;\t]\s*(.+)$", line) or \
            re.match(r"^(\S+)\s+(.+)$", line)
        if not m:
            raise UnitMapError("%s:%d: expected KEY UNIT" % (path, n))
        key, unit = m.group(1).lower(), m.group(2).strip()
        name = safe_unit(unit)
        if name in (NONE, "?"):
            raise UnitMapError("%s:%d: not a unit name (letters, digits, "
                               "spaces, .,&()/+-; no @)" % (path, n))
        if "@" in key.lstrip("@"):
            if key.startswith("@") or key.endswith("@"):
                raise UnitMapError("%s:%d: not an address or domain" % (path, n))
            u.addr[key] = name
        else:
            u.dom[key.lstrip("@").lstrip(".")] = name
    return u
