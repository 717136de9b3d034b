/*
 * lexscan.c: literal word sets as a byte trie (see lexscan.h). The root
 * is a table of 256 entries, inner nodes keep their edges sorted in one
 * array. A hashed filter of the words' first (up to 4) bytes comes
 * first: a position costs one load, a multiply and a table look-up when
 * no word starts with its bytes, and a short walk otherwise. With SSE2
 * two cheaper pre-tests pass over blocks of sixteen positions: for a
 * bounded set only the word starts (after no ASCII letter) whose byte
 * may start a word (one of up to eight, or of a byte class) are tried;
 * for an unbounded one with no word shorter than 4 bytes every other
 * position is tried against the words' 4-byte pieces at byte 0 and 1
 * (a 4-byte word's second piece with any byte after it). Where the
 * filter lets a word start, a second one on one byte more (filtx) is
 * tried before the walk. All of it is built from the words at
 * lex_new_sets(); nothing is tuned to one lexicon.
 */
#include <string.h>
#include <glib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lexscan.h"

struct lex_node {
	guint32	edges;		/* first edge in lexscan.edge */
	guint32	word;		/* a word (index given to lex_new_sets) ending here */
	guint16	n_edges;
	guint8	term;		/* the sets with a word ending here */
};

struct lex_edge {
	guint8	byte;
	guint32	child;
};

struct lex_pre {
	guint32	key;
	gint32	node;		/* -1: empty slot */
};

#define FILT_SHIFT	15
#define FILT_BITS	(1u << FILT_SHIFT)
#define FILTX_SHIFT	18
#define FILTX_BITS	(1u << FILTX_SHIFT)
#define SHORT_MAX	8

struct lexscan {
	gint32		 root[256];	/* child of the root, -1 none */
	/* The start filter: filt[hash(k)] is 1 when some word starts with
	 * the flen bytes k (flen: the shortest word's length, at most 4),
	 * so a position whose next flen bytes hash to a 0 starts no word.
	 * Nearly every position stops at this one test. */
	guint8		 filt[FILT_BITS];	/* 0 or 1 */
	guint32		 fmask;		/* the first flen bytes of a load */
	size_t		 flen;
	/* When flen is 3 or 4: a second filter, of bits, on one byte more
	 * (xlen), tried where filt lets a word start (has_filtx): a word's
	 * first xlen bytes, or a word of flen bytes with each byte that may
	 * follow it (bounded: no ASCII letter or digit). The bounded set's
	 * 3-byte key passes too many starts of prose ("hä", "Vå": two
	 * characters), the afold set's 4-byte key frequent stems of common
	 * words (arbe, enhe, valk-omm-en: alko); with one byte more about
	 * a fifth and two fifths of those walks are left. */
	bool		 has_filtx;
	size_t		 xlen;
	guint8		 filtx[FILTX_BITS / 8];
	struct lex_node	*node;
	struct lex_edge	*edge;
	size_t		 n_node;
	/* When every word has 4 bytes or more: the words' first 4 bytes (a
	 * load of them) and the node they lead to, open addressing; one
	 * look-up stands for the first four steps of a walk. */
	struct lex_pre	*pre;		/* NULL: walk from the root */
	guint32		 pre_mask;
	int		 pre_shift;
	bool		 bounded;
	/* The bytes that start a word, when there are 8 or fewer (nfirst;
	 * first[] is padded with first[0]), for a vector test of sixteen
	 * positions; nfirst 0: more. */
	unsigned	 nfirst;
	unsigned char	 first[8];
	/* More of them (nfirst 0), but all with bit 6 set and not '_'
	 * (ASCII letters, UTF-8 lead bytes): word_class, a vector test
	 * of the positions after a non-letter whose byte is such a one. */
	bool		 word_class;
	/* Unbounded, every word 4 bytes or longer and at most SHORT_MAX of
	 * exactly 4 (stride2): blocks of sixteen positions where no word
	 * starts are passed over with half the filter tests. A word
	 * starting at p holds either position p + 1 (odd from the block
	 * start) as its byte 0 or 1: filt2 holds the hashes of the 4-byte
	 * pieces there (see stride2_build()), tested at the odd positions
	 * only; bit 1 of an entry for a piece at byte 1 (a start at the
	 * position before), bit 2 for one at byte 0 (a start there), so a
	 * hit lets through only the start its piece may be of. */
	bool		 stride2;
	guint8		 filt2[FILT_BITS];
	struct lex_pre	 pre_tab[];	/* pre points here, in the same block */
};

