/*
 * names.c: probable client names (detection-spec section 3), the weakest
 * detector: a first name followed by a surname, "Surname, Firstname", a
 * case word before a first name ("SIP för Alice", "Pappan Yusuf"),
 * "familjen Sjöberg", a first name with an age, school year or birth
 * year, a genitive ("Idas mamma"), a surname in a file name. Lists and
 * words are compared without case and diacritics (ntext afold), so
 * "Goran Ostlund" is "Göran Östlund". Never in ORGANIZER or ATTENDEE
 * names, nor for the participants' own names, a signature, a contact
 * person or a name before a job title. Evidence is initials only.
 */
#include <stdint.h>
#include <stdio.h>
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
	uint8_t		 alen;	/* bytes of its afold form in a */
	char		 a[4];
};

#define WFILTER_BITS	(1u << 14)

struct names_data {
	GHashTable	*first, *sur, *stop;	/* afold (lower, no diacritics) sets */
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
	struct cp2	 cp2[0x800];	/* by code point; below 0x80 unused */
	/* By byte: the a-z bit of a lower-case ASCII letter, 0 for any
	 * other byte; and whether it is an ASCII byte that is no letter. */
	uint32_t	 lbit[256];
	uint8_t		 nonl[256];
};

/* The participants' name words of one invitation (afold), built once
 * per invitation when the caller keeps a struct detcache. */
struct names_part {
	struct wtab	 tab;
};

struct tok {
	size_t	 a, b;		/* span in norm */
	const char *asc;	/* afold: lower case without diacritics,
				   NUL-terminated (in the arena of tokenize) */
	size_t	 alen;		/* strlen(asc) */
	unsigned lists;		/* L_* of the word lists below it is in */
	bool	 cap, allcaps;
	bool	 ascii;		/* no letter outside ASCII (lower case of
				   norm is then plain ASCII) */
	/* looked up once per token (tokenize) */
	bool	 first, sur, stop, part;
};

/* Word lists compare afold forms, so they are written without
 * diacritics: "gallande" is "gällande", "for" is "för". */
static const char *const triggers[] = { "ang", "angaende", "gallande",
	"rorande", "avseende", "om", "kring", "for", "med", "m", "hos", "till",
	"re", "regarding", "about", "with", "sip", NULL };
/* Meeting words of a case (spec section 3) and words for the client or
 * a relative: "Hembesök Ahmed", "Pappan Yusuf". */
static const char *const case_words[] = { "vardplanering", "uppfoljning",
	"avstamning", "hembesok", "besok", "inskrivning", "utskrivning",
	"overrapportering", "elevhalsomote", "ehm", "natverksmote", "samtal",
	"mote", "arende", "samordnad", "mamma", "mamman", "pappa", "pappan",
	"barnet", "eleven", "klienten", "brukaren", "patienten", "pat",
	"vardnadshavare", "vardnadshavaren", "sonen", "dottern", "brodern",
	"systern", "mormor", "morfar", "farmor", "farfar", "pojken", "flickan",
	"client", "patient", "pupil", "mother", "father", "follow", "meeting",
	"son", "daughter", "child", "boy", "girl", "brother", "sister", NULL };
static const char *const family[] = { "familjen", "fam", "family", NULL };
static const char *const place[] = { "rum", "sal", "konferensrum", "lokal",
	"i", "pa", "in", "at", "motesrum", "room", NULL };
static const char *const staff[] = { "avtackning", "pension", "grattis",
	"nyanstalld", "introduktion", NULL };
static const char *const units[] = { "enheten", "teamet", "boendet",
	"garden", "skolan", NULL };
/* A name right after these, or right before a job title, is staff:
 * "Kontakta Anna Svensson vid frågor", "Anna Svensson, kurator". */
static const char *const staff_before[] = { "kontakta", "kontaktperson",
	"contact", "ansvarig", "moderator", "talare", "foredragare", "speaker",
	"host", "organizer", "arrangor", NULL };
static const char *const titles[] = { "handlaggare", "sekreterare",
	"samordnare", "chef", "kurator", "psykolog", "skoterska", "rektor",
	"larare", "assistent", "koordinator", "konsulent", "terapeut",
	"pedagog", "radgivare", "specialist", "lakare", "ombud", "manager",
	"coordinator", "officer", "worker", NULL };
/* Closers of a letter: the names after them are the signature. */
static const char *const closers[] = { "mvh", "halsningar", "halsning",
	"regards", NULL };
G_STATIC_ASSERT(G_N_ELEMENTS(staff) == SW_CLOSER - SW_STAFF + 1);
G_STATIC_ASSERT(G_N_ELEMENTS(closers) == SW_VALK - SW_CLOSER + 1);

static const char *
scan_word(size_t k)
{
	if (k < SW_CLOSER)
		return staff[k - SW_STAFF];
	if (k < SW_VALK)
		return closers[k - SW_CLOSER];
	return "valkommen";
}

/* Surname particles: "Mohammed al-Hassan", "Ali Abu Bakr", "Anna von
 * Essen"; the name after the particle decides. */
static const char *const particles[] = { "al", "el", "abu", "bin", "ibn",
	"von", "van", "de", "da", "di", "del", "della", "dos", "af", NULL };

/* Month names and abbreviations: "Jan" next to one is a month. */
static const char *const months[] = { "jan", "feb", "mar", "apr", "maj",
	"may", "jun", "jul", "aug", "sep", "sept", "okt", "oct", "nov", "dec",
	"januari", "februari", "mars", "april", "juni", "juli", "augusti",
	"september", "oktober", "november", "december", "january", "february",
	"march", "june", "july", "august", "october", NULL };

/* A name before these is a place named after a person: "Per Albin
 * Hanssons väg", "Astrid Lindgrens värld", Fredriksberg_skola.pdf. */
