#!/bin/sh
# Issue 6 end to end, through the private Postfix of tests/postfix-lib.sh
# with invite-milter as its milter and smtp-sink as the next hop.
#  A. mode reject, notices by SMTP to Postfix's own port: a rejected
#     invitation gives exactly one notice at the sink, to the sender,
#     with no identifier in clear and an attached kallelse.ics that
#     libical, Python icalendar and invite-check accept; the notice
#     passes the milter once (no loop); no notice for the null sender,
#     an excluded sender or a forged loop-stop header.
#  B. modes redact (personnummer) and notify (recurring-external),
#     notices through the sendmail binary: the corrected message is
#     delivered as valid MIME and clean; the series is delivered as it
#     was; each sender gets one notice.
# Prints only file names, counts and facts, never message text.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/postfix-lib.sh"
bin=$TOP/$B/invite-milter
tool=$TOP/$B/tests/correct
check=$TOP/$B/invite-check
case "$B" in /*) bin=$B/invite-milter; tool=$B/tests/correct; check=$B/invite-check ;; esac
if ! command -v postfix >/dev/null || ! command -v swaks >/dev/null; then
	skip "e2e notice" "postfix or swaks missing"; exit 0
fi
if [ "$(id -u)" != 0 ]; then skip "e2e notice" "needs root for a private Postfix"; exit 0; fi
PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import icalendar' 2>/dev/null; then PY=$p; break; fi
done
PYM=${PY:-python3}	# the e-mail checks need no icalendar
tmp=$(mktemp -d)
chmod 755 "$tmp"
sock=$tmp/milter.sock
mpid=
cleanup() { pf_stop; [ -n "$mpid" ] && kill "$mpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap - EXIT
c=$TOP/tests/corpus

pf_start "unix:$sock"; ok $? "private Postfix started"
cat >"$tmp/im.conf" <<EOC
[general]
internal_domains = kommun.example
[log]
syslog = false
file = $tmp/decisions.log
EOC

mkconf() {	# notice-group -> $tmp/run.conf (the main config with [notice])
	cat "$tmp/im.conf" "$1" >"$tmp/run.conf.new" && mv "$tmp/run.conf.new" "$tmp/run.conf"
}
start_milter() {	# notice-group
	[ -n "$mpid" ] && { kill "$mpid"; wait "$mpid" 2>/dev/null; }
	rm -f "$sock"
	mkconf "$1"
	"$bin" -f -p "unix:$sock" -c "$tmp/run.conf" >"$tmp/milter.out" 2>&1 &
	mpid=$!
	pf_milter_sock "$sock" 50
}
send() {	# from file [to] -> swaks transcript in $tmp/swaks.out
	swaks --server "127.0.0.1:$PF_PORT" --from "$1" \
	    --to "${3:-extern@region.example}" --data "$2" >"$tmp/swaks.out" 2>&1
}
sinkn() { ls "$PF_SINK" | wc -l | tr -d ' '; }
settle() {	# wait for N files, then a little for strays
	pf_wait_sink "$1"; sleep 1.5
}

# ---- A: reject + notice over SMTP ----
# outgoing = all: the replay checks below send from <> to an internal
# address, which the default reading of "outgoing" (a recipient outside
# the internal domains) would accept unread as inbound mail.
cat >"$tmp/notice-a.conf" <<EOC
[milter]
outgoing = all
[notice]
enable = true
transport = smtp
smtp = 127.0.0.1:$PF_PORT
exclude = excluded@kommun.example; @tyst.kommun.example
EOC
start_milter "$tmp/notice-a.conf"
"$bin" -p "unix:$tmp/n.sock" -n -c "$tmp/run.conf" >/dev/null 2>&1
ok $? "milter accepts the [notice] group in its configuration"
printf '[notice]\nmode = drop\n' >"$tmp/bad.conf"
"$bin" -n -c "$tmp/bad.conf" >"$tmp/n.out" 2>&1; r=$?
is "$r" 2 "a bad [notice] value: configuration refused (exit 2)"
grep -q 'bad.conf:2: \[notice\] mode: use reject, redact or notify' "$tmp/n.out"
ok $? "the error names file, line, group and key"
"$bin" -N "$tmp/notice-a.conf" -n >/dev/null 2>&1; r=$?
is "$r" 2 "-N is gone: [notice] lives in the main configuration"

send a@kommun.example "$c/002-pnr-subject.eml"; r=$?
test $r -ne 0; ok $? "personnummer invitation refused"
grep -q '<\*\* *550.*corrected invitation was sent to you' "$tmp/swaks.out"
ok $? "550 reply says a notice with a corrected invitation was sent"
settle 1
is "$(sinkn)" 1 "exactly one message at the sink: the notice, once"
f=$PF_SINK/$(ls "$PF_SINK" | head -1)
"$PYM" - "$f" "$tmp" <<'PYEOF' >"$tmp/a.py" 2>&1
import sys, re, email
from email import policy
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=policy.default)
assert "a@kommun.example" in str(m["To"]), "addressed to the sender"
rcpt = str(m.get("X-Rcpt-Args", ""))
assert rcpt == "" or "a@kommun.example" in rcpt, "envelope to the sender"
mail = str(m.get("X-Mail-Args", ""))
assert mail == "" or "<>" in mail or mail.strip() == "", "null envelope sender"
assert m["Auto-Submitted"] == "auto-generated", "Auto-Submitted"
assert re.match(r"2; t=[0-9]+; sig=[0-9a-f]{64}$", m["X-Invite-Milter-Notice"]), "loop-stop header"
assert "Avst" not in "" and "1212" not in str(m["Subject"]), "subject clean"
assert not m.defects, "no MIME defects"
text = ""
ics = None
for p in m.walk():
    if p.get_filename() == "kallelse.ics":
        ics = p.get_payload(decode=True)
        open(sys.argv[2] + "/kallelse.ics", "wb").write(ics)
    elif p.get_content_type() in ("text/plain", "text/html"):
        text += p.get_content()
assert ics is not None, "kallelse.ics attached"
allt = text + ics.decode("utf-8")
flat = re.sub(r"[\s\r\n]", "", allt)
# the identifiers of the samples, in any spacing
ID = r"(19|20)?121212[-+]?1212"
assert not re.search(ID, flat), "no identifier in clear"
assert "19121212-****" in text, "masked evidence shown"
assert "Riktlinjen" in text and "The guideline" in text, "both languages"
assert text.index("Hej!") < text.index("Hello"), "Swedish first"
print("ok")
PYEOF
r=$?; [ $r -ne 0 ] && grep -i 'assert\|error' "$tmp/a.py" | head -3 | sed 's/^/# /'
ok $r "notice: to the sender, from <>, auto-generated, masked, Swedish first, .ics attached"
"$tool" -v "$tmp/kallelse.ics" 2>/dev/null; ok $? "attached .ics: libical parses it (RFC 5546 REQUEST)"
if [ -n "$PY" ]; then
	"$PY" -c 'import sys, icalendar; c = icalendar.Calendar.from_ical(open(sys.argv[1],"rb").read()); assert len(list(c.walk("VEVENT"))) == 1' "$tmp/kallelse.ics"
	ok $? "attached .ics: Python icalendar parses it"
else
	skip "attached .ics: Python icalendar" "no python3 with icalendar"
fi
"$check" -D kommun.example "$tmp/kallelse.ics" >/dev/null; ok $? "attached .ics: invite-check finds it clean"
"$check" -D kommun.example "$f" >/dev/null; ok $? "the notice itself: invite-check finds it clean"
grep -q '^{"time":"[0-9T:.-]*Z","event":"notice".*"result":"sent"' "$tmp/decisions.log"; ok $? "notice logged as sent, with its time (the daemon's log writer)"
grep '"event":"notice"' "$tmp/decisions.log" | grep -q 'a@kommun'; test $? -ne 0
ok $? "notice log line holds no address"

n0=$(sinkn)
nonotice() {	# what: the 550 reply must not promise a notice
	grep -q '<\*\* *550' "$tmp/swaks.out"; ok $? "$1: 550"
	grep -q 'corrected invitation was sent' "$tmp/swaks.out"; test $? -ne 0
	ok $? "$1: the reply promises no notice"
}
send '<>' "$c/002-pnr-subject.eml"; test $? -ne 0; ok $? "null sender: invitation refused"
nonotice "null sender"
send excluded@kommun.example "$c/002-pnr-subject.eml"; test $? -ne 0; ok $? "excluded sender: refused"
nonotice "excluded sender"
send b@tyst.kommun.example "$c/002-pnr-subject.eml"; test $? -ne 0; ok $? "excluded domain: refused"
nonotice "excluded domain"
# a forged loop-stop header does not get an invitation through
sed '1i X-Invite-Milter-Notice: 1; sig=0000000000000000000000000000000000000000000000000000000000000000' \
    "$c/002-pnr-subject.eml" >"$tmp/forged.eml"
send '<>' "$tmp/forged.eml"; test $? -ne 0; ok $? "forged loop-stop header: still refused"
# a real notice, sent again by hand from <>, passes unexamined
send '<>' "$f" a@kommun.example; ok $? "a notice re-sent from <> is accepted"
settle $((n0 + 1))
is "$(sinkn)" $((n0 + 1)) "no notice for <>, excluded or forged; the re-sent notice arrived"
n=$(grep -c '"event":"notice_passed"' "$tmp/decisions.log")
is "$n" 2 "the milter let its own notices pass unexamined (the first and the re-sent one)"
# Issue 17, bypass 5: the signature binds the headers a reader sees and
# the recipient. The captured notice with a new Subject holding a
# personnummer is examined like any mail and stopped; sent as it is to
# another recipient it is examined too (and, clean, delivered).
"$PYM" - "$f" "$tmp/replay.eml" <<'PYEOF'
import re, sys
raw = open(sys.argv[1], "rb").read().replace(b"\r\n", b"\n")
h, sep, b = raw.partition(b"\n\n")
h2 = re.sub(rb"(?mi)^Subject:.*(\n[ \t].*)*",
            "Subject: Uppf\u00f6ljning 19121212-1212".encode(), h, count=1)
assert h2 != h
open(sys.argv[2], "wb").write(h2 + sep + b)
PYEOF
d0=$(grep -c '"event":"decision"' "$tmp/decisions.log")
send '<>' "$tmp/replay.eml" a@kommun.example; test $? -ne 0
ok $? "a replayed notice with a new Subject and a personnummer: refused"
grep -q '<\*\* *550' "$tmp/swaks.out"; ok $? "replayed notice: 550"
send '<>' "$f" other@kommun.example; ok $? "the notice to another recipient: examined, clean, accepted"
n=$(grep -c '"event":"notice_passed"' "$tmp/decisions.log")
is "$n" 2 "neither replay passed as our own notice"
n=$(grep -c '"event":"decision"' "$tmp/decisions.log")
is "$n" $((d0 + 2)) "both replays got a decision of their own"
settle $((n0 + 2))

# ---- B: redact and notify, notices through the sendmail binary ----
cat >"$tmp/sendmail" <<EOS
#!/bin/sh
exec /usr/sbin/sendmail -C "$PF_DIR" "\$@"
EOS
chmod 755 "$tmp/sendmail"
cat >"$tmp/notice-b.conf" <<EOC
[notice]
enable = true
transport = sendmail
sendmail = $tmp/sendmail
redact = personnummer
notify = recurring-external
EOC
start_milter "$tmp/notice-b.conf"
rm -f "$PF_SINK"/*
send r@kommun.example "$c/004-outlook-pnr-description.eml"; ok $? "redact: the invitation is accepted"
settle 2
is "$(sinkn)" 2 "redact: the corrected invitation and one notice at the sink"
"$PYM" - "$PF_SINK" "$tmp" <<'PYEOF' >"$tmp/b.py" 2>&1
import sys, os, re, email
from email import policy
d = sys.argv[1]
ID = r"(19|20)?121212[-+]?1212"
inv = notice = None
for n in os.listdir(d):
    m = email.message_from_bytes(open(os.path.join(d, n), "rb").read(),
                                 policy=policy.default)
    if m["X-Invite-Milter-Notice"]:
        notice = m
    else:
        inv = m
        open(sys.argv[2] + "/redacted.eml", "wb").write(
            open(os.path.join(d, n), "rb").read())
assert inv is not None and notice is not None, "both arrived"
assert "r@kommun.example" in str(notice["To"]), "notice to the sender"
assert str(inv["Subject"]) == "Avstämning", "neutral subject"
assert str(inv["X-Invite-Policy"]).startswith("redacted; rules="), "policy header"
assert not inv.defects, "valid MIME"
cal = None
for p in inv.walk():
    assert not p.defects, "valid part"
    if p.get_content_type() == "text/calendar":
        cal = p.get_payload(decode=True).decode()
    elif p.get_content_maintype() == "text":
        t = re.sub(r"\s", "", p.get_content())
        assert not re.search(ID, t), "no identifier"
        assert "teams.microsoft.com/l/meetup-join" in t, "Teams link kept"
assert cal and "METHOD:REQUEST" in cal, "calendar part"
assert not re.search(ID, re.sub(r"\s", "", cal)), "no identifier in the calendar"
print("ok")
PYEOF
r=$?; [ $r -ne 0 ] && grep -i 'assert\|error' "$tmp/b.py" | head -3 | sed 's/^/# /'
ok $r "redact: valid MIME, neutral subject, no identifier, Teams link kept, notice to the sender"
"$check" -D kommun.example "$tmp/redacted.eml" >/dev/null; ok $? "redact: invite-check finds the delivered message clean"

# Issue 17 item 6: the headers a client shows are redacted too. A
# personnummer in display names (quoted, ISO-8859-1 encoded word), an
# address comment and Comments: is cut; the addresses arrive unchanged.
# One in an address itself cannot be cut: 550, and the log says why.
"$PYM" - "$c/004-outlook-pnr-description.eml" "$tmp" <<'PYEOF'
import sys
raw = open(sys.argv[1], "rb").read()
P = b"1912" b"1212-1212"
to = b"To: guest0@socialtjanst.kommun.example"
names = (b'To: "Anna Svensson ' + P + b'" <extern@region.example>,\n'
         b' guest0@socialtjanst.kommun.example (Bo ' + P + b')\n'
         b'Cc: =?iso-8859-1?q?P=E4r_' + P + b'?= <par@region.example>\n'
         b'Comments: om ' + P)
open(sys.argv[2] + "/names.eml", "wb").write(raw.replace(to, names, 1))
local = b'To: "Anna" <' + P + b'@region.example>, "Bo ' + P + b'" <extern@region.example>'
open(sys.argv[2] + "/local.eml", "wb").write(raw.replace(to, local, 1))
PYEOF
rm -f "$PF_SINK"/*
send r@kommun.example "$tmp/names.eml"; ok $? "redact, display names: accepted"
settle 2
"$PYM" - "$PF_SINK" "$tmp" <<'PYEOF' >"$tmp/d.py" 2>&1
import sys, os, re, email
from email import policy
ID = re.compile(r"(19|20)?\d{6}[-+ ]?\d{4}")
inv = None
for n in os.listdir(sys.argv[1]):
    raw = open(os.path.join(sys.argv[1], n), "rb").read()
    m = email.message_from_bytes(raw, policy=policy.default)
    if not m["X-Invite-Milter-Notice"]:
        inv, keep = m, raw
assert inv is not None, "the invitation arrived"
open(sys.argv[2] + "/names-out.eml", "wb").write(keep)
head = keep.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].decode("latin-1")
for name in ("To", "Cc", "Comments", "From"):
    v = str(inv[name] or "")
    assert not ID.search(re.sub(r"\s", "", v)), "no identifier in " + name
assert not ID.search(re.sub(r"Message-ID:.*|Date:.*|Received:.*(\n[ \t].*)*", "", head)), "no identifier in any header"
for a in ("extern@region.example", "guest0@socialtjanst.kommun.example",
          "par@region.example"):
    assert a in head, "an address changed"
to = inv["To"].addresses
assert to[0].display_name == "Anna Svensson", "display name kept, number cut"
assert to[0].addr_spec == "extern@region.example", "address kept"
assert inv["Cc"].addresses[0].display_name == "P\u00e4r", "encoded word re-encoded"
assert str(inv["Comments"]).strip() == "om", "Comments cut"
assert not inv.defects, "valid headers"
print("ok")
PYEOF
r=$?; [ $r -ne 0 ] && grep -i 'assert\|error' "$tmp/d.py" | head -3 | sed 's/^/# /'
ok $r "redact, display names: no identifier in the delivered headers, addresses and names kept"
"$check" -D kommun.example "$tmp/names-out.eml" >/dev/null; ok $? "redact, display names: invite-check finds it clean"
rm -f "$PF_SINK"/*
send r@kommun.example "$tmp/local.eml"; test $? -ne 0; ok $? "redact, identifier in an address: refused"
grep -q '<\*\* *550' "$tmp/swaks.out"; ok $? "identifier in an address: 550"
grep '"event":"redact"' "$tmp/decisions.log" | grep -q '"reason":"a finding in an address"'
ok $? "the log says why the redaction failed safe"
grep '"event":"redact"' "$tmp/decisions.log" | grep -Eq '[0-9]{6}[-+]?[0-9]{4}'
test $? -ne 0; ok $? "the redact log line holds no identifier"
settle 1

rm -f "$PF_SINK"/*
send s@kommun.example "$c/100-weekly-external.eml"; ok $? "notify: the series is delivered"
settle 2
is "$(sinkn)" 2 "notify: the invitation and one notice at the sink"
"$PYM" - "$PF_SINK" "$c/100-weekly-external.eml" <<'PYEOF' >"$tmp/c.py" 2>&1
import sys, os, email
from email import policy
orig = open(sys.argv[2], "rb").read().replace(b"\r\n", b"\n").partition(b"\n\n")[2]
seen = 0
for n in os.listdir(sys.argv[1]):
    raw = open(os.path.join(sys.argv[1], n), "rb").read()
    m = email.message_from_bytes(raw, policy=policy.default)
    if m["X-Invite-Milter-Notice"]:
        assert "s@kommun.example" in str(m["To"]), "notice to the sender"
        assert "kallelse.ics" not in raw.decode("utf-8", "replace"), \
            "notify attaches no calendar"
        seen += 1
    else:
        body = raw.replace(b"\r\n", b"\n").partition(b"\n\n")[2]
        assert body.rstrip(b"\n") == orig.rstrip(b"\n"), "delivered unchanged"
        seen += 1
assert seen == 2
print("ok")
PYEOF
r=$?; [ $r -ne 0 ] && grep -i 'assert\|error' "$tmp/c.py" | head -3 | sed 's/^/# /'
ok $r "notify: body delivered unchanged, notice to the sender without calendar"

# ---- C: [notice] is reloaded with the rest (SIGUSR1) ----
cat >"$tmp/notice-c.conf" <<EOC
[notice]
enable = true
transport = smtp
smtp = 127.0.0.1:$PF_PORT
mode = reject
EOC
start_milter "$tmp/notice-c.conf"
rm -f "$PF_SINK"/*
send c@kommun.example "$c/002-pnr-subject.eml"; test $? -ne 0; ok $? "reload: mode reject refuses"
settle 1
is "$(sinkn)" 1 "reload: mode reject, one notice"
cp "$PF_SINK/$(ls "$PF_SINK" | head -1)" "$tmp/notice-c.eml"
sed 's/^mode = reject/mode = notify/' "$tmp/notice-c.conf" >"$tmp/notice-c2.conf"
mkconf "$tmp/notice-c2.conf"
kill -USR1 "$mpid"; sleep 3	# reload: parse + rule data (no reply to wait on)
rm -f "$PF_SINK"/*
send c@kommun.example "$c/002-pnr-subject.eml"; ok $? "reload: after SIGUSR1 mode notify delivers"
settle 2
is "$(sinkn)" 2 "reload: the invitation and one notice at the sink"
n=$(grep -l 'X-Invite-Milter-Notice' "$PF_SINK"/* | wc -l | tr -d ' ')
is "$n" 1 "reload: exactly one of them is the notice"
# the loop-stop key survives the reload: a notice signed before it still
# passes unexamined after it
p0=$(grep -c '"event":"notice_passed"' "$tmp/decisions.log")
send '<>' "$tmp/notice-c.eml" c@kommun.example; ok $? "reload: a notice from before the reload is accepted"
p1=$(grep -c '"event":"notice_passed"' "$tmp/decisions.log")
is "$p1" $((p0 + 1)) "reload: it passed as our own notice (same key)"
settle 3
# notices off by reload: reject stays, the reply promises nothing
printf '[notice]\nenable = false\n' >"$tmp/notice-c3.conf"
mkconf "$tmp/notice-c3.conf"
kill -USR1 "$mpid"; sleep 3
rm -f "$PF_SINK"/*
send c@kommun.example "$c/002-pnr-subject.eml"; test $? -ne 0; ok $? "notices off: still refused"
nonotice "notices off"
sleep 2
is "$(sinkn)" 0 "notices off: nothing at the sink"
kill -0 "$mpid"; ok $? "the milter survived three configurations"
