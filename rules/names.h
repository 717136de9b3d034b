/*
 * names.h: what the three files of the names detector share, internal
 * to them: the word tables (namedata.c builds them), the tokens
 * (nametok.c reads them), the rules (names.c). The hash and table
 * lookups are inline: the tokenizer runs them once per word.
 */
#ifndef NAMES_H
#define NAMES_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "detect.h"
#include "ruledata.h"

/* A flat open-addressing table of afold words, each with its W_* and
 * L_* bits (the participants' table uses bit 1): one hash of the bytes,
 * computed while a token is read, and one probe run per token. The keys
 * live in one blob. */
struct wslot {
	uint32_t	 hash, bits, off, len;	/* len 0: empty */
};

struct wtab {
	struct wslot	*slot;
	uint32_t	 mask, n;	/* slots - 1; keys */
	char		*keys;
	size_t		 klen, kcap;
};

/* The words det_names looks for anywhere in afold (not only as whole
 * words): staff context, then the letter closers, then "valkommen". */
enum { SW_STAFF = 0, SW_CLOSER = 5, SW_VALK = 9, N_SW = 10 };

/* A code point of two UTF-8 bytes (U+0080..U+07FF) as the tokenizer
 * sees it: the answers of glib and of ntext_afold_into, asked once. */
enum { CP_ALPHA = 1, CP_UPPER = 2, CP_LOWER = 4 };
struct cp2 {
	uint8_t		 flags;	/* CP_* */
	uint8_t		 alen;	/* bytes of its afold form in a (at most 4) */
	char		 a[4];
	/* a as one number (a[0] lowest, zeros after alen), written to a
	 * token's afold in one step; and the a-z bits of its bytes */
	uint32_t	 a32, m;
};

#define WFILTER_BITS	(1u << 14)

struct names_data {
	/* Not 0, and no other names_data of the process has it: the
	 * tokenizer's per-thread cache of word bits (nametok.c) tells
	 * by it whose bits it holds. */
	uint64_t	 serial;
	GHashTable	*first, *sur, *stop;	/* afold (lower, no diacritics) sets */
	GHashTable	*notname;	/* not-names.txt (in stop too), or NULL */
	GHashTable	*bits;	/* afold word -> W_* and L_* bits, all lists */
	struct wtab	 words;	/* bits as a flat table: what det_names reads */
	/* One bit per (hash >> 18) of the words' keys: most tokens miss
	 * here, in a table that stays in the cache. */
	uint8_t		 filter[WFILTER_BITS / 8];
	uint32_t	 need[N_SW];	/* letters (a-z bit mask) of each scan word */
	/* The scan words (a bit each) whose letters among a-i, j-r and s-z
	 * are all in the index: need[k] within m for every k at once. */
	uint16_t	 needt[3][512];
	size_t		 wlen[N_SW];	/* and its length */
	size_t		 order[N_SW];	/* the scan words, shortest first */
	/* A few letters (a-z bits), one of which each scan word holds:
	 * most tokens have none, a test cheaper than needt's */
	uint32_t	 need_any;
	struct cp2	 cp2[0x800];	/* by code point; below 0x80 unused */
	/* By byte: the a-z bit of a lower-case ASCII letter, 0 for any
	 * other byte; and whether it is an ASCII byte that is no letter. */
	uint32_t	 lbit[256];
	uint8_t		 nonl[256];
	uint8_t		 gap[256];	/* nonl without NUL (the end of norm) */
	/* Words that mark a text as Swedish (bit 1) or as in another
	 * language the test does not know (bit 2), afold; the language
	 * test's view of a text, names.c text_lang. */
	struct wtab	 svmark;
	/* The rules as they were before issue 18 (no language test, no
	 * relative, presenter, company or slash-signature rules): only for
	 * names_test's differential tests against its frozen copy of the
	 * old detector (names_data_rules_v1). */
	bool		 v1;
	/* Cue words of the sentence rules (names.c), afold, with their
	 * C_* bits: asked only for a capitalised token that may be a
	 * name, never on the common path. */
	struct wtab	 cue;
	/* By length (below 16): the first letters (lbit) of the cue
	 * words, so that most tokens are no cue word without a hash. */
	uint32_t	 cuefl[16];
};

/* The cue words' bits (names_data.cue). */
enum {
	C_PVERB = 1 << 0,	/* what a person does or is: "mår", "druckit" */
	C_PVERB_WEAK = 1 << 1,	/* the same, said of colleagues too: "vill" */
	C_AUX = 1 << 2,		/* an auxiliary before one: "har", "är" */
	C_PRON = 1 << 3,	/* a personal pronoun: "hon", "hans" */
	C_DOCTOR = 1 << 4,	/* an academic title before a name: "Dr." */
	C_LECTURE = 1 << 5,	/* a lecture word before a name: "Föreläsning:" */
	C_ADV = 1 << 6,		/* an adverb after the auxiliary: "har inte" */
	C_NEG = 1 << 7		/* how badly, after a weak one: "mår dåligt" */
};

