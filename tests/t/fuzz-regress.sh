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
run ics tests/fuzz/regress/ics "$ext/ics"
run text tests/fuzz/regress/text tests/fuzz/seeds/text
run conf tests/fuzz/regress/conf tests/fuzz/seeds/conf conf/invite-milter.conf
