/*
 * topic_test.c: the topic and name detectors on single fields, one row
 * per behaviour (inflection, compound, abbreviation case, exclusion,
 * general context, weak terms), and lexicon loading errors. Rows are
 * named by id; no names are printed.
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
	const char	*want;	/* rule expected, "" = no topic/name hit */
};

static const struct row topic_rows[] = {
	{ "T01 plural inflection", FLD_SUBJECT, "Uppföljning efter orosanmälningar", "topic" },
	{ "T02 compound", FLD_SUBJECT, "Missbruksutredning", "topic" },
	{ "T03 abbreviation", FLD_SUBJECT, "Avstämning LVM", "topic" },
	{ "T04 hyphen compound", FLD_SUBJECT, "LVU-placering", "topic" },
	{ "T05 SoL not in Solgläntan", FLD_LOCATION, "Solgläntan, mötesrum 1", "" },
	{ "T06 lower-case lvm is no abbreviation", FLD_SUBJECT, "lvm", "" },
	{ "T07 exclusion psykosocial", FLD_SUBJECT, "Psykosocial arbetsmiljö", "" },
	{ "T08 general context", FLD_SUBJECT, "Utbildning om orosanmälan", "topic-weak" },
	{ "T09 English", FLD_SUMMARY, "Meeting: child protection follow-up", "topic" },
	{ "T10 ICD-10 with dot", FLD_DESCRIPTION, "Diagnos: F43.1", "topic" },
	{ "T11 ICD without keyword or dot", FLD_LOCATION, "Rum F32", "" },
	{ "T12 law reference", FLD_DESCRIPTION, "Enligt 11 kap. 1 § SoL", "topic" },
	{ "T13 one weak term", FLD_SUBJECT, "Utredning", "topic-weak" },
	{ "T14 two weak terms", FLD_SUBJECT, "Utredning om placering", "topic" },
	{ "T15 Teams boilerplate is no context", FLD_DESCRIPTION,
	  "Diagnos: F43.1\nTelefonkonferens-ID: 318 274 659#", "topic" },
	{ "T16 neutral", FLD_SUBJECT, "Kort avstämning", "" },
	/* without diacritics (ASCII-only clients): same results */
	{ "T17 stem without diacritics", FLD_SUBJECT, "Barnavardsutredning", "topic" },
	{ "T18 inflection without diacritics", FLD_SUBJECT, "Uppfoljning efter orosanmalningar", "topic" },
	{ "T19 phrase without diacritics", FLD_SUBJECT, "Vald i nara relation", "topic" },
	{ "T20 exclusion without diacritics", FLD_SUBJECT, "Psykosocial arbetsmiljo", "" },
	{ "T21 general context without diacritics", FLD_SUBJECT, "Forelasning om missbruk", "topic-weak" },
	{ "T22 upper case without diacritics", FLD_SUBJECT, "OROSANMALAN", "topic" },
	{ "T23 avräkning is no vräkning", FLD_SUBJECT, "Avräkning Q3", "" },
	{ "T24 avrakning is no vrakning", FLD_SUBJECT, "Avrakning Q3", "" },
	{ "T25 vrakning is", FLD_SUBJECT, "Hot om vrakning", "topic" },
	/* a lower-case abbreviation is a word: capitalised at the start */
	{ "T26 hiv capitalised", FLD_SUBJECT, "Hiv-behandling, samordning", "topic" },
	{ "T27 HIV", FLD_SUBJECT, "Samordning HIV", "topic" },
	{ "T28 hIV is no word", FLD_SUBJECT, "Samordning hIV", "" },
	{ "T29 family-law investigation", FLD_SUBJECT, "Vårdnadsutredning", "topic" },
};

static const struct row name_rows[] = {
	{ "N01 first + surname", FLD_SUBJECT, "Uppföljning Emma Karlsson", "name" },
	{ "N02 lower case pair", FLD_SUBJECT, "avstämning oliver pettersson", "name" },
	{ "N03 trigger + first name", FLD_SUBJECT, "SIP för Alice", "name" },
	{ "N04 surname morphology", FLD_SUMMARY, "Follow-up with Tomasz Kowalski", "name" },
	{ "N05 familjen", FLD_SUBJECT, "Hembesök hos familjen Sjöberg", "name" },
	{ "N06 Surname, Firstname", FLD_SUBJECT, "Vårdplanering Nordin, Selma", "name" },
	{ "N07 first name with age", FLD_SUBJECT, "Placering – Vera (5 år)", "name" },
	{ "N08 surname in a file name", FLD_ATTACHMENT_NAME, "Plan_LSS_Nordqvist.docx", "name" },
	{ "N09 room named after a person", FLD_LOCATION, "Konferensrum Strindberg, plan 5", "" },
	{ "N10 per = by", FLD_SUBJECT, "Uppföljning per mejl", "" },
	{ "N11 staff context", FLD_SUBJECT, "Avtackning – Margareta går i pension", "" },
	{ "N12 attendee CN never", FLD_ATTENDEE_CN, "Emma Karlsson", "" },
	{ "N13 unit name", FLD_ATTACHMENT_NAME, "Rutin_Familjehemsenheten.pdf", "" },
	{ "N14 place after i", FLD_SUBJECT, "Möte i Lund", "" },
};

