/*
 * nametok_test.c: the names tokenizer (rules/nametok.c) against a plain
 * reference on generated text. Each token's afold form must be
 * ntext_afold_into of its bytes, and lie in the text's afold (nt->afold)
 * at the afold length of the norm before it: tok_two copies it from
 * there instead of folding each letter. Its list bits must be those of
 * that form (names_word_bits: the tokenizer's hash and lookup), and the
 * scan words' offsets the first match inside a token's afold. The texts
 * mix ASCII words in every case, two-byte letters (every code point
 * U+0080..U+07FF, letters or not), characters of three and four bytes,
 * stray bytes, NUL, CamelCase humps (file names) and tokens at the very
 * end of the text (the last eight bytes of afold). The answer of
 * names.c's language test a token carries (uat) must be the one kept
 * for its bytes (check_uat).
 */
#include <string.h>
#include <glib.h>

#include "rules/detect.h"
#include "rules/ruledata.h"
#include "rules/text.h"
#include "rules/names.h"

static struct ruledata *rd;

/* The afold length of norm[from, to): NUL counts one byte, the rest
 * (valid UTF-8) what ntext_afold_into makes of it. */
static size_t
afold_len(const char *s, size_t from, size_t to)
{
	size_t n = 0;

	while (from < to) {
		const char *z = memchr(s + from, '\0', to - from);
		size_t e = z ? (size_t)(z - s) : to;

		if (e > from) {
			char *buf = g_malloc(2 * (e - from) + 1);

			g_assert_true(g_utf8_validate(s + from,
			    (gssize)(e - from), NULL));
			n += ntext_afold_into(buf, s + from, e - from);
			g_free(buf);
		}
		if (e < to) {
			n++;	/* the NUL */
			e++;
		}
		from = e;
	}
	return n;
}

/* A stand-in for names.c's unknown_at, a function of a token's bytes
 * as that is: their hash's bit 7. */
static bool
uat_ref(const struct ntext *nt, const struct tok *t)
{
	return (whash(nt->norm + t->a, t->b - t->a) >> 7) & 1;
}

/* A token's uat is the answer names_tok_uat kept for its bytes (in
 * this or an earlier text, through the tokenizer's cache), or -1; when
 * -1, uat_ref's answer is kept for it. A cache entry of other bytes
 * that took the answer would show as a wrong uat in a later text. */
static bool
check_uat(const struct names_data *nd, const struct ntext *nt,
    struct tok *t, const char *what, size_t id, size_t q)
{
	bool r = uat_ref(nt, t);

	if (t->uat >= 0 && t->uat != r) {
		g_test_message("%s %zu: token %zu's uat differs", what, id, q);
		return false;
	}
	if (t->uat < 0)
		names_tok_uat(nd, nt, t, r);
	return t->uat == r;
}

/* Tokenizes nt one way and checks every token; returns false (with a
 * message naming the case, not the text) on a difference. */
static bool
check_toks(const struct names_data *nd, const struct ntext *nt, bool camel,
    size_t nsw, const char *what, size_t id)
{
	struct toks tk;
	size_t ao = 0, pb = 0, want[N_SW];
	bool ok = true;

	for (size_t k = 0; k < N_SW; k++)
		want[k] = SIZE_MAX;
	names_tokenize(nd, NULL, nt, camel, nsw, &tk);
	for (size_t q = 0; q < tk.n && ok; q++) {
		const struct tok *t = &tk.v[q];
		size_t n = t->b - t->a;
		char *exp = g_malloc(2 * n + 1);
		size_t en;
		unsigned bits;

		g_assert_cmpuint(t->a, >=, pb);
		g_assert_cmpuint(t->b, >, t->a);
		g_assert_cmpuint(t->b, <=, nt->len);
		g_assert_true(g_utf8_validate(nt->norm + t->a, (gssize)n, NULL));
		en = ntext_afold_into(exp, nt->norm + t->a, n);
		ao += afold_len(nt->norm, pb, t->a);
		bits = names_word_bits(nd, exp, en);
		if (t->alen != en || memcmp(t->asc, exp, en) != 0 ||
		    t->asc[en] != '\0') {
			g_test_message("%s %zu: token %zu's afold differs",
			    what, id, q);
			ok = false;
		} else if (ao + en > nt->alen ||
		    memcmp(nt->afold + ao, exp, en) != 0) {
			g_test_message("%s %zu: token %zu is not in the "
			    "text's afold", what, id, q);
			ok = false;
		} else if (t->lists != (bits & 0xFFFFu) ||
		    t->first != !!(bits & W_FIRST) ||
		    t->sur != !!(bits & W_SUR) ||
		    t->stop != !!(bits & W_STOP) ||
		    t->notname != !!(bits & W_NOTNAME)) {
			g_test_message("%s %zu: token %zu's list bits differ",
			    what, id, q);
			ok = false;
		}
		for (size_t k = 0; k < nsw; k++) {
			const char *w = names_scan_word(k);
			const char *at = want[k] == SIZE_MAX ?
			    g_strstr_len(exp, (gssize)en, w) : NULL;

			if (at != NULL)
				want[k] = ao + (size_t)(at - exp);
		}
		ao += en;
		pb = t->b;
		g_free(exp);
	}
	if (ok && ao + afold_len(nt->norm, pb, nt->len) != nt->alen) {
		g_test_message("%s %zu: the afold lengths differ", what, id);
		ok = false;
	}
	for (size_t q = 0; q < tk.n && ok; q++)
		ok = check_uat(nd, nt, &tk.v[q], what, id, q);
	for (size_t k = 0; ok && k < nsw; k++)
		if (tk.found[k] != want[k]) {
			g_test_message("%s %zu: scan word %zu found at %zu, "
			    "not %zu", what, id, k, tk.found[k], want[k]);
			ok = false;
		}
	names_toks_free(&tk);
	return ok;
}

