#!/bin/sh
# Issue 17 item 6: mode redact over every shown-header violation of the
# evasion corpus (tests/evasion/gen.py: display names in From, To, Cc,
# Reply-To, an address comment, Comments, Keywords, Thread-Topic,
# Organization, in every number format and encoding the corpus has).
# Each must be redacted (re-checked clean by notice_redacted) with no
# identifier-shaped number left in its header block, and the addresses
# of its headers unchanged. Prints only file names and counts.
. "$(dirname "$0")/../lib.sh"
case "$B" in /*) bdir=$B ;; *) bdir=$TOP/$B ;; esac
tool=$bdir/tests/correct
if ! command -v python3 >/dev/null 2>&1; then
	skip "redact over the shown-header corpus" "no python3"; exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 "$TOP/tests/evasion/gen.py" "$tmp/c" >/dev/null
ok $? "gen.py writes the corpus"
awk -F'\t' '$2 == "violation" && $3 ~ /carrier=(.*display-name|.*comment-after|keywords|comments|thread-topic|organization)/ { print $1 }' \
    "$tmp/c/manifest.tsv" >"$tmp/files"
n=$(wc -l <"$tmp/files" | tr -d ' ')
test "$n" -ge 40; ok $? "shown-header violations in the corpus ($n)"
red=0; left=0; moved=0
while read -r f; do
	if "$tool" -D kommun.example -R "$tmp/c/$f" >"$tmp/out.eml" 2>/dev/null; then
		red=$((red + 1))
	else
		echo "# not redacted: $f"; continue
	fi
	python3 - "$tmp/c/$f" "$tmp/out.eml" <<'PYEOF' || left=$((left + 1))
import re, sys
def head(p):
    raw = open(p, "rb").read().replace(b"\r\n", b"\n")
    return raw.split(b"\n\n", 1)[0].decode("utf-8", "replace")
a, b = head(sys.argv[1]), head(sys.argv[2])
import email.header
def decoded(h):
    out = []
    for line in re.sub(r"\n[ \t]", " ", h).split("\n"):
        try:
            out.append(str(email.header.make_header(email.header.decode_header(line))))
        except Exception:
            out.append(line)
    return "\n".join(out)
text = re.sub(r"(?m)^(Date|Message-ID):.*$", "", decoded(b))
text = re.sub(r"[ \t\u00a0\u200b\u2009\u202f]", "", text)
if re.search(r"(19|20)?\d{6}[-+\u2010-\u2015]?\d{4}", text):
    sys.exit(1)
for addr in re.findall(r"[\w.-]+@[\w.-]+\.example", a):
    if addr not in b:
        sys.exit(2)
PYEOF
done <"$tmp/files"
is "$red" "$n" "every shown-header violation redacted ($red of $n)"
is "$left" 0 "no identifier left in a redacted header block, no address changed"
