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
 * The keyword index of the field that det_identifiers (or ids_scan_one)
 * is scanning. The candidates of one field ask a dozen keyword sets
 * about overlapping windows; instead of a search per set, each 64-byte
 * block that a window touches is indexed once for every set: its word
 * starts where some keyword begins, each with the bits of the sets that
 * have a keyword there (kwtab: all keywords of all sets in one table,
 * chained by their first two bytes). A window is then answered from the
 * blocks' bit masks. The answer is the plain search's by construction:
 * a set's next keyword start in [a, b) is the first word start there
 * whose bits hold the set. The index lives on the stack of the scan and
 * is reached through a thread-local pointer; outside a scan (or for
 * another text, or a set not in the table) the plain search runs.
 */
static struct ids_kwset dialin_set;

static struct ids_kwset *const kw_all[] = {
	&ids_kws_pnr, &ids_kws_order, &ids_kws_phone, &ids_kws_lma,
	&ids_kws_reserv, &ids_kws_cue, &ids_kws_private,
	&ids_kws_switchboard, &ids_kws_signature, &ids_kws_home,
	&ids_kws_office, &ids_kws_strong_home, &dialin_set,
};

/* One keyword string of any set: the sets that take it as a prefix
 * and those that take it as a whole word; its first (up to) 8 bytes as
 * a word and a mask, for a compare without memcmp. */
struct kwent {
	const char	*w;
	size_t		 len;
	uint64_t	 pre, mask;
	uint16_t	 pbits, wbits;
	uint16_t	 next;		/* chain of the same first two bytes */
};

#define KWTAB_MAX	512
static struct {
	gsize		 once;
	struct kwent	 e[KWTAB_MAX + 1];	/* e[0] unused */
	unsigned	 n;
	uint16_t	 head[256 * 256];	/* by first two bytes, 0: none */
	uint16_t	 one_p[256], one_w[256];	/* one-byte keywords */
	bool		 short1;
	uint64_t	 first[4];	/* first bytes of keywords */
	/* first bytes other than ASCII letters and bytes >= 0x80 */
	unsigned char	 other[8];
	unsigned	 nother;	/* > 8: no first-byte filter */
} kwtab;

static inline bool
kwtab_first(unsigned char c)
{
	return kwtab.first[c >> 6] >> (c & 63) & 1;
}

static void
kwtab_add(const struct ids_kw *k, uint16_t bit)
{
	size_t m = strlen(k->w);
	unsigned char c0 = (unsigned char)k->w[0];
	unsigned i;

	if (m == 0)
		return;
	kwtab.first[c0 >> 6] |= (uint64_t)1 << (c0 & 63);
	if (m == 1) {
		kwtab.short1 = true;
		if (k->prefix)
			kwtab.one_p[c0] |= bit;
		else
			kwtab.one_w[c0] |= bit;
		return;
	}
	for (i = 1; i <= kwtab.n; i++)
		if (kwtab.e[i].len == m && memcmp(kwtab.e[i].w, k->w, m) == 0)
			break;
	if (i > kwtab.n) {
		unsigned h = c0 << 8 | (unsigned char)k->w[1];
		size_t q = m < 8 ? m : 8;

		if (kwtab.n == KWTAB_MAX)
			g_error("idkw: more than %d keywords", KWTAB_MAX);
		i = ++kwtab.n;
		kwtab.e[i].w = k->w;
		kwtab.e[i].len = m;
		memcpy(&kwtab.e[i].pre, k->w, q);
		kwtab.e[i].mask = q == 8 ? ~(uint64_t)0 : 0;
		memset(&kwtab.e[i].mask, 0xFF, q);
		kwtab.e[i].next = kwtab.head[h];
		kwtab.head[h] = (uint16_t)i;
	}
	if (k->prefix)
		kwtab.e[i].pbits |= bit;
	else
		kwtab.e[i].wbits |= bit;
}

static void
kwtab_build(void)
{
	G_STATIC_ASSERT(G_N_ELEMENTS(kw_all) <= 16);
	for (unsigned s = 0; s < G_N_ELEMENTS(kw_all); s++) {
		uint16_t bit = (uint16_t)(1u << s);

		for (const struct ids_kw *k = kw_all[s]->kw; k->w != NULL; k++)
			kwtab_add(k, bit);
		kw_all[s]->bit = bit;
	}
	for (unsigned c = 0; c < 0x80; c++)
		if (kwtab_first((unsigned char)c) && !g_ascii_isalpha(c)) {
			if (kwtab.nother < sizeof(kwtab.other))
				kwtab.other[kwtab.nother] = (unsigned char)c;
			kwtab.nother++;
		}
}

