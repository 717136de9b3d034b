#!/usr/bin/env python3
"""Compares invite-check --json output with the evasion manifest.

    judge.py MANIFEST JSONLINES

prints one line a manifest row: "0<TAB>name" when the case is right,
"1<TAB>name<TAB>what went wrong" when not. A violation is right when
every rule of its row is found at flag or reject; a twin is right when
nothing is flagged or rejected. What went wrong names rule ids, fields
and the report's (masked) evidence, masked once more here, so no
identifier or name of the corpus can reach a test log.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402  (the corpus's own lists, to mask them)

# Ten or more digits, with up to two other characters between them.
_digits = re.compile(r"\d(?:[^\w*]{0,2}\d){9,}")


def _mask_number(m):
    d = re.sub(r"\D", "", m.group(0))
    return d[:-4] + "-****"


def mask(s):
    """The last four of a long number become ****; names become initials."""
    s = _digits.sub(_mask_number, s)
    for first, last in gen.NAMES:
        s = s.replace(first, first[0] + ".").replace(last, last[0] + ".")
    return s


def main():
    rows = []
    with open(sys.argv[1], encoding="utf-8") as fp:
        for ln in fp:
            if ln.startswith("#") or not ln.strip():
                continue
            f, kind, disguise, want = ln.rstrip("\n").split("\t")
            rows.append((f, kind, disguise, set(want.split()) - {"-"}))
    got = {}
    with open(sys.argv[2], encoding="utf-8", errors="replace") as fp:
        for ln in fp:
            try:
                o = json.loads(ln)
            except ValueError:
                continue
            got[os.path.basename(o.get("file", ""))] = o
    for f, kind, disguise, want in rows:
        name = "%s %s %s" % (f, kind, disguise)
        o = got.get(f)
        if o is None:
            print("1\t%s\tno report for this file" % name)
            continue
        hits = [x for x in o["findings"] if x["action"] in ("flag", "hold", "reject")]
        rules = {x["rule"] for x in hits}
        ev = "; ".join("%s/%s/%s" % (x["rule"], x["field"],
                                     mask(x["evidence"])) for x in hits)
        if kind == "plain" and o.get("invitation"):
            print("1\t%s\tno invitation, but read as one (verdict %s)" % (
                name, o["verdict"]))
            continue
        if kind in ("violation", "uninspectable"):
            miss = sorted(want - rules)
            if miss:
                print("1\t%s\tmissing %s; got %s [%s] verdict %s" % (
                    name, " ".join(miss), " ".join(sorted(rules)) or "-",
                    ev, o["verdict"]))
                continue
        elif rules:
            print("1\t%s\ttwin flagged: %s" % (name, ev))
            continue
        print("0\t%s" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
