#!/usr/bin/python3
"""Generates decision logs for tests/t/report.sh, and what they hold.

    gen.py SEED OUTDIR

A month (2026-11-02 .. 2026-11-29, ISO weeks 45-48) of invite-milter
decision lines, plus the four weeks before it for the trend, in the
daemon's real line format: today's lines (weeks before 48: "time" with
milliseconds, "action", "dry_run", the sender's address; units only
from a map) and the lines the lead adds (week 48: "ts", "outcome",
"request", "method", "unit", the sender absent or hashed). Spread over
a rotated set (decisions.log.3.gz, .2.gz, .1, decisions.log), a syslog
copy (mail.log) and a journal copy (journal.log). Retries of the same
message, dry-run weeks, REPLY/CANCEL/TNEF, notices, noise.

What went in is written beside it, computed here from the messages the
generator chose (not by reading the lines back):
  expected/summary.csv   week,unit,rule,outcome,count
  expected/outcomes.csv  week,unit,outcome,count
  expected/notices.csv   week,unit,mode,result,count
  expected/other.csv     kind,outcome,count
  expected/totals.txt    name value (current and previous period)
  secrets.txt            strings that must never appear in a report
"""
import gzip
import hashlib
import json
import os
import random
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone

seed, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(seed)
UTC = timezone.utc
PREV0 = datetime(2026, 10, 5, tzinfo=UTC)
CUR0 = datetime(2026, 11, 2, tzinfo=UTC)
END = datetime(2026, 11, 30, tzinfo=UTC)
NEWFMT = datetime(2026, 11, 23, tzinfo=UTC)     # week 48: the new fields

UNITS = {       # unit -> (map key, sender domain)
    "Socialtjänsten": ("soc.kommun.example", ["soc.kommun.example",
                                              "ifo.soc.kommun.example"]),
    "Skola": ("@skola.kommun.example", ["skola.kommun.example"]),
    "Vård och omsorg": ("vo.kommun.example", ["vo.kommun.example"]),
    "Kommunledning": (None, None),             # one address
    "-": (None, ["kommun.example"]),           # no unit
}
FIRST = ["anna", "bo", "cecilia", "david", "eva", "fredrik", "gun", "hassan",
         "ida", "jonas", "karin", "leila", "mats", "nora", "olle"]
LAST = ["andersson", "berg", "carlsson", "dahl", "ek", "fors", "gustafsson",
        "hussein", "isaksson", "johansson"]

senders = {}
for u, (_, doms) in UNITS.items():
    if doms is None:
        senders[u] = ["kansli.chef@kommun.example"]
        continue
    senders[u] = ["%s.%s%d@%s" % (rnd.choice(FIRST), rnd.choice(LAST), i,
                                  rnd.choice(doms)) for i in range(6)]

RULES = [       # rule, action, fields, evidence, detail
    ("personnummer", "reject", ["subject", "summary", "description"],
     "19121212-****", "personnummer of a barn/child (age < 18)"),
    ("samordningsnummer", "reject", ["description"], "19121272-****",
     "samordningsnummer (day + 60)"),
    ("person-topic", "reject", ["summary", "description"], "L. S. + placering",
     "a person and a sensitive topic"),
    ("recurring-external", "reject", ["summary"], "1 extern domän",
     "series with guests from partner.example: book a separate meeting"),
    ("name", "flag", ["description", "summary", "attendee-cn"], "M. K.",
     "probable client name"),
    ("phone-private", "flag", ["description", "location"], "070-123 ** **",
     "private phone"),
    ("address-home", "flag", ["location"], "Storgatan 1*", "home address"),
    ("attachment-external", "flag", ["attachment-name"], "utredning_*.pdf",
     "a file attached for external guests"),
    ("topic", "flag", ["subject", "x-alt-desc"], "missbruk", "topic:addiction"),
    ("topic-weak", "log", ["description"], "stöd", "topic:support"),
    ("diary-number", "log", ["subject"], "SN 2026/****", "diary number"),
]
secrets = set(a for l in senders.values() for a in l)
secrets |= {r[3] for r in RULES} | {r[4] for r in RULES}
secrets |= {"partner.example", "region.example", "kommun.example"}
secrets -= {r[0] for r in RULES}        # rule names are what a report shows

