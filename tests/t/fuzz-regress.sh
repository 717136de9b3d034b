#!/bin/sh
# Every fuzz harness (tests/fuzz/) once over its regression inputs and
# seeds, without libFuzzer (driver.c, built by make check with the normal
# compiler; under ASan+UBSan with SANITIZE=1). A crash is a failure.
. "$(dirname "$0")/../lib.sh"
ext=$SHARED/corpus/external
cd "$TOP"
run() {	# harness dirs-or-files...
	h=$1; shift
	bin=$B/tests/fuzz/fuzz_$h
	if [ ! -x "$bin" ]; then skip "fuzz_$h" "$bin not built"; return; fi
	out=$("$bin" "$@" 2>&1); r=$?
	echo "$out" | grep -v '^1\.\.' | sed 's/^/# /'
	n=$(echo "$out" | grep -c '^ok ')
	ok $r "fuzz_$h: no crash over $n input sets"
	echo "$out" | grep -q '^not ok'; [ $? -ne 0 ]; ok $? "fuzz_$h: every input read"
}
run message tests/fuzz/regress/message tests/corpus "$ext/invites"
# the reducer (parse/reduce.c) over the same messages: chunked = whole
run reduce tests/fuzz/regress/reduce tests/corpus "$ext/invites"
run ics tests/fuzz/regress/ics "$ext/ics"
run text tests/fuzz/regress/text tests/fuzz/seeds/text
run conf tests/fuzz/regress/conf tests/fuzz/seeds/conf conf/invite-milter.conf
run lists tests/fuzz/regress/lists tests/fuzz/seeds/lists
run redact tests/fuzz/regress/redact tests/fuzz/seeds/redact
# real TNEF parts are third-party data: only where shared/ has them
if [ -d "$SHARED/corpus/tnef" ]; then
	run tnef tests/fuzz/regress/tnef "$SHARED/corpus/tnef"
else
	run tnef tests/fuzz/regress/tnef
fi

# Hang guard, not a timing test: 1 MB texts of the shapes that once made
# a detector quadratic (a digit run every five bytes with no space: the
# cue window reached the end of the text from every run) must finish
# within 30 s; the fixed code needs well under a second, the quadratic
# one hours.
bin=$B/tests/fuzz/fuzz_text
if [ -x "$bin" ]; then
	g=$(mktemp -d); trap 'rm -rf "$g"' EXIT
	for shape in '1912-' '12 ' 'år 1912-12-' 'journal 12/'; do
		{ printf '\000'; awk -v s="$shape" 'BEGIN { n = int(1048576 / length(s));
		    for (i = 0; i < n; i++) printf "%s", s }'; } >"$g/in"
		timeout 30 "$bin" "$g/in" >/dev/null 2>&1; r=$?
		ok $r "fuzz_text: 1 MB of \"$shape\" repeated finishes (status $r)"
	done
fi
