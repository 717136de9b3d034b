#!/usr/bin/env python3
"""Packs the word lists of build-wordlists.py into one front-coded blob
that the build links into the binaries' read-only data (issue 18):
no inflating, no copy at start-up, pages shared by every process and
read only where a lookup touches them. rules/langwords.c reads it.

usage: pack-wordlists.py OUT.bin LIST...   (the .txt files in the order of
       enum langwords: SV HEADS PROPN EN ENPROPN)

Layout (all numbers little-endian uint32):
  "IMWORDS1"                      magic, 8 bytes
  nsets                           the number of lists (LW_N)
  per set: n, nblocks, index, data, datalen
           entries, blocks, and the byte offsets (from the blob's start)
           of the block index and of the entry bytes
  per set, the block index: nblocks + 1 offsets into its entry bytes
  per set, the entry bytes: blocks of up to BLOCK entries in byte order;
           a block's first entry is its length (one byte) and its bytes,
           each later one the length of the prefix it shares with the
           entry before (one byte), the length of the rest (one byte)
           and the rest.
Entries longer than 255 bytes are left out (no token is that long).
Reproducible: the same lists give the same bytes.
"""
import struct
import sys

MAGIC = b"IMWORDS1"
BLOCK = 16


def read_list(path):
    words = set()
    with open(path, "rb") as fh:
        for line in fh:
            w = line.rstrip(b"\n")
            if w and not w.startswith(b"#") and len(w) <= 255:
                words.add(w)
    return sorted(words)       # bytes order: what memcmp sees


def pack(words):
    data = bytearray()
    index = []
    prev = b""
    for i, w in enumerate(words):
        if i % BLOCK == 0:
            index.append(len(data))
            data.append(len(w))
            data += w
        else:
            p = 0
            m = min(len(prev), len(w), 255)
            while p < m and prev[p] == w[p]:
                p += 1
            data.append(p)
            data.append(len(w) - p)
            data += w[p:]
        prev = w
    index.append(len(data))
    return index, bytes(data)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sets = []
    for path in sys.argv[2:]:
        words = read_list(path)
        sets.append(pack(words) + (len(words),))
    head = 8 + 4 + len(sets) * 20
    off = head
    meta = []
    for index, data, n in sets:
        meta.append([n, len(index) - 1, off, 0, len(data)])
        off += 4 * len(index)
    for k, (index, data, n) in enumerate(sets):
        meta[k][3] = off
        off += len(data)
    out = bytearray(MAGIC)
    out += struct.pack("<I", len(sets))
    for m in meta:
        out += struct.pack("<5I", *m)
    for index, data, n in sets:
        out += struct.pack("<%dI" % len(index), *index)
    for index, data, n in sets:
        out += data
    assert len(out) == off
    with open(sys.argv[1], "wb") as fh:
        fh.write(out)
    print("%s: %d bytes, %s entries" % (sys.argv[1], len(out),
          "/".join(str(s[2]) for s in sets)), file=sys.stderr)


if __name__ == "__main__":
    main()
