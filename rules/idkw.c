/*
 * idkw.c: the keyword tests of the identifier detectors: keyword sets
 * indexed by first bytes, the next keyword at a word start in the
 * case-folded view, keywords near a span, the per-scan cache of
 * keyword starts (reached through a thread-local pointer while
 * det_identifiers or ids_scan_one runs: a cache, never a result) and
 * the dial-in line test. A byte >= 0x80 counts as a letter, which is
 * right for the Swedish letters we meet.
 */
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>
#include <glib.h>

#include "ids.h"

static bool
is_wordbyte(unsigned char c)
{
	return g_ascii_isalnum(c) || c >= 0x80;
}

/* Chains the keywords by first byte: a position then costs one
 * look-up, and only keywords with the right first byte are compared.
 * head[c] is 0xFF for a byte no keyword starts with. */
/* The first two bytes of a keyword as a bit of ids_kwset.pair: most
 * word starts with a right first byte are rejected by it. */
static inline unsigned
pair_hash(unsigned char c0, unsigned char c1)
{
	return ((unsigned)c0 << 4 ^ c1) & 0x3FF;
}

static void
kwset_build(struct ids_kwset *set)
{
	unsigned n = 0;

	memset(set->head, 0xFF, sizeof(set->head));
	for (const struct ids_kw *k = set->kw; k->w != NULL && n < IDS_KW_MAX;
	    k++) {
		unsigned char c = (unsigned char)k->w[0];
		uint64_t bit = (uint64_t)1 << (c & 63);
		size_t m = strlen(k->w);

		set->has[c >> 6] |= bit;
		set->next[n] = set->head[c];
		set->len[n] = (unsigned char)(m < 255 ? m : 255);
		if (m < 2)
			set->short1 = true;
		else {
			unsigned h = pair_hash(c, (unsigned char)k->w[1]);

			set->pair[h >> 6] |= (uint64_t)1 << (h & 63);
		}
		set->head[c] = (unsigned char)n++;
	}
}

/* Does a keyword of set start at fold[i] (a word start)? */
static inline bool
kw_at(const char *fold, size_t len, size_t i, const struct ids_kwset *set)
{
	unsigned char c = (unsigned char)fold[i];
	unsigned j = set->head[c];

	/* One load rejects a byte no keyword starts with: most of them. */
	if (j == 0xFF)
		return false;
	if (!set->short1) {
		unsigned h;

		if (i + 1 >= len)
			return false;	/* every keyword has two bytes */
		h = pair_hash(c, (unsigned char)fold[i + 1]);
		if ((set->pair[h >> 6] & ((uint64_t)1 << (h & 63))) == 0)
			return false;
	}
	for (; j != 0xFF; j = set->next[j]) {
		const char *w = set->kw[j].w;
		size_t m = set->len[j];

		if (m > len - i || (m > 1 && fold[i + 1] != w[1]) ||
		    memcmp(fold + i, w, m) != 0)
			continue;
		if (set->kw[j].prefix || i + m == len ||
		    !is_wordbyte((unsigned char)fold[i + m]))
			return true;
	}
	return false;
}

/* Do all keywords of set start with an ASCII letter or a byte >= 0x80? */
static inline bool
kwset_letters(const struct ids_kwset *set)
{
	return set->has[0] == 0 &&
	    (set->has[1] & ~UINT64_C(0x07FFFFFE07FFFFFE)) == 0;
}

#ifdef __SSE2__
/* Bit k: byte p[k] is an ASCII letter (either case) or a byte >= 0x80,
 * or with digits set also an ASCII digit (what is_wordbyte() takes). */
static inline unsigned
wordbytes16(const char *p, bool digits)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i lo = _mm_or_si128(x, _mm_set1_epi8(0x20));	/* A-Z -> a-z */
	__m128i m = _mm_or_si128(_mm_cmplt_epi8(_mm_sub_epi8(lo,
	    _mm_set1_epi8((char)('a' + 128))), _mm_set1_epi8(-128 + 26)), x);

	if (digits)
		m = _mm_or_si128(m, _mm_cmplt_epi8(_mm_sub_epi8(x,
		    _mm_set1_epi8((char)('0' + 128))), _mm_set1_epi8(-128 + 10)));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

size_t
ids_kw_next(const char *fold, size_t len, size_t a, size_t b,
    struct ids_kwset *set)
{
	size_t i = a;

