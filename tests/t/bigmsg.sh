#!/bin/sh
# Issue 17, item 3: an invitation over [milter] max_body is examined, not
# delivered unread. Through the real daemon (miltertest, body in 64 KB
# chunks as an MTA sends it) and through -t, which reads the file with
# the same reducer: a 30 MB invitation with a personnummer in the Subject
# and a 25 MB attachment is rejected; a big clean one is accepted and its
# decision line says it was streamed; text beyond the caps gets the
# configured over_cap outcome and its log line; mode redact never
# replaces the body of a reduced message (the reject instead). Synthetic
# data only (the test number 19121212-1212); failures show verdicts.
. "$(dirname "$0")/../lib.sh"
case "$B" in /*) bdir=$B ;; *) bdir=$TOP/$B ;; esac
mlt=$bdir/invite-milter
if ! command -v python3 >/dev/null 2>&1; then
	skip "big messages" "no python3"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 1
python3 - <<'PY'
import base64, os
H = ("From: handlaggare@kommun.example\r\nTo: kollega@kommun.example\r\n"
     "Subject: %s\r\nMessage-ID: <big@kommun.example>\r\nMIME-Version: 1.0\r\n"
     "Content-Type: multipart/mixed; boundary=\"=_outer\"\r\n\r\n")
CAL = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
       "UID:big1@kommun.example\r\nDTSTART:20261201T090000Z\r\n"
       "SUMMARY:Planering\r\nORGANIZER:mailto:handlaggare@kommun.example\r\n"
       "ATTENDEE:mailto:kollega@kommun.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
def write(name, subject, text, att_mb):
    with open(name, "wb") as f:
        f.write((H % subject).encode())
        f.write(b"--=_outer\r\nContent-Type: multipart/alternative; "
                b"boundary=\"=_alt\"\r\n\r\n--=_alt\r\n"
                b"Content-Type: text/plain; charset=utf-8\r\n\r\n")
        f.write(text.encode())
        f.write(b"\r\n--=_alt\r\nContent-Type: text/calendar; method=REQUEST; "
                b"charset=utf-8\r\n\r\n" + CAL.encode() + b"--=_alt--\r\n")
        if att_mb:
            f.write(b"--=_outer\r\nContent-Type: application/pdf; "
                    b"name=\"rapport.pdf\"\r\nContent-Transfer-Encoding: base64"
                    b"\r\nContent-Disposition: attachment; "
                    b"filename=\"rapport.pdf\"\r\n\r\n")
            chunk = base64.encodebytes(os.urandom(57 * 1000)).replace(b"\n", b"\r\n")
            for _ in range(att_mb * 1024 * 1024 // (57 * 1000)):
                f.write(chunk)
        f.write(b"--=_outer--\r\n")
write("big-pnr.eml", "Uppf\u00f6ljning 19121212-1212", "Hej, se bilagan.", 25)
write("big-clean.eml", "Avst\u00e4mning", "Hej, se bilagan.", 12)
write("long-text.eml", "Avst\u00e4mning", "Lang text utan uppgifter.\r\n" * 60000, 0)
# two Content-Types (multipart, text/plain), a 3 MB file, then the
# calendar with the number: every reading is followed, not kept whole
pad = base64.encodebytes(os.urandom(2300000)).replace(b"\n", b"\r\n")
with open("ambig-big.eml", "wb") as f:
    f.write(b"From: handlaggare@kommun.example\r\nTo: kollega@kommun.example\r\n"
            b"Subject: Avstamning\r\nMIME-Version: 1.0\r\nContent-Type: "
            b"multipart/mixed; boundary=b\r\nContent-Type: text/plain\r\n\r\n"
            b"--b\r\nContent-Type: application/pdf\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n" + pad +
            b"--b\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n" +
            CAL.replace("Planering", "Uppf\u00f6ljning 19121212-1212").encode() +
            b"--b--\r\n")
PY
sz=$(wc -c <big-pnr.eml)
[ "$sz" -gt 30000000 ]; ok $? "the big invitation is over 30 MB ($sz bytes)"

# -t: the same reducer over the file
q='[general]\ninternal_domains = kommun.example\n[notice]\nenable = false\n[log]\nsyslog = false\nfile = %s/decisions.log\n'
printf "$q" "$tmp" >m.conf
printf "$q[limits]\ntext_bytes = 64K\n[milter]\nmax_body = 1M\nover_cap = tempfail\n" "$tmp" >cap.conf
"$mlt" -c m.conf -t big-pnr.eml --from a@kommun.example --rcpt b@kommun.example >t1.out
grep -q '^550 ' t1.out; ok $? "-t: 30 MB with a personnummer in the Subject: 550"
"$mlt" -c m.conf -t big-clean.eml --from a@kommun.example --rcpt b@kommun.example >t2.out
grep -q '^250 ' t2.out && grep -q '^verdict: accept' t2.out
ok $? "-t: big clean invitation examined and accepted"
"$mlt" -c cap.conf -t long-text.eml --from a@kommun.example --rcpt b@kommun.example >t3.out
grep -q '^verdict: none (text beyond the caps' t3.out && grep -q '^4' t3.out
ok $? "-t: text beyond the caps: the over_cap outcome (tempfail)"
"$mlt" -c cap.conf -t ambig-big.eml --from a@kommun.example --rcpt b@kommun.example >t5.out
grep -q '^verdict: reject' t5.out && grep -q '^451 4.3.0 ' t5.out
ok $? "-t: two Content-Types, a 3 MB file, the calendar after it: found; the other reading's text over text_bytes: the limit outcome, not over_cap"
# streamed (over max_body = 1M) with a 2 MB file before them: a file
# named .eml of any type and an inline text/enriched body are read as
# parse/leaf.c reads them (session 16), so the reducer keeps them
python3 - <<'PY'
import base64, os
CAL = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
       "UID:big2@kommun.example\r\nDTSTART:20261201T090000Z\r\n"
       "SUMMARY:Planering\r\nORGANIZER:mailto:handlaggare@kommun.example\r\n"
       "ATTENDEE:mailto:kollega@kommun.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
pad = base64.encodebytes(os.urandom(1500000)).replace(b"\n", b"\r\n")
def write(name, part):
    with open(name, "wb") as f:
        f.write(b"From: handlaggare@kommun.example\r\nTo: kollega@kommun.example\r\n"
                b"Subject: Avstamning\r\nMIME-Version: 1.0\r\nContent-Type: "
                b"multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                b"Content-Type: text/calendar; method=REQUEST\r\n\r\n" +
                CAL.encode() + b"--b\r\nContent-Type: application/pdf\r\n"
                b"Content-Transfer-Encoding: base64\r\n\r\n" + pad +
                b"--b\r\n" + part + b"--b--\r\n")
inner = (b"Subject: Uppfoljning 19121212-1212\r\nFrom: x@kommun.example\r\n\r\n"
         b"Hej\r\n")
write("eml-file.eml", b"Content-Type: application/octet-stream; name=\"fw.eml\"\r\n"
      b"Content-Transfer-Encoding: base64\r\n\r\n" +
      base64.encodebytes(inner).replace(b"\n", b"\r\n"))
write("enriched.eml", b"Content-Type: text/enriched\r\n\r\n"
      b"<bold>Uppfoljning</bold> 19121212-1212\r\n")
PY
for f in eml-file enriched; do
	"$mlt" -c cap.conf -t $f.eml --from a@kommun.example --rcpt b@kommun.example >t-$f.out
	grep -q '^550 ' t-$f.out
	ok $? "-t: streamed, the number in a $f part after a 2 MB file: 550"
done
# adversarial pass (session 16): parameters read as GMime reads them. A
# boundary or file name after a ';' inside quotes, a file name in RFC
# 2231 pieces, an unquoted boundary with a blank, a quoted boundary
# ending in a blank ("--b " lines), a boundary as an RFC 2047 encoded
# word or in RFC 2231 pieces (GMime decodes both): the calendar after a
# 2 MB file was dropped by the reducer and the streamed copy accepted
python3 - <<'PY'
import base64, os
CAL = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
       "UID:adv@kommun.example\r\nDTSTART:20261201T090000Z\r\n"
       "SUMMARY:Uppf\u00f6ljning 19121212-1212\r\n"
       "ORGANIZER:mailto:handlaggare@kommun.example\r\n"
       "ATTENDEE:mailto:kollega@kommun.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()
pad = base64.encodebytes(os.urandom(1500000)).replace(b"\n", b"\r\n")
def write(name, ct, b, part):
    with open(name, "wb") as f:
        f.write(b"From: handlaggare@kommun.example\r\nTo: kollega@kommun.example\r\n"
                b"Subject: Avstamning\r\nMIME-Version: 1.0\r\nContent-Type: " + ct +
                b"\r\n\r\n--" + b + b"\r\nContent-Type: application/pdf\r\n"
                b"Content-Transfer-Encoding: base64\r\n\r\n" + pad + b"--" + b +
                b"\r\n" + part + b"\r\n\r\n" + CAL + b"--" + b + b"--\r\n")
write("adv-qbnd.eml", b'multipart/mixed; x="1;boundary=c z"; boundary=b', b"b",
      b"Content-Type: text/calendar; method=REQUEST")
write("adv-qname.eml", b"multipart/mixed; boundary=b", b"b",
      b'Content-Type: application/octet-stream; x="a;name=b.pdf"; name=invite.ics')
write("adv-2231.eml", b"multipart/mixed; boundary=b", b"b",
      b"Content-Type: application/octet-stream\r\nContent-Disposition: "
      b'attachment; filename*0="invite"; filename*1=".ics"')
write("adv-blank.eml", b"multipart/mixed; boundary=b c", b"b c",
      b"Content-Type: text/calendar; method=REQUEST")
write("adv-trail.eml", b'multipart/mixed; boundary="b "', b"b ",
      b"Content-Type: text/calendar; method=REQUEST")
write("adv-ewbnd.eml", b'multipart/mixed; boundary="=?us-ascii?q?b?="', b"b",
      b"Content-Type: text/calendar; method=REQUEST")
write("adv-2231bnd.eml", b"multipart/mixed; boundary*0*=us-ascii''b%2D; boundary*1=c",
      b"b-c", b"Content-Type: text/calendar; method=REQUEST")
# a NUL, which the parse reads as a space: after a boundary line, in
# the boundary parameter, in a part's Content-Type, as a header line
write("adv-nulbnd.eml", b"multipart/mixed; boundary=b", b"b\x00",
      b"Content-Type: text/calendar; method=REQUEST")
write("adv-nulparam.eml", b'multipart/mixed; boundary="b\x00"', b"b\x00",
      b"Content-Type: text/calendar; method=REQUEST")
write("adv-nulct.eml", b"multipart/mixed; boundary=b", b"b",
      b"Content-Type: application/pdf\x00; name=m.ics")
write("adv-nulline.eml", b"multipart/mixed; boundary=b", b"b",
      b"Content-Type: text/plain\r\n\x00\r\nContent-Type: text/calendar")
# a multipart/digest part without Content-Type (a message by default)
# holding the file and the calendar: followed as a message
with open("adv-digest.eml", "wb") as f:
    f.write(b"From: handlaggare@kommun.example\r\nTo: kollega@kommun.example\r\n"
            b"Subject: Avstamning\r\nMIME-Version: 1.0\r\nContent-Type: "
            b"multipart/digest; boundary=b\r\n\r\n--b\r\n\r\nSubject: Inner\r\n"
            b"Content-Type: multipart/mixed; boundary=i\r\n\r\n--i\r\n"
            b"Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64"
            b"\r\n\r\n" + pad + b"--i\r\nContent-Type: text/calendar; "
            b"method=REQUEST\r\n\r\n" + CAL + b"--i--\r\n--b--\r\n")
PY
for f in adv-qbnd adv-qname adv-2231 adv-blank adv-trail adv-ewbnd adv-2231bnd \
    adv-nulbnd adv-nulparam adv-nulct adv-nulline adv-digest; do
	"$mlt" -c cap.conf -t $f.eml --from a@kommun.example --rcpt b@kommun.example >t-$f.out
	grep -q '^verdict: reject' t-$f.out
	ok $? "-t: streamed, $f: the calendar after a 2 MB file is read: reject"
done
printf "$q" "$tmp" | sed 's/^enable = false$/enable = true\ntransport = sendmail\nsendmail = \/bin\/true\nredact = personnummer/' >redact.conf
"$mlt" -c redact.conf -t big-pnr.eml --from a@kommun.example --rcpt b@kommun.example >t4.out
grep -q '^550 ' t4.out && ! grep -qi 'corrected and delivered\|250 ' t4.out
ok $? "-t: mode redact on a reduced message: rejected, never a changed body"
"$bdir/invite-check" -c m.conf big-pnr.eml >/dev/null; r=$?
is "$r" 1 "invite-check: the big invitation is flagged or rejected"
# the 12 MB file's content was dropped: its size is unknown, not "0 B"
"$bdir/invite-check" -c m.conf --json --from a@kommun.example \
    --rcpt b@extern.example big-clean.eml >ext.json
grep -q '"rule":"attachment-external"[^}]*"evidence":"application/pdf, size not kept"' ext.json &&
    ! grep -q '0 B' ext.json
ok $? "a dropped attachment to a guest: evidence says its size was not kept"
"$mlt" -c m.conf -t big-clean.eml --from a@kommun.example --rcpt b@extern.example >t6.out
grep -q '^verdict: flag' t6.out
ok $? "-t: the same file to a guest: flagged"

if ! command -v miltertest >/dev/null || [ ! -x "$mlt" ]; then
	skip "big messages through the daemon" "no miltertest or invite-milter"
	exit 0
fi
start() {	# config
	"$mlt" -f -p "unix:$tmp/m.sock" -c "$1" >mlt.out 2>&1 &
	pid=$!
	trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
	i=0; while [ ! -S "$tmp/m.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}
stop() {
	kill -TERM $pid; wait $pid
	rm -f "$tmp/m.sock"
	trap 'rm -rf "$tmp"' EXIT
}
send() {	# expect file name
	MT_SOCK="unix:$tmp/m.sock" MT_FILE=$2 MT_IP=192.0.2.10 MT_FROM="<a@kommun.example>" \
	    MT_RCPT="<kollega@kommun.example>" MT_EXPECT=$1 \
	    miltertest -s "$TOP/tests/milter/send.lua" >mt.log 2>&1
	r=$?
	[ $r -ne 0 ] && sed 's/^/# /' mt.log | head -5
	ok $r "$3"
}
start m.conf
send reject big-pnr.eml "daemon: 30 MB, personnummer in the Subject, 25 MB attachment: rejected"
grep '"event":"decision"' decisions.log | grep -q '"action":"reject".*"streamed":[0-9]*,"over_cap":false'
ok $? "daemon: the decision line says it was examined, streamed"
send accept big-clean.eml "daemon: big clean invitation accepted"
grep '"event":"decision"' decisions.log | grep -q '"outcome":"accepted".*"streamed":'
ok $? "daemon: the accepted one was examined too (decision line, streamed)"
! grep -q '"event":"over_cap"' decisions.log
ok $? "daemon: no over_cap for a big attachment"
stop
start cap.conf
send tempfail long-text.eml "daemon: text beyond the caps: over_cap outcome (tempfail)"
grep -q '"event":"over_cap".*"action":"tempfail"' decisions.log
ok $? "daemon: over_cap log line"
stop
