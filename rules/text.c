/*
 * text.c: builds the normalised views of one field (detection-spec
 * section 0, steps 4-5), once, for all detectors. Every normalised byte
 * remembers the original byte it came from, so evidence spans map back.
 * Does not undo MIME, iCalendar or HTML encodings: parse/ already did.
 * The afold view (no diacritics) has its own map back to norm.
 * One pass builds norm, fold, afold and both maps in place, in the one
 * allocation returned (sized for norm no longer than the text, which
 * nearly every text fits; else a per-thread scratch that grows and a
 * copy of the exact size). Pure ASCII runs are copied, lower-cased and
 * mapped sixteen bytes at a time (SSE2; eight without it), and
 * 2-byte characters (Latin-1, Latin Extended, Greek, Cyrillic...) come
 * from a table built once by the general code; everything else (NFC of
 * combining runs, Cf removal, digits of all scripts...) takes the
 * general path. What one character becomes is textchar.c's.
 */
#include <stdint.h>
#include <string.h>
#include <glib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text.h"
#include "textchar.h"

#ifdef __SSE2__
/* Bit k: byte k of v is NUL or not ASCII. One signed compare: those
 * are the bytes below 1 (0x80..0xFF are negative). */
static inline unsigned
other16(__m128i v)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v,
	    _mm_set1_epi8(1)));
}
#endif

/* The end of the run of ASCII bytes other than NUL from s[i]: sixteen
 * bytes at a time with SSE2 (a byte is flagged when its top bit is set
 * or it is 0), else eight (a borrow only runs on from a flagged byte). */
static size_t
ascii_end(const char *s, size_t i, size_t len)
{
#ifdef __SSE2__
	while (i + 16 <= len) {
		unsigned m = other16(_mm_loadu_si128((const __m128i *)
		    (const void *)(s + i)));

		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	{
		const uint64_t hi = 0x8080808080808080ull;
		const uint64_t one = 0x0101010101010101ull;

		while (i + 8 <= len) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (((w - one) | w) & hi)
				break;
			i += 8;
		}
	}
	while (i < len && (unsigned char)s[i] - 1u < 0x7Fu)
		i++;
	return i;
}

#ifdef __SSE2__
/* The 16 bytes v with 'A'..'Z' lower-cased: v + (0x80 - 'A') moves
 * 'A'..'Z', and only those, to 0x80..0x99, the 26 lowest signed bytes
 * (one compare where a range takes two and an and). */
