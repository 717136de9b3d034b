#!/usr/bin/env python3
"""Evasion corpus for invite-milter (issue 7, "Evasion").

    gen.py OUTDIR

writes OUTDIR/NNNN-v.eml (or .ics) for every violating case, its clean
twin OUTDIR/NNNN-c.eml, and OUTDIR/manifest.tsv with one row a file:

    file <TAB> kind (violation|twin) <TAB> disguise <TAB> rules

where rules is the space-separated set of rule ids that must be found at
flag or reject ("-" for a twin: nothing may be flagged).

Every violating case hides the same three things: a synthetic
personnummer (Skatteverket-style test numbers 1912-12-12 / 2012-12-12,
valid by Luhn and plainly test data), a client-like name (first name +
surname from conf/names) and a sensitive term (conf/lexicon/topics.txt).
Each case is one point in a space of disguises (see DIMENSIONS below and
tests/evasion/README); the lists are combined programmatically, so adding
one entry to a list adds every combination with it.

The clean twin has the same disguise and structure, but its text is
neutral: the subject "Avstämning", a Teams dial-in number and conference
ID, an organisationsnummer (in the same number disguise as the
personnummer of the violating case) and a date-like number that fails
Luhn and has no cue. None of that may be flagged.

Standard library only; deterministic (no randomness, same output each run).
"""
import base64
import html
import os
import re
import sys
import unicodedata

CRLF = "\r\n"
FOLD = "\ue000"		# marker: a line fold inside the number (iCalendar only)

# --- the hidden data --------------------------------------------------------
# Test personnummer: 12 digits; every form below is derived from them.
PNRS = ["191212121212", "201212121212"]
# Client-like names: a first name and a surname from conf/names/*.txt,
# with and without Swedish letters (all in ISO-8859-1, so every charset
# in CHARSETS can carry them).
NAMES = [("Anna", "Jönsson"), ("Göran", "Lindqvist"), ("Fatima", "Öberg"),
         ("Åke", "Andersson"), ("Sara", "Håkansson"), ("Björn", "Eriksson")]
# Sensitive terms (strong and abbrev entries of the lexicon).
TOPICS = ["missbruk", "orosanmälan", "LVU", "barnavårdsutredning",
          "alkoholberoende"]
# Clean twin numbers: an organisationsnummer (Luhn-valid, month 20) and
# a date-like number that fails Luhn, both without a personnummer cue.
ORGNR = "2120000142"
NOLUHN = "20240115-1235"


def luhn_ok(d):
    s = 0
    for i, ch in enumerate(d):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        s += v - 9 if v > 9 else v
    return s % 10 == 0


assert all(luhn_ok(p[2:]) for p in PNRS) and luhn_ok(ORGNR)
assert not luhn_ok(NOLUHN.replace("-", "")[2:])

# --- number disguises -------------------------------------------------------
# Each takes the 12 digits (or 10 for an orgnr) and returns
# (plain text form or None, HTML form). The HTML form is markup; the
# plain form is escaped for HTML where needed.


def _split(d):
    """date part, last four (10- or 12-digit input)"""
    return d[:-4], d[-4:]


def sep(s):
    def f(d):
        a, b = _split(d)
        t = a + s + b
        return t, html.escape(t)
    return f


def between_digits(ch):
    def f(d):
        a, b = _split(d)
        t = ch.join(a) + "-" + ch.join(b)
        return t, html.escape(t)
    return f


def fullwidth(d):
    a, b = _split(d)
    t = "".join(chr(0xFF10 + int(c)) for c in a) + "-" + \
        "".join(chr(0xFF10 + int(c)) for c in b)
    return t, t


def script_digits(zero):
    """The digits of another script (Unicode Nd), ASCII dash kept."""
    def f(d):
        a, b = _split(d)
        t = "".join(chr(zero + int(c)) for c in a) + "-" + \
            "".join(chr(zero + int(c)) for c in b)
        return t, t
    return f


def short_form(d):
    a, b = _split(d)
    t = (a[2:] if len(a) == 8 else a) + "-" + b
    return t, t


def century_plus(d):
    a, b = _split(d)
    if len(a) == 8 and a.startswith("19"):
        t = a[2:] + "+" + b	# 100 years or older: "+" (folkbokföring)
    else:
        t = a + "-" + b
    return t, t


def fold_inside(d):
    a, b = _split(d)
    t = a[:5] + FOLD + a[5:] + "-" + b[:2] + FOLD + b[2:]
    return t, t


def html_only(fn):
    def f(d):
        return None, fn(d)
    return f


NUMFMTS = {
    "hyphen": sep("-"),
    "none": sep(""),
    "space": sep(" "),
    "nbsp": sep("\u00a0"),
    "en-dash": sep("\u2013"),
    "minus-sign": sep("\u2212"),
    "non-breaking-hyphen": sep("\u2011"),
    "dot": sep("."),
    "short-10-digit": short_form,
    "century-plus": century_plus,
    "zwsp-between-digits": between_digits("\u200b"),
    "zwj-between-digits": between_digits("\u200d"),
    "soft-hyphen-between-digits": between_digits("\u00ad"),
    "word-joiner-between-digits": between_digits("\u2060"),
    "bidi-marks-between-digits": between_digits("\u200e"),
    "invisible-separator-between-digits": between_digits("\u2063"),
    "fullwidth-digits": fullwidth,
    "arabic-indic-digits": script_digits(0x0660),
    "persian-digits": script_digits(0x06F0),
    "math-bold-digits": script_digits(0x1D7CE),
    "math-monospace-digits": script_digits(0x1D7F6),
    "spaced-dash": sep(" - "),
}
# Markup inside the number: only where HTML is read (X-ALT-DESC, text/html).
HTMLFMTS = {
    "html-nbhyphen-entity": html_only(lambda d: _split(d)[0] + "&#8209;" +
                                      _split(d)[1]),
    "html-hex-entity-dash": html_only(lambda d: _split(d)[0] + "&#x2013;" +
                                      _split(d)[1]),
    "html-bold-split": html_only(lambda d: "<b>" + d[:4] + "</b>" +
                                 d[4:]),
    "html-digit-entity": html_only(lambda d: "&#%d;" % ord(d[0]) + d[1:-4] +
                                   "-" + d[-4:]),
    "html-span-per-part": html_only(lambda d: '<span style="x">' +
                                    _split(d)[0] + '</span>-<span>' +
                                    _split(d)[1] + "</span>"),
    "html-shy-entity": html_only(lambda d: "&shy;".join(_split(d)[0]) +
                                 "&ndash;" + _split(d)[1]),
    "html-zwsp-entity": html_only(lambda d: "&#8203;".join(d)),
    "html-comment-inside": html_only(lambda d: d[:6] + "<!-- x -->" + d[6:]),
    "html-nbsp-entity": html_only(lambda d: _split(d)[0] + "&nbsp;" +
                                  _split(d)[1]),
    "html-wbr-inside": html_only(lambda d: d[:4] + "<wbr>" + _split(d)[0][4:]
                                 + "-<wbr/>" + _split(d)[1]),
    "html-named-nobreak": html_only(lambda d: "&NoBreak;".join(
        _split(d)[0]) + "&dash;" + _split(d)[1]),
    "html-named-hyphen-minus": html_only(lambda d: _split(d)[0] +
                                         "&hyphen;" + _split(d)[1]),
    "html-uppercase-hex-entity": html_only(lambda d: _split(d)[0] +
                                           "&#X2011;" + _split(d)[1]),
    "html-lrm-entity-between-digits": html_only(lambda d: "&lrm;".join(d)),
    "html-font-per-digit": html_only(lambda d: "".join(
        '<font color="#000">%s</font>' % c for c in d)),
}

