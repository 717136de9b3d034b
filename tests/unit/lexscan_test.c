/*
 * lexscan_test.c: the literal-set scanner against the PCRE2 alternation
 * it replaces ("(?:\Qw1\E|\Qw2\E...)", longest first, with and without
 * the letter/digit boundaries), on hand-written rows and on random text
 * built from the words' own pieces, so that matches, near misses,
 * overlaps and boundaries are frequent. Every match of the whole text
 * must agree (start and end). And the scanner against its frozen former
 * self (lexscan_frozen.h) on the real lexicon: random text of its words,
 * their pieces and noise, and every code point next to words.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <string.h>
#include <glib.h>
#include <pcre2.h>

#include "rules/lexscan.h"
#include "rules/ruledata.h"
#include "rules/text.h"
#include "lexscan_frozen.h"

static const char *const words[] = {
	"orosanmälan", "orosanmäl", "oro", "missbruk", "missbruksvård",
	"lvu", "LVU", "LVM", "SoL", "sol", "barn", "barnavård", "barnavårdsutredning",
	"utredning", "psykosocial", "psyk", "ö", "åå", "a", "ab", "abc",
	"placering", "hiv", "F43", "§",
};

static gint
longer_first(gconstpointer a, gconstpointer b)
{
	return (int)strlen(*(char *const *)b) - (int)strlen(*(char *const *)a);
}

static pcre2_code *
reference(bool bounded)
{
	GPtrArray *w = g_ptr_array_new();
	GString *p = g_string_new(bounded ? "(?<![\\p{L}\\p{N}])(?:" : "(?:");
	pcre2_code *re;
	int ec;
	PCRE2_SIZE eo;

	for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
		g_ptr_array_add(w, (gpointer)words[i]);
	g_ptr_array_sort(w, longer_first);
	for (guint i = 0; i < w->len; i++)
		g_string_append_printf(p, "%s\\Q%s\\E", i ? "|" : "",
		    (char *)g_ptr_array_index(w, i));
	g_string_append(p, bounded ? ")(?![\\p{L}\\p{N}])" : ")");
	re = pcre2_compile((PCRE2_SPTR)p->str, p->len, PCRE2_UTF | PCRE2_UCP,
	    &ec, &eo, NULL);
	g_assert_nonnull(re);
	g_string_free(p, TRUE);
	g_ptr_array_free(w, TRUE);
	return re;
}

/* All matches of both, compared; returns how many there were. */
static size_t
compare(const struct lexscan *lx, const pcre2_code *re, const char *s,
    size_t len)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	size_t off = 0, n = 0, a, b;

	for (;;) {
		int rc = off <= len ? pcre2_match(re, (PCRE2_SPTR)s, len, off,
		    0, md, NULL) : -1;
		bool got = lex_next(lx, s, len, off, &a, &b);
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

		g_assert_cmpint(rc > 0, ==, got);
		if (!got)
			break;
		g_assert_cmpuint(a, ==, ov[0]);
		g_assert_cmpuint(b, ==, ov[1]);
		off = b;
		n++;
	}
	pcre2_match_data_free(md);
	return n;
}

static void
test_rows(void)
{
	static const char *const rows[] = {
		"", "x", "Orosanmälan", "orosanmälningar", "missbruksvårdens",
		"LVU-placering", "Solgläntan SoL", "SoL.", "barnavårdsutredningen",
		"aabcab abc", "öö åå ååå", "psykosocial", "11 kap. 1 § SoL",
		"F43.1", "2F43", "élvu lvu9 _lvu_",
	};

	for (int bounded = 0; bounded < 2; bounded++) {
		struct lexscan *lx = lex_new(words, G_N_ELEMENTS(words), bounded);
		pcre2_code *re = reference(bounded);

		for (size_t i = 0; i < G_N_ELEMENTS(rows); i++)
			compare(lx, re, rows[i], strlen(rows[i]));
		pcre2_code_free(re);
		lex_free(lx);
	}
}