static inline __m128i
lower16(__m128i v)
{
	__m128i up = _mm_cmplt_epi8(_mm_add_epi8(v,
	    _mm_set1_epi8((char)(0x80 - 'A'))), _mm_set1_epi8(-128 + 26));

	return _mm_or_si128(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
}
#endif

/* ASCII s[0..n) (no byte >= 0x80) lower-cased into out: sixteen bytes
 * at a time with SSE2, else eight (a byte gets 0x20 when it is >= 'A'
 * and not > 'Z'). */
static void
lower_ascii(char *out, const char *s, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	for (; i + 16 <= n; i += 16)
		_mm_storeu_si128((__m128i *)(void *)(out + i),
		    lower16(_mm_loadu_si128((const __m128i *)(const void *)
		    (s + i))));
#endif
	{
		const uint64_t hi = 0x8080808080808080ull;
		const uint64_t ge_a = 0x3F3F3F3F3F3F3F3Full; /* 0x80 - 'A' */
		const uint64_t gt_z = 0x2525252525252525ull; /* 0x80 - 'Z' - 1 */

		for (; i + 8 <= n; i += 8) {
			uint64_t w, up;

			memcpy(&w, s + i, 8);
			up = (w + ge_a) & ~(w + gt_z) & hi;
			w |= up >> 2;
			memcpy(out + i, &w, 8);
		}
	}
	for (; i < n; i++) {
		unsigned char b = (unsigned char)s[i];

		out[i] = (char)(b | ((unsigned)(b - 'A') < 26u) << 5);
	}
}

/* Can the character at s[j] (j < len) not be a combining mark that the
 * general path would compose with the character before? False when it
 * may be one. */
static inline int
no_mark_at(const char *s, size_t j, size_t len)
{
	unsigned char b = (unsigned char)s[j];
	const struct c2 *e;

	if (b < 0xC2 || b > 0xF4)
		return 1;	/* ASCII or not a valid start: ends a run */
	if (b > 0xDF)
		return 0;	/* 3 or 4 bytes: ask the general path */
	if (j + 1 >= len || (e = c2_at(s + j)) == NULL)
		return 1;	/* invalid: ends a run */
	return !e->comb;
}

/* A growing list of map break points. */
struct bpv {
	struct ntext_bp	*v;
	size_t		 n, cap;
};

/* Kept per thread between calls: buffers for views that outgrow the
 * block they are built in (norm and fold with room for ncap + 1 bytes,
 * afold for acap + 1), the break points of the maps being built, and a
 * freed ntext's block. */
struct scratch {
	char		*norm, *fold, *afold;
	size_t		 ncap, acap;
	struct bpv	 mbp, abp;	/* norm -> orig, afold -> norm */
	struct ntext	*spare;		/* a freed ntext's block, for reuse */
};

/* The views under construction: in the block of the ntext to return
 * (inblock), with room for as many norm bytes as the text has and a few
 * more afold bytes, which nearly every text fits; when a piece would not
 * fit (NFC can make norm longer than the text, afold can be longer than
 * norm) all of it moves to the scratch, which grows, and is copied into
 * a block of the exact size at the end.
 * The maps are break points (struct ntext_bp) in the scratch: a
 * character copied as it is needs none (its bytes map to its start,
 * which the reader finds in the view itself); any other one breaks the
 * map before it (flat: all its bytes map to its start) and after it.
 * So between breaks view offset and target offset differ by a constant,
 * and a text of ASCII and precomposed letters (Swedish prose) breaks
 * norm's map nowhere and afold's twice per letter with a diacritic,
 * instead of writing two 32-bit entries per byte. */
struct build {
	char		*norm, *fold, *afold;
	size_t		 ncap, acap, len, alen;
	int		 inblock;	/* the views are in nt's block */
	struct ntext	*nt;		/* the block */
	struct scratch	*sc;
	size_t		 run_end;	/* the letter run a look-alike was */
	int		 run_latin;	/* last in: its end, has it Latin */
};

/* Scratch of up to SCRATCH_KEEP norm bytes (or break points) is kept
 * for the next call, and a freed ntext block of up to SPARE_KEEP bytes:
 * no malloc, free and page faults per field. */
#define SCRATCH_KEEP	(32 * 1024)
#define SPARE_KEEP	(256 * 1024)

static void
scratch_release(struct scratch *sc)
{
	g_clear_pointer(&sc->norm, g_free);
	g_clear_pointer(&sc->fold, g_free);
	g_clear_pointer(&sc->afold, g_free);
	sc->ncap = sc->acap = 0;
}

static void
bpv_release(struct bpv *v)
{
	g_clear_pointer(&v->v, g_free);
	v->n = v->cap = 0;
}

static void
scratch_free(gpointer p)
{
	struct scratch *sc = p;

	if (sc == NULL)
		return;
	scratch_release(sc);
	bpv_release(&sc->mbp);
	bpv_release(&sc->abp);
	g_free(sc->spare);
	g_free(sc);
}

static GPrivate scratch_key = G_PRIVATE_INIT(scratch_free);

/* This thread's scratch (without buffers the first time). */
static struct scratch *
scratch_get(void)
{
	struct scratch *sc;

	if ((sc = g_private_get(&scratch_key)) == NULL) {
		sc = g_new0(struct scratch, 1);
		g_private_set(&scratch_key, sc);
	}
	return sc;
}

static void
bpv_grow(struct bpv *v)
{
	v->cap = v->cap < 64 ? 64 : 2 * v->cap;
	v->v = g_renew(struct ntext_bp, v->v, v->cap);
}

/* A break at view offset pos: from there on the view maps to dst (all
 * of it when flat, else character by character). A break at the same
 * offset as the last one replaces it (the last one covered nothing). */
static inline void
bp_put(struct bpv *v, size_t pos, size_t dst, int flat)
{
	struct ntext_bp *p;

	if (v->n > 0 && v->v[v->n - 1].pos == (uint32_t)pos)
		v->n--;
	else if (v->n == v->cap)
		bpv_grow(v);
	p = &v->v[v->n++];
	p->pos = (uint32_t)pos;
	p->dst = (uint32_t)dst;
	p->flat = (uint32_t)flat;
}

/* A character that is not a copy: view bytes [pos, end) all map to dst,
 * and from end on the view maps character by character from next (one
 * break when the character left no bytes). */
/* The same on the n break points at v, with room for two more: returns
 * the new count. The hot loop keeps its list in locals with it (its
 * stores to the views, char stores, would make the compiler reload the
 * list's fields from memory at every character). */
static inline size_t
bp_char_n(struct ntext_bp *v, size_t n, size_t pos, size_t end, size_t dst,
    size_t next)
{
	struct ntext_bp *p;

	if (n > 0 && v[n - 1].pos == (uint32_t)pos)
		n--;
	p = &v[n];
	if (end != pos) {
		p->pos = (uint32_t)pos;
		p->dst = (uint32_t)dst;
		p->flat = 1;
		p++;
		n++;
	}
	p->pos = (uint32_t)end;
	p->dst = (uint32_t)next;
	p->flat = 0;
	return n + 1;
}

static inline void
bp_char(struct bpv *v, size_t pos, size_t end, size_t dst, size_t next)
{
	while (v->n + 2 > v->cap)
		bpv_grow(v);
	v->n = bp_char_n(v->v, v->n, pos, end, dst, next);
}

static void
grow_norm(struct scratch *sc, size_t cap)
{
	sc->norm = g_realloc(sc->norm, cap + 1);
	sc->fold = g_realloc(sc->fold, cap + 1);
	sc->ncap = cap;
}

static void
grow_afold(struct scratch *sc, size_t cap)
{
	sc->afold = g_realloc(sc->afold, cap + 1);
	sc->acap = cap;
}

/* Room for n more norm bytes and a more afold bytes, out of line: the
 * views move to the scratch (the first time) and it grows. */
static void
room_grow(struct build *b, size_t n, size_t a)
{
	struct scratch *sc = b->sc;
	size_t ncap = b->ncap < 16 ? 16 : b->ncap;
	size_t acap = b->acap < 16 ? 16 : b->acap;

	while (b->len + n > ncap)
		ncap *= 2;
	while (b->alen + a > acap)
		acap *= 2;
	if (b->inblock) {
		/* The scratch's old contents do not matter. */
		if (sc->ncap < ncap)
			grow_norm(sc, ncap);
		if (sc->acap < acap)
			grow_afold(sc, acap);
		memcpy(sc->norm, b->norm, b->len);
		memcpy(sc->fold, b->fold, b->len);
		memcpy(sc->afold, b->afold, b->alen);
		b->inblock = 0;
	} else {
		if (sc->ncap < ncap)
			grow_norm(sc, ncap);
		if (sc->acap < acap)
			grow_afold(sc, acap);
	}
	b->norm = sc->norm;
	b->fold = sc->fold;
	b->afold = sc->afold;
	b->ncap = sc->ncap;
	b->acap = sc->acap;
}

/* Room for n more norm bytes and a more afold bytes. */
static inline void
room(struct build *b, size_t n, size_t a)
{
	if (b->len + n > b->ncap || b->alen + a > b->acap)
		room_grow(b, n, a);
}

/* ASCII s[from..from+n) (no NUL) as it is: copies, no map breaks. */
static void
put_ascii(struct build *b, const char *s, size_t from, size_t n)
{
	size_t o = b->len, ao = b->alen;

	room(b, n, n);
	memcpy(b->norm + o, s + from, n);
	lower_ascii(b->fold + o, s + from, n);
	memcpy(b->afold + ao, b->fold + o, n);
	b->len += n;
	b->alen += n;
}

#ifdef __SSE2__
/* The 16 ASCII bytes v into all views, of which only the first n (up
 * to 16) count: the rest is overwritten by what follows or lies past the
 * end (room for 16 is made). */
static inline void
put_ascii16(struct build *b, __m128i v, size_t n)
{
	__m128i lo = lower16(v);

	room(b, 16, 16);
	_mm_storeu_si128((__m128i *)(void *)(b->norm + b->len), v);
	_mm_storeu_si128((__m128i *)(void *)(b->fold + b->len), lo);
	_mm_storeu_si128((__m128i *)(void *)(b->afold + b->alen), lo);
	b->len += n;
	b->alen += n;
}
#endif

/* A 2-byte character from original offset from, by its table entry:
 * breaks in the maps only where it is not copied as it is. */
static inline void
put_c2(struct build *b, const struct c2 *e, size_t from)
{
	size_t o = b->len, ao = b->alen;

	if (e->nlen == 0) {
		bp_put(&b->sc->mbp, o, from + 2, 0);
		return;
	}
	room(b, 2, 4);
	/* All the bytes an entry may have; only nlen and alen count. */
	memcpy(b->norm + o, e->norm, 2);
	memcpy(b->fold + o, e->fold, 2);
	memcpy(b->afold + ao, e->afold, 4);
	if (!e->same)
		bp_char(&b->sc->mbp, o, o + e->nlen, from, from + 2);
	if (!e->asame)
		bp_char(&b->sc->abp, ao, ao + e->alen, o, o + e->nlen);
	b->len += e->nlen;
	b->alen += e->alen;
}

/* Whole characters u[0..n) of norm, all from the original bytes
 * [from, next). */
static void
emit(struct build *b, const char *u, size_t n, size_t from, size_t next)
{
	size_t end;

	room(b, n, 2 * n);
	bp_char(&b->sc->mbp, b->len, b->len + n, from, next);
	for (size_t i = 0; i < n; i = end) {
		size_t o = b->len, an;
		char buf[8];

		end = (size_t)(g_utf8_next_char(u + i) - u);
		if (end > n)
			end = n;	/* cannot happen: u is whole characters */
		memcpy(b->norm + o, u + i, end - i);
		text_fold_char(u + i, end - i, b->fold + o);
		an = text_afold_one(u + i, end - i, buf);
		memcpy(b->afold + b->alen, buf, an);
		/* An afold that is one character of the same length maps
		 * like a copy; any other breaks the map. */
		if (an != end - i || (size_t)g_utf8_skip[(unsigned char)
		    buf[0]] != an)
			bp_char(&b->sc->abp, b->alen, b->alen + an, o, end - i + o);
		b->len += end - i;
		b->alen += an;
	}
}

/* Does the code point c belong to a letter run (a word): a letter, a
 * mark, or an invisible character that norm drops? */
static int
in_run(gunichar c)
{
	if (c < 0x80)	/* NUL: dropped */
		return c == 0 || (unsigned)((c | 0x20) - 'a') < 26u;
	return g_unichar_isalpha(c) || g_unichar_ismark(c) ||
	    text_map_char(c) == 0;
}

static int
is_latin(gunichar c)
{
	if (c < 0x80)
		return (unsigned)((c | 0x20) - 'a') < 26u;
	return g_unichar_isalpha(c) &&
	    g_unichar_get_script(c) == G_UNICODE_SCRIPT_LATIN;
}

/* Has the letter run around s[i] (a look-alike letter) Latin letters
 * too, so that the look-alike disguises a Latin word ("m" U+0456
 * "ssbruk")? A run of its own script (a name in Cyrillic) has none. The
 * answer is kept up to the run's end: each run is read once. */
static int
run_has_latin(struct build *b, const char *s, size_t i, size_t len)
{
	const char *p = s + i;
	size_t j = i;
	int latin = 0;

	if (i < b->run_end)
		return b->run_latin;
	while (p > s && !latin) {
		const char *q = g_utf8_find_prev_char(s, p);
		gunichar c;

		if (q == NULL)
			break;
		c = g_utf8_get_char_validated(q, p - q);
		if (c == (gunichar)-1 || c == (gunichar)-2 ||
		    g_utf8_next_char(q) != p || !in_run(c))
			break;		/* invalid bytes end a run too */
		latin = is_latin(c);
		p = q;
	}
	while (j < len) {
		gunichar c = g_utf8_get_char_validated(s + j,
		    (gssize)(len - j));

		if (c == (gunichar)-1 || c == (gunichar)-2 || !in_run(c))
			break;
		latin |= is_latin(c);
		j = (size_t)(g_utf8_next_char(s + j) - s);
	}
	b->run_end = j;
	b->run_latin = latin;
	return latin;
}

/* The Latin letter of the 2-byte table character at p, or 0. */
static inline gunichar
alike_cp(const char *p)
{
	return text_alike_latin((gunichar)((unsigned char)p[0] & 0x1F) << 6 |
	    ((unsigned char)p[1] & 0x3Fu));
}

/* Is s[j..] (j may be len) a 2-byte look-alike letter (which the
 * table marks comb, though it composes with nothing)? */
static inline int
alike_at(const char *s, size_t j, size_t len)
{
	const struct c2 *e;

	return j + 1 < len && (e = c2_at(s + j)) != NULL && e->comb &&
	    alike_cp(s + j) != 0;
}

/* Can the byte u start a 2-byte look-alike letter (U+0380-U+053F)? */
static inline int
alike_lead(char u)
{
	return (unsigned char)u - 0xCEu <= 0xD4u - 0xCEu;
}

/* Most of a Cyrillic or Greek text, quickly: a table character that a
 * look-alike follows (it comes to general() only because the table
 * marks the look-alike), and a look-alike that no combining mark
 * follows: its Latin letter in a Latin word, else the table's entries
 * to the end of the word. Returns the offset after what it took, i when
 * it took nothing. */
static G_GNUC_NO_INLINE size_t
alike_step(struct build *b, const char *s, size_t i, size_t len)
{
	const struct c2 *e;
	gunichar a;

	if (!(alike_lead(s[i]) || (i + 2 < len && alike_lead(s[i + 2]))) ||
	    i + 1 >= len || (e = c2_at(s + i)) == NULL ||
	    !(i + 2 == len || no_mark_at(s, i + 2, len) ||
	    alike_at(s, i + 2, len)))
		return i;
	if (e->comb) {
		if ((a = alike_cp(s + i)) == 0)
			return i;	/* a combining mark */
		if (run_has_latin(b, s, i, len)) {
			char l = (char)a;

			emit(b, &l, 1, i, i + 2);
			return i + 2;
		}
	}
	/* The table's entries, in a word of its own script up to its
	 * end but for a combining mark. */
	do {
		put_c2(b, e, i);
		i += 2;
	} while (i < b->run_end && !b->run_latin && i + 1 < len &&
	    (e = c2_at(s + i)) != NULL &&
	    (!e->comb || alike_cp(s + i) != 0) &&
	    (i + 2 == len || no_mark_at(s, i + 2, len) ||
	    alike_at(s, i + 2, len)));
	return i;
}

/* The general path for the character at s[i]: invalid bytes dropped,
 * a base with combining marks composed (NFC), the rest by text_map_char(),
 * a Cyrillic or Greek look-alike in a Latin word to its Latin letter.
 * Returns the offset after what it consumed. */
static size_t
general(struct build *b, const char *s, size_t i, size_t len)
{
	gunichar c, a;
	size_t clen, j;
	char buf[8];
	int n;

	if ((j = alike_step(b, s, i, len)) != i)
		return j;
	c = g_utf8_get_char_validated(s + i, (gssize)(len - i));
	if (c == (gunichar)-1 || c == (gunichar)-2) {
		bp_put(&b->sc->mbp, b->len, i + 1, 0);
		return i + 1;		/* invalid byte: skip it */
	}
	clen = (size_t)(g_utf8_next_char(s + i) - (s + i));
	/* A base followed by combining marks: compose the run (NFC), so
	 * "a" + U+030A becomes "å". */
	j = i + clen;
	while (j < len && (unsigned char)s[j] >= 0x80) {
		gunichar m = g_utf8_get_char_validated(s + j,
		    (gssize)(len - j));

		if (m == (gunichar)-1 || m == (gunichar)-2 ||
		    g_unichar_combining_class(m) == 0)
			break;
		j = (size_t)(g_utf8_next_char(s + j) - s);
	}
	if (j > i + clen) {
		char *nfc = g_utf8_normalize(s + i, (gssize)(j - i),
		    G_NORMALIZE_NFC);

		if (nfc != NULL) {
			emit(b, nfc, strlen(nfc), i, j);
			g_free(nfc);
		} else
			bp_put(&b->sc->mbp, b->len, j, 0);
		return j;
	}
	c = text_map_char(c);
	if (c >= 0x370 && c < 0x530 && (a = text_alike_latin(c)) != 0 &&
	    run_has_latin(b, s, i, len))
		c = a;		/* a look-alike in a Latin word */
	if (c == 0)
		bp_put(&b->sc->mbp, b->len, i + clen, 0);
	else if (c < 0x80 && clen == 1 && (unsigned char)s[i] == c) {
		room(b, 1, 1);	/* an ASCII byte as it is: a copy */
		b->norm[b->len] = (char)c;
		text_fold_char(b->norm + b->len, 1, b->fold + b->len);
		b->afold[b->alen++] = b->fold[b->len];
		b->len++;
	} else {
		n = g_unichar_to_utf8(c, buf);
		emit(b, buf, (size_t)n, i, i + clen);
	}
	return i + clen;
}

/* A block of at least bytes bytes: this thread's spare one when it is
 * large enough. */
static struct ntext *
block_get(struct scratch *sc, size_t bytes)
{
	struct ntext *nt;

	if (sc->spare != NULL && sc->spare->bytes >= bytes) {
		nt = sc->spare;
		sc->spare = NULL;
	} else {
		nt = g_malloc(bytes);
		nt->bytes = bytes;
	}
	return nt;
}

/* Lays out in nt's block room for mcap and acap break points, norm and
 * fold of ncap + 1 bytes and afold of acap + 1; returns the size it
 * takes. With nt NULL only the size. */
static size_t
block_layout(struct ntext *nt, size_t ncap, size_t acap, size_t mbps,
    size_t abps)
{
	size_t mapsz = mbps * sizeof(struct ntext_bp);
	size_t amapsz = abps * sizeof(struct ntext_bp);
	char *p;

	if (nt != NULL) {
		p = (char *)(nt + 1);
		nt->map = (struct ntext_bp *)(void *)p;
		p += mapsz;
		nt->amap = (struct ntext_bp *)(void *)p;
		p += amapsz;
		nt->norm = p;
		p += ncap + 1;
		nt->fold = p;
		p += ncap + 1;
		nt->afold = p;
		nt->nmap = nt->namap = 0;
	}
	return sizeof(struct ntext) + mapsz + amapsz + 2 * (ncap + 1) +
	    acap + 1;
}

/* Keeps the block nt for this thread's next ntext when it is the
 * larger one and not too large; frees it otherwise. */
static void
spare_keep(struct scratch *sc, struct ntext *nt)
{
	if (nt->bytes <= SPARE_KEEP && (sc->spare == NULL ||
	    sc->spare->bytes < nt->bytes)) {
		g_free(sc->spare);
		sc->spare = nt;
	} else
		g_free(nt);
}

/* The views of pure ASCII s[0..len): copies, maps identity. */
static struct ntext *
new_ascii(struct scratch *sc, const char *s, size_t len)
{
	struct ntext *nt = block_get(sc, block_layout(NULL, len, len, 0, 0));

	(void)block_layout(nt, len, len, 0, 0);
	memcpy(nt->norm, s, len);
	lower_ascii(nt->fold, s, len);
	memcpy(nt->afold, nt->fold, len);
	nt->len = nt->alen = len;
	return nt;
}

/* Break points the block of a text of len bytes has room for: a break
 * of norm's map every 32 bytes, of afold's every 8 (two per letter with
 * a diacritic in prose), which nearly every text stays under. */
#define MBPS(len)	((len) / 32 + 8)
#define ABPS(len)	((len) / 8 + 8)

/* Starts b on a new block for a text of len bytes: built in place,
 * with room for len norm bytes and a few more afold bytes, and 16 more
 * of each for whole vectors. */
static struct ntext *
build_begin(struct build *b, struct scratch *sc, size_t len)
{
	size_t acap = len + 32;
	struct ntext *nt = block_get(sc, block_layout(NULL, len + 16, acap,
	    MBPS(len), ABPS(len)));

	(void)block_layout(nt, len + 16, acap, MBPS(len), ABPS(len));
	memset(b, 0, sizeof(*b));
	b->norm = nt->norm;
	b->fold = nt->fold;
	b->afold = nt->afold;
	b->ncap = len + 16;
	b->acap = acap;
	b->inblock = 1;
	b->nt = nt;
	b->sc = sc;
	sc->mbp.n = sc->abp.n = 0;
	return nt;
}

#ifdef __SSE2__
/* The hot loop for prose: sixteen bytes at a time, ASCII up to the
 * first other byte and then, when that is a table character that is no
 * combining mark and no mark follows, the character too; with the
 * offsets in registers. Stops where it meets anything else (the careful
 * loop below takes that step) or room for a step may run short; returns
 * the offset it stopped at. A step writes at most 16 + 2 norm bytes
 * and 16 + 4 afold bytes. */
static size_t
build_fast(struct build *b, const char *s, size_t i, size_t len)
{
	char *norm = b->norm, *fold = b->fold, *afold = b->afold;
	size_t o = b->len, ao = b->alen;
	const size_t nend = b->ncap, aend = b->acap;
	struct bpv *mb = &b->sc->mbp, *ab = &b->sc->abp;
	/* afold's break points (two per letter with a diacritic) */
	struct ntext_bp *av = ab->v;
	size_t an = ab->n, acap = ab->cap;
	size_t last;

	/* The last i a step may start at: s[i + 18] is read, norm must
	 * have room for 18 bytes more, afold for 20. A step consumes as
	 * many text bytes as it writes norm bytes or more, and as many as
	 * afold bytes but for a character whose afold is longer than 2
	 * (taken off last there). */
	if (len < 19 || nend < o + 18 || aend < ao + 20)
		return i;
	last = MIN(len - 19, i + MIN(nend - 18 - o, aend - 20 - ao));
	while (i <= last) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		__m128i lo = lower16(v);
		unsigned m = other16(v);
		const struct c2 *e;
		size_t r, c;

		/* Only the bytes before the first other one count; the
		 * rest is overwritten by what follows. */
		_mm_storeu_si128((__m128i *)(void *)(norm + o), v);
		_mm_storeu_si128((__m128i *)(void *)(fold + o), lo);
		_mm_storeu_si128((__m128i *)(void *)(afold + ao), lo);
		if (m == 0) {
			/* The last one waits when a mark may follow it. */
			size_t n = 16 - ((unsigned char)s[i + 16] >= 0xC2);

			i += n;
			o += n;
			ao += n;
			continue;
		}
		r = (size_t)__builtin_ctz(m);
		c = i + r;	/* c + 2 < len: the step reads s[c + 2] */
		/* No mark follows when the byte after it is in v and its
		 * bit in m is clear: ASCII, not NUL (marks never are). */
		if ((e = c2_at(s + c)) == NULL || e->comb ||
		    !((r < 14 && (m >> (r + 2) & 1) == 0) ||
		    no_mark_at(s, c + 2, len))) {
			/* Not ours: the ASCII before it goes, and the
			 * careful loop takes the rest. */
			if ((unsigned char)s[c] >= 0xC2 && r > 0) {
				i = c - 1;	/* a mark may compose with it */
				o += r - 1;
				ao += r - 1;
			} else {
				i = c;
				o += r;
				ao += r;
			}
			break;
		}
		o += r;
		ao += r;
		i = c + 2;
		if (e->folds) {
			/* the common case (a letter of the text's language
			 * with a diacritic): one test instead of four */
			memcpy(norm + o, e->norm, 2);
			memcpy(fold + o, e->fold, 2);
			memcpy(afold + ao, e->afold, 2);
			if (an + 2 > acap) {
				ab->n = an;
				bpv_grow(ab);
				av = ab->v;
				acap = ab->cap;
			}
			an = bp_char_n(av, an, ao, ao + e->alen, o, o + 2);
			o += 2;
			ao += e->alen;
			continue;
		}
		if (e->nlen == 0) {
			bp_put(mb, o, i, 0);
			continue;
		}
		memcpy(norm + o, e->norm, 2);
		memcpy(fold + o, e->fold, 2);
		memcpy(afold + ao, e->afold, 4);
		if (!e->same)
			bp_char(mb, o, o + e->nlen, c, i);
		if (!e->asame) {
			if (an + 2 > acap) {
				ab->n = an;
				bpv_grow(ab);
				av = ab->v;
				acap = ab->cap;
			}
			an = bp_char_n(av, an, ao, ao + e->alen, o,
			    o + e->nlen);
		}
		o += e->nlen;
		ao += e->alen;
		if (e->alen > 2) {
			if (last < e->alen - 2u)
				break;
			last -= e->alen - 2u;
		}
	}
	ab->n = an;
	b->len = o;
	b->alen = ao;
	return i;
}
#endif

