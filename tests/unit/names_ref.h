/*
 * names_ref.h: a frozen copy of rules/names.c as it was before the
 * flat word table and the one-pass tokenizer (main 88a7ebc), for the
 * differential tests in names_test.c only: ref_det_names() must give
 * exactly the hits of det_names(). Do not change it to follow names.c;
 * change it only if a deliberate change of behaviour is made there.
 * (The one edit since: amap read through ntext_anorm(), as text.c keeps
 * no identity map for ASCII text since the ntext merge.)
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "rules/detect.h"
#include "rules/ruledata.h"

struct ref_names_data {
	GHashTable	*first, *sur, *stop;	/* afold (lower, no diacritics) sets */
	GHashTable	*bits;	/* afold word -> W_* and L_* bits, all lists */
};

struct tok {
	size_t	 a, b;		/* span in norm */
	char	*asc;		/* afold: lower case without diacritics (in the
				   arena of tokenize) */
	char	*low;		/* lower case with diacritics (for -ić, -lä),
				   NULL for ASCII-only tokens */
	bool	 cap, allcaps;
	/* looked up once per token (det_names) */
	unsigned lists;		/* L_* of the word lists below it is in */
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
before_place(GArray *toks, guint k)
{
	for (guint j = k + 1; j < toks->len && j <= k + 2; j++) {
		const struct tok *t = &g_array_index(toks, struct tok, j);

		if (t->lists & L_PLACE_NEXT)
			return true;
		if (!t->cap)
			break;
	}
	return false;
}

/* Whether w ends in one of l and has at least minlen characters. */
static bool
ends_in(const char *w, const char *const *l, size_t minlen)
{
	size_t n = strlen(w);

	if (n < minlen)		/* fewer bytes, so fewer characters */
		return false;
	for (; *l; l++) {
		size_t k = strlen(*l);

		if (n > k && memcmp(w + n - k, *l, k) == 0)
			return g_utf8_strlen(w, -1) >= (glong)minlen;
	}
	return false;
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

static void	ref_names_data_free(struct ref_names_data *);

static struct ref_names_data *
ref_names_data_new(const struct ruledata_paths *p, char *err, size_t errlen)
{
	struct ref_names_data *nd = g_new0(struct ref_names_data, 1);

	if ((nd->first = load_set(p->names_dir, "names/first.txt", err,
	    errlen)) == NULL ||
	    (nd->sur = load_set(p->names_dir, "names/surnames.txt", err,
	    errlen)) == NULL ||
	    (nd->stop = load_set(p->names_dir, "names/stopwords.txt", err,
	    errlen)) == NULL) {
		ref_names_data_free(nd);
		return NULL;
	}
	nd->bits = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < G_N_ELEMENTS(word_lists); i++)
		for (const char *const *l = word_lists[i].words; *l; l++)
			add_bits(nd->bits, *l, word_lists[i].bit);
	add_set_bits(nd->bits, nd->first, W_FIRST);
	add_set_bits(nd->bits, nd->sur, W_SUR);
	add_set_bits(nd->bits, nd->stop, W_STOP);
	return nd;
}

static void
ref_names_data_free(struct ref_names_data *nd)
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
	g_free(nd);
}

/* Letter runs; in file names also split at CamelCase humps. The afold
 * forms go to *arena (one allocation, 3 * len + 1 bytes suffice: each
 * token's form is at most twice its bytes, plus a NUL), which the caller
 * frees with g_free() after the tokens' low strings. */
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

