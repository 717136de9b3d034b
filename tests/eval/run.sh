#!/bin/sh
# make eval: precision and recall of invite-check on the labelled dev
# cases, each turned into real invitation messages of four client styles.
set -eu
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
cases=${CASES:-$top/../shared/corpus/dev-cases.tsv}
out=$B/eval
rm -rf "$out"
python3 "$top/tests/eval/invite_eval.py" "$cases" "$out" "$B/invite-check" "$@"