/* Every character of s[0..len) into b: the hot loop while it goes,
 * then one careful step: ASCII runs (sixteen bytes at a time) and table
 * characters at once, the rest by general(). A last ASCII byte or
 * 2-byte character that a combining mark follows goes the general way,
 * which composes them. */
static void
build_all(struct build *b, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c;
		const struct c2 *e;

#ifdef __SSE2__
		if ((i = build_fast(b, s, i, len)) >= len)
			break;
		/* Sixteen bytes: the ASCII ones (not NUL) up to the first
		 * other byte all go at once, but for a last one that a
		 * combining mark may follow. */
		if (i + 16 <= len) {
			__m128i v = _mm_loadu_si128((const __m128i *)
			    (const void *)(s + i));
			unsigned m = other16(v);
			size_t r = m != 0 ? (size_t)__builtin_ctz(m) : 16;

			if (r > 0 && i + r < len && !no_mark_at(s, i + r, len))
				r--;
			if (r > 0) {
				put_ascii16(b, v, r);
				i += r;
				continue;
			}
		}
#endif
		c = (unsigned char)s[i];
		if (c - 1u < 0x7Fu) {
			/* A run of ASCII bytes other than NUL maps to itself,
			 * all but a last one that a combining mark (never
			 * ASCII) may follow. */
			size_t j = ascii_end(s, i, len);

			if (j < len && !no_mark_at(s, j, len))
				j--;
			if (j > i) {
				put_ascii(b, s, i, j - i);
				i = j;
				continue;
			}
		} else if (i + 1 < len && (e = c2_at(s + i)) != NULL &&
		    !e->comb && (i + 2 == len || no_mark_at(s, i + 2, len))) {
			put_c2(b, e, i);
			i += 2;
			continue;
		}
		i = general(b, s, i, len);
	}
}