static const char *const place_next[] = { "skola", "skolan", "forskola",
	"forskolan", "boende", "boendet", "gard", "garden", "vardcentral",
	"centrum", "kyrka", "torg", "torget", "park", "parken", "hus", "huset",
	"omrade", "vag", "vagen", "gata", "gatan", "grand", "plats", "platsen",
	"alle", "varld", "stiftelse", "stiftelsen", "sjukhus", "sjukhuset",
	"institut", "institutet", "pris", "priset", "teater", "teatern",
	"museum", "museet", "hall", "hallen", "skolor", "gymnasium", NULL };

/* A genitive before these is a room or a group, not a client. */
static const char *const rooms[] = { "rum", "kontor", "tjansterum", "team",
	"grupp", "enhet", "avdelning", "plats", "lokal", NULL };
/* Membership of a token in the small word lists above, found with one
 * lookup per token instead of a string compare per list entry. */
enum {
	L_TRIGGER = 1 << 0, L_CASE = 1 << 1, L_FAMILY = 1 << 2,
	L_PLACE = 1 << 3, L_STAFF_BEFORE = 1 << 4, L_TITLE = 1 << 5,
	L_PARTICLE = 1 << 6, L_MONTH = 1 << 7, L_PLACE_NEXT = 1 << 8,
	L_ROOM = 1 << 9
};
static const struct {
	const char *const	*words;
	unsigned		 bit;
} word_lists[] = {
	{ triggers, L_TRIGGER }, { case_words, L_CASE }, { family, L_FAMILY },
	{ place, L_PLACE }, { staff_before, L_STAFF_BEFORE },
	{ titles, L_TITLE }, { particles, L_PARTICLE }, { months, L_MONTH },
	{ place_next, L_PLACE_NEXT }, { rooms, L_ROOM },
};
/* And the three name lists (the config's): one lookup per token. */
enum { W_FIRST = 1 << 16, W_SUR = 1 << 17, W_STOP = 1 << 18 };

/* Surname endings (spec section 3), on the afold form. */
static const char *const morph_strong[] = { "sson", "berg", "strom",
	"lund", "gren", "qvist", "kvist", "holm", "dahl", "stedt", "borg",
	"nen", "ovic", "evic", "ski", "ska", "wicz", NULL };
static const char *const morph_weak[] = { "son", "lin", "ell", "blad",
	"mark", NULL };
/* Endings that need their diacritic (-ic, -la alone are ordinary
 * English and Swedish endings), on the lower-case form. */
static const char *const morph_dia[] = { "ić", "lä", NULL };
/* In file names only the endings that ordinary words and town names do
 * not share (Engelska.pdf, Göteborg.pdf). */
static const char *const morph_file[] = { "sson", "berg", "strom", "lund",
	"gren", "qvist", "kvist", "holm", "dahl", "stedt", "nen", "ovic",
	"evic", "wicz", NULL };


/* The name ending at token k is part of a place's name: a place word
 * follows, right after it or after one more capitalised word ("Per
 * Albin Hanssons väg"). */
static bool
before_place(const struct tok *toks, size_t ntok, size_t k)
{
	for (size_t j = k + 1; j < ntok && j <= k + 2; j++) {
		const struct tok *t = &toks[j];

		if (t->lists & L_PLACE_NEXT)
			return true;
		if (!t->cap)
			break;
	}
	return false;
}

/* Whether w[0..n) (whole UTF-8 characters) ends in one of l and has
 * at least minlen characters. */
static bool
ends_in_n(const char *w, size_t n, const char *const *l, size_t minlen)
{
	if (n < minlen)		/* fewer bytes, so fewer characters */
		return false;
	for (; *l; l++) {
		size_t k = strlen(*l);

		if (n > k && memcmp(w + n - k, *l, k) == 0)
			return g_utf8_strlen(w, (gssize)n) >= (glong)minlen;
	}
	return false;
}

static bool
ends_in(const char *w, const char *const *l, size_t minlen)
{
	return ends_in_n(w, strlen(w), l, minlen);
}

/* The word hash of the tables: the bytes in steps of eight, each step
 * a little-endian number (the first byte lowest, zeros after the last
 * byte), then the length. The tokenizer computes it while it writes a
 * token (struct wput); whash() is the same over a string. */
#define WHASH_SEED	0x9E3779B97F4A7C15ull

static inline uint64_t
whash_step(uint64_t h, uint64_t x)
{
	h = (h ^ x) * 0xFF51AFD7ED558CCDull;
	return h ^ (h >> 32);
}

static inline uint32_t
whash_fin(uint64_t h, size_t n)
{
	h = (h ^ n) * WHASH_SEED;
	return (uint32_t)(h ^ (h >> 29));
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

/* Appends e's afold bytes to o at *q, and their a-z bits to *m. */
static inline void
put_afold2(const struct names_data *nd, const struct cp2 *e, char *o,
    size_t *q, uint32_t *m)
{
	for (size_t k = 0; k < e->alen; k++) {
		o[(*q)++] = e->a[k];
		*m |= nd->lbit[(unsigned char)e->a[k]];
	}
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
	if (sh != 0)
		h = whash_step(h, x);
	return whash_fin(h, n);
}

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
		w->h = whash_step(w->h, w->x);
	}
	*w->o = '\0';
	*n = (size_t)(w->o - start);
	return whash_fin(w->h, *n);
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

/* The bits of s[0..n) (hash h = whash(s, n)), 0 when it is no key. */
static inline unsigned
wtab_get(const struct wtab *w, const char *s, size_t n, uint32_t h)
{
	if (w->n == 0)
		return 0;
	for (uint32_t i = h & w->mask;; i = (i + 1) & w->mask) {
		const struct wslot *e = &w->slot[i];

		if (e->len == 0)
			return 0;
		if (e->hash == h && e->len == n &&
		    key_eq(w->keys + e->off, s, n))
			return e->bits;
	}
}

