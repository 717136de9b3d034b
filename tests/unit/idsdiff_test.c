/*
 * idsdiff_test: the identifier pass (det_identifiers and the three
 * detectors one by one) against the frozen copy of the code before the
 * speed work (ids_ref.h), on random texts made of identifier-like pieces
 * and noise: every hit must be identical (rule, kind, severity, span,
 * evidence, detail), and so must the digit runs. Failure messages give
 * the seed and the hit index only, never the text.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "ids_ref.h"
#include "rules/detect.h"
#include "rules/ruledata.h"
#include "rules/ids.h"

static struct ruledata	*rd;

static const char *const pieces[] = {
	"19", "20", "121212-1212", "19121212-1212", "1212121212", "121212+1212",
	"121212 1212", "20121212 1212", "640823-3234", "196408233234",
	"850101-0000", "0101010101", "20250219", "2025-02-19", "2016/08/03",
	"3/8 2016", "3.8.2016", "3 aug 2016", "15 år", "8-årig", "(15)",
	", 13", "2025/0219", "dnr 2025/0219", "journal", "journalnummer: ",
	"personnummer ", "pnr: ", "personnr", "född ", "samordningsnummer",
	"+46 70 123 45 67", "070-123 45 67", "0701234567", "08-123 456 78",
	"+46 8 465 004 56,,720418366#", "Mötes-ID: 412 660 395 017\n",
	"Meeting ID: 196 108 221 935\n", "Lösenkod: t8Qw2E\n",
	"Telefonkonferens-ID: 720 418 366#\n", "Phone Conference ID: ",
	"Konferens-ID för videokonferens: 1309021655\n", "Eller ring in ",
	"teams.microsoft.com", "zoom.us/j/123456789", "webex", "sip:",
	"Hitta ett lokalt nummer | Återställ PIN-kod\n", "Mobil: ",
	"mobil ", "hem: ", "privat ", "växel ", "Med vänlig hälsning\n",
	"Tel ", "Telefon: ", "anna.svensson@gmail.com", "a.b@hotmail.se",
	"kalle@example.org", "x@y", "Storgatan 12", "Storgatan 12 B lgh 1101",
	"c/o Svensson", "Bostadsadress: ", "Hemadress ", "kontor ",
	"Box 123", "123 45 Stockholm", "12345 Göteborg", "SE-123 45",
	"lgh 1203", "LMA-kort ", "LMA 12-345678-0", "bokning ", "reservation ",
	"order ", "ordernr 123456789", "kundnummer ", "kort 4111 1111 1111 1111",
	"IBAN SE45 5000 0000 0583 9825 7466", "bankgiro 5050-1055",
	"plusgiro 90 20 04-1", "passnummer 12345678", "T12345678",
	"ärende ", "patient ", "flicka ", "boy, 13", "mamma ", "barn ",
	"12", "123", "1234", "12345", "123456", "1234567", "12345678",
	"123456789", "1234567890", "12345678901", "123456789012",
	"-", "+", ",,", "#", "/", ".", ":", " ", " ", " ", "  ", "\n", "\n\n",
	"(", ")", ",", "å", "ä", "ö", "Ö", "é", "\t", "a", "b", "e", "x",
	"Hej", "och", "möte", "kl. 14.00", "v. 12", "rum 4", "2 st",
};

static const char noise[] = "abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789"
    "0123456789 .,:;-+/#()@\n";

static char *
rand_text(GRand *g, size_t *lenp)
{
	GString *s = g_string_new(NULL);
	int n = g_rand_int_range(g, 1, 120);

	for (int i = 0; i < n; i++) {
		if (g_rand_int_range(g, 0, 4) == 0) {
			int k = g_rand_int_range(g, 1, 6);

			for (int j = 0; j < k; j++)
				g_string_append_c(s, noise[g_rand_int_range(g,
				    0, (gint32)sizeof(noise) - 1)]);
		} else
			g_string_append(s, pieces[g_rand_int_range(g, 0,
			    (gint32)G_N_ELEMENTS(pieces))]);
	}
	*lenp = s->len;
	return g_string_free(s, FALSE);
}

static void
same_hits(const struct hitlist *a, const struct hitlist *b, guint32 seed,
    const char *what)
{
	if (a->n != b->n)
		g_error("seed %u %s: %zu hits, reference %zu", seed, what,
		    a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct hit *x = &a->v[i], *y = &b->v[i];

		if (strcmp(x->rule, y->rule) != 0 || x->kind != y->kind ||
		    x->sev != y->sev || x->start != y->start ||
		    x->end != y->end || strcmp(x->evidence, y->evidence) != 0 ||
		    strcmp(x->detail, y->detail) != 0)
			g_error("seed %u %s: hit %zu differs (%s vs %s)", seed,
			    what, i, x->rule, y->rule);
	}
}

static void
same_runs(const char *s, size_t len, guint32 seed)
{
	struct ids_runs a, b;

	ids_runs_init(&a, s, len);
	ref_ids_runs_init(&b, s, len);
	g_assert_cmpuint(a.n, ==, b.n);
	for (size_t i = 0; i < a.n; i++)
		if (a.v[i].p != b.v[i].p || a.v[i].n != b.v[i].n)
			g_error("seed %u: run %zu differs", seed, i);
	ids_runs_fini(&a);
	ref_ids_runs_fini(&b);
}

static void
check_text(const char *text, size_t len, guint32 seed, enum inv_field field)
{
	struct ntext *nt = ntext_new(text, len);
	struct hitlist a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	struct detctx ctx;
	static const struct {
		void (*now)(const struct detctx *, const struct ntext *,
		    struct hitlist *);
		void (*ref)(const struct detctx *, const struct ntext *,
		    struct hitlist *);
		const char *what;
	} d[] = {
		{ det_identifiers, ref_det_identifiers, "det_identifiers" },
		{ det_pnr, ref_det_pnr, "det_pnr" },
		{ det_ident, ref_det_ident, "det_ident" },
		{ det_contact, ref_det_contact, "det_contact" },
	};

	memset(&ctx, 0, sizeof(ctx));
	ctx.data = rd;
	ctx.field = field;
	ctx.ref_time = 1733313600;	/* 2024-12-04 12:00 UTC */
	for (size_t i = 0; i < G_N_ELEMENTS(d); i++) {
		d[i].now(&ctx, nt, &a);
		d[i].ref(&ctx, nt, &b);
		same_hits(&a, &b, seed, d[i].what);
		hits_reset(&a);
		hits_reset(&b);
	}
	same_runs(nt->norm, nt->len, seed);
	same_runs(text, len, seed);
	hits_clear(&a);
	hits_clear(&b);
	ntext_free(nt);
}

