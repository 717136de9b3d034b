#!/bin/sh
# make demo: invite-check on the bundled sample invitations, then, when
# the milter is built, the live path through a private Postfix.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
echo "== invite-check on sample invitations (internal domain kommun.example)"
for f in tests/corpus/001-teams-clean.eml tests/corpus/002-pnr-subject.eml \
    tests/corpus/003-google-base64.eml tests/corpus/004-outlook-pnr-description.eml; do
	"$B/invite-check" -D kommun.example "$f"
done
echo
echo "== the same as JSON (invite-check --json)"
"$B/invite-check" -D kommun.example --json tests/corpus/00[1-4]-*.eml
if [ -x "$B/invite-milter" ] && [ -f tests/demo-live.sh ]; then
	echo
	echo "== live: Postfix on loopback -> invite-milter"
	sh tests/demo-live.sh
fi
exit 0