/* wtab_get on the words of the lists, with the filter first. */
static inline unsigned
words_get(const struct names_data *nd, const char *s, size_t n, uint32_t h)
{
	uint32_t f = h >> 18;

	if (!(nd->filter[f >> 3] & (1u << (f & 7))))
		return 0;
	return wtab_get(&nd->words, s, n, h);
}

unsigned
names_word_bits(const struct names_data *nd, const char *s, size_t n)
{
	return words_get(nd, s, n, whash(s, n));
}

static void
wtab_put(struct wslot *slot, uint32_t mask, const struct wslot *e)
{
	uint32_t i = e->hash & mask;

	while (slot[i].len != 0)
		i = (i + 1) & mask;
	slot[i] = *e;
}

/* Adds s[0..n) with bits (or's them into an existing key's). Empty keys
 * are left out: no token is empty. */
static void
wtab_add(struct wtab *w, const char *s, size_t n, unsigned bits)
{
	uint32_t h = whash(s, n), i;
	struct wslot e;

	if (n == 0 || n > UINT32_MAX)
		return;
	if (w->slot == NULL || (w->n + 1) * 2 > w->mask + 1) {
		uint32_t size = w->slot ? (w->mask + 1) * 2 : 16;
		struct wslot *ns = g_new0(struct wslot, size);

		for (uint32_t k = 0; w->slot && k <= w->mask; k++)
			if (w->slot[k].len != 0)
				wtab_put(ns, size - 1, &w->slot[k]);
		g_free(w->slot);
		w->slot = ns;
		w->mask = size - 1;
	}
	for (i = h & w->mask; w->slot[i].len != 0; i = (i + 1) & w->mask)
		if (w->slot[i].hash == h && w->slot[i].len == n &&
		    memcmp(w->keys + w->slot[i].off, s, n) == 0) {
			w->slot[i].bits |= bits;
			return;
		}
	if (w->klen + n > w->kcap) {
		w->kcap = MAX(w->kcap * 2, w->klen + n + 256);
		w->keys = g_realloc(w->keys, w->kcap);
	}
	memcpy(w->keys + w->klen, s, n);
	e.hash = h;
	e.bits = bits;
	e.off = (uint32_t)w->klen;
	e.len = (uint32_t)n;
	w->klen += n;
	w->slot[i] = e;
	w->n++;
}

static void
wtab_clear(struct wtab *w)
{
	g_free(w->slot);
	g_free(w->keys);
	memset(w, 0, sizeof(*w));
}

/* Adds one list entry: letters, or letters joined by '-' or '\''
 * (Ann-Marie adds ann and marie). Returns false for anything else. */
static bool
add_entry(GHashTable *set, const char *w)
{
	const char *p;
	char **parts;

	for (p = w; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (!g_unichar_isalpha(c) && g_unichar_type(c) !=
		    G_UNICODE_NON_SPACING_MARK && c != '-' && c != '\'')
			return false;
	}
	parts = g_strsplit_set(w, "-'", -1);
	for (size_t k = 0; parts[k]; k++)
		if (g_utf8_strlen(parts[k], -1) >= 2)
			g_hash_table_add(set, ntext_afold_str(parts[k],
			    strlen(parts[k])));
	g_strfreev(parts);
	return true;
}

/* Reads one word list (spaces or newlines, '#' comments) into a set of
 * afold forms. A malformed entry is an error naming file and line. */
static GHashTable *
load_set(const char *dir, const char *rel, char *err, size_t errlen)
{
	char *text = ruledata_read(dir, rel, NULL, err, errlen), **lines;
	GHashTable *set;
	bool ok = true;

	if (text == NULL)
		return NULL;
	set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	if (!g_utf8_validate(text, -1, NULL)) {
		snprintf(err, errlen, "%s%s%s: not UTF-8", dir ? dir : "built-in ",
		    dir ? "/" : "", dir ? strrchr(rel, '/') + 1 : rel);
		ok = false;
	}
	lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; ok && lines[i]; i++) {
		char *hash = strchr(lines[i], '#'), **w;

		if (hash)
			*hash = '\0';
		w = g_strsplit_set(lines[i], " \t\r", -1);
		for (size_t k = 0; ok && w[k]; k++)
			if (*w[k] && !add_entry(set, w[k])) {
				snprintf(err, errlen, "%s%s%s:%zu: \"%.40s\" is not "
				    "a name (letters, '-' or ' only)", dir ? dir :
				    "built-in ", dir ? "/" : "", dir ?
				    strrchr(rel, '/') + 1 : rel, i + 1, w[k]);
				ok = false;
			}
		g_strfreev(w);
	}
	g_strfreev(lines);
	g_free(text);
	if (!ok) {
		g_hash_table_destroy(set);
		return NULL;
	}
	return set;
}

/* bits keys point into the static lists and the three sets' keys, which
 * live as long as the table. */
static void
add_bits(GHashTable *bits, const char *w, unsigned b)
{
	g_hash_table_insert(bits, (gpointer)w, GUINT_TO_POINTER(b |
	    GPOINTER_TO_UINT(g_hash_table_lookup(bits, w))));
}

static void
add_set_bits(GHashTable *bits, GHashTable *set, unsigned b)
{
	GHashTableIter it;
	gpointer k;

	g_hash_table_iter_init(&it, set);
	while (g_hash_table_iter_next(&it, &k, NULL))
		add_bits(bits, k, b);
}