static void
run_rows(const struct row *rows, size_t n, detector_fn *det)
{
	for (size_t i = 0; i < n; i++) {
		struct ntext *nt = ntext_new(rows[i].text, strlen(rows[i].text));
		struct detctx ctx = { rd, NULL, rows[i].field, 0, 0 };
		struct hitlist hl = { NULL, 0, 0 };
		const char *got = "";

		det(&ctx, nt, &hl);
		for (size_t k = 0; k < hl.n; k++)
			if (strcmp(hl.v[k].rule, "topic") == 0 ||
			    strcmp(hl.v[k].rule, "name") == 0 || *got == '\0')
				got = hl.v[k].rule;
		if (strcmp(got, rows[i].want) != 0)
			g_test_message("%s: got \"%s\"", rows[i].id, got);
		g_assert_cmpstr(got, ==, rows[i].want);
		/* A name is shown as initials only ("E. K."). */
		for (size_t k = 0; k < hl.n; k++)
			if (strcmp(hl.v[k].rule, "name") == 0) {
				g_assert_nonnull(strchr(hl.v[k].evidence, '.'));
				g_assert_cmpuint(strlen(hl.v[k].evidence), <=, 12);
			}
		hits_clear(&hl);
		ntext_free(nt);
	}
}

/* A topic word with its owner ("hennes placering") is a person
 * reference, outside a general context. */
static void
test_owner(void)
{
	static const struct { const char *text; bool want; } rows[] = {
		{ "Samtal om hennes placering", true },
		{ "Klientens missbruk", true },
		{ "Hans missbruk – samordning", true },
		{ "Vi pratar om din sons placering", true },
		{ "Utbildning: klientens delaktighet i missbruksvården", false },
		{ "Hennes dator är trasig", false },	/* no topic word */
		{ "Missbruk hos klienten", false },	/* no owner right before */
		{ "Ehans placering", false },		/* part of another word */
	};

	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		struct ntext *nt = ntext_new(rows[i].text, strlen(rows[i].text));
		struct detctx ctx = { rd, NULL, FLD_SUBJECT, 0, 0 };
		struct hitlist hl = { NULL, 0, 0 };
		bool got = false;

		det_topic(&ctx, nt, &hl);
		for (size_t k = 0; k < hl.n; k++)
			got |= strcmp(hl.v[k].rule, "person-reference") == 0;
		if (got != rows[i].want)
			g_test_message("owner row %zu", i);
		g_assert_true(got == rows[i].want);
		hits_clear(&hl);
		ntext_free(nt);
	}
}

static void
test_topics(void)
{
	run_rows(topic_rows, G_N_ELEMENTS(topic_rows), det_topic);
}

static void
test_names(void)
{
	run_rows(name_rows, G_N_ELEMENTS(name_rows), det_names);
}

static void
test_lexicon_dir(void)
{
	char *dir = g_dir_make_tmp("lexicon-XXXXXX", NULL);
	char *path = g_build_filename(dir, "topics.txt", NULL);
	struct ruledata_paths p = { NULL, dir };
	char err[512] = "";
	struct ruledata *r;

	g_assert_true(g_file_set_contents(path,
	    "# mine\nx\tstrong\tbanan\n", -1, NULL));
	r = ruledata_new(&p, err, sizeof(err));
	g_assert_nonnull(r);
	{
		struct ntext *nt = ntext_new("Bananskal", 9);
		struct detctx ctx = { r, NULL, FLD_SUBJECT, 0, 0 };
		struct hitlist hl = { NULL, 0, 0 };

		det_topic(&ctx, nt, &hl);
		g_assert_cmpuint(hl.n, ==, 1);
		g_assert_cmpstr(hl.v[0].evidence, ==, "x");
		hits_clear(&hl);
		ntext_free(nt);
	}
	ruledata_free(r);
	g_assert_true(g_file_set_contents(path,
	    "# mine\nx\tstrong\tbanan\nbroken line\n", -1, NULL));
	g_assert_null(ruledata_new(&p, err, sizeof(err)));
	g_assert_nonnull(strstr(err, "topics.txt:3:"));
	g_assert_true(g_file_set_contents(path, "x\tsometimes\tbanan\n", -1,
	    NULL));
	g_assert_null(ruledata_new(&p, err, sizeof(err)));
	g_assert_nonnull(strstr(err, "unknown kind"));
	g_unlink(path);
	g_rmdir(dir);
	g_free(path);
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
	g_test_add_func("/topic/rows", test_topics);
	g_test_add_func("/topic/owner", test_owner);
	g_test_add_func("/names/rows", test_names);
	g_test_add_func("/topic/lexicon-dir", test_lexicon_dir);
	rc = g_test_run();
	ruledata_free(rd);
	return rc;
}
