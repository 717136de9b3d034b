/*
 * nametok.c: the names detector's tokenizer: letter runs of a text
 * (CamelCase humps too in file names), each with its afold form, hash,
 * list bits and participant bit, and the scan words found in them.
 * Hot: most of det_names's time is here, so the common tokens (ASCII
 * letters; one- and two-byte letters) have readers of their own. Its
 * buffers are kept per thread between texts (a cache).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <glib.h>

#include "names.h"

/* A token's afold bytes on their way to the arena: eight at a time,
 * hashed as they go (no byte is read back). */
struct wput {
	char		*o;	/* where the next eight go */
	uint64_t	 x, h;
	unsigned	 sh;	/* bits in x */
};

static inline void
wput(struct wput *w, unsigned char c)
{
	w->x |= (uint64_t)c << w->sh;
	if ((w->sh += 8) == 64) {
		uint64_t le = GUINT64_TO_LE(w->x);

		memcpy(w->o, &le, 8);
		w->o += 8;
		w->h = whash_step(w->h, w->x);
		w->x = 0;
		w->sh = 0;
	}
}

/* wput of the afold form of a two-byte character (e->a32, e->alen
 * bytes): one shift and or, and a flush when it fills the eight. */
static inline void
wput_cp2(struct wput *w, const struct cp2 *e)
{
	unsigned sh = w->sh + 8u * e->alen;

	w->x |= (uint64_t)e->a32 << w->sh;
	if (sh >= 64) {
		uint64_t le = GUINT64_TO_LE(w->x);

		memcpy(w->o, &le, 8);
		w->o += 8;
		w->h = whash_step(w->h, w->x);
		/* the bytes past the eight (w->sh > 0 here: sh < 64 else) */
		w->x = (uint64_t)e->a32 >> (64 - w->sh);
		sh -= 64;
	}
	w->sh = sh;
}

/* Ends the token: the last bytes and a NUL written (up to 8 bytes past
 * the NUL are touched: the arena has room); returns the hash and the
 * length in *n. */
static inline uint32_t
wput_end(struct wput *w, const char *start, size_t *n)
{
	if (w->sh != 0) {
		uint64_t le = GUINT64_TO_LE(w->x);

		memcpy(w->o, &le, 8);
		w->o += w->sh / 8;
	}
	*w->o = '\0';
	*n = (size_t)(w->o - start);
	return whash_end(w->h, w->x, *n);	/* x: 0 after a flush */
}

static inline bool
is_upper(gunichar c)
{
	return c < 0x80 ? c - 'A' < 26u : g_unichar_isupper(c);
}

static inline bool
is_lower(gunichar c)
{
	return c < 0x80 ? c - 'a' < 26u : g_unichar_islower(c);
}

/* Looks the scan words up in one token (afold asc, at afold offset ao;
 * m: the a-z letters it holds). */
static void
scan_token(const struct names_data *nd, struct toks *tk, const char *asc,
    size_t alen, size_t ao, uint32_t m, size_t nsw)
{
	for (size_t o = 0; o < N_SW; o++) {
		size_t k = nd->order[o];

		if (alen < nd->wlen[k])
			break;
		if (k < nsw && (m & nd->need[k]) == nd->need[k] &&
		    tk->found[k] == SIZE_MAX) {
			const char *at = memmem(asc, alen, names_scan_word(k),
			    nd->wlen[k]);

			if (at != NULL)
				tk->found[k] = ao + (size_t)(at - asc);
		}
	}
}

/* Kept per thread between texts: the arena and token vector of the
 * last tokenize(), so a text takes no malloc of several KB (on a cold
 * heap: a split of the top chunk, a consolidation of the fast bins).
 * Up to TOKBUF_KEEP bytes of each are kept. */
struct tokbuf {
	char		*arena;
	size_t		 acap;
	struct tok	*v;
	size_t		 vcap;
};

#define TOKBUF_KEEP	(64 * 1024)

static void
tokbuf_free(gpointer p)
{
	struct tokbuf *b = p;

	g_free(b->arena);
	g_free(b->v);
	g_free(b);
}

static GPrivate tokbuf_key = G_PRIVATE_INIT(tokbuf_free);

static struct tokbuf *
tokbuf_get(void)
{
	struct tokbuf *b;

	if ((b = g_private_get(&tokbuf_key)) == NULL) {
		b = g_new0(struct tokbuf, 1);
		g_private_set(&tokbuf_key, b);
	}
	return b;
}

/* Starts tk for a text of len bytes, with the arena and token vector
 * of this thread's tokbuf when they are large enough: 3 * len + 1 bytes
 * of arena suffice (each token's form is at most twice its bytes, plus
 * a NUL), + 16 because wput_end and the two-byte path write 8 bytes
 * past the NUL. */