struct names_data *
names_data_new(const struct ruledata_paths *p, char *err, size_t errlen)
{
	struct names_data *nd = g_new0(struct names_data, 1);

	if ((nd->first = load_set(p->names_dir, "names/first.txt", err,
	    errlen)) == NULL ||
	    (nd->sur = load_set(p->names_dir, "names/surnames.txt", err,
	    errlen)) == NULL ||
	    (nd->stop = load_set(p->names_dir, "names/stopwords.txt", err,
	    errlen)) == NULL) {
		names_data_free(nd);
		return NULL;
	}
	nd->bits = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < G_N_ELEMENTS(word_lists); i++)
		for (const char *const *l = word_lists[i].words; *l; l++)
			add_bits(nd->bits, *l, word_lists[i].bit);
	add_set_bits(nd->bits, nd->first, W_FIRST);
	add_set_bits(nd->bits, nd->sur, W_SUR);
	add_set_bits(nd->bits, nd->stop, W_STOP);
	{
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, nd->bits);
		while (g_hash_table_iter_next(&it, &k, &v))
			wtab_add(&nd->words, k, strlen(k), GPOINTER_TO_UINT(v));
	}
	for (uint32_t k = 0; k <= nd->words.mask; k++)
		if (nd->words.slot[k].len != 0) {
			uint32_t f = nd->words.slot[k].hash >> 18;

			nd->filter[f >> 3] |= (uint8_t)(1u << (f & 7));
		}
	for (size_t k = 0; k < N_SW; k++) {
		for (const char *c = scan_word(k); *c; c++)
			nd->need[k] |= 1u << (*c - 'a');
		nd->wlen[k] = strlen(scan_word(k));
	}
	for (unsigned c = 0; c < 3; c++)
		for (uint32_t x = 0; x < 512; x++)
			for (size_t k = 0; k < N_SW; k++)
				if (((nd->need[k] >> (9 * c)) & 0x1FFu & ~x) == 0)
					nd->needt[c][x] |= (uint16_t)(1u << k);
	for (size_t k = 0; k < N_SW; k++) {	/* insertion sort by length */
		size_t o = k;

		for (; o > 0 && nd->wlen[nd->order[o - 1]] > nd->wlen[k]; o--)
			nd->order[o] = nd->order[o - 1];
		nd->order[o] = k;
	}
	for (unsigned c = 0; c < 256; c++) {
		unsigned lc = c | 0x20u;

		nd->lbit[c] = c - 'a' < 26u ? 1u << (c - 'a') : 0;
		nd->nonl[c] = c < 0x80 && lc - 'a' >= 26u;
	}
	for (gunichar c = 0x80; c < 0x800; c++) {
		struct cp2 *e = &nd->cp2[c];
		char u[8], buf[16];
		int n = g_unichar_to_utf8(c, u);

		e->flags = (g_unichar_isalpha(c) ? CP_ALPHA : 0) |
		    (g_unichar_isupper(c) ? CP_UPPER : 0) |
		    (g_unichar_islower(c) ? CP_LOWER : 0);
		e->alen = (uint8_t)ntext_afold_into(buf, u, (size_t)n);
		memcpy(e->a, buf, MIN(e->alen, sizeof(e->a)));
	}
	return nd;
}