/* The sets of entry e, found at fold[i]: those that take it as a
 * prefix, and as a word when no word byte follows. */
static inline uint16_t
kwtab_bits(const struct kwent *e, const char *fold, size_t len, size_t i)
{
	uint16_t bits = e->pbits;

	if (e->wbits != 0 && (i + e->len == len ||
	    !is_wordbyte((unsigned char)fold[i + e->len])))
		bits |= e->wbits;
	return bits;
}

/* The sets with a keyword at fold[i], a word start. The 8 bytes from i
 * are loaded once; an entry's masked compare then rejects it in a few
 * instructions (a pair's chain may be long: "hem", "hemma", "hemmet"). */
static uint16_t
kwtab_at(const char *fold, size_t len, size_t i)
{
	unsigned char c0 = (unsigned char)fold[i];
	uint16_t bits = 0;
	unsigned j;
	uint64_t x;

	if (kwtab.short1) {
		bits |= kwtab.one_p[c0];
		if (kwtab.one_w[c0] != 0 && (i + 1 == len ||
		    !is_wordbyte((unsigned char)fold[i + 1])))
			bits |= kwtab.one_w[c0];
	}
	if (i + 1 >= len)
		return bits;
	j = kwtab.head[c0 << 8 | (unsigned char)fold[i + 1]];
	if (j == 0)
		return bits;
	if (len - i < 8)	/* near the end: compare whole strings */
		for (; j != 0; j = kwtab.e[j].next) {
			const struct kwent *e = &kwtab.e[j];

			if (e->len <= len - i &&
			    memcmp(fold + i, e->w, e->len) == 0)
				bits |= kwtab_bits(e, fold, len, i);
		}
	else {	/* (the test out of the chain walk: -O2 keeps it in) */
		memcpy(&x, fold + i, 8);
		for (; j != 0; j = kwtab.e[j].next) {
			const struct kwent *e = &kwtab.e[j];

			if ((x & e->mask) == e->pre && (e->len <= 8 ||
			    (e->len <= len - i && memcmp(fold + i + 8,
			    e->w + 8, e->len - 8) == 0)))
				bits |= kwtab_bits(e, fold, len, i);
		}
	}
	return bits;
}

static _Thread_local struct ids_kwcache *kwc_cur;

void
ids_kwc_begin(struct ids_kwcache *c, const struct ntext *nt)
{
	if (g_once_init_enter(&kwtab.once)) {
		kwtab_build();
		g_once_init_leave(&kwtab.once, 1);
	}
	c->nt = nt;
	c->nblk = (nt->len + 63) / 64;
	if (c->nblk <= IDS_KWC_BLOCKS) {
		c->done = c->done_buf;
		c->hit = c->hit_buf;
		c->base = c->base_buf;
		c->any = c->any_buf;
	} else {
		c->done = g_new(uint8_t, c->nblk);
		c->hit = g_new(uint64_t, c->nblk);
		c->base = g_new(uint32_t, c->nblk);
		c->any = g_new(uint16_t, c->nblk);
	}
	memset(c->done, 0, c->nblk);
	c->bits = c->bits_buf;
	c->nbits = 0;
	c->capbits = G_N_ELEMENTS(c->bits_buf);
	kwc_cur = c;
}

void
ids_kwc_end(struct ids_kwcache *c)
{
	if (c->done != c->done_buf) {
		g_free(c->done);
		g_free(c->hit);
		g_free(c->base);
		g_free(c->any);
	}
	if (c->bits != c->bits_buf)
		g_free(c->bits);
	c->nblk = 0;
	kwc_cur = NULL;
}

static void
kwc_push(struct ids_kwcache *c, uint16_t bits)
{
	if (c->nbits == c->capbits) {
		c->capbits *= 2;
		if (c->bits == c->bits_buf)
			c->bits = g_memdup2(c->bits_buf, sizeof(c->bits_buf));
		c->bits = g_renew(uint16_t, c->bits, c->capbits);
	}
	c->bits[c->nbits++] = bits;
}

