/*
 * lexscan_test.c: the literal-set scanner against the PCRE2 alternation
 * it replaces ("(?:\Qw1\E|\Qw2\E...)", longest first, with and without
 * the letter/digit boundaries), on hand-written rows and on random text
 * built from the words' own pieces, so that matches, near misses,
 * overlaps and boundaries are frequent. Every match of the whole text
 * must agree (start and end).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <string.h>
#include <glib.h>
#include <pcre2.h>

#include "rules/lexscan.h"

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
	return g_test_run();
}