	if (g_once_init_enter(&set->once)) {
		kwset_build(set);
		g_once_init_leave(&set->once, 1);
	}
	if (b > len)
		b = len;
	if (i >= b)
		return b;
	if ((i == 0 || !is_wordbyte((unsigned char)fold[i - 1])) &&
	    kw_at(fold, len, i, set))
		return i;
	i++;
	/* Only word starts can hold a keyword: i with no letter, digit or
	 * byte >= 0x80 at i - 1. */
#ifdef __SSE2__
	/* When every keyword starts with a letter or a byte >= 0x80 (all
	 * sets but one), word starts at a space, digit or sign are dropped
	 * in the block, not one by one by kw_at. The last block may end
	 * after b (short windows are common): its starts are cut at b; it
	 * must not read past the text. */
	bool letters = kwset_letters(set);
	/* Blocks read fold[i - 1 .. i + 15]: up to i == len - 16; the
	 * last few positions go one by one below. Bounds and the set's
	 * kind are worked out once, not per block. */
	size_t stop = len >= 16 ? MIN(b, len - 15) : 0;

	for (; i < stop; i += 16) {
		/* bit k: fold[i - 1 + k] ends no word */
		unsigned starts = ~wordbytes16(fold + i - 1, true) & 0xFFFF;

		if (letters)	/* and fold[i + k] can begin one */
			starts &= wordbytes16(fold + i, false);
		if (b - i < 16)
			starts &= (1u << (b - i)) - 1;
		for (; starts != 0; starts &= starts - 1) {
			size_t q = i + (size_t)__builtin_ctz(starts);

			if (kw_at(fold, len, q, set))
				return q;
		}
	}
#endif
	for (; i < b; i++)
		if (!is_wordbyte((unsigned char)fold[i - 1]) &&
		    kw_at(fold, len, i, set))
			return i;
	return b;
}

bool
ids_kw_in(const char *fold, size_t len, size_t a, size_t b,
    struct ids_kwset *set)
{
	if (b > len)
		b = len;
	return a < b && ids_kw_next(fold, len, a, b, set) < b;
}

/*
 * Keyword starts found so far, per keyword set, for the field that
 * det_identifiers (or ids_scan_one) is scanning: the candidates of one
 * field ask for overlapping windows, mostly moving forward, so each set
 * searches every byte of their union once instead of once per window.
 * A slot knows every keyword start of its set within [lo, hi), in order.
 * The cache lives on the stack of the scan and is reached through a
 * thread-local pointer; outside a scan (or for another text) the plain
 * search runs.
 */
static _Thread_local struct ids_kwcache *kwc_cur;

void
ids_kwc_begin(struct ids_kwcache *c, const struct ntext *nt)
{
	c->nt = nt;
	c->nslot = 0;
	kwc_cur = c;
}

void
ids_kwc_end(struct ids_kwcache *c)
{
	for (unsigned i = 0; i < c->nslot; i++)
		if (c->slot[i].v != c->slot[i].buf)
			g_free(c->slot[i].v);
	c->nslot = 0;
	kwc_cur = NULL;
}

static void
kwc_push(struct ids_kwc_slot *sl, size_t p)
{
	if (sl->n == sl->cap) {
		sl->cap *= 2;
		if (sl->v == sl->buf)
			sl->v = g_memdup2(sl->buf, sizeof(sl->buf));
		sl->v = g_renew(size_t, sl->v, sl->cap);
	}
	sl->v[sl->n++] = p;
}

/* ids_kw_next(nt->fold, nt->len, a, b, set), through the cache when the
 * scan of nt has one. */
size_t
ids_kw_next_nt(const struct ntext *nt, size_t a, size_t b,
    struct ids_kwset *set)
{
	struct ids_kwcache *c = kwc_cur;
	struct ids_kwc_slot *sl = NULL;
	size_t lo, hi, at;

