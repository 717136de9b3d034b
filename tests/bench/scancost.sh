#!/bin/sh
# make bench, the rule scan against a reference build (issue 18: the
# whole rule scan >= 200 MB/s on typical text). The wall clock of a
# shared host moves by up to 2x between minutes, so this section gives
# two figures that do not depend on it:
#   - instructions per 4 MB round (valgrind --tool=callgrind, which
#     counts instructions, the same on a busy or a quiet machine): the
#     difference of a 3-round and a 1-round run, halved, so start-up and
#     the warm-up round drop out;
#   - MB/s of this build and of the reference build run one after the
#     other on the same CPU, ROUNDS times interleaved: their ratio holds
#     when the machine's speed moves, the absolute figures do not.
# The reference (REF, default 89717b5: the build before issue 18, which
# made 211 MB/s typical in make bench on 2026-12-05) is exported with
# git archive and built once into $B/bench/ref-REF. Prints Markdown.
# Knobs: REF, ROUNDS (default 3), PIN (e.g. "taskset -c 1").
set -u
B=${B:-build}
REF=${REF:-89717b5}
ROUNDS=${ROUNDS:-3}
PIN=${PIN:-}
top=$(cd "$(dirname "$0")/../.." && pwd)
case "$B" in /*) bdir=$B ;; *) bdir=$top/$B ;; esac
cur=$bdir/tests/detbench
refdir=$bdir/bench/ref-$REF
ref=$refdir/build/tests/detbench

if [ ! -x "$ref" ] && git -C "$top" cat-file -e "$REF^{commit}" 2>/dev/null; then
	rm -rf "$refdir" && mkdir -p "$refdir" &&
	    git -C "$top" archive "$REF" | tar -x -C "$refdir" &&
	    ln -s "$top/../shared" "$refdir/../shared" 2>/dev/null
	# the reference's own Makefile, its own build directory
	make -C "$refdir" --no-print-directory -j2 build/tests/detbench \
	    >"$refdir.log" 2>&1 || echo "(reference build failed: $refdir.log)"
fi

# per_round BIN MODE: instructions of one round of BIN's whole rule scan
per_round() {
	r1=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
	    "$1" -s $2 -n 1 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,)
	r3=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
	    "$1" -s $2 -n 3 2>&1 | sed -n 's/.*refs: *//p' | tr -d ,)
	[ -n "$r1" ] && [ -n "$r3" ] && echo $(( (r3 - r1) / 2 ))
}
mbs() {	# BIN MODE: MB/s of the whole rule scan, median of 11 rounds
	# shellcheck disable=SC2086
	$PIN "$1" -s $2 -n 11 | sed -n 's/^rule scan (all) *\([0-9]*\) MB.*/\1/p'
}

echo "### The rule scan against the build before issue 18"
echo
if [ ! -x "$ref" ]; then
	echo "(skipped: no reference build of $REF)"
	exit 0
fi
echo "This build against $REF (the build before issue 18), the same 4 MB of text per round"
echo "(\`detbench -s [-t]\`; typical is the target's text)."
echo
if command -v valgrind >/dev/null; then
	echo "Instructions per round (callgrind; repeatable, whatever the load):"
	echo
	echo "| text | $REF | this build | this / $REF | instructions per byte, this build |"
	echo "|---|---|---|---|---|"
	for mode in -t ""; do
		a=$(per_round "$ref" "$mode") b=$(per_round "$cur" "$mode")
		[ -n "$a" ] && [ -n "$b" ] || continue
		awk -v m="$([ -n "$mode" ] && echo typical || echo dense)" \
		    -v a="$a" -v b="$b" 'BEGIN { printf "| %s | %.1f M | %.1f M | %.3f | %.1f |\n",
		    m, a / 1e6, b / 1e6, b / a, b / (4 * 1024 * 1024) }'
	done
	echo
fi
echo "MB/s, $ROUNDS rounds interleaved ($REF, then this build, each its own process${PIN:+, \`$PIN\`}):"
echo
for mode in -t ""; do
	va= vb=
	for k in $(seq "$ROUNDS"); do
		va="$va $(mbs "$ref" "$mode")"
		vb="$vb $(mbs "$cur" "$mode")"
	done
	ma=$(echo $va | tr ' ' '\n' | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")
	mb=$(echo $vb | tr ' ' '\n' | sort -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")
	echo "- $([ -n "$mode" ] && echo typical || echo dense): $REF$va (median $ma); this build$vb (median **$mb**); ratio $(awk -v a="$ma" -v b="$mb" 'BEGIN { if (a > 0) printf "%.2f", b / a }')x"
done
