#!/bin/sh
# Issue 17, TNEF (winmail.dat): a meeting request inside is examined like
# any invitation, other TNEF (a plain RTF mail) is no invitation, TNEF
# that cannot be read is not-inspectable. Through invite-check --json
# and invite-milter -t; the TNEF streams are written by the evasion
# corpus's TNEF writer (tests/evasion/gen.py). Failures print rule ids
# and verdicts only.
. "$(dirname "$0")/../lib.sh"
case "$B" in /*) bdir=$B ;; *) bdir=$TOP/$B ;; esac
chk=$bdir/invite-check
mil=$bdir/invite-milter
if ! command -v python3 >/dev/null 2>&1; then
	skip "TNEF" "no python3"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# The messages: NAME.eml in $tmp, each a text/plain and a winmail.dat.
python3 - "$TOP/tests/evasion" "$tmp" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
import gen

out = sys.argv[2]
PNR = "19121212-1212"
RECUR = (gen.le32(0x80000102) + gen.PSETID_APPOINTMENT + gen.le32(0) +
         gen.le32(0x8216) + gen.le32(1) + gen.le32(8) +
         bytes([4, 0x30, 4, 0x30, 0x0B, 0x20, 1, 0]))	# PidLidAppointmentRecur


def meeting(subject, body, to, recur=False, cls="IPM.Schedule.Meeting.Request"):
    props = [gen.tnef_str(0x0037001F, subject),
             gen.tnef_str(0x1000001F, body),
             gen.tnef_str(0x0065001F, "handlaggare@kommun.example"),
             gen.tnef_str(0x0E04001F, to)]
    if recur:
        props.append(RECUR)
    return gen.tnef_blob(cls, props, "agenda.pdf")


def mail(name, blob, mtype="application/ms-tnef"):
    t = gen.part("text/plain; charset=utf-8", b"Se bilagan.\r\n", "7bit")
    w = gen.part(mtype + "; name=\"winmail.dat\"", gen.b64(blob).encode(),
                 "base64", "Content-Disposition: attachment; "
                 "filename=\"winmail.dat\"\r\n")
    m = gen.headers("Avstamning", name) + gen.multipart("mixed", "b-" + name,
                                                        [t, w])
    with open("%s/%s.eml" % (out, name), "wb") as fp:
        fp.write(m)


internal = "Kollega <kollega@kommun.example>"
teams = ("Anslut: https://teams.microsoft.com/l/meetup-join/19%3ameeting_x"
         "%40thread.v2/0")
mail("meeting-pnr", meeting("Samtal " + PNR, "Hej", internal))
mail("meeting-clean", meeting("Avstämning", "Hej", internal))
mail("meeting-teams-pnr", meeting("Samtal " + PNR, teams, internal))
mail("series-external", meeting("Avstämning", "Hej",
                                "Bo <bo@extern.example>", recur=True))
mail("note-pnr", gen.tnef_blob("IPM.Note", [
    gen.tnef_str(0x0037001F, "Protokoll " + PNR)], "protokoll.docx"))
mail("broken", meeting("Samtal " + PNR, "Hej", internal)[:60])
mail("broken-octet", meeting("Samtal " + PNR, "Hej", internal)[:60],
     "application/octet-stream")
EOF
ok $? "the TNEF messages are written"

# "invitation method verdict rule/field..." of invite-check's JSON line.
summary() {
	"$chk" -D kommun.example "$@" --json | python3 -c '
import json, sys
o = json.loads(sys.stdin.readline())
r = sorted("%s/%s" % (f["rule"], f["field"]) for f in o["findings"]
           if f["action"] in ("flag", "reject"))
print(str(o["invitation"]).lower(), o["method"], o["verdict"],
      " ".join(r) or "-", o.get("note", ""))'
}
verdict() {
	"$mil" -D kommun.example "$@" | sed -n 's/^verdict: //p'
}

# 1. a meeting request: read like a calendar part
got=$(summary "$tmp/meeting-pnr.eml")
is "$got" "true REQUEST reject personnummer/summary " \
    "meeting request: invitation, REQUEST, personnummer in the summary"
is "$(verdict -t "$tmp/meeting-pnr.eml")" "reject" \
    "meeting request: the milter rejects"
got=$(summary "$tmp/meeting-clean.eml")
is "$got" "true REQUEST accept - " "clean meeting request: accepted"
is "$(verdict -t "$tmp/meeting-clean.eml")" "accept" \
    "clean meeting request: the milter accepts"
# ... with its attachments as files of the message
"$chk" -D kommun.example --json "$tmp/meeting-clean.eml" |
    grep -q '"attachments":1,'
ok $? "meeting request: the file inside winmail.dat is an attachment"

# 2. a series with an external guest
got=$(summary "$tmp/series-external.eml")
case "$got" in
"true REQUEST reject "*recurring-external/summary*) r=0 ;;
*) r=1; echo "# got: $got" ;;
esac
ok $r "recurring request with an external guest: recurring-external"
"$chk" -D kommun.example --json "$tmp/series-external.eml" |
    grep -q '"series":true'
ok $? "recurring request: a series"

# 3. a plain TNEF mail is no invitation
got=$(summary "$tmp/note-pnr.eml")
is "$got" "false None accept - not an invitation" \
    "plain TNEF mail: not an invitation"
is "$(verdict -t "$tmp/note-pnr.eml")" "accept (not an invitation)" \
    "plain TNEF mail: the milter accepts it as no invitation"

# 4. TNEF that cannot be read: not inspectable, as configured
for f in broken broken-octet; do
	got=$(summary "$tmp/$f.eml")
	is "$got" "true None flag not-inspectable/body-text " \
	    "$f TNEF: not-inspectable"
	is "$(verdict -t "$tmp/$f.eml")" "flag" "$f TNEF: the milter flags"
done

# 5. teams_only: a TNEF meeting is scoped as its calendar says
printf '[general]\nteams_only = true\n' >"$tmp/teams-only.conf"
got=$(summary -c "$tmp/teams-only.conf" "$tmp/meeting-pnr.eml")
is "$got" "true REQUEST accept - not a Teams meeting (teams_only)" \
    "teams_only: a TNEF meeting without Teams is scoped out"
got=$(summary -c "$tmp/teams-only.conf" "$tmp/meeting-teams-pnr.eml")
is "$got" "true REQUEST reject personnummer/summary " \
    "teams_only: a TNEF Teams meeting is examined"
got=$(summary -c "$tmp/teams-only.conf" "$tmp/broken.eml")
is "$got" "true None flag not-inspectable/body-text " \
    "teams_only: unreadable TNEF is never scoped out"

# 6. mode redact: the calendar built from TNEF is no part of the message
# and cannot be rewritten: the milter rejects instead
printf '[notice]\nmode = redact\n' >"$tmp/redact.conf"
is "$("$mil" -c "$tmp/redact.conf" -D kommun.example -t \
    "$tmp/meeting-pnr.eml" --from handlaggare@kommun.example \
    --rcpt kollega@kommun.example | sed -n 's/^verdict: //p')" "reject" \
    "mode redact: a TNEF meeting is rejected, not redacted"

# 7. real TNEF parts (third-party data, outside the repository), when
# there: each as winmail.dat, one report each, no crash
if [ -d "$SHARED/corpus/tnef" ]; then
	n=0
	bad=0
	for t in "$SHARED"/corpus/tnef/*.tnef; do
		n=$((n + 1))
		{
			printf 'From: a@kommun.example\r\nSubject: s\r\n'
			printf 'MIME-Version: 1.0\r\nContent-Type: application/'
			printf 'ms-tnef; name=winmail.dat\r\n'
			printf 'Content-Transfer-Encoding: base64\r\n\r\n'
			base64 "$t"
		} >"$tmp/real.eml"
		"$chk" -D kommun.example --json "$tmp/real.eml" >"$tmp/real.json"
		[ $? -le 1 ] && [ "$(grep -c '^{' "$tmp/real.json")" -eq 1 ] ||
		    bad=$((bad + 1))
	done
	is "$bad" 0 "real TNEF parts: a report each ($n files)"
else
	skip "real TNEF parts" "no $SHARED/corpus/tnef"
fi