static inline void
toks_begin(struct toks *tk, size_t len)
{
	size_t need = 3 * len + 1 + 16, vneed = len / 5 + 16;
	struct tokbuf *tb = tokbuf_get();

	memset(tk, 0, sizeof(*tk));
	for (size_t k = 0; k < N_SW; k++)
		tk->found[k] = SIZE_MAX;
	if (tb->acap >= need) {
		tk->arena = tb->arena;
		tk->acap = tb->acap;
	} else {
		g_free(tb->arena);
		tk->arena = g_malloc(need);
		tk->acap = need;
	}
	if (tb->vcap >= vneed) {
		tk->v = tb->v;
		tk->cap = tb->vcap;
	} else {
		g_free(tb->v);
		tk->v = g_new(struct tok, vneed);
		tk->cap = vneed;
	}
	tb->arena = NULL;
	tb->v = NULL;
	tb->acap = tb->vcap = 0;
}

/* The end of the run of ASCII non-letters at s[i], which is one, or
 * the end of the text (i == len: a token that ends the text; nothing
 * past norm's NUL is read). norm ends in a NUL, which gap leaves out:
 * the run stops there without a bound check; a NUL inside the text
 * (if any) continues it. Their afold is their bytes. */
static inline size_t
skip_run(const struct names_data *nd, const char *s, size_t len, size_t i)
{
	while (i < len) {
		while (nd->gap[(unsigned char)s[++i]])
			;
		if (s[i] != '\0')
			break;
	}
	return i;
}

/* The same where s[i] may be no such byte (then i itself). */
static inline size_t
skip_gap(const struct names_data *nd, const char *s, size_t len, size_t i)
{
	return nd->nonl[(unsigned char)s[i]] ? skip_run(nd, s, len, i) : i;
}

/* A token read: where the next may start in norm (past the non-letters
 * after it), the hash of its afold form and the a-z letters in that
 * form. */
struct tread {
	size_t		 j;
	uint32_t	 h, m;
};

/* Copies the n bytes at p to o, or'ed with lo (0x20 in each byte: ASCII
 * letters to lower case; 0: as they are), with a NUL after them (up to
 * eight bytes past o + n are touched: the arena has room), eight bytes
 * at a time; returns their hash (whash). The n bytes may be read, and
 * room bytes from p: the last partial eight is read in one load when
 * they reach that far, else byte by byte. */
static inline uint32_t
copy_hash(const char *p, size_t n, size_t room, uint64_t lo, char *o)
{
	uint64_t hh = WHASH_SEED, last = 0, x, le;
	size_t k = 0;

	for (; k + 8 <= n; k += 8) {
		memcpy(&le, p + k, 8);
		x = GUINT64_FROM_LE(le) | lo;
		hh = whash_step(hh, x);
		le = GUINT64_TO_LE(x);
		memcpy(o + k, &le, 8);
	}
	if (k < n) {
		if (G_LIKELY(k + 8 <= room)) {
			memcpy(&le, p + k, 8);
			x = GUINT64_FROM_LE(le);
		} else {
			x = 0;
			for (size_t q = 0; q < n - k; q++)
				x |= (uint64_t)(unsigned char)p[k + q] <<
				    (8 * q);
		}
		last = (x | lo) & ((1ull << (8 * (n - k))) - 1);
		le = GUINT64_TO_LE(last);
		memcpy(o + k, &le, 8);
	}
	o[n] = '\0';
	return whash_end(hh, last, n);
}

/* The common token at s[i]: ASCII letters, lower case after the first,
 * ended by an ASCII non-letter or the end of the text. Its afold is its
 * bytes in lower case, copied to o and hashed eight at a time (as wput
 * does it). Fills t and r, and sets *any_cap for a capital; false
 * for any other token, with where it stopped in r->j (i when s[i] is
 * not ASCII) and the a-z bits of the letters before in r->m, for
 * tok_two. */
