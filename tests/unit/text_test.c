/*
 * text_test.c: the normalised views of a field (rules/text.c): NFC,
 * zero-width characters, soft hyphens, dashes, space variants, full-width
 * digits, invalid bytes, the case-folded and the diacritic-free (afold)
 * views, and that every span maps back to exactly the original bytes.
 * HTML entities are not here: parse/ decodes them before text.c runs.
 * Rows are named by id; failure messages never print row text.
 */
#include <string.h>
#include <glib.h>

#include "rules/text.h"

struct row {
	const char	*id;
	const char	*in;
	const char	*norm;		/* expected norm */
	const char	*afold;		/* expected afold */
	const char	*needle;	/* a piece of norm ... */
	const char	*orig;		/* ... and the original bytes it maps to */
};

static const struct row rows[] = {
	{ "X01 combining ring composed (NFC)", "Sjo\xcc\x88" "berg",
	  "Sjöberg", "sjoberg", "öb", "o\xcc\x88" "b" },
	{ "X02 zero-width space removed", "Orosan\xe2\x80\x8bmälan",
	  "Orosanmälan", "orosanmalan", "nmä", "n\xe2\x80\x8bmä" },
	{ "X03 soft hyphen removed", "Barnavårds\xc2\xadutredning",
	  "Barnavårdsutredning", "barnavardsutredning", "dsu",
	  "ds\xc2\xadu" },
	{ "X04 BOM and word joiner removed", "\xef\xbb\xbf" "A\xe2\x81\xa0" "B",
	  "AB", "ab", "AB", "A\xe2\x81\xa0" "B" },
	{ "X05 en dash to hyphen", "640301\xe2\x80\x93" "3417",
	  "640301-3417", "640301-3417", "-3", "\xe2\x80\x93" "3" },
	{ "X06 minus sign to hyphen", "a\xe2\x88\x92" "b", "a-b", "a-b", "-",
	  "\xe2\x88\x92" },
	{ "X07 NBSP to space", "Anna\xc2\xa0" "Berg", "Anna Berg", "anna berg",
	  " ", "\xc2\xa0" },
	{ "X08 narrow NBSP to space", "12\xe2\x80\xaf" "kr", "12 kr", "12 kr",
	  "2 k", "2\xe2\x80\xaf" "k" },
	{ "X09 full-width digits", "\xef\xbc\x91\xef\xbc\x92", "12", "12", "2",
	  "\xef\xbc\x92" },
	{ "X10 invalid byte dropped", "a\xff" "b", "ab", "ab", "ab",
	  "a\xff" "b" },
	{ "X11 empty", "", "", "", "", "" },
	{ "X12 afold of Nordic letters", "ÅSA Ärlig Öberg", "ÅSA Ärlig Öberg",
	  "asa arlig oberg", "Öberg", "Öberg" },
	{ "X13 afold of letters without a decomposition",
	  "Paweł Đorđević Yılmaz Straße Ærø", "Paweł Đorđević Yılmaz Straße Ærø",
	  "pawel dordevic yilmaz strasse aero", "ł", "ł" },
	{ "X14 afold of Latin accents", "Hüseyin Öztürk José Çelik",
	  "Hüseyin Öztürk José Çelik", "huseyin ozturk jose celik", "é", "é" },
	{ "X15 dotted capital I", "İbrahim", "İbrahim", "ibrahim", "İb", "İb" },
	{ "X16 other scripts stay", "Мария محمد", "Мария محمد", "мария محمد",
	  "محمد", "محمد" },
	{ "X17 decomposed letter in afold", "Go\xcc\x88teborg", "Göteborg",
	  "goteborg", "ö", "o\xcc\x88" },
};

/* The byte offset of needle in hay, which must contain it. */
static size_t
offset_of(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);

	g_assert_nonnull(p);
	return (size_t)(p - hay);
}

static void
test_rows(void)
{
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		const struct row *r = &rows[i];
		struct ntext *nt = ntext_new(r->in, strlen(r->in));
		size_t a, b, oa, ob;
		char *fold;

		g_test_message("%s", r->id);
		g_assert_nonnull(nt);
		g_assert_cmpstr(nt->norm, ==, r->norm);
		g_assert_cmpuint(nt->len, ==, strlen(r->norm));
		g_assert_cmpstr(nt->afold, ==, r->afold);
		g_assert_cmpuint(nt->alen, ==, strlen(r->afold));
		/* fold: lower case, same length as norm */
		g_assert_cmpuint(strlen(nt->fold), ==, nt->len);
		fold = g_utf8_strdown(nt->norm, -1);
		if (strlen(fold) == nt->len)
			g_assert_cmpstr(nt->fold, ==, fold);
		g_free(fold);
		/* the norm span maps to exactly the original bytes */
		a = offset_of(nt->norm, r->needle);
		b = a + strlen(r->needle);
		ntext_span(nt, a, b, &oa, &ob);
		g_assert_cmpuint(ob - oa, ==, strlen(r->orig));
		g_assert_true(memcmp(r->in + oa, r->orig, ob - oa) == 0);
		/* the whole text maps to the whole input, minus dropped
		 * leading or trailing bytes */
		ntext_span(nt, 0, nt->len, &oa, &ob);
		g_assert_cmpuint(oa, <=, ob);
		g_assert_cmpuint(ob, <=, strlen(r->in));
		ntext_free(nt);
	}
	ntext_free(NULL);
	g_assert_null(ntext_new(NULL, 0));
}

