#!/bin/sh
# Every [limits] bound, hit just over and kept just under, with small
# limits in a temporary config: invite-check exits 4 and its JSON names
# the bound ("limit"), or exits 0/1 without "limit". on_limit = accept
# and reject, and through the milter (miltertest): tempfail (the default)
# and reject with their replies,
# and a log line naming the bound.
. "$(dirname "$0")/../lib.sh"
chk=$TOP/$B/invite-check
mlt=$TOP/$B/invite-milter
case "$B" in /*) chk=$B/invite-check; mlt=$B/invite-milter ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

conf() {	# [limits] lines -> limits.conf
	{ printf '[general]\ninternal_domains = kommun.example\n[limits]\n'
	  for l in "$@"; do printf '%s\n' "$l"; done; } >limits.conf
}
rep() {		# string count -> string repeated
	awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}
# Calendars are written with LF line ends (libical takes both): $(...)
# strips the last newline of each piece, the callers add it back.
ev() {		# extra-lines [uid] -> one VEVENT
	printf 'BEGIN:VEVENT\nUID:u%s@kommun.example\nDTSTART:20260301T090000Z\n' "${2:-1}"
	printf 'SUMMARY:Avstamning\nORGANIZER:mailto:a@kommun.example\n'
	[ -n "$1" ] && printf '%s\n' "$1"
	printf 'END:VEVENT\n'
}
cal() {		# events... -> VCALENDAR
	printf 'BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//t//EN\nMETHOD:REQUEST\n'
	for e in "$@"; do printf '%s\n' "$e"; done
	printf 'END:VCALENDAR\n'
}
hdr() {		# content-type -> headers
	printf 'From: a@kommun.example\r\nTo: b@kommun.example\r\nSubject: Avstamning\r\n'
	printf 'Message-ID: <b@kommun.example>\r\nMIME-Version: 1.0\r\nContent-Type: %s\r\n\r\n' "$1"
}
calpart() {	# a text/calendar part (headers and body)
	printf 'Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n'
	cal "$(ev '')" | sed 's/$/\r/'
}
# run name file want-limit: invite-check with limits.conf; want-limit ""
# means "no bound hit" (exit 0 or 1, no "limit" in the JSON).
run() {
	out=$("$chk" -c limits.conf --json "$2" 2>err); r=$?
	got=$(echo "$out" | sed -n 's/.*"limit":"\([a-z_]*\)".*/\1/p')
	if [ -n "$3" ]; then
		is "$r/$got" "4/$3" "$1: exit 4, JSON limit $3"
	else
		case $r in 0|1) r=ok ;; esac
		is "$r/$got" "ok/" "$1: no bound hit"
	fi
}

# message_bytes (min 1K): the file is cut, the rest never read.
conf "message_bytes = 2048"
{ hdr 'text/calendar; method=REQUEST'; cal "$(ev '')" | sed 's/$/\r/'; } >base.eml
pad() { cp base.eml "$2"; rep 'x' $(( $1 - $(wc -c <base.eml) )) >>"$2"; }
pad 2048 under.eml; pad 2049 over.eml
run "message_bytes 2048, 2048 bytes" under.eml ""
run "message_bytes 2048, 2049 bytes" over.eml message_bytes

# mime_depth: multipart nesting; the calendar is the innermost part.
nest() {	# levels -> message with the calendar at that depth
	{ hdr 'multipart/mixed; boundary="b1"'
	  i=1; while [ $i -lt "$1" ]; do
		printf -- '--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"\r\n\r\n' $i $((i + 1))
		i=$((i + 1)); done
	  printf -- '--b%d\r\n' "$1"; calpart
	  while [ $i -ge 1 ]; do printf -- '--b%d--\r\n' $i; i=$((i - 1)); done; }
}
conf "mime_depth = 3"
nest 3 >under.eml; nest 4 >over.eml
run "mime_depth 3, calendar at depth 3" under.eml ""
run "mime_depth 3, calendar at depth 4" over.eml mime_depth

