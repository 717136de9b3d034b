/*
 * names_test.c: the name detector (rules/names.c) on single fields, one
 * row per behaviour: first name + surname, "Surname, Firstname", case
 * words, familjen, ages, morphology, spellings without diacritics,
 * all-caps and lower-case text, stop words, staff and room contexts,
 * participants' own names; the masked evidence and spans; the shipped
 * name lists (size, no duplicates, letters only) and list loading
 * errors. Rows are named by id: failure messages print no names.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "rules/detect.h"
#include "rules/ruledata.h"

static struct ruledata *rd;

struct row {
	const char	*id;
	enum inv_field	 field;
	const char	*text;
	bool		 want;		/* a name hit expected */
};

static const struct row rows[] = {
	/* first name + surname */
	{ "P01 first + listed surname", FLD_SUBJECT, "Uppföljning Emma Karlsson", true },
	{ "P02 first + weak surname ending", FLD_DESCRIPTION, "Lisa Grundell deltar", true },
	{ "P02b weak ending without a first name", FLD_DESCRIPTION, "Ekonomi Grundell", false },
	{ "P03 first + -ström", FLD_SUBJECT, "Möte: Oskar Vallström", true },
	{ "P04 first + -ović", FLD_SUMMARY, "Meeting Nikola Stankovović", true },
	{ "P05 immigrant names", FLD_SUBJECT, "Samtal Abdirahman Warsame", true },
	{ "P06 two first names", FLD_SUBJECT, "Avstämning Ali Hassan", true },
	{ "P07 relative with an initial", FLD_DESCRIPTION, "Mamman Y. Omar deltar", true },
	{ "P08 stop word first name + surname", FLD_SUBJECT, "Möte Per Holm", true },
	{ "P10 particle al-", FLD_SUBJECT, "Uppföljning Mohammed al-Hassan", true },
	{ "P11 particle Abu", FLD_DESCRIPTION, "Deltar: Omar Abu Bakr", true },
	{ "P12 particle before a word", FLD_DESCRIPTION, "Omar de flesta", false },
	{ "P13 initial and surname", FLD_DESCRIPTION, "Deltar: A. Svensson och mamma", true },
	{ "P14 initial and a word", FLD_DESCRIPTION, "Se bilaga B. Planering", false },
	{ "P15 the X family", FLD_SUMMARY, "Home visit, the Nguyen family", true },
	{ "P16 surname in the genitive", FLD_DESCRIPTION, "Emma Karlssons skolgång", true },
	/* a place named after a person is no client */
	{ "P17 street named after a person", FLD_SUBJECT, "Trafikplan Per Albin Hanssons väg", false },
	{ "P18 park named after a person", FLD_SUBJECT, "Möte om Astrid Lindgrens värld", false },
	{ "P19 the same name without the place", FLD_SUBJECT, "Möte om Astrid Lindgren", true },
	{ "P09 surname that is a word after a first name", FLD_SUBJECT,
	  "Orosanmälan – Lucas Falk", true },
	/* Surname, Firstname */
	{ "S01 Surname, Firstname", FLD_SUBJECT, "Vårdplanering Nordin, Selma", true },
	{ "S02 without diacritics", FLD_SUBJECT, "Vardplanering Sjoberg, Anna", true },
	{ "S03 comma list of words", FLD_SUBJECT, "Ekonomi, Budget", false },
	/* case words */
	{ "C01 SIP + first name", FLD_SUBJECT, "SIP för Alice", true },
	{ "C02 m. + first name", FLD_SUBJECT, "Samtal m. Hiba", true },
	{ "C03 meeting word + first name", FLD_SUBJECT, "Hembesök Abdirahman", true },
	{ "C04 relative word + first name", FLD_DESCRIPTION, "Pappan Yusuf ringer", true },
	{ "C05 trigger + stop word", FLD_SUBJECT, "Uppföljning per mejl", false },
	{ "C06 trigger + capitalised stop word", FLD_SUBJECT, "Samtal om Liv och Hälsa", false },
	{ "C07 trigger + month name", FLD_SUBJECT, "Sommarplanering för Juni", false },
	{ "C08 trigger + ordinary word", FLD_SUBJECT, "Möte med Försäkringskassan", false },
	{ "C09 trigger + listed surname", FLD_SUBJECT, "Hembesök hos Sjöström", true },
	{ "C10 compound with a name", FLD_SUBJECT, "Avstämning Eva-projektet", false },
	{ "C11 Pär spelled Par is stopped", FLD_SUBJECT, "Samtal för Par", false },
	{ "C12 case word ends at a line break", FLD_DESCRIPTION,
	  "Ändrat: ämnet är \"Avstämning\"\nTiden är densamma.", false },
	{ "C13 case word with a colon", FLD_SUBJECT, "SIP: Alice", true },
	{ "C14 surname that reads as a noun", FLD_SUBJECT, "Samtal om Norden", false },
	/* familjen */
	{ "F01 familjen + surname", FLD_SUBJECT, "Hembesök hos familjen Sjöberg", true },
	{ "F02 familjen + surname that is a word", FLD_SUBJECT, "Hembesök familjen Lind", true },
	{ "F03 familjen in lower case", FLD_SUBJECT, "hembesök familjen yilmaz", true },
	{ "F04 familjen + ordinary word", FLD_SUBJECT, "Familjen Helsingborg", false },
	/* ages and other cues after a first name */
	{ "A01 age in brackets", FLD_SUBJECT, "Placering – Vera (5 år)", true },
	{ "A02 school year", FLD_SUBJECT, "Elevhälsa – Liam åk 8", true },
	{ "A03 birth year", FLD_SUBJECT, "Placering Ebba f. 2015", true },
	{ "A07 age without a space", FLD_SUBJECT, "Placering Vera 5år", true },
	{ "A08 age written without diacritics", FLD_SUBJECT, "Placering Vera (5 ar)", true },
	{ "A09 school year without diacritics", FLD_SUBJECT, "Elevhalsa Liam ak 8", true },
	{ "A10 age word inside a word", FLD_SUBJECT, "Hugo 5 arbetsdagar", false },
	{ "A04 genitive", FLD_SUBJECT, "Idas mamma – avstämning", true },
	{ "A05 genitive before a room", FLD_LOCATION, "Annas rum", false },
	{ "A06 number that is no age", FLD_SUBJECT, "Hugo 2 möten", false },
	/* spellings without diacritics */
	{ "D01 ASCII first + surname", FLD_SUBJECT, "Mote Goran Ostlund", true },
	{ "D02 ASCII Turkish", FLD_SUBJECT, "Uppföljning Huseyin Ozturk", true },
	{ "D03 ASCII familjen", FLD_SUBJECT, "Hembesok familjen Bjorklund", true },
	/* case of the whole text */
	{ "K01 lower case pair", FLD_SUBJECT, "avstämning oliver pettersson", true },
	{ "K02 all caps pair", FLD_SUBJECT, "UPPFÖLJNING EMMA KARLSSON", true },
	{ "K03 lower case trigger only", FLD_SUBJECT, "möte med alice", false },
	{ "K04 all caps abbreviation and a name", FLD_SUBJECT, "SIP för Noah", true },
	/* morphology in file names */
	{ "M01 surname in a file name", FLD_ATTACHMENT_NAME, "Plan_LSS_Nordqvist.docx", true },
	{ "M02 -ić in a file name", FLD_ATTACHMENT_NAME, "SIP_Hodžić.docx", true },
	{ "M03 language name in a file name", FLD_ATTACHMENT_NAME, "Kursplan_Engelska.pdf", false },
	{ "M04 town in a file name", FLD_ATTACHMENT_NAME, "Karta_Göteborg.pdf", false },
	{ "M05 place before skola", FLD_ATTACHMENT_NAME, "Plan_Fredriksberg_skola.pdf", false },
	{ "M06 unit in a file name", FLD_ATTACHMENT_NAME, "Rutin_Familjehemsenheten.pdf", false },
	/* places, rooms, staff */
	{ "R01 place after i", FLD_SUBJECT, "Möte i Lund", false },
	{ "R02 room named after a person", FLD_LOCATION, "Konferensrum Strindberg, plan 5", false },
	{ "R03 room with a first name", FLD_LOCATION, "Rum Astrid Lindgren", false },
	{ "R04 staff farewell", FLD_SUBJECT, "Avtackning – Margareta går i pension", false },
	{ "R05 welcome", FLD_SUBJECT, "Välkommen Anna Berg!", false },
	{ "R06 signature", FLD_DESCRIPTION, "Agenda: budget.\nVänliga hälsningar\nAnna Andersson", false },
	{ "R07 contact person", FLD_DESCRIPTION, "Frågor? Kontakta Ahmed Ali.", false },
	{ "R08 job title after", FLD_DESCRIPTION, "Ahmed Ali, socialsekreterare, leder mötet", false },
	{ "R09 attendee CN never", FLD_ATTENDEE_CN, "Emma Karlsson", false },
	{ "R10 organizer CN never", FLD_ORGANIZER_CN, "Erik Lindgren (Vård och omsorg)", false },
	/* neutral text */
	{ "N01 neutral", FLD_SUBJECT, "Planering inför hösten", false },
	{ "N02 English title case", FLD_SUBJECT, "Team Meeting: Budget Review", false },
	{ "N03 months", FLD_SUBJECT, "Sommarplanering Juni Juli", false },
	{ "N05 month range", FLD_SUBJECT, "Planering för Jan-Mars", false },
	{ "N06 first name Jan", FLD_SUBJECT, "Samtal med Jan", true },
	{ "N04 possessive Mina", FLD_SUBJECT, "Nätverksträff Mina Sidor", false },
};