static inline bool
tok_ascii(const struct names_data *nd, const char *s, size_t len, size_t i,
    char *o, struct tok *t, struct tread *r, bool *any_cap)
{
	size_t e = i + 1;
	uint32_t b, m;
	/* the hash of the full eights, and the bytes after them */
	uint64_t hh = WHASH_SEED, last = 0;

	if ((unsigned char)s[i] >= 0x80) {
		r->j = i;	/* nothing read for tok_two */
		return false;
	}
	/* s[i] is a letter (names_tokenize's gap ends at one): its lower
	 * case's bit from the table */
	m = nd->lbit[(unsigned char)s[i] | 0x20u];
	/* norm is NUL-terminated: s[len] is no letter and an ASCII
	 * non-letter, so neither test needs e < len */
	while ((b = nd->lbit[(unsigned char)s[e]]) != 0) {
		m |= b;
		e++;
	}
	if (!nd->nonl[(unsigned char)s[e]]) {
		r->j = e;	/* tok_two goes on from here */
		r->m = m;
		return false;
	}
	if (G_LIKELY(e - i <= 8 && i + 8 <= len)) {
		/* the common token: one load of eight bytes */
		uint64_t x, le;

		memcpy(&le, s + i, 8);
		x = GUINT64_FROM_LE(le) | 0x2020202020202020ull;
		if (e - i < 8) {
			x &= (1ull << (8 * (e - i))) - 1;
			last = x;
		} else
			hh = whash_step(hh, x);
		le = GUINT64_TO_LE(x);
		memcpy(o, &le, 8);
		o[e - i] = '\0';
		r->h = whash_end(hh, last, e - i);
	} else
		r->h = copy_hash(s + i, e - i, len - i, 0x2020202020202020ull,
		    o);
	t->b = e;
	t->cap = (unsigned char)s[i] < 'a';
	*any_cap |= t->cap;
	t->allcaps = false;
	t->ascii = true;
	t->asc = o;
	t->alen = e - i;
	r->j = skip_run(nd, s, len, e);	/* s[e] is a non-letter */
	r->m = m;
	return true;
}

/* Letters of one or two bytes (å, ä, ö, é, ...), lower case after the
 * first (not a lone two-byte letter: "Å" alone is all capitals), ended
 * by an ASCII non-letter or the end of the text. Its afold is already
 * in the text's (nt->afold), at afold offset ao (names_tokenize:
 * i + adj), each letter's afold being the one its table entry has
 * (nametok_test checks it): the letters give only its length and a-z
 * bits, and the bytes are copied and hashed eight at a time from
 * there (copy_hash), not folded into the token byte by byte (wput: a
 * shift, an or and a test per byte). Fills t and r (and *any_cap as tok_ascii), adds to *adj
 * how much longer its afold is than its bytes; false for any other
 * token. Called after tok_ascii failed: it goes on where that stopped
 * (r->j, r->m), not reading an ASCII start twice. */
static inline bool
tok_two(const struct names_data *nd, const struct ntext *nt, size_t i,
    char *o, struct tok *t, struct tread *r, bool *any_cap, size_t *adj)
{
	const char *s = nt->norm;
	/* d: how much longer its afold is than its bytes (two-byte
	 * letters only; unsigned, it may wrap) */
	size_t len = nt->len, e = i, n, d = 0, ao = i + *adj;
	unsigned char u = (unsigned char)s[i];
	const struct cp2 *c;
	bool first2 = u >= 0x80, cap, ascii = true;
	uint32_t m = 0;

	if (r->j > i) {		/* tok_ascii read the ASCII letters to r->j */
		cap = u < 'a';
		m = r->m;
		e = r->j;
	} else if ((c = cp2_at(nd, s, i, len)) != NULL &&
	    (c->flags & CP_ALPHA)) {
		cap = (c->flags & CP_UPPER) != 0;
		m |= c->m;
		d = (size_t)c->alen - 2;
		ascii = false;
		e += 2;
	} else
		return false;
	/* norm is NUL-terminated: s[len] is no letter (nor a two-byte
	 * lead) and an ASCII non-letter, so neither test needs e < len */
	for (;;) {
		uint32_t b;

		u = (unsigned char)s[e];
		if ((b = nd->lbit[u]) != 0) {
			m |= b;
			e++;
		} else if ((c = cp2_at(nd, s, e, len)) != NULL &&
		    (c->flags & (CP_ALPHA | CP_LOWER)) ==
		    (CP_ALPHA | CP_LOWER)) {
			m |= c->m;
			d += (size_t)c->alen - 2;
			ascii = false;
			e += 2;
		} else
			break;
	}
	if (!nd->nonl[(unsigned char)s[e]])
		return false;	/* another letter, or not ASCII */
	if (first2 && e == i + 2)
		return false;	/* "Å" alone: all capitals */
	n = e - i + d;
	t->b = e;
	t->cap = cap;
	*any_cap |= cap;
	t->allcaps = false;
	t->ascii = ascii;
	t->asc = o;
	t->alen = (uint32_t)n;
	r->j = skip_run(nd, s, len, e);	/* s[e] is a non-letter */
	r->h = copy_hash(nt->afold + ao, n, nt->alen - ao, 0, o);
	*adj += d;
	r->m = m;
	return true;
}

/* The letter class of the character of two or more bytes at s[j]:
 * from the table for two bytes (returned), else from glib (NULL). */