static void
test_random(void)
{
	static const enum inv_field fields[] = { FLD_DESCRIPTION, FLD_SUMMARY,
	    FLD_LOCATION };
	guint32 base = (guint32)g_test_rand_int();
	int rounds = g_test_slow() ? 200000 : 20000;

	for (int i = 0; i < rounds; i++) {
		guint32 seed = base + (guint32)i;
		GRand *g = g_rand_new_with_seed(seed);
		size_t len;
		char *t = rand_text(g, &len);

		check_text(t, len, seed, fields[seed % G_N_ELEMENTS(fields)]);
		g_free(t);
		g_rand_free(g);
	}
}

/* Every byte value in every position of a short digit context. */
static void
test_bytes(void)
{
	char buf[64];

	for (int c = 1; c < 256; c++)
		for (size_t at = 0; at < 40; at += 3) {
			memcpy(buf, "tel 070-123 45 67 pnr 121212-1212 x@y.se 1",
			    42);
			buf[at] = (char)c;
			buf[42] = '\0';
			check_text(buf, 42, (guint32)(c * 100 + (int)at),
			    FLD_DESCRIPTION);
		}
}

/* Keywords at the edges of the windows (30, 20, 40/25, 48/40, 60, 160,
 * 300 bytes), next to each other and overlapping ("mormor", "hemma
 * hos"), before and after each kind of candidate: the keyword searches
 * and their per-field cache must answer exactly as the plain search. */
