#!/bin/sh
# Issue 17, the parse-side bypasses: each message below once got personal
# data past invite-milter unexamined. The daemon's own decision for it
# (invite-milter -t, the reply it would give) must be a reject, and the
# same message with neutral text must be accepted. The messages are
# written here (python3, synthetic test data: the Skatteverket-style test
# number 19121212-1212); the evasion corpus (tests/evasion) holds the
# same classes in every disguise. Failures show verdicts only.
. "$(dirname "$0")/../lib.sh"
case "$B" in /*) bdir=$B ;; *) bdir=$TOP/$B ;; esac
mil=$bdir/invite-milter
if ! command -v python3 >/dev/null 2>&1; then
	skip "bypass messages" "no python3"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 - "$tmp" <<'PY'
import base64, binascii, os, sys
d = sys.argv[1]
BAD = "Uppf\u00f6ljning 19121212-1212 missbruk"
GOOD = "Avst\u00e4mning"
H = ("From: handlaggare@kommun.example\r\nTo: kollega@kommun.example\r\n"
     "Subject: %s\r\nMessage-ID: <b@kommun.example>\r\nMIME-Version: 1.0\r\n")
def cal(summary, method="METHOD:REQUEST\r\n", extra=""):
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + method +
            "BEGIN:VEVENT\r\nUID:b1@kommun.example\r\n"
            "DTSTART:20261201T090000Z\r\nSUMMARY:" + summary + "\r\n"
            "ORGANIZER:mailto:handlaggare@kommun.example\r\n"
            "ATTENDEE:mailto:kollega@kommun.example\r\n" + extra +
            "END:VEVENT\r\nEND:VCALENDAR\r\n")
def b64(b):
    return base64.encodebytes(b).decode().replace("\n", "\r\n")
def msg(subject, ct, cte, body, hdr=""):
    return ((H % subject) + hdr + "Content-Type: " + ct + "\r\n" +
            ("Content-Transfer-Encoding: " + cte + "\r\n" if cte else "") +
            "\r\n" + body)
CT = "text/calendar; method=REQUEST; charset=utf-8"
def der(tag, body):
    n = len(body)
    ln = bytes([n]) if n < 128 else bytes([0x80 | len(n.to_bytes(4, "big")
        .lstrip(b"\0"))]) + n.to_bytes(4, "big").lstrip(b"\0")
    return bytes([tag]) + ln + body
def cms_signed(content):
    # CMS signed-data with its content inside, no signer (never checked)
    oid = lambda last: der(0x06, bytes.fromhex("2a864886f70d0107") +
                           bytes([last]))
    eci = der(0x30, oid(1) + der(0xA0, der(0x04, content)))
    sd = der(0x30, der(0x02, b"\x01") + der(0x31, b"") + eci + der(0x31, b""))
    return der(0x30, oid(2) + der(0xA0, sd))
HTML = ("--A\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n"
        "\r\n" + cal(GOOD) + "--A\r\nContent-Type: text/html; charset=utf-8"
        "\r\n\r\n%s\r\n--A--\r\n")
MP = ("--A\r\nContent-Type: text/plain\r\n\r\nHej\r\n--A\r\n"
      "Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n%s--A--\r\n")
cases = {
  "nul-raw": lambda t: msg(GOOD, "text/calendar; method=REQUEST; charset=utf-8",
                           "8bit", cal("Hej\x00 " + t)),
  "nul-qp": lambda t: msg(GOOD, "text/calendar; method=REQUEST; charset=utf-8",
                          "quoted-printable", cal("Hej=00 " + t.replace(
                              "\u00f6", "=C3=B6").replace("\u00e4", "=C3=A4"))),
  "nul-base64": lambda t: msg(GOOD, "text/calendar; method=REQUEST; "
                              "charset=utf-8", "base64",
                              b64(cal("Hej\x00 " + t).encode())),
  "nul-leading": lambda t: msg(GOOD, "text/calendar; charset=utf-8", "base64",
                               b64(b"\x00\x00\x00" + cal(t).encode())),
  "two-content-types": lambda t: msg(GOOD, "multipart/mixed; boundary=A\r\n"
                                     "Content-Type: text/plain", None,
                                     MP % b64(cal(t).encode())),
  "decoy-boundary": lambda t: msg(GOOD, "multipart/mixed; boundary=Z; "
                                  "boundary=A", None,
                                  MP % b64(cal(t).encode())),
  "display-name": lambda t: msg(GOOD, "text/calendar; method=REQUEST; "
                                "charset=utf-8", "8bit", cal(GOOD),
                                'Cc: "%s" <gast@kommun.example>\r\n' % t),
  # session 16: a quoted local part, Resent- headers (clients show them)
  "quoted-local-part": lambda t: msg(GOOD, "text/calendar; method=REQUEST; "
                                     "charset=utf-8", "8bit", cal(GOOD),
                                     'Cc: "%s"@kommun.example\r\n' %
                                     t.replace("\u00f6", "o")),
  "local-part-dotted": lambda t: msg(GOOD, "text/calendar; method=REQUEST; "
                                     "charset=utf-8", "8bit", cal(GOOD),
                                     'Cc: Gast <%s@kommun.example>\r\n' %
                                     t.split()[-2] if " " in t else
                                     'Cc: Gast <gast.2026@kommun.example>\r\n'),
  "resent-display-name": lambda t: msg(GOOD, "text/calendar; method=REQUEST; "
                                       "charset=utf-8", "8bit", cal(GOOD),
                                       'Resent-To: "%s" <gast@kommun.example>'
                                       '\r\n' % t),
  "keywords": lambda t: msg(GOOD, "text/calendar; method=REQUEST; "
                            "charset=utf-8", "8bit", cal(GOOD),
                            "Keywords: %s\r\n" % t),
  "utf-32": lambda t: msg(GOOD, "text/calendar; method=REQUEST", "base64",
                          b64(b"\xff\xfe\x00\x00" + cal(t).encode("utf-32-le"))),
  "attach-uri": lambda t: msg(GOOD, "text/calendar; method=REQUEST; "
                              "charset=utf-8", "8bit", cal(GOOD, extra=
                              "ATTACH:https://filer.kommun.example/d/" +
                              t.replace(" ", "%20").replace("-", "%2D")
                              .replace("\u00f6", "%C3%B6")
                              .replace("\u00e4", "%C3%A4") + ".pdf\r\n")),
  "blank-first-line": lambda t: " \r\n" + msg(t, "text/calendar; "
                                              "method=REQUEST; charset=utf-8",
                                              "8bit", cal(GOOD)),
  # Session 16 (SECURITY.md): calendar text no reader looked at.
  "cr-only-long-line": lambda t: msg(GOOD, CT, "8bit", cal("x" * 100 + " " +
                                     t).replace("\r\n", "\r")),
  "valarm-email": lambda t: msg(GOOD, CT, "8bit", cal(GOOD, extra=
                                "BEGIN:VALARM\r\nACTION:EMAIL\r\nTRIGGER:-PT5M"
                                "\r\nSUMMARY:" + t + "\r\nATTENDEE:mailto:x@"
                                "extern.example\r\nEND:VALARM\r\n")),
  "vjournal-beside-vevent": lambda t: msg(GOOD, CT, "8bit", cal(GOOD).replace(
      "END:VCALENDAR", "BEGIN:VJOURNAL\r\nUID:j\r\nDESCRIPTION:" + t +
      "\r\nEND:VJOURNAL\r\nEND:VCALENDAR")),
  "calendar-description": lambda t: msg(GOOD, CT, "8bit", cal(GOOD,
      method="METHOD:REQUEST\r\nX-WR-CALDESC:" + t + "\r\n")),
  "x-property": lambda t: msg(GOOD, CT, "8bit", cal(GOOD, extra=
      "X-MICROSOFT-LOCATIONDISPLAYNAME:" + t + "\r\n")),
  "apple-x-title": lambda t: msg(GOOD, CT, "8bit", cal(GOOD, extra=
      "X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-TITLE=\"" + t +
      "\":geo:59.3,18.0\r\n")),
  "cn-encoded-word": lambda t: msg(GOOD, CT, "8bit", cal(GOOD, extra=
      "ATTENDEE;CN=\"=?UTF-8?B?" + base64.b64encode(t.encode()).decode() +
      "?=\":mailto:g@kommun.example\r\n")),
  "html-script-mixed-case": lambda t: msg(GOOD, "multipart/alternative; "
      "boundary=A", None, HTML % ("<Script>var a;</Script><p>" + t)),
  "html-lt-digit": lambda t: msg(GOOD, "multipart/alternative; boundary=A",
      None, HTML % ("<p>Hej <" + t.split()[-2] + " " + t.split()[0] + " " +
                    t.split()[-1] if " " in t else "<p>Hej <2026 " + t)),
  "html-img-alt": lambda t: msg(GOOD, "multipart/alternative; boundary=A",
      None, HTML % ('<p>Hej <img src="cid:x" alt="' + t + '"></p>')),
  "html-css-content": lambda t: msg(GOOD, "multipart/alternative; "
      "boundary=A", None, HTML % ('<style>p::before { content: "' + t +
                                  '"; }</style><p>Hej</p>')),
  "text-enriched-body": lambda t: msg(GOOD, "multipart/alternative; "
      "boundary=A", None, HTML.replace("text/html", "text/enriched") %
      ("<bold>" + t + "</bold>")),
  "text-markdown-body": lambda t: msg(GOOD, "multipart/mixed; boundary=A",
      None, HTML.replace("text/html", "text/markdown") % ("# " + t)),
  # two Content-Types, text/plain first: a reader taking the first shows
  # the uuencoded file, GMime (the last: html) does not (second reading)
  "uuencoded-ics-plain-then-html": lambda t: msg(GOOD, "text/plain; "
      "charset=utf-8\r\nContent-Type: text/html; charset=utf-8",
      None, "Se bifogad fil\r\nbegin 644 invite.ics\r\n" + "".join(
          binascii.b2a_uu(b[i:i + 45]).decode().replace("\n", "\r\n")
          for b in [cal(t).encode()] for i in range(0, len(b), 45)) +
      "`\r\nend\r\n"),
  "uuencoded-ics-in-text": lambda t: msg(GOOD, "text/plain; charset=utf-8",
      None, "Se bifogad fil\r\nbegin 644 invite.ics\r\n" + "".join(
          binascii.b2a_uu(b[i:i + 45]).decode().replace("\n", "\r\n")
          for b in [cal(t).encode()] for i in range(0, len(b), 45)) +
      "`\r\nend\r\n"),
  "eml-file-attachment": lambda t: msg(GOOD, "multipart/mixed; boundary=A",
      None, "--A\r\nContent-Type: text/plain\r\n\r\nHej\r\n--A\r\n"
      "Content-Type: application/octet-stream; name=\"fwd.eml\"\r\n"
      "Content-Disposition: attachment; filename=\"fwd.eml\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" + b64(msg(GOOD, CT,
          "8bit", cal(t)).encode()) + "--A--\r\n"),
  "smime-opaque-signed": lambda t: msg(GOOD, "application/pkcs7-mime; "
      "smime-type=signed-data; name=smime.p7m", "base64", b64(cms_signed(
          ("Content-Type: " + CT + "\r\n\r\n" + cal(t)).encode()))),
  "message-partial-1-of-1": lambda t: msg(GOOD, 'message/partial; id="p@x"; '
      "number=1; total=1", None, msg(GOOD, CT, "8bit", cal(t))),
  "cn-rfc6868": lambda t: msg(GOOD, CT, "8bit", cal(GOOD, extra=
      "ATTENDEE;CN=\"" + t.replace(" ", "^n") + "\":mailto:g@kommun.example"
      "\r\n")),
}
for name, f in cases.items():
    for kind, t in (("v", BAD), ("c", GOOD)):
        with open(os.path.join(d, "%s-%s.eml" % (name, kind)), "wb") as fp:
            fp.write(f(t).encode("utf-8"))
PY
ok $? "the bypass messages are written"
for v in "$tmp"/*-v.eml; do
	n=$(basename "$v" -v.eml)
	got=$("$mil" -D kommun.example -t "$v" 2>/dev/null | sed -n 's/^verdict: //p')
	is "$got" reject "$n: the milter rejects it"
	got=$("$mil" -D kommun.example -t "$tmp/$n-c.eml" 2>/dev/null |
	    sed -n 's/^verdict: //p')
	is "$got" accept "$n: its neutral twin is accepted"
done
# A consumer Teams meeting (teams.live.com, LOCATION "Microsoft Teams")
# is examined under teams_only = true, not scoped out as "not Teams".
printf '[general]\nteams_only = true\n' >"$tmp/teams-only.conf"
python3 - "$tmp/consumer.eml" <<'PY'
import sys
c = ("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:c@x\r\n"
     "DTSTART:20261201T090000Z\r\nSUMMARY:Uppf\u00f6ljning 19121212-1212\r\n"
     "LOCATION:Microsoft Teams Meeting\r\nDESCRIPTION:https://teams.live.com/"
     "meet/9384?p=x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
open(sys.argv[1], "wb").write(("From: a@kommun.example\r\nSubject: s\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/calendar; method=REQUEST; "
    "charset=utf-8\r\n\r\n" + c).encode())
PY
got=$("$mil" -c "$tmp/teams-only.conf" -D kommun.example -t "$tmp/consumer.eml" \
    2>/dev/null | sed -n 's/^verdict: //p')
is "$got" reject "consumer Teams is examined under teams_only"

# Display names: a personnummer there is found; a participant's own name
# or an address written as the name is no finding (spec section 3).
cat >"$tmp/dn-c.eml" <<'EOM'
From: "Karin Ek" <karin.ek@kommun.example>
To: "Anna Svensson" <anna@gmail.com>, "anna2@gmail.com" <anna2@gmail.com>
Subject: Avstämning
MIME-Version: 1.0
Content-Type: text/calendar; method=REQUEST; charset=utf-8

BEGIN:VCALENDAR
METHOD:REQUEST
BEGIN:VEVENT
UID:dn@x
DTSTART:20261201T090000Z
SUMMARY:Avstämning
END:VEVENT
END:VCALENDAR
EOM
sed 's/"Anna Svensson"/"Anna Svensson 19121212-1212"/' "$tmp/dn-c.eml" >"$tmp/dn-v.eml"
got=$("$mil" -D kommun.example -t "$tmp/dn-v.eml" 2>/dev/null | sed -n 's/^verdict: //p')
is "$got" reject "a personnummer in a display name is found"
got=$("$mil" -D kommun.example -t "$tmp/dn-c.eml" 2>/dev/null | sed -n 's/^verdict: //p')
is "$got" accept "display names of participants and addresses as names: no finding"

# The daemon's end-of-headers shortcut (accept unread what cannot hold a
# calendar) looks at every Content-Type, not the last: a multipart first
# and a text/plain last must be read, so its personnummer is found and
# its neutral twin is accepted at the end of the message, not unread.
if ! command -v miltertest >/dev/null; then
	skip "daemon: two Content-Types are read" "no miltertest"
	exit 0
fi
amb=$TOP/tests/fuzz/regress/message/ambiguous-content-type.eml
sed 's/^SUMMARY:Dolt/SUMMARY:Samtal 19121212-1212/' "$amb" >"$tmp/amb-v.eml"
cp "$amb" "$tmp/amb-c.eml"
printf '[general]\ninternal_domains = kommun.example\n[log]\nsyslog = false\n[notice]\nenable = false\n' \
    >"$tmp/d.conf"
"$mil" -f -p "unix:$tmp/d.sock" -c "$tmp/d.conf" >"$tmp/d.out" 2>&1 &
dpid=$!
trap 'kill $dpid 2>/dev/null; wait $dpid 2>/dev/null; rm -rf "$tmp"' EXIT
i=0; while [ ! -S "$tmp/d.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
for c in "reject amb-v.eml two Content-Types: the calendar's personnummer is found" \
    "accept amb-c.eml two Content-Types: the twin is read, then accepted"; do
	set -- $c
	want=$1 f=$2; shift 2
	MT_SOCK="unix:$tmp/d.sock" MT_FILE="$tmp/$f" MT_IP=192.0.2.10 \
	    MT_FROM="<a@kommun.example>" MT_EXPECT=$want \
	    miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/mt.log" 2>&1
	r=$?
	[ $r -ne 0 ] && sed 's/^/# /' "$tmp/mt.log" | head -5
	ok $r "daemon: $*"
done