/* All four ways the detector tokenizes (camel splits only in file
 * names, which look for no scan word). */
static bool
check_text(const char *s, size_t len, const char *what, size_t id)
{
	struct ntext *nt = ntext_new(s, len);
	bool ok;

	g_assert_nonnull(nt);
	ok = check_toks(rd->names, nt, false, N_SW, what, id) &&
	    check_toks(rd->names, nt, false, 0, what, id) &&
	    check_toks(rd->names, nt, true, 0, what, id);
	ntext_free(nt);
	return ok;
}

static void
add_unichar(GRand *r, GString *s, gunichar lo, gunichar hi)
{
	gunichar c;

	do
		c = (gunichar)g_rand_int_range(r, (gint32)lo, (gint32)hi);
	while (c >= 0xD800 && c <= 0xDFFF);
	g_string_append_unichar(s, c);
}

/* One random piece: a word (ASCII in some case, or with two-byte
 * letters inside), a character of two, three or four bytes, a stray
 * byte, a NUL or a separator. */
static void
add_piece(GRand *r, GString *s)
{
	static const char *const twob[] = { "å", "ä", "ö", "é", "ü", "ø",
	    "ß", "æ", "Æ", "ñ", "ç", "Å", "Ä", "Ö", "É", "İ", "ı", "ł", "đ",
	    "ǅ", "ǆ", "Ǆ", "ª", "\u0301", "\u00a0", "Σ", "ς", "Ж" };
	/* three and four bytes: letters, marks, and the only non-letters
	 * whose afold is shorter (≠ ≮ ≯: "=" and a dropped mark) */
	static const char *const other[] = { "ẞ", "ﬁ", "–", "“", "€", "ḿ",
	    "Ḿ", "ǰ", "\u200b", "\u00ad", "𝐀", "中", "ﬀ", "Ⅻ", "ⓐ",
	    "\u20d7", "\U0001d167", "≠", "≮", "≯" };
	static const char *const sep[] = { " ", " ", " ", ". ", ", ", "-",
	    "'", "\n", "_", "1", "2025", "/", "(", ")" };
	guint32 what = (guint32)g_rand_int_range(r, 0, 100);

	if (what < 50) {
		guint32 len = (guint32)g_rand_int_range(r, 1, 21);
		int how = g_rand_int_range(r, 0, 5);

		for (guint32 q = 0; q < len; q++) {
			char c = (char)('a' + g_rand_int_range(r, 0, 26));
			int k = g_rand_int_range(r, 0, 8);

			if (how >= 2 && k == 0) {
				g_string_append(s, twob[g_rand_int_range(r, 0,
				    G_N_ELEMENTS(twob))]);
				continue;
			}
			if (how >= 3 && k == 1) {
				add_unichar(r, s, 0x80, 0x800);
				continue;
			}
			if ((q == 0 && how != 4) || how == 1 ||
			    (how == 4 && k == 2))	/* humps */
				c = g_ascii_toupper(c);
			g_string_append_c(s, c);
		}
	} else if (what < 58)
		add_unichar(r, s, 0x80, 0x800);
	else if (what < 62)
		g_string_append(s, other[g_rand_int_range(r, 0,
		    G_N_ELEMENTS(other))]);
	else if (what < 65)
		add_unichar(r, s, 0x800, 0x10000);
	else if (what < 67)
		add_unichar(r, s, 0x10000, 0x110000);
	else if (what < 69)
		g_string_append_c(s, (char)g_rand_int_range(r, 0x80, 0x100));
	else if (what < 71)
		g_string_append_len(s, "", 1);	/* a NUL */
	else
		g_string_append(s, sep[g_rand_int_range(r, 0,
		    G_N_ELEMENTS(sep))]);
}

