"""cli: invite-report's command line (see invite-report(1)).

Exit status: 0 done, 1 an output could not be written, 2 usage (also a
bad --units map or date), 3 a log could not be read (nothing written).
"""
import argparse
import os
import re
import sys
import time
from datetime import datetime, timedelta

from . import VERSION, html, logread, model, output, tables, texts
from . import units as unitmap


def _local(naive):
    return naive.astimezone()           # naive = local wall time, DST-aware


def parse_date(s, end):
    """--since/--until: YYYY-MM-DD (a whole day), YYYY-Www (a whole ISO
    week), or an ISO 8601 date and time (local unless it has a zone).
    Returns the start (end=False) or the exclusive end (end=True)."""
    s = s.strip()
    m = re.fullmatch(r"(\d{4})-W(\d{2})", s)
    if m:
        d = datetime.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return _local(d + timedelta(days=7) if end else d)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        d = datetime.strptime(s, "%Y-%m-%d")
        return _local(d + timedelta(days=1) if end else d)
    v = s[:-1] + "+00:00" if s[-1:] in "Zz" else s
    t = datetime.fromisoformat(v)
    return t.astimezone() if t.tzinfo else _local(t)


def tz_name():
    tz = os.environ.get("TZ")
    if tz:
        return tz.lstrip(":")
    try:
        p = os.readlink("/etc/localtime")
        if "zoneinfo/" in p:
            return p.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    return time.tzname[0]


def _source(path):
    """A log's name for the footer: the file name only, and none that
    could hold an address."""
    if path == "-":
        return "stdin"
    b = os.path.basename(path)
    return "(log)" if "@" in b or not b.isprintable() else b


def _midnight(t):
    return _local(datetime(t.year, t.month, t.day))


def weeks_between(since, until):
    out, d = [], since
    while d < until:
        w = model.iso_week(d)
        if w not in out:
            out.append(w)
        d = _local(datetime(d.year, d.month, d.day) + timedelta(days=1))
    return out


def _parser():
    p = argparse.ArgumentParser(
        prog="invite-report",
        description="Compliance report from invite-milter's decision log: "
        "HTML, CSV and JSON, without personal data.")
    p.add_argument("--since", metavar="DATE",
                   help="first day (YYYY-MM-DD, YYYY-Www or date and time)")
    p.add_argument("--until", metavar="DATE", help="last day, included")
    p.add_argument("--units", metavar="FILE",
                   help="map of sender address or domain -> unit")
    p.add_argument("--html", metavar="FILE", help="write the HTML report")
    p.add_argument("--csv", metavar="DIR", help="write the tables as CSV files")
    p.add_argument("--json", metavar="FILE", help="write the tables as JSON")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="do not print the summary")
    p.add_argument("--version", action="version",
                   version="invite-report " + VERSION)
    p.add_argument("logs", nargs="+", metavar="LOG",
                   help="decision log: plain, .gz, or syslog/journal form; - is stdin")
    return p


def main(argv=None):
    p = _parser()
    a = p.parse_args(argv)
    try:
        since = parse_date(a.since, False) if a.since else None
        until = parse_date(a.until, True) if a.until else None
    except ValueError:
        p.error("DATE is YYYY-MM-DD, YYYY-Www or an ISO 8601 date and time")
    if since and until and since >= until:
        p.error("--since is not before --until")
    umap = None
    if a.units:
        try:
            umap = unitmap.load(a.units)
        except unitmap.UnitMapError as e:
            p.error("--units %s" % e)
    info = {"lines": 0, "skipped": 0}
    # with both ends known, keep only the period and the one before it
    window = (since - (until - since), until) if since and until else None
    ld = model.Loader(umap, window)
    for path in a.logs:
        try:
            logread.read_log(path, info, ld.add)
        except logread.Unreadable as e:
            print("invite-report: cannot read %s" % e, file=sys.stderr)
            return 3
    decs, nots, more = ld.finish()
    info.update(more)
    times = [r.t for r in decs] + [n.t for n in nots]
    if since is None:
        since = _midnight(min(times)) if times else _midnight(datetime.now())
    if until is None:
        until = (_midnight(max(times)) if times else _midnight(datetime.now()))
        until = _local(datetime(until.year, until.month, until.day) +
                       timedelta(days=1))
        if until <= since:
            until = _local(datetime(since.year, since.month, since.day) +
                           timedelta(days=1))
    prev_since = since - (until - since)
    cur_d = [r for r in decs if since <= r.t < until]
    cur_n = [n for n in nots if since <= n.t < until]
    prev_d = [r for r in decs if prev_since <= r.t < since]
    prev_n = [n for n in nots if prev_since <= n.t < since]
    have_prev = bool(prev_d)
    t = tables.build(cur_d, cur_n)
    cur = tables.totals(cur_d, cur_n)
    prev = tables.totals(prev_d, prev_n)
    t["trend"] = tables.trend(cur, prev, have_prev)

    rtot = {}
    for rule, _, n in t["rules"][1]:
        rtot[rule] = rtot.get(rule, 0) + n
    top_rule = max(sorted(rtot.items()), key=lambda x: x[1]) if rtot else None
    top_unit = None
    for group, would in ((tables.STOPPED, False), (tables.WOULD_STOP, True)):
        ut = {}
        for u, o, n in t["units"][1]:
            if u != model.NONE and o in group:
                ut[u] = ut.get(u, 0) + n
        if ut:
            u, n = max(sorted(ut.items()), key=lambda x: x[1])
            top_unit = (u, n, would)
            break
    summary = texts.summary(since, until, cur, prev, have_prev, top_rule,
                            top_unit)
    psv, pen = texts.period_phrase(since, until)
    psv2, pen2 = texts.period_phrase(prev_since, since)
    last = until - timedelta(microseconds=1)
    ctx = {
        "version": VERSION, "since": since, "until": until,
        "prev_since": prev_since, "have_prev": have_prev,
        "weeks": weeks_between(since, until), "tables": t, "totals": cur,
        "prev_totals": prev, "summary": summary, "info": info,
        "tz": tz_name(),
        "sources": [_source(x) for x in a.logs],
        "generated": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "period_label": "%s – %s (%s / %s)" % (
            since.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d"), psv, pen),
        "prev_text": "Föregående period: %s. Previous period: %s." % (
            psv2, pen2) + ("" if have_prev else
                           " Inga beslut i loggarna för den. "
                           "The logs hold no decisions for it."),
    }
    written = []
    try:
        if a.csv:
            output.write_csv(a.csv, t)
            written.append(os.path.join(a.csv, "summary.csv"))
        if a.json:
            output.write_json(a.json, ctx)
            written.append(a.json)
        if a.html:
            output.write_atomic(a.html, html.render(ctx))
            written.append(a.html)
    except OSError as e:
        print("invite-report: cannot write %s: %s" % (
            e.filename or "output", e.strerror or e), file=sys.stderr)
        return 1
    if not a.quiet:
        print(summary[0])
        print()
        print(summary[1])
    return 0


def run():
    sys.exit(main())
