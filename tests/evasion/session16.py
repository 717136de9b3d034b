#!/usr/bin/env python3
"""Session 16's adversarial pass (SECURITY.md): one message per input
class that might get personal data past invite-milter unexamined, each a
violation (-v: the test number 19121212-1212, a topic word) and a
neutral twin (-c). Synthetic data only; stdlib only; deterministic.

    python3 tests/evasion/session16.py /tmp/s16
    for v in /tmp/s16/*-v.eml; do
        build/invite-check -D kommun.example --json "$v"
        build/invite-milter -D kommun.example -t "$v"
    done

The classes that were fixed are tests in tests/t/bypass.sh; this
generator is the record of everything tried, not a test of its own.
"""
import base64, os, sys, zipfile, io, quopri, binascii
d = sys.argv[1]
BAD = "Uppf\u00f6ljning 19121212-1212 missbruk"
GOOD = "Avst\u00e4mning"
def H(subject=GOOD, extra=""):
    return ("From: handlaggare@kommun.example\r\nTo: gast@extern.example\r\n"
            "Subject: %s\r\nMessage-ID: <a@kommun.example>\r\nDate: Sun, 6 Dec 2026 10:00:00 +0100\r\n%sMIME-Version: 1.0\r\n" % (subject, extra))
def cal(summary=GOOD, method="METHOD:REQUEST\r\n", extra="", comp="VEVENT", pre="", version="2.0", desc=None):
    return ("BEGIN:VCALENDAR\r\nVERSION:%s\r\nPRODID:-//x//y//EN\r\n" % version + method + pre +
            "BEGIN:%s\r\nUID:a1@kommun.example\r\nDTSTAMP:20261201T080000Z\r\n"
            "DTSTART:20261201T090000Z\r\nSUMMARY:%s\r\n" % (comp, summary) +
            ("DESCRIPTION:%s\r\n" % desc if desc else "") +
            "ORGANIZER;CN=Handl:mailto:handlaggare@kommun.example\r\n"
            "ATTENDEE;CN=Kollega:mailto:kollega@kommun.example\r\n" + extra +
            "END:%s\r\nEND:VCALENDAR\r\n" % comp)
def b64(b): return base64.encodebytes(b).decode().replace("\n", "\r\n")
CT = "text/calendar; method=REQUEST; charset=utf-8"
def single(body, ct=CT, cte="8bit", h=None):
    return (h or H()) + "Content-Type: " + ct + "\r\n" + ("Content-Transfer-Encoding: %s\r\n" % cte if cte else "") + "\r\n" + body
def mp(parts, sub="mixed", h=None, b="A", ctextra=""):
    s = (h or H()) + 'Content-Type: multipart/%s; boundary="%s"%s\r\n\r\n' % (sub, b, ctextra)
    for hdrs, body in parts:
        s += "--%s\r\n%s\r\n\r\n%s\r\n" % (b, hdrs, body)
    return s + "--%s--\r\n" % b
TXT = ("Content-Type: text/plain; charset=utf-8", "Hej")
def CALP(t, cte="base64"):
    body = b64(cal(t).encode()) if cte == "base64" else cal(t)
    return ("Content-Type: %s\r\nContent-Transfer-Encoding: %s" % (CT, cte), body)
def uu(data, name="invite.ics"):
    out = "begin 644 %s\r\n" % name
    for i in range(0, len(data), 45):
        out += binascii.b2a_uu(data[i:i+45]).decode().rstrip("\n") + "\r\n"
    return out + "`\r\nend\r\n"
def yenc(data, name="invite.ics"):
    out = bytearray(b"=ybegin line=128 size=%d name=%s\r\n" % (len(data), name.encode()))
    col = 0
    for c in data:
        e = (c + 42) % 256
        if e in (0, 10, 13, 61):
            out += b"=" + bytes([(e + 64) % 256]); col += 2
        else:
            out.append(e); col += 1
        if col >= 128: out += b"\r\n"; col = 0
    out += b"\r\n=yend size=%d\r\n" % len(data)
    return out.decode("latin-1")
cases = {}
def case(name):
    def reg(f): cases[name] = f; return f
    return reg
