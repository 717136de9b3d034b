#!/bin/sh
# invite-report (issue 21): a month of decision logs generated from a seed
# in the daemon's real line formats (today's and the extended one), as a
# rotated set (.gz, .1), a syslog copy and a journal copy, with retries,
# dry-run weeks, REPLY/CANCEL/TNEF, notices and noise. The report's CSV
# must equal what the generator says it put in (computed there, from the
# messages it chose), no address or evidence may reach any output, the
# HTML must validate, and Chromium must render it into a page with the
# charts on it. Also the exit codes 2 and 3, stdin, --since/--until by
# ISO week, the time zone of the weeks, and the unit tests of the modules.
. "$(dirname "$0")/../lib.sh"
R=$TOP/$B/invite-report
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
export TZ=UTC PYTHONDONTWRITEBYTECODE=1

test -x "$R"; ok $? "make built $B/invite-report"
PYTHONPATH=$TOP/report $PY -m unittest discover -s "$TOP/tests/report" \
    -p 'test_*.py' >unit.out 2>&1
ok $? "unit tests of svg.py, the log reader, the model, the unit map ($(grep -o '^Ran [0-9]* tests' unit.out))"

$PY "$TOP/tests/report/gen.py" 21 gen; ok $? "generator writes a month of logs"
L=gen/logs
"$R" --since 2026-11-02 --until 2026-11-29 --units gen/units.map \
    --html r.html --csv csv --json r.json \
    $L/decisions.log.3.gz $L/decisions.log.2.gz $L/decisions.log.1 \
    $L/mail.log $L/journal.log $L/decisions.log >stdout 2>stderr
is $? 0 "invite-report exits 0"
is "$(head -1 csv/summary.csv)" "week,unit,rule,outcome,count" "summary.csv header"
same() {	# NAME: csv/NAME.csv without header == expected, both sorted
	tail -n +2 "csv/$1.csv" | sort >"got.$1"
	sort "gen/expected/$1.csv" >"want.$1"
	cmp -s "got.$1" "want.$1"
	ok $? "$1.csv: $(wc -l <"want.$1" | tr -d ' ') rows as generated"
	cmp -s "got.$1" "want.$1" || diff "want.$1" "got.$1" | head -8 | sed 's/^/# /'
}
same summary
same outcomes
same notices
tail -n +2 csv/other.csv | awk -F, '{n[$2","$3]+=$4} END {for (k in n) print k "," n[k]}' |
    sort >got.other
sort gen/expected/other.csv >want.other
cmp -s got.other want.other; ok $? "REPLY, CANCEL and TNEF are not invitations (other.csv)"
want() { sed -n "s/^$1 //p" gen/expected/totals.txt; }
is "$(sed -n 's/^invitations,//p' csv/trend.csv)" "$(want invitations),$(want prev_invitations)" \
    "invitations: this period and the previous one"
is "$(sed -n 's/^rejected,//p' csv/trend.csv)" "$(want rejected),$(want prev_rejected)" \
    "rejected: this period and the previous one"
is "$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["read"]["retries"])' r.json)" \
    "$(want retries)" "retries of the same message counted once ($(want retries) lines)"
for o in would-rejected would-flagged would-accepted held redacted tempfailed; do
	grep -q ",$o," csv/summary.csv; ok $? "summary.csv has $o"
done
grep -q '^2026-W45,.*,would-rejected,' csv/outcomes.csv &&
    grep -q '^2026-W48,Skola,would-' csv/outcomes.csv