static inline const struct cp2 *
char_class(const struct names_data *nd, const char *s, size_t j,
    size_t len, bool *alpha, bool *up, bool *low)
{
	const struct cp2 *e;
	gunichar c;

	if ((e = cp2_at(nd, s, j, len)) != NULL) {
		*alpha = (e->flags & CP_ALPHA) != 0;
		*up = (e->flags & CP_UPPER) != 0;
		*low = (e->flags & CP_LOWER) != 0;
		return e;
	}
	c = g_utf8_get_char(s + j);
	*alpha = g_unichar_isalpha(c);
	*up = is_upper(c);
	*low = is_lower(c);
	return NULL;
}

/* The afold form of the token p[0..n), which has a character of three
 * or four bytes, into o (t->asc): from ntext_afold_into, with its hash
 * and its a-z letters. */
static void
tok_afold_slow(char *o, const char *p, size_t n, struct tok *t,
    struct tread *r)
{
	t->alen = ntext_afold_into(o, p, n);
	r->h = whash(t->asc, t->alen);
	r->m = 0;
	for (size_t k = 0; k < t->alen; k++)
		if ((unsigned)(unsigned char)t->asc[k] - 'a' < 26u)
			r->m |= 1u << (t->asc[k] - 'a');
}

/* Any other token at s[i], a character at a time: case from glib for
 * characters of three and four bytes, afold through wput (or, with such
 * a character, ntext_afold_into). In file names (camel) a lower-case
 * letter before a capital ends it. Fills t and r (*any_cap set for a
 * capitalised token that is not all capitals; *adj as tok_two) and
 * returns true, or false when s[i] is no letter. */
static bool
tok_slow(const struct names_data *nd, const char *s, size_t len, size_t i,
    bool camel, char *o, struct tok *t, struct tread *r, bool *any_cap,
    size_t *adj)
{
	struct wput w = { o, 0, WHASH_SEED, 0 };
	size_t j = i;
	uint32_t m = 0;
	bool plow = false;	/* the previous letter is lower case */
	bool slow = false;	/* a letter of 3 or 4 bytes */
	bool cap = false, allcaps = true, ascii = true;

	while (j < len) {
		unsigned char u = (unsigned char)s[j];
		const struct cp2 *e;

		if ((unsigned)u - 'a' < 26u) {
			/* The common case: a run of lower-case ASCII
			 * letters, each its own afold byte. */
			size_t q = j;

			do {
				wput(&w, u);
				m |= 1u << (u - 'a');
				if (++q == len)
					break;
				u = (unsigned char)s[q];
			} while ((unsigned)u - 'a' < 26u);
			if (q > i + 1)	/* a lower-case letter after the first */
				allcaps = false;
			plow = true;
			j = q;
		} else if (u < 0x80) {
			unsigned lc = u | 0x20u;
			bool up = u < 'a';

			if (lc - 'a' >= 26u)
				break;
			if (camel && j > i && up && plow)
				break;
			if (j == i)
				cap = up;
			else if (!up)
				allcaps = false;
			plow = !up;
			wput(&w, (unsigned char)lc);
			m |= 1u << (lc - 'a');
			j++;
		} else {
			/* Two bytes (å, ä, ö, é, ...) from the table,
			 * longer characters from glib. */
			bool alpha, up, low;

			e = char_class(nd, s, j, len, &alpha, &up, &low);
			if (!alpha)
				break;
			if (camel && j > i && up && plow)
				break;
			if (j == i)
				cap = up;
			else if (low)
				allcaps = false;
			plow = low;
			ascii = false;
			if (e != NULL) {
				wput_cp2(&w, e);
				m |= e->m;
				j += 2;
			} else {
				slow = true;
				j = (size_t)(g_utf8_next_char(s + j) - s);
			}
		}
	}
	if (j == i)
		return false;
	t->b = j;
	t->cap = cap;
	/* all capitals: a capital first, and not one letter */
	t->allcaps = allcaps & cap & (j - i != 1);
	*any_cap |= cap & !t->allcaps;
	t->ascii = ascii;
	t->asc = o;
	r->j = skip_gap(nd, s, len, j);
	if (slow)
		tok_afold_slow(o, s + i, j - i, t, r);
	else {
		size_t alen;

		r->h = wput_end(&w, t->asc, &alen);
		t->alen = (uint32_t)alen;
		r->m = m;
	}
	*adj += t->alen - (j - i);
	return true;
}

/* Steps over the character at s[*i], which is no letter, and counts
 * how much longer its afold form is than its bytes into *adj (tok_two
 * reads the afold of the tokens after it at i + adj). */