/* Building: a node's children as a sorted list while words are added. */
struct build_node {
	GArray	*kids;		/* struct lex_edge, sorted by byte */
	guint32	 word;
	guint8	 term;
};

static guint32
build_child(GArray *nodes, guint32 at, guint8 c)
{
	struct build_node *n = &g_array_index(nodes, struct build_node, at);
	struct lex_edge e;
	guint i;

	for (i = 0; i < n->kids->len; i++) {
		struct lex_edge *k = &g_array_index(n->kids, struct lex_edge, i);

		if (k->byte == c)
			return k->child;
		if (k->byte > c)
			break;
	}
	e.byte = c;
	e.child = nodes->len;
	g_array_insert_val(n->kids, i, e);
	{
		struct build_node fresh = {
			g_array_new(FALSE, FALSE, sizeof(struct lex_edge)), 0, 0
		};

		g_array_append_val(nodes, fresh);
	}
	return e.child;
}

/* The filter's key: the first flen bytes at s (4 readable bytes), the
 * others masked off (mask: lx->fmask). */
static inline guint32
filt_hash_m(const unsigned char *s, guint32 mask)
{
	guint32 k;

	memcpy(&k, s, sizeof(k));
	return ((k & mask) * 0x9E3779B1u) >> (32 - FILT_SHIFT);
}

static inline guint32
filt_hash(const struct lexscan *lx, const unsigned char *s)
{
	return filt_hash_m(s, lx->fmask);
}

/* The bit of filtx for the xlen (4 or 5) bytes at s, all readable. */
static inline guint32
filtx_hash(const unsigned char *s, size_t xlen)
{
	guint32 k;
	guint64 x;

	memcpy(&k, s, sizeof(k));
	x = k;
	if (xlen > 4)
		x |= (guint64)s[4] << 32;
	return (guint32)((x * G_GUINT64_CONSTANT(0x9E3779B97F4A7C15)) >>
	    (64 - FILTX_SHIFT));
}

/* The positions of s[0..len) before which filtx is tried: [0, end),
 * those with xlen bytes left (none when it is not built). A scan loop
 * takes it once. */
static inline size_t
filtx_end(const struct lexscan *lx, size_t len)
{
	return lx->has_filtx && len >= lx->xlen ? len - lx->xlen + 1 : 0;
}

/* May a word start at q by filtx (end: filtx_end())? */
static inline bool
filtx_ok(const struct lexscan *lx, const unsigned char *s, size_t end,
    size_t q)
{
	guint32 h;

	if (q >= end)
		return true;
	h = filtx_hash(s + q, lx->xlen);
	return (lx->filtx[h / 8] >> (h % 8)) & 1;
}

/* The same for the n bytes at s (fewer than 4 near the end of a text),
 * padded with zeros. */
static guint32
filt_hash_tail(const struct lexscan *lx, const unsigned char *s, size_t n)
{
	unsigned char buf[4] = { 0, 0, 0, 0 };

	memcpy(buf, s, n < 4 ? n : 4);
	return filt_hash(lx, buf);
}

static gint32	child_of(const struct lexscan *, gint32, unsigned char);

/* The slots of the table of 4-byte prefixes for n words: a power of two,
 * at least twice n. */
static guint32
pre_slots(size_t n)
{
	guint32 size = 16;

	while (size < 2 * n)
		size *= 2;
	return size;
}