ok $? "dry run from today's dry_run (W45) and from the outcome field (W48)"
"$R" -q --since 2026-11-02 --until 2026-11-29 --units gen/units.map --csv twice \
    $L/* $L/* >/dev/null 2>&1
cmp -s csv/summary.csv twice/summary.csv; ok $? "every log given twice: the same figures"
for f in decisions.log.3.gz decisions.log.2.gz decisions.log.1 mail.log journal.log decisions.log; do
	n=$("$R" -q --json one.json "$L/$f" >/dev/null 2>&1 &&
	    $PY -c 'import json,sys; r=json.load(open(sys.argv[1]))["read"]; print(r["decision_lines"])' one.json)
	test "${n:-0}" -gt 50; ok $? "$f read alone: ${n:-0} decision lines"
done
"$R" -q --since 2026-11-02 --until 2026-11-29 --csv nomap $L/* >/dev/null 2>&1
test "$(grep -c '^2026-W4[567],[^-]' nomap/outcomes.csv)" = 0 &&
    grep -q '^2026-W48,Socialtjänsten,' nomap/outcomes.csv
ok $? "without --units: old lines have no unit, the unit field still counts"
grep '^2026-W48,' gen/expected/outcomes.csv | sort >want.w48
"$R" -q --since 2026-W48 --until 2026-W48 --units gen/units.map --csv w48 $L/* >/dev/null 2>&1
tail -n +2 w48/outcomes.csv | sort | cmp -s - want.w48; ok $? "--since/--until 2026-W48: that week only"
cat $L/decisions.log | "$R" -q --csv stdin - >/dev/null 2>&1 && test -s stdin/summary.csv
ok $? "a log on standard input (-)"
grep -q 'Under veckorna 45–48 stoppades [0-9]* kallelser' stdout &&
    grep -q 'In weeks 45–48, [0-9]* invitations were stopped' stdout
ok $? "summary in Swedish and English ($(grep -o 'stoppades [0-9]* kallelser' stdout))"
grep -q 'Under veckorna 45–48 stoppades' r.html && grep -q 'In weeks 45–48' r.html
ok $? "the HTML starts with that summary"

# time zone: Sunday 23:30 UTC is Monday in Stockholm
echo '{"time":"2026-11-29T23:30:00.000Z","event":"decision","msgid_sha256":"a","action":"reject","dry_run":false,"result":{"invitation":true,"method":"REQUEST","verdict":"reject","calendars":1,"findings":[]}}' >tz.log
"$R" -q --csv tzu tz.log >/dev/null 2>&1
TZ=Europe/Stockholm "$R" -q --csv tzs tz.log >/dev/null 2>&1
is "$(sed -n 2p tzu/outcomes.csv)/$(sed -n 2p tzs/outcomes.csv)" \
    "2026-W48,-,rejected,1/2026-W49,-,rejected,1" "weeks in the local time zone (TZ)"
# an empty period still makes a report
echo '{"time":"2026-11-03T10:00:00.000Z","event":"start","version":"0.1.0"}' >empty.log
"$R" -q --html empty.html --csv emptycsv empty.log >/dev/null 2>&1; is $? 0 "a log without decisions: exit 0"
is "$(cat emptycsv/summary.csv)" "week,unit,rule,outcome,count" "... and summary.csv is only the header"

# no personal data in any output
cat r.html r.json csv/*.csv stdout stderr >all.out
n=$(grep -c -F -f gen/secrets.txt all.out); n=${n:-0}
is "$n" 0 "no address, evidence, detail, domain, hash or queue id in any output ($(wc -l <gen/secrets.txt | tr -d ' ') strings)"
grep -q '@' csv/*.csv; test $? = 1; ok $? "no @ in any CSV"

# exit codes: 2 usage, 3 unreadable log (and nothing written)
"$R" >/dev/null 2>&1; is $? 2 "no LOG: exit 2"
"$R" --bogus $L/decisions.log >/dev/null 2>&1; is $? 2 "unknown option: exit 2"
"$R" --since yesterday $L/decisions.log >/dev/null 2>&1; is $? 2 "bad date: exit 2"
"$R" --since 2026-11-10 --until 2026-11-09 $L/decisions.log >/dev/null 2>&1; is $? 2 "--since after --until: exit 2"
printf 'soc.kommun.example a.b@kommun.example\n' >bad.map
"$R" --units bad.map $L/decisions.log >/dev/null 2>&1; is $? 2 "a unit map with an address as unit: exit 2"
"$R" --units missing.map $L/decisions.log >/dev/null 2>&1; is $? 2 "a missing unit map: exit 2"
"$R" --html x3.html $L/decisions.log missing.log >/dev/null 2>&1; is $? 3 "a missing log: exit 3"
test ! -e x3.html; ok $? "... and nothing written"
"$R" -q gen >/dev/null 2>&1; is $? 3 "a directory as log: exit 3"
printf '\037\213\010\000broken' >broken.gz
"$R" -q broken.gz >/dev/null 2>&1; is $? 3 "a broken .gz: exit 3"
head -c 3000 $L/decisions.log.2.gz >cut.gz
"$R" -q cut.gz >/dev/null 2>&1; is $? 3 "a truncated .gz: exit 3"

# the HTML: strict parse, tidy, then Chromium
$PY "$TOP/tests/report/htmlcheck.py" r.html >hc.out 2>&1
ok $? "HTML: elements closed in order, no script, no reference outside the file"
sed 's/^/# /' hc.out | head -5
grep -q '@media print' r.html; ok $? "HTML has print styles"
if command -v tidy >/dev/null; then
	tidy -errors -q r.html >tidy.out 2>&1; ok $? "tidy -errors: no errors or warnings"
	sed 's/^/# /' tidy.out | head -5
	tidy -errors -q empty.html >/dev/null 2>&1; ok $? "tidy: the empty report too"
else
	skip "tidy -errors" "tidy not installed (contrib/ensure-deps.sh test)"
	skip "tidy: the empty report" "tidy not installed"
fi
CH=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CH" ]; then
	timeout 90 "$CH" --headless --no-sandbox --disable-gpu --hide-scrollbars \
	    --user-data-dir="$tmp/chrome" --screenshot="$tmp/report.png" \
	    --window-size=1200,1600 "file://$tmp/r.html" >chrome.out 2>&1
	test -s report.png; ok $? "Chromium renders the report into a PNG"
	mkdir -p "$TOP/$B/test-logs" && cp report.png "$TOP/$B/test-logs/report.png" 2>/dev/null
	# the page, the rejected bars (#b03a2e), the passed bars (#5d8aa8)
	set -- $($PY "$TOP/tests/report/pngcheck.py" report.png b03a2e 5d8aa8 2>/dev/null)
	is "${1:-0}x${2:-0}" "1200x1600" "PNG is 1200x1600"
	$PY -c 'import sys; sys.exit(not float(sys.argv[1]) > 0.10)' "${3:-0}"
	ok $? "PNG is not blank: ${3:-0} of the pixels not white"
	test "${4:-0}" -gt 50; ok $? "PNG has ${4:-0} distinct colours"
	test "${5:-0}" -gt 500 && test "${6:-0}" -gt 500
	ok $? "PNG shows the bars: ${5:-0} px rejected, ${6:-0} px passed"
	timeout 90 "$CH" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$tmp/chrome" --print-to-pdf="$tmp/report.pdf" \
	    "file://$tmp/r.html" >>chrome.out 2>&1
	pages=$(grep -a -c '/Type */Page\b' report.pdf 2>/dev/null)
	test "$(head -c 5 report.pdf 2>/dev/null)" = "%PDF-" && test "${pages:-0}" -ge 2
	ok $? "Chromium prints it to PDF (${pages:-0} pages, A4 from @media print)"
else
	for x in 1 2 3 4 5 6; do skip "Chromium screenshot $x" "chromium not installed (contrib/ensure-deps.sh test)"; done
fi
echo "1..$_n"