	if (b > nt->len)
		b = nt->len;
	if (a >= b)
		return b;
	if (c == NULL || c->nt != nt)
		return ids_kw_next(nt->fold, nt->len, a, b, set);
	for (unsigned i = 0; i < c->nslot; i++)
		if (c->slot[i].set == set) {
			sl = &c->slot[i];
			break;
		}
	if (sl == NULL) {
		if (c->nslot == IDS_KWC_SLOTS)
			return ids_kw_next(nt->fold, nt->len, a, b, set);
		sl = &c->slot[c->nslot++];
		sl->set = set;
		sl->v = sl->buf;
		sl->cap = G_N_ELEMENTS(sl->buf);
		sl->n = 0;
		sl->lo = sl->hi = a;
	}
	if (a < sl->lo || a > sl->hi) {
		sl->n = 0;
		sl->lo = sl->hi = a;
	}
	/* Search [hi, b) once; a keyword may run past b (as before). */
	for (at = sl->hi; b > sl->hi &&
	    (at = ids_kw_next(nt->fold, nt->len, at, b, set)) < b; at++)
		kwc_push(sl, at);
	if (b > sl->hi)
		sl->hi = b;
	/* The first start >= a: is it before b? */
	lo = 0;
	hi = sl->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sl->v[mid] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sl->n && sl->v[lo] < b ? sl->v[lo] : b;
}

static bool
kw_in_nt(const struct ntext *nt, size_t a, size_t b, struct ids_kwset *set)
{
	if (b > nt->len)
		b = nt->len;
	return a < b && ids_kw_next_nt(nt, a, b, set) < b;
}

bool
ids_kw_near(const struct ntext *nt, size_t start, size_t end, size_t before,
    size_t after, struct ids_kwset *kw)
{
	size_t a = start > before ? start - before : 0;
	size_t b = end + after < nt->len ? end + after : nt->len;

	return kw_in_nt(nt, a, b, kw);
}

static const struct ids_kw dialin_kw[] = {
	{ "mötes-id", true }, { "mötes id", true }, { "meeting id", true },
	{ "lösenord", true }, { "lösenkod", true }, { "passcode", true },
	{ "password", true }, { "telefonkonferens-id", true },
	{ "phone conference id", true }, { "conference id", true },
	{ "konferens-id", true }, { "vtc", true }, { "videokonferens", true },
	/* whole words: "ring innan hembesök" is no dial-in (final17) */
	{ "ring in", false }, { "call in", false }, { "dial-in", true },
	{ "dial in", false }, { "teams.microsoft.com", true },
	{ "hitta ett lokalt nummer", true }, { "find a local number", true },
	{ "återställ pin", true }, { "reset pin", true },
	{ "zoom.us", true }, { "webex", true }, { "sip:", true },
	{ "webinar id", true }, { "access code", true },
	IDS_KW_END
};
static struct ids_kwset dialin_set = IDS_KWSET(dialin_kw);

/* Lines can be long (HTML reduced to one line); look at most this far. */
#define DIALIN_REACH	160

bool
ids_dialstring(const struct ntext *nt, size_t start, size_t end)
{
	const char *s = nt->norm;
	size_t i;

	for (i = end; i < nt->len && s[i] == ' '; i++)
		;
	if (i < nt->len && s[i] == '#')
		return true;		/* PIN or dial string */
	if (i + 1 < nt->len && s[i] == ',' && s[i + 1] == ',')
		return true;		/* "+46 8 505 248 93,,318274659#" */
	return start >= 2 && s[start - 1] == ',' && s[start - 2] == ',';
}

bool
ids_dialin(const struct ntext *nt, size_t start, size_t end,
    struct ids_dcache *dc)
{
	const char *s = nt->norm;
	size_t a = start, b = end;

	if (ids_dialstring(nt, start, end))
		return true;
	{
		size_t lo = start > DIALIN_REACH ? start - DIALIN_REACH : 0;
		size_t hi = nt->len - end > DIALIN_REACH ? end + DIALIN_REACH :
		    nt->len;
		const char *q = start > lo ? memrchr(s + lo, '\n', start - lo) :
		    NULL;

		a = q != NULL ? (size_t)(q - s) + 1 : lo;
		q = hi > end ? memchr(s + end, '\n', hi - end) : NULL;
		b = q != NULL ? (size_t)(q - s) : hi;
	}
	if (dc != NULL && dc->valid && dc->a == a && dc->b == b)
		return dc->val;
	if (dc == NULL)
		return kw_in_nt(nt, a, b, &dialin_set);
	dc->a = a;
	dc->b = b;
	dc->valid = true;
	dc->val = kw_in_nt(nt, a, b, &dialin_set);
	return dc->val;
}