/* names_test only: switch the issue-18 rules off (v1) or on. */
void	names_data_rules_v1(struct names_data *, bool);

/* The participants' name words of one invitation (afold), built once
 * per invitation when the caller keeps a struct detcache. */
struct names_part {
	struct wtab	 tab;
};

/* 32 bytes: a text dense with names has a token every 7 bytes or so,
 * and 48 bytes each (size_t offsets) made the tokens of a text six
 * times its size (issue 17). A text is at most [limits] text_bytes
 * (at most 1G), so its offsets fit 32 bits. */
struct tok {
	uint32_t a, b;		/* span in norm */
	const char *asc;	/* afold: lower case without diacritics,
				   NUL-terminated (in the arena of tokenize) */
	uint32_t alen;		/* strlen(asc) */
	unsigned lists;		/* L_* of the built-in word lists it is in */
	bool	 cap, allcaps;
	bool	 ascii;		/* no letter outside ASCII (lower case of
				   norm is then plain ASCII) */
	/* looked up once per token (tokenize); first .. notname next to
	 * each other: a token in no list clears them in one store */
	bool	 first, sur, stop;
	bool	 notname;	/* an organisation of not-names.txt */
	bool	 part;
	/* names.c's language test, asked at most once: -1 not yet, 0 an
	 * ordinary word or listed, 1 maybe a name no list knows */
	signed char unk;
	/* names.c's unknown_at for the token's bytes: -1 not asked yet,
	 * else its answer; kept in the tokenizer's cache with the token
	 * (names_tok_uat), so a word asked about once is not asked again
	 * in the next texts */
	signed char uat;
};

/* Membership of a token in the small built-in word lists (namedata.c),
 * found with one lookup per token instead of a string compare per list
 * entry. */
enum {
	L_TRIGGER = 1 << 0, L_CASE = 1 << 1, L_FAMILY = 1 << 2,
	L_PLACE = 1 << 3, L_STAFF_BEFORE = 1 << 4, L_TITLE = 1 << 5,
	L_PARTICLE = 1 << 6, L_MONTH = 1 << 7, L_PLACE_NEXT = 1 << 8,
	L_ROOM = 1 << 9, L_RELATIVE = 1 << 10, L_TRADE = 1 << 11,
	L_PRESENT = 1 << 12, L_BY = 1 << 13, L_STAFF2 = 1 << 14,
	L_TITLE2 = 1 << 15
};
/* And the three name lists (the config's): one lookup per token. */
enum { W_FIRST = 1 << 16, W_SUR = 1 << 17, W_STOP = 1 << 18,
	W_NOTNAME = 1 << 19 };	/* not-names.txt (also W_STOP) */

/* The word hash of the tables: the bytes in steps of eight, each a
 * little-endian number (the first byte lowest); the full eights are
 * stepped into h, and the rest (zeros after the last byte; 0 when
 * none) goes into the end with the length: one 64 x 64 -> 128-bit
 * multiplication, its halves xor'ed (a token of up to seven bytes is
 * hashed by that alone). The tokenizer computes it while it writes a
 * token (struct wput); whash() is the same over a string. */
#define WHASH_SEED	0x9E3779B97F4A7C15ull

static inline uint64_t
whash_step(uint64_t h, uint64_t x)
{
	h = (h ^ x) * 0xFF51AFD7ED558CCDull;
	return h ^ (h >> 32);
}

static inline uint32_t
whash_end(uint64_t h, uint64_t x, size_t n)
{
	unsigned __int128 p = (unsigned __int128)(h ^ x ^ ((uint64_t)n << 56)) *
	    0xFF51AFD7ED558CCDull;

	return (uint32_t)((uint64_t)(p >> 64) ^ (uint64_t)p);
}

/* The table entry of the two-byte character at s[i]; NULL when s[i]
 * starts none (ASCII, a longer sequence, a stray byte, the end). */
static inline const struct cp2 *
cp2_at(const struct names_data *nd, const char *s, size_t i, size_t len)
{
	unsigned char u = (unsigned char)s[i];

	if (u < 0xC2 || u > 0xDF || i + 1 >= len ||
	    ((unsigned char)s[i + 1] & 0xC0) != 0x80)
		return NULL;
	return &nd->cp2[(u & 0x1Fu) << 6 | ((unsigned char)s[i + 1] & 0x3Fu)];
}

