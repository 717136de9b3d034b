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
chk=$B/invite-check
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
(cd "$tmp/c" && "$TOP/$chk" -D kommun.example --json -- *.eml *.ics \
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