static void
test_edges(void)
{
	static const char *const kws[] = {
		"personnummer", "pnr", "p-nr", "ssn", "order", "ref.", "po",
		"faktura", "tel", "mob", "+46", "lma", "dossier", "reservnr",
		"saknar personnummer", "journal", "född", "f.", "dnr",
		"flickan", "boy", "mamma", "mor", "mormor", "hemma hos",
		"hemma", "hem", "växel", "mvh", "med vänlig", "kontor",
		"rum", "lgh", "c/o", "bor på", "mötes-id", "passcode",
		"teams.microsoft.com", "sip:", "ring in", "webex",
	};
	static const char *const cands[] = {
		"121212-1212", "19121212-1212", "1212121212", "556036-0793",
		"0701234567", "070-123 45 67", "+46 70 123 45 67",
		"Storgatan 12", "123 45 Stockholm", "lgh 1203", "12-345678",
		"990512345678", "850315T123", "15 år", "2025/0219",
		"20250219", "3 aug 2016", "anna@gmail.com",
	};
	static const size_t gaps[] = { 0, 1, 2, 9, 10, 18, 19, 20, 21, 24,
	    25, 26, 29, 30, 31, 39, 40, 41, 47, 48, 49, 59, 60, 61, 159, 160,
	    161, 299, 300, 301 };
	guint32 seed = 0;

	for (size_t k = 0; k < G_N_ELEMENTS(kws); k++)
		for (size_t c = 0; c < G_N_ELEMENTS(cands); c++)
			for (size_t g = 0; g < G_N_ELEMENTS(gaps); g++) {
				GString *t = g_string_new(NULL);

				/* keyword before, gap, candidate, gap,
				 * keyword after; a filler word in the gap
				 * (so the keyword is a word of its own) */
				g_string_append(t, kws[k]);
				for (size_t i = 0; i < gaps[g]; i++)
					g_string_append_c(t, i % 7 == 3 ? 'x' : ' ');
				g_string_append(t, cands[c]);
				for (size_t i = 0; i < gaps[g]; i++)
					g_string_append_c(t, i % 7 == 3 ? 'x' : ' ');
				g_string_append(t, kws[(k + c) %
				    G_N_ELEMENTS(kws)]);
				check_text(t->str, t->len, seed,
				    (seed & 1) ? FLD_DESCRIPTION : FLD_SUBJECT);
				seed++;
				g_string_free(t, TRUE);
			}
}

/* Many candidates in one field, and fields over 64 KB (where the
 * per-field arrays grow on the heap): random texts joined. */
static void
test_long(void)
{
	guint32 base = (guint32)g_test_rand_int();
	int rounds = g_test_slow() ? 200 : 24;

	for (int i = 0; i < rounds; i++) {
		guint32 seed = base + (guint32)i;
		GRand *g = g_rand_new_with_seed(seed);
		GString *t = g_string_new(NULL);
		size_t want = (i & 1) ? 70 * 1024 : 9 * 1024;

		while (t->len < want) {
			size_t len;
			char *p = rand_text(g, &len);

			g_string_append_len(t, p, (gssize)len);
			g_free(p);
			/* the number-dense Teams lines, many at once */
			if (g_rand_int_range(g, 0, 4) == 0)
				g_string_append(t, "+46 8 465 004 56,,720418366# "
				    "070-174 06 05 Mobil: 0701234567 "
				    "121212-1212 Lärkvägen 8, 703 55 Örebro\n");
		}
		check_text(t->str, t->len, seed, (i % 3) == 0 ?
		    FLD_LOCATION : FLD_DESCRIPTION);
		g_string_free(t, TRUE);
		g_rand_free(g);
	}
}

/* Every ASCII byte, and letters, numbers and signs of other scripts,
 * right before and right after the candidates whose tries are decided
 * in C where the bytes around are ASCII (pnr_plain, phone_plain, the
 * number pre-check), the "x." pairs of pnr_pat's second look-behind,
 * and every byte between the parts of a phone number: the same hits as
 * the pattern everywhere. */