# --- payloads ---------------------------------------------------------------


class Payload:
    """The sensitive sentence (or the neutral one of a twin) in both forms."""

    def __init__(self, lead, num, tail, numhtml, textfmt="plain",
                 more=()):
        tf = TEXTFMTS[textfmt]
        hl, ht = (tf(lead), tf(tail)) if textfmt.startswith("html-") else \
            (html.escape(tf(lead)), html.escape(tf(tail)))
        if not textfmt.startswith("html-"):
            lead, tail = tf(lead), tf(tail)
        # None when the disguise only exists in HTML
        self.text = None if num is None else "%s %s %s" % (lead, num, tail)
        self.num = num
        self.html = "%s %s %s" % (hl, numhtml, ht)
        # The same with iCalendar escapes as separators (\; \n \,).
        self.escaped = None if num is None else (
            ical_escape(lead + ";") + "\\n" + ical_escape(num) + "\\, " +
            ical_escape(tail))
        # The one-line form, for the Subject and file names.
        self.line = self.text
        # Lines that follow in multi-line texts (a twin's Teams block).
        if more and self.text is not None:
            self.text += "".join("\n" + m for m in more)
            self.escaped += "".join("\\n" + ical_escape(m) for m in more)
        self.html += "".join("<br>" + html.escape(m) for m in more)


def in_words(ch):
    """ch after every letter inside a word (not at its ends)."""
    def f(s):
        return " ".join(ch.join(w) if len(w) > 1 else w for w in s.split(" "))
    return f


def html_entities(s):
    """Every non-ASCII letter and every vowel as a character reference."""
    out = ""
    for ch in s:
        if ord(ch) > 127:
            out += "&#%d;" % ord(ch)
        elif ch in "aeiou":
            out += "&#x%x;" % ord(ch)
        else:
            out += html.escape(ch)
    return out


def html_tags_in_words(s):
    """A tag inside every word longer than three letters."""
    return " ".join(html.escape(w[:2]) + "<span>" + html.escape(w[2:]) +
                    "</span>" if len(w) > 3 else html.escape(w)
                    for w in s.split(" "))


# Disguises of the name and the sensitive term (the words around the
# number); html-* ones only where HTML is read.
TEXTFMTS = {
    "plain": lambda s: s,
    "zwsp-in-words": in_words("\u200b"),
    "soft-hyphen-in-words": in_words("\u00ad"),
    "nfd-decomposed": lambda s: unicodedata.normalize("NFD", s),
    "html-entities-in-words": html_entities,
    "html-tags-in-words": html_tags_in_words,
}


def violation(i, numfmt, textfmt="plain"):
    first, last = NAMES[i % len(NAMES)]
    topic = TOPICS[i % len(TOPICS)]
    pnr = PNRS[i % len(PNRS)]
    t, h = numfmt(pnr)
    return Payload("Uppföljning %s %s" % (first, last), t, topic, h, textfmt)


# The Teams block of a real invitation: meeting ID, passcode, dial-in
# string, conference ID and a 10-digit VTC ID that passes Luhn.
TEAMS_BLOCK = ("Microsoft Teams-möte", "Mötes-ID: 381 772 194 665",
               "Lösenord: Xk3pQ9", "Eller ring in (endast ljud)",
               "+46 8 505 248 93,,318274659#   Sverige, Stockholm",
               "Telefonkonferens-ID: 318 274 659#",
               "VTC-konferens-ID: 1104270838")


def twin(numfmt, textfmt="plain"):
    t, h = numfmt(ORGNR)
    return Payload("Avstämning. Org.nr", t, ". Se %s." % NOLUHN, h, textfmt,
                   TEAMS_BLOCK)


NEUTRAL_SUBJECT = "Avstämning"

# --- iCalendar --------------------------------------------------------------


