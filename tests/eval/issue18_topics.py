#!/usr/bin/env python3
"""Offline simulation for issue 18 (not a test): candidate topic rules run
over labelled rows, a rough model of rules/topic.c (case-folded substring
of strong stems, case-sensitive abbreviations), to show which missed
violation rows each candidate catches and on which clean rows it fires.

  T0 base      strong stems of conf/lexicon/topics.txt as substrings
  T1 join      T0 on two adjacent words written together, the match
               crossing the join ("oros anmälan", "familje hem")
  T2 lemmas    strong lemmas of conf/words/topic-lemmas.txt expanded to
               all forms with hunspell-sv (unmunch), whole tokens or the
               tail of a compound
  T3 acts      "act" lemmas of topic-lemmas.txt (slå, sparka, hota...)
               with a person word in the same sentence
  T4 abbrev    VIN, HRV, EKB, and SoL before a case word (ärende,
               utredning, insats, beslut)
  T5 owner     budget/ekonomi owned by a person or household
               (hushållets, familjens, hennes, klientens budget) next to
               any strong or weak economy term: no general context

usage: issue18_topics.py MISSES.txt CASES.tsv...   (needs unmunch)
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from issue18_wordtest import TOP, afold  # noqa: E402

DIC = "/usr/share/hunspell/sv_SE.dic"
AFF = "/usr/share/hunspell/sv_SE.aff"
PERSON = set("""hon han henne honom mamma mamman pappa pappan barnet barnen flickan
pojken eleven dottern sonen sambo sambon maken frun kvinnan mannen brodern
systern styvpappan styvpappa klienten brukaren patienten hustrun make""".split())
ABBR = {"VIN", "HRV", "EKB"}
CASEW = ("ärende", "utredning", "insats", "beslut", "placering")
OWNERS = ("hushållets", "familjens", "hennes", "hans", "klientens",
          "brukarens", "deras")


def expand(lemmas):
    entries = {}
    with open(DIC, encoding="utf-8") as f:
        f.readline()
        for line in f:
            w = line.rstrip("\n").split("/")[0]
            if w in lemmas:
                entries.setdefault(w, line.rstrip("\n"))
    forms = {}
    for lem in lemmas:
        if lem not in entries:
            forms[lem] = {lem}
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".dic", delete=False,
                                         encoding="utf-8") as t:
            t.write("1\n%s\n" % entries[lem])
        out = subprocess.run(["unmunch", t.name, AFF], capture_output=True)
        os.unlink(t.name)
        forms[lem] = {x for x in out.stdout.decode().split("\n") if x} | {lem}
    return forms


def main():
    missed_txt, paths = sys.argv[1], sys.argv[2:]
    missed = set(re.findall(r"^\s+(\w+) \w+\s+\S+\s+expected violation",
                            open(missed_txt).read(), re.M))
    strong = []
    general = []
    for line in open(os.path.join(TOP, "conf", "lexicon", "topics.txt"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        v = line.rstrip("\n").split("\t")
        if len(v) >= 3 and v[1] == "strong":
            strong.append(afold(v[2]))
        if len(v) >= 3 and v[1] == "general":
            general.append(afold(v[2]))
    lem_strong, lem_act = set(), set()
    for line in open(os.path.join(TOP, "conf", "words", "topic-lemmas.txt"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        _, kind, lem = line.rstrip("\n").split("\t")
        (lem_act if kind == "act" else lem_strong).add(lem)
    fs = expand(lem_strong)
    fa = expand(lem_act)
    sforms = {afold(x) for s in fs.values() for x in s}
    aforms = {afold(x) for s in fa.values() for x in s}

    def tok_in(t, forms):
        if t in forms:
            return True
        return any(t.endswith(f) and len(f) >= 5 and len(t) - len(f) >= 3 for f in forms)

    def rules(row):
        text = row[2].replace("\\n", "\n")
        a = afold(text)
        toks = re.findall(r"\w+", a)
        fired = set()
        if any(s in a for s in strong):
            fired.add("T0")
        for i in range(len(toks) - 1):
            x, y = toks[i], toks[i + 1]
            if len(x) >= 3 and len(y) >= 3:
                j = x + y
                for s in strong:
                    k = j.find(s)
                    if k >= 0 and k < len(x) < k + len(s):
                        fired.add("T1")
        if any(tok_in(t, sforms) for t in toks):
            fired.add("T2")
        for sent in re.split(r"[.!?\n]", a):
            st = re.findall(r"\w+", sent)
            if any(tok_in(t, aforms) for t in st) and any(t in PERSON for t in st):
                fired.add("T3")
        raw = re.findall(r"[\w]+", text)
        for i, t in enumerate(raw):
            if t in ABBR:
                fired.add("T4")
        if re.search(r"\bSoL-(%s)" % "|".join(CASEW), text):
            fired.add("T4")
        if re.search(r"\b(%s) (budget|ekonomi)" % "|".join(afold(o) for o in OWNERS), a) or \
                re.search(r"budget\w* .*(kronofogd|skuld|utmat)", a) and \
                re.search(r"\b(familjen|hushallet|hennes|hans|klientens)\b", a):
            fired.add("T5")
        gen = any(g in a for g in general)
        return fired, gen

    gain, fp = {}, {}
    for path in paths:
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or line.startswith("id\t"):
                continue
            row = line.rstrip("\n").split("\t")
            if len(row) < 5:
                continue
            f, gen = rules(row)
            if row[3] == "violation" and row[0] in missed and "topic" in row[4]:
                for r in f - {"T0"}:
                    gain.setdefault(r, []).append(row[0])
                if not f - {"T0"}:
                    gain.setdefault("none", []).append(row[0])
            if row[3] == "clean":
                for r in f - {"T0"}:
                    if "T0" in f:
                        continue          # the base already fires here
                    fp.setdefault(r, []).append(row[0] + ("(gen)" if gen else ""))
    print("missed topic rows caught, by candidate:")
    for r in sorted(gain):
        print("  %-5s %3d  %s" % (r, len(gain[r]), " ".join(gain[r])))
    print("clean rows a candidate newly fires on ((gen): general context in the row):")
    for r in sorted(fp):
        print("  %-5s %3d  %s" % (r, len(fp[r]), " ".join(fp[r])))


if __name__ == "__main__":
    main()