static void
test_random(void)
{
	static const char *const glue[] = {
		" ", "-", "", "", "é", "9", "_", ".", "\n", "x", "Ö", "§",
	};
	GRand *r = g_rand_new_with_seed(8);
	size_t matches = 0;

	for (int bounded = 0; bounded < 2; bounded++) {
		struct lexscan *lx = lex_new(words, G_N_ELEMENTS(words), bounded);
		pcre2_code *re = reference(bounded);

		for (int t = 0; t < 3000; t++) {
			GString *s = g_string_new(NULL);
			int parts = g_rand_int_range(r, 1, 12);

			for (int k = 0; k < parts; k++) {
				const char *w = words[g_rand_int_range(r, 0,
				    G_N_ELEMENTS(words))];
				size_t wl = strlen(w);

				/* Whole words, or a cut at a character start. */
				if (g_rand_boolean(r) && wl > 1) {
					size_t cut = (size_t)g_rand_int_range(r, 1,
					    (gint32)wl);

					while (cut > 0 && ((unsigned char)w[cut] &
					    0xC0) == 0x80)
						cut--;
					wl = cut;
				}
				g_string_append_len(s, w, (gssize)wl);
				g_string_append(s, glue[g_rand_int_range(r, 0,
				    G_N_ELEMENTS(glue))]);
			}
			matches += compare(lx, re, s->str, s->len);
			g_string_free(s, TRUE);
		}
		pcre2_code_free(re);
		lex_free(lx);
	}
	/* The text is made of the words: most strings hold matches. */
	g_assert_cmpuint(matches, >, 5000);
	g_rand_free(r);
}

/* lex_scan_sets over three sets against lex_next on each set alone. */
struct got {
	GArray	*m[3];		/* size_t pairs per set */
};

static void
collect(void *arg, unsigned set, size_t a, size_t b)
{
	struct got *g = arg;

	g_assert_cmpuint(set, <, 3);
	g_array_append_val(g->m[set], a);
	g_array_append_val(g->m[set], b);
}

static void
test_sets(void)
{
	unsigned set_of[G_N_ELEMENTS(words)];
	const char *per[3][G_N_ELEMENTS(words)];
	size_t nper[3] = { 0, 0, 0 }, total = 0;
	GRand *r = g_rand_new_with_seed(9);

	for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
		set_of[i] = i % 3;
		per[i % 3][nper[i % 3]++] = words[i];
	}
	for (int bounded = 0; bounded < 2; bounded++) {
		struct lexscan *all = lex_new_sets(words, set_of,
		    G_N_ELEMENTS(words), bounded);
		struct lexscan *one[3];

		for (int k = 0; k < 3; k++)
			one[k] = lex_new(per[k], nper[k], bounded);
		for (int t = 0; t < 2000; t++) {
			GString *s = g_string_new(NULL);
			struct got g;

			for (int k = 0; k < 3; k++)
				g.m[k] = g_array_new(FALSE, FALSE, sizeof(size_t));
			for (int k = g_rand_int_range(r, 1, 12); k > 0; k--) {
				g_string_append(s, words[g_rand_int_range(r, 0,
				    G_N_ELEMENTS(words))]);
				if (g_rand_boolean(r))
					g_string_append(s, g_rand_boolean(r) ?
					    " " : "x");
			}
			lex_scan_sets(all, s->str, s->len, collect, &g);
			for (int k = 0; k < 3; k++) {
				size_t off = 0, a, b, i = 0;

				while (lex_next(one[k], s->str, s->len, off, &a,
				    &b)) {
					g_assert_cmpuint(i + 2, <=, g.m[k]->len);
					g_assert_cmpuint(g_array_index(g.m[k],
					    size_t, i), ==, a);
					g_assert_cmpuint(g_array_index(g.m[k],
					    size_t, i + 1), ==, b);
					i += 2;
					off = b;
					total++;
				}
				g_assert_cmpuint(i, ==, g.m[k]->len);
				g_array_free(g.m[k], TRUE);
			}
			g_string_free(s, TRUE);
		}
		for (int k = 0; k < 3; k++)
			lex_free(one[k]);
		lex_free(all);
	}
	g_assert_cmpuint(total, >, 5000);
	g_rand_free(r);
}

