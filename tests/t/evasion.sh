#!/bin/sh
# Issue 7, evasion: tests/evasion/gen.py writes a corpus where one test
# personnummer, one client-like name and one sensitive term hide in
# every disguise a client produces (encoded words, charsets, transfer
# encodings, folding, escapes, HTML, Unicode look-alikes, attachments,
# forwards), each with a clean twin. invite-check must flag every
# violation with its rules and pass every twin. One TAP line a file;
# failures show rule ids, fields and masked evidence only
# (tests/evasion/judge.py). See tests/evasion/README.
. "$(dirname "$0")/../lib.sh"
case "$B" in /*) bdir=$B ;; *) bdir=$TOP/$B ;; esac
chk=$bdir/invite-check
if ! command -v python3 >/dev/null 2>&1; then
	skip "evasion corpus" "no python3"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 "$TOP/tests/evasion/gen.py" "$tmp/c"
ok $? "gen.py writes the corpus"

nv=$(grep -c '	violation	' "$tmp/c/manifest.tsv")
nt=$(grep -c '	twin	' "$tmp/c/manifest.tsv")
test "$nv" -ge 150 && test "$nt" -eq "$nv"
ok $? "at least 150 violations ($nv) and as many twins ($nt)"

# One run over every file; one JSON line each (rc 1: some flagged).
(cd "$tmp/c" && "$chk" -D kommun.example --json -- *.eml *.ics \
    >"$tmp/out.json" 2>"$tmp/err")
rc=$?
test "$rc" -le 1
ok $? "invite-check ran over the corpus (exit $rc)"
lines=$(grep -c '^{' "$tmp/out.json")
rows=$(grep -vc '^#' "$tmp/c/manifest.tsv")
is "$lines" "$rows" "one JSON line per file"

python3 "$TOP/tests/evasion/judge.py" "$tmp/c/manifest.tsv" "$tmp/out.json" \
    >"$tmp/judged"
ok $? "judge.py read the reports"
while IFS='	' read -r st name why; do
	ok "$st" "$name"
	[ "$st" -eq 0 ] || echo "#   $why"
done <"$tmp/judged"

# No identifier or name of the corpus in clear in any report.
out=$(cat "$tmp/out.json")
case "$out" in
*121212-1212*|*1212121212*|*Jönsson*|*Lindqvist*|*Håkansson*) r=1 ;;
*) r=0 ;;
esac
ok $r "no identifier or corpus name in clear in the reports"

# TNEF (winmail.dat) that cannot be read never passes unseen: the report
# says not inspectable, and the milter acts as [actions] not-inspectable
# says (default flag; reject and log when configured so). A TNEF meeting
# that can be read is judged like any invitation (the corpus rows
# tnef-meeting-*, and tests/t/tnef.sh).
tnef=$tmp/c/$(awk -F'\t' '$3 == "tnef-broken-ms-tnef" { print $1 }' \
    "$tmp/c/manifest.tsv")
out=$("$chk" -D kommun.example --json "$tnef")
case "$out" in
*'"invitation":true'*'"verdict":"flag"'*'"rule":"not-inspectable"'*'"evidence":"application/ms-tnef"'*'"problem":"a TNEF (winmail.dat) part cannot be inspected"'*) r=0 ;;
*) r=1 ;;
esac
ok $r "TNEF: JSON says flag, not-inspectable, application/ms-tnef, why"
"$chk" -D kommun.example "$tnef" | grep -q 'not-inspectable'
ok $? "TNEF: text report names not-inspectable"
mil=$bdir/invite-milter
for act in flag reject log; do
	sed "s/^#\\?not-inspectable = .*/not-inspectable = $act/" \
	    "$TOP/conf/invite-milter.conf" >"$tmp/tnef-$act.conf"
	got=$("$mil" -c "$tmp/tnef-$act.conf" -D kommun.example -t "$tnef" |
	    sed -n 's/^verdict: //p')
	want=$act
	[ "$act" = log ] && want=accept
	is "$got" "$want" "TNEF: milter verdict with not-inspectable = $act"
done
printf '[general]\nteams_only = true\n' >"$tmp/teams-only.conf"
"$chk" -c "$tmp/teams-only.conf" -D kommun.example --json "$tnef" |
    grep -q '"rule":"not-inspectable"'
ok $? "TNEF: not scoped out by teams_only"