static GArray *
tokenize(const char *s, size_t len, bool camel, char **arena)
{
	GArray *toks = g_array_new(FALSE, TRUE, sizeof(struct tok));
	char *ar = g_malloc(3 * len + 1);
	size_t i = 0, used = 0;

	*arena = ar;
	while (i < len) {
		struct tok t = { i, i, NULL, NULL, false, true };
		gunichar prev = 0;
		size_t j = i;
		bool ascii = true;

		while (j < len) {
			gunichar c;

			if ((unsigned char)s[j] < 0x80) {
				c = (unsigned char)s[j];
				if (!g_ascii_isalpha((char)c))
					break;
			} else {
				c = g_utf8_get_char(s + j);
				ascii = false;
				if (!g_unichar_isalpha(c))
					break;
			}
			if (camel && j > i && is_upper(c) && is_lower(prev))
				break;
			if (j == i)
				t.cap = is_upper(c);
			else if (is_lower(c))
				t.allcaps = false;
			prev = c;
			j = (size_t)(g_utf8_next_char(s + j) - s);
		}
		if (j == i) {
			i = (size_t)(g_utf8_next_char(s + i) - s);
			continue;
		}
		t.b = j;
		t.asc = ar + used;
		used += ntext_afold_into(t.asc, s + i, j - i) + 1;
		t.low = ascii ? NULL : g_utf8_strdown(s + i, (gssize)(j - i));
		if (j - i == 1 || !t.cap)
			t.allcaps = false;
		g_array_append_val(toks, t);
		i = j;
	}
	return toks;
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
is_staff(const struct ntext *nt, GArray *toks, guint i, guint j, size_t sig)
{
	const struct tok *t = &g_array_index(toks, struct tok, i);
	const struct tok *e = &g_array_index(toks, struct tok, j);

	if (t->a >= sig)
		return true;
	if (i > 0 && (g_array_index(toks, struct tok, i - 1).lists &
	    L_STAFF_BEFORE))
		return true;
	if (j + 1 < toks->len) {
		const struct tok *n = &g_array_index(toks, struct tok, j + 1);

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
add_participants(GHashTable *set, const char *cn)
{
	char **w;

	if (cn == NULL)
		return;
	w = g_strsplit_set(cn, " ,.;()\"'-", -1);
	for (size_t k = 0; w[k]; k++)
		if (*w[k] && g_utf8_validate(w[k], -1, NULL))
			g_hash_table_add(set, ntext_afold_str(w[k],
			    strlen(w[k])));
	g_strfreev(w);
}

/* Whether t is a surname: listed, or by its ending (weak endings too
 * when weak), also in the genitive ("Karlssons"). */
static bool
is_sur(const struct ref_names_data *nd, const struct tok *t, bool weak)
{
	size_t n = strlen(t->asc);
	bool sur;

	if (ends_in(t->asc, units, 0))
		return false;
	sur = t->sur ||
	    ends_in(t->asc, morph_strong, 4) ||
	    (t->low != NULL && ends_in(t->low, morph_dia, 4)) ||
	    (weak && ends_in(t->asc, morph_weak, 5));
	if (!sur && n >= 5 && t->asc[n - 1] == 's') {
		char *stem = g_strndup(t->asc, n - 1);

		sur = g_hash_table_contains(nd->sur, stem) ||
		    ends_in(stem, morph_strong, 4);
		g_free(stem);
	}
	return sur;
}

/* Session 18: a company form after a surname in a file name (the
 * one deliberate change of the file-name rule since the freeze). */
static bool
ref_file_company(GArray *toks, guint i)
{
	static const char *const forms[] = { "ab", "hb", "kb", "aktiebolag",
	    "gmbh", "ltd", "oy", "aps", NULL };

	for (guint k = i + 1; k < toks->len && k <= i + 2; k++)
		for (size_t f = 0; forms[f] != NULL; f++)
			if (strcmp(g_array_index(toks, struct tok, k).asc,
			    forms[f]) == 0)
				return true;
	return false;
}

static void
ref_det_names(const struct ref_names_data *nd, const struct detctx *ctx,
    const struct ntext *nt, struct hitlist *out)
{
	GHashTable *part;
	GArray *toks;
	bool any_cap = false, file = ctx->field == FLD_ATTACHMENT_NAME;
	size_t sig = SIZE_MAX;
	char *arena = NULL;
	guint i;

	if (nd == NULL || ctx->field == FLD_ATTENDEE_CN ||
	    ctx->field == FLD_ORGANIZER_CN || nt->len == 0)
		return;
	for (const char *const *s = staff; *s; s++)
		if (memmem(nt->afold, nt->alen, *s, strlen(*s)))
			return;		/* staff context: a colleague */
	if ((ctx->field == FLD_SUBJECT || ctx->field == FLD_SUMMARY) &&
	    memmem(nt->afold, nt->alen, "valkommen", 9))
		return;			/* "Välkommen Anna!": a new colleague */
	part = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (size_t c = 0; ctx->inv && c < ctx->inv->n_comps; c++) {
		const struct inv_comp *ic = &ctx->inv->comps[c];

		add_participants(part, ic->organizer.cn);
		for (size_t k = 0; k < ic->n_attendees; k++)
			add_participants(part, ic->attendees[k].cn);
	}
	for (const char *const *c = closers; *c; c++) {
		const char *at = memmem(nt->afold, nt->alen, *c, strlen(*c));

		if (at != NULL && ntext_anorm(nt, (size_t)(at - nt->afold)) < sig)
			sig = ntext_anorm(nt, (size_t)(at - nt->afold));
	}
	toks = tokenize(nt->norm, nt->len, file, &arena);
	for (i = 0; i < toks->len; i++) {
		struct tok *t = &g_array_index(toks, struct tok, i);

		unsigned b = GPOINTER_TO_UINT(g_hash_table_lookup(nd->bits,
		    t->asc));

		t->lists = b & 0xFFFFu;
		t->first = (b & W_FIRST) != 0;
		t->sur = (b & W_SUR) != 0;
		t->stop = (b & W_STOP) != 0;
		t->part = g_hash_table_size(part) > 0 &&
		    g_hash_table_contains(part, t->asc);
	}
	for (i = 0; i < toks->len; i++)
		any_cap |= g_array_index(toks, struct tok, i).cap &&
		    !g_array_index(toks, struct tok, i).allcaps;
	for (i = 0; i < toks->len; i++) {
		struct tok *t = &g_array_index(toks, struct tok, i);
		struct tok *n = i + 1 < toks->len ? t + 1 : NULL;
		struct tok *p = i > 0 ? t - 1 : NULL;
		bool first = t->first;
		bool stop = t->stop;
		bool name_case = any_cap ? t->cap && !t->allcaps : true;

		if (t->part ||
		    (p && (p->lists & L_PLACE)))
			continue;
		if (n != NULL && (first || any_cap) &&
		    !n->part) {
			bool nsur = first && is_sur(nd, n, true);
			bool nfirst = n->first;
			bool ncase = any_cap ? n->cap && !n->allcaps : true;
			const struct tok *m = n;	/* the pair's surname */
			bool msur = nsur, mfirst = nfirst, mcase = ncase;
			guint last = i + 1;

			/* A particle: the next name decides ("al-Hassan"). */
			if (first && name_case && (n->lists & L_PARTICLE) &&
			    i + 2 < toks->len && (nt->norm[n->b] == '-' ||
			    nt->norm[n->b] == ' ') && n[1].a == n->b + 1 &&
			    !n[1].part) {
				m = n + 1;
				last = i + 2;
				msur = is_sur(nd, m, true) ||
				    m->first;
				mfirst = false;
				mcase = any_cap ? m->cap && !m->allcaps : true;
			}
			/* First name + surname (or two first names). */
			if (first && name_case && mcase && (msur ||
			    (any_cap && mfirst && !m->stop)) &&
			    gap_is(nt->norm, t->b, n->a, false)) {
				if (!is_staff(nt, toks, i, last, sig) &&
				    !before_place(toks, last))
					emit(nt, t->a, m->b,
					    "first name and surname", out);
				i = last;
				continue;
			}
			/* Surname, Firstname */
			if (any_cap && t->cap && !t->allcaps && ncase && nfirst &&
			    is_sur(nd, t, false) &&
			    gap_is(nt->norm, t->b, n->a, true)) {
				if (!is_staff(nt, toks, i, i + 1, sig))
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
		    (!stop && (t->cap || is_sur(nd, t, false))))) {
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
			if (!is_staff(nt, toks, i, i + 1, sig))
				emit(nt, t->a, n->b, "initial and surname", out);
			i++;
			continue;
		}
		/* "the Nguyen family" */
		if (any_cap && t->cap && !t->allcaps && !stop && n != NULL &&
		    gap_is(nt->norm, t->b, n->a, false) &&
		    (strcmp(n->asc, "family") == 0 ||
		    strcmp(n->asc, "familj") == 0) &&
		    is_sur(nd, t, false)) {
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
			if (!is_staff(nt, toks, i, i, sig))
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
		    !(n->lists & L_ROOM) && strlen(t->asc) >= 4 &&
		    t->asc[strlen(t->asc) - 1] == 's') {
			char *stem = g_strndup(t->asc, strlen(t->asc) - 1);

			if (g_hash_table_contains(nd->first, stem) &&
			    !g_hash_table_contains(nd->stop, stem) &&
			    !g_hash_table_contains(part, stem)) {
				emit(nt, t->a, t->b, "first name in the genitive",
				    out);
				g_free(stem);
				continue;
			}
			g_free(stem);
		}
		/* A surname in a file name: Plan_Nordqvist.docx; not a
		 * firm's, a company form among the next two tokens
		 * (session 18, a deliberate change in names.c) */
		if (file && !ends_in(t->asc, units, 0) &&
		    !ref_file_company(toks, i) &&
		    (n == NULL || !(n->lists & L_PLACE_NEXT)) &&
		    ((t->sur &&
		    g_utf8_strlen(t->asc, -1) >= 3) ||
		    ends_in(t->asc, morph_file, 5) ||
		    (t->low != NULL && ends_in(t->low, morph_dia, 5))))
			emit(nt, t->a, t->b, "surname in a file name", out);
	}
	for (i = 0; i < toks->len; i++)
		g_free(g_array_index(toks, struct tok, i).low);
	g_array_free(toks, TRUE);
	g_free(arena);
	g_hash_table_destroy(part);
}
