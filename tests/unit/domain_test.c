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
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/domain/canon", test_canon);
	g_test_add_func("/domain/internal", test_internal);
	return g_test_run();
}
