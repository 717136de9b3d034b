"""model: decision and notice lines -> plain records, nothing personal.

A record keeps only what the report shows: time, outcome, whether the
message was a real invitation request, the kind of other messages, the
unit, the rules and fields that acted, series with external guests. The
sender is read once, to find the unit, and then dropped; evidence,
details, domains, queue ids and hashes never leave this module (the
queue id only joins a notice to its decision's unit).
See invite-report(1), DECISION LOG FIELDS, for the line contract.
"""
import re
from datetime import datetime, timezone

OUTCOMES = ("rejected", "held", "redacted", "flagged", "accepted",
            "tempfailed")
ALL_OUTCOMES = OUTCOMES + tuple("would-" + o for o in OUTCOMES)

# today's "action" -> outcome; "notify" delivers unchanged and tells the
# sender, so it counts as flagged (delivered, and someone was told).
ACTION_OUTCOME = {
    "reject": "rejected", "reject (limit)": "rejected",
    "hold": "held", "quarantine": "held",
    "redact": "redacted",
    "flag": "flagged", "notify": "flagged",
    "accept": "accepted",
    "tempfail": "tempfailed", "tempfail (limit)": "tempfailed",
}
VERDICT_OUTCOME = {"reject": "rejected", "hold": "held",
                   "redact": "redacted", "flag": "flagged",
                   "accept": "accepted"}
REQUEST_METHODS = ("REQUEST", "PUBLISH", "ADD")
# finding actions that do not act on the message
PASSIVE = ("off", "log", "none", "")

# the decision log's field names -> the report's fields
FIELD_OF = {
    "subject": "subject", "summary": "title", "description": "description",
    "x-alt-desc": "description", "location": "location",
    "attachment-name": "attachments", "body-text": "body",
    "body-html": "body", "attendee-cn": "attendees",
    "organizer-cn": "attendees", "address-name": "attendees",
    "header": "subject",
}
FIELDS = ("subject", "title", "description", "location", "attachments",
          "body", "attendees", "other")
NONE = "-"              # no unit, no rule

_rule_re = re.compile(r"^[a-z0-9][a-z0-9-]{0,47}$")
_method_re = re.compile(r"^[A-Z][A-Z-]{0,23}$")
_mode_re = re.compile(r"^[a-z][a-z -]{0,23}$")
# a unit is a name an administrator chose: letters, digits, a few signs
_unit_re = re.compile(r"^[\w][\w .,&()/+-]{0,79}$")


def safe_rule(s):
    return s if isinstance(s, str) and _rule_re.match(s) else "other"


def safe_unit(s):
    """A unit name fit for the report, or NONE. Anything that could be an
    address (an @) or is not a plain name is refused."""
    if not isinstance(s, str):
        return NONE
    s = s.strip()
    if not s or "@" in s or not _unit_re.match(s):
        return NONE if not s else "?"
    return s


def when(obj):
    """The line's time as an aware datetime in the local zone (TZ), or
    None. "ts" (seconds) first, then "time" (milliseconds)."""
    for key in ("ts", "time"):
        v = obj.get(key)
        if not isinstance(v, str):
            continue
        v = v.strip()
        if v.endswith("Z") or v.endswith("z"):
            v = v[:-1] + "+00:00"
        try:
            t = datetime.fromisoformat(v)
        except ValueError:
            continue
        if t.tzinfo is None:
            t = t.replace(tzinfo=timezone.utc)
        return t.astimezone()
    return None


def iso_week(t):
    y, w, _ = t.isocalendar()
    return "%04d-W%02d" % (y, w)


def outcome_of(d, res):
    """The outcome word, from "outcome" when the daemon wrote it, else
    from today's action, dry_run and verdict. None: not understood."""
    o = d.get("outcome")
    if isinstance(o, str):
        return o if o in ALL_OUTCOMES else None
    action = d.get("action")
    dry = d.get("dry_run") is True or action == "none (dry run)"
    if dry:
        if isinstance(res.get("limit"), str) and res.get("limit"):
            return "would-tempfailed"
        base = VERDICT_OUTCOME.get(res.get("verdict"))
        return "would-" + base if base else None
    return ACTION_OUTCOME.get(action)


def method_of(d, res):
    m = d.get("method", res.get("method"))
    return m.upper() if isinstance(m, str) and m else None