# mime_parts: the multipart counts as a part.
parts() {	# leaves -> multipart/mixed with a calendar and leaves-1 texts
	{ hdr 'multipart/mixed; boundary="b"'
	  printf -- '--b\r\n'; calpart
	  i=1; while [ $i -lt "$1" ]; do
		printf -- '--b\r\nContent-Type: text/plain\r\n\r\nhej %d\r\n' $i; i=$((i + 1)); done
	  printf -- '--b--\r\n'; }
}
conf "mime_parts = 5"
parts 4 >under.eml; parts 5 >over.eml
run "mime_parts 5, 5 parts" under.eml ""
run "mime_parts 5, 6 parts" over.eml mime_parts

# decoded_bytes: the calendar and text parts decoded together (a base64
# text part). Files are never decoded, only their size counted: a large
# attachment hits no bound.
b64() {	# decoded-size [type] -> message with the calendar and a base64 part
	{ hdr 'multipart/mixed; boundary="b"'
	  printf -- '--b\r\n'; calpart
	  printf -- '--b\r\nContent-Type: %s\r\n' "${2:-text/plain; charset=utf-8}"
	  [ -n "${2:-}" ] && printf 'Content-Disposition: attachment; filename="a.bin"\r\n'
	  printf 'Content-Transfer-Encoding: base64\r\n\r\n'
	  rep 'A' "$1" | base64 | sed 's/$/\r/'
	  printf -- '--b--\r\n'; }
}
calsize=$(calpart | sed '1,2d' | wc -c)
conf "decoded_bytes = 4096"
b64 $((4096 - calsize - 40)) >under.eml; b64 $((4096 - calsize + 40)) >over.eml
run "decoded_bytes 4096, 40 bytes under" under.eml ""
run "decoded_bytes 4096, 40 bytes over" over.eml decoded_bytes
b64 100000 application/octet-stream >att.eml
run "decoded_bytes 4096, a 100 KB base64 attachment (size only)" att.eml ""

# Plain mail (no calendar part) cut short in a text is no invitation
# held back: only a bound that may hide a calendar part counts for it.
plain() {	# body-bytes -> multipart/mixed without a calendar
	{ hdr 'multipart/mixed; boundary="b"'
	  printf -- '--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	  rep 'rad med text\r\n' "$(($1 / 14))"
	  printf -- '--b--\r\n'; }
}
conf "text_bytes = 1K"
plain 5000 >plain.eml
run "text_bytes 1K, plain mail with 5 KB of text" plain.eml ""
conf "decoded_bytes = 4096"
run "decoded_bytes 4096, plain mail with 5 KB of text" plain.eml ""
conf "mime_parts = 1"
run "mime_parts 1, plain multipart mail: the parts not read may be a calendar" plain.eml mime_parts

# ics_bytes (min 1K): a bare .ics padded with a long COMMENT.
icsfile() {	# size -> .ics of exactly that many bytes
	n=$(( $1 - $(cal "$(ev 'COMMENT:')" | wc -c) ))
	cal "$(ev "COMMENT:$(rep 'y' $n)")"
}
conf "ics_bytes = 1024"
icsfile 1024 >under.ics; icsfile 1025 >over.ics
is "$(wc -c <under.ics | tr -d ' ')/$(wc -c <over.ics | tr -d ' ')" 1024/1025 "ics files of 1024 and 1025 bytes"
run "ics_bytes 1024, 1024 bytes" under.ics ""
run "ics_bytes 1024, 1025 bytes" over.ics ics_bytes

# components
conf "components = 2"
cal "$(ev '' 1)" "$(ev '' 2)" >under.ics
cal "$(ev '' 1)" "$(ev '' 2)" "$(ev '' 3)" >over.ics
run "components 2, 2 events" under.ics ""
run "components 2, 3 events" over.ics components

# properties (per component; ev() writes 4 + the extra lines)
conf "properties = 10"
cal "$(ev "$(rep 'X-A:1\n' 6)")" >under.ics
cal "$(ev "$(rep 'X-A:1\n' 7)")" >over.ics
run "properties 10, 10 properties" under.ics ""
run "properties 10, 11 properties" over.ics properties

