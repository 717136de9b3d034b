#!/bin/sh
# Adversarial pass attack18 (session 18): MIME, HTML and Unicode tricks
# that showed a reader a personnummer (the test number 19121212-1212) or
# a sensitive word the rules did not see. Each case is a violation (-v)
# and a neutral twin (-c) of the same shape; invite-check --json must
# find the expected rule in the violation and accept the twin. Cases
# marked TODO are bypasses whose fix belongs in files other helpers own
# (rules/textchar.c, rules/lexscan.c): they are reported as SKIP with the
# reason while they still pass unseen, and as a plain ok once fixed.
# SECURITY.md lists every input tried. Failures show rule ids only.
. "$(dirname "$0")/../lib.sh"
case "$B" in /*) bdir=$B ;; *) bdir=$TOP/$B ;; esac
chk=$bdir/invite-check
if ! command -v python3 >/dev/null 2>&1; then
	skip "attack18 messages" "no python3"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 - "$tmp" <<'PY'
import base64, os, quopri, sys
d = sys.argv[1]
PN = "19121212-1212"
BAD = "Uppf\u00f6ljning %s missbruk"
GOOD = "Avst\u00e4mning"
def H():
    return ("From: handlaggare@kommun.example\r\nTo: gast@extern.example\r\n"
            "Subject: " + GOOD + "\r\nMessage-ID: <s18@kommun.example>\r\n"
            "Date: Sun, 6 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n")
def cal(summary=GOOD, desc=None):
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n"
            "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:s18@kommun.example\r\n"
            "DTSTAMP:20261201T080000Z\r\nDTSTART:20261201T090000Z\r\n"
            "DTEND:20261201T100000Z\r\nSUMMARY:" + summary + "\r\n" +
            ("DESCRIPTION:" + desc + "\r\n" if desc else "") +
            "ORGANIZER;CN=Handl:mailto:handlaggare@kommun.example\r\n"
            "ATTENDEE;CN=Kollega:mailto:kollega@kommun.example\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")
def enc(raw, cte):
    if cte == "base64":
        return base64.encodebytes(raw).decode().replace("\n", "\r\n")
    if cte == "quoted-printable":
        return quopri.encodestring(raw.replace(b"\r\n", b"\n")).decode() \
            .replace("\n", "\r\n")
    return raw.decode("utf-8")
def part(ctype, text, cte="8bit"):
    return ("Content-Type: %s\r\nContent-Transfer-Encoding: %s\r\n\r\n%s\r\n"
            % (ctype, cte, enc(text.encode(), cte)))
def mp(parts, sub="mixed", b="b1"):
    return ("Content-Type: multipart/%s; boundary=%s\r\n\r\n" % (sub, b) +
            "".join("--%s\r\n%s\r\n" % (b, p) for p in parts) +
            "--%s--\r\n" % b)
CAL = "text/calendar; method=REQUEST; charset=utf-8"
def std(body, summary=GOOD):
    return H() + mp([mp([body, part(CAL, cal(summary))], "alternative",
                        "b2")])
def html(h):
    return std(mp([part("text/plain; charset=utf-8", "Hej"),
                   part("text/html; charset=utf-8",
                        "<html><body>%s</body></html>" % h)],
                  "alternative", "b3"))
def in_summary(num):
    return lambda t: std(part("text/plain; charset=utf-8", "Hej"),
                         t % num if "%s" in t else t)
def fwd(cte):
    return lambda t: H() + mp([part("text/plain; charset=utf-8", "Se nedan"),
        "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: %s\r\n"
        "\r\n%s" % (cte, enc((H() + mp([part("text/plain; charset=utf-8",
        "Hej"), part(CAL, cal(desc=t if "%s" not in t else t % PN))],
        b="inner")).encode(), cte))])
def digits(zero_or_list):
    def f(ch):
        return zero_or_list[int(ch)] if isinstance(zero_or_list, str) else \
            chr(zero_or_list + int(ch))
    return "".join(f(c) if c.isdigit() else c for c in PN)
def ics_file(name):
    # the calendar only as an attachment of type application/octet-stream
    # (Windows opens "invite.ics." and "invite.ics " as invite.ics)
    return lambda t: H() + mp([part("text/plain; charset=utf-8", "Se bifogad"),
        "Content-Type: application/octet-stream; name=\"%s\"\r\n"
        "Content-Disposition: attachment; filename=\"%s\"\r\n%s" % (name,
        name, part("x", cal(desc=t % PN if "%s" in t else t), "base64")
        .split("\r\n", 1)[1])])
def b64pieces(b):
    # two pieces, the first padded ("...==" then more base64)
    k = 101 if len(b) % 3 else 100
    return [b[:k], b[k:]]
# name: (want, how, status); how(text) -> message; text is BAD or GOOD
T_TC = "TODO rules/textchar.c text_map_char"
cases = {
  # fixed in this pass
  "flowed-delsp": ("personnummer", lambda t: std(part(
      "text/plain; charset=utf-8; format=flowed; delsp=yes",
      (t % PN if "%s" in t else t).replace("1212-1212", "121 \r\n2-1212"))),
      "fixed"),
  "html-quoted-gt-in-attr": ("personnummer", lambda t: html(
      (t % "1912<span title='a>b'>1212-1212</span>") if "%s" in t else t),
      "fixed"),
  "html-text-after-title": ("personnummer", lambda t: html(
      "</body><head><title>x</title></head>" + (PN + " " + t % "" if "%s"
      in t else t)),
      "fixed"),
  "html-gt-inside-comment": ("personnummer", lambda t: html(
      t % "1912<!-- a>b -->1212-1212" if "%s" in t else t + "<!-- a>b -->"),
      "fixed"),
  "html-hidden-inside-number": ("personnummer", lambda t: html(
      t % "1912<span style='display: none'>0</span>1212-1212" if "%s" in t
      else t + "<span style='display:none'>0</span>"), "fixed"),
  "html-font-size-0-inside-number": ("personnummer", lambda t: html(
      t % "1912<font style='font-size:0px'>7</font>1212-1212" if "%s" in t
      else t + "<font style='font-size:0px'>7</font>"), "fixed"),
  "html-input-value": ("personnummer", lambda t: html(
      "<input type=text value='%s'>" % (t % PN if "%s" in t else t)),
      "fixed"),
  "html-bdo-rtl": ("personnummer", lambda t: html(
      t % "<bdo dir=rtl>2121-21212191</bdo>" if "%s" in t else t), "fixed"),
  "html-css-bidi-override": ("personnummer", lambda t: html(
      t % "<span style='unicode-bidi:bidi-override;direction:rtl'>"
      "2121-21212191</span>" if "%s" in t else t), "fixed"),
  "html-legacy-entity-no-semicolon": ("personnummer", lambda t: html(
      t % "19121212&nbsp1212" if "%s" in t else t + "&nbsp1"), "fixed"),
  "html-newline-entity": ("personnummer", lambda t: html(
      t % "19121212&NewLine;-1212" if "%s" in t else t + "&NewLine;"),
      "fixed"),
  "base64-pieces-calendar": ("personnummer", lambda t: H() + mp([mp([
      part("text/plain; charset=utf-8", "Hej"),
      "Content-Type: " + CAL + "\r\nContent-Transfer-Encoding: base64\r\n"
      "\r\n" + "\r\n".join(base64.b64encode(x).decode() for x in
      b64pieces(cal(desc=t % PN if "%s" in t else t).encode())) + "\r\n"],
      "alternative", "b2")]), "fixed"),
  "base64-pieces-body": ("personnummer", lambda t: std(
      "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding:"
      " base64\r\n\r\n" + base64.b64encode(b"Hej!").decode() + "\r\n" +
      base64.b64encode((t % PN if "%s" in t else t).encode()).decode() +
      "\r\n"), "fixed"),
  "ics-name-trailing-dot": ("personnummer", ics_file("invite.ics."),
      "fixed"),
  "ics-name-trailing-blank": ("personnummer", ics_file("invite.ics "),
      "fixed"),
  "ics-name-icalendar": ("personnummer", ics_file("m\u00f6te.icalendar"),
      "fixed"),
  "ics-name-ifb": ("personnummer", ics_file("invite.ifb"), "fixed"),
  "fwd-rfc822-base64": ("personnummer", fwd("base64"), "fixed"),
  "fwd-rfc822-qp": ("personnummer", fwd("quoted-printable"), "fixed"),
  # separators and digits text_map_char does not map (rules/textchar.c)
  "sep-medium-math-space": ("personnummer", in_summary("19121212\u205f1212"),
      T_TC + ": U+205F (Zs) is no space"),
  "sep-ogham-space": ("personnummer", in_summary("19121212\u16801212"),
      T_TC + ": U+1680 (Zs) is no space"),
  "sep-small-em-dash": ("personnummer", in_summary("19121212\ufe581212"),
      T_TC + ": U+FE58 (Pd) is no dash"),
  "sep-two-em-dash": ("personnummer", in_summary("19121212\u2e3a1212"),
      T_TC + ": U+2E3A (Pd) is no dash"),
  "sep-armenian-hyphen": ("personnummer", in_summary("19121212\u058a1212"),
      T_TC + ": U+058A (Pd) is no dash"),
  "sep-modifier-minus": ("personnummer", in_summary("19121212\u02d71212"),
      T_TC + ": U+02D7 looks like '-'"),
  "sep-heavy-minus": ("personnummer", in_summary("19121212\u27961212"),
      T_TC + ": U+2796 looks like '-'"),
  "sep-one-dot-leader": ("personnummer", in_summary("19121212\u20241212"),
      T_TC + ": U+2024 looks like '.'"),
  "digits-superscript": ("personnummer", in_summary(digits(
      "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")),
      T_TC + ": superscript digits (No, NFKC 1-9)"),
  "digits-circled": ("personnummer", in_summary(digits(
      "\u24ea\u2460\u2461\u2462\u2463\u2464\u2465\u2466\u2467\u2468")),
      T_TC + ": circled digits (No, NFKC 1-9)"),
  "invisible-cgj-in-number": ("personnummer", in_summary("1912\u034f1212-1212"),
      T_TC + ": U+034F (Mn, default ignorable) not dropped"),
  "invisible-vs-in-number": ("personnummer", in_summary("1912\ufe0e1212-1212"),
      T_TC + ": variation selector (Mn, default ignorable) not dropped"),
  "invisible-tag-in-number": ("personnummer",
      in_summary("1912\U000E00201212-1212"), "held before"),
  "invisible-hangul-filler": ("personnummer",
      in_summary("1912\u31641212-1212"),
      T_TC + ": U+3164 (Lo, default ignorable) not dropped"),
  "rlo-reversed-number": ("personnummer",
      in_summary("\u202e2121-21212191\u202c"), "fixed"),
  "rlo-html-entity": ("personnummer", lambda t: html(
      t % "&#x202E;2121-21212191&#x202C;" if "%s" in t else t + "&#x202E;"),
      "fixed"),
  # topic words (rules/lexscan.c, rules/textchar.c)
  "topic-cyrillic-i": ("topic", lambda t: std(part(
      "text/plain; charset=utf-8", "Hej"), "Uppf\u00f6ljning m\u0456ssbruk"
      if "%s" in t else t), "TODO rules/textchar.c: Cyrillic homoglyphs "
      "(U+0456 for i) not folded to Latin for lexicons"),
  # a client's name beside a topic word: person-topic (rules/names.c)
  "name-surname-in-capitals": ("person-topic", lambda t: std(part(
      "text/plain; charset=utf-8", "Hej"), "Orosanm\u00e4lan Anna LINDQVIST"
      if "%s" in t else t), "TODO rules/names.c: a surname written in "
      "capitals (formal Swedish style) in mixed-case text is no name"),
  "name-cgj-inside": ("person-topic", lambda t: std(part(
      "text/plain; charset=utf-8", "Hej"), "Orosanm\u00e4lan A\u034fnna "
      "Lindqvist" if "%s" in t else t), T_TC + ": U+034F inside a name"),
  "topic-word-joiner": ("topic", lambda t: std(part(
      "text/plain; charset=utf-8", "Hej"), "Uppf\u00f6ljning miss\u2060bruk"
      if "%s" in t else t), "held before"),
}
with open(os.path.join(d, "cases.tsv"), "w") as m:
    for name, (want, how, status) in cases.items():
        for kind, t in (("v", BAD), ("c", GOOD)):
            with open(os.path.join(d, "%s-%s.eml" % (name, kind)), "wb") as fp:
                fp.write(how(t).encode("utf-8"))
        m.write("%s\t%s\t%s\n" % (name, want, status))
PY
ok $? "the attack18 messages are written"
(cd "$tmp" && "$chk" -D kommun.example --json -- *.eml >"$tmp/out.json" \
    2>/dev/null)
test $? -le 1
ok $? "invite-check ran over them"
python3 - "$tmp/cases.tsv" "$tmp/out.json" >"$tmp/judged" <<'PY'
import json, sys
rep = {}
for line in open(sys.argv[2]):
    j = json.loads(line)
    rep[j["file"]] = j
for line in open(sys.argv[1]):
    name, want, status = line.rstrip("\n").split("\t")
    v, c = rep.get(name + "-v.eml"), rep.get(name + "-c.eml")
    found = sorted({f["rule"] for f in (v or {}).get("findings", [])
                    if f.get("action") != "accept"})
    hit = v is not None and want in found
    clean = c is not None and c.get("verdict") == "accept"
    why = "want %s, found %s" % (want, ",".join(found) or "nothing")
    if status.startswith("TODO") and not hit:
        print("skip\t%s: violation found\t%s" % (name, status))
    else:
        print("%d\t%s: violation found\t%s" % (0 if hit else 1, name, why))
    print("%d\t%s: twin accepted\t%s" % (0 if clean else 1, name,
          "verdict " + (c or {}).get("verdict", "none")))
PY
ok $? "the reports are judged"
while IFS='	' read -r st name why; do
	if [ "$st" = skip ]; then
		skip "$name" "$why"
		continue
	fi
	ok "$st" "$name"
	[ "$st" -eq 0 ] || echo "#   $why"
done <"$tmp/judged"
case $(cat "$tmp/out.json") in
*121212-1212*|*1212121212*) r=1 ;;
*) r=0 ;;
esac
ok $r "no test number in clear in the reports"