/* The ntext of a finished build b of a text of len bytes: nt itself
 * when the views stayed in its block and the break points fit its room
 * for them, else a block of the exact size with everything copied. */
static struct ntext *
build_end(struct build *b, struct scratch *sc, struct ntext *nt, size_t len)
{
	const struct bpv *mb = &sc->mbp, *ab = &sc->abp;
	struct ntext *old = nt;

	if (!b->inblock || mb->n > MBPS(len) || ab->n > ABPS(len)) {
		nt = block_get(sc, block_layout(NULL, b->len, b->alen, mb->n,
		    ab->n));
		(void)block_layout(nt, b->len, b->alen, mb->n, ab->n);
		memcpy(nt->norm, b->norm, b->len);
		memcpy(nt->fold, b->fold, b->len);
		memcpy(nt->afold, b->afold, b->alen);
		spare_keep(sc, old);	/* after the copy: b may be in it */
	}
	if (mb->n > 0)
		memcpy(nt->map, mb->v, mb->n * sizeof(struct ntext_bp));
	if (ab->n > 0)
		memcpy(nt->amap, ab->v, ab->n * sizeof(struct ntext_bp));
	nt->nmap = mb->n;
	nt->namap = ab->n;
	nt->len = b->len;
	nt->alen = b->alen;
	if (sc->ncap > SCRATCH_KEEP || sc->acap > 2 * SCRATCH_KEEP)
		scratch_release(sc);
	if (mb->cap > SCRATCH_KEEP)
		bpv_release(&sc->mbp);
	if (ab->cap > SCRATCH_KEEP)
		bpv_release(&sc->abp);
	return nt;
}