def is_request(d, res, method):
    """A real invitation request: an invitation whose method sets up or
    changes a meeting (REQUEST, PUBLISH, ADD, or none in a calendar).
    A TNEF part (invitation true, no method, no calendar read) is not."""
    r = d.get("request")
    if isinstance(r, bool):
        return r
    if res.get("invitation") is not True:
        return False
    if method is not None:
        return method in REQUEST_METHODS
    cals = res.get("calendars")
    if isinstance(cals, int):
        return cals > 0
    return not any(isinstance(f, dict) and f.get("rule") == "not-inspectable"
                   for f in res.get("findings") or ())


def kind_of(d, res, method):
    """What a decision that is not a request was, for the side table."""
    if res.get("invitation") is not True:
        return "no-invitation"
    if method is None:
        return "tnef"
    return method if _method_re.match(method) else "other"


class Decision:
    __slots__ = ("t", "week", "outcome", "request", "kind", "unit",
                 "rules", "fields", "series_ext", "key", "qid")


def decision(d, units):
    """A Decision from one decision line, or None when it cannot be
    read (no time, an unknown action)."""
    res = d.get("result")
    if not isinstance(res, dict):
        res = {}
    t = when(d)
    outcome = outcome_of(d, res)
    if t is None or outcome is None:
        return None
    r = Decision()
    r.t = t
    r.week = iso_week(t)
    r.outcome = outcome
    method = method_of(d, res)
    r.request = is_request(d, res, method)
    r.kind = None if r.request else kind_of(d, res, method)
    if "unit" in d:
        r.unit = safe_unit(d.get("unit"))
    else:
        sender = d.get("sender")
        r.unit = units.lookup(sender) if units and isinstance(sender, str) \
            else NONE
    rules, fields, series = set(), set(), False
    for f in res.get("findings") or ():
        if not isinstance(f, dict):
            continue
        rule = safe_rule(f.get("rule"))
        if rule == "recurring-external" and f.get("action") != "off":
            series = True
        if f.get("action") in PASSIVE:
            continue
        rules.add(rule)
        fields.add(FIELD_OF.get(f.get("field"), "other"))
    r.rules = tuple(sorted(rules)) or (NONE,)
    r.fields = tuple(sorted(fields))
    r.series_ext = series
    mid = d.get("msgid_sha256")
    r.key = (mid, outcome) if isinstance(mid, str) and mid else None
    q = d.get("queue_id")
    r.qid = q if isinstance(q, str) and q else None
    return r


class Notice:
    __slots__ = ("t", "week", "mode", "result", "qid", "unit")


def notice(d):
    t = when(d)
    if t is None:
        return None
    n = Notice()
    n.t = t
    n.week = iso_week(t)
    m = d.get("mode")
    n.mode = m if isinstance(m, str) and _mode_re.match(m) else NONE
    res = d.get("result")
    n.result = {"sent": "sent", "failed": "failed",
                "not built": "not-built"}.get(res, "other")
    q = d.get("queue_id")
    n.qid = q if isinstance(q, str) and q else None
    n.unit = NONE
    return n


class Loader:
    """Turns lines into records as they are read, so that only the small
    records are kept (never the lines). With a window (start, end), only
    records inside it are kept: the period and the one before it."""

    def __init__(self, units, window=None):
        self.units, self.window = units, window
        self.decs, self.nots = [], []
        self.info = {"decision_lines": 0, "decisions_unread": 0,
                     "notice_lines": 0, "retries": 0}

    def _inside(self, t):
        return self.window is None or self.window[0] <= t < self.window[1]

    def add(self, d):
        ev = d.get("event")
        if ev == "decision":
            self.info["decision_lines"] += 1
            r = decision(d, self.units)
            if r is None:
                self.info["decisions_unread"] += 1
            elif self._inside(r.t):
                self.decs.append(r)
        elif ev == "notice":
            self.info["notice_lines"] += 1
            n = notice(d)
            if n is not None and self._inside(n.t):
                self.nots.append(n)

    def finish(self):
        """Decisions (retries counted once) and notices, oldest first,
        and counts of what was read."""
        self.decs.sort(key=lambda r: r.t)
        seen, out = set(), []
        for r in self.decs:
            if r.key is not None:
                if r.key in seen:
                    self.info["retries"] += 1
                    continue
                seen.add(r.key)
            out.append(r)
        unit_of = {r.qid: r.unit for r in out if r.qid}
        for n in self.nots:
            n.unit = unit_of.get(n.qid, NONE)
        self.nots.sort(key=lambda n: n.t)
        self.decs = None
        return out, self.nots, self.info


def load(objs, units, window=None):
    ld = Loader(units, window)
    for d in objs:
        ld.add(d)
    return ld.finish()
