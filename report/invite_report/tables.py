"""tables: records of one period -> the report's tables.

Every table is (columns, rows), rows sorted, counts as int. The HTML,
the CSV files and the JSON are all written from these, so they agree.
Counts are messages: a message counts once per row it belongs to (once
under each rule that acted on it, once per field).
"""
from collections import Counter

from .model import ALL_OUTCOMES, FIELDS, NONE

_oi = {o: i for i, o in enumerate(ALL_OUTCOMES)}
_fi = {f: i for i, f in enumerate(FIELDS)}

STOPPED = ("rejected", "held")          # the data did not leave
WOULD_STOP = ("would-rejected", "would-held")


def okey(o):
    return _oi.get(o, 99)


def _unit_key(u):
    return (u == NONE, u.lower())


def _rows(counter, order):
    return sorted(((*k, v) for k, v in counter.items()), key=order)


def build(decs, notices):
    req = [r for r in decs if r.request]
    t = {}
    c = Counter()
    for r in req:
        for rule in r.rules:
            c[(r.week, r.unit, rule, r.outcome)] += 1
    t["summary"] = (("week", "unit", "rule", "outcome", "count"),
                    _rows(c, lambda x: (x[0], _unit_key(x[1]), x[2] == NONE,
                                        x[2], okey(x[3]))))
    c = Counter((r.week, r.unit, r.outcome) for r in req)
    t["outcomes"] = (("week", "unit", "outcome", "count"),
                     _rows(c, lambda x: (x[0], _unit_key(x[1]), okey(x[2]))))
    c = Counter((r.week, r.outcome) for r in req)
    t["weeks"] = (("week", "outcome", "count"),
                  _rows(c, lambda x: (x[0], okey(x[1]))))
    c = Counter((rule, r.outcome) for r in req for rule in r.rules
                if rule != NONE)
    t["rules"] = (("rule", "outcome", "count"),
                  _rows(c, lambda x: (x[0], okey(x[1]))))
    c = Counter((r.unit, r.outcome) for r in req)
    t["units"] = (("unit", "outcome", "count"),
                  _rows(c, lambda x: (_unit_key(x[0]), okey(x[1]))))
    c = Counter((r.unit, rule) for r in req for rule in r.rules
                if rule != NONE)
    t["unit_rule"] = (("unit", "rule", "count"),
                      _rows(c, lambda x: (_unit_key(x[0]), x[1])))
    c = Counter((f, r.outcome) for r in req for f in r.fields)
    t["fields"] = (("field", "outcome", "count"),
                   _rows(c, lambda x: (_fi.get(x[0], 99), okey(x[1]))))
    c = Counter((r.week, r.unit, r.outcome) for r in req if r.series_ext)
    t["series"] = (("week", "unit", "outcome", "count"),
                   _rows(c, lambda x: (x[0], _unit_key(x[1]), okey(x[2]))))
    c = Counter((n.week, n.unit, n.mode, n.result) for n in notices)
    t["notices"] = (("week", "unit", "mode", "result", "count"),
                    _rows(c, lambda x: (x[0], _unit_key(x[1]), x[2], x[3])))
    c = Counter((r.week, r.kind, r.outcome) for r in decs if not r.request)
    t["other"] = (("week", "kind", "outcome", "count"),
                  _rows(c, lambda x: (x[0], x[1], okey(x[2]))))
    return t


def totals(decs, notices):
    """The figures the summary and the trend compare."""
    req = [r for r in decs if r.request]
    c = Counter(r.outcome for r in req)
    out = {"invitations": len(req)}
    for o in ALL_OUTCOMES:
        out[o] = c.get(o, 0)
    out["stopped"] = sum(c.get(o, 0) for o in STOPPED)
    out["would-stopped"] = sum(c.get(o, 0) for o in WOULD_STOP)
    out["series-external"] = sum(1 for r in req if r.series_ext)
    out["notices-sent"] = sum(1 for n in notices if n.result == "sent")
    return out


TREND = ("invitations", "rejected", "held", "redacted", "flagged",
         "accepted", "tempfailed", "would-rejected", "would-held",
         "would-redacted", "would-flagged", "would-accepted",
         "series-external", "notices-sent")


def trend(cur, prev, have_prev):
    rows = []
    for m in TREND:
        rows.append((m, cur[m], prev[m] if have_prev else ""))
    return (("measure", "current", "previous"), rows)
