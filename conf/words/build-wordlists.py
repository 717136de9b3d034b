#!/usr/bin/env python3
"""Builds the word lists under conf/words/ (issue 18):
  sv-words.txt           ordinary Swedish words, all forms, lower case
  sv-compound-heads.txt  first/middle parts of Swedish compounds
  sv-propernouns.txt     capitalised dictionary entries: places,
                         organisations, brands and also person names
                         (a name list given to the detector wins)
  en-words.txt           ordinary English words, lower case (wamerican)
  en-propernouns.txt     capitalised wamerican entries (Easter, Tuesday,
                         Aurora, and also person names): ordinary only in
                         a text that is not Swedish

sv-words.txt: the ordinary Swedish words (all
inflected forms, lower case) for the names detector's question "is this
capitalised token an ordinary Swedish word?" (issue 18).

Sources (Debian packages, see conf/names/README):
  hunspell-sv  /usr/share/hunspell/sv_SE.dic + .aff  (LGPL-3), every
               entry expanded with its affix flags by unmunch
               (hunspell-tools)
  wswedish     /usr/share/dict/swedish (GPL-2+), ISO-8859-1
  wamerican    /usr/share/dict/american-english (SCOWL, permissive
               licence of Kevin Atkinson et al.)
Kept: forms written in lower case only in both sources (an entry with a
capital, "Anna", "Sverige", "EU", is a proper noun or an abbreviation, not
an ordinary word), letters and inner hyphens only, at least 2 letters.
Left out: hunspell entries flagged FORBIDDENWORD (misspellings) and
ONLYINCOMPOUND (parts like "abborr", "adoptiv" that are no word alone).
Not expanded: compounds the dictionary builds at run time (COMPOUNDRULE,
COMPOUNDBEGIN...); the detector splits those itself, so the second file,
sv-compound-heads.txt, lists the lower-case entries hunspell allows at
the start or in the middle of a compound (flags X, U, and the
ONLYINCOMPOUND parts), without inflection.

usage: build-wordlists.py [OUTDIR]   (default conf/words)
Reproducible: same package versions give the same bytes.
"""
import os
import re
import subprocess
import sys
import tempfile

DIC = "/usr/share/hunspell/sv_SE.dic"
AFF = "/usr/share/hunspell/sv_SE.aff"
WSW = "/usr/share/dict/swedish"
WAM = "/usr/share/dict/american-english"
CAPWORD = re.compile(r"^[A-ZÅÄÖÉÜ][a-zåäöéüæøàèáóíúâêôç]+(?:-[A-ZÅÄÖa-zåäöéü][a-zåäöéüæøàèáóíúâêôç]+)*$")
WORD = re.compile(r"^[a-zåäöéüæøàèáóíúâêôç]+(?:-[a-zåäöéüæøàèáóíúâêôç]+)*$")


