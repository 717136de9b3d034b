#!/usr/bin/python3
"""htmlcheck.py FILE: strict checks of the report's HTML, stdlib only.

Every element closed in order (HTML void elements excepted, SVG
elements may close themselves), one html/head/body/title, a charset,
no duplicate id, and nothing that reaches outside the file: no script,
no link, no iframe/img/object, no src or href attribute, no url( or
@import in CSS, no "http". Prints each problem; exit 1 if any."""
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "source",
        "area", "base", "embed", "param", "track"}
BANNED = {"script", "link", "iframe", "img", "object", "embed", "base",
          "form", "audio", "video", "image", "use", "foreignobject"}


class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.ids, self.count = [], [], set(), {}
        self.charset = False

    def where(self):
        return "line %d" % self.getpos()[0]

    def handle_decl(self, decl):
        if decl.lower() != "doctype html":
            self.problems.append("%s: doctype %r" % (self.where(), decl))

    def attrs(self, tag, attrs):
        if "svg" not in self.stack:
            self.count[tag] = self.count.get(tag, 0) + 1
        if tag in BANNED:
            self.problems.append("%s: <%s> not allowed" % (self.where(), tag))
        for k, v in attrs:
            if k in ("src", "href", "xlink:href", "action") or k.startswith("on"):
                self.problems.append("%s: attribute %s" % (self.where(), k))
            if k == "id":
                if v in self.ids:
                    self.problems.append("%s: duplicate id" % self.where())
                self.ids.add(v)
            if tag == "meta" and k == "charset" and v.lower() == "utf-8":
                self.charset = True

    def handle_starttag(self, tag, attrs):
        self.attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.attrs(tag, attrs)
        if tag not in VOID and "svg" not in self.stack:
            self.problems.append("%s: <%s/> outside SVG" % (self.where(), tag))

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append("%s: </%s>" % (self.where(), tag))
        elif not self.stack or self.stack[-1] != tag:
            self.problems.append("%s: </%s> closes <%s>" % (
                self.where(), tag, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    c = Check()
    c.feed(text)
    c.close()
    p = c.problems
    if c.stack:
        p.append("unclosed at the end: %s" % " ".join(c.stack))
    for tag in ("html", "head", "body", "title"):
        if c.count.get(tag) != 1:
            p.append("%d <%s>" % (c.count.get(tag, 0), tag))
    if not c.charset:
        p.append("no <meta charset=utf-8>")
    low = text.lower()
    for bad in ("http:", "https:", "url(", "@import", "//"):
        if bad in low:
            p.append("reference outside the file: %r" % bad)
    for x in p:
        print(x)
    sys.exit(1 if p else 0)


if __name__ == "__main__":
    main()