static void
test_borders(void)
{
	static const char *const cands[] = {
		"1212121212", "8503151238", "191212121212", "201212121212",
		"181212121212", "121212121212", "0701234567", "070-123 45 67",
		"08-12 34 56", "0123", "12-345678", "8-åringen", "850315-1238",
		"19850315-1238", "+46 70 123 45 67", "+46 (0)8 123 45",
		"+46(0) 8-123 45 67", "0046 8 123 456", "0046812345",
		"070 123 45 67 89 12 34", "070-123-45-67-89-12",
		"0701234567890123", "08 12 34 5", "08 12 34-5",
		"19850315+1238", "850315+1238", "850315-12389", "18850315-1238",
		"12850315-1238", "850315-123", "20121212-1212",
	};
	/* a byte between the parts of a phone number */
	static const char *const split[][2] = {
		{ "070", "1234567" }, { "+46", "8 123 45 67" },
		{ "+46 ", "(0)8 123 45" }, { "+46 (0)", "8 123 45" },
		{ "0046", "8123456" }, { "08 12 34", "5" }, { "08 12 345", "67" },
		{ "070-123 45 67", "89" }, { "0701234567", "1" },
		{ "850315-", "123" }, { "850315-12", "3" },
		{ "19850315-", "12" }, { "850315", "-1234" }, { "12-", "345678" },
		{ "8-", "ringen" }, { "850315", "1238" },
		{ "19850315", "1238" }, { "850315-", "1238" },
		{ "850315+", "1238" },
	};
	static const char *const wide[] = {
		"å", "Ö", "é", "ß", "ж", "²", "Ⅳ", "٣", "—", "·", "\xc2\xa0",
		"€", "あ", "x.", "x,", "x-", "1.", "1-", " .", " -", "(,", "é.",
		"ö-", "².", "-", ".", ",",
	};
	guint32 seed = 1;

	for (size_t c = 0; c < G_N_ELEMENTS(cands); c++) {
		for (int b = 1; b < 128 + (int)G_N_ELEMENTS(wide); b++) {
			char one[2] = { (char)b, '\0' };
			const char *x = b < 128 ? one : wide[b - 128];
			GString *t = g_string_new(NULL);

			/* before, after, both, and at the text's edges */
			g_string_printf(t, "ab %s%s yz", x, cands[c]);
			check_text(t->str, t->len, seed++, FLD_DESCRIPTION);
			g_string_printf(t, "ab %s%s yz", cands[c], x);
			check_text(t->str, t->len, seed++, FLD_DESCRIPTION);
			g_string_printf(t, "%s%s%s", x, cands[c], x);
			check_text(t->str, t->len, seed++, FLD_LOCATION);
			g_string_printf(t, "%s%s1", x, cands[c]);
			check_text(t->str, t->len, seed++, FLD_DESCRIPTION);
			g_string_free(t, TRUE);
		}
	}
	for (size_t c = 0; c < G_N_ELEMENTS(split); c++)
		for (int b = 1; b < 128 + (int)G_N_ELEMENTS(wide); b++) {
			char one[2] = { (char)b, '\0' };
			const char *x = b < 128 ? one : wide[b - 128];
			GString *t = g_string_new(NULL);

			g_string_printf(t, "mamma %s%s%s.", split[c][0], x,
			    split[c][1]);
			check_text(t->str, t->len, seed++, FLD_DESCRIPTION);
			g_string_printf(t, "%s%s%s", split[c][0], x,
			    split[c][1]);
			check_text(t->str, t->len, seed++, FLD_SUBJECT);
			g_string_free(t, TRUE);
		}
}

int
main(int argc, char **argv)
{
	char err[256];
	int rc;

	g_test_init(&argc, &argv, NULL);
	rd = g_new0(struct ruledata, 1);
	rd->pnr = pnr_data_new(NULL, err, sizeof(err));
	rd->ident = ident_data_new(NULL, err, sizeof(err));
	rd->contact = contact_data_new(NULL, err, sizeof(err));
	g_assert_nonnull(rd->pnr);
	g_assert_nonnull(rd->ident);
	g_assert_nonnull(rd->contact);
	g_test_add_func("/idsdiff/random", test_random);
	g_test_add_func("/idsdiff/bytes", test_bytes);
	g_test_add_func("/idsdiff/edges", test_edges);
	g_test_add_func("/idsdiff/long", test_long);
	g_test_add_func("/idsdiff/borders", test_borders);
	rc = g_test_run();
	pnr_data_free(rd->pnr);
	ident_data_free(rd->ident);
	contact_data_free(rd->contact);
	g_free(rd);
	return rc;
}