static size_t
count_names(const struct detctx *ctx, const struct ntext *nt,
    struct hitlist *hl)
{
	size_t n = 0;

	det_names(ctx, nt, hl);
	for (size_t k = 0; k < hl->n; k++)
		if (strcmp(hl->v[k].rule, "name") == 0) {
			n++;
			/* Initials only: "E. K." */
			g_assert_nonnull(strchr(hl->v[k].evidence, '.'));
			g_assert_cmpuint(strlen(hl->v[k].evidence), <=, 12);
			g_assert_cmpuint(hl->v[k].start, <, hl->v[k].end);
			g_assert_cmpuint(hl->v[k].end, <=, nt->len);
		}
	return n;
}

static void
test_rows(void)
{
	size_t failed = 0;

	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		struct ntext *nt = ntext_new(rows[i].text, strlen(rows[i].text));
		struct detctx ctx = { rd, NULL, rows[i].field, 0, 0 };
		struct hitlist hl = { NULL, 0, 0 };
		bool got = count_names(&ctx, nt, &hl) > 0;

		if (got != rows[i].want) {
			g_test_message("%s: %s", rows[i].id, got ?
			    "name found, none expected" : "no name found");
			failed++;
		}
		hits_clear(&hl);
		ntext_free(nt);
	}
	g_assert_cmpuint(failed, ==, 0);
}