/* The table of 4-byte prefixes (see struct lexscan) in lx->pre_tab. */
static void
pre_build(struct lexscan *lx, const char *const *words, size_t n)
{
	guint32 size = pre_slots(n);

	lx->pre_shift = 32 - 4;
	for (guint32 z = 16; z < size; z *= 2)
		lx->pre_shift--;
	lx->pre_mask = size - 1;
	lx->pre = lx->pre_tab;
	for (guint32 i = 0; i < size; i++)
		lx->pre[i].node = -1;
	for (size_t w = 0; w < n; w++) {
		const unsigned char *u = (const unsigned char *)words[w];
		gint32 cur = 0;
		guint32 k, i;

		if (u == NULL || u[0] == '\0')
			continue;
		for (int d = 0; d < 4 && cur >= 0; d++)
			cur = child_of(lx, cur, u[d]);
		memcpy(&k, u, sizeof(k));
		for (i = (k * 0x9E3779B1u) >> lx->pre_shift;
		    lx->pre[i].node >= 0 && lx->pre[i].key != k;
		    i = (i + 1) & lx->pre_mask)
			;
		lx->pre[i].key = k;
		lx->pre[i].node = cur;
	}
}

#ifdef __SSE2__
/* The filter of the 4-byte pieces at byte 0 (bit 2) and 1 (bit 1) of the
 * words (see struct lexscan): of a 4-byte word, the piece at byte 1 is
 * its last 3 bytes and whatever byte follows, all 256 of them; stride2
 * stays false when there are more such words than SHORT_MAX (the filter
 * would let too many positions through). */
static void
stride2_build(struct lexscan *lx, const char *const *words, size_t n)
{
	unsigned nshort = 0;

	for (size_t w = 0; w < n; w++) {
		const unsigned char *u = (const unsigned char *)words[w];
		size_t wl = u != NULL ? strlen(words[w]) : 0;

		if (wl == 0)
			continue;
		lx->filt2[filt_hash_m(u, 0xFFFFFFFFu)] |= 2;
		if (wl >= 5) {
			lx->filt2[filt_hash_m(u + 1, 0xFFFFFFFFu)] |= 1;
			continue;
		}
		if (++nshort > SHORT_MAX)	/* 4: flen is 4 */
			return;
		for (unsigned c = 0; c < 256; c++) {
			unsigned char piece[4] = { u[1], u[2], u[3],
			    (unsigned char)c };

			lx->filt2[filt_hash_m(piece, 0xFFFFFFFFu)] |= 1;
		}
	}
	lx->stride2 = true;
}
#endif

static inline bool	ascii_alnum(unsigned char);

static void
filtx_set(struct lexscan *lx, const unsigned char *key)
{
	guint32 h = filtx_hash(key, lx->xlen);

	lx->filtx[h / 8] |= (guint8)(1u << (h % 8));
}

/* filtx (see struct lexscan), when flen is 3 or 4; not when the words
 * of flen bytes would fill more than 1/32 of it. */
static void
filtx_build(struct lexscan *lx, const char *const *words, size_t n)
{
	size_t keys = 0;

	lx->xlen = lx->flen + 1;
	for (size_t w = 0; w < n; w++)
		if (words[w] != NULL && strlen(words[w]) == lx->flen)
			keys += 256;
	if (keys > FILTX_BITS / 32)
		return;
	for (size_t w = 0; w < n; w++) {
		const unsigned char *u = (const unsigned char *)words[w];
		size_t wl = u != NULL ? strlen(words[w]) : 0;
		unsigned char k[8] = { 0 };

		if (wl >= lx->xlen)
			filtx_set(lx, u);
		else if (wl == lx->flen) {
			memcpy(k, u, wl);
			for (unsigned c = 0; c < 256; c++) {
				if (lx->bounded &&
				    ascii_alnum((unsigned char)c))
					continue;
				k[wl] = (unsigned char)c;
				filtx_set(lx, k);
			}
		}
	}
	lx->has_filtx = true;
}

struct lexscan *
lex_new(const char *const *words, size_t n, bool bounded)
{
	return lex_new_sets(words, NULL, n, bounded);
}