/* The frozen scanner against the new one: the same word sets, each
 * scanned both ways; every match (set, start, end) must agree, the word
 * index name the first word equal to the match, and lex_next agree with
 * the old lex_next from any offset. */
struct wset {
	GPtrArray	*w;		/* char * */
	GArray		*set;		/* unsigned */
};

struct seen {
	GArray		*m;		/* size_t triples: set, a, b */
	const char	*s;
	const struct wset *ws;
};

static void
seen_old(void *arg, unsigned set, size_t a, size_t b)
{
	struct seen *g = arg;
	size_t t[3] = { set, a, b };

	g_array_append_vals(g->m, t, 3);
}

static void
seen_new(void *arg, unsigned set, size_t a, size_t b, size_t word)
{
	struct seen *g = arg;
	size_t t[3] = { set, a, b };

	g_assert_cmpuint(word, <, g->ws->w->len);
	g_assert_cmpuint(strlen(g_ptr_array_index(g->ws->w, word)), ==, b - a);
	g_assert_true(memcmp(g_ptr_array_index(g->ws->w, word), g->s + a,
	    b - a) == 0);
	for (size_t i = 0; i < word; i++) {
		const char *o = g_ptr_array_index(g->ws->w, i);

		g_assert_false(strlen(o) == b - a && memcmp(o, g->s + a,
		    b - a) == 0);
	}
	g_array_append_vals(g->m, t, 3);
}

static size_t
differ(const struct old_lexscan *old, const struct lexscan *lx,
    const struct wset *ws, const char *s, size_t len, size_t from)
{
	struct seen o = { g_array_new(FALSE, FALSE, sizeof(size_t)), s, ws };
	struct seen n = { g_array_new(FALSE, FALSE, sizeof(size_t)), s, ws };
	size_t off, a, b, oa, ob, found;

	old_lex_scan_sets(old, s, len, seen_old, &o);
	lex_scan_words(lx, s, len, seen_new, &n);
	g_assert_cmpuint(o.m->len, ==, n.m->len);
	for (guint i = 0; i < o.m->len; i++)
		g_assert_cmpuint(g_array_index(o.m, size_t, i), ==,
		    g_array_index(n.m, size_t, i));
	g_array_set_size(n.m, 0);
	lex_scan_sets(lx, s, len, seen_old, &n);
	g_assert_cmpuint(o.m->len, ==, n.m->len);
	g_assert_true(o.m->len == 0 || memcmp(o.m->data, n.m->data,
	    o.m->len * sizeof(size_t)) == 0);
	found = o.m->len / 3;
	g_array_free(o.m, TRUE);
	g_array_free(n.m, TRUE);
	for (off = from;;) {
		bool got = old_lex_next(old, s, len, off, &oa, &ob);

		g_assert_cmpint(got, ==, lex_next(lx, s, len, off, &a, &b));
		if (!got)
			break;
		g_assert_cmpuint(a, ==, oa);
		g_assert_cmpuint(b, ==, ob);
		off = b;
	}
	return found;
}

static void
wset_add(struct wset *ws, const char *w, unsigned set)
{
	g_ptr_array_add(ws->w, g_strdup(w));
	g_array_append_val(ws->set, set);
}

/* The word sets of lexicon_sets(). */
#define N_LEXSETS	7

/* Adds one lexicon file's words: an abbreviation (or a whole word of
 * forms.txt, which topic.c matches as one) to ab, a lower-case one
 * capitalised too; the others in afold to fold. */
