#!/usr/bin/env python3
"""Writes conf/lexicon/forms.txt, the generated part of the topic lexicon
(issue 18), from two inputs:

  conf/words/topic-lemmas.txt  lemmas whose forms leave the lexicon's
                               stems (misshandla -> misshandlad, vräka ->
                               vräktes), and "act" lemmas (slå, sparka)
  conf/lexicon/topics.txt      the strong compound terms, for the forms
                               written with a space inside (oros anmälan)

and Debian's hunspell-sv (sv_SE.dic/.aff, LGPL-3), whose affix rules give
every inflected form of a lemma (unmunch, hunspell-tools) and whose
compound flags say where a compound may be split.

Output kinds (see conf/lexicon/topics.txt):
  word   every form of a strong lemma, matched as a whole word (so a
         short form cannot hit inside an unrelated word: dement is not
         dementera)
  act    every form of an act lemma: a strong topic only with a person in
         the same sentence (rules/topic.c); a particle verb ("låsa in")
         is inflected in its first word
  state  a harm phrase (hör röster, slutat äta), written in each of its
         forms in the lemma file (hunspell's forms of these verbs hold
         nouns): a strong topic with a person in the same sentence, a
         weak one without
  strong a compound term of topics.txt with a space at a compound
         boundary hunspell allows: head (a word or a compound head, also
         with the linking -s) of >= 4 letters, tail a Swedish word of >= 3
         letters or the start of one of >= 5 (anmäl); heads that make
         ordinary phrases are left out (ORDINARY_HEADS)

usage: build-topic-forms.py WORDDIR [OUT]
  WORDDIR holds sv-words.txt and sv-compound-heads.txt
  (conf/words/build-wordlists.py WORDDIR writes them); OUT defaults to
  conf/lexicon/forms.txt. Same package versions give the same bytes.
"""
import os
import subprocess
import sys
import tempfile

DIC = "/usr/share/hunspell/sv_SE.dic"
AFF = "/usr/share/hunspell/sv_SE.aff"
# Heads that make an ordinary phrase with the tail when a space comes
# between (miss bruk, meta don, över dos, anor exi, tvång svård): the
# review pass of the split compounds, not names of terms; "kvar skriv",
# "hemma sitt" are ordinary phrases (topic2); "under när" (under
# närvaro), "prost itu", "minness vikt", "havandes kap" are no splits of
# their terms, "fall risk" is in "i så fall riskerar" (topic3).
ORDINARY_HEADS = {"miss", "meta", "över", "anor", "tvång", "kvar", "hemma",
                  "under", "prost", "minness", "havandes", "fall"}
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_list(path):
    out = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                out.add(line.strip())
    out.discard("")
    return out


def expand(lemmas):
    """lemma -> set of its forms (the lemma itself at least)."""
    entries = {}
    with open(DIC, encoding="utf-8") as fh:
        fh.readline()
        for line in fh:
            line = line.rstrip("\n")
            w = line.split("/")[0]
            if w in lemmas:
                entries.setdefault(w, []).append(line)
    forms = {}
    for lem in sorted(lemmas):
        forms[lem] = {lem}
        if " " in lem:          # a particle verb: "låsa in" -> "låser in"
            head, rest = lem.split(" ", 1)
            sub = expand({head})[head]
            forms[lem] = {f + " " + rest for f in sub}
            continue
        if lem not in entries:
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".dic", delete=False,
                                         encoding="utf-8") as t:
            t.write("%d\n%s\n" % (len(entries[lem]), "\n".join(entries[lem])))
        out = subprocess.run(["unmunch", t.name, AFF], capture_output=True,
                             check=True)
        os.unlink(t.name)
        forms[lem] |= {x.strip() for x in out.stdout.decode("utf-8").split("\n")
                       if x.strip().replace("-", "").isalpha() and
                       not x.strip().endswith("-")}
    return forms


def pkg_version(pkg):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg],
                              capture_output=True, text=True).stdout or "?"
    except OSError:
        return "?"


def main():
    worddir = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(TOP, "conf", "lexicon", "forms.txt")
    words = read_list(os.path.join(worddir, "sv-words.txt"))
    heads = read_list(os.path.join(worddir, "sv-compound-heads.txt"))
    prefixes = set()
    for w in words:
        for k in range(3, min(len(w), 12) + 1):
            prefixes.add(w[:k])
    lem = {}
    with open(os.path.join(TOP, "conf", "words", "topic-lemmas.txt"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cat, kind, w = line.rstrip("\n").split("\t")
            lem[w] = (cat, kind)
    # state phrases are written in all their forms (topic-lemmas.txt)
    forms = expand({w for w in lem if lem[w][1] != "state"})
    forms.update({w: {w} for w in lem if lem[w][1] == "state"})
    rows = []
    for w in sorted(lem):
        cat, kind = lem[w]
        k = kind if kind in ("act", "state") else "word"
        for f in sorted(forms[w]):
            rows.append((cat, k, f))
    split = []
    with open(os.path.join(TOP, "conf", "lexicon", "topics.txt"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            v = line.rstrip("\n").split("\t")
            if len(v) != 3 or v[1] != "strong" or " " in v[2] or "-" in v[2]:
                continue
            t = v[2].lower()
            for i in range(4, len(t) - 2):
                head, tail = t[:i], t[i:]
                base = head[:-1] if head.endswith("s") else head
                if not (head in words or head in heads or
                        (len(base) >= 4 and (base in words or base in heads))):
                    continue
                if not (len(tail) >= 3 and tail in words or
                        len(tail) >= 5 and tail in prefixes):
                    continue
                if head in ORDINARY_HEADS or base in ORDINARY_HEADS:
                    continue
                split.append((v[0], "strong", head + " " + tail))
    seen = set()
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# Generated by conf/words/build-topic-forms.py from "
                 "conf/words/topic-lemmas.txt,\n# conf/lexicon/topics.txt and "
                 "hunspell-sv %s (sv_SE, LGPL-3): do not edit,\n# edit the "
                 "lemmas and run the script. Same format as topics.txt.\n"
                 % pkg_version("hunspell-sv"))
        fh.write("# Forms of the lemmas (word: whole word; act: with a person "
                 "in the sentence;\n# state: strong with a person in the "
                 "sentence, weak without).\n")
        for r in rows:
            if r[1:] not in seen:
                seen.add(r[1:])
                fh.write("\t".join(r) + "\n")
        fh.write("# Compound terms written with a space at a compound "
                 "boundary.\n")
        for r in split:
            if r[1:] not in seen:
                seen.add(r[1:])
                fh.write("\t".join(r) + "\n")
    print("%s: %d forms, %d split compounds" % (out, len(rows), len(split)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