# attendees
att() { rep 'ATTENDEE;CN=Gast:mailto:g@kommun.example\n' "$1"; }
conf "attendees = 3"
cal "$(ev "$(att 3)")" >under.ics
cal "$(ev "$(att 4)")" >over.ics
run "attendees 3, 3 attendees" under.ics ""
run "attendees 3, 4 attendees" over.ics attendees

# text_bytes (min 1K): one property value
conf "text_bytes = 1024"
cal "$(ev "COMMENT:$(rep 'z' 1024)")" >under.ics
cal "$(ev "COMMENT:$(rep 'z' 1025)")" >over.ics
run "text_bytes 1024, 1024-byte COMMENT" under.ics ""
run "text_bytes 1024, 1025-byte COMMENT" over.ics text_bytes

# texts: the subject, SUMMARY and one COMMENT per extra text
{ hdr 'text/calendar; method=REQUEST'; cal "$(ev "$(rep 'COMMENT:c\n' 3)")" | sed 's/$/\r/'; } >under.eml
{ hdr 'text/calendar; method=REQUEST'; cal "$(ev "$(rep 'COMMENT:c\n' 4)")" | sed 's/$/\r/'; } >over.eml
conf "texts = 5"
run "texts 5, 5 texts" under.eml ""
run "texts 5, 6 texts" over.eml texts

# regex_match_limit: one step is never enough for an identifier; the
# default is plenty for the same text.
cal "$(ev 'DESCRIPTION:Ring 070-123 45 67 om 19121212-1212')" >re.ics
conf "regex_match_limit = 1"
run "regex_match_limit 1" re.ics regex_match_limit
conf "regex_match_limit = 100000"
run "regex_match_limit 100000" re.ics ""
out=$("$chk" -c limits.conf --json re.ics 2>/dev/null)
echo "$out" | grep -q '"rule":"personnummer"'; ok $? "regex_match_limit 100000: the identifier is found"

# regex_depth_limit and jit_stack_bytes: accepted and checked; the
# detector patterns run under JIT, which ignores the depth limit.
conf "regex_depth_limit = 1" "jit_stack_bytes = 64K"
run "regex_depth_limit 1, jit_stack_bytes 64K: identifier found" re.ics ""
conf "regex_match_limit = 0"
"$chk" -c limits.conf re.ics >/dev/null 2>err; r=$?
is "$r" 2 "regex_match_limit 0 is a config error"

# time_budget_ms ([general]): 3000 different texts (equal ones are
# scanned once) need far more than 1 ms.
{ printf '[general]\ntime_budget_ms = 1\n[limits]\nattendees = 5000\n'; } >limits.conf
cal "$(ev "$(awk 'BEGIN { for (i = 0; i < 3000; i++)
    printf "COMMENT:Rum %d plan %d, tid %d:%02d enligt samtal om budget %d\n", i, i % 7, 8 + i % 9, i % 60, i * 13 }')")" >big.ics
run "time_budget_ms 1, 3000 texts" big.ics time_budget_ms
grep -q 'the milter would tempfail it' err
ok $? "time_budget_ms: a busy machine is no reason to reject (tempfail with on_limit reject)"
{ printf '[general]\ntime_budget_ms = 600000\n[limits]\nattendees = 5000\n'; } >limits.conf
run "time_budget_ms 600000, 3000 texts" big.ics ""