/* An afold span maps to whole characters of norm and on to the
 * original: "Sjoberg" found in afold is "Sjöberg" in the text. */
static void
test_afold_span(void)
{
	static const char in[] = "Möte: Sjo\xcc\x88" "berg, Åsa";
	struct ntext *nt = ntext_new(in, strlen(in));
	size_t a = offset_of(nt->afold, "sjoberg"), na, nb, oa, ob;

	ntext_aspan(nt, a, a + strlen("sjoberg"), &na, &nb);
	g_assert_cmpuint(nb - na, ==, strlen("Sjöberg"));
	g_assert_true(memcmp(nt->norm + na, "Sjöberg", nb - na) == 0);
	ntext_span(nt, na, nb, &oa, &ob);
	g_assert_cmpuint(ob - oa, ==, strlen("Sjo\xcc\x88" "berg"));
	g_assert_true(memcmp(in + oa, "Sjo\xcc\x88" "berg", ob - oa) == 0);
	/* a span inside one letter's afold bytes covers the letter */
	a = offset_of(nt->afold, "asa");
	ntext_aspan(nt, a, a + 1, &na, &nb);
	g_assert_true(memcmp(nt->norm + na, "Å", nb - na) == 0);
	/* out of range and empty spans are clamped */
	ntext_aspan(nt, nt->alen + 5, nt->alen + 9, &na, &nb);
	g_assert_cmpuint(na, ==, nt->len);
	g_assert_cmpuint(nb, ==, nt->len);
	ntext_aspan(nt, 3, 3, &na, &nb);
	g_assert_cmpuint(na, ==, nb);
	ntext_free(nt);
	/* the string form equals the view */
	{
		char *s = ntext_afold_str("Ärende Öberg", strlen("Ärende Öberg"));

		g_assert_cmpstr(s, ==, "arende oberg");
		g_free(s);
		s = ntext_afold_str("a\xff", 2);	/* invalid: empty */
		g_assert_cmpstr(s, ==, "");
		g_free(s);
	}
}

/* Random bytes and random mixes of tricky characters: the maps stay
 * ordered and in range, so every span the detectors report is valid. */
static void
test_maps_random(void)
{
	static const char *const bits[] = { "a", "Å", "ö", "\xcc\x88",
	    "\xe2\x80\x8b", "\xc2\xad", "\xe2\x80\x93", "\xc2\xa0",
	    "\xef\xbc\x95", "İ", "ß", "æ", "\xff", "\xc3", " ", "7",
	    "\xf0\x9f\x98\x80", "Ș", "ł" };
	GRand *rnd = g_rand_new_with_seed(3);

	for (int round = 0; round < 2000; round++) {
		GString *s = g_string_new(NULL);
		int n = g_rand_int_range(rnd, 0, 40);
		struct ntext *nt;

		for (int k = 0; k < n; k++)
			g_string_append(s, bits[g_rand_int_range(rnd, 0,
			    G_N_ELEMENTS(bits))]);
		nt = ntext_new(s->str, s->len);
		g_assert_nonnull(nt);
		g_assert_true(g_utf8_validate(nt->norm, (gssize)nt->len, NULL));
		g_assert_true(g_utf8_validate(nt->afold, (gssize)nt->alen,
		    NULL));
		g_assert_cmpuint(nt->alen, <=, 2 * nt->len);
		for (size_t i = 0; i < nt->len; i++) {
			g_assert_cmpuint(nt->map[i], <, s->len);
			if (i > 0)
				g_assert_cmpuint(nt->map[i - 1], <=, nt->map[i]);
		}
		g_assert_cmpuint(nt->map[nt->len], ==, s->len);
		for (size_t i = 0; i < nt->alen; i++) {
			g_assert_cmpuint(nt->amap[i], <, nt->len);
			if (i > 0)
				g_assert_cmpuint(nt->amap[i - 1], <=,
				    nt->amap[i]);
		}
		g_assert_cmpuint(nt->amap[nt->alen], ==, nt->len);
		for (size_t a = 0; a <= nt->alen; a++) {
			size_t na, nb, oa, ob;

			ntext_aspan(nt, a, nt->alen, &na, &nb);
			g_assert_cmpuint(na, <=, nb);
			g_assert_cmpuint(nb, <=, nt->len);
			ntext_span(nt, na, nb, &oa, &ob);
			g_assert_cmpuint(oa, <=, ob);
			g_assert_cmpuint(ob, <=, s->len);
		}
		ntext_free(nt);
		g_string_free(s, TRUE);
	}
	g_rand_free(rnd);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/text/rows", test_rows);
	g_test_add_func("/text/afold-span", test_afold_span);
	g_test_add_func("/text/maps-random", test_maps_random);
	return g_test_run();
}
