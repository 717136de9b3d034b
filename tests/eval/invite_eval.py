#!/usr/bin/env python3
"""Turns labelled texts (dev-cases.tsv format: id, field, text, expected,
category, note) into real invitation messages and scores invite-check on
them.

Each row becomes one message per client style, the text placed where it
belongs (subject -> Subject + SUMMARY, description -> DESCRIPTION and the
bodies, location -> LOCATION, attachment -> a MIME attachment's file name,
organizer/attendee -> CN parameters):
  outlook   Outlook/Teams: multipart/alternative, text/calendar in base64,
            a Teams join block with meeting ID, passcode and dial-in
  google    Google: text/calendar 7bit/8bit + invite.ics attachment
  qp        a single text/calendar part, quoted-printable
  bare      a single text/calendar part, 8bit
A row is predicted a violation when the verdict is flag or reject.
Output never shows the texts themselves: only row ids and categories.

A literal backslash-n in a text is a line break.

usage: invite_eval.py CASES.tsv OUTDIR INVITE_CHECK [--assert P R]
"""
import base64
import email.header
import json
import os
import quopri
import subprocess
import sys

STYLES = ("outlook", "google", "qp", "bare")
DOMAIN = "kommun.example"
TEAMS_TXT = (
    "________________________________________________________________________________\n"
    "Microsoft Teams-möte\n"
    "Anslut på datorn, mobilappen eller rumsenheten\n"
    "Klicka här för att ansluta till mötet<https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzY4OTk2ZDEtYjQ2@thread.v2/0?context=%7b%22Tid%22%3a%22b1b2%22%7d>\n"
    "Mötes-ID: 381 772 194 665\n"
    "Lösenord: Xk3pQ9\n"
    "Ladda ned Teams<https://www.microsoft.com/sv-se/microsoft-teams/download-app>\n"
    "Eller ring in (endast ljud)\n"
    "+46 8 505 248 93,,318274659#   Sverige, Stockholm\n"
    "Telefonkonferens-ID: 318 274 659#\n"
    "Hitta ett lokalt nummer<https://dialin.teams.microsoft.com/x>\n"
    "________________________________________________________________________________\n")


def ics_escape(s):
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line):
    """RFC 5545 3.1 folding at 75 octets, on character boundaries."""
    out, cur = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > (75 if not out else 74):
            out.append(cur)
            cur = b""
        cur += b
    out.append(cur)
    return b"\r\n ".join(out).decode("utf-8")


def decode_subject(text):
    if "=?" not in text:
        return text
    return str(email.header.make_header(email.header.decode_header(text)))


def make_ics(row, method="REQUEST", teams=True):
    field, text = row["field"], row["text"]
    plain = decode_subject(text) if field in ("subject", "summary") else text
    summary = plain if field in ("subject", "summary") else "Avstämning"
    desc = "Hej! Välkommen till mötet.\n"
    if field == "description":
        desc += text + "\n"
    if teams:
        desc += TEAMS_TXT
    location = text if field == "location" else "Microsoft Teams-möte"
    org_cn = text if field == "organizer" else "Handläggare Socialtjänst"
    att_cns = ([c.strip() for c in text.split(";")] if field == "attendee"
               else ["Mottagare Ett", "Mottagare Två"])
    lines = ["BEGIN:VCALENDAR", "PRODID:-//invite-milter eval//SV",
             "VERSION:2.0", "METHOD:" + method, "BEGIN:VEVENT",
             "UID:eval-%s-%s@%s" % (row["id"], row["style"], DOMAIN),
             "DTSTAMP:20251101T090000Z",
             "DTSTART;TZID=W. Europe Standard Time:20251124T100000",
             "DTEND;TZID=W. Europe Standard Time:20251124T110000",
             "SUMMARY;LANGUAGE=sv-SE:" + ics_escape(summary),
             "DESCRIPTION;LANGUAGE=sv-SE:" + ics_escape(desc),
             "LOCATION:" + ics_escape(location),
             'ORGANIZER;CN="%s":mailto:organizer@%s' % (org_cn.replace('"', "'"), DOMAIN)]
    for i, cn in enumerate(att_cns):
        lines.append('ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;'
                     'RSVP=TRUE;CN="%s":mailto:guest%d@socialtjanst.%s'
                     % (cn.replace('"', "'"), i, DOMAIN))
    if teams:
        lines.append("X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzY4@thread.v2/0")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(fold(l) for l in lines) + "\r\n", summary, desc


