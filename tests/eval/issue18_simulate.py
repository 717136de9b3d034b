#!/usr/bin/env python3
"""Offline simulation for issue 18 (not a test): candidate name rules that
use the ordinary-word test (conf/words) and the larger name lists
(conf/names/faker-*.txt), run over labelled rows: which missed violation
rows each rule would catch, and which clean rows it would wrongly fire on.
A rough model of rules/names.c, not the detector: no staff context, no
signature handling beyond a leading '/', no participants.

  R1 pair      two capitalised tokens, each listed, a faker name or no
               Swedish word, at least one no word (or a listed first name)
  R2 case      a case word + a capitalised token that is no word (>= 3)
  R3 relative  a capitalised name-like token in a sentence with a relative
               (mamma, moster, bror, ...) or "och hans/hennes/sin"
  R4 genitive  Name+s before a lower-case word, Name listed/faker/no word
  R5 file      File_Name parts: a first name next to a surname or non-word
  R6 word pair a case word + a listed first name + a capitalised token,
               one of them an ordinary word ("Avstämning Sten Skog")
Each rule counts only what the current lists do not already give.

usage: issue18_simulate.py [--strict] MISSES.txt CASES.tsv...
  --strict: a token in conf/words/sv-propernouns.txt (not a listed or
  faker name) or en-words.txt does not count as "no word" (places,
  organisations, brands, English words)
  MISSES.txt: the output of make eval on the first CASES file (its
  misclassified list), to mark which violation rows are missed today.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from issue18_wordtest import Words, load, afold, TRIGGERS, TOP  # noqa: E402

RELATIVES = set("""mamma mamman mammans pappa pappan pappans moster mostern morbror
farbror faster farmor farfar mormor morfar bror brodern storebror lillebror
syster systern storasyster föräldrar föräldrarna vårdnadshavare vårdnadshavaren
dotter dottern son sonen sambo fru maken hustru""".split())
POSS = {"hans", "hennes", "sin", "sina", "sitt"}
TOK = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|[.!?\n/]")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    misses_path, paths = args[0], args[1:]
    missed = set(re.findall(r"^\s+(\w+) \w+\s+\S+\s+expected violation",
                            open(misses_path).read(), re.M))
    W = Words()
    nd = os.path.join(TOP, "conf", "names")
    first = load(os.path.join(nd, "first.txt"))
    sur = load(os.path.join(nd, "surnames.txt"))
    stop = load(os.path.join(nd, "stopwords.txt"))
    ffirst = load(os.path.join(nd, "faker-first.txt"))
    fsur = load(os.path.join(nd, "faker-surnames.txt"))

    wd = os.path.join(TOP, "conf", "words")
    propn = load(os.path.join(wd, "sv-propernouns.txt"))
    en = load(os.path.join(wd, "en-words.txt"), fold=False)
    strict = "--strict" in sys.argv

    def cls(t):
        a = afold(t)
        return {"propn": a in propn and not (a in first or a in sur or a in ffirst or a in fsur),
                "en": t.lower() in en,"first": a in first or a in ffirst, "sur": a in sur or a in fsur,
                "listed": a in first or a in sur, "stop": a in stop,
                "word": W.is_word(t) is not None,
                "cap": t[:1].isupper() and not t.isupper() and len(t) >= 2}

    def namelike(c):
        return c["cap"] and not c["stop"] and (c["first"] or c["sur"] or (
            not c["word"] and not (strict and (c["propn"] or c["en"]))))

    def rules(row):
        field, text = row[1], row[2].replace("\\n", "\n")
        if field in ("organizer", "attendee"):
            return set()
        if field == "attachment":
            text = re.sub(r"\.\w+$", "", text).replace("_", " ")
        toks = TOK.findall(text)
        fired = set()
        sent_rel = []
        cur = False
        for i, t in enumerate(toks):      # relative word in the sentence
            if t in ".!?\n":
                cur = False
            elif t.lower() in RELATIVES or (t.lower() in POSS and i and toks[i - 1].lower() == "och"):
                cur = True
            sent_rel.append(cur)
        # a relative later in the sentence counts too
        for i in range(len(toks) - 2, -1, -1):
            if toks[i] not in ".!?\n" and sent_rel[i + 1]:
                sent_rel[i] = True
        for i, t in enumerate(toks):
            if len(t) < 2 or not t[0].isalpha():
                continue
            if i and toks[i - 1] == "/":
                continue                  # /Name signature
            parts = t.split("-")
            c = [cls(p) for p in parts]
            nl = all(namelike(x) for x in c)
            nonword = any(not x["word"] and not (strict and (x["propn"] or x["en"]))
                          for x in c)
            n = toks[i + 1] if i + 1 < len(toks) else ""
            cn = [cls(p) for p in n.split("-")] if n[:1].isalpha() else []
            if nl and cn and all(namelike(x) for x in cn) and (
                    nonword or any(not x["word"] for x in cn) or
                    any(x["first"] and x["listed"] for x in c)) and \
                    not all(x["listed"] for x in c + cn):
                fired.add("R1")     # only pairs the current lists miss
            # R6: case word + listed first name (also a stop word) +
            # capitalised word: "Avstämning Sten Skog"
            if i and toks[i - 1].lower() in TRIGGERS and len(c) == 1 and \
                    c[0]["cap"] and c[0]["first"] and c[0]["listed"] and \
                    cn and all(x["cap"] for x in cn) and (
                        c[0]["stop"] or any(x["stop"] or x["word"] for x in cn)):
                fired.add("R6")
            p = toks[i - 1].lower() if i else ""
            if p in TRIGGERS and nl and nonword and len(t) >= 3 and \
                    not any(x["listed"] for x in c) and not (strict and any(
                        x["propn"] or x["en"] for x in c)):
                fired.add("R2")
            if nl and (nonword or any(x["first"] for x in c)) and sent_rel[i] and \
                    t.lower() not in RELATIVES:
                fired.add("R3")
            if t.endswith("s") and len(t) >= 5 and n[:1].islower() and \
                    not c[0]["word"]:
                b = cls(t[:-1])
                if namelike(b) and (not b["word"] or b["first"] or b["sur"]) and \
                        not (b["listed"] and b["first"]):
                    fired.add("R4")
            if field == "attachment" and cn and nl and all(namelike(x) for x in cn) and (
                    any(x["first"] for x in c + cn)):
                fired.add("R5")
        return fired

    gain, fp = {}, {}
    for path in paths:
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or line.startswith("id\t"):
                continue
            row = line.rstrip("\n").split("\t")
            if len(row) < 5:
                continue
            f = rules(row)
            if row[3] == "violation" and row[0] in missed and row[4].startswith("name"):
                for r in f:
                    gain.setdefault(r, []).append(row[0])
                if not f:
                    gain.setdefault("none", []).append(row[0])
            if row[3] == "clean":
                for r in f:
                    fp.setdefault(r, []).append(row[0])
    print("missed name rows caught, by rule:")
    for r in sorted(gain):
        print("  %-5s %3d  %s" % (r, len(gain[r]), " ".join(gain[r])))
    print("clean rows a rule fires on (all sets given):")
    for r in sorted(fp):
        print("  %-5s %3d  %s" % (r, len(fp[r]), " ".join(fp[r])))


if __name__ == "__main__":
    main()