static void
skip_char(const struct names_data *nd, const char *s, size_t len,
    size_t *i, size_t *adj)
{
	unsigned char u = (unsigned char)s[*i];
	const struct cp2 *e;

	if (u < 0x80)
		(*i)++;
	else if ((e = cp2_at(nd, s, *i, len)) != NULL) {
		*adj += (size_t)e->alen - 2;
		*i += 2;
	} else {
		char buf[16];
		size_t next = (size_t)(g_utf8_next_char(s + *i) - s);

		*adj += ntext_afold_into(buf, s + *i, next - *i) - (next - *i);
		*i = next;
	}
}

/* first, sur, stop and notname of t from the W_* bits of b (bits 16 to
 * 19, in that order), in one store: the multiplication puts bit k of
 * the four into bit 0 of byte k (k + 7k = 8k). */
G_STATIC_ASSERT(W_FIRST == 1 << 16 && W_SUR == 1 << 17 &&
    W_STOP == 1 << 18 && W_NOTNAME == 1 << 19);
G_STATIC_ASSERT(offsetof(struct tok, sur) == offsetof(struct tok, first) + 1 &&
    offsetof(struct tok, stop) == offsetof(struct tok, first) + 2 &&
    offsetof(struct tok, notname) == offsetof(struct tok, first) + 3 &&
    sizeof(bool) == 1);

static inline void
put_wflags(struct tok *t, unsigned b)
{
	uint32_t f = (((b >> 16) & 0xFu) * 0x00204081u) & 0x01010101u;

	f = GUINT32_TO_LE(f);
	memcpy(&t->first, &f, 4);
}

/* The bits b of a read token t in the word lists: what the tokens hold
 * of them, and the participants' names. */
static inline void
tok_put_bits(const struct names_part *part, struct toks *tk, struct tok *t,
    const struct tread *r, unsigned b)
{
	if (b == 0) {		/* most tokens: in no list */
		t->lists = 0;
		t->first = t->sur = t->stop = t->notname = false;
	} else {
		if ((b & L_RELATIVE) && tk->nrel++ < TOKS_REL)
			tk->rel[tk->nrel - 1] = (size_t)(t - tk->v);
		t->lists = b & 0xFFFFu;
		put_wflags(t, b);
	}
	t->part = part != NULL &&
	    wtab_get_in(&part->tab, t->asc, t->alen, r->h, true);
	t->unk = -1;
	t->uat = -1;
}

/* Whether a token of afold length alen with the a-z letters m may hold
 * a scan word (all of one's letters): most tokens have none of
 * need_any's letters. */
static inline bool
scan_may(const struct names_data *nd, uint32_t m, size_t alen)
{
	return (m & nd->need_any) && alen >= 3 &&
	    (nd->needt[0][m & 0x1FFu] & nd->needt[1][(m >> 9) & 0x1FFu] &
	    nd->needt[2][(m >> 18) & 0x1FFu]);
}

/* What a read token t is: its bits in the word lists and the
 * participants' names, the scan words in it (the first nsw). adj: the
 * afold offset of norm offset t->b less t->b (the token's afold ends
 * there, so it starts at adj + t->b - t->alen). */
static inline void
tok_classify(const struct names_data *nd, const struct names_part *part,
    struct toks *tk, struct tok *t, const struct tread *r, size_t adj,
    size_t nsw)
{
	uint32_t m = r->m;
	unsigned b = words_get_in(nd, t->asc, t->alen, r->h, true);

	tok_put_bits(part, tk, t, r, b);
	if (G_UNLIKELY(nsw > 0 && scan_may(nd, m, t->alen)))
		scan_token(nd, tk, t->asc, t->alen, adj + t->b - t->alen, m,
		    nsw);
}

/*
 * Most tokens are short (at most seven bytes) and a text repeats them:
 * what the readers make of such a token (its afold form, list bits,
 * letters, case) comes from a cache of this thread's last tokens, by
 * their bytes as one number, not from the readers, the hash, the words
 * filter and the table each time. A run of letters ends at the first
 * ASCII non-letter, found eight bytes at a time; the readers make of
 * such a run (when it is one token) the same whatever stands around it
 * (nametok_test checks the cached tokens against the reference). The
 * cache holds what names_data says, so it is emptied when the
 * tokenizer is given another one (names_data.serial). File names
 * (camel) split runs at their humps: not cached.
 */
#define WCACHE_BITS	11
/* What few cached tokens need (one test for both on a hit): */
#define WC_REL		1	/* a relative word (L_RELATIVE) */
#define WC_SCAN1	2	/* scan word 0 in it (scan_may), word k: << k */
/* A token from lists to part as the tokens hold it, in one copy (part
 * set after it, unk -1). */