# on_limit: reject (exit 4, says so), accept (the finding limit-exceeded
# flags it: exit 1), bad value (exit 2).
parts 5 >over.eml
conf "mime_parts = 5" "on_limit = reject"
"$chk" -c limits.conf over.eml >/dev/null 2>err; r=$?
is "$r" 4 "on_limit reject: exit 4"
grep -q 'limit mime_parts reached.*the milter would reject it' err; ok $? "on_limit reject: error line names the bound"
conf "mime_parts = 5" "on_limit = accept"
out=$("$chk" -c limits.conf --json over.eml 2>err); r=$?
is "$r" 1 "on_limit accept: exit 1 (flagged)"
echo "$out" | grep -q '"rule":"limit-exceeded".*"evidence":"mime_parts"'; ok $? "on_limit accept: finding limit-exceeded names mime_parts"
conf "on_limit = later"
"$chk" -c limits.conf over.eml >/dev/null 2>err; r=$?
is "$r" 2 "on_limit with a bad value: config error"
grep -q 'on_limit' err; ok $? "config error names on_limit"
# A cap before any calendar part is found is no "not an invitation" pass.
conf "mime_depth = 2"
nest 4 >deep.eml
run "mime_depth 2, calendar hidden at depth 4" deep.eml mime_depth

# The milter: default on_limit (tempfail) and a log line naming the bound.
if ! command -v miltertest >/dev/null || [ ! -x "$mlt" ]; then
	skip "milter tempfails on a bound" "no miltertest or invite-milter"
	exit 0
fi
{ printf '[general]\ninternal_domains = kommun.example\n[limits]\nmime_parts = 5\n'
  printf '[log]\nsyslog = false\nfile = %s/decisions.log\n' "$tmp"; } >milter.conf
"$mlt" -f -p "unix:$tmp/m.sock" -c milter.conf >mlt.out 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
i=0; while [ ! -S "$tmp/m.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
send() {	# expect file name
	MT_SOCK="unix:$tmp/m.sock" MT_FILE=$2 MT_IP=192.0.2.10 MT_FROM="<a@kommun.example>" \
	    MT_EXPECT=$1 miltertest -s "$TOP/tests/milter/send.lua" >mt.log 2>&1
	r=$?
	[ $r -ne 0 ] && sed 's/^/# /' mt.log | head -5
	ok $r "$3"
}
parts 4 >under.eml
send accept under.eml "milter: 5 parts accepted"
# on_limit default (tempfail): 451 with the reason.
want=$(printf '451-4.3.0 Kallelsen kunde inte kontrolleras just nu (mime_parts); den skickas igen senare.\r\n451 4.3.0 The invitation could not be checked now (mime_parts); it will be tried again later.')
MT_REPLY=$want send tempfail over.eml "milter: 6 parts tempfailed (on_limit default), the reply names the bound"
grep -q '"action":"tempfail (limit)".*"limit":"mime_parts"' decisions.log
ok $? "milter: log line with the action and the bound"
kill -0 $pid 2>/dev/null; ok $? "milter still running"
# The counters line at a clean stop counts it once, as a limit.
kill -TERM $pid; wait $pid; r=$?
is "$r" 0 "milter: SIGTERM, exit 0"
st=$(grep '"event":"stats"' decisions.log | tail -1)
echo "$st" | grep -q '"limits":1,'; ok $? "stats: limits 1"
echo "$st" | grep -q '"tempfail":1,'; ok $? "stats: tempfail 1"

# on_limit = reject: the same message would hit the bound again, so the
# sender learns at once: 550 with the reason.
sed -i 's/^mime_parts = 5$/&\non_limit = reject/' milter.conf	# one [limits] group
"$mlt" -f -p "unix:$tmp/m.sock" -c milter.conf >mlt.out 2>&1 &
pid=$!
i=0; while [ ! -S "$tmp/m.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
want=$(printf '550-5.3.4 Kallelsen kunde inte kontrolleras: den ar for stor eller for komplex (mime_parts). Skicka den med kortare text eller farre delar.\r\n550 5.3.4 The invitation could not be checked: it is too large or too complex (mime_parts). Send it with a shorter text or fewer parts.')
MT_REPLY=$want send reject over.eml "milter: on_limit reject: 550 naming the bound"
grep -q '"action":"reject (limit)".*"limit":"mime_parts"' decisions.log
ok $? "milter: log line says reject (limit)"
kill -TERM $pid; wait $pid
st=$(grep '"event":"stats"' decisions.log | tail -1)
echo "$st" | grep -q '"reject":0,'; ok $? "stats: a limit is not counted as a rule reject"
trap 'rm -rf "$tmp"' EXIT
