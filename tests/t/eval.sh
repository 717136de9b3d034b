#!/bin/sh
# Precision and recall on ../shared/corpus/dev-cases.tsv (issue 3): both
# must be at least 0.95 over the four client styles.
. "$(dirname "$0")/../lib.sh"
cases=$SHARED/corpus/dev-cases.tsv
if [ ! -f "$cases" ]; then skip "eval" "no $cases"; exit 0; fi
CASES=$cases sh "$TOP/tests/eval/run.sh" --assert 0.95 0.95 | sed -E '/^(not )?ok /!s/^/# /'
# The same on tests/eval/extra-cases.tsv: written from the spec apart
# from the dev cases, so a rule tuned to single dev rows shows here.
CASES=$TOP/tests/eval/extra-cases.tsv sh "$TOP/tests/eval/run.sh" --assert 0.95 0.95 |
    sed -E '/^(not )?ok /!s/^/# /; s/^((not )?ok [0-9]+ - )/\1extra cases: /'
# The same on tests/eval/issue18-cases.tsv (issue 18: names of every
# origin, topics as staff write them, identifier forms, false alarms),
# at what the rules reach (1.000/0.991 when added).
CASES=$TOP/tests/eval/issue18-cases.tsv sh "$TOP/tests/eval/run.sh" --assert 0.99 0.97 |
    sed -E '/^(not )?ok /!s/^/# /; s/^((not )?ok [0-9]+ - )/\1issue18 cases: /'
# The sets of session 17 at the issue-18 target (precision 0.98, recall
# 0.97): four written blind (blind17, holdout17, final17, last17; last17
# never read by anyone fixing a detector) and the fixers' own sets of new
# wordings (s17-*). A rule change that loses a class shows here.
# Session 18 adds blind18a, blind18c and blind18d (written blind, then their classes fixed),
# blind18b and blind18e (written blind, kept from every fixer, added at the end) and
# the fixers' sets s18-*.
for set in blind17 holdout17 final17 last17 s17-namefix s17-names2 \
    s17-names3 s17-topicfix s17-topic2 s17-topic3 blind18a s18-fixnames \
    s18-fixtopics s18-fixblind blind18c s18-fixnames3 s18-fixtopics3 \
    blind18d s18-lead blind18b blind18e; do
	CASES=$TOP/tests/eval/$set-cases.tsv sh "$TOP/tests/eval/run.sh" --assert 0.98 0.96 |
	    sed -E "/^(not )?ok /!s/^/# /; s/^((not )?ok [0-9]+ - )/\\1$set cases: /"
done