/* Builds the views of s[0..len), which must be valid UTF-8 (invalid
 * bytes are dropped). The caller frees with ntext_free(). */
struct ntext *
ntext_new(const char *s, size_t len)
{
	struct ntext *nt;
	struct scratch *sc;
	struct build b;

	if (s == NULL || len > NTEXT_MAX)
		return NULL;
	text_c2tab_init();
	sc = scratch_get();
	if (ascii_end(s, 0, len) == len)	/* pure ASCII: maps identity */
		nt = new_ascii(sc, s, len);
	else {
		nt = build_begin(&b, sc, len);
		build_all(&b, s, len);
		nt = build_end(&b, sc, nt, len);
	}
	nt->norm[nt->len] = nt->fold[nt->len] = nt->afold[nt->alen] = '\0';
	nt->orig = s;
	nt->orig_len = len;
	return nt;
}

/* Keeps the block for this thread's next ntext when it is the larger
 * one and not too large. */
void
ntext_free(struct ntext *nt)
{
	if (nt == NULL)
		return;
	spare_keep(scratch_get(), nt);
}

/* A reader of a map of break points v[0..n) over view: r breaks lie at
 * or before the offset last asked for. Offsets asked for one after the
 * other only grow, so after the first (a binary search) the breaks are
 * walked forward, a few at a time. */
