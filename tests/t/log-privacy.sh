#!/bin/sh
# The decision log's fields (invite-report(1), DECISION LOG FIELDS) and
# its [log] privacy levels (issue 21), read from real lines: the daemon
# writes them for messages sent through miltertest. Each level: sender
# = address | hashed | unit | none, evidence = masked | category, the
# defaults, the site key's checks (-n), and invite-report reading a
# pseudonymised log. Failures print field names and counts, never an
# address or evidence.
. "$(dirname "$0")/../lib.sh"
mlt=$TOP/$B/invite-milter
rep=$TOP/$B/invite-report
case "$B" in /*) mlt=$B/invite-milter; rep=$B/invite-report ;; esac
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && { kill $pid 2>/dev/null; wait $pid 2>/dev/null; }; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
if ! command -v miltertest >/dev/null || ! command -v python3 >/dev/null || [ ! -x "$mlt" ]; then
	skip "decision log privacy levels" "needs miltertest, python3 and invite-milter"
	exit 0
fi
# The sender: mixed case, so the hash is seen to lower-case it.
FROM=Anna.Svensson@kommun.example
head -c 32 /dev/urandom >site.key

conf() {	# [log] lines... -> m.conf (units when UNITS=1, dry run when DRY=1)
	{ printf '[general]\ninternal_domains = kommun.example\n'
	  [ "${DRY:-0}" = 1 ] && printf 'dry_run = true\n'
	  if [ "${NOTICE:-0}" = 1 ]; then
		printf '[notice]\nenable = true\ntransport = sendmail\nsendmail = %s/fake-sendmail\n' "$tmp"
	  else
		printf '[notice]\nenable = false\n'
	  fi
	  [ "${UNITS:-0}" = 1 ] && printf '[unit:Skola]\nsenders = kommun.example\n'
	  printf '[log]\nsyslog = false\nfile = %s/d.log\n' "$tmp"
	  for l in "$@"; do printf '%s\n' "$l"; done; } >m.conf
}
# run [log] lines...: a fresh log of two messages (the personnummer one,
# stopped, and a clean one) from $FROM (or $SENDER).
run() {
	conf "$@"
	rm -f d.log
	"$mlt" -f -p "unix:$tmp/m.sock" -c m.conf >mlt.out 2>&1 &
	pid=$!
	i=0; while [ ! -S "$tmp/m.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	for f in 002-pnr-subject 001-teams-clean; do
		MT_SOCK="unix:$tmp/m.sock" MT_FILE=$TOP/tests/corpus/$f.eml \
		    MT_IP=192.0.2.10 MT_FROM="<${SENDER:-$FROM}>" MT_EXPECT=any \
		    miltertest -s "$TOP/tests/milter/send.lua" >mt.log 2>&1
	done
	kill -TERM $pid; wait $pid; pid=
	grep '"event":"decision"' d.log >dec.log
}
# field NAME: the values of NAME in the decision lines, one a line
# (python: the lines are JSON; a missing member prints "-")
field() {
	python3 -c '
import json, sys
for l in open("dec.log"):
    d = json.loads(l)
    v = d.get(sys.argv[1], "-")
    print(json.dumps(v) if not isinstance(v, str) else v)' "$1"
}
has() {		# pattern: exit 0 when the whole log matches (case-insensitive)
	grep -qi -- "$1" d.log
}
lines() { wc -l <dec.log | tr -d ' '; }

# 1. The fields of the contract, at the default levels (no units:
# sender as given; masked evidence).
run
is "$(lines)" 2 "two decision lines"
python3 - <<'EOF' >fields.out
import json, re
from datetime import datetime
bad = []
for n, l in enumerate(open("dec.log")):
    d = json.loads(l)
    try:
        datetime.strptime(d["ts"], "%Y-%m-%dT%H:%M:%SZ")
    except (KeyError, ValueError):
        bad.append("ts")
    if d.get("outcome") not in ("rejected", "accepted", "held", "redacted",
                                "flagged", "tempfailed"):
        bad.append("outcome")
    if not isinstance(d.get("request"), bool):
        bad.append("request")
    if "method" not in d or not (d["method"] is None or re.fullmatch("[A-Z]+", d["method"])):
        bad.append("method")
    if not re.fullmatch("[0-9a-f]{64}", d.get("msgid_sha256", "")):
        bad.append("msgid_sha256")
    if d.get("dry_run") is not False:
        bad.append("dry_run")
    if not isinstance(d.get("result"), dict):
        bad.append("result")
print(" ".join(bad) or "all")
EOF
is "$(cat fields.out)" all "ts, outcome, request, method, msgid_sha256, dry_run, result on each line"
is "$(field outcome | tr '\n' ' ')" "rejected accepted " "outcome: rejected, then accepted"
is "$(field request | tr '\n' ' ')" "true true " "request: true for both REQUESTs"
is "$(field method | tr '\n' ' ')" "REQUEST REQUEST " "method: REQUEST"
if command -v jq >/dev/null; then
	jq -e '.ts | fromdateiso8601' dec.log >/dev/null; ok $? "jq parses ts (fromdateiso8601)"
else
	skip "jq parses ts" "no jq"
fi
# (the envelope address as the daemon reads it: lower-cased)
test "$(field sender | sed -n 1p)" = "$(echo "$FROM" | tr A-Z a-z)"; ok $? "sender = address (default without units): the address"
is "$(field sender_hash | sort -u)" "-" "address: no sender_hash"
has '19121212-\*\*\*\*'; ok $? "evidence = masked (default): the masked personnummer"
has '"span":\['; ok $? "masked: spans kept"

# 2. Dry run: would-*, dry_run true.
DRY=1 run
is "$(field outcome | tr '\n' ' ')" "would-rejected would-accepted " "dry run: would-rejected, would-accepted"
is "$(field dry_run | sort -u)" "true" "dry run: dry_run true"

# 3. sender = hashed: HMAC-SHA256 of the lower-cased address with the
# site key, 32 hex digits; no address anywhere in the file.
run 'sender = hashed' 'hash_key_file = site.key'
want=$(python3 -c '
import hmac, hashlib, sys
k = open("site.key", "rb").read()
print(hmac.new(k, sys.argv[1].lower().encode(), hashlib.sha256).hexdigest()[:32])' "$FROM")
is "$(field sender_hash | sort -u)" "$want" "hashed: sender_hash is HMAC-SHA256(key, lower-cased address), 32 hex"
has 'svensson'; r=$?; is "$r" 1 "hashed: no address (not even the local part) in the log"
is "$(field sender | sort -u)" "-" "hashed: no sender field"
h1=$(field sender_hash | sed -n 1p)
SENDER=anna.svensson@KOMMUN.example run 'sender = hashed' 'hash_key_file = site.key'
is "$(field sender_hash | sed -n 1p)" "$h1" "hashed: the same hash whatever the case of the address"
head -c 32 /dev/urandom >other.key
run 'sender = hashed' 'hash_key_file = other.key'
test "$(field sender_hash | sed -n 1p)" != "$h1"; ok $? "hashed: another site key, another hash"

# The notice line: at hashed its recipient (the sender) as rcpt_hash,
# the same keyed hash as the decision's sender_hash, no plain rcpt_sha256;
# at unit, neither. The notice goes to a stand-in sendmail program.
printf '#!/bin/sh\ncat >/dev/null\n' >fake-sendmail; chmod 755 fake-sendmail
nfield() {	# NAME: its values in the notice lines
	python3 -c '
import json, sys
for l in open("d.log"):
    d = json.loads(l)
    if d.get("event") == "notice":
        print(d.get(sys.argv[1], "-"))' "$1"
}
NOTICE=1 run 'sender = hashed' 'hash_key_file = site.key'
is "$(nfield result | sort -u)" "sent" "notice line at hashed: a notice was sent"
is "$(nfield rcpt_hash | sort -u)" "$want" "notice line at hashed: rcpt_hash is the sender_hash"
is "$(nfield rcpt_sha256 | sort -u)" "-" "notice line at hashed: no plain rcpt_sha256"
has 'svensson'; r=$?; is "$r" 1 "notice line at hashed: no address in the log"
NOTICE=1 UNITS=1 run 'sender = unit'
is "$(nfield rcpt_hash | sort -u)/$(nfield rcpt_sha256 | sort -u)" "-/-" "notice line at unit: no hash of the recipient"
NOTICE=1 run
is "$(nfield rcpt_sha256 | sort -u | tr 0-9a-f x)" "xxxxxxxxxxxxxxxx" "notice line at address: rcpt_sha256, 16 hex digits"

# 4. sender = unit: the unit only; none: neither.
UNITS=1 run 'sender = unit'
is "$(field unit | sort -u)" "Skola" "unit: the unit's name"
is "$(field sender | sort -u)/$(field sender_hash | sort -u)" "-/-" "unit: no sender, no sender_hash"
has 'svensson'; r=$?; is "$r" 1 "unit: no address in the log"
run 'sender = unit'
is "$(field unit | sort -u)/$(field sender | sort -u)" "-/-" "unit, sender in no unit: neither unit nor sender"
UNITS=1 run 'sender = none' 'hash_key_file = site.key'
is "$(field unit | sort -u)/$(field sender | sort -u)/$(field sender_hash | sort -u)" "-/-/-" \
    "none: no unit, sender or sender_hash (even with a key)"
has 'svensson'; r=$?; is "$r" 1 "none: no address in the log"
# The default with units: the unit stands for the sender.
UNITS=1 run
is "$(field unit | sort -u)/$(field sender | sort -u)" "Skola/-" "default with units: unit, no sender"

# 5. evidence = category: rule and field only, no evidence, detail or span.
run 'evidence = category'
has '"evidence"'; r=$?; is "$r" 1 "category: no evidence member"
has '"detail"\|"span"'; r=$?; is "$r" 1 "category: no detail or span"
has '19121212'; r=$?; is "$r" 1 "category: no part of the personnummer"
python3 -c '
import json
f = [x for l in open("dec.log") for x in json.loads(l)["result"]["findings"]]
print(len(f) > 0 and all({"rule", "field", "action"} <= set(x) for x in f))' >cat.out
is "$(cat cat.out)" True "category: each finding keeps rule, field and action"
is "$(field outcome | tr '\n' ' ')" "rejected accepted " "category: outcomes unchanged"

# 6. invite-report reads the pseudonymised log (hashed + category) and
# counts what the plain one counts.
if [ -x "$rep" ]; then
	run 'sender = hashed' 'hash_key_file = site.key' 'evidence = category'
	"$rep" -q --csv csv d.log >rep.out 2>&1; r=$?
	is "$r" 0 "invite-report reads a hashed, category-only log"
	grep -q ',personnummer,rejected,1$' csv/summary.csv
	ok $? "invite-report: the personnummer stop counted once"
	grep -qi 'svensson\|19121212' csv/summary.csv rep.out; r=$?
	is "$r" 1 "invite-report: no address or evidence in its output"
else
	skip "invite-report reads a pseudonymised log" "no invite-report"
fi

# 7. The keys' checks, by -n: clear errors, exit 2.
chk() {		# want-exit pattern name [log] lines...
	w=$1 p=$2 n=$3; shift 3
	conf "$@"
	"$mlt" -c m.conf -p "unix:$tmp/n.sock" -n >n.out 2>&1; r=$?
	grep -q -- "$p" n.out; g=$?
	is "$r/$g" "$w/0" "-n: $n"
}
: >empty.key; head -c 8 /dev/urandom >short.key; head -c 5000 /dev/zero >big.key
chk 2 'hash_key_file.*No such file' "a missing key file" 'sender = hashed' 'hash_key_file = nokey'
chk 2 'hash_key_file.*empty' "an empty key file" 'sender = hashed' 'hash_key_file = empty.key'
chk 2 'hash_key_file.*too short' "a key file under 16 bytes" 'sender = hashed' 'hash_key_file = short.key'
chk 2 'hash_key_file.*too big' "a key file over 4096 bytes" 'sender = hashed' 'hash_key_file = big.key'
chk 2 'hashed needs a site key' "sender = hashed without a key file" 'sender = hashed'
chk 2 'use address, hashed, unit or none' "an unknown sender level" 'sender = initials'
chk 2 'use masked or category' "an unknown evidence level" 'evidence = full'
chk 0 '' "hashed with a good key" 'sender = hashed' 'hash_key_file = site.key'