struct lexscan *
lex_new_sets(const char *const *words, const unsigned *set_of, size_t n,
    bool bounded)
{
	GArray *nodes;
	struct lexscan *lx;
	size_t n_edge = 0, at = 0, shortest = 4;
	unsigned char ones[4] = { 0, 0, 0, 0 };

	if (n == 0)
		return NULL;
	nodes = g_array_new(FALSE, FALSE, sizeof(struct build_node));
	{
		struct build_node root = {
			g_array_new(FALSE, FALSE, sizeof(struct lex_edge)), 0, 0
		};

		g_array_append_val(nodes, root);
	}
	for (size_t w = 0; w < n; w++) {
		struct build_node *bn;
		guint32 cur = 0;

		if (words[w] == NULL || words[w][0] == '\0')
			continue;
		for (const char *p = words[w]; *p != '\0'; p++)
			cur = build_child(nodes, cur, (guint8)*p);
		bn = &g_array_index(nodes, struct build_node, cur);
		if (bn->term == 0)
			bn->word = (guint32)w;
		bn->term |= (guint8)(1u << (set_of != NULL ?
		    set_of[w] % LEX_SETS : 0));
		if (strlen(words[w]) < shortest)
			shortest = strlen(words[w]);
	}
	/* One block, with room for the prefix table when it is built. */
	lx = g_malloc0(sizeof(*lx) + (shortest == 4 ? pre_slots(n) *
	    sizeof(struct lex_pre) : 0));
	lx->bounded = bounded;
	lx->n_node = nodes->len;
	lx->node = g_new0(struct lex_node, nodes->len);
	for (guint i = 0; i < nodes->len; i++)
		n_edge += g_array_index(nodes, struct build_node, i).kids->len;
	lx->edge = g_new0(struct lex_edge, n_edge + 1);
	for (guint i = 0; i < nodes->len; i++) {
		struct build_node *b = &g_array_index(nodes, struct build_node, i);

		lx->node[i].edges = (guint32)at;
		lx->node[i].n_edges = (guint16)b->kids->len;
		lx->node[i].term = b->term;
		lx->node[i].word = b->word;
		if (b->kids->len > 0)
			memcpy(lx->edge + at, b->kids->data,
			    b->kids->len * sizeof(struct lex_edge));
		at += b->kids->len;
		g_array_free(b->kids, TRUE);
	}
	g_array_free(nodes, TRUE);
	/* All words empty: flen 4, an empty filter, no match. */
	lx->flen = shortest;
	memset(ones, 0xFF, lx->flen);
	memcpy(&lx->fmask, ones, sizeof(lx->fmask));
	for (size_t w = 0; w < n; w++) {
		const unsigned char *u = (const unsigned char *)words[w];
		guint32 h;

		if (u == NULL || u[0] == '\0')
			continue;
		h = filt_hash_tail(lx, u, lx->flen);
		lx->filt[h] = 1;
	}
	for (int c = 0; c < 256; c++)
		lx->root[c] = -1;
	for (guint16 k = 0; k < lx->node[0].n_edges; k++)
		lx->root[lx->edge[lx->node[0].edges + k].byte] =
		    (gint32)lx->edge[lx->node[0].edges + k].child;
	for (int c = 0; c < 256; c++)
		if (lx->root[c] >= 0 && lx->nfirst++ < 8)
			lx->first[lx->nfirst - 1] = (unsigned char)c;
	if (lx->nfirst > 8)
		lx->nfirst = 0;
	for (unsigned k = lx->nfirst; k > 0 && k < 8; k++)
		lx->first[k] = lx->first[0];
	lx->word_class = true;
	for (int c = 0; c < 256; c++)
		if (lx->root[c] >= 0 && ((c & 0x40) == 0 || c == '_'))
			lx->word_class = false;
	if (lx->flen == 4)
		pre_build(lx, words, n);
	if (lx->flen == 3 || lx->flen == 4)
		filtx_build(lx, words, n);
#ifdef __SSE2__
	if (lx->flen == 4 && !bounded)
		stride2_build(lx, words, n);
#endif
	return lx;
}

void
lex_free(struct lexscan *lx)
{
	if (lx == NULL)
		return;
	g_free(lx->node);
	g_free(lx->edge);
	g_free(lx);
}

