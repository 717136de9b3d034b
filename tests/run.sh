#!/bin/sh
# Runs every test program and script, reads their TAP lines, and ends
# with one line "N passed, N failed". Unit tests: build/tests/*_test
# (GTest, --tap). Script tests: tests/t/*.sh (TAP via tests/lib.sh).
# A program that dies without reporting counts as one failure.
#   TESTS="pattern"  run only the tests whose name contains pattern;
#                    several patterns: "a|b|c" (any of them)
set -u
B=${B:-build}
export B
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
log=$B/test-logs
mkdir -p "$log"
pass=0 fail=0 skip=0
failed_names=""

# wanted NAME: does NAME contain one of the |-separated TESTS patterns?
wanted() {
	[ -z "${TESTS:-}" ] && return 0
	_rest=$TESTS
	while :; do
		_p=${_rest%%|*}
		case "$1" in *"$_p"*) [ -n "$_p" ] && return 0 ;; esac
		[ "$_rest" = "$_p" ] && return 1
		_rest=${_rest#*|}
	done
}

run_one() {		# name command...
	name=$1; shift
	wanted "$name" || return 0
	out="$log/$name.log"
	start=$(date +%s)
	"$@" >"$out" 2>&1 </dev/null
	rc=$?
	p=$(grep -c '^ok ' "$out" | tr -d ' ' || true)
	s=$(grep -c '^ok .*# *[Ss][Kk][Ii][Pp]' "$out" | tr -d ' ' || true)
	f=$(grep -c '^not ok ' "$out" | tr -d ' ' || true)
	p=$((p - s))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$out"
	fi
	pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
	el=$(( $(date +%s) - start ))
	printf '%-28s %4d passed %3d failed %3d skipped  %ss\n' "$name" "$p" "$f" "$s" "$el"
	if [ "$f" -ne 0 ]; then
		failed_names="$failed_names $name"
		grep -E '^not ok|^# ' "$out" | head -40 | sed 's/^/    /'
	fi
}

for t in "$B"/tests/*_test; do
	[ -x "$t" ] || continue
	run_one "$(basename "$t")" "$t" --tap
done
for t in tests/t/*.sh; do
	[ -f "$t" ] || continue
	run_one "$(basename "$t" .sh)" sh "$t"
done

[ -n "$failed_names" ] && echo "failed:$failed_names (logs in $log/)"
# The last line is always exactly "N passed, N failed" (CI reads it).
[ "$skip" -gt 0 ] && echo "$skip skipped (see the lines above)"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