static void
test_random(void)
{
	GRand *r = g_rand_new_with_seed(20261207);
	GString *s = g_string_new(NULL);
	size_t bad = 0, cases = g_test_thorough() ? 200000 : 20000;

	for (size_t i = 0; i < cases; i++) {
		guint32 n = (guint32)g_rand_int_range(r, 1,
		    i % 40 == 0 ? 300 : 16);

		g_string_truncate(s, 0);
		for (guint32 k = 0; k < n; k++)
			add_piece(r, s);
		if (!check_text(s->str, s->len, "random case", i))
			bad++;
	}
	g_assert_cmpuint(bad, ==, 0);
	g_string_free(s, TRUE);
	g_rand_free(r);
}

/* Every two-byte code point inside, before and after ASCII letters,
 * alone, and at the very end of the text (in the last afold bytes). */
static void
test_codepoints2(void)
{
	static const char *const tmpl[][2] = {
		{ "m", "te Karlsson" }, { "Ma", "" }, { "", "berg och" },
		{ " ", " " }, { "Annas", "Sj" }, { "ab", "cdefghijklmnopq " },
		{ "abcdefg", "" }, { "Sven", "Karl" },
	};
	GString *s = g_string_new(NULL);
	size_t bad = 0;

	for (gunichar c = 0x80; c < 0x800; c++)
		for (size_t t = 0; t < G_N_ELEMENTS(tmpl); t++) {
			g_string_assign(s, tmpl[t][0]);
			g_string_append_unichar(s, c);
			g_string_append(s, tmpl[t][1]);
			g_string_append_unichar(s, c);
			if (!check_text(s->str, s->len, "code point", c))
				bad++;
		}
	g_assert_cmpuint(bad, ==, 0);
	g_string_free(s, TRUE);
}

/* The tokenizer keeps short runs (up to 15 bytes) in a per-thread
 * cache by their bytes: texts from a small vocabulary (random words as
 * in test_random, listed words, words with a letter of two, three or
 * four bytes, Σ, which folds by context) repeat each run many times, so
 * most tokens come from the cache, each checked against the reference
 * as in test_random; and after another names_data (the cache is
 * emptied), again. */
static void
test_cache(void)
{
	static const char *const fixed[] = { "Anna", "Svensson", "och",
	    "hälsningar", "Mvh", "familjen", "medarbetare", "Välkommen",
	    "ΣΑΣ", "Σam", "ÅÄÖ", "Öberg", "Ǆemal", "ﬁlip", "Ⅻx", "McKay",
	    "mobilappen", "Återställ", "Telefonkonferens", "ab\u00adcd",
	    "Jönköpingsvägen", "ǰǰǰǰǰǰǰ", "abcdefg", "abcdefgh",
	    "abcdefghijklmno", "abcdefghijklmnop", "bror", "Dr" };
	static const char *const sep[] = { " ", " ", ", ", ". ", "-", "\n",
	    "'", "1", "", "\u2013" };
	GRand *r = g_rand_new_with_seed(20261208);
	GString *s = g_string_new(NULL);
	GPtrArray *voc = g_ptr_array_new_with_free_func(g_free);
	struct ruledata *rd2;
	char err[512];
	size_t bad = 0;

	for (size_t k = 0; k < G_N_ELEMENTS(fixed); k++)
		g_ptr_array_add(voc, g_strdup(fixed[k]));
	for (size_t k = 0; k < 60; k++) {
		do {
			g_string_truncate(s, 0);
			add_piece(r, s);
		} while (s->len == 0);
		g_ptr_array_add(voc, g_strndup(s->str, s->len));
	}
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < 3000; i++) {
			guint32 n = (guint32)g_rand_int_range(r, 1, 40);

			g_string_truncate(s, 0);
			for (guint32 k = 0; k < n; k++) {
				g_string_append(s, g_ptr_array_index(voc,
				    g_rand_int_range(r, 0, (gint32)voc->len)));
				g_string_append(s, sep[g_rand_int_range(r, 0,
				    G_N_ELEMENTS(sep))]);
			}
			if (!check_text(s->str, s->len, "cache case", i))
				bad++;
		}
		/* another names_data empties the cache */
		rd2 = ruledata_new(NULL, err, sizeof(err));
		g_assert_nonnull(rd2);
		g_assert_cmpuint(rd2->names->serial, !=, rd->names->serial);
		{
			struct ruledata *keep = rd;

			rd = rd2;
			g_assert_true(check_text("Anna Svensson och Mvh",
			    21, "other", 0));
			rd = keep;
		}
		ruledata_free(rd2);
	}
	g_assert_cmpuint(bad, ==, 0);
	g_ptr_array_free(voc, TRUE);
	g_string_free(s, TRUE);
	g_rand_free(r);
}

int
main(int argc, char **argv)
{
	char err[512];

	g_test_init(&argc, &argv, NULL);
	rd = ruledata_new(NULL, err, sizeof(err));
	g_assert_nonnull(rd);
	g_test_add_func("/nametok/random", test_random);
	g_test_add_func("/nametok/codepoints2", test_codepoints2);
	g_test_add_func("/nametok/cache", test_cache);
	return g_test_run();
}