def ical_escape(s):
    return (s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def calendar_lines(carrier, pl, uid, nul="none"):
    """Unfolded content lines; the payload goes only into the carrier
    (after a NUL character with nul "before-payload")."""
    z = "\x00" if nul == "before-payload" else ""

    def val(field, neutral):
        if carrier == field:
            return "Hej" + z + " " + ical_escape(pl.text) if z else \
                ical_escape(pl.text)
        return ical_escape(neutral)
    alt = "<html><body><p>Hej!%s</p><p>%s</p></body></html>" % (
        z if carrier == "altdesc" else "",
        pl.html if carrier == "altdesc" else "Välkommen till mötet.")
    escaped = ("Hej\\, välkommen\\; se nedan." + z + "\\n" + pl.escaped
               if carrier == "description-escapes" and pl.text else None)
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//invite-milter evasion corpus//SV",
        "VERSION:2.0",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:%s@kommun.example" % uid,
        "DTSTAMP:20261120T080000Z",
        "DTSTART:20261201T090000Z",
        "DTEND:20261201T100000Z",
        "ORGANIZER;CN=Handläggare:mailto:handlaggare@kommun.example",
        "ATTENDEE;CN=Kollega;ROLE=REQ-PARTICIPANT:"
        "mailto:kollega@kommun.example",
        "SUMMARY:" + val("summary", NEUTRAL_SUBJECT),
        "DESCRIPTION:" + (escaped if escaped else
                          val("description", "Välkommen till mötet.")),
        "LOCATION:" + val("location", "Microsoft Teams-möte"),
    ]
    if carrier == "comment":
        lines.append("COMMENT:" + ical_escape(pl.text))
    if carrier == "attach-uri":
        # the payload as the file name in an ATTACH by URL, %-encoded
        lines.append("ATTACH;FMTTYPE=application/pdf:https://filer.kommun"
                     ".example/d/" + _pct(pl.line.replace(FOLD, "").encode()
                                          ) + ".pdf")
    if carrier == "url-property":
        lines.append("URL:https://intranat.kommun.example/arende?text=" +
                     _pct(pl.line.replace(FOLD, "").encode()) + "&id=7")
    if carrier == "attendee-mailto-local":
        lines.append("ATTENDEE;CN=G\u00e4st:mailto:" + _pct(
            pl.num.replace(FOLD, "").encode()) + "@kommun.example")
    lines += [
        "X-ALT-DESC;FMTTYPE=text/html:" + ical_escape(alt),
        "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/"
        "meetup-join/19%3ameeting_x@thread.v2/0",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return lines


def fold_chars(line, width, enc_len):
    """RFC 5545 folding at character boundaries, width octets a line."""
    out, cur, n = [], "", 0
    for ch in line:
        w = enc_len(ch)
        if n + w > width and cur:
            out.append(cur)
            cur, n = " ", 1
        cur += ch
        n += w
    out.append(cur)
    return CRLF.join(out)


# Line folding (RFC 5545 3.1).
FOLDS = ["none", "75-octets", "narrow-7", "in-number", "in-number-tab",
         "75-bytes-splitting-utf8", "inside-utf8-char",
         "vcal1-quoted-printable", "lowercase-names"]


def ical_unescape(v):
    out, k = "", 0
    while k < len(v):
        if v[k] == "\\" and k + 1 < len(v):
            out += "\n" if v[k + 1] in "nN" else v[k + 1]
            k += 2
        else:
            out += v[k]
            k += 1
    return out


def vcal1_qp(lines, codec, label):
    """vCalendar 1.0 style (Outlook 2003, .vcs): text properties as
    NAME;ENCODING=QUOTED-PRINTABLE;CHARSET=x:..., "=" ending a line
    that goes on (soft break), every 40 characters."""
    out = []
    for ln in lines:
        ln = ln.replace(FOLD, "")
        if ln == "VERSION:2.0":
            ln = "VERSION:1.0"
        name = ln.split(":", 1)[0]
        if name not in ("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"):
            out.append(ln)
            continue
        raw = ical_unescape(ln.split(":", 1)[1]).encode(codec)
        enc = "".join(chr(c) if 33 <= c <= 126 and c != 61 or c == 32
                      else "=%02X" % c for c in raw)
        pieces, cur = [], ""
        for tok in re.findall(r"=[0-9A-F]{2}|.", enc):
            if len(cur) + len(tok) > 40:
                pieces.append(cur + "=")
                cur = ""
            cur += tok
        pieces.append(cur)
        out.append(name + ";ENCODING=QUOTED-PRINTABLE" +
                   (";CHARSET=" + label if label else "") + ":" +
                   CRLF.join(pieces))
    return out

# Calendar charsets: (name, python codec, BOM bytes, Content-Type label).
# "label" None = no charset parameter. The "wrong-*" entries lie.
CHARSETS = {
    "utf-8": ("utf-8", b"", "utf-8"),
    "utf-8-bom": ("utf-8", b"\xef\xbb\xbf", "utf-8"),
    "iso-8859-1": ("latin-1", b"", "iso-8859-1"),
    "windows-1252": ("cp1252", b"", "windows-1252"),
    "utf-16le-bom": ("utf-16-le", b"\xff\xfe", "utf-16"),
    "utf-16be-bom": ("utf-16-be", b"\xfe\xff", "utf-16"),
    "utf-16le-nobom": ("utf-16-le", b"", "utf-16le"),
    "utf-16be-nobom": ("utf-16-be", b"", "utf-16be"),
    "utf-7": ("utf-7", b"", "utf-7"),
    "iso-8859-15": ("iso8859-15", b"", "iso-8859-15"),
    "macintosh": ("mac-roman", b"", "macintosh"),
    "latin1-alias": ("latin-1", b"", "latin1"),
    "no-label-utf-8": ("utf-8", b"", None),
    "no-label-latin-1": ("latin-1", b"", None),
    "wrong-utf8-labelled-latin1": ("utf-8", b"", "iso-8859-1"),
    "wrong-cp1252-labelled-utf8": ("cp1252", b"", "utf-8"),
    "wrong-utf8-labelled-ascii": ("utf-8", b"", "us-ascii"),
    # UTF-32 (issue 17), and wide text without a mark or label: its NUL
    # bytes tell.
    "utf-32le-bom": ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32"),
    "utf-32be-bom": ("utf-32-be", b"\x00\x00\xfe\xff", "utf-32"),
    "utf-32be-bom-no-label": ("utf-32-be", b"\x00\x00\xfe\xff", None),
    "utf-32-nobom-labelled": ("utf-32-be", b"", "utf-32"),
    "utf-32le-nobom-labelled": ("utf-32-le", b"", "utf-32le"),
    "utf-16le-no-bom-no-label": ("utf-16-le", b"", None),
}
# Code units wider than a byte: NUL bytes, never 8bit.
WIDE = ("utf-16", "utf-32")


def serialize_ical(lines, charset, fold):
    codec, bom, label = CHARSETS[charset]
    if fold == "vcal1-quoted-printable":
        lines, fold = vcal1_qp(lines, codec, label), "none"
    if fold == "lowercase-names":
        # Names and parameters are case-insensitive (RFC 5545 2).
        lines = [re.sub(r"^[^:]*", lambda m: m.group(0).lower(), ln)
                 for ln in lines]
        fold = "75-octets"
    if codec == "utf-7" and fold != "none":
        # A stateful encoding: fold the encoded octets (RFC 5545 folds
        # octets), or a CR LF would end a base64 run the unfolded line
        # continues.
        width = 7 if fold == "narrow-7" else 75
        out = []
        for ln in lines:
            b = ln.replace(FOLD, "").encode(codec)
            out.append(b"\r\n ".join(b[k:k + width]
                                      for k in range(0, len(b), width)))
        return bom + b"\r\n".join(out) + b"\r\n"
    if fold == "inside-utf8-char":
        # A fold between the bytes of the first multi-byte character of
        # every value (after the first colon) that has one.
        out = []
        for ln in lines:
            b = ln.replace(FOLD, "").encode(codec)
            colon = b.find(b":")
            k = next((j for j in range(colon + 1, len(b)) if b[j] >= 0xC0),
                     -1)
            if k > 0:
                b = b[:k + 1] + b"\r\n " + b[k + 1:]
            out.append(b)
        return bom + b"\r\n".join(out) + b"\r\n"
    if fold == "75-bytes-splitting-utf8":
        # Octet folding as Outlook does: may cut a UTF-8 sequence in two.
        out = []
        for ln in lines:
            b = ln.replace(FOLD, "").encode(codec)
            parts = [b[:75]] + [b[k:k + 74] for k in range(75, len(b), 74)]
            out.append(b"\r\n ".join(parts))
        return bom + b"\r\n".join(out) + b"\r\n"
    joined = []
    for ln in lines:
        if fold == "in-number":
            ln = ln.replace(FOLD, "\r\n ")
        elif fold == "in-number-tab":
            ln = ln.replace(FOLD, "\r\n\t")
        else:
            ln = ln.replace(FOLD, "")
        if fold == "75-octets":
            ln = fold_chars(ln, 75, lambda c: len(c.encode(codec)))
        elif fold == "narrow-7":
            ln = fold_chars(ln, 7, lambda c: 1)
        joined.append(ln)
    return bom + (CRLF.join(joined) + CRLF).encode(codec)


# --- MIME -------------------------------------------------------------------


def b64(data):
    s = base64.b64encode(data).decode("ascii")
    return CRLF.join(s[k:k + 76] for k in range(0, len(s), 76)) + CRLF


def qp(data):
    """Quoted-printable (RFC 2045 6.7); CRLF pairs stay line breaks."""
    out, line = [], ""
    k = 0
    while k < len(data):
        if data[k:k + 2] == b"\r\n":
            if line.endswith(" ") or line.endswith("\t"):
                line = line[:-1] + "=%02X" % ord(line[-1])
            out.append(line)
            line = ""
            k += 2
            continue
        c = data[k]
        tok = chr(c) if (33 <= c <= 126 and c != 61) or c == 32 else \
            "=%02X" % c
        if len(line) + len(tok) > 75:
            out.append(line + "=")
            line = ""
        line += tok
        k += 1
    out.append(line)
    return CRLF.join(out) + CRLF


def b64_ragged(data):
    """base64 in lines of uneven length with blanks inside (decoders
    must skip what is not in the alphabet)."""
    s = base64.b64encode(data).decode("ascii")
    out, k, n = [], 0, 1
    while k < len(s):
        out.append(s[k:k + n] + (" " if n % 3 == 0 else ""))
        k += n
        n = n % 97 + 13
    return CRLF.join(out) + CRLF


def qp_soft_everywhere(data):
    """quoted-printable with a soft line break after every character."""
    out = []
    k = 0
    while k < len(data):
        if data[k:k + 2] == b"\r\n":
            out.append("=0D=0A=")
            k += 2
            continue
        c = data[k]
        out.append((chr(c) if 33 <= c <= 126 and c != 61 else "=%02X" % c)
                   + "=")
        k += 1
    return CRLF.join(out) + CRLF


# Content-Transfer-Encoding of the calendar part: (header value, encoder).
CTES = {
    "base64": ("base64", lambda d: b64(d).encode("ascii")),
    "quoted-printable": ("quoted-printable", lambda d: qp(d).encode("ascii")),
    "8bit": ("8bit", lambda d: d),
    "base64-ragged": ("base64", lambda d: b64_ragged(d).encode("ascii")),
    "qp-soft-break-everywhere": ("quoted-printable",
                                 lambda d: qp_soft_everywhere(d)
                                 .encode("ascii")),
    "BASE64-upper-label": ("BASE64", lambda d: b64(d).encode("ascii")),
}


def encode_body(data, cte):
    return CTES[cte][1](data)


def cte_label(cte):
    return CTES[cte][0]


def part(ctype, body, cte, extra=""):
    h = "Content-Type: %s%s" % (ctype, CRLF)
    if cte:
        h += "Content-Transfer-Encoding: %s%s" % (cte, CRLF)
    h += extra
    return h.encode("utf-8") + b"\r\n" + body


def multipart(sub, boundary, parts):
    out = b"Content-Type: multipart/%s; boundary=\"%s\"\r\n\r\n" % (
        sub.encode(), boundary.encode())
    for p in parts:
        out += b"--" + boundary.encode() + b"\r\n" + p
        if not p.endswith(b"\r\n"):
            out += b"\r\n"
    out += b"--" + boundary.encode() + b"--\r\n"
    return out


# --- Subject header encodings (RFC 2047) ------------------------------------


def ew_b(b, cs="utf-8"):
    return "=?%s?B?%s?=" % (cs, base64.b64encode(b).decode("ascii"))


def ew_q(b, cs="utf-8"):
    s = ""
    for c in b:
        if c == 32:
            s += "_"
        elif (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122) or \
                chr(c) in "!*+-/":
            s += chr(c)
        else:
            s += "=%02X" % c
    return "=?%s?Q?%s?=" % (cs, s)


def chunks_chars(s, n):
    return [s[k:k + n] for k in range(0, len(s), n)]


def subj_split(fn, cs="utf-8", codec="utf-8", n=9):
    def f(s):
        return (CRLF + " ").join(fn(c.encode(codec), cs)
                                 for c in chunks_chars(s, n))
    return f


def subj_split_bytes(fn, n=7):
    """Split inside multibyte characters (not allowed, but sent)."""
    def f(s):
        b = s.encode("utf-8")
        return (CRLF + " ").join(fn(b[k:k + n]) for k in range(0, len(b), n))
    return f


def subj_mixed(s):
    half = len(s) // 2
    return ew_b(s[:half].encode()) + CRLF + " " + ew_q(s[half:].encode())


SUBJECTS = {
    "raw-8bit-utf8": lambda s: s,
    "rfc2047-B-utf8": lambda s: ew_b(s.encode()),
    "rfc2047-Q-utf8": lambda s: ew_q(s.encode()),
    "rfc2047-B-lowercase": lambda s: ew_b(s.encode(), "utf-8").replace(
        "?B?", "?b?"),
    "rfc2047-Q-latin1": lambda s: ew_q(s.encode("latin-1"), "iso-8859-1"),
    "rfc2047-B-cp1252": lambda s: ew_b(s.encode("cp1252"), "windows-1252"),
    "rfc2047-B-split-words": subj_split(ew_b),
    "rfc2047-Q-split-words": subj_split(ew_q),
    "rfc2047-B-split-mid-char": subj_split_bytes(ew_b),
    "rfc2047-Q-split-mid-char": subj_split_bytes(ew_q),
    "rfc2047-B-and-Q-mixed": subj_mixed,
    "rfc2047-wrong-label-utf8-as-latin1":
        lambda s: ew_b(s.encode("utf-8"), "iso-8859-1"),
    "rfc2047-wrong-label-latin1-as-utf8":
        lambda s: ew_q(s.encode("latin-1"), "utf-8"),
    "rfc2047-unknown-charset-label":
        lambda s: ew_b(s.encode("utf-8"), "x-unknown"),
    "rfc2047-language-tag": lambda s: ew_q(s.encode(), "utf-8*sv"),
    "rfc2047-utf16-B": lambda s: ew_b(s.encode("utf-16-be"), "utf-16be"),
    "rfc2047-utf7-Q": lambda s: ew_q(s.encode("utf-7"), "utf-7"),
    "rfc2047-iso-8859-15-B": lambda s: ew_b(s.encode("iso8859-15"),
                                            "iso-8859-15"),
    # Raw Latin-1 bytes in the header (no encoded word, not UTF-8).
    "raw-8bit-latin1": lambda s: s.encode("latin-1").decode(
        "utf-8", "surrogateescape"),
    "raw-8bit-folded": lambda s: s.replace(" ", CRLF + " ", 2),
    # A NUL byte first (GMime ended the value there: issue 17).
    "raw-nul-first": lambda s: "\x00" + s,
}

# --- attachment file names (carrier attachment-name) ------------------------
def _pct(b):
    return "".join(chr(c) if c < 128 and (chr(c).isalnum() or
                                          chr(c) in "-._~")
                   else "%%%02X" % c for c in b)


def fn_rfc2231_split(name):
    b = name.encode()
    parts = [b[k:k + 11] for k in range(0, len(b), 11)]
    cd = "".join("; filename*%d*=%s%s" % (k, "utf-8''" if k == 0 else "",
                                           _pct(p)) for k, p in
                 enumerate(parts))
    return "", cd


# Each gives (Content-Type parameters, Content-Disposition parameters).
FNAMES = {
    "quoted-raw-utf8": lambda n: ('; name="%s"' % n, '; filename="%s"' % n),
    "rfc2047-B-split-in-quotes": lambda n: (
        '; name="%s"' % subj_split(ew_b)(n),
        '; filename="%s"' % subj_split(ew_b)(n)),
    "rfc2047-Q-in-quotes": lambda n: ('; name="%s"' % ew_q(n.encode()), ""),
    "rfc2231": lambda n: ("", "; filename*=utf-8''" + _pct(n.encode())),
    "rfc2231-continuations": fn_rfc2231_split,
}

# --- containers -------------------------------------------------------------
CONTAINERS = ["inline-alternative", "attachment-application-ics",
              "attachment-octet-stream", "only-attachment-ics",
              "attachment-name-param-only", "attachment-rfc2231-filename",
              "attachment-text-plain-named-ics", "forwarded-rfc822",
              "forwarded-twice", "nested-multiparts", "bare-ics-file"]
# How each attachment container labels the .ics: (type, extra headers).
ATTACH_LABELS = {
    "attachment-application-ics": ("application/ics; name=\"invite.ics\"",
                                   "Content-Disposition: attachment; "
                                   "filename=\"invite.ics\""),
    "only-attachment-ics": ("application/ics; name=\"invite.ics\"",
                            "Content-Disposition: attachment; "
                            "filename=\"invite.ics\""),
    "attachment-octet-stream": ("application/octet-stream; "
                                "name=\"invite.ics\"",
                                "Content-Disposition: attachment; "
                                "filename=\"invite.ics\""),
    "attachment-name-param-only": ("application/octet-stream; "
                                   "name=\"invite.ics\"", None),
    "attachment-rfc2231-filename": ("application/octet-stream",
                                    "Content-Disposition: attachment; "
                                    "filename*=utf-8''m%C3%B6te%20.ics"),
    "attachment-text-plain-named-ics": ("text/plain; name=\"INVITE.ICS\"",
                                        "Content-Disposition: attachment"),
}


# Headers a mail client shows besides the Subject (issue 17): the
# payload (one line) as a display name, a comment in an address, or the
# text of Keywords, Comments, Thread-Topic, Organization. Each gives the
# header line(s) without the final CRLF; "from" ones replace From.
SHOWN_HEADERS = {
    "cc-display-name-rfc2047": lambda t: "Cc: %s <gast@kommun.example>" %
    ew_q(t.encode()),
    "to-display-name-quoted-utf8": lambda t: 'To: "%s" <gast@kommun.example>'
    ", kollega@kommun.example" % t,
    "from-display-name-rfc2047-b": lambda t: "From: %s "
    "<handlaggare@kommun.example>" % ew_b(t.encode()),
    "reply-to-display-name": lambda t: "Reply-To: %s <svar@kommun.example>"
    % ew_b(t.encode()),
    "cc-comment-after-address": lambda t: "Cc: gast@kommun.example (%s)" % t,
    "keywords": lambda t: "Keywords: " + ew_q(t.encode()),
    "comments": lambda t: "Comments: " + t,
    "thread-topic": lambda t: "Thread-Topic: " + ew_b(t.encode()),
    "organization": lambda t: "Organization: " + ew_q(t.encode()),
}
# The payload in a URI (issue 17): the file name of an ATTACH by URL,
# a URL property's query, the number as a mailto: local part.
URI_CARRIERS = ["attach-uri", "url-property", "attendee-mailto-local"]
# Display names are the participants (like an ATTENDEE CN): the rules
# look for identifiers and topics there, never for a name.
ADDRESS_CARRIERS = {k for k in SHOWN_HEADERS if "display-name" in k or
                    "comment-after" in k}


def headers(subject_raw, msgid, shown=""):
    frm = "From: =?utf-8?q?Handl=C3=A4ggare?= <handlaggare@kommun.example>"
    to = "To: kollega@kommun.example"
    if shown.startswith("From:"):
        frm, shown = shown, ""
    elif shown.startswith("To:"):
        to, shown = shown, ""
    h = (frm + CRLF + (shown + CRLF if shown else "") + to + CRLF +
         "Subject: " + subject_raw + CRLF +
         "Date: Fri, 20 Nov 2026 09:00:00 +0100" + CRLF +
         "Message-ID: <%s@kommun.example>" % msgid + CRLF +
         "MIME-Version: 1.0" + CRLF)
    return h.encode("utf-8", "surrogateescape")


def body_parts(case, pl):
    """text/plain and text/html parts; a body carrier gets the case's
    charset and transfer encoding, the other bodies UTF-8 in QP."""
    carrier = case["carrier"]
    text = pl.text if carrier == "body-text" else \
        "Hej! Välkommen till mötet."
    if carrier == "body-text" and case["nul"] == "before-payload":
        text = "Hej!\x00 " + text
    htm = pl.html if carrier == "body-html" else "Hej! V&auml;lkommen."
    parts = []
    for kind, body in (("plain", text), ("html", "<html><body><p>%s</p>"
                                          "</body></html>" % htm)):
        cs, cte = "utf-8", "quoted-printable"
        data = body.replace(FOLD, "").encode("utf-8")
        if carrier == "body-" + ("text" if kind == "plain" else kind):
            codec, bom, label = CHARSETS[case["charset"]]
            data = bom + body.replace(FOLD, "").encode(codec)
            cs, cte = label, case["cte"]
        parts.append(part("text/%s%s" % (kind, "; charset=" + cs if cs
                                         else ""),
                          encode_body(data, cte), cte_label(cte)))
    return parts[0], parts[1]


def mime_ambiguous(data, how):
    """Headers readers take two ways (issue 17): a second Content-Type
    text/plain after (or before) the message's multipart one, a second
    Content-Transfer-Encoding 7bit after the calendar part's, a decoy
    boundary before the top multipart's."""
    top = data.find(b"Content-Type: multipart/")
    eol = data.find(b"\r\n", top) + 2
    if how == "content-type-plain-last":
        return data[:eol] + b"Content-Type: text/plain\r\n" + data[eol:]
    if how == "content-type-plain-first":
        return data[:top] + b"Content-Type: text/plain\r\n" + data[top:]
    if how == "boundary-decoy-first":
        return data[:top] + data[top:eol].replace(
            b"boundary=", b"boundary=\"decoy\"; boundary=", 1) + data[eol:]
    if how == "cte-7bit-last":
        cal = data.find(b"Content-Type: text/calendar")
        cte = data.find(b"Content-Transfer-Encoding:", cal)
        e = data.find(b"\r\n", cte) + 2
        return data[:e] + b"Content-Transfer-Encoding: 7bit\r\n" + data[e:]
    return data


def build(case, pl, uid):
    """bytes of one message or .ics file for the case and payload."""
    data = mime_ambiguous(build_crlf(case, pl, uid), case["mimeamb"])
    if case["blankfirst"] and case["container"] != "bare-ics-file":
        data = b" \r\n" + data	# a first line of blanks (issue 17)
    if case["eol"] == "lf":
        data = data.replace(b"\r\n", b"\n")
    return data


def build_crlf(case, pl, uid):
    carrier = case["carrier"]
    cal = serialize_ical(calendar_lines(carrier, pl, uid, case["nul"]),
                         case["charset"], case["fold"])
    if case["nul"] == "leading":
        # NUL characters before BEGIN:VCALENDAR (after a byte-order mark)
        codec, bom, _ = CHARSETS[case["charset"]]
        cal = bom + "\x00\x00\x00".encode(codec) + cal[len(bom):]
    if case["container"] == "bare-ics-file":
        return cal
    label = CHARSETS[case["charset"]][2]
    cs = "; charset=%s" % label if label else ""
    cte = case["cte"]
    calbody = encode_body(cal, cte)
    t, h = body_parts(case, pl)
    subject = pl.line if carrier == "subject" else NEUTRAL_SUBJECT
    subj_raw = SUBJECTS[case["subject"]](subject.replace(FOLD, ""))
    c = case["container"]
    if c == "inline-alternative":
        body = multipart("alternative", "alt-%s" % uid, [
            t, h, part("text/calendar; method=REQUEST" + cs, calbody,
                       cte_label(cte))])
    elif c in ATTACH_LABELS:
        mt, extra = ATTACH_LABELS[c]
        att = part(mt + cs, calbody, cte_label(cte),
                   extra + CRLF if extra else "")
        if c == "only-attachment-ics":
            body = multipart("mixed", "mix-%s" % uid, [t, att])
        else:
            body = multipart("mixed", "mix-%s" % uid, [
                multipart("alternative", "alt-%s" % uid, [t, h]), att])
    elif c == "nested-multiparts":
        inner = multipart("alternative", "alt-%s" % uid, [
            t, h, part("text/calendar; method=REQUEST" + cs, calbody,
                       cte_label(cte))])
        rel = multipart("related", "rel-%s" % uid, [
            inner, part("image/png", b64(b"\x89PNG\r\n\x1a\n").encode(),
                        "base64", "Content-ID: <logo@x>" + CRLF)])
        body = multipart("mixed", "mix-%s" % uid, [rel])
    elif c in ("forwarded-rfc822", "forwarded-twice"):
        inner = headers(subj_raw, "inner-" + uid) + multipart(
            "alternative", "alt-%s" % uid, [
                t, h, part("text/calendar; method=REQUEST" + cs, calbody,
                           cte_label(cte))])
        for k in range(2 if c == "forwarded-twice" else 1):
            fwd_text = part("text/plain; charset=utf-8",
                            "Vidarebefordrar kallelsen.\r\n".encode(),
                            "8bit")
            inner = headers("VB: " + NEUTRAL_SUBJECT, "fwd%d-%s" % (k, uid)) \
                + multipart("mixed", "fwd%d-%s" % (k, uid), [
                    fwd_text, part("message/rfc822", inner, None)])
        return inner
    else:
        raise ValueError(c)
    if carrier == "attachment-name":
        ctp, cdp = FNAMES[case["fname"]](pl.line + ".pdf")
        pdf = part("application/pdf" + ctp, b64(b"%PDF-1.4\n").encode(),
                   "base64", "Content-Disposition: attachment" + cdp + CRLF)
        body = multipart("mixed", "att-%s" % uid, [body, pdf])
    shown = SHOWN_HEADERS[carrier](pl.line.replace(FOLD, "")) \
        if carrier in SHOWN_HEADERS else ""
    return headers(subj_raw, uid, shown) + body


# --- the case space ---------------------------------------------------------
ICAL_CARRIERS = ["summary", "description", "location", "comment", "altdesc"]
DEFAULT = {"carrier": "summary", "numfmt": "hyphen", "charset": "utf-8",
           "cte": "base64", "fold": "75-octets",
           "container": "inline-alternative", "subject": "rfc2047-Q-utf8",
           "textfmt": "plain", "eol": "crlf", "fname": "rfc2231",
           "nul": "none", "mimeamb": "none", "blankfirst": False}

VIOLATION_RULES = "name person-topic personnummer topic"


def cases():
    """Every case as a dict over DEFAULT's keys; deduplicated."""
    out = []

    def add(**kw):
        c = dict(DEFAULT)
        c.update(kw)
        out.append(c)
    # 1. Every number disguise in every iCalendar text and both bodies.
    for nf in NUMFMTS:
        for car in ICAL_CARRIERS + ["body-text", "body-html",
                                    "description-escapes"]:
            add(carrier=car, numfmt=nf)
    # 2. Markup inside the number, where HTML is read.
    for nf in HTMLFMTS:
        for car in ("altdesc", "body-html"):
            add(carrier=car, numfmt=nf)
    # 3. The Subject in every header encoding, with several number forms.
    sub_nf = ["hyphen", "nbsp", "en-dash", "zwsp-between-digits",
              "fullwidth-digits"]
    for k, enc in enumerate(SUBJECTS):
        for j, nf in enumerate(sub_nf):
            if (k + j) % 2 == 0 or enc == "rfc2047-B-split-mid-char":
                add(carrier="subject", subject=enc, numfmt=nf)
    # 4. Calendar bytes: charset x transfer encoding x folding.
    k = 0
    for cs in CHARSETS:
        for cte in CTES:
            if cte == "8bit" and CHARSETS[cs][0].startswith(WIDE):
                continue	# NUL bytes: binary, not 8bit
            for fold in FOLDS:
                if fold in ("75-bytes-splitting-utf8", "inside-utf8-char") \
                        and CHARSETS[cs][0] != "utf-8":
                    continue
                if fold == "vcal1-quoted-printable" and \
                        CHARSETS[cs][0].startswith(WIDE):
                    continue
                car = ["summary", "description", "altdesc"][k % 3]
                nf = ["hyphen", "nbsp", "en-dash",
                      "soft-hyphen-between-digits",
                      "dot"][k % 5]
                if fold.startswith("in-number"):
                    nf = "hyphen"	# the fold itself is the disguise
                add(carrier=car, numfmt=nf, charset=cs, cte=cte, fold=fold)
                k += 1
    # 5. Containers x transfer encodings x a few charsets and carriers.
    for c in CONTAINERS:
        for cte in CTES:
            for cs in ("utf-8", "utf-16le-bom", "windows-1252"):
                if cte == "8bit" and CHARSETS[cs][0].startswith(WIDE):
                    continue
                for car in ("summary", "description", "altdesc", "subject"):
                    if car == "subject" and c == "bare-ics-file":
                        continue
                    add(container=c, cte=cte, charset=cs, carrier=car,
                        numfmt="hyphen" if car != "altdesc" else "nbsp",
                        subject="rfc2047-B-utf8")
    # 6. Disguised words (the name and the term) in every text carrier.
    for tf in TEXTFMTS:
        cars = ["altdesc", "body-html"] if tf.startswith("html-") else \
            ["summary", "description", "subject", "body-text", "altdesc",
             "location"]
        for j, car in enumerate(cars):
            for nf in ("hyphen", "nbsp", "zwsp-between-digits"):
                add(carrier=car, textfmt=tf, numfmt=nf,
                    subject=["rfc2047-B-utf8", "rfc2047-Q-split-words",
                             "raw-8bit-utf8"][j % 3])
    # 7. Bodies in every charset and transfer encoding.
    for k, cs in enumerate(CHARSETS):
        for cte in CTES:
            car = ["body-text", "body-html"][k % 2]
            add(carrier=car, charset=cs, cte=cte,
                numfmt=["hyphen", "en-dash", "nbsp"][k % 3])
    # 8. Unix line ends (LF only) in several structures.
    for c in CONTAINERS:
        for cte in ("8bit", "base64", "quoted-printable"):
            add(container=c, cte=cte, eol="lf", carrier="description",
                fold="in-number")
    # 9. The payload as an attachment's file name, in every encoding.
    for fn in FNAMES:
        for nf in ("hyphen", "nbsp", "en-dash", "zwsp-between-digits"):
            for c in ("inline-alternative", "only-attachment-ics"):
                add(carrier="attachment-name", fname=fn, numfmt=nf,
                    container=c)
    # 10. NUL characters (issue 17): raw (8bit), as QP "=00", in base64,
    # in UTF-16; before the payload or before BEGIN:VCALENDAR. A copy
    # that stopped at the first NUL hid the payload, and leading NULs
    # made the calendar a PUBLISH.
    for nul in ("before-payload", "leading"):
        for cte in ("8bit", "quoted-printable", "base64"):
            for car in ("summary", "description", "altdesc",
                        "description-escapes"):
                for c in ("inline-alternative", "only-attachment-ics"):
                    add(nul=nul, cte=cte, carrier=car, container=c)
        for cs in ("utf-16le-bom", "utf-16be-nobom", "iso-8859-1"):
            add(nul=nul, cte="base64", charset=cs, carrier="description")
        add(nul=nul, container="bare-ics-file", carrier="summary")
        add(nul=nul, container="bare-ics-file", carrier="description",
            charset="utf-16le-bom")
    for cte in ("8bit", "quoted-printable", "base64"):
        add(nul="before-payload", cte=cte, carrier="body-text")
    for nf in ("hyphen", "nbsp"):
        add(carrier="subject", subject="raw-nul-first", numfmt=nf)
        add(carrier="subject", subject="raw-nul-first", numfmt=nf,
            container="only-attachment-ics")
    # 11. Ambiguous MIME headers (issue 17): every reading is examined.
    for amb in ("content-type-plain-last", "content-type-plain-first",
                "boundary-decoy-first", "cte-7bit-last"):
        for cte in ("base64", "quoted-printable"):
            for car in ("summary", "description", "subject", "body-text"):
                add(mimeamb=amb, cte=cte, carrier=car)
        add(mimeamb=amb, container="nested-multiparts", carrier="summary")
        add(mimeamb=amb, container="only-attachment-ics",
            carrier="description", eol="lf")
    # 12. Headers people read (issue 17): display names, comments,
    # Keywords, Comments, Thread-Topic, Organization.
    for car in SHOWN_HEADERS:
        for nf in ("hyphen", "nbsp", "en-dash", "zwsp-between-digits"):
            add(carrier=car, numfmt=nf)
        add(carrier=car, container="only-attachment-ics",
            cte="quoted-printable")
        add(carrier=car, textfmt="nfd-decomposed", eol="lf")
    # 13. The payload in a URI (issue 17).
    for car in URI_CARRIERS:
        for nf in ("hyphen", "none", "nbsp", "en-dash", "century-plus",
                   "zwsp-between-digits"):
            add(carrier=car, numfmt=nf)
        add(carrier=car, container="only-attachment-ics", charset="utf-16le-bom")
        add(carrier=car, container="bare-ics-file", charset="utf-32be-bom")
    # 14. A first line of blanks before the headers (issue 17).
    for car in ("summary", "subject", "body-text", "attachment-name"):
        for c in ("inline-alternative", "only-attachment-ics"):
            add(carrier=car, container=c, blankfirst=True)
    add(carrier="description", blankfirst=True, eol="lf")
    # 15. Everything at once.
    for c in ("forwarded-rfc822", "only-attachment-ics", "nested-multiparts"):
        for nf in ("zwsp-between-digits", "fullwidth-digits", "minus-sign"):
            add(container=c, cte="base64", charset="utf-16be-bom",
                fold="narrow-7", carrier="description", numfmt=nf)
        add(container=c, cte="quoted-printable", charset="utf-8",
            fold="in-number", carrier="altdesc", numfmt="html-bold-split")
        add(container=c, cte="qp-soft-break-everywhere",
            charset="wrong-utf8-labelled-latin1", fold="inside-utf8-char",
            carrier="summary", numfmt="soft-hyphen-between-digits",
            textfmt="zwsp-in-words", eol="lf")
    seen, uniq = set(), []
    for c in out:
        key = tuple(sorted(c.items()))
        if key not in seen:
            seen.add(key)
            uniq.append(c)
    return uniq


def disguise_name(c):
    parts = []
    for k in ("carrier", "numfmt", "textfmt", "charset", "cte", "fold",
              "container", "subject", "fname", "eol", "nul", "mimeamb",
              "blankfirst"):
        if k == "subject" and c["carrier"] != "subject":
            continue
        if k == "fname" and c["carrier"] != "attachment-name":
            continue
        if c[k] != DEFAULT[k] or k in ("carrier", "numfmt"):
            parts.append("%s=%s" % (k, c[k]))
    return ",".join(parts)


def fmt_of(name):
    return NUMFMTS.get(name) or HTMLFMTS[name]


def representable(c, pl):
    """False when the payload cannot exist in this disguise."""
    html_only = pl.text is None or c["textfmt"].startswith("html-")
    if html_only and c["carrier"] not in ("altdesc", "body-html"):
        return False
    if c["cte"] == "8bit" and CHARSETS[c["charset"]][0].startswith(WIDE):
        return False	# NUL bytes: binary, not 8bit
    if c["carrier"] not in ("summary", "description", "location", "comment",
                            "altdesc", "description-escapes") and \
            c["fold"].startswith("in-number"):
        return False
    if c["carrier"] == "attachment-name" and c["container"] in (
            "bare-ics-file", "forwarded-rfc822", "forwarded-twice"):
        return False
    codec = CHARSETS[c["charset"]][0]
    try:
        (pl.text or "").encode(codec)
        pl.html.encode(codec)
    except UnicodeEncodeError:
        return False
    if c["carrier"] == "subject":
        try:
            SUBJECTS[c["subject"]](pl.line.replace(FOLD, ""))
        except UnicodeEncodeError:
            return False
    return True


# --- TNEF (winmail.dat) ------------------------------------------------------
# A minimal TNEF writer (MS-OXTNEF): the signature and key, attributes
# with their checksums, message properties as MAPI properties (strings
# as PT_UNICODE), an attachment's name. A meeting request read from one
# is examined like any invitation; other TNEF (a plain RTF mail) is no
# invitation; TNEF that cannot be read is not-inspectable.
TNEF_SIG = b"\x78\x9f\x3e\x22\x01\x00"
PSETID_APPOINTMENT = bytes.fromhex("0220060000000000c000000000000046")


def le32(v):
    return v.to_bytes(4, "little")


def tnef_attr(level, aid, data):
    return (bytes([level]) + le32(aid) + le32(len(data)) + data +
            (sum(data) & 0xFFFF).to_bytes(2, "little"))


def tnef_value(s):
    """One PT_UNICODE value: count, size, UTF-16LE with its NUL, padded."""
    v = s.encode("utf-16-le") + b"\0\0"
    return le32(1) + le32(len(v)) + v + b"\0" * (-len(v) % 4)


def tnef_str(tag, s):
    return le32(tag) + tnef_value(s)


def tnef_named_str(lid, s):
    """A string named property of the appointment set (PidLid*)."""
    return le32(0x8000001F) + PSETID_APPOINTMENT + le32(0) + le32(lid) + \
        tnef_value(s)


def tnef_blob(cls, props=(), attach=None):
    out = TNEF_SIG + tnef_attr(1, 0x00078008, cls.encode() + b"\0")
    out += tnef_attr(1, 0x00069003, le32(len(props)) + b"".join(props))
    if attach is not None:
        out += tnef_attr(2, 0x00069002, b"\x01" + bytes(13))	# attAttachRendData
        out += tnef_attr(2, 0x00069005, le32(1) +
                         tnef_str(0x3707001F, attach))	# PR_ATTACH_LONG_FILENAME
    return out


def tnef_meeting(subject, body, location, cls="IPM.Schedule.Meeting.Request"):
    return tnef_blob(cls, [
        tnef_str(0x0037001F, subject),				# PR_SUBJECT
        tnef_str(0x1000001F, body),				# PR_BODY
        tnef_named_str(0x8208, location),			# PidLidLocation
        tnef_str(0x0065001F, "handlaggare@kommun.example"),	# sender
        tnef_str(0x0E04001F, "Kollega <kollega@kommun.example>"),  # To
    ], "agenda.pdf")


def tnef_broken():
    """A meeting request cut inside its message properties."""
    return tnef_meeting("Avstämning", "Hej", "Rum 1")[:60]


# name: (MIME type of winmail.dat, the payload's place, manifest kind)
TNEF_CASES = {
    # read: a meeting request, the payload in one field (violation and twin)
    "tnef-meeting-subject": ("application/ms-tnef", "subject", "pair"),
    "tnef-meeting-body": ("application/ms-tnef", "body", "pair"),
    "tnef-meeting-location": ("application/ms-tnef", "location", "pair"),
    "tnef-meeting-octet-stream": ("application/octet-stream", "subject",
                                  "pair"),
    "tnef-meeting-forwarded": ("application/ms-tnef", "body-forward", "pair"),
    # read: a plain (RTF) mail with the payload: no invitation
    "tnef-note-not-invitation": ("application/ms-tnef", "note", "plain"),
    # unreadable: not-inspectable, whatever else the message holds
    "tnef-broken-ms-tnef": ("application/ms-tnef", "broken", "uninspectable"),
    "tnef-broken-octet-stream": ("application/octet-stream", "broken",
                                 "uninspectable"),
    "tnef-broken-violation-in-body": ("application/ms-tnef", "broken-body",
                                      "uninspectable"),
    "tnef-broken-forwarded": ("application/ms-tnef", "broken-forward",
                              "uninspectable"),
    "tnef-broken-next-to-clean-calendar": ("application/ms-tnef",
                                           "broken-calendar",
                                           "uninspectable"),
}


def build_tnef(name, pl, uid):
    mt, how, _ = TNEF_CASES[name]
    text = pl.text if how == "broken-body" else "Hej! Se kallelsen."
    subj, body, loc = NEUTRAL_SUBJECT, "Välkommen.", "Rum 1"
    if how.startswith("broken"):
        blob = tnef_broken()
    elif how == "note":
        blob = tnef_blob("IPM.Note", [tnef_str(0x0037001F, pl.line),
                                      tnef_str(0x1000001F, pl.text)],
                         "protokoll.docx")
    else:
        if how == "subject":
            subj = pl.line
        elif how == "location":
            loc = pl.line
        else:
            body = pl.text
        blob = tnef_meeting(subj, body, loc)
    t = part("text/plain; charset=utf-8", qp(text.encode()).encode(),
             "quoted-printable")
    w = part(mt + "; name=\"winmail.dat\"", b64(blob).encode(),
             "base64", "Content-Disposition: attachment; "
             "filename=\"winmail.dat\"" + CRLF)
    parts = [t, w]
    if how == "broken-calendar":
        clean = twin(NUMFMTS["hyphen"])
        parts.append(part("text/calendar; method=REQUEST; charset=utf-8",
                          b64(serialize_ical(calendar_lines(
                              "summary", clean, uid), "utf-8", "75-octets"))
                          .encode(), "base64"))
    body = multipart("mixed", "tnef-" + uid, parts)
    if how.endswith("forward"):
        inner = headers(NEUTRAL_SUBJECT, "inner-" + uid) + body
        body = multipart("mixed", "fwd-" + uid, [
            part("text/plain; charset=utf-8", b"VB\r\n", "7bit"),
            part("message/rfc822", inner, None)])
    return headers(ew_q(NEUTRAL_SUBJECT.encode()), uid) + body


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: gen.py OUTDIR\n")
        return 2
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    rows = []
    n = 0
    for c in cases():
        nf = fmt_of(c["numfmt"])
        pv, pt = violation(n, nf, c["textfmt"]), twin(nf, c["textfmt"])
        if not (representable(c, pv) and representable(c, pt)):
            continue
        n += 1
        ext = "ics" if c["container"] == "bare-ics-file" else "eml"
        d = disguise_name(c)
        vrules = VIOLATION_RULES if c["carrier"] not in ADDRESS_CARRIERS \
            else "person-topic personnummer topic"
        if c["carrier"] == "attendee-mailto-local":
            vrules = "personnummer"	# only the number is there
        for kind, pl, want in (("violation", pv, vrules),
                               ("twin", pt, "-")):
            f = "%04d-%s.%s" % (n, "v" if kind == "violation" else "c", ext)
            with open(os.path.join(outdir, f), "wb") as fp:
                fp.write(build(c, pl, "ev%04d%s" % (n, kind[0])))
            rows.append("\t".join((f, kind, d, want)))
    for name in TNEF_CASES:
        n += 1
        kind = TNEF_CASES[name][2]
        pv = violation(n, NUMFMTS["hyphen"])
        if kind == "pair":
            runs = (("violation", "v", pv, VIOLATION_RULES),
                    ("twin", "c", twin(NUMFMTS["hyphen"]), "-"))
        elif kind == "plain":
            runs = (("plain", "t", pv, "-"),)
        else:
            want = "not-inspectable"
            if TNEF_CASES[name][1] == "broken-body":
                want += " " + VIOLATION_RULES
            runs = (("uninspectable", "t", pv, want),)
        for k, suffix, pl, want in runs:
            f = "%04d-%s.eml" % (n, suffix)
            with open(os.path.join(outdir, f), "wb") as fp:
                fp.write(build_tnef(name, pl, "ev%04d%s" % (n, suffix)))
            rows.append("\t".join((f, k, name, want)))
    with open(os.path.join(outdir, "manifest.tsv"), "w") as fp:
        fp.write("# file\tkind\tdisguise\trules (flag or reject; - = none)\n")
        fp.write("\n".join(rows) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