void
names_data_free(struct names_data *nd)
{
	if (nd == NULL)
		return;
	if (nd->bits)
		g_hash_table_destroy(nd->bits);
	if (nd->first)
		g_hash_table_destroy(nd->first);
	if (nd->sur)
		g_hash_table_destroy(nd->sur);
	if (nd->stop)
		g_hash_table_destroy(nd->stop);
	wtab_clear(&nd->words);
	g_free(nd);
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
};

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
			const char *at = memmem(asc, alen, scan_word(k),
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

/* Letter runs of nt->norm; in file names (camel) also split at CamelCase
 * humps. Each token gets its afold form (in one arena: 3 * len + 1 bytes
 * suffice, each token's form is at most twice its bytes, plus a NUL), its
 * hash and its bits in the word lists and the participants' names. With
 * scan, fills tk->found for the first nsw scan words. */
static void
tokenize(const struct names_data *nd, const struct names_part *part,
    const struct ntext *nt, bool camel, size_t nsw, struct toks *tk)
{
	const char *s = nt->norm;
	size_t len = nt->len, i = 0, used = 0, ao = 0;
	/* + 16: wput_end and the two-byte path write 8 bytes past the NUL */
	size_t need = 3 * len + 1 + 16, vneed = len / 5 + 16;
	struct tokbuf *tb = tokbuf_get();
	char *ar;

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
	ar = tk->arena;
	while (i < len) {
		struct tok *t;
		size_t j = i;
		uint32_t h, m = 0;
		struct wput w = { ar + used, 0, WHASH_SEED, 0 };
		bool plow = false;	/* the previous letter is lower case */
		bool slow = false;	/* a letter of 3 or 4 bytes */
		bool cap = false, allcaps = true, ascii = true;

		if (nd->nonl[(unsigned char)s[i]]) {
			size_t k = i;	/* ASCII non-letters: afold is the same */

			while (++k < len && nd->nonl[(unsigned char)s[k]])
				;
			ao += k - i;
			i = k;
			continue;
		}

		if (tk->n == tk->cap) {
			tk->cap *= 2;
			tk->v = g_renew(struct tok, tk->v, tk->cap);
		}
		t = &tk->v[tk->n];
		t->a = i;
		/* The common token: ASCII letters, lower case after the first,
		 * ended by an ASCII non-letter or the end of the text. Its
		 * afold is its bytes in lower case, copied and hashed eight at
		 * a time (as wput does it). Any other token takes the loop
		 * below from its start. */
		if ((unsigned char)s[i] < 0x80) {
			size_t r = i + 1;
			uint32_t b;
			uint64_t hh = WHASH_SEED;
			char *o = ar + used;

			m = 1u << (((unsigned char)s[i] | 0x20u) - 'a');
			while (r < len && (b = nd->lbit[(unsigned char)s[r]]) != 0) {
				m |= b;
				r++;
			}
			if (r < len && !nd->nonl[(unsigned char)s[r]])
				goto general;
			for (size_t k = i; k < r; k += 8) {
				uint64_t x, le;
				size_t c = MIN(r - k, 8);

				if (k + 8 <= len) {
					memcpy(&le, s + k, 8);
					x = GUINT64_FROM_LE(le);
				} else {
					x = 0;
					for (size_t q = 0; q < c; q++)
						x |= (uint64_t)(unsigned char)
						    s[k + q] << (8 * q);
				}
				x |= 0x2020202020202020ull;	/* lower case */
				if (c < 8)
					x &= (1ull << (8 * c)) - 1;
				hh = whash_step(hh, x);
				le = GUINT64_TO_LE(x);
				memcpy(o + (k - i), &le, 8);
			}
			o[r - i] = '\0';
			j = r;
			cap = (unsigned char)s[i] < 'a';
			t->b = j;
			t->cap = cap;
			t->allcaps = false;
			t->ascii = true;
			t->asc = o;
			t->alen = r - i;
			h = whash_fin(hh, t->alen);
			goto have_afold;
		}
general:
		/* Letters of one or two bytes (å, ä, ö, é, ...), lower case
		 * after the first (not a lone two-byte letter: "Å" alone is
		 * all capitals), ended by an ASCII non-letter or the end of
		 * the text: afold from the tables into the arena, then hashed
		 * eight bytes at a time. Any other token takes the loop below
		 * from its start. */
		{
			char *o = ar + used;
			size_t r = i, q = 0;
			unsigned char u = (unsigned char)s[i];
			const struct cp2 *e;
			bool first2 = u >= 0x80;

			m = 0;
			if (u < 0x80) {		/* an ASCII letter */
				cap = u < 'a';
				o[q++] = (char)(u | 0x20u);
				m = 1u << ((u | 0x20u) - 'a');
				r++;
			} else if ((e = cp2_at(nd, s, i, len)) != NULL &&
			    (e->flags & CP_ALPHA)) {
				cap = (e->flags & CP_UPPER) != 0;
				put_afold2(nd, e, o, &q, &m);
				ascii = false;
				r += 2;
			} else
				goto slowpath;
			for (;;) {
				uint32_t b;

				if (r == len)
					break;
				u = (unsigned char)s[r];
				if ((b = nd->lbit[u]) != 0) {
					o[q++] = (char)u;
					m |= b;
					r++;
				} else if ((e = cp2_at(nd, s, r, len)) != NULL &&
				    (e->flags & (CP_ALPHA | CP_LOWER)) ==
				    (CP_ALPHA | CP_LOWER)) {
					put_afold2(nd, e, o, &q, &m);
					ascii = false;
					r += 2;
				} else
					break;
			}
			if (r < len && !nd->nonl[(unsigned char)s[r]])
				goto slowpath;	/* another letter, or not ASCII */
			if (first2 && r == i + 2)
				goto slowpath;	/* "Å" alone: all capitals */
			{
				uint64_t hh = WHASH_SEED, z = 0;

				memcpy(o + q, &z, 8);	/* NUL and padding */
				for (size_t k = 0; k < q; k += 8) {
					uint64_t le;

					memcpy(&le, o + k, 8);
					hh = whash_step(hh, GUINT64_FROM_LE(le));
				}
				h = whash_fin(hh, q);
			}
			j = r;
			t->b = j;
			t->cap = cap;
			t->allcaps = false;
			t->ascii = ascii;
			t->asc = o;
			t->alen = q;
			goto have_afold;
		}
slowpath:
		m = 0;
		cap = false;
		ascii = true;
		while (j < len) {
			unsigned char u = (unsigned char)s[j];
			const struct cp2 *e;

			if ((unsigned)u - 'a' < 26u) {
				/* The common case: a run of lower-case ASCII
				 * letters, each its own afold byte. */
				size_t r = j;

				do {
					wput(&w, u);
					m |= 1u << (u - 'a');
					if (++r == len)
						break;
					u = (unsigned char)s[r];
				} while ((unsigned)u - 'a' < 26u);
				if (r > i + 1)	/* a lower-case letter after the first */
					allcaps = false;
				plow = true;
				j = r;
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

				if ((e = cp2_at(nd, s, j, len)) != NULL) {
					alpha = (e->flags & CP_ALPHA) != 0;
					up = (e->flags & CP_UPPER) != 0;
					low = (e->flags & CP_LOWER) != 0;
				} else {
					gunichar c = g_utf8_get_char(s + j);

					alpha = g_unichar_isalpha(c);
					up = is_upper(c);
					low = is_lower(c);
				}
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
					for (size_t k = 0; k < e->alen; k++) {
						wput(&w, (unsigned char)e->a[k]);
						if ((unsigned)(unsigned char)e->a[k] -
						    'a' < 26u)
							m |= 1u << (e->a[k] - 'a');
					}
					j += 2;
				} else {
					slow = true;
					j = (size_t)(g_utf8_next_char(s + j) - s);
				}
			}
		}
		if (j == i) {		/* not a letter: its afold is skipped */
			unsigned char u = (unsigned char)s[i];
			const struct cp2 *e;

			if (u < 0x80) {
				i++;
				ao++;
			} else if ((e = cp2_at(nd, s, i, len)) != NULL) {
				ao += e->alen;
				i += 2;
			} else {
				char buf[16];
				size_t next = (size_t)(g_utf8_next_char(s + i) - s);

				if (nsw > 0)
					ao += ntext_afold_into(buf, s + i, next - i);
				i = next;
			}
			continue;
		}
		t->b = j;
		t->cap = cap;
		t->allcaps = allcaps;
		t->ascii = ascii;
		t->asc = ar + used;
		if (!slow)
			h = wput_end(&w, t->asc, &t->alen);
		else {
			t->alen = ntext_afold_into(ar + used, s + i, j - i);
			h = whash(t->asc, t->alen);
			m = 0;
			for (size_t k = 0; k < t->alen; k++)
				if ((unsigned)(unsigned char)t->asc[k] - 'a' < 26u)
					m |= 1u << (t->asc[k] - 'a');
		}
have_afold:
		used += t->alen + 1;
		if (j - i == 1 || !t->cap)
			t->allcaps = false;
		tk->any_cap |= t->cap && !t->allcaps;
		{
			unsigned b = words_get(nd, t->asc, t->alen, h);

			t->lists = b & 0xFFFFu;
			t->first = (b & W_FIRST) != 0;
			t->sur = (b & W_SUR) != 0;
			t->stop = (b & W_STOP) != 0;
		}
		t->part = part != NULL && wtab_get(&part->tab, t->asc, t->alen, h);
		if (nsw > 0 && t->alen >= 3 && (nd->needt[0][m & 0x1FFu] &
		    nd->needt[1][(m >> 9) & 0x1FFu] & nd->needt[2][m >> 18]))
			scan_token(nd, tk, t->asc, t->alen, ao, m, nsw);
		ao += t->alen;
		tk->n++;
		i = j;
	}
}