/* The span of a name found without diacritics maps back to exactly the
 * written bytes, and the evidence is the initials. */
static void
test_span_and_evidence(void)
{
	static const char in[] = "Vardplanering Sjo\xcc\x88" "berg, Anna";
	struct ntext *nt = ntext_new(in, strlen(in));
	struct detctx ctx = { rd, NULL, FLD_SUBJECT, 0, 0 };
	struct hitlist hl = { NULL, 0, 0 };
	size_t oa, ob;

	g_assert_cmpuint(count_names(&ctx, nt, &hl), ==, 1);
	ntext_span(nt, hl.v[0].start, hl.v[0].end, &oa, &ob);
	g_assert_cmpuint(oa, ==, strlen("Vardplanering "));
	g_assert_cmpuint(ob, ==, strlen(in));
	g_assert_cmpstr(hl.v[0].evidence, ==, "S. A.");
	hits_clear(&hl);
	ntext_free(nt);
}

/* A participant's own name is never a finding, in any spelling. */
static void
test_participants(void)
{
	struct inv_person att = { NULL, NULL, (char *)"Sjöberg, Anna", NULL, NULL };
	struct inv_comp comp;
	struct invite inv;
	static const char *const texts[] = { "Uppföljning Anna Sjöberg",
	    "Uppfoljning Anna Sjoberg", "SIP för Anna",
	    "Hembesök familjen Sjöberg" };

	memset(&comp, 0, sizeof(comp));
	memset(&inv, 0, sizeof(inv));
	comp.attendees = &att;
	comp.n_attendees = 1;
	inv.comps = &comp;
	inv.n_comps = 1;
	for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
		struct ntext *nt = ntext_new(texts[i], strlen(texts[i]));
		struct detctx ctx = { rd, &inv, FLD_SUBJECT, 0, 0 };
		struct hitlist hl = { NULL, 0, 0 };

		g_test_message("participant text %zu", i);
		g_assert_cmpuint(count_names(&ctx, nt, &hl), ==, 0);
		hits_clear(&hl);
		ntext_free(nt);
	}
	/* someone else in the same invitation still counts */
	{
		static const char s[] = "Uppföljning Ahmed Hassan";
		struct ntext *nt = ntext_new(s, strlen(s));
		struct detctx ctx = { rd, &inv, FLD_SUBJECT, 0, 0 };
		struct hitlist hl = { NULL, 0, 0 };

		g_assert_cmpuint(count_names(&ctx, nt, &hl), ==, 1);
		hits_clear(&hl);
		ntext_free(nt);
	}
}

/* The shipped lists: at least the promised size, every entry letters
 * only (or letters joined by '-'), no entry twice once case and
 * diacritics are ignored. */
