#!/bin/sh
# Real-client calendars (issue 17): tests/corpus/clients/debian (from
# Debian source packages, committed) and, when present,
# ../shared/corpus/clients (the staged third-party corpus, see
# tests/corpus/clients/README.md). invite-check --json over every file
# of a set in one process; each expect.tsv row is one TAP line: no
# crash, one JSON line a file, REPLY and CANCEL never stopped, and the
# expected invitation, method, verdict and rules. Failures name the
# file and the verdict, never evidence.
. "$(dirname "$0")/../lib.sh"
bin=$TOP/$B/invite-check
case "$B" in /*) bin=$B/invite-check ;; esac
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

check_set() {	# dir expect.tsv label SHA256SUMS
	# the sums of the files this set checks (the shared set's are kept
	# in tests/corpus/clients/SHA256SUMS)
	grep -v ' tnef' "$4" | (cd "$1" && sha256sum -c --quiet) >/dev/null 2>&1
	ok $? "$3: every file as its SHA-256 says"
	# raw TNEF streams (tnef/) are no messages: tnef_test reads them
	tail -n +2 "$2" | grep -v '^tnef/' >"$tmp/exp"
	cut -f1 "$tmp/exp" >"$tmp/files"
	n=$(wc -l <"$tmp/files")
	(cd "$1" && xargs -a "$tmp/files" timeout 300 "$bin" -D example.com \
	    --json --) >"$tmp/out.json" 2>"$tmp/err"
	r=$?
	# xargs: 0 all accepted, 123 some flagged or rejected (status 1);
	# a crash is 125 (killed by a signal), a timeout 124
	[ $r -eq 0 ] || [ $r -eq 123 ]
	ok $? "$3: invite-check over $n files ends normally (xargs status $r)"
	python3 - "$tmp/exp" "$tmp/out.json" "$3" <<'PY'
import json, sys
exp_path, out_path, label = sys.argv[1:4]
got = {}
for line in open(out_path, encoding="utf-8"):
    r = json.loads(line)
    got[r["file"]] = r
rows = [l.rstrip("\n").split("\t") for l in open(exp_path, encoding="utf-8")]
def tap(ok, what):
    print(("ok - " if ok else "not ok - ") + what)
tap(len(got) == len(rows), "%s: one JSON line a file (%d of %d)" % (label, len(got), len(rows)))
for f, inv, method, teams, series, verdict, must, mustnot, why in rows:
    r = got.get(f)
    if r is None:
        tap(False, "%s %s: no report" % (label, f))
        continue
    found = set(x["rule"] for x in r["findings"] if x["action"] in ("reject", "hold", "flag"))
    bad = []
    if inv != "-" and (inv == "yes") != bool(r["invitation"]):
        bad.append("invitation %s" % r["invitation"])
    if method != "-" and method != (r["method"] or "-"):
        bad.append("method %s" % r["method"])
    if (r["method"] in ("REPLY", "CANCEL")) and r["verdict"] != "accept":
        bad.append("an answer stopped (%s)" % r["verdict"])
    if verdict != "-" and verdict != r["verdict"]:
        bad.append("verdict %s, expected %s" % (r["verdict"], verdict))
    for m in ([] if must == "-" else must.split(",")):
        if m not in found:
            bad.append("missing %s" % m)
    for m in ([] if mustnot == "-" else mustnot.split(",")):
        if m in found:
            bad.append("unexpected %s" % m)
    tap(not bad, "%s %s: %s%s" % (label, f, why, (" [" + "; ".join(bad) + "]") if bad else ""))
PY
}

check_set "$TOP/tests/corpus/clients/debian" \
    "$TOP/tests/corpus/clients/debian/expect.tsv" debian \
    "$TOP/tests/corpus/clients/debian/SHA256SUMS"
if [ -d "$SHARED/corpus/clients" ]; then
	check_set "$SHARED/corpus/clients" "$TOP/tests/corpus/clients/expect.tsv" \
	    shared "$TOP/tests/corpus/clients/SHA256SUMS"
else
	skip "shared real-client corpus" "$SHARED/corpus/clients is not there (tests/corpus/clients/README.md)"
fi