def qp(s):
    return quopri.encodestring(s.encode("utf-8")).decode("ascii")


def b64(data):
    e = base64.b64encode(data).decode("ascii")
    return "\r\n".join(e[i:i + 76] for i in range(0, len(e), 76))


def subject_header(row, summary):
    if row["field"] in ("subject", "summary") and "=?" in row["text"]:
        return row["text"]          # already an encoded word
    return email.header.Header(summary, "utf-8").encode()


def attachment_part(row, boundary):
    name = row["text"]
    ext = name.rsplit(".", 1)[-1].lower()
    ctype = {"pdf": "application/pdf", "docx":
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}.get(ext, "application/octet-stream")
    try:
        name.encode("ascii")
        disp = 'attachment; filename="%s"' % name
    except UnicodeEncodeError:
        from urllib.parse import quote
        disp = "attachment; filename*=utf-8''%s" % quote(name)
    return ("--%s\r\nContent-Type: %s\r\nContent-Disposition: %s\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
            % (boundary, ctype, disp, b64(b"%PDF-1.4\n% eval attachment\n" * 20)))


def make_message(row):
    style = row["style"]
    ics, summary, desc = make_ics(row, teams=style in ("outlook", "google"))
    hdr = ("From: Handläggare <organizer@%s>\r\n" % DOMAIN).encode("utf-8")
    hdr = ("From: =?utf-8?q?Handl=C3=A4ggare?= <organizer@%s>\r\n"
           "To: guest0@socialtjanst.%s\r\n"
           "Subject: %s\r\nDate: Mon, 10 Nov 2025 09:00:00 +0100\r\n"
           "Message-ID: <eval-%s-%s@%s>\r\nMIME-Version: 1.0\r\n"
           % (DOMAIN, DOMAIN, subject_header(row, summary), row["id"], style, DOMAIN))
    html = ("<html><body><p>%s</p></body></html>"
            % desc.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>\n"))
    att = row["field"] == "attachment"
    if style == "outlook":
        inner = ("--alt1\r\nContent-Type: text/plain; charset=\"utf-8\"\r\n"
                 "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n"
                 "--alt1\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
                 "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n"
                 "--alt1\r\nContent-Type: text/calendar; charset=\"utf-8\"; method=REQUEST\r\n"
                 "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--alt1--\r\n"
                 % (qp(desc), qp(html), b64(ics.encode("utf-8"))))
        if not att:
            return hdr + 'Content-Type: multipart/alternative; boundary="alt1"\r\n\r\n' + inner
        return (hdr + 'Content-Type: multipart/mixed; boundary="mix1"\r\n\r\n'
                '--mix1\r\nContent-Type: multipart/alternative; boundary="alt1"\r\n\r\n'
                + inner + attachment_part(row, "mix1") + "--mix1--\r\n")
    if style == "google":
        body = ("--mix1\r\nContent-Type: multipart/alternative; boundary=\"alt1\"\r\n\r\n"
                "--alt1\r\nContent-Type: text/plain; charset=\"UTF-8\"; format=flowed; delsp=yes\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
                "--alt1\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n"
                "--alt1\r\nContent-Type: text/calendar; charset=\"UTF-8\"; method=REQUEST\r\n"
                "Content-Transfer-Encoding: 7bit\r\n\r\n%s\r\n--alt1--\r\n"
                "--mix1\r\nContent-Type: application/ics; name=\"invite.ics\"\r\n"
                "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n"
                % (b64(desc.encode("utf-8")), qp(html), ics, b64(ics.encode("utf-8"))))
        if att:
            body += attachment_part(row, "mix1")
        return hdr + 'Content-Type: multipart/mixed; boundary="mix1"\r\n\r\n' + body + "--mix1--\r\n"
    if att:     # a single-part message cannot carry a file: use mixed
        return (hdr + 'Content-Type: multipart/mixed; boundary="mix1"\r\n\r\n'
                "--mix1\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n%s--mix1--\r\n"
                % (qp(ics), attachment_part(row, "mix1")))
    if style == "qp":
        return (hdr + "Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + qp(ics))
    return (hdr + "Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n" + ics)


def read_cases(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]   # comments
    head = lines[0].rstrip("\n").split("\t")
    for line in lines[1:]:
        if not line.strip():
            continue
        vals = line.rstrip("\n").split("\t")
        row = dict(zip(head, vals + [""] * (len(head) - len(vals))))
        # a literal \n in a text stands for a line break (signatures,
        # dial-in blocks); no other escapes
        row["text"] = row.get("text", "").replace("\\n", "\n")
        rows.append(row)
    return rows


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    cases, outdir, checker = sys.argv[1:4]
    want_p = want_r = None
    if "--assert" in sys.argv:
        i = sys.argv.index("--assert")
        want_p, want_r = float(sys.argv[i + 1]), float(sys.argv[i + 2])
    os.makedirs(outdir, exist_ok=True)
    files = {}
    for row in read_cases(cases):
        for style in STYLES:
            r = dict(row, style=style)
            path = os.path.join(outdir, "%s-%s.eml" % (row["id"], style))
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(make_message(r))
            files[path] = r
    res = subprocess.run([checker, "--json", "-D", DOMAIN] + sorted(files),
                         capture_output=True, text=True)
    if res.returncode not in (0, 1):
        print("invite-check failed with status %d: %s" % (res.returncode, res.stderr[:500]))
        return 2
    got = {}
    for line in res.stdout.splitlines():
        o = json.loads(line)
        got[o["file"]] = o
    stats = {}
    misses = []

    def add(key, exp, pred):
        s = stats.setdefault(key, [0, 0, 0, 0])   # tp fp fn tn
        if exp and pred: s[0] += 1
        elif not exp and pred: s[1] += 1
        elif exp and not pred: s[2] += 1
        else: s[3] += 1
    for path, r in sorted(files.items()):
        o = got.get(path)
        pred = o is not None and o["verdict"] in ("flag", "hold", "reject")
        exp = r["expected"] == "violation"
        add("all", exp, pred)
        add(r["category"], exp, pred)
        add("style:" + r["style"], exp, pred)
        if pred != exp:
            rules = ",".join(sorted({f["rule"] for f in o["findings"]})) if o else "-"
            misses.append("%s %-8s %-18s expected %-9s got %s [%s]" % (
                r["id"], r["style"], r["category"], r["expected"],
                o["verdict"] if o else "nothing", rules))

    def pr(s):
        tp, fp, fn, tn = s
        p = tp / (tp + fp) if tp + fp else 1.0
        rc = tp / (tp + fn) if tp + fn else 1.0
        return p, rc
    print("%-22s %5s %5s %5s %5s %9s %7s" % ("category", "tp", "fp", "fn", "tn", "precision", "recall"))
    for key in ["all"] + sorted(k for k in stats if k != "all"):
        p, rc = pr(stats[key])
        print("%-22s %5d %5d %5d %5d %9.3f %7.3f" % ((key,) + tuple(stats[key]) + (p, rc)))
    if misses:
        print("\nmisclassified (row, style, category):")
        for m in misses:
            print("  " + m)
    p, rc = pr(stats["all"])
    print("\noverall: precision %.3f recall %.3f over %d messages" % (p, rc, len(files)))
    if want_p is not None:
        ok = p >= want_p and rc >= want_r
        print("ok 1 - precision %.3f >= %.2f" % (p, want_p) if p >= want_p else
              "not ok 1 - precision %.3f < %.2f" % (p, want_p))
        print("ok 2 - recall %.3f >= %.2f" % (rc, want_r) if rc >= want_r else
              "not ok 2 - recall %.3f < %.2f" % (rc, want_r))
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