lines = []          # (time, obj)
truth = []          # dicts: t, week, unit, outcome, rules, request, kind
notices = []        # (t, week, unit, mode, result)


def week(t):
    y, w, _ = t.isocalendar()
    return "%04d-W%02d" % (y, w)


def qid():
    return "".join(rnd.choice("0123456789BCDFGHJKLMNPQRSTVWXYZ") for _ in range(10))


def tstr(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


n_msg = 0


def message(t):
    global n_msg
    n_msg += 1
    unit = rnd.choices(list(UNITS), [4, 3, 2, 1, 2])[0]
    sender = rnd.choice(senders[unit])
    new = t >= NEWFMT
    mid = hashlib.sha256(("msg%d-%d" % (seed, n_msg)).encode()).hexdigest()
    q = qid()
    secrets.update((mid, q))
    kind = rnd.choices(["request", "REPLY", "CANCEL", "tnef"], [86, 6, 5, 3])[0]
    # audit mode: everything in week 45 (today's global dry_run), and
    # the unit Skola in week 48 (the scope's dry_run, new lines)
    dry = week(t) == "2026-W45" or (new and unit == "Skola")
    findings, rules_acting = [], set()
    method = kind if kind in ("REPLY", "CANCEL") else (None if kind == "tnef"
                                                       else rnd.choice(["REQUEST"] * 9 + ["PUBLISH"]))
    limit = None
    if kind == "request":
        k = rnd.choices([0, 1, 2, 3], [50, 30, 15, 5])[0]
        for rule in rnd.sample(RULES, k):
            fields = rnd.sample(rule[2], rnd.randint(1, len(rule[2])))
            for f in fields:
                findings.append({"rule": rule[0], "field": f,
                                 "severity": "high" if rule[1] == "reject" else "medium",
                                 "action": rule[1], "evidence": rule[3],
                                 "detail": rule[4], "span": [0, 13]})
            if rule[1] != "log":
                rules_acting.add(rule[0])
        if not findings and not dry and rnd.random() < 0.03:
            limit = "max_text"
    elif kind == "tnef":
        findings.append({"rule": "not-inspectable", "field": "body-text",
                         "severity": "medium", "action": "flag",
                         "evidence": "winmail.dat", "detail": "TNEF", "span": [0, 0]})
    elif rnd.random() < 0.3:
        findings.append({"rule": "topic-weak", "field": "description",
                         "severity": "low", "action": "log", "evidence": "stöd",
                         "detail": "topic:support", "span": [1, 5]})
    acts = [f["action"] for f in findings]
    verdict = "reject" if "reject" in acts else "flag" if "flag" in acts else "accept"
    if limit:
        action, outcome = "tempfail (limit)", "tempfailed"
    elif dry:
        action = "none (dry run)"
        outcome = "would-" + {"reject": "rejected", "flag": "flagged",
                              "accept": "accepted"}[verdict]
    elif verdict == "reject":
        if new:
            action = rnd.choices(["reject", "hold", "redact", "notify"], [60, 20, 12, 8])[0]
        else:
            action = rnd.choices(["reject", "redact", "notify"], [80, 12, 8])[0]
        outcome = {"reject": "rejected", "hold": "held", "redact": "redacted",
                   "notify": "flagged"}[action]
    elif verdict == "flag":
        action, outcome = "flag", "flagged"
    else:
        action, outcome = "accept", "accepted"
    res = {"file": q, "invitation": True, "method": method, "verdict": verdict,
           "teams": True, "series": any(f["rule"] == "recurring-external" for f in findings),
           "calendars": 0 if kind == "tnef" else 1, "components": 0 if kind == "tnef" else 1,
           "attendees": 2, "attachments": 0, "findings": findings}
    if limit:
        res["limit"] = limit
    dom = sorted({"region.example", rnd.choice(["kommun.example", "partner.example"])})
    d = {"time": tstr(t), "event": "decision", "queue_id": q, "msgid_sha256": mid}
    if new:
        d["ts"] = t.strftime("%Y-%m-%dT%H:%M:%SZ")
        d["outcome"] = outcome
        d["request"] = kind == "request"
        d["method"] = method
        if unit != "-":
            d["unit"] = unit
        if rnd.random() < 0.5:
            d["sender_hash"] = hashlib.sha256(sender.encode()).hexdigest()[:16]
            secrets.add(d["sender_hash"])
        else:
            d["sender"] = sender
    else:
        d["sender"] = sender
    d.update({"rcpts": 2, "rcpt_domains": dom, "action": action,
              "dry_run": dry, "ms": round(rnd.uniform(0.3, 9), 1), "result": res})
    reps = rnd.choice([2, 3]) if limit else (2 if rnd.random() < 0.04 else 1)
    for i in range(reps):
        ti = t + timedelta(minutes=10 * i)
        di = dict(d, time=tstr(ti))
        if new:
            di["ts"] = ti.strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append((ti, di))
    truth.append({"t": t, "unit": unit, "outcome": outcome,
                  "rules": sorted(rules_acting) or ["-"],
                  "request": kind == "request", "kind": kind if kind != "tnef" else "tnef"})
    if limit and rnd.random() < 0.5:       # the bound raised: accepted later
        t2 = t + timedelta(minutes=40)
        d2 = dict(d, time=tstr(t2), action="accept")
        d2["result"] = dict(res, limit=None)
        del d2["result"]["limit"]
        if new:
            d2["ts"] = t2.strftime("%Y-%m-%dT%H:%M:%SZ")
            d2["outcome"] = "accepted"
        lines.append((t2, d2))
        truth.append({"t": t2, "unit": unit, "outcome": "accepted", "rules": ["-"],
                      "request": True, "kind": "request"})
    if not dry and outcome in ("rejected", "held", "redacted") or action == "notify":
        if rnd.random() < 0.7:
            tn = t + timedelta(seconds=1)
            mode = {"reject": "reject", "hold": "hold", "redact": "redact",
                    "notify": "notify"}[action]
            result = "sent" if rnd.random() < 0.9 else "failed"
            lines.append((tn, {"time": tstr(tn), "event": "notice", "queue_id": q,
                               "mode": mode, "rules": ",".join(sorted(rules_acting)),
                               "rcpt_domain": sender.split("@")[1],
                               "rcpt_sha256": hashlib.sha256(sender.encode()).hexdigest()[:16],
                               "bytes": 4000, "transport": "sendmail",
                               "result": result, "detail": "sent to " + sender}))
            notices.append((tn, unit, mode, result))


t = PREV0
while t < END:
    per_day = 40 if t >= CUR0 else 15
    if t.isoweekday() >= 6:
        per_day //= 8
    for _ in range(per_day):
        message(t + timedelta(seconds=rnd.randint(7 * 3600, 18 * 3600),
                              milliseconds=rnd.randint(0, 999)))
    t += timedelta(days=1)
# two at the period's edges: the last second of the month is in, the
# first second after it is not
message(END - timedelta(seconds=1))
message(END + timedelta(hours=2))
# noise: start, stats, reload, a line cut by syslog's size limit, garbage
for tt, ev in ((PREV0, {"event": "start", "version": "0.1.0", "pid": 42}),
               (CUR0 + timedelta(hours=1), {"event": "stats", "uptime_s": 300}),
               (CUR0 + timedelta(days=9), {"event": "reload", "signal": "SIGHUP"})):
    lines.append((tt, dict({"time": tstr(tt)}, **ev)))
lines.sort(key=lambda x: x[0])

os.makedirs(os.path.join(out, "logs"), exist_ok=True)
os.makedirs(os.path.join(out, "expected"), exist_ok=True)
files = {k: [] for k in ("3.gz", "2.gz", "1", "cur", "syslog", "journal")}
for tt, obj in lines:
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    w = week(tt)
    if tt < CUR0 + timedelta(days=7):
        files["3.gz"].append(s)
    elif w == "2026-W46":
        files["2.gz"].append(s)
    elif w == "2026-W47" and tt.isoweekday() <= 3:
        files["1"].append(s)
    elif w == "2026-W47":
        files["syslog"].append(tt.strftime("%b %e %H:%M:%S") +
                               " relay invite-milter[4242]: " + s)
    elif tt.isoweekday() <= 2 and w == "2026-W48":
        files["journal"].append(tt.strftime("%Y-%m-%dT%H:%M:%S+0000") +
                                " relay invite-milter[4242]: " + s)
    else:
        files["cur"].append(s)
files["syslog"].insert(3, "Nov 18 09:00:00 relay invite-milter[4242]: "
                       '{"time":"2026-11-18T09:00:00.000Z","event":"stats","uptime_s":9')
files["cur"].insert(5, "not json at all")
L = os.path.join(out, "logs")
for k, name in (("3.gz", "decisions.log.3.gz"), ("2.gz", "decisions.log.2.gz")):
    with gzip.open(os.path.join(L, name), "wt", encoding="utf-8") as f:
        f.write("\n".join(files[k]) + "\n")
for k, name in (("1", "decisions.log.1"), ("cur", "decisions.log"),
                ("syslog", "mail.log"), ("journal", "journal.log")):
    with open(os.path.join(L, name), "w", encoding="utf-8") as f:
        f.write("\n".join(files[k]) + "\n")
with open(os.path.join(out, "units.map"), "w", encoding="utf-8") as f:
    f.write("# sender address or domain -> unit\n")
    for u, (key, _) in UNITS.items():
        if key:
            f.write("%s\t%s\n" % (key, u))
    f.write("kansli.chef@kommun.example = Kommunledning\n")


def inperiod(x):
    return CUR0 <= x < END


cur = [m for m in truth if inperiod(m["t"])]
E = os.path.join(out, "expected")
c = Counter((week(m["t"]), m["unit"], r, m["outcome"]) for m in cur if m["request"]
            for r in m["rules"])
with open(os.path.join(E, "summary.csv"), "w") as f:
    for k, v in sorted(c.items()):
        f.write("%s,%s,%s,%s,%d\n" % (*k, v))
c = Counter((week(m["t"]), m["unit"], m["outcome"]) for m in cur if m["request"])
with open(os.path.join(E, "outcomes.csv"), "w") as f:
    for k, v in sorted(c.items()):
        f.write("%s,%s,%s,%d\n" % (*k, v))
c = Counter((week(t), u, mo, r) for t, u, mo, r in notices if inperiod(t))
with open(os.path.join(E, "notices.csv"), "w") as f:
    for k, v in sorted(c.items()):
        f.write("%s,%s,%s,%s,%d\n" % (*k, v))
c = Counter((m["kind"], m["outcome"]) for m in cur if not m["request"])
with open(os.path.join(E, "other.csv"), "w") as f:
    for k, v in sorted(c.items()):
        f.write("%s,%s,%d\n" % (*k, v))
prev = [m for m in truth if PREV0 <= m["t"] < CUR0 and m["request"]]
with open(os.path.join(E, "totals.txt"), "w") as f:
    f.write("invitations %d\n" % sum(1 for m in cur if m["request"]))
    f.write("rejected %d\n" % sum(1 for m in cur if m["request"] and m["outcome"] == "rejected"))
    f.write("prev_invitations %d\n" % len(prev))
    f.write("prev_rejected %d\n" % sum(1 for m in prev if m["outcome"] == "rejected"))
    f.write("retries %d\n" % (sum(1 for _, o in lines if o.get("event") == "decision")
                             - len(truth)))
with open(os.path.join(out, "secrets.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(sorted(secrets)) + "\n")