/* A letter or a number in Unicode's sense (\p{L}, \p{N}). */
static bool
is_alnum_char(gunichar c)
{
	switch (g_unichar_type(c)) {
	case G_UNICODE_LOWERCASE_LETTER:
	case G_UNICODE_MODIFIER_LETTER:
	case G_UNICODE_OTHER_LETTER:
	case G_UNICODE_TITLECASE_LETTER:
	case G_UNICODE_UPPERCASE_LETTER:
	case G_UNICODE_DECIMAL_NUMBER:
	case G_UNICODE_LETTER_NUMBER:
	case G_UNICODE_OTHER_NUMBER:
		return true;
	default:
		return false;
	}
}

static bool
alnum_at(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x80)
		return g_ascii_isalnum(c);
	return is_alnum_char(g_utf8_get_char_validated(s + i,
	    (gssize)(len - i)));
}

/* Is a letter or digit right before s[i]? */
static bool
alnum_before(const char *s, size_t len, size_t i)
{
	size_t k = i;

	if (i == 0)
		return false;
	if ((unsigned char)s[i - 1] < 0x80)
		return g_ascii_isalnum(s[i - 1]);
	while (k > 0 && i - k < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k == 0)
		return false;
	return alnum_at(s, len, k - 1);
}

/* Does the filter let a word start at p (p < len)? The test
 * next_start() makes at each position. */
static inline bool
filt_ok(const struct lexscan *lx, const unsigned char *s, size_t len,
    size_t p)
{
	if (p + 4 <= len)
		return lx->filt[filt_hash(lx, s + p)] != 0 &&
		    filtx_ok(lx, s, filtx_end(lx, len), p);
	if (p + lx->flen <= len)
		return lx->filt[filt_hash_tail(lx, s + p, len - p)] != 0;
	return false;
}

static inline bool
ascii_alnum(unsigned char c)
{
	return (unsigned)(c - '0') < 10u || (unsigned)((c | 0x20) - 'a') < 26u;
}

#ifdef __SSE2__
/* The bytes of v that are not ASCII letters or digits, as a mask
 * (signed compares: bytes >= 0x80 are below every range). */
static inline unsigned
not_alnum16(__m128i v)
{
	__m128i l = _mm_or_si128(v, _mm_set1_epi8(0x20));
	__m128i d = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
	__m128i a = _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8('a' - 1)),
	    _mm_cmplt_epi8(l, _mm_set1_epi8('z' + 1)));

	return ~(unsigned)_mm_movemask_epi8(_mm_or_si128(d, a)) & 0xFFFFu;
}
#endif

#ifdef __SSE2__
/* next_start_bounded() with word_class, from p >= 1: sixteen positions
 * a block from one load, as two bit masks: the ASCII letters, and the
 * bytes with bit 6 set but '_' (the class: 0x40-0x7F, letters among
 * them, and the lead bytes 0xC0-0xFF), each two vector operations. A
 * position is tried (the filter) when its byte is of the class and the
 * byte before it (the bit below, or the last of the block before:
 * carry) is no ASCII letter: about one position in six of prose, where
 * every position after a non-letter (any byte >= 0x80 is one) was one
 * in three. In a block where a word may start, the first position the
 * filter lets one start at, which the caller returns (*found). */
static inline size_t
skip_words(const struct lexscan *lx, const unsigned char *s, size_t len,
    size_t p, bool *found)
{
	const __m128i c20 = _mm_set1_epi8(0x20), ca = _mm_set1_epi8('a'),
	    c25 = _mm_set1_epi8(25), cu = _mm_set1_epi8('_');
	const guint8 *f = lx->filt;
	const guint32 fm = lx->fmask;
	const size_t xend = filtx_end(lx, len);
	unsigned carry = g_ascii_isalpha(s[p - 1]) ? 1 : 0;

	*found = false;
	/* q + 4 <= len for every q of a block: a plain filter load. */
	for (; p + 19 <= len; p += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + p));
		/* (v | 0x20) - 'a' <= 25, unsigned: a letter */
		__m128i t = _mm_sub_epi8(_mm_or_si128(v, c20), ca);
		unsigned al = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_min_epu8(t, c25), t));
		/* v + v: bit 6 of each byte in its bit 7 */
		unsigned st = (unsigned)_mm_movemask_epi8(_mm_add_epi8(v, v)) &
		    ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, cu));
		unsigned m = st & ~(al << 1 | carry);

		carry = al >> 15;
		for (; m != 0; m &= m - 1) {
			size_t q = p + (unsigned)__builtin_ctz(m);

			if (f[filt_hash_m(s + q, fm)] &&
			    filtx_ok(lx, s, xend, q)) {
				*found = true;
				return q;
			}
		}
	}
	return p;
}
#endif