/* Gives the buffers back to this thread's tokbuf (or frees them). */
static void
toks_free(struct toks *tk)
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

/* The first match of scan word k in afold, or NULL: from the tokens,
 * or, in file names, where CamelCase splits words, memmem. */
static const char *
scan_found(const struct ntext *nt, const struct toks *tk, bool file,
    size_t k)
{
	const char *w = scan_word(k);

	if (file)
		return memmem(nt->afold, nt->alen, w, strlen(w));
	return tk->found[k] == SIZE_MAX ? NULL : nt->afold + tk->found[k];
}

/* Only spaces (and, when comma, one comma) between a and b. */
static bool
gap_is(const char *s, size_t a, size_t b, bool comma)
{
	int commas = 0;

	if (b <= a)
		return false;
	for (size_t i = a; i < b; i++) {
		if (s[i] == ',')
			commas++;
		else if (s[i] != ' ')
			return false;
	}
	return comma ? commas == 1 : commas == 0;
}

/* Whether only a case word's own punctuation lies between a and b:
 * spaces, and at most one of '.', ':' or a dash ("ang. Alice", "SIP:
 * Alice", "SIP – Alice"); not a line break, comma, bracket or quote, which
 * end the phrase ("... \"Avstämning\"\nTiden"). */
static bool
gap_case(const char *s, size_t a, size_t b)
{
	int marks = 0;

	if (b <= a)
		return false;
	for (size_t i = a; i < b; i++) {
		if (s[i] == ' ')
			continue;
		if ((s[i] == '.' || s[i] == ':' || s[i] == '-') && marks++ == 0)
			continue;
		return false;
	}
	return true;
}

/* Whether s starts with word w followed by a non-letter. */
static bool
word_at(const char *s, const char *w)
{
	size_t n = strlen(w);

	return g_ascii_strncasecmp(s, w, n) == 0 &&
	    !g_unichar_isalpha(g_utf8_get_char(s + n));
}

/* What follows a first name and says it is a child or a client: an age
 * ("(5 år)", "5-åring", "5 ar" from an ASCII-only client, "7 y"), a
 * school year ("åk 8") or a birth year ("f. 2014", "född 2014"). r
 * points just after the name. */
static bool
age_cue(const char *r)
{
	static const char *const age[] = { "år", "ar", "års", "ars", "åring",
	    "aring", "y", "yrs", "years", "yo", NULL };
	const char *d;

	while (*r == ' ' || *r == '(' || *r == ',')
		r++;
	for (d = r; g_ascii_isdigit(*d); d++)
		;
	if (d > r && d - r <= 3) {
		if (*d == ' ' || *d == '-')
			d++;
		for (const char *const *w = age; *w; w++)
			if (word_at(d, *w))
				return true;
		return false;
	}
	if (word_at(r, "åk") || word_at(r, "Åk") || word_at(r, "ak") ||
	    word_at(r, "åk.") || word_at(r, "ak.")) {
		r += g_str_has_prefix(r, "a") || g_str_has_prefix(r, "A") ?
		    2 : strlen("åk");
		while (*r == '.' || *r == ' ')
			r++;
		return g_ascii_isdigit(*r);
	}
	if (word_at(r, "född") || word_at(r, "fodd"))
		r += g_str_has_prefix(r, "fodd") ? 4 : strlen("född");
	else if (r[0] == 'f' && (r[1] == '.' || r[1] == ' '))
		r++;
	else
		return false;
	while (*r == '.' || *r == ' ')
		r++;
	for (d = r; g_ascii_isdigit(*d); d++)
		;
	return d - r >= 4;
}

/* Whether the name tokens toks[i..j] are staff: in the signature (after
 * sig, the norm offset of a letter closer), after a contact word, or
 * before a job title. */
static bool
is_staff(const struct ntext *nt, const struct toks *tk, size_t i, size_t j,
    size_t sig)
{
	const struct tok *t = &tk->v[i];
	const struct tok *e = &tk->v[j];

	if (t->a >= sig)
		return true;
	if (i > 0 && (tk->v[i - 1].lists & L_STAFF_BEFORE))
		return true;
	if (j + 1 < tk->n) {
		const struct tok *n = &tk->v[j + 1];

		for (size_t k = e->b; k < n->a; k++)
			if (strchr(" ,(-/", nt->norm[k]) == NULL)
				return false;
		return (n->lists & L_TITLE) || ends_in(n->asc, titles, 0);
	}
	return false;
}

