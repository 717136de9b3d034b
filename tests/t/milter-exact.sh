#!/bin/sh
# invite-milter -t FILE --from A --rcpt B prints exactly what the daemon
# answers for that envelope (issue 16). Each case runs the same message
# and envelope through the real daemon, driven with miltertest
# (tests/milter/send.lua), and compares the daemon's own reply (status,
# code, enhanced code and every line) with what -t printed: a reject,
# a series that only the envelope makes external, the [limits] outcome
# (451 4.3.0 and 550 5.3.4), the reply announcing a notice, the modes
# redact and notify, flag, dry run. miltertest cannot take a reply or a
# new body over 1 KB (its stack overflows), so the long 550 that
# announces a notice and mode redact go through the private Postfix of
# tests/postfix-lib.sh instead (needs root), comparing the reply swaks
# reads after the data (for 250 the code and enhanced code: the text is
# Postfix's). Prints only codes and file names.
. "$(dirname "$0")/../lib.sh"
bin=$TOP/$B/invite-milter
case "$B" in /*) bin=$B/invite-milter ;; esac
if ! command -v miltertest >/dev/null; then skip "-t against the daemon" "no miltertest"; exit 0; fi
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
c=$TOP/tests/corpus
FROM="<a@kommun.example>"
printf '#!/bin/sh\ncat >/dev/null\n' >"$tmp/sendmail"
chmod 755 "$tmp/sendmail"

start() {	# extra-config-lines: a daemon on $tmp/m.sock with them
	[ -n "$pid" ] && { kill $pid; wait $pid 2>/dev/null; }
	# notices off unless the case sets [notice]: they are on by default
	# where a sendmail program is there (issue 20)
	quiet='[notice]\nenable = false\n'
	case $1 in *'[notice]'*) quiet= ;; esac
	# [general] lines of the case go into the one [general] group (a
	# group given twice is an error, issue 19)
	gen=
	case $1 in '[general]\n'*) gen=${1#'[general]\n'}; set -- "" ;; esac
	printf '[general]\ninternal_domains = kommun.example\n%b[log]\nsyslog = false\n%b%b' \
	    "$gen" "$quiet" "$1" >"$tmp/m.conf"
	rm -f "$tmp/m.sock"
	"$bin" -f -p "unix:$tmp/m.sock" -c "$tmp/m.conf" >"$tmp/out" 2>&1 &
	pid=$!
	i=0
	while [ ! -S "$tmp/m.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

# same file rcpts name: -t with --from $FROM and each of rcpts, then the
# daemon with the same envelope, expecting exactly -t's answer.
same() {
	set -- "$1" "$2" "$3" "$(for r in $2; do printf -- '--rcpt %s ' "$r"; done)"
	# shellcheck disable=SC2086
	"$bin" -c "$tmp/m.conf" -t "$1" --from "$FROM" $4 >"$tmp/t.out"
	grep -E '^[245][0-9][0-9][ -]' "$tmp/t.out" >"$tmp/reply"
	case $(head -c 3 "$tmp/reply") in
	550) expect=reject ;;
	451) expect=tempfail ;;
	250)
		case $(cat "$tmp/reply") in
		*"no header"*) expect=flaghidden ;;
		*flagged*) expect=flag ;;
		*"hold queue"*) expect=hold ;;
		*corrected*) expect=redact ;;
		*) expect=accept ;;
		esac ;;
	*) expect=none ;;
	esac
	want=$(sed 's/$/\r/' "$tmp/reply" | head -c -2)
	MT_SOCK="unix:$tmp/m.sock" MT_FILE=$1 MT_IP=192.0.2.10 MT_FROM="$FROM" \
	    MT_RCPT="$2" MT_EXPECT=$expect MT_REPLY="$want" \
	    miltertest -s "$TOP/tests/milter/send.lua" >"$tmp/mt.log" 2>&1
	r=$?
	[ $r -ne 0 ] && sed 's/^/# /' "$tmp/mt.log" | head -5
	ok $r "$3: daemon answers as -t ($expect, $(head -c 9 "$tmp/reply"), $(wc -l <"$tmp/reply") lines)"
}

start ""
same "$c/002-pnr-subject.eml" "<extern@region.example>" "personnummer"
same "$c/100-weekly-external.eml" "<extern@region.example> <b@kommun.example>" "series with external guest"
same "$c/102-daily-internal.eml" "<extern@region.example>" "internal series, external envelope recipient"
grep -q '^550 5.7.1 ' "$tmp/reply"; ok $? "the envelope recipient makes the series external"
"$bin" -c "$tmp/m.conf" -t "$c/102-daily-internal.eml" --from "$FROM" --rcpt b@kommun.example |
    grep -q '^250 2.0.0 accepted$'
ok $? "internal recipients only: -t accepts the same series"
same "$c/102-daily-internal.eml" "<b@kommun.example>" "internal series, internal envelope"
same "$c/001-teams-clean.eml" "<extern@region.example>" "clean invitation"
{ printf 'X-Invite-Policy: forged\r\n'; cat "$c/110-outlook-pdf-external.eml"; } >"$tmp/forged.eml"
same "$tmp/forged.eml" "<extern@region.example>" "flag, external recipient (no header)"
same "$tmp/forged.eml" "<b@kommun.example>" "flag, internal recipient"

start "[limits]\nattendees = 1\non_limit = tempfail\n"
same "$c/100-weekly-external.eml" "<extern@region.example>" "[limits] bound, on_limit tempfail"
grep -q '^451 4.3.0 .*(attendees)' "$tmp/reply"; ok $? "-t: 451 4.3.0 naming the bound"
"$bin" -c "$tmp/m.conf" -t "$c/100-weekly-external.eml" >/dev/null; is $? 4 "-t exits 4 on a [limits] bound"
start "[limits]\nattendees = 1\non_limit = reject\n"
same "$c/100-weekly-external.eml" "<extern@region.example>" "[limits] bound, on_limit reject"
grep -q '^550 5.3.4 ' "$tmp/reply"; ok $? "-t: 550 5.3.4"

start "[notice]\nenable = true\ntransport = sendmail\nsendmail = $tmp/sendmail\n"
same "$c/100-weekly-external.eml" "<extern@region.example>" "notices on"
grep -q '^550 5.7.1 A notice with a corrected invitation was sent to you.$' "$tmp/reply"
ok $? "-t: the reply announces the notice, as the daemon's"
"$bin" -c "$tmp/m.conf" -t "$c/100-weekly-external.eml" | grep -q 'corrected invitation was sent'
test $? -ne 0; ok $? "-t without --from: no sender, no notice announced"
start "[notice]\nenable = true\ntransport = sendmail\nsendmail = $tmp/sendmail\nnotify = personnummer\n"
same "$c/002-pnr-subject.eml" "<extern@region.example>" "mode notify"
start "[rules]\npersonnummer = hold\n[notice]\nenable = true\ntransport = sendmail\nsendmail = $tmp/sendmail\nreviewer = granskare@kommun.example\n"
same "$c/002-pnr-subject.eml" "<extern@region.example>" "hold"
grep -q '^250 2.0.0 accepted into the hold queue (invite-milter: held for review (rules=personnummer)), reviewer notified$' "$tmp/reply"
ok $? "-t: hold names the reason and the reviewer"
start "[general]\ndry_run = true\n"
same "$c/002-pnr-subject.eml" "<extern@region.example>" "dry run"
grep -q '^250 2.0.0 accepted (dry run)$' "$tmp/reply"; ok $? "-t: dry run accepts"
kill -0 $pid 2>/dev/null; ok $? "daemon still running"

# Through Postfix: what the client reads after the data, against -t.
if ! command -v postfix >/dev/null || ! command -v swaks >/dev/null ||
    [ "$(id -u)" != 0 ]; then
	skip "-t against the daemon behind Postfix" "needs root, postfix and swaks"
	exit 0
fi
. "$TOP/tests/postfix-lib.sh"
chmod 755 "$tmp"
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; pf_stop; wait 2>/dev/null; rm -rf "$tmp"' EXIT
pf_start "unix:$tmp/m.sock"; ok $? "private Postfix started"
# via_postfix file name: swaks with the envelope of -t
via_postfix() {
	"$bin" -c "$tmp/m.conf" -t "$1" --from "$FROM" --rcpt extern@region.example |
	    grep -E '^[245][0-9][0-9][ -]' >"$tmp/reply"
	swaks --server "127.0.0.1:$PF_PORT" --from a@kommun.example \
	    --to extern@region.example --data "$1" >"$tmp/swaks.out" 2>&1
	awk '/^ -> \.$/ { f = 1; next } f && /^<(\*\*|-) / {
		sub(/^<(\*\*|-) +/, ""); print; if (substr($0, 4, 1) == " ") exit }' \
	    "$tmp/swaks.out" >"$tmp/got"
	case $(head -c 3 "$tmp/reply") in
	250) test "$(cut -c1-9 "$tmp/got")" = "$(cut -c1-9 "$tmp/reply")" ;;
	*) cmp -s "$tmp/got" "$tmp/reply" ;;
	esac
	ok $? "$2: Postfix sends what -t printed ($(head -c 9 "$tmp/reply"), $(wc -l <"$tmp/reply") lines)"
}
start "[notice]\nenable = true\ntransport = sendmail\nsendmail = $tmp/sendmail\n"
pf_milter_sock "$tmp/m.sock" 50
via_postfix "$c/002-pnr-subject.eml" "personnummer, notices on (long reply)"
grep -q '^550 5.7.1 A notice with a corrected invitation was sent to you.$' "$tmp/got"
ok $? "the reply on the wire announces the notice"
via_postfix "$c/001-teams-clean.eml" "clean invitation"
start "[notice]\nenable = true\ntransport = sendmail\nsendmail = $tmp/sendmail\nredact = personnummer\n"
pf_milter_sock "$tmp/m.sock" 50
via_postfix "$c/002-pnr-subject.eml" "mode redact"
grep -q 'corrected before delivery' "$tmp/reply"; ok $? "-t: corrected before delivery"

# Issue 17 item 6: a personnummer in display names, an address comment,
# a second Cc and Comments/Keywords. -t lists the header changes; what
# Postfix delivers carries exactly those values, the addresses as they
# were and no identifier in any header (masked: only names and counts
# are printed).
python3 - "$c/002-pnr-subject.eml" "$tmp/names.eml" <<'PYEOF'
import sys
raw = open(sys.argv[1], "rb").read()
P = b"1912" b"1212-1212"
new = (b'To: "Anna Svensson ' + P + b'" <extern@region.example>,\n'
       b' guest0@socialtjanst.kommun.example (Bo ' + P + b'),\n'
       b' =?iso-8859-1?q?P=E4r_' + P + b'?= <par@region.example>\n'
       b'Cc: "Clean" <c@region.example>\n'
       b'Cc: =?utf-8?b?w4VzYSAxOTEyMTIxMi0xMjEy?= <asa@region.example>\n'
       b'Comments: om ' + P + b'\nKeywords: ' + P)
raw = raw.replace(b"To: guest0@socialtjanst.kommun.example", new, 1)
open(sys.argv[2], "wb").write(raw)
PYEOF
rm -f "$PF_SINK"/*
via_postfix "$tmp/names.eml" "mode redact, identifiers in display names"
"$bin" -c "$tmp/m.conf" -t "$tmp/names.eml" --from "$FROM" --rcpt extern@region.example |
    grep '^  header ' >"$tmp/changes"
grep -q '^  header To #1 (display name): ' "$tmp/changes" &&
    grep -q '^  header Cc #2 (display name): ' "$tmp/changes" &&
    ! grep -q '^  header Cc #1 ' "$tmp/changes"
ok $? "-t: lists the To and the second Cc, not the clean first Cc"
pf_wait_sink 1
python3 - "$PF_SINK" "$tmp/changes" "$tmp/names.eml" <<'PYEOF' >"$tmp/names.out" 2>&1
import sys, os, re
ID = re.compile(r"(19|20)?\d{6}[-+ ]?\d{4}")
files = os.listdir(sys.argv[1])
assert len(files) == 1, "one message at the sink, got %d" % len(files)
raw = open(os.path.join(sys.argv[1], files[0]), "rb").read().decode("latin-1")
head = raw.replace("\r\n", "\n").split("\n\n", 1)[0]
fields = []
for line in head.split("\n"):
    if line[:1] in (" ", "\t") and fields:
        fields[-1][1] += line		# unfolding: only the line break goes
    elif ":" in line:
        n, v = line.split(":", 1)
        fields.append([n, v])
def nth(name, i):
    got = [v for n, v in fields if n.lower() == name.lower()]
    return got[i - 1].strip() if len(got) >= i else None
n = 0
for line in open(sys.argv[2]):
    m = re.match(r"  header (\S+) #(\d+) \(([^)]*)\): (.*)$", line.rstrip("\n"))
    assert m, "a -t change line"
    name, i, what, want = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    got = nth(name, i)
    if want == "removed":
        assert got is None, name + " removed"
        continue
    if what == "mime":
        continue
    assert got == want, "%s #%d as -t printed (%s vs %s bytes)" % (
        name, i, len(got or ""), len(want))
    n += 1
assert n >= 4, "changes compared: %d" % n
assert not ID.search(re.sub(r"Message-ID:.*|Received:.*(\n[ \t].*)*|Date:.*", "", head)), \
    "no identifier in the delivered headers"
orig = open(sys.argv[3], "rb").read().decode("latin-1").split("\n\n", 1)[0]
for a in re.findall(r"[\w.-]+@[\w.-]+\.example", orig):
    assert a in head, "an address changed"
print("compared", n)
PYEOF
r=$?; [ $r -ne 0 ] && grep -i 'assert\|error' "$tmp/names.out" | head -3 | sed 's/^/# /'
ok $r "Postfix delivers the headers -t printed, addresses kept, no identifier ($(cat "$tmp/names.out" | tail -1))"
