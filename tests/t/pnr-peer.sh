#!/bin/sh
# Differential test of the identifier detectors against the peer test
# lists of the personnummer project (../shared/corpus/external/
# personnummer/): every valid number, in each written form, must be
# found inside "Avstämning <number>"; invalid ones must not; organisation
# numbers are not people; interim numbers are found when valid.
# Deliberate deviation: the peers reject a space separator
# ("090527 1474"); a DLP filter must not (detection-spec 1), so a space
# form with valid date and check digit is expected to be found. The
# peers also reject birth number 000; detection-spec 7 deliberately does
# not use that as a rule (a DLP filter errs towards finding), so such a
# number with a valid check digit is expected to be found too.
. "$(dirname "$0")/../lib.sh"
cd "$TOP" || exit 1
DIR=$SHARED/corpus/external/personnummer
if [ ! -f "$DIR/personnummer-meta_allPins.json" ]; then
	skip "peer lists" "no $DIR"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip "peer lists" "no python3"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 - "$DIR" >"$tmp/in.tsv" 2>"$tmp/gen.err" <<'PY'
import json, sys, os
d = sys.argv[1]
REF = (2025, 6, 1)          # keep in step with pnrscan -r below
def load(n):
    with open(os.path.join(d, n), encoding="utf-8") as f:
        return json.load(f)
def luhn10(s):
    t = 0
    for i, c in enumerate(s[:9]):
        v = int(c) * (2 if i % 2 == 0 else 1)
        t += v - 9 if v > 9 else v
    return (10 - t % 10) % 10 == int(s[9])
n = 0
def out(tag, expect, form):
    global n
    n += 1
    print("%s-%d\t%s\tAvstämning %s" % (tag, n, expect, form))
def ssn_expect(form, valid):
    digits = "".join(c for c in form if c.isdigit())
    if not valid and " " in form and len(digits) in (10, 12) and luhn10(digits[-10:]):
        return "pnr"        # deliberate deviation: space separator
    if not valid and len(digits) in (10, 12) and digits[-4:-1] == "000" and luhn10(digits[-10:]):
        return "pnr"        # deliberate deviation: serial 000 (spec 7)
    return "pnr" if valid else "none"
for tag in ("list", "interim"):
    for e in load("personnummer-meta_%s.json" % tag):
        for k in ("long_format", "short_format", "separated_format", "separated_long"):
            f = e.get(k)
            if not f:
                continue
            if e["type"] == "interim":
                out("interim", "interim" if e["valid"] else "none", f)
            else:
                out(tag, ssn_expect(f, e["valid"]), f)
st = load("personnummer-meta_structured.json")
for typ in st:
    for kind in st[typ]:
        for v, lst in st[typ][kind].items():
            for x in lst:
                out("structured", ssn_expect(str(x), v == "valid"), str(x))
def forms(p):
    y, m, dd = int(p[:4]), int(p[4:6]), int(p[6:8])
    age = REF[0] - y - ((REF[1], REF[2]) < (m if m else 1, dd % 60 if dd % 60 else 1))
    sep = "+" if age >= 100 else "-"
    return [p, p[2:], p[2:8] + sep + p[8:], p[:8] + "-" + p[8:]]
for name, tag in (("allPins", "pins"), ("allCoords", "coords")):
    for p in load("personnummer-meta_%s.json" % name):
        for f in forms(p):
            out(tag, "pnr", f)
for e in load("organisationsnummer-meta_list.json"):
    person = e["type"] == "Enskild firma" and e["valid"]
    for k in ("input", "long_format", "short_format", "vat_number"):
        f = e.get(k)
        if not f:
            continue
        if k == "vat_number":
            out("org", "org", f)       # VAT: the letter boundary
        else:
            out("org", "pnr" if person else "org", f)
for e in load("personnummer-meta_orgnumber.json"):
    for k in ("short_format", "separated_format"):
        out("orgnr", "org", e[k])
PY
ok $? "peer lists turned into test lines"
lines=$(wc -l <"$tmp/in.tsv" | tr -d ' ')
test "$lines" -gt 40000
ok $? "about 43,000 numbers in their written forms ($lines lines)"

"$B/tests/pnrscan" -r 2025-06-01 <"$tmp/in.tsv" >"$tmp/out" 2>&1
rc=$?
grep '^MISMATCH' "$tmp/out" | head -20 | sed 's/^/# /'
tail -1 "$tmp/out" | sed 's/^/# /'
ok $rc "no mismatch against the peer lists"
for tag in list interim structured pins coords org orgnr; do
	c=$(grep -c "^MISMATCH $tag-" "$tmp/out")
	is "$c" 0 "$tag: mismatches"
done