static void
emit(const struct ntext *nt, size_t a, size_t b, const char *why,
    struct hitlist *out)
{
	struct hit h;

	memset(&h, 0, sizeof(h));
	h.rule = "name";
	h.kind = HIT_NAME;
	h.sev = SEV_MEDIUM;
	h.start = a;
	h.end = b;
	mask_initials(h.evidence, sizeof(h.evidence), nt->norm + a, b - a);
	snprintf(h.detail, sizeof(h.detail), "%s", why);
	hits_add(out, &h);
}

static void
add_participants(struct wtab *set, const char *cn)
{
	char **w;

	if (cn == NULL)
		return;
	w = g_strsplit_set(cn, " ,.;()\"'-", -1);
	for (size_t k = 0; w[k]; k++)
		if (*w[k] && g_utf8_validate(w[k], -1, NULL)) {
			char *a = ntext_afold_str(w[k], strlen(w[k]));

			wtab_add(set, a, strlen(a), 1);
			g_free(a);
		}
	g_strfreev(w);
}

struct names_part *
names_part_new(const struct invite *inv)
{
	struct names_part *np = g_new0(struct names_part, 1);

	for (size_t c = 0; inv && c < inv->n_comps; c++) {
		const struct inv_comp *ic = &inv->comps[c];

		add_participants(&np->tab, ic->organizer.cn);
		for (size_t k = 0; k < ic->n_attendees; k++)
			add_participants(&np->tab, ic->attendees[k].cn);
	}
	return np;
}

void
names_part_free(struct names_part *np)
{
	if (np == NULL)
		return;
	wtab_clear(&np->tab);
	g_free(np);
}

/* Whether afold s[0..n) (hash h) is a participant's name word. */
static bool
part_has(const struct names_part *part, const char *s, size_t n, uint32_t h)
{
	return part != NULL && wtab_get(&part->tab, s, n, h) != 0;
}

/* Whether t's lower-case form ends in -ić or -lä (morph_dia) with at
 * least minlen characters; only a token with a letter outside ASCII
 * can. */
static bool
low_ends_dia(const struct ntext *nt, const struct tok *t, size_t minlen)
{
	char *low;
	bool r;

	if (t->ascii)
		return false;
	low = g_utf8_strdown(nt->norm + t->a, (gssize)(t->b - t->a));
	r = ends_in(low, morph_dia, minlen);
	g_free(low);
	return r;
}

/* Whether t is a surname: listed, or by its ending (weak endings too
 * when weak), also in the genitive ("Karlssons"). */
static bool
is_sur(const struct names_data *nd, const struct ntext *nt,
    const struct tok *t, bool weak)
{
	size_t n = t->alen;
	bool sur;

	if (ends_in_n(t->asc, n, units, 0))
		return false;
	sur = t->sur ||
	    ends_in_n(t->asc, n, morph_strong, 4) ||
	    low_ends_dia(nt, t, 4) ||
	    (weak && ends_in_n(t->asc, n, morph_weak, 5));
	if (!sur && n >= 5 && t->asc[n - 1] == 's')
		sur = (words_get(nd, t->asc, n - 1,
		    whash(t->asc, n - 1)) & W_SUR) != 0 ||
		    ends_in_n(t->asc, n - 1, morph_strong, 4);
	return sur;
}