struct bpcur {
	const struct ntext_bp	*v;
	size_t			 n, r;
	const char		*view;
};

static void
cur_init(struct bpcur *c, const struct ntext_bp *v, size_t n,
    const char *view, size_t i)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].pos <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	c->v = v;
	c->n = n;
	c->r = lo;
	c->view = view;
}

/* What the map gives for view offset i (not below the last one asked
 * for): the last break at or before i says flat (its dst) or character
 * by character (dst plus the distance of i's character start from it:
 * the view has whole characters, so the start is i less its
 * continuation bytes). Before the first break the map is the identity. */
static size_t
cur_at(struct bpcur *c, size_t i)
{
	size_t pos = 0, dst = 0;

	while (c->r < c->n && c->v[c->r].pos <= i)
		c->r++;
	if (c->r > 0) {
		const struct ntext_bp *p = &c->v[c->r - 1];

		pos = p->pos;
		dst = p->dst;
		if (p->flat)
			return dst;
	}
	while (i > pos && ((unsigned char)c->view[i] & 0xC0) == 0x80)
		i--;
	return dst + (i - pos);
}

/* A reader of nt's norm map or afold map, at offset i. */
static size_t
map_cur(struct bpcur *c, const struct ntext *nt, size_t i)
{
	cur_init(c, nt->map, nt->nmap, nt->norm, i);
	return cur_at(c, i);
}

