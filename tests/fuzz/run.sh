#!/bin/sh
# make fuzz: runs each libFuzzer harness (build/fuzz/fuzz_NAME) for
# FUZZ_SECONDS on a temporary copy of its seeds and prints executions
# and coverage per harness. A crash, leak or timeout leaves its input in
# build/fuzz/artifacts/NAME/; copy it to tests/fuzz/regress/NAME/ with
# the fix (make check then runs it every time).
#   FUZZ_SECONDS=60  FUZZ_HARNESSES="message ics text conf tnef reduce lists redact"
#   FUZZ_MAX_LEN=65536 (larger seeds are cut: 1 MB inputs run ~50/s)
set -u
B=${B:-build/fuzz}
secs=${FUZZ_SECONDS:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$top/../shared}
ext=$shared/corpus/external
cd "$top"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
rc=0

seeds() {	# harness -> seed files and directories (read only)
	case $1 in
	message|reduce) ls tests/corpus/*.eml "$ext"/invites/*.eml 2>/dev/null ;;
	ics)	ls "$ext"/ics/*.ics 2>/dev/null ;;
	text)	ls tests/fuzz/seeds/text/* 2>/dev/null ;;
	conf)	ls conf/invite-milter.conf tests/fuzz/seeds/conf/* 2>/dev/null ;;
	lists)	ls tests/fuzz/seeds/lists/* 2>/dev/null ;;
	tnef)	ls "$ext"/../tnef/*.tnef 2>/dev/null ;;	# third-party: in shared/
	redact)	ls tests/fuzz/seeds/redact/* 2>/dev/null ;;
	esac
	ls tests/fuzz/regress/"$1"/* 2>/dev/null
}

for h in ${FUZZ_HARNESSES:-message ics text conf tnef reduce lists redact}; do
	bin=$B/fuzz_$h
	[ -x "$bin" ] || { echo "fuzz: $bin missing (make FUZZ=1 fuzz-build)"; rc=1; continue; }
	corp=$tmp/$h
	art=$B/artifacts/$h/
	mkdir -p "$corp" "$art"
	# Copies: libFuzzer writes new inputs into its first corpus dir.
	seeds "$h" | while read -r f; do cp "$f" "$corp/"; done
	n=$(ls "$corp" | wc -l)
	dict=
	[ -f tests/fuzz/$h.dict ] && dict=-dict=tests/fuzz/$h.dict
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	nice -n 10 "$bin" -max_total_time="$secs" -timeout=10 \
	    -max_len="${FUZZ_MAX_LEN:-65536}" \
	    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$art" \
	    $dict "$corp" >"$B/fuzz-$h.log" 2>&1
	r=$?
	last=$(grep -E '^#[0-9]+.*(cov|ft):' "$B/fuzz-$h.log" | tail -1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$B/fuzz-$h.log")
	cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	corpn=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p')
	printf 'fuzz_%-8s %4ss seeds %4s  execs %9s  cov %6s  ft %6s  corp %s  %s\n' \
	    "$h" "$secs" "$n" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corpn:-?}" \
	    "$([ $r -eq 0 ] && echo ok || echo "FAILED (rc $r, see $B/fuzz-$h.log, $art)")"
	[ $r -eq 0 ] || rc=1
done
exit $rc