void
det_names(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *out)
{
	const struct names_data *nd = ctx->data ? ctx->data->names : NULL;
	struct names_part *own = NULL;
	const struct names_part *part;
	struct toks tk;
	bool any_cap, file = ctx->field == FLD_ATTACHMENT_NAME;
	bool subject = ctx->field == FLD_SUBJECT || ctx->field == FLD_SUMMARY;
	size_t sig = SIZE_MAX, i;

	if (nd == NULL || ctx->field == FLD_ATTENDEE_CN ||
	    ctx->field == FLD_ORGANIZER_CN || nt->len == 0)
		return;
	/* The participants' names: once per invitation when the caller
	 * keeps a cache, else for this call. */
	if (ctx->inv == NULL)
		part = NULL;
	else if (ctx->cache != NULL) {
		if (ctx->cache->names_part == NULL)
			ctx->cache->names_part = names_part_new(ctx->inv);
		part = ctx->cache->names_part;
	} else
		part = own = names_part_new(ctx->inv);
	tokenize(nd, part, nt, file, file ? 0 : subject ? N_SW : SW_VALK, &tk);
	for (size_t k = SW_STAFF; k < SW_CLOSER; k++)
		if (scan_found(nt, &tk, file, k))
			goto done;	/* staff context: a colleague */
	if (subject && scan_found(nt, &tk, file, SW_VALK))
		goto done;		/* "Välkommen Anna!": a new colleague */
	for (const char *const *c = closers; *c; c++) {
		const char *at = scan_found(nt, &tk, file, SW_CLOSER +
		    (size_t)(c - closers));

		if (at != NULL &&
		    ntext_anorm(nt, (size_t)(at - nt->afold)) < sig)
			sig = ntext_anorm(nt, (size_t)(at - nt->afold));
	}
	any_cap = tk.any_cap;
	for (i = 0; i < tk.n; i++) {
		struct tok *t = &tk.v[i];

		/* A lower-case word that is no first name and follows no
		 * "familjen" starts nothing when capitals mark names (every
		 * rule below then needs one of the three): the common case. */
		if (any_cap && !t->cap && !t->first &&
		    (i == 0 || !(t[-1].lists & L_FAMILY)))
			continue;

		struct tok *n = i + 1 < tk.n ? t + 1 : NULL;
		struct tok *p = i > 0 ? t - 1 : NULL;
		bool first = t->first;
		bool stop = t->stop;
		bool name_case = any_cap ? t->cap && !t->allcaps : true;

		if (t->part ||
		    (p && (p->lists & L_PLACE)))
			continue;
		if (n != NULL && (first || any_cap) &&
		    !n->part) {
			bool nsur = first && is_sur(nd, nt, n, true);
			bool nfirst = n->first;
			bool ncase = any_cap ? n->cap && !n->allcaps : true;
			const struct tok *m = n;	/* the pair's surname */
			bool msur = nsur, mfirst = nfirst, mcase = ncase;
			size_t last = i + 1;

			/* A particle: the next name decides ("al-Hassan"). */
			if (first && name_case && (n->lists & L_PARTICLE) &&
			    i + 2 < tk.n && (nt->norm[n->b] == '-' ||
			    nt->norm[n->b] == ' ') && n[1].a == n->b + 1 &&
			    !n[1].part) {
				m = n + 1;
				last = i + 2;
				msur = is_sur(nd, nt, m, true) ||
				    m->first;
				mfirst = false;
				mcase = any_cap ? m->cap && !m->allcaps : true;
			}
			/* First name + surname (or two first names). */
			if (first && name_case && mcase && (msur ||
			    (any_cap && mfirst && !m->stop)) &&
			    gap_is(nt->norm, t->b, n->a, false)) {
				if (!is_staff(nt, &tk, i, last, sig) &&
				    !before_place(tk.v, tk.n, last))
					emit(nt, t->a, m->b,
					    "first name and surname", out);
				i = last;
				continue;
			}
			/* Surname, Firstname */
			if (any_cap && t->cap && !t->allcaps && ncase && nfirst &&
			    is_sur(nd, nt, t, false) &&
			    gap_is(nt->norm, t->b, n->a, true)) {
				if (!is_staff(nt, &tk, i, i + 1, sig))
					emit(nt, t->a, n->b, "surname, first name",
					    out);
				i++;
				continue;
			}
		}
		/* familjen + surname, also a surname that is a word
		 * ("familjen Berg") and in lower-case text. */
		if (p && (p->lists & L_FAMILY) && (t->cap || !any_cap) &&
		    gap_case(nt->norm, p->b, t->a) &&
		    !t->allcaps && (t->sur ||
		    (!stop && (t->cap || is_sur(nd, nt, t, false))))) {
			emit(nt, t->a, t->b, "surname after familjen", out);
			continue;
		}
		/* An initial and a surname: "A. Svensson". */
		if (any_cap && t->cap && t->b - t->a == 1 && n != NULL &&
		    n->cap && !n->allcaps && n->a == t->b + 2 &&
		    nt->norm[t->b] == '.' && nt->norm[t->b + 1] == ' ' &&
		    !n->stop &&
		    !n->part &&
		    (n->sur ||
		    ends_in(n->asc, morph_strong, 5))) {
			if (!is_staff(nt, &tk, i, i + 1, sig))
				emit(nt, t->a, n->b, "initial and surname", out);
			i++;
			continue;
		}
		/* "the Nguyen family" */
		if (any_cap && t->cap && !t->allcaps && !stop && n != NULL &&
		    n->alen == 6 && gap_is(nt->norm, t->b, n->a, false) &&
		    (strcmp(n->asc, "family") == 0 ||
		    strcmp(n->asc, "familj") == 0) &&
		    is_sur(nd, nt, t, false)) {
			emit(nt, t->a, t->b, "surname before family", out);
			continue;
		}
		if (!any_cap || !t->cap || t->allcaps || stop)
			continue;
		/* A month range or list: "Jan–Mars", "dec och jan". */
		if ((t->lists & L_MONTH) && ((n && (n->lists & L_MONTH)) ||
		    (p && (p->lists & L_MONTH))))
			continue;
		/* The first part of a compound: "Eva-projektet". */
		if (nt->norm[t->b] == '-' && g_unichar_islower(
		    g_utf8_get_char(nt->norm + t->b + 1)))
			continue;
		/* A case word before a first name, or before a listed
		 * surname ("hos Sjöström"). */
		if (p && (first || (t->sur &&
		    g_utf8_strlen(t->asc, -1) >= 4)) &&
		    ((p->lists & L_TRIGGER) ||
		    (p->lists & L_CASE)) &&
		    gap_case(nt->norm, p->b, t->a)) {
			if (!is_staff(nt, &tk, i, i, sig))
				emit(nt, t->a, t->b, "name after a case word",
				    out);
			continue;
		}
		/* First name with an age, school year or birth year. */
		if (first && age_cue(nt->norm + t->b)) {
			emit(nt, t->a, t->b, "first name with an age", out);
			continue;
		}
		/* First name in the genitive before a noun: "Ahmeds skola". */
		if (!first && !file && n != NULL && !n->cap &&
		    gap_is(nt->norm, t->b, n->a, false) &&
		    !(n->lists & L_ROOM) && t->alen >= 4 &&
		    t->asc[t->alen - 1] == 's') {
			size_t sl = t->alen - 1;
			uint32_t sh = whash(t->asc, sl);
			unsigned sb = words_get(nd, t->asc, sl, sh);

			if ((sb & W_FIRST) && !(sb & W_STOP) &&
			    !part_has(part, t->asc, sl, sh)) {
				emit(nt, t->a, t->b, "first name in the genitive",
				    out);
				continue;
			}
		}
		/* A surname in a file name: Plan_Nordqvist.docx */
		if (file && !ends_in(t->asc, units, 0) &&
		    (n == NULL || !(n->lists & L_PLACE_NEXT)) &&
		    ((t->sur &&
		    g_utf8_strlen(t->asc, -1) >= 3) ||
		    ends_in(t->asc, morph_file, 5) ||
		    low_ends_dia(nt, t, 5)))
			emit(nt, t->a, t->b, "surname in a file name", out);
	}
done:
	toks_free(&tk);
	names_part_free(own);
}