# --- MIME containers
case("message-partial")(lambda t: single((H() + "Content-Type: " + CT + "\r\n\r\n" + cal(t)), ct='message/partial; id="p1@x"; number=1; total=1', cte=None))
case("message-partial-2of2")(lambda t: single(cal(t)[len(cal(t))//2:], ct='message/partial; id="p2@x"; number=2; total=2', cte=None))
case("message-external-body")(lambda t: single("Content-Type: " + CT + "\r\nContent-ID: <e@x>\r\n\r\n" + t + "\r\n", ct='message/external-body; access-type=URL; URL="https://filer.kommun.example/x.ics"', cte=None))
case("multipart-signed-smime")(lambda t: mp([(CALP(t, "8bit")[0], cal(t)), ("Content-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64", b64(b"\x30\x80junk"))], sub='signed; protocol="application/pkcs7-signature"; micalg=sha-256'))
case("multipart-signed-pgp")(lambda t: mp([CALP(t), ("Content-Type: application/pgp-signature", "-----BEGIN PGP SIGNATURE-----\r\nx\r\n-----END PGP SIGNATURE-----")], sub='signed; protocol="application/pgp-signature"; micalg=pgp-sha256'))
case("multipart-encrypted-pgp")(lambda t: mp([("Content-Type: application/pgp-encrypted", "Version: 1"), ("Content-Type: application/octet-stream", "-----BEGIN PGP MESSAGE-----\r\n" + b64(cal(t).encode()) + "-----END PGP MESSAGE-----")], sub='encrypted; protocol="application/pgp-encrypted"', h=H(extra="")))
case("pkcs7-signed-data-opaque")(lambda t: single(b64(b"\x30\x82\x01\x00\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02" + (H() + "Content-Type: " + CT + "\r\n\r\n" + cal(t)).encode()), ct='application/pkcs7-mime; smime-type=signed-data; name=smime.p7m', cte="base64"))
case("pgp-inline-signed-cal")(lambda t: single("-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA256\r\n\r\n" + cal(t) + "-----BEGIN PGP SIGNATURE-----\r\nx\r\n-----END PGP SIGNATURE-----\r\n"))
case("uuencode-in-text-plain")(lambda t: mp([CALP(GOOD), ("Content-Type: text/plain", "Se bifogad fil\r\n" + uu(cal(t).encode()))]))
case("uuencode-only")(lambda t: single("Se bifogad fil\r\n" + uu(cal(t).encode()), ct="text/plain", cte=None))
case("cte-x-uuencode")(lambda t: single(uu(cal(t).encode()), cte="x-uuencode"))
case("cte-uuencode-attachment")(lambda t: mp([TXT, ('Content-Type: application/octet-stream; name="invite.ics"\r\nContent-Disposition: attachment; filename="invite.ics"\r\nContent-Transfer-Encoding: x-uuencode', uu(cal(t).encode()))]))
case("yenc-in-text-plain")(lambda t: mp([CALP(GOOD), ("Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit", "XXBODYXX")]).encode().replace(b"XXBODYXX", b"Hej\r\n" + yenc(cal(t).encode()).encode("latin-1")))
case("binhex-attachment")(lambda t: mp([CALP(GOOD), ('Content-Type: application/mac-binhex40; name="invite.ics.hqx"', "(This file must be converted with BinHex 4.0)\r\n:" + b64(cal(t).encode()) + ":")]))
case("8bit-with-nul")(lambda t: single(cal("Hej\x00\x00\x00" + t)))
case("base64-with-junk")(lambda t: single("".join(c + ("!" if i % 7 == 0 else "") for i, c in enumerate(b64(cal(t).encode()))), cte="base64"))
case("base64-spaces")(lambda t: single(" ".join(b64(cal(t).encode())[i:i+4] for i in range(0, len(b64(cal(t).encode())), 4)), cte="base64"))
case("cte-unknown")(lambda t: single(cal(t), cte="x-token"))
case("cte-uppercase-spaced")(lambda t: single(b64(cal(t).encode()), cte=" BASE64 "))
case("cte-with-comment")(lambda t: single(b64(cal(t).encode()), cte="base64 (gzip)"))
case("cte-binary")(lambda t: single(cal(t), cte="binary"))
case("cte-qp-lowercase-hex")(lambda t: single(cal(t.replace("\u00f6", "=c3=b6").replace("\u00e4", "=c3=a4")), cte="quoted-printable"))
case("two-cte")(lambda t: (H() + "Content-Type: " + CT + "\r\nContent-Transfer-Encoding: 7bit\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(cal(t).encode())))
case("rfc2231-charset")(lambda t: single(cal(t), ct="text/calendar; method=REQUEST; charset*=utf-8''utf-8"))
case("rfc2231-ct-continuation")(lambda t: single(cal(t), ct="text/calendar; method*0=REQ; method*1=UEST; charset=utf-8"))
case("rfc2231-filename-cont")(lambda t: mp([TXT, ("Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename*0=\"inv\"; filename*1=\"ite.i\"; filename*2=\"cs\"\r\nContent-Transfer-Encoding: base64", b64(cal(t).encode()))]))
case("ew-in-name-param")(lambda t: mp([TXT, ("Content-Type: application/octet-stream; name=\"=?UTF-8?B?aW52aXRlLmljcw==?=\"\r\nContent-Transfer-Encoding: base64", b64(cal(t).encode()))]))
case("ew-in-filename-only")(lambda t: mp([TXT, ("Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"=?UTF-8?Q?invite.ics?=\"\r\nContent-Transfer-Encoding: base64", b64(cal(t).encode()))]))
case("ics-in-zip")(lambda t: mp([CALP(GOOD), ('Content-Type: application/zip; name="m.zip"\r\nContent-Transfer-Encoding: base64', (lambda bio: (zipfile.ZipFile(bio, "w").writestr("invite.ics", cal(t)), b64(bio.getvalue()))[1])(io.BytesIO()))]))
# --- header syntax
case("headers-cr-only")(lambda t: single(cal(t)).replace("\r\n", "\r"))
case("headers-lf-only")(lambda t: single(cal(t)).replace("\r\n", "\n"))
case("subject-folded-cr-only")(lambda t: single(cal(GOOD), h=H(subject="Avst\r " + t)))
case("header-without-colon-before-ct")(lambda t: single(cal(t), h=H(extra="Bogus header line\r\n")))
case("long-header-998")(lambda t: single(cal(t), h=H(extra="X-Long: " + "a" * 1200 + "\r\n")))
case("long-subject-998")(lambda t: single(cal(GOOD), h=H(subject="a" * 1100 + " " + t)))
case("bom-in-headers")(lambda t: "\ufeff" + single(cal(t)))
case("bom-before-ct")(lambda t: single(cal(t), h=H(extra="\ufeffX-A: b\r\n")))
case("dkim-style-wrap-subject")(lambda t: single(cal(GOOD), h=H(subject="\r\n\t".join(t[i:i+5] for i in range(0, len(t), 5)))))
case("ct-folded-weird")(lambda t: H() + "Content-Type:\r\n text/calendar;\r\n\tmethod=REQUEST;\r\n charset=utf-8\r\n\r\n" + cal(t))
case("no-mime-version")(lambda t: (H().replace("MIME-Version: 1.0\r\n", "") + "Content-Type: " + CT + "\r\n\r\n" + cal(t)))
case("no-content-type-cal-body")(lambda t: H() + "\r\n" + cal(t))
case("text-plain-cal-body")(lambda t: single(cal(t), ct="text/plain; charset=utf-8"))
case("ct-text-x-vcalendar")(lambda t: single(cal(t), ct="text/x-vcalendar; charset=utf-8"))
case("ct-application-calendar")(lambda t: single(cal(t), ct="application/calendar+xml"))
case("ct-uppercase")(lambda t: single(cal(t), ct="TEXT/CALENDAR; METHOD=REQUEST; CHARSET=UTF-8"))
# --- calendar content
case("vcalendar-1.0")(lambda t: single("BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nDTSTART:20261201T090000\r\nSUMMARY;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:" + quopri.encodestring(t.encode()).decode() + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
case("vcalendar-1.0-dalarm")(lambda t: single("BEGIN:VCALENDAR\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nDTSTART:20261201T090000\r\nSUMMARY:" + GOOD + "\r\nDALARM:20261201T080000;PT5M;2;" + t + "\r\nAALARM:20261201T080000;;;" + t + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
case("two-calendars-one-part")(lambda t: single(cal(GOOD) + cal(t)))
case("two-vevents-second")(lambda t: single(cal(GOOD).replace("END:VCALENDAR\r\n", "") + "BEGIN:VEVENT\r\nUID:a2\r\nSUMMARY:" + t + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
case("vtodo")(lambda t: single(cal(t, comp="VTODO")))
case("vjournal")(lambda t: single(cal(t, comp="VJOURNAL")))
case("vjournal-beside-vevent")(lambda t: single(cal(GOOD).replace("END:VCALENDAR", "BEGIN:VJOURNAL\r\nUID:j\r\nDESCRIPTION:" + t + "\r\nEND:VJOURNAL\r\nEND:VCALENDAR")))
case("vfreebusy-comment")(lambda t: single(cal(GOOD).replace("END:VCALENDAR", "BEGIN:VFREEBUSY\r\nUID:f\r\nCOMMENT:" + t + "\r\nEND:VFREEBUSY\r\nEND:VCALENDAR")))
case("valarm-description")(lambda t: single(cal(GOOD, extra="BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:" + t + "\r\nEND:VALARM\r\n")))
case("valarm-summary-email")(lambda t: single(cal(GOOD, extra="BEGIN:VALARM\r\nACTION:EMAIL\r\nTRIGGER:-PT15M\r\nSUMMARY:" + t + "\r\nDESCRIPTION:x\r\nATTENDEE:mailto:x@extern.example\r\nEND:VALARM\r\n")))
case("x-component")(lambda t: single(cal(GOOD).replace("END:VCALENDAR", "BEGIN:X-NOTE\r\nDESCRIPTION:" + t + "\r\nEND:X-NOTE\r\nEND:VCALENDAR")))
case("vtimezone-tzname")(lambda t: single(cal(GOOD, pre="BEGIN:VTIMEZONE\r\nTZID:" + t + "\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:" + t + "\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")))
case("calendar-level-description")(lambda t: single(cal(GOOD, pre="DESCRIPTION:" + t + "\r\nNAME:" + t + "\r\n")))
case("x-wr-calname")(lambda t: single(cal(GOOD, pre="X-WR-CALNAME:" + t + "\r\nX-WR-CALDESC:" + t + "\r\n")))
case("contact-property")(lambda t: single(cal(GOOD, extra="CONTACT:" + t + "\r\n")))
case("resources-property")(lambda t: single(cal(GOOD, extra="RESOURCES:" + t + "\r\n")))
case("styled-description")(lambda t: single(cal(GOOD, extra="STYLED-DESCRIPTION;VALUE=TEXT;FMTTYPE=text/html:<p>" + t + "</p>\r\n")))
case("conference-label")(lambda t: single(cal(GOOD, extra="CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=\"" + t + "\":https://teams.microsoft.com/l/x\r\n")))
case("location-altrep")(lambda t: single(cal(GOOD, extra="LOCATION;ALTREP=\"https://x.example/" + t.replace(" ", "%20") + "\":Rum 1\r\n")))
case("apple-structured-location")(lambda t: single(cal(GOOD, extra="X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-TITLE=\"" + t + "\":geo:59.3,18.0\r\n")))
case("x-ms-locationdisplayname")(lambda t: single(cal(GOOD, extra="X-MICROSOFT-LOCATIONDISPLAYNAME:" + t + "\r\n")))
case("x-ms-olk-autofill")(lambda t: single(cal(GOOD, extra="X-MS-OLK-AUTOFILLLOCATION:" + t + "\r\n")))
case("attendee-cn-ew")(lambda t: single(cal(GOOD, extra="ATTENDEE;CN=\"=?UTF-8?B?" + base64.b64encode(t.encode()).decode() + "?=\":mailto:g@kommun.example\r\n")))
case("attendee-cn-caret")(lambda t: single(cal(GOOD, extra="ATTENDEE;CN=\"" + t.replace(" ", "^n") + "\":mailto:g@kommun.example\r\n")))
case("attendee-sent-by-local")(lambda t: single(cal(GOOD, extra="ORGANIZER;SENT-BY=\"mailto:" + (t.split()+["avst"])[1] + "@kommun.example\":mailto:o@kommun.example\r\n")))
case("attendee-dir")(lambda t: single(cal(GOOD, extra="ATTENDEE;DIR=\"ldap://x.example/cn=" + t.replace(" ", "%20") + "\":mailto:g@kommun.example\r\n")))
case("attendee-delegated-from")(lambda t: single(cal(GOOD, extra="ATTENDEE;DELEGATED-FROM=\"mailto:" + (t.split()+["avst"])[1] + "@kommun.example\":mailto:g@kommun.example\r\n")))
case("method-counter")(lambda t: single(cal(t, method="METHOD:COUNTER\r\n"), ct="text/calendar; method=COUNTER; charset=utf-8"))
case("method-add")(lambda t: single(cal(t, method="METHOD:ADD\r\n"), ct="text/calendar; method=ADD; charset=utf-8"))
case("method-refresh")(lambda t: single(cal(t, method="METHOD:REFRESH\r\n"), ct="text/calendar; method=REFRESH; charset=utf-8"))
case("method-declinecounter")(lambda t: single(cal(t, method="METHOD:DECLINECOUNTER\r\n"), ct="text/calendar; method=DECLINECOUNTER; charset=utf-8"))
case("method-reply-comment")(lambda t: single(cal(GOOD, method="METHOD:REPLY\r\n", extra="COMMENT:" + t + "\r\n"), ct="text/calendar; method=REPLY; charset=utf-8"))
case("method-cancel-desc")(lambda t: single(cal(t, method="METHOD:CANCEL\r\n"), ct="text/calendar; method=CANCEL; charset=utf-8"))
case("method-lowercase-request")(lambda t: single(cal(t, method="METHOD:request\r\n")))
case("method-two-lines")(lambda t: single(cal(t, method="METHOD:CANCEL\r\nMETHOD:REQUEST\r\n"), ct="text/calendar; method=REQUEST; charset=utf-8"))
case("latin1-no-charset")(lambda t: single("", ct="text/calendar; method=REQUEST").encode() + cal(t).encode("latin-1"))
case("latin1-labelled-utf8")(lambda t: single("", ct="text/calendar; method=REQUEST; charset=utf-8").encode() + cal(t).encode("latin-1"))
case("cr-only-calendar-long")(lambda t: single(cal("x" * 100 + " " + t).replace("\r\n", "\r")))
case("bare-cr-in-value")(lambda t: single(cal("Avst\r" + t)))
case("line-continues-with-tab")(lambda t: single(cal(t[:6] + "\r\n\t" + t[6:])))
case("property-group-prefix")(lambda t: single(cal(GOOD, extra="G1.DESCRIPTION:" + t + "\r\n")))
case("categories-600")(lambda t: single(cal(GOOD, extra="CATEGORIES:" + ",".join("k%d" % i for i in range(600)) + "," + t + "\r\n")))
case("params-120-cn")(lambda t: single(cal(GOOD, extra="ATTENDEE" + "".join(";X-P%d=a" % i for i in range(120)) + ";CN=\"" + t + "\":mailto:g@kommun.example\r\n")))
case("summary-language-param-quote")(lambda t: single(cal(GOOD, extra="DESCRIPTION;X-A=\"a:b;c\":" + t + "\r\n")))
case("html-lt-digit")(lambda t: mp([CALP(GOOD), ("Content-Type: text/html; charset=utf-8", "<p>Hej <" + " ".join([t.split()[-2]] + t.split()[:1] + t.split()[-1:]) if len(t.split()) > 1 else "2026 " + t + "</p>")], sub="alternative"))
case("html-unclosed-tag")(lambda t: mp([CALP(GOOD), ("Content-Type: text/html; charset=utf-8", "<p>Hej</p><" + t)], sub="alternative"))
case("html-script-text")(lambda t: mp([CALP(GOOD), ("Content-Type: text/html; charset=utf-8", "<p>Hej</p><noscript>" + t + "</noscript><template>" + t + "</template>")], sub="alternative"))
case("html-title")(lambda t: mp([CALP(GOOD), ("Content-Type: text/html; charset=utf-8", "<html><head><title>" + t + "</title></head><body>Hej</body></html>")], sub="alternative"))
case("html-img-alt")(lambda t: mp([CALP(GOOD), ("Content-Type: text/html; charset=utf-8", "<p>Hej <img alt=\"" + t + "\" title=\"" + t + "\"></p>")], sub="alternative"))
case("html-script-mixedcase")(lambda t: mp([CALP(GOOD), ("Content-Type: text/html; charset=utf-8", "<Script>var a=1;</Script><p>" + t + "</p>")], sub="alternative"))
case("html-css-content")(lambda t: mp([CALP(GOOD), ("Content-Type: text/html; charset=utf-8", "<style>p.x::before { content: \"" + t + "\"; }</style><p class=x>Hej</p>")], sub="alternative"))
case("altdesc-img-alt")(lambda t: single(cal(GOOD, extra="X-ALT-DESC;FMTTYPE=text/html:<p>Hej <img alt=\"" + t + "\"></p>\r\n")))
case("text-enriched")(lambda t: mp([CALP(GOOD), ("Content-Type: text/enriched", "<bold>" + t + "</bold>")], sub="alternative"))
case("text-rtf-body")(lambda t: mp([CALP(GOOD), ("Content-Type: text/rtf", "{\\rtf1 " + t + "}")], sub="mixed"))
case("text-markdown")(lambda t: mp([CALP(GOOD), ("Content-Type: text/markdown; charset=utf-8", t)], sub="mixed"))
case("inline-text-attachment-txt")(lambda t: mp([CALP(GOOD), ("Content-Type: text/plain; charset=utf-8; name=\"notes.txt\"\r\nContent-Disposition: attachment; filename=\"notes.txt\"", t)], sub="mixed"))
case("eml-attachment-octet")(lambda t: mp([CALP(GOOD), ("Content-Type: application/octet-stream; name=\"fwd.eml\"\r\nContent-Disposition: attachment; filename=\"fwd.eml\"", single(cal(t)))], sub="mixed"))
case("message-global")(lambda t: mp([TXT, ("Content-Type: message/global", single(cal(t)))]))
case("preamble-calendar")(lambda t: (H() + 'Content-Type: multipart/mixed; boundary="A"\r\n\r\n' + cal(t) + "\r\n--A\r\n" + CALP(GOOD)[0] + "\r\n\r\n" + CALP(GOOD)[1] + "\r\n--A--\r\n"))
case("epilogue-calendar")(lambda t: mp([CALP(GOOD)]) + cal(t))
case("boundary-in-quotes-space")(lambda t: (H() + 'Content-Type: multipart/mixed; boundary="A B"\r\n\r\n--A B\r\n' + CALP(t)[0] + "\r\n\r\n" + CALP(t)[1] + "\r\n--A B--\r\n"))
case("no-final-boundary")(lambda t: mp([TXT, CALP(t)]).replace("--A--\r\n", ""))
case("multipart-no-boundary-param")(lambda t: (H() + 'Content-Type: multipart/mixed\r\n\r\n--A\r\n' + CALP(t)[0] + "\r\n\r\n" + CALP(t)[1] + "\r\n--A--\r\n"))
case("multipart-digest-default")(lambda t: H() + 'Content-Type: multipart/digest; boundary="A"\r\n\r\n--A\r\n\r\n' + single(cal(t)) + "\r\n--A--\r\n")
for name, f in cases.items():
    for kind, t in (("v", BAD), ("c", GOOD)):
        with open(os.path.join(d, "%s-%s.eml" % (name, kind)), "wb") as fp:
            r = f(t)
            fp.write(r.encode("utf-8") if isinstance(r, str) else r)
print(len(cases))