struct tok_image {
	unsigned	 lists;
	bool		 cap, allcaps, ascii, first, sur, stop, notname, part;
};
G_STATIC_ASSERT(offsetof(struct tok, cap) == offsetof(struct tok, lists) + 4 &&
    offsetof(struct tok, part) == offsetof(struct tok, lists) + 11 &&
    sizeof(struct tok_image) == 12);
/* A hit sets every field of struct tok (a, b, asc, alen, the image,
 * part, unk and uat): a new field needs its place in the cache entry
 * too. */
G_STATIC_ASSERT(sizeof(struct tok) == 40 &&
    offsetof(struct tok, unk) == offsetof(struct tok, part) + 1 &&
    offsetof(struct tok, uat) == offsetof(struct tok, unk) + 1);
struct wcache_ent {
	uint64_t	 key;	/* the run's bytes, zeros after; 0: empty */
	uint64_t	 afold;	/* its afold form, zeros after (alen < 8) */
	struct tok_image im;
	uint8_t		 alen;
	uint16_t	 rare;	/* WC_* */
	bool		 anycap;	/* cap and not allcaps */
	/* unk and uat of a token from it, in one copy: -1 and names.c's
	 * unknown_at answer for the run (-1 until names_tok_uat) */
	signed char	 unk2[2];
};
/* Runs of 8 to 15 bytes: their bytes and afold form from the ninth on
 * (zeros after; alen < 16). */
struct wcache_long {
	uint64_t	 key1, afold1;
	struct wcache_ent e;
};
#define WCACHE_LBITS	9
struct wcache {
	uint64_t	 serial;	/* names_data.serial of the entries */
	struct wcache_ent e[1u << WCACHE_BITS];
	struct wcache_long l[1u << WCACHE_LBITS];
};
static _Thread_local struct wcache wcache;

static inline struct wcache *
wcache_for(const struct names_data *nd)
{
	struct wcache *wc = &wcache;

	if (G_UNLIKELY(wc->serial != nd->serial)) {
		memset(wc->e, 0, sizeof(wc->e));
		memset(wc->l, 0, sizeof(wc->l));
		wc->serial = nd->serial;
	}
	return wc;
}

/* 0x80 in each byte of the eight at p that is an ASCII non-letter
 * (NUL too), 0 in the others (letters of either case, bytes from
 * 0x80): no carry crosses a byte (each sum stays below 0x100). */
static inline uint64_t
run_stops8(const char *p)
{
	uint64_t le, x, t;

	memcpy(&le, p, 8);
	x = GUINT64_FROM_LE(le);
	t = (x | 0x2020202020202020ull) & 0x7F7F7F7F7F7F7F7Full;
	return ~(((t + 0x1F1F1F1F1F1F1F1Full) &
	    ~(t + 0x0505050505050505ull)) | x) & 0x8080808080808080ull;
}

/* The bytes before the first stop of run_stops8 (8: none). */
static inline size_t
run_len8(uint64_t stop)
{
	return stop != 0 ? (size_t)__builtin_ctzll(stop) >> 3 : 8;
}

/* The run of n bytes at p (n < 8) as one number, zeros after. */
static inline uint64_t
run_key(const char *p, size_t n)
{
	uint64_t le;

	memcpy(&le, p, 8);
	return GUINT64_FROM_LE(le) & ((1ull << (8 * n)) - 1);
}

static inline struct wcache_ent *
wcache_slot(struct wcache *wc, uint64_t key)
{
	return &wc->e[(key * 0x9E3779B97F4A7C15ull) >> (64 - WCACHE_BITS)];
}

/* The scan words (bit k) afold s[0..n) holds: a token that holds none
 * finds none in scan_token (a cached token then skips it), nor one
 * found already. */
static unsigned
scan_holds(const struct names_data *nd, const char *s, size_t n)
{
	unsigned w = 0;

	for (size_t k = 0; k < N_SW; k++)
		if (n >= nd->wlen[k] && memmem(s, n, names_scan_word(k),
		    nd->wlen[k]) != NULL)
			w |= 1u << k;
	return w;
}

/* Whether one of the scan words w (bit k) is among the first nsw and
 * not found yet. */
static bool
scan_wanted(const struct toks *tk, unsigned w, size_t nsw)
{
	for (size_t k = 0; k < nsw; k++)
		if ((w & (1u << k)) && tk->found[k] == SIZE_MAX)
			return true;
	return false;
}

static inline struct wcache_long *
wcache_lslot(struct wcache *wc, uint64_t key, uint64_t key1)
{
	return &wc->l[((key ^ (key1 * 0xFF51AFD7ED558CCDull)) *
	    0x9E3779B97F4A7C15ull) >> (64 - WCACHE_LBITS)];
}