/* next_start() of a bounded set: only a position after no ASCII letter
 * or digit (alnum_before() would refuse it) where some word's first
 * byte is (the root has a child), and then the filter, is one; the
 * positions after a non-letter are found sixteen at a time (SSE2), with
 * a word's first byte among few (nfirst), or of a class (word_class). */
static size_t
next_start_bounded(const struct lexscan *lx, const unsigned char *s,
    size_t len, size_t p)
{
	if (p == 0) {
		if (len > 0 && lx->root[s[0]] >= 0 && filt_ok(lx, s, len, 0))
			return 0;
		p = 1;
	}
#ifdef __SSE2__
	if (lx->nfirst == 0 && lx->word_class && p < len) {
		bool found;

		p = skip_words(lx, s, len, p, &found);
		if (found)
			return p;
	}
	const __m128i f0 = _mm_set1_epi8((char)lx->first[0]),
	    f1 = _mm_set1_epi8((char)lx->first[1]),
	    f2 = _mm_set1_epi8((char)lx->first[2]),
	    f3 = _mm_set1_epi8((char)lx->first[3]),
	    f4 = _mm_set1_epi8((char)lx->first[4]),
	    f5 = _mm_set1_epi8((char)lx->first[5]),
	    f6 = _mm_set1_epi8((char)lx->first[6]),
	    f7 = _mm_set1_epi8((char)lx->first[7]);

	for (; p + 16 <= len; p += 16) {
		unsigned m = not_alnum16(_mm_loadu_si128((const __m128i *)
		    (const void *)(s + p - 1)));

		if (lx->nfirst > 0 && m != 0) {
			/* Only where a word's first byte is. */
			__m128i v = _mm_loadu_si128((const __m128i *)
			    (const void *)(s + p));
			__m128i e = _mm_or_si128(_mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(v, f0),
			    _mm_cmpeq_epi8(v, f1)), _mm_or_si128(
			    _mm_cmpeq_epi8(v, f2), _mm_cmpeq_epi8(v, f3))),
			    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, f4),
			    _mm_cmpeq_epi8(v, f5)), _mm_or_si128(
			    _mm_cmpeq_epi8(v, f6), _mm_cmpeq_epi8(v, f7))));

			m &= (unsigned)_mm_movemask_epi8(e);
		}
		for (; m != 0; m &= m - 1) {
			size_t q = p + (size_t)__builtin_ctz(m);

			if (lx->root[s[q]] >= 0 && filt_ok(lx, s, len, q))
				return q;
		}
	}
#endif
	for (; p < len; p++)
		if (!ascii_alnum(s[p - 1]) && lx->root[s[p]] >= 0 &&
		    filt_ok(lx, s, len, p))
			return p;
	return len;
}

/* Past the blocks of 8 positions from p on where the filter lets no
 * word start. */
static inline size_t
skip8(const struct lexscan *lx, const unsigned char *s, size_t len, size_t p,
    guint32 mask)
{
	const guint8 *f = lx->filt;

	for (; p + 11 <= len; p += 8)
		if (f[filt_hash_m(s + p, mask)] | f[filt_hash_m(s + p + 1, mask)] |
		    f[filt_hash_m(s + p + 2, mask)] |
		    f[filt_hash_m(s + p + 3, mask)] |
		    f[filt_hash_m(s + p + 4, mask)] |
		    f[filt_hash_m(s + p + 5, mask)] |
		    f[filt_hash_m(s + p + 6, mask)] |
		    f[filt_hash_m(s + p + 7, mask)])
			break;
	return p;
}

