/*
 * langwords.c: the names detector's language test, "is this an
 * ordinary word?" (issue 18). Five sorted word lists built at build
 * time from Debian's dictionaries (conf/words/build-wordlists.py:
 * hunspell-sv, wswedish, wamerican): ordinary Swedish words in every
 * form, the heads of Swedish compounds, capitalised dictionary entries
 * (places, organisations, brands), ordinary English words and
 * capitalised English entries (enum langwords). They are
 * packed front-coded (conf/words/pack-wordlists.py, ~4 MB for ~870,000
 * words) and linked into the binary's read-only data (wordblob.S): no
 * inflating and no copy at start-up, the pages shared by every process
 * and read in only where a lookup touches them. A lookup is a binary
 * search over the blocks' first words, then a walk through one block
 * of up to 16 words; it allocates nothing.
 */
#include <stdint.h>
#include <string.h>
#include <pthread.h>
#include <glib.h>

#include "langwords.h"

/* wordblob.S */
extern const unsigned char langwords_blob[], langwords_blob_end[];

#define MAGIC		"IMWORDS1"
#define HEAD		(8 + 4 + LW_N * 20)

struct wordset {
	const unsigned char *index;	/* nblocks + 1 uint32 LE offsets */
	const unsigned char *data;	/* the blocks */
	uint32_t	 n, nblocks, dlen;
};

static struct wordset sets[LW_N];
static bool loaded_ok;

static inline uint32_t
get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return GUINT32_FROM_LE(v);
}

/* Reads the blob's header: the sets' places, checked against the
 * blob's size (the entries themselves are checked as a lookup reads
 * them). */
static void
load_sets(void)
{
	size_t size = (size_t)(langwords_blob_end - langwords_blob);
	const unsigned char *b = langwords_blob;

	if (size < HEAD || memcmp(b, MAGIC, 8) != 0 || get32(b + 8) != LW_N)
		return;
	for (int k = 0; k < LW_N; k++) {
		const unsigned char *m = b + 12 + 20 * k;
		uint32_t n = get32(m), nb = get32(m + 4), io = get32(m + 8),
		    dofs = get32(m + 12), dlen = get32(m + 16);

		if (nb == 0 || io > size || (size - io) / 4 < (size_t)nb + 1 ||
		    dofs > size || size - dofs < dlen ||
		    get32(b + io + 4 * (size_t)nb) != dlen)
			return;
		sets[k] = (struct wordset){ b + io, b + dofs, n, nb, dlen };
	}
	loaded_ok = true;
}

/* Once per process, whichever thread comes first: only the header is
 * read. pthread_once rather than GLib's g_once_init_*: the same
 * guarantee, and ThreadSanitizer sees it. */
bool
langwords_ready(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	(void)pthread_once(&once, load_sets);
	return loaded_ok;
}

static inline int
cmp_key(const unsigned char *e, size_t el, const char *s, size_t n)
{
	int c = memcmp(e, s, MIN(el, n));

	return c != 0 ? c : el < n ? -1 : el > n;
}

bool
langwords_has(enum langwords which, const char *s, size_t n)
{
	const struct wordset *w = &sets[which];
	unsigned char cur[256];
	uint32_t lo = 0, hi, o, end;
	size_t cl;

	if (!langwords_ready() || n == 0 || n > 255)
		return false;
	/* the last block whose first word is <= s */
	hi = w->nblocks;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2, a = get32(w->index + 4 * mid);

		if (a >= w->dlen || w->dlen - a - 1 < w->data[a])
			return false;
		if (cmp_key(w->data + a + 1, w->data[a], s, n) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return false;
	o = get32(w->index + 4 * (lo - 1));
	end = get32(w->index + 4 * lo);
	if (end > w->dlen || o >= end)
		return false;
	cl = w->data[o];
	if (cl > end - o - 1)
		return false;
	memcpy(cur, w->data + o + 1, cl);
	o += 1 + (uint32_t)cl;
	for (;;) {
		int c = cmp_key(cur, cl, s, n);

		if (c >= 0)
			return c == 0;
		if (o + 2 > end)
			return false;
		{
			size_t p = w->data[o], r = w->data[o + 1];

			if (p > cl || p + r > 255 || r > end - o - 2)
				return false;
			memcpy(cur + p, w->data + o + 2, r);
			cl = p + r;
			o += 2 + (uint32_t)r;
		}
	}
}