/* Bit k: fold[o + k] (o + k < len) may start a keyword: a word start
 * whose byte begins some keyword. */
static uint64_t
kwc_cands(const char *fold, size_t len, size_t o)
{
	uint64_t m = 0;
	size_t k = 0;

#ifdef __SSE2__
	/* Whole blocks after the first: 16 bytes at a time, fold[i - 1]
	 * ends no word and fold[i] is a letter, a byte >= 0x80 or one of
	 * the other first bytes, when there are at most two ('+' of "+46":
	 * the exact first-byte test follows in kwtab_at's chains). */
	if (o > 0 && o + 64 <= len && kwtab.nother <= 2) {
		for (; k < 64; k += 16) {
			const char *p = fold + o + k;
			unsigned st = ~wordbytes16(p - 1, true) & 0xFFFF;
			unsigned fb = wordbytes16(p, false);
			__m128i x = _mm_loadu_si128((const __m128i *)
			    (const void *)p);

			if (kwtab.nother > 0)
				fb |= (unsigned)_mm_movemask_epi8(
				    _mm_cmpeq_epi8(x, _mm_set1_epi8(
				    (char)kwtab.other[0])));
			if (kwtab.nother > 1)
				fb |= (unsigned)_mm_movemask_epi8(
				    _mm_cmpeq_epi8(x, _mm_set1_epi8(
				    (char)kwtab.other[1])));
			m |= (uint64_t)(st & fb) << k;
		}
		return m;
	}
#endif
	for (; k < 64 && o + k < len; k++) {
		size_t i = o + k;

		if ((i == 0 || !is_wordbyte((unsigned char)fold[i - 1])) &&
		    kwtab_first((unsigned char)fold[i]))
			m |= (uint64_t)1 << k;
	}
	return m;
}

/* Indexes block j: its keyword starts and their sets. */
static void
kwc_block(struct ids_kwcache *c, size_t j)
{
	const char *fold = c->nt->fold;
	size_t len = c->nt->len, o = j * 64;
	uint64_t m = kwc_cands(fold, len, o), hit = 0;
	uint16_t any = 0;

	c->base[j] = (uint32_t)c->nbits;
	for (; m != 0; m &= m - 1) {
		unsigned k = (unsigned)__builtin_ctzll(m);
		uint16_t bits = kwtab_at(fold, len, o + k);

		if (bits != 0) {
			hit |= (uint64_t)1 << k;
			any |= bits;
			kwc_push(c, bits);
		}
	}
	c->hit[j] = hit;
	c->any[j] = any;
	c->done[j] = 1;
}

/* The first keyword start of the set with bit `bit` in [a, b), a < b <=
 * len, from the index; b when none. */
static size_t
kwc_next(struct ids_kwcache *c, size_t a, size_t b, uint16_t bit)
{
	size_t j, jl = (b - 1) / 64;

	for (j = a / 64; j <= jl; j++) {
		uint64_t m, h;

		if (!c->done[j])
			kwc_block(c, j);
		if ((c->any[j] & bit) == 0)	/* none of the set here */
			continue;
		h = m = c->hit[j];
		if (j == a / 64)
			m &= ~(uint64_t)0 << (a % 64);
		if (j == jl && (b - 1) % 64 != 63)
			m &= ((uint64_t)1 << ((b - 1) % 64 + 1)) - 1;
		for (; m != 0; m &= m - 1) {
			unsigned k = (unsigned)__builtin_ctzll(m);
			size_t e = c->base[j];

			/* its entry: after one per start below it (few) */
			for (uint64_t t = h & (((uint64_t)1 << k) - 1); t != 0;
			    t &= t - 1)
				e++;

			if (c->bits[e] & bit)
				return j * 64 + k;
		}
	}
	return b;
}

/* ids_kw_next(nt->fold, nt->len, a, b, set), from the index when the
 * scan of nt has one and the set is in it. */
size_t
ids_kw_next_nt(const struct ntext *nt, size_t a, size_t b,
    struct ids_kwset *set)
{
	struct ids_kwcache *c = kwc_cur;

	if (b > nt->len)
		b = nt->len;
	if (a >= b)
		return b;
	if (c == NULL || c->nt != nt || set->bit == 0)
		return ids_kw_next(nt->fold, nt->len, a, b, set);
	return kwc_next(c, a, b, set->bit);
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