#ifdef __SSE2__
/* With stride2: past the blocks of sixteen positions from p on where no
 * word starts (see struct lexscan); in a block where one may, the first
 * position where the filter lets one start, which the caller returns. */
static inline size_t
skip_stride2(const struct lexscan *lx, const unsigned char *s, size_t len,
    size_t p, bool *found)
{
	const guint8 *f2 = lx->filt2, *f = lx->filt;
	const size_t xend = filtx_end(lx, len);

	*found = false;
	for (; p + 19 <= len; p += 16) {
		unsigned cm, g;

		/* A hit at odd position 2t + 1 stands for start 2t (a piece
		 * at byte 1: bit 2t of g) or 2t + 1 (at byte 0: bit 2t + 1).
		 * Gathered from t = 7 down, g * 4 plus the next entry (0 to
		 * 3): one lea a probe, where a shift and an or were two. */
#define F2(t)	((unsigned)f2[filt_hash_m(s + p + 2 * (t) + 1, 0xFFFFFFFFu)])
		g = F2(7);
		g = g * 4 + F2(6);
		g = g * 4 + F2(5);
		g = g * 4 + F2(4);
		g = g * 4 + F2(3);
		g = g * 4 + F2(2);
		g = g * 4 + F2(1);
		g = g * 4 + F2(0);
#undef F2
		for (cm = g; cm != 0; cm &= cm - 1) {
			size_t q = p + (unsigned)__builtin_ctz(cm);

			if (f[filt_hash_m(s + q, 0xFFFFFFFFu)] &&
			    filtx_ok(lx, s, xend, q)) {
				*found = true;
				return q;
			}
		}
	}
	return p;
}
#endif

/* The first position at or after p in s[0..len) where a word may start
 * by the filter (len if none): every word is at least flen bytes long,
 * so its first flen bytes are in the filter. */
static inline size_t
next_start(const struct lexscan *lx, const unsigned char *s, size_t len,
    size_t p)
{
	if (lx->bounded)
		return next_start_bounded(lx, s, len, p);
#ifdef __SSE2__
	if (lx->stride2) {
		bool found;

		p = skip_stride2(lx, s, len, p, &found);
		if (found)
			return p;
	}
#endif
	/* Eight positions a test, one branch for all; the mask a constant
	 * when the words are all 4 bytes or longer (the usual lexicon). */
	if (lx->fmask == 0xFFFFFFFFu)
		p = skip8(lx, s, len, p, 0xFFFFFFFFu);
	else
		p = skip8(lx, s, len, p, lx->fmask);
	for (; p + 4 <= len; p++) {
		guint32 h = filt_hash(lx, s + p);

		if (lx->filt[h])
			return p;
	}
	for (; p + lx->flen <= len; p++) {
		guint32 h = filt_hash_tail(lx, s + p, len - p);

		if (lx->filt[h])
			return p;
	}
	return len;
}

/* The trie node a walk from p starts at (-1 when no word starts there),
 * and in *q the text position after that node's bytes: with the table of
 * 4-byte prefixes (every word is 4 bytes or longer, so no word ends
 * within them) one look-up for the first four steps. */
static inline gint32
start_node(const struct lexscan *lx, const unsigned char *u, size_t len,
    size_t p, size_t *q)
{
	if (lx->pre != NULL && p + 4 <= len) {
		guint32 k, i;

		memcpy(&k, u + p, sizeof(k));
		for (i = (k * 0x9E3779B1u) >> lx->pre_shift;
		    lx->pre[i].node >= 0; i = (i + 1) & lx->pre_mask)
			if (lx->pre[i].key == k) {
				*q = p + 4;
				return lx->pre[i].node;
			}
		return -1;
	}
	*q = p + 1;
	return lx->root[u[p]];
}

