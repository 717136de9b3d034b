/*
 * domain_test.c: internal or external, on whole labels.
 */
#include <string.h>
#include <glib.h>

#include "rules/domain.h"

static void
test_canon(void)
{
	static const struct { const char *in, *want; } rows[] = {
		{ "Kommun.Example", "kommun.example" },
		{ "kommun.example.", "kommun.example" },
		{ " kommun.example", "kommun.example" },
		{ "växjö.se", "xn--vxj-qla6g.se" },
		{ "XN--VXJ-QLA6G.SE", "xn--vxj-qla6g.se" },
		{ "", NULL }, { ".", NULL }, { "a..b", NULL },
		{ "bad domain", NULL }, { "under_score.example", NULL },
		{ ".lead.example", NULL },
		{ "kommun.example..", "kommun.example" },
		{ "kommun.example\r\n", "kommun.example" },
		{ "kommun.example\t", "kommun.example" },
		{ "VÄXJÖ.SE", "xn--vxj-qla6g.se" },
		{ "Växjö.se.", "xn--vxj-qla6g.se" },
		/* IDNA maps full-width letters and the ideographic stop */
		{ "\xef\xbd\x8b\xef\xbd\x8f\xef\xbd\x8d\xef\xbd\x8d"
		  "\xef\xbd\x95\xef\xbd\x8e.example", "kommun.example" },
		{ "kommun\xe3\x80\x82" "example", "kommun.example" },
		/* Cyrillic a in "example": another name altogether */
		{ "kommun.ex\xd0\xb0mple", "kommun.xn--exmple-4nf" },
		{ "[192.0.2.1]", NULL }, { "-lead.example", NULL },
		{ "k\xffommun.example", NULL }, { "kommun.example>", NULL },
		{ "a/b.example", NULL },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  ".example", NULL },		/* 64-byte label */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  ".example", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  "aaaaaaaaaa.example" },	/* 63 is fine */
	};

	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		char *got = domain_canon(rows[i].in);

		if (g_strcmp0(got, rows[i].want) != 0)
			g_test_message("row %zu", i);
		g_assert_cmpstr(got, ==, rows[i].want);
		g_free(got);
	}
	g_assert_null(domain_canon(NULL));
}

static void
test_internal(void)
{
	char *list[] = { "kommun.example", "xn--vxj-qla6g.se", NULL };
	static const struct { const char *addr; bool want; } rows[] = {
		{ "a@kommun.example", true },
		{ "a@KOMMUN.EXAMPLE.", true },
		{ "a@socialtjanst.kommun.example", true },
		{ "a@x.y.kommun.example", true },
		{ "a@evilkommun.example", false },
		{ "a@kommun.example.evil.test", false },
		{ "a@kommun.exampl", false },
		{ "a@region.example", false },
		{ "a@gmail.com", false },
		{ "a@växjö.se", true },
		{ "a@skola.växjö.se", true },
		{ "a@vaxjo.se", false },
		{ "no-at-sign", false },
		{ "@kommun.example", false },
		{ "a@", false },
		{ "a@kommun.example.", true },
		{ "a@kommun.example.evil.test.", false },
		{ "a@example", false },
		{ "a@xkommun.example", false },
		{ "a@kommun-example", false },
		{ "a@kommun.ex\xd0\xb0mple", false },	/* Cyrillic a */
		{ "a@xn--vxj-qla6g.se", true },
		{ "a@SKOLA.VÄXJÖ.SE", true },
		{ "\"a@b\"@region.example", false },
		{ "\"a@kommun.example\"@evil.test", false },
		{ "a@b@kommun.example", true },	/* last @ decides */
		{ "a@[192.0.2.1]", false },
		{ "a@garbage domain", false },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		char *d = domain_of_addr(rows[i].addr);
		bool got = domain_is_internal(d, list, 2);

		if (got != rows[i].want)
			g_test_message("row %zu", i);
		g_assert_true(got == rows[i].want);
		g_free(d);
	}
	g_assert_false(domain_is_internal(NULL, list, 2));
	g_assert_false(domain_is_internal("kommun.example", list, 0));
	/* A longer internal domain never matches a shorter name. */
	g_assert_false(domain_is_internal("example", list, 2));
	g_assert_false(domain_is_internal("mmun.example", list, 2));
	g_assert_null(domain_of_addr(NULL));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/domain/canon", test_canon);
	g_test_add_func("/domain/internal", test_internal);
	return g_test_run();
}