static void
check_list(const char *rel, size_t min)
{
	char err[256] = "";
	char *text = ruledata_read(NULL, rel, NULL, err, sizeof(err));
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	char **lines;
	size_t n = 0, dup = 0, bad = 0;

	g_assert_nonnull(text);
	g_assert_true(g_utf8_validate(text, -1, NULL));
	lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i]; i++) {
		char **w;

		if (lines[i][0] == '#')
			continue;
		g_assert_null(strchr(lines[i], '#'));	/* no trailing comments */
		w = g_strsplit_set(lines[i], " \t\r", -1);
		for (size_t k = 0; w[k]; k++) {
			char *key;

			if (*w[k] == '\0')
				continue;
			for (const char *p = w[k]; *p; p = g_utf8_next_char(p))
				if (!g_unichar_isalpha(g_utf8_get_char(p))) {
					g_test_message("%s:%zu: entry %zu is not "
					    "letters only", rel, i + 1, k + 1);
					bad++;
					break;
				}
			if (g_utf8_strlen(w[k], -1) < 2)
				bad++;
			key = ntext_afold_str(w[k], strlen(w[k]));
			if (!g_hash_table_add(seen, key)) {
				g_test_message("%s:%zu: entry %zu is listed "
				    "twice", rel, i + 1, k + 1);
				dup++;
			}
			n++;
		}
		g_strfreev(w);
	}
	g_test_message("%s: %zu entries", rel, n);
	g_assert_cmpuint(n, >=, min);
	g_assert_cmpuint(dup, ==, 0);
	g_assert_cmpuint(bad, ==, 0);
	g_strfreev(lines);
	g_hash_table_destroy(seen);
	g_free(text);
}

static void
test_lists(void)
{
	check_list("names/first.txt", 2500);
	check_list("names/surnames.txt", 1500);
	check_list("names/stopwords.txt", 100);
}

/* names_dir: a user's own lists are read; a garbage entry is an error
 * that names the file and line. */
static void
test_names_dir(void)
{
	char *dir = g_dir_make_tmp("names-XXXXXX", NULL);
	char *f = g_build_filename(dir, "first.txt", NULL);
	char *s = g_build_filename(dir, "surnames.txt", NULL);
	char *w = g_build_filename(dir, "stopwords.txt", NULL);
	struct ruledata_paths p = { dir, NULL };
	char err[512] = "";
	struct ruledata *r;

	g_assert_true(g_file_set_contents(f, "# mine\nZorblax Ann-Marie\n",
	    -1, NULL));
	g_assert_true(g_file_set_contents(s, "Quuxberg\n", -1, NULL));
	g_assert_true(g_file_set_contents(w, "\n", -1, NULL));
	r = ruledata_new(&p, err, sizeof(err));
	g_assert_nonnull(r);
	{
		static const char *const t[] = { "Möte Zorblax Quuxberg",
		    "SIP för Marie" };

		for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
			struct ntext *nt = ntext_new(t[i], strlen(t[i]));
			struct detctx ctx = { r, NULL, FLD_SUBJECT, 0, 0 };
			struct hitlist hl = { NULL, 0, 0 };

			g_assert_cmpuint(count_names(&ctx, nt, &hl), ==, 1);
			hits_clear(&hl);
			ntext_free(nt);
		}
	}
	ruledata_free(r);
	g_assert_true(g_file_set_contents(f, "Anna\nEva 42\n", -1, NULL));
	g_assert_null(ruledata_new(&p, err, sizeof(err)));
	g_assert_nonnull(strstr(err, "first.txt:2:"));
	g_assert_true(g_file_set_contents(f, "Anna\n\xff\xfe\n", -1, NULL));
	g_assert_null(ruledata_new(&p, err, sizeof(err)));
	g_assert_nonnull(strstr(err, "not UTF-8"));
	g_unlink(f);
	g_unlink(s);
	g_unlink(w);
	g_assert_null(ruledata_new(&p, err, sizeof(err)));	/* missing */
	g_rmdir(dir);
	g_free(f);
	g_free(s);
	g_free(w);
	g_free(dir);
}

int
main(int argc, char **argv)
{
	char err[512];
	int rc;

	g_test_init(&argc, &argv, NULL);
	rd = ruledata_new(NULL, err, sizeof(err));
	g_assert_nonnull(rd);
	g_test_add_func("/names/rows", test_rows);
	g_test_add_func("/names/span-evidence", test_span_and_evidence);
	g_test_add_func("/names/participants", test_participants);
	g_test_add_func("/names/lists", test_lists);
	g_test_add_func("/names/names-dir", test_names_dir);
	rc = g_test_run();
	ruledata_free(rd);
	return rc;
}