/* The child of node cur by byte c, -1 when there is none. */
static inline gint32
child_of(const struct lexscan *lx, gint32 cur, unsigned char c)
{
	const struct lex_node *nd = &lx->node[cur];
	const struct lex_edge *e = lx->edge + nd->edges;
	guint16 k;

	/* Most nodes below the first bytes have one edge. */
	if (nd->n_edges == 1)
		return e[0].byte == c ? (gint32)e[0].child : -1;
	for (k = 0; k < nd->n_edges && e[k].byte < c; k++)
		;
	if (k == nd->n_edges || e[k].byte != c)
		return -1;
	return (gint32)e[k].child;
}

bool
lex_next(const struct lexscan *lx, const char *s, size_t len, size_t off,
    size_t *a, size_t *b)
{
	const unsigned char *u = (const unsigned char *)s;

	if (lx == NULL)
		return false;
	for (size_t p = off; (p = next_start(lx, u, len, p)) < len; p++) {
		size_t best = 0, q;
		gint32 cur = start_node(lx, u, len, p, &q);

		if (cur < 0 || (lx->bounded && alnum_before(s, len, p)))
			continue;
		for (;; q++) {
			const struct lex_node *nd = &lx->node[cur];

			/* Longest first: a later end replaces best; bounded,
			 * only an end with no letter or digit after it. */
			if (nd->term && (!lx->bounded || q == len ||
			    !alnum_at(s, len, q)))
				best = q;
			if (q == len || nd->n_edges == 0 ||
			    (cur = child_of(lx, cur, u[q])) < 0)
				break;
		}
		if (best > 0) {
			*a = p;
			*b = best;
			return true;
		}
	}
	return false;
}

void
lex_scan_words(const struct lexscan *lx, const char *s, size_t len,
    void (*found)(void *arg, unsigned set, size_t a, size_t b, size_t word),
    void *arg)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t next[LEX_SETS] = { 0 };
	unsigned busy = 0;	/* the sets k with next[k] > p, maybe */

	if (lx == NULL)
		return;
	for (size_t p = 0; (p = next_start(lx, u, len, p)) < len; p++) {
		unsigned want, have = 0;
		size_t best[LEX_SETS];
		guint32 bword[LEX_SETS];
		size_t q;
		gint32 cur = start_node(lx, u, len, p, &q);

		if (cur < 0)
			continue;
		/* The sets still searching at p: past their last match. */
		for (unsigned b = busy; b != 0; b &= b - 1)
			if (next[__builtin_ctz(b)] <= p)
				busy &= ~(b & -b);
		want = ~busy & ((1u << LEX_SETS) - 1);
		if (want == 0 || (lx->bounded && alnum_before(s, len, p)))
			continue;
		for (;; q++) {
			const struct lex_node *nd = &lx->node[cur];
			unsigned t = nd->term & want;

			/* A later end replaces an earlier one: longest. */
			if (t != 0 && (!lx->bounded || q == len ||
			    !alnum_at(s, len, q)))
				for (; t != 0; t &= t - 1) {
					best[__builtin_ctz(t)] = q;
					bword[__builtin_ctz(t)] = nd->word;
					have |= t & -t;
				}
			if (q == len || nd->n_edges == 0 ||
			    (cur = child_of(lx, cur, u[q])) < 0)
				break;
		}
		for (; have != 0; have &= have - 1) {
			unsigned k = (unsigned)__builtin_ctz(have);

			found(arg, k, p, best[k], bword[k]);
			next[k] = best[k];
			busy |= 1u << k;
		}
	}
}

/* lex_scan_sets() through lex_scan_words(): the word left out. */
struct plain {
	void	(*found)(void *, unsigned, size_t, size_t);
	void	*arg;
};

static void
plain_found(void *arg, unsigned set, size_t a, size_t b, size_t word)
{
	struct plain *pl = arg;

	(void)word;
	pl->found(pl->arg, set, a, b);
}

void
lex_scan_sets(const struct lexscan *lx, const char *s, size_t len,
    void (*found)(void *arg, unsigned set, size_t a, size_t b), void *arg)
{
	struct plain pl = { found, arg };

	lex_scan_words(lx, s, len, plain_found, &pl);
}
