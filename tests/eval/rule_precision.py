#!/usr/bin/env python3
"""Per-rule precision on labelled case sets (issue 20: which rules may
stop mail by default). For each rule: the messages it fired on (any
action but off) and how many of them are labelled violation.

usage: rule_precision.py OUTDIR INVITE-CHECK CASES.tsv...
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import invite_eval as ev  # noqa: E402


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    outdir, checker, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
    total = {}
    for cases in sets:
        name = os.path.basename(cases).replace(".tsv", "")
        d = os.path.join(outdir, name)
        os.makedirs(d, exist_ok=True)
        files = {}
        for row in ev.read_cases(cases):
            for style in ev.STYLES:
                r = dict(row, style=style)
                path = os.path.join(d, "%s-%s.eml" % (row["id"], style))
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(ev.make_message(r))
                files[path] = r
        res = subprocess.run([checker, "--json", "-D", ev.DOMAIN] +
                             sorted(files), capture_output=True, text=True)
        per = {}
        for line in res.stdout.splitlines():
            o = json.loads(line)
            viol = files[o["file"]]["expected"] == "violation"
            for rule in {f["rule"] for f in o.get("findings", [])}:
                for key in (per, total):
                    s = key.setdefault(rule, {}).setdefault(name, [0, 0])
                    s[0 if viol else 1] += 1
    sets_n = [os.path.basename(c).replace(".tsv", "") for c in sets]
    print("%-26s" % "rule" + "".join("%22s" % s[:20] for s in sets_n) +
          "%16s" % "all")
    for rule in sorted(total):
        cells, tp_all, fp_all = [], 0, 0
        for s in sets_n:
            tp, fp = total[rule].get(s, [0, 0])
            tp_all += tp
            fp_all += fp
            cells.append("%8d/%-4d %7s" % (tp, tp + fp,
                         "%.3f" % (tp / (tp + fp)) if tp + fp else "-"))
        print("%-26s" % rule + "".join("%22s" % c for c in cells) +
              "%9d/%-4d %.3f" % (tp_all, tp_all + fp_all,
                                 tp_all / (tp_all + fp_all)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