static void
lexicon_file(const char *name, struct wset *fold, struct wset *ab)
{
	char err[256], *text, **lines;

	text = ruledata_read(NULL, name, NULL, err, sizeof(err));
	g_assert_nonnull(text);
	lines = g_strsplit(text, "\n", -1);
	g_free(text);
	for (size_t i = 0; lines[i] != NULL; i++) {
		char **f = g_strsplit(g_strchomp(lines[i]), "\t", 3);

		if (lines[i][0] != '#' && g_strv_length(f) == 3) {
			bool abv = strstr(f[1], "abbrev") != NULL ||
			    !strcmp(f[1], "word") || !strcmp(f[1], "act");
			unsigned set = !strcmp(f[1], "exclude") ? 1 :
			    !strcmp(f[1], "general") ? 2 :
			    !strcmp(f[1], "general-abbrev") ? 1 : 0;

			if (abv) {
				wset_add(ab, f[2], set);
				if (g_ascii_islower(f[2][0])) {
					char *cap = g_strdup(f[2]);

					cap[0] = g_ascii_toupper(cap[0]);
					wset_add(ab, cap, set);
					g_free(cap);
				}
			} else {
				char *a = ntext_afold_str(f[2], strlen(f[2]));

				wset_add(fold, a, set);
				g_free(a);
			}
		}
		g_strfreev(f);
	}
	g_strfreev(lines);
}

/* The lexicon's word sets as topic.c builds them: on afold the stems,
 * exclusions and general words (sets 0, 1, 2) of both files, on norm
 * the abbreviations and general abbreviations (sets 0, 1) of
 * topics.txt alone (a word's first byte among 8 or fewer) and (4) with
 * the whole words of forms.txt (many first bytes, all letters); then
 * the hand-written words, short words alone, words starting with a
 * byte that is no letter (5), and words of 4 bytes among longer ones
 * (6; the unbounded vector path takes a few of them). */
static void
lexicon_sets(struct wset ws[N_LEXSETS])
{
	static const char *const odd[] = { "1177", "112", "_lvu", "#vab",
	    "LVU", "lvu", "-orosanm\xc3\xa4lan", "9kap", "_", "x_y" };
	static const char *const four[] = { "kurs", "v\xc3\xa5rd", "barn",
	    "hiv-", "lvu ", "barnavard", "missbruk", "utredning" };
	struct wset none;

	for (int k = 0; k < N_LEXSETS; k++) {
		ws[k].w = g_ptr_array_new_with_free_func(g_free);
		ws[k].set = g_array_new(FALSE, FALSE, sizeof(unsigned));
	}
	none.w = g_ptr_array_new_with_free_func(g_free);
	none.set = g_array_new(FALSE, FALSE, sizeof(unsigned));
	lexicon_file("lexicon/topics.txt", &ws[0], &ws[1]);
	lexicon_file("lexicon/topics.txt", &none, &ws[4]);
	lexicon_file("lexicon/forms.txt", &ws[0], &ws[4]);
	g_ptr_array_free(none.w, TRUE);
	g_array_free(none.set, TRUE);
	for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
		wset_add(&ws[2], words[i], (unsigned)i % 3);
	for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
		if (strlen(words[i]) <= 3)
			wset_add(&ws[3], words[i], (unsigned)i % 2);
	for (size_t i = 0; i < G_N_ELEMENTS(odd); i++)
		wset_add(&ws[5], odd[i], (unsigned)i % 2);
	for (size_t i = 0; i < G_N_ELEMENTS(four); i++)
		wset_add(&ws[6], four[i], (unsigned)i % 3);
	g_assert_cmpuint(ws[0].w->len, >, 100);
	g_assert_cmpuint(ws[1].w->len, >, 10);
	g_assert_cmpuint(ws[4].w->len, >, 300);
}

static void
append_cp(GString *s, gunichar c)
{
	char u[6];

	g_string_append_len(s, u, g_unichar_to_utf8(c, u));
}

/* A random piece: a word (as it is, upper or lower case), a piece of
 * one, or noise (ASCII, Latin letters, any code point, a raw byte). */