def pkg_version(pkg):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg],
                              capture_output=True, text=True).stdout or "?"
    except OSError:
        return "?"


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "conf/words"
    out = os.path.join(outdir, "sv-words.txt")
    flags = {}
    keep = []
    with open(DIC, encoding="utf-8") as fh:
        fh.readline()                       # the entry count
        for line in fh:
            line = line.rstrip("\n")
            w, _, fl = line.partition("/")
            flags.setdefault(w, set()).update(fl)
            if "%" in fl or "Z" in fl or w != w.lower():
                continue
            keep.append(line)
    heads = sorted(w for w, fl in flags.items()
                   if w == w.lower() and WORD.match(w) and len(w) >= 2 and
                   "%" not in fl and (fl & {"X", "U", "Z"}))
    tmp = os.path.join(tempfile.mkdtemp(), "sv_words.dic")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write("%d\n" % len(keep))
        fh.write("\n".join(keep) + "\n")
    forms = subprocess.run(["unmunch", tmp, AFF], capture_output=True,
                           check=True).stdout.decode("utf-8").split("\n")
    os.unlink(tmp)
    words = set()
    for f in forms:
        f = f.strip()
        if WORD.match(f) and len(f) >= 2:
            words.add(f)
    n_hun = len(words)
    n_wsw = 0
    with open(WSW, encoding="iso-8859-1") as fh:
        for line in fh:
            w = line.strip()
            if WORD.match(w) and len(w) >= 2 and w not in words:
                words.add(w)
                n_wsw += 1
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# Ordinary Swedish words, every inflected form, lower case: "
                 "%d words.\n" % len(words))
        fh.write("# Built by conf/words/build-wordlists.py from hunspell-sv %s "
                 "(sv_SE, LGPL-3,\n# expanded with unmunch) and wswedish %s "
                 "(GPL-2+); see conf/names/README.\n"
                 % (pkg_version("hunspell-sv"), pkg_version("wswedish")))
        fh.write("# Lower-case entries only: proper nouns are left out.\n")
        for w in sorted(words):
            fh.write(w + "\n")
    with open(os.path.join(outdir, "sv-compound-heads.txt"), "w",
              encoding="utf-8") as fh:
        fh.write("# First and middle parts of Swedish compounds (hunspell-sv "
                 "%s, sv_SE,\n# flags COMPOUNDBEGIN X, COMPOUNDMIDDLE U, "
                 "ONLYINCOMPOUND Z): %d entries.\n# Built by "
                 "conf/words/build-wordlists.py; see conf/names/README.\n"
                 % (pkg_version("hunspell-sv"), len(heads)))
        for w in heads:
            fh.write(w + "\n")
    caps = set()
    with open(DIC, encoding="utf-8") as fh:
        fh.readline()
        for line in fh:
            w, _, fl = line.rstrip("\n").partition("/")
            if "%" not in fl and CAPWORD.match(w):
                caps.add(w)
    with open(WSW, encoding="iso-8859-1") as fh:
        for line in fh:
            w = line.strip()
            if CAPWORD.match(w) and not (w.endswith("s") and w[:-1] in caps):
                caps.add(w)
    with open(os.path.join(outdir, "sv-propernouns.txt"), "w",
              encoding="utf-8") as fh:
        fh.write("# Capitalised entries of hunspell-sv %s (sv_SE, LGPL-3) and "
                 "wswedish %s (GPL-2+),\n# no genitive -s forms of wswedish: "
                 "%d proper nouns. Places,\n# organisations, brands, and also "
                 "person names: the name lists win.\n# Built by "
                 "conf/words/build-wordlists.py; see conf/names/README.\n"
                 % (pkg_version("hunspell-sv"), pkg_version("wswedish"), len(caps)))
        for w in sorted(caps):
            fh.write(w + "\n")
    en = set()
    if os.path.exists(WAM):
        with open(WAM, encoding="utf-8") as fh:
            for line in fh:
                w = line.strip()
                if re.match(r"^[a-z]+$", w) and len(w) >= 2:
                    en.add(w)
        with open(os.path.join(outdir, "en-words.txt"), "w",
                  encoding="utf-8") as fh:
            fh.write("# Ordinary English words (lower-case entries, no "
                     "possessives) of wamerican %s\n# (SCOWL, Kevin Atkinson "
                     "et al., permissive licence): %d words.\n# Built by "
                     "conf/words/build-wordlists.py; see conf/names/README.\n"
                     % (pkg_version("wamerican"), len(en)))
            for w in sorted(en):
                fh.write(w + "\n")
        encap = set()
        with open(WAM, encoding="utf-8") as fh:
            for line in fh:
                w = line.strip()
                if re.match(r"^[A-Z][a-z]+$", w) and len(w) >= 3:
                    encap.add(w)
        with open(os.path.join(outdir, "en-propernouns.txt"), "w",
                  encoding="utf-8") as fh:
            fh.write("# Capitalised entries of wamerican %s (SCOWL, one capital, "
                     "no possessives):\n# %d words. Places, days, brands and "
                     "also person names: the detector\n# reads them as "
                     "ordinary only in a text that is not Swedish, and the\n"
                     "# name lists win. Built by conf/words/build-wordlists.py; "
                     "see conf/names/README.\n" % (pkg_version("wamerican"),
                                                    len(encap)))
            for w in sorted(encap):
                fh.write(w + "\n")
    print("%s: %d words (%d from hunspell-sv, %d more from wswedish); "
          "%d proper nouns; %d English words" % (out, len(words), n_hun,
                                                 n_wsw, len(caps), len(en)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