static inline uint32_t
whash(const char *s, size_t n)
{
	uint64_t h = WHASH_SEED, x = 0;
	unsigned sh = 0;

	for (size_t i = 0; i < n; i++) {
		x |= (uint64_t)(unsigned char)s[i] << sh;
		if ((sh += 8) == 64) {
			h = whash_step(h, x);
			x = 0;
			sh = 0;
		}
	}
	return whash_end(h, x, n);
}

/* memcmp(a, b, n) == 0 for the few bytes of a word, without a call. */
static inline bool
key_eq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* key_eq where both a and b may be read up to the next multiple of
 * eight bytes past n (the table's keys: namedata.c pads them; the
 * tokens' afold: the arena has room): eight bytes a step. */
static inline bool
key_eq8(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return false;
	}
	if (i == n)
		return true;
	memcpy(&x, a + i, 8);
	memcpy(&y, b + i, 8);
	x = GUINT64_FROM_LE(x ^ y);
	return (x & ((1ull << (8 * (n - i))) - 1)) == 0;
}

/* The bits of s[0..n) (hash h = whash(s, n)), 0 when it is no key;
 * pad: s may be read as key_eq8 reads it. */
static inline unsigned
wtab_get_in(const struct wtab *w, const char *s, size_t n, uint32_t h,
    bool pad)
{
	if (w->n == 0)
		return 0;
	for (uint32_t i = h & w->mask;; i = (i + 1) & w->mask) {
		const struct wslot *e = &w->slot[i];

		if (e->len == 0)
			return 0;
		if (e->hash == h && e->len == n && (pad ?
		    key_eq8(w->keys + e->off, s, n) :
		    key_eq(w->keys + e->off, s, n)))
			return e->bits;
	}
}

static inline unsigned
wtab_get(const struct wtab *w, const char *s, size_t n, uint32_t h)
{
	return wtab_get_in(w, s, n, h, false);
}

/* wtab_get on the words of the lists, with the filter first. */
static inline unsigned
words_get_in(const struct names_data *nd, const char *s, size_t n,
    uint32_t h, bool pad)
{
	uint32_t f = h >> 18;

	if (!(nd->filter[f >> 3] & (1u << (f & 7))))
		return 0;
	return wtab_get_in(&nd->words, s, n, h, pad);
}

static inline unsigned
words_get(const struct names_data *nd, const char *s, size_t n, uint32_t h)
{
	return words_get_in(nd, s, n, h, false);
}

#define TOKS_REL	8

/* The tokens of one text and what was found while reading them. */
struct toks {
	struct tok	*v;
	size_t		 n, cap;
	char		*arena;	/* the tokens' afold forms */
	size_t		 acap;	/* its size */
	bool		 any_cap;	/* a capitalised token, not all caps */
	/* With scan: the afold offset of the first match of each scan word
	 * (SIZE_MAX: none). The words are ASCII letters, and the afold of a
	 * code point that is no letter holds no ASCII letter (names_test
	 * checks every code point), so without camel splits each match lies
	 * inside one token's afold. */
	size_t		 found[N_SW];
	bool		 v1;	/* names_data's v1, for the rules */
	bool		 any_rel;	/* a relative word (L_RELATIVE) */
	/* The relative words (tokenize counts them in nrel and keeps the
	 * first TOKS_REL indexes in rel); names.c relative_near finds the
	 * tokens of each one's sentence, rlo[q] to rhi[q] - 1 (rhi[0] 0:
	 * not yet), and keeps in rq the first that may hold the next token
	 * it is asked about (rq_i: that token). */
	size_t		 nrel, rel[TOKS_REL], rlo[TOKS_REL], rhi[TOKS_REL];
	size_t		 rq, rq_i;
	/* The text's language as the language test sees it (names.c
	 * text_lang), asked at most once: TL_*, 0 not yet. */
	signed char	 lang;
};

/* namedata.c: scan word k (SW_*), and the job titles a name before
 * which is staff. */
const char	*names_scan_word(size_t k);
extern const char *const names_titles[], *const names_titles2[];

/* nametok.c: the tokens of nt into tk (see there); toks_free gives the
 * buffers back. */
void	names_tokenize(const struct names_data *, const struct names_part *,
	    const struct ntext *nt, bool camel, size_t nsw, struct toks *tk);
void	names_toks_free(struct toks *);
/* nametok.c: t->uat = r, and in the tokenizer's cache entry of t's
 * bytes when it holds one (unknown_at is a function of the bytes). */
void	names_tok_uat(const struct names_data *, const struct ntext *,
	    struct tok *t, bool r);

#endif