static void
append_piece(GString *s, GRand *r, const struct wset *ws)
{
	const char *w = g_ptr_array_index(ws->w, g_rand_int_range(r, 0,
	    (gint32)ws->w->len));
	size_t wl = strlen(w), a = 0, b = wl;
	char *t;

	switch (g_rand_int_range(r, 0, 9)) {
	case 0:
	case 1:
	case 2:
		g_string_append(s, w);
		break;
	case 3:
		t = g_rand_boolean(r) ? g_utf8_strup(w, -1) :
		    g_utf8_strdown(w, -1);
		g_string_append(s, t);
		g_free(t);
		break;
	case 4:
		/* A piece at character starts. */
		if (wl > 1) {
			a = (size_t)g_rand_int_range(r, 0, (gint32)wl);
			b = (size_t)g_rand_int_range(r, (gint32)a, (gint32)wl) + 1;
			while (a > 0 && ((unsigned char)w[a] & 0xC0) == 0x80)
				a--;
			while (b < wl && ((unsigned char)w[b] & 0xC0) == 0x80)
				b++;
		}
		g_string_append_len(s, w + a, (gssize)(b - a));
		break;
	case 5:
		g_string_append_c(s, " -.,:;/()#\n0123456789_xX"[
		    g_rand_int_range(r, 0, 24)]);
		break;
	case 6:
		append_cp(s, (gunichar)g_rand_int_range(r, 0xC0, 0x250));
		break;
	case 7:
		{
			gunichar c = (gunichar)g_rand_int_range(r, 1, 0x110000);

			if (c < 0xD800 || c > 0xDFFF)
				append_cp(s, c);
		}
		break;
	default:
		g_string_append_c(s, (char)g_rand_int_range(r, 1, 256));
		break;
	}
}

static void
test_frozen(void)
{
	struct wset ws[N_LEXSETS];
	GRand *r = g_rand_new_with_seed(10);
	size_t matches = 0;

	lexicon_sets(ws);
	for (int k = 0; k < N_LEXSETS; k++)
		for (int bounded = 0; bounded < 2; bounded++) {
			const char *const *w = (const char *const *)ws[k].w->pdata;
			const unsigned *set = (const unsigned *)(const void *)
			    ws[k].set->data;
			struct old_lexscan *old = old_lex_new_sets(w, set,
			    ws[k].w->len, bounded);
			struct lexscan *lx = lex_new_sets(w, set, ws[k].w->len,
			    bounded);

			/* Random text of words, pieces and noise. */
			for (int t = 0; t < 4000; t++) {
				GString *s = g_string_new(NULL);
				int parts = g_rand_int_range(r, 0, 40);

				for (int i = 0; i < parts; i++)
					append_piece(s, r, &ws[k]);
				matches += differ(old, lx, &ws[k], s->str, s->len,
				    s->len > 0 ? (size_t)g_rand_int_range(r, 0,
				    (gint32)s->len) : 0);
				matches += differ(old, lx, &ws[k], s->str, s->len, 0);
				g_string_free(s, TRUE);
			}
			/* Every code point between words, 256 a text. */
			for (gunichar c = 1; c < 0x110000;) {
				GString *s = g_string_new(NULL);

				for (int i = 0; i < 256 && c < 0x110000; i++, c++) {
					if (c >= 0xD800 && c <= 0xDFFF)
						continue;
					g_string_append(s, g_ptr_array_index(ws[k].w,
					    (c * 7) % ws[k].w->len));
					append_cp(s, c);
				}
				matches += differ(old, lx, &ws[k], s->str, s->len, 0);
				g_string_free(s, TRUE);
			}
			lex_free(lx);
			old_lex_free(old);
		}
	for (int k = 0; k < N_LEXSETS; k++) {
		g_ptr_array_free(ws[k].w, TRUE);
		g_array_free(ws[k].set, TRUE);
	}
	g_assert_cmpuint(matches, >, 100000);
	g_rand_free(r);
}

/* The vector paths (bounded: positions after a non-letter; unbounded:
 * every other position, 4-byte words by their first bytes): each word
 * of the lexicon's sets at every offset 0..40 of fillers that match
 * nothing, near-miss fillers made of the words' pieces, next to another
 * word and at the very end; and a set with more 4-byte words than the
 * vector test takes, and one with more 3-byte words than the second
 * filter (flen + 1 bytes) takes. */