/* Keeps token t (read by the readers from a run of n bytes, key; its
 * a-z letters m) in cache entry c when the run was that one token and
 * its afold form fits in afold (8 bytes) and, when afold1 is not NULL,
 * afold1 (8 more). */
static G_GNUC_NO_INLINE bool
wcache_put(const struct names_data *nd, struct wcache_ent *c, uint64_t key,
    size_t n, const struct tok *t, uint32_t m, uint64_t *afold1)
{
	uint64_t a[2] = { 0, 0 };

	if (t->b != t->a + n || t->alen >= (afold1 != NULL ? 16 : 8))
		return false;

	memcpy(a, t->asc, t->alen);
	c->key = key;
	c->afold = GUINT64_FROM_LE(a[0]);
	if (afold1 != NULL)
		*afold1 = GUINT64_FROM_LE(a[1]);
	memcpy(&c->im, &t->lists, sizeof(c->im));
	c->im.part = false;
	c->alen = (uint8_t)t->alen;
	c->rare = (uint16_t)((scan_may(nd, m, t->alen) ?
	    WC_SCAN1 * scan_holds(nd, t->asc, t->alen) : 0) |
	    (t->lists & L_RELATIVE ? WC_REL : 0));
	c->anycap = t->cap && !t->allcaps;
	c->unk2[0] = -1;
	c->unk2[1] = t->uat;
	return true;
}

/* The a-z letters of afold s[0..n). */
static uint32_t
afold_letters(const struct names_data *nd, const char *s, size_t n)
{
	uint32_t m = 0;

	for (size_t k = 0; k < n; k++)
		m |= nd->lbit[(unsigned char)s[k]];
	return m;
}

/* Token t from cache entry c (the run of n bytes at t->a): its afold
 * form to o, its fields, the scan words; returns where the next token
 * may start. */
static inline __attribute__((always_inline)) size_t
tok_cached(const struct names_data *nd, const struct names_part *part,
    struct toks *tk, const struct wcache_ent *c, const char *s, size_t len,
    size_t n, char *o, struct tok *t, size_t *adj, size_t nsw)
{
	uint64_t le = GUINT64_TO_LE(c->afold);
	size_t e = t->a + n;

	memcpy(o, &le, 8);	/* and the NUL after it */
	t->b = (uint32_t)e;
	t->asc = o;
	t->alen = c->alen;
	memcpy(&t->lists, &c->im, sizeof(c->im));
	memcpy(&t->unk, c->unk2, 2);
	*adj += (size_t)c->alen - n;	/* unsigned: may wrap */
	/* the hash of the whole afold form: a long entry's bytes from the
	 * ninth on are in o, not in c->afold */
	if (part != NULL)
		t->part = wtab_get_in(&part->tab, o, c->alen, c->alen < 8 ?
		    whash_end(WHASH_SEED, c->afold, c->alen) :
		    whash(o, c->alen), true);
	if (G_UNLIKELY(c->rare != 0)) {
		if ((c->rare & WC_REL) && tk->nrel++ < TOKS_REL)
			tk->rel[tk->nrel - 1] = (size_t)(t - tk->v);
		if (nsw > 0 && c->rare >= WC_SCAN1 &&
		    scan_wanted(tk, c->rare / WC_SCAN1, nsw))
			scan_token(nd, tk, o, c->alen, *adj + e - c->alen,
			    afold_letters(nd, o, c->alen), nsw);
	}
	return skip_run(nd, s, len, e);	/* s[e] is a non-letter */
}

/* Letter runs of nt->norm; in file names (camel) also split at CamelCase
 * humps. Each token gets its afold form (in one arena), its hash and its
 * bits in the word lists and the participants' names. With scan, fills
 * tk->found for the first nsw scan words. The fast readers come first:
 * tok_ascii, then tok_two, then tok_slow for the rest. The loop walks
 * the vector with a pointer and keeps any_cap in a local (tk is written
 * at the end): fewer values for the registers. */
