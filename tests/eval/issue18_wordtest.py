#!/usr/bin/env python3
"""Offline experiment for issue 18 (not a test): how far an "ordinary
Swedish word" test and larger name lists would take the name detector on
the labelled sets, before any C change.

For every capitalised token of the three sets it asks:
  listed   in conf/names/first.txt or surnames.txt (the current lists)
  faker    in conf/names/faker-*.txt (new, larger lists)
  word     an ordinary Swedish word: conf/words/sv-words.txt, or a
           compound of a head in sv-compound-heads.txt / a word (+ linking
           s) and a word of >= 4 letters, or (with --stem) whose Snowball
           stem is the stem of a word
and prints, for the name tokens of violation name rows, how many are
neither listed nor a word (what "capitalised non-word in a name position"
would add), and for the capitalised tokens after a case word in clean
rows, how many are not words (what it would add as false alarms).

usage: issue18_wordtest.py [--stem] CASES.tsv...
(--stem needs python3-snowballstemmer: run it with /usr/bin/python3)
"""
import os
import re
import sys
import unicodedata

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
TRIGGERS = set("""ang. angående gällande rörande avseende om kring för med m. hos
till re: regarding about with for sip vårdplanering uppföljning avstämning
hembesök inskrivning utskrivning överrapportering elevhälsomöte ehm
nätverksmöte samtal möte familjen fam.""".split())
# Row words that start a subject: not names, whatever the lists say.
TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def afold(s):
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("ı", "i").replace("ł", "l")


def load(path, fold=True):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0]
            for w in line.split():
                for part in re.split(r"[-']", w):
                    if len(part) >= 2:
                        out.add(afold(part) if fold else part.lower())
    return out


class Words:
    def __init__(self, stem=False):
        d = os.path.join(TOP, "conf", "words")
        self.exact = load(os.path.join(d, "sv-words.txt"), fold=False)
        self.heads = load(os.path.join(d, "sv-compound-heads.txt"), fold=False)
        self.stemmer = None
        if stem:
            import snowballstemmer
            self.stemmer = snowballstemmer.stemmer("swedish")
            self.stems = {self.stemmer.stemWord(w) for w in self.exact}

    def is_word(self, t, compound=True):
        w = t.lower()
        if w in self.exact:
            return "exact"
        if compound:
            for i in range(3, len(w) - 3):
                h, tail = w[:i], w[i:]
                if len(tail) >= 4 and tail in self.exact and (
                        h in self.heads or h in self.exact or
                        (h.endswith("s") and h[:-1] in self.exact)):
                    return "compound"
        if self.stemmer is not None and self.stemmer.stemWord(w) in self.stems:
            return "stem"
        return None


def rows(paths):
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or line.startswith("id\t"):
                    continue
                v = line.rstrip("\n").split("\t")
                if len(v) >= 5:
                    yield v


def main():
    stem = "--stem" in sys.argv
    paths = [a for a in sys.argv[1:] if not a.startswith("--")]
    W = Words(stem)
    nd = os.path.join(TOP, "conf", "names")
    listed = load(os.path.join(nd, "first.txt")) | load(os.path.join(nd, "surnames.txt"))
    stop = load(os.path.join(nd, "stopwords.txt"))
    faker = set()
    for f in ("faker-first.txt", "faker-surnames.txt"):
        if os.path.exists(os.path.join(nd, f)):
            faker |= load(os.path.join(nd, f))
    nonname = set(l.strip() for l in open(os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "issue18_nonname.txt"), encoding="utf-8")
        if l.strip() and not l.startswith("#"))
    # name tokens of violation name rows
    stats = {}
    lost = []
    for v in rows(paths):
        text = v[2].replace("\\n", "\n").replace("_", " ")
        if v[3] != "violation" or not v[4].startswith("name"):
            continue
        for t in TOKEN.findall(text):
            for part in t.split("-"):
                if not part[:1].isupper() or part in nonname or len(part) < 2:
                    continue
                a = afold(part)
                k = ("listed" if a in listed else "faker" if a in faker else "other")
                iw = W.is_word(part)
                key = (k, iw or "nonword")
                stats[key] = stats.get(key, 0) + 1
                if k == "other" and iw:
                    lost.append("%s(%s)" % (part, iw))
    print("name tokens of violation name rows (list, word test): count")
    for k in sorted(stats):
        print("  %-8s %-9s %4d" % (k[0], k[1], stats[k]))
    print("  unlisted names that read as words:", " ".join(sorted(set(lost))))
    # capitalised tokens after a case word in clean rows
    fa = {}
    for v in rows(paths):
        if v[3] != "clean" or v[1] in ("organizer", "attendee"):
            continue
        toks = TOKEN.findall(v[2].replace("\\n", "\n"))
        for i in range(1, len(toks)):
            t = toks[i]
            if not t[:1].isupper() or toks[i - 1].lower() not in TRIGGERS:
                continue
            a = afold(t.split("-")[0])
            iw = W.is_word(t.split("-")[0])
            if iw or a in stop:
                continue
            tag = "listed" if a in listed else "faker" if a in faker else "nonword"
            fa.setdefault(tag, []).append("%s:%s" % (v[0], t))
    print("clean rows, capitalised non-word after a case word:")
    for k in sorted(fa):
        print("  %-8s %3d  %s" % (k, len(fa[k]), " ".join(fa[k])))


if __name__ == "__main__":
    main()