static void
test_offsets(void)
{
	static const char *const fill[] = {
	    "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq",
	    "  .. ,,  ;;  --  \n\n  ()  __  ##  //  ::  ..  ,,  ;;  ",
	    "xy7 Qz. Xq-9 zz,x Yq 1x xX9 q-q zZ x7 .Q qy Zx 3q qx yy ",
	    "\xc3\xa5x \xc3\xb6q- \xe2\x80\x8b\xc3\xa4\xc3\x84 Zq\xc3\xa9 "
	    "\xcc\x88q x\xc3\x96x q\xc2\xa0q \xc3\xa5\xc3\xa5 xq" };
	struct wset ws[N_LEXSETS + 2];
	size_t matches = 0;

	lexicon_sets(ws);
	for (int k = N_LEXSETS; k < N_LEXSETS + 2; k++) {
		ws[k].w = g_ptr_array_new_with_free_func(g_free);
		ws[k].set = g_array_new(FALSE, FALSE, sizeof(unsigned));
	}
	for (unsigned i = 0; i < 12; i++) {
		char w[8];

		g_snprintf(w, sizeof(w), "%c%cab", 'a' + i, 'k' + i);
		wset_add(&ws[N_LEXSETS], w, i % 3);
		g_snprintf(w, sizeof(w), "%c%cabcd", 'a' + i, 'k' + i);
		wset_add(&ws[N_LEXSETS], w, (i + 1) % 3);
	}
	for (unsigned i = 0; i < 40; i++) {
		char w[8];

		g_snprintf(w, sizeof(w), "%c%c%c", 'A' + i % 26, 'k' + i % 9,
		    'a' + i / 9);
		wset_add(&ws[N_LEXSETS + 1], w, i % 2);
		g_snprintf(w, sizeof(w), "%c%cx\xc3\xa5", 'a' + i % 26,
		    'k' + i % 9);
		wset_add(&ws[N_LEXSETS + 1], w, (i + 1) % 2);
	}
	for (int k = 0; k < N_LEXSETS + 2; k++)
		for (int bounded = 0; bounded < 2; bounded++) {
			const char *const *w = (const char *const *)ws[k].w->pdata;
			const unsigned *set = (const unsigned *)(const void *)
			    ws[k].set->data;
			struct old_lexscan *old = old_lex_new_sets(w, set,
			    ws[k].w->len, bounded);
			struct lexscan *lx = lex_new_sets(w, set, ws[k].w->len,
			    bounded);

			for (guint i = 0; i < ws[k].w->len; i++)
				for (size_t f = 0; f < G_N_ELEMENTS(fill); f++)
					for (size_t o = 0; o <= 40; o++) {
						GString *s = g_string_new(NULL);
						const char *x = w[(i * 5 + o) %
						    ws[k].w->len];

						g_string_append_len(s, fill[f],
						    (gssize)o);
						g_string_append(s, w[i]);
						matches += differ(old, lx, &ws[k],
						    s->str, s->len, 0);
						g_string_append(s, fill[f] + o % 7);
						matches += differ(old, lx, &ws[k],
						    s->str, s->len, 0);
						/* a piece of another word, then
						 * one whole, glued */
						g_string_truncate(s, o);
						g_string_append_len(s, x,
						    (gssize)(strlen(x) / 2));
						g_string_append(s, w[i]);
						g_string_append(s, x);
						g_string_append_len(s, fill[f],
						    (gssize)(o % 19));
						matches += differ(old, lx, &ws[k],
						    s->str, s->len, 0);
						g_string_free(s, TRUE);
					}
			lex_free(lx);
			old_lex_free(old);
		}
	for (int k = 0; k < N_LEXSETS + 2; k++) {
		g_ptr_array_free(ws[k].w, TRUE);
		g_array_free(ws[k].set, TRUE);
	}
	g_assert_cmpuint(matches, >, 100000);
}

static void
test_empty(void)
{
	size_t a, b;

	g_assert_null(lex_new(words, 0, false));
	g_assert_false(lex_next(NULL, "oro", 3, 0, &a, &b));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/lexscan/rows", test_rows);
	g_test_add_func("/lexscan/random", test_random);
	g_test_add_func("/lexscan/sets", test_sets);
	g_test_add_func("/lexscan/empty", test_empty);
	g_test_add_func("/lexscan/frozen", test_frozen);
	g_test_add_func("/lexscan/offsets", test_offsets);
	return g_test_run();
}