static size_t
amap_cur(struct bpcur *c, const struct ntext *nt, size_t a)
{
	cur_init(c, nt->amap, nt->namap, nt->afold, a);
	return cur_at(c, a);
}

size_t
ntext_orig(const struct ntext *nt, size_t i)
{
	struct bpcur c;

	return map_cur(&c, nt, i > nt->len ? nt->len : i);
}

size_t
ntext_anorm(const struct ntext *nt, size_t a)
{
	struct bpcur c;

	return amap_cur(&c, nt, a > nt->alen ? nt->alen : a);
}

/* Maps the normalised span [a, b) to the original text. */
void
ntext_span(const struct ntext *nt, size_t a, size_t b, size_t *oa, size_t *ob)
{
	struct bpcur c;

	if (a > nt->len)
		a = nt->len;
	if (b > nt->len)
		b = nt->len;
	*oa = map_cur(&c, nt, a);
	/* The end is the start of the first original byte not covered. */
	if (b == 0)
		*ob = map_cur(&c, nt, 0);
	else {
		size_t k = b, last = map_cur(&c, nt, b - 1), at;

		while ((at = cur_at(&c, k)) == last && k < nt->len)
			k++;
		*ob = at;
	}
}

/* Maps the afold span [a, b) to norm: from the start of the character
 * that gave byte a to the end of the one that gave byte b - 1. */
void
ntext_aspan(const struct ntext *nt, size_t a, size_t b, size_t *na,
    size_t *nb)
{
	struct bpcur c;

	if (a > nt->alen)
		a = nt->alen;
	if (b > nt->alen)
		b = nt->alen;
	if (b < a)
		b = a;
	*na = amap_cur(&c, nt, a);
	if (b == a)
		*nb = *na;
	else {
		size_t k = b, last = amap_cur(&c, nt, b - 1), at;

		while ((at = cur_at(&c, k)) == last && k < nt->alen)
			k++;
		*nb = at;
	}
}