void
names_tokenize(const struct names_data *nd, const struct names_part *part,
    const struct ntext *nt, bool camel, size_t nsw, struct toks *tk)
{
	const char *s = nt->norm;
	size_t len = nt->len, i;
	/* The afold offset of norm offset i is i + adj: only characters
	 * outside ASCII change adj (unsigned, it may wrap). */
	size_t adj = 0;
	struct tok *t, *end;
	char *o;
	bool any_cap = false;
	struct wcache *wc = wcache_for(nd);
	struct wcache_ent *c, *hit;
	struct wcache_long *cl;
	uint64_t key = 0, key1 = 0;
	size_t rn = 0;		/* the run's bytes at i (run_len8) */

	toks_begin(tk, len);
	t = tk->v;
	end = tk->v + tk->cap;
	o = tk->arena;
	for (i = skip_gap(nd, s, len, 0); i < len;) {
		struct tread r;

		if (G_UNLIKELY(t == end)) {
			size_t n = tk->cap;

			tk->cap *= 2;
			tk->v = g_renew(struct tok, tk->v, tk->cap);
			t = tk->v + n;
			end = tk->v + tk->cap;
		}
		t->a = i;
		c = NULL;
		cl = NULL;
		hit = NULL;
		if (G_LIKELY(!camel && i + 16 <= len)) {
			rn = run_len8(run_stops8(s + i));
			if (G_LIKELY(rn - 1 < 7u)) {
				key = run_key(s + i, rn);
				c = wcache_slot(wc, key);
				if (G_LIKELY(c->key == key))
					hit = c;
			} else if (rn == 8 && (rn += run_len8(run_stops8(s +
			    i + 8))) < 16) {
				/* a run of 8 to 15 bytes */
				memcpy(&key, s + i, 8);
				key = GUINT64_FROM_LE(key);
				key1 = run_key(s + i + 8, rn - 8);
				cl = wcache_lslot(wc, key, key1);
				if (cl->e.key == key && cl->key1 == key1) {
					uint64_t le = GUINT64_TO_LE(cl->afold1);

					memcpy(o + 8, &le, 8);
					hit = &cl->e;
				}
			}
		}
		if (G_LIKELY(hit != NULL)) {
			i = tok_cached(nd, part, tk, hit, s, len, rn, o, t,
			    &adj, nsw);
			any_cap |= hit->anycap;
			o += t->alen + 1;
			t++;
			continue;
		}
		if (G_UNLIKELY(!tok_ascii(nd, s, len, i, o, t, &r, &any_cap)) &&
		    !tok_two(nd, nt, i, o, t, &r, &any_cap, &adj) &&
		    !tok_slow(nd, s, len, i, camel, o, t, &r, &any_cap,
		    &adj)) {
			skip_char(nd, s, len, &i, &adj);
			i = skip_gap(nd, s, len, i);
			continue;
		}
		tok_classify(nd, part, tk, t, &r, adj, nsw);
		if (c != NULL)
			(void)wcache_put(nd, c, key, rn, t, r.m, NULL);
		else if (cl != NULL) {
			if (wcache_put(nd, &cl->e, key, rn, t, r.m, &cl->afold1))
				cl->key1 = key1;
		}
		o += t->alen + 1;
		t++;
		i = r.j;
	}
	tk->n = (size_t)(t - tk->v);
	tk->any_cap = any_cap;
}

/* names.h. The entry is found by t's bytes as the tokenizer finds it
 * (so only for a token it could have cached: 1 to 15 bytes, 16 bytes
 * of text from t->a); when it holds these bytes (it may hold another
 * run by now), it keeps r. A token that was no whole run (a CamelCase
 * hump) is the same bytes: the answer is theirs all the same. */
void
names_tok_uat(const struct names_data *nd, const struct ntext *nt,
    struct tok *t, bool r)
{
	struct wcache *wc = &wcache;
	struct wcache_ent *c;
	struct wcache_long *cl;
	const char *p = nt->norm + t->a;
	size_t n = t->b - t->a;
	uint64_t key, key1;

	t->uat = r;
	if (wc->serial != nd->serial || n == 0 || n >= 16 ||
	    t->a + 16 > nt->len)
		return;
	if (n < 8) {
		key = run_key(p, n);
		c = wcache_slot(wc, key);
		if (c->key == key)
			c->unk2[1] = r;
		return;
	}
	memcpy(&key, p, 8);
	key = GUINT64_FROM_LE(key);
	key1 = run_key(p + 8, n - 8);
	cl = wcache_lslot(wc, key, key1);
	if (cl->e.key == key && cl->key1 == key1)
		cl->e.unk2[1] = r;
}

/* Gives the buffers back to this thread's tokbuf (or frees them). */
void
names_toks_free(struct toks *tk)
{
	struct tokbuf *b = tokbuf_get();

	if (b->arena == NULL && tk->acap <= TOKBUF_KEEP) {
		b->arena = tk->arena;
		b->acap = tk->acap;
	} else
		g_free(tk->arena);
	if (b->v == NULL && tk->cap * sizeof(struct tok) <= TOKBUF_KEEP) {
		b->v = tk->v;
		b->vcap = tk->cap;
	} else
		g_free(tk->v);
	tk->arena = NULL;
	tk->v = NULL;
}
