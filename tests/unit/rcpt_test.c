/*
 * rcpt_test.c: the envelope recipient summary (rules/rcpt.c, issue 17):
 * every recipient counted and its domain classified, the first kept,
 * bounded memory; and the series rule reading it through the real
 * pipeline on tests/corpus/102-daily-internal.eml (a daily series whose
 * attendees are all internal). Addresses are made-up role addresses.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "conf/conf.h"
#include "parse/parse.h"
#include "pipeline/pipeline.h"
#include "rules/rcpt.h"

static struct config *cfg;	/* internal: kommun.example */

/* Adds a RCPT TO argument as the daemon does. */
static void
add(struct rcpt_sum *s, const char *arg)
{
	pipeline_envelope_rcpt(cfg, s, "org@kommun.example", arg);
}

/* The count of domain d in s, 0 if it is not kept. */
static size_t
count_of(const struct rcpt_sum *s, const char *d)
{
	size_t n;

	for (size_t i = 0; i < rcpt_sum_n_domains(s); i++)
		if (strcmp(rcpt_sum_domain(s, i, &n), d) == 0)
			return n;
	return 0;
}

/* One row per address form: the domain it counts under; NULL: none
 * (no '@'), BAD: an '@' and no usable domain. */
#define BAD	"(bad)"
static void
test_forms(void)
{
	static const struct { const char *arg, *dom; } rows[] = {
		{ "<a@kommun.example>", "kommun.example" },
		{ "<A@KOMMUN.EXAMPLE>", "kommun.example" },	/* case */
		{ "a@Kommun.Example.", "kommun.example" },	/* root dot */
		{ " <b@region.example> ", "region.example" },
		{ "<c@växjö.se>", "xn--vxj-qla6g.se" },	/* IDN */
		{ "<d@XN--VXJ-QLA6G.SE>", "xn--vxj-qla6g.se" },	/* punycode */
		/* quoted local parts: the domain follows the last '@' */
		{ "<\"x@evil.example\"@kommun.example>", "kommun.example" },
		{ "<\"x>y\"@region.example>", "region.example" },
		{ "<\"a b\"@region.example>", "region.example" },
		/* RFC 5321 4.1.2 source route: the mailbox is the last part */
		{ "<@relay.kommun.example,@r2.example:e@gmail.example>",
		  "gmail.example" },
		/* percent hack and bang path: where an MTA routes it */
		{ "<g%gmail.example@kommun.example>", "gmail.example" },
		{ "<gmail.example!g@kommun.example>", "gmail.example" },
		{ "<@r.example:g%gmail.example@kommun.example>",
		  "gmail.example" },
		{ "<a%team@kommun.example>", "kommun.example" },  /* 1 label */
		{ "<\"g%gmail.example\"@kommun.example>", "kommun.example" },
		{ "<>", NULL },					/* null */
		{ "<postmaster>", NULL },			/* bare local */
		{ "<a@>", BAD },
		{ "<a@[192.0.2.1]>", BAD },			/* literal */
		{ "<a@[IPv6:2001:db8::1]>", BAD },
		{ "<a@bad domain.example>", BAD },
		{ "<a@kommun.example>>", BAD },
	};
	struct rcpt_sum *s = rcpt_sum_new();
	size_t nodom = 0, bad = 0, n;

	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		struct rcpt_sum *one = rcpt_sum_new();

		add(one, rows[i].arg);
		add(s, rows[i].arg);
		if (rows[i].dom == NULL) {
			nodom++;
			if (rcpt_sum_no_domain(one) != 1)
				g_error("row %zu: counted a domain", i);
		} else if (strcmp(rows[i].dom, BAD) == 0) {
			bad++;
			if (rcpt_sum_bad_domain(one) != 1)
				g_error("row %zu: not a bad domain", i);
		} else if (count_of(one, rows[i].dom) != 1)
			g_error("row %zu: not counted under %s", i,
			    rows[i].dom);
		g_assert_cmpuint(rcpt_sum_total(one), ==, 1);
		rcpt_sum_free(one);
	}
	g_assert_cmpuint(rcpt_sum_total(s), ==, G_N_ELEMENTS(rows));
	g_assert_cmpuint(rcpt_sum_no_domain(s), ==, nodom);
	g_assert_cmpuint(rcpt_sum_bad_domain(s), ==, bad);
	/* one domain each, however written */
	g_assert_cmpuint(count_of(s, "kommun.example"), ==, 6);
	g_assert_cmpuint(count_of(s, "xn--vxj-qla6g.se"), ==, 2);
	g_assert_cmpuint(count_of(s, "region.example"), ==, 3);
	g_assert_cmpuint(count_of(s, "gmail.example"), ==, 4);
	g_assert_cmpuint(rcpt_sum_n_domains(s), ==, 4);
	/* addresses kept as the daemon keeps them */
	g_assert_cmpstr(rcpt_sum_addrs(s, &n)[1], ==, "a@kommun.example");
	g_assert_cmpstr(rcpt_sum_addrs(s, &n)[7], ==,
	    "\"x>y\"@region.example");
	g_assert_cmpstr(rcpt_sum_addrs(s, &n)[15], ==, "");
	g_assert_true(rcpt_sum_has_all(s));
	rcpt_sum_reset(s);
	g_assert_cmpuint(rcpt_sum_total(s), ==, 0);
	g_assert_cmpuint(rcpt_sum_n_domains(s), ==, 0);
	g_assert_cmpuint(rcpt_sum_no_domain(s), ==, 0);
	g_assert_cmpuint(rcpt_sum_bad_domain(s), ==, 0);
	rcpt_sum_free(s);
	rcpt_sum_free(NULL);
}

/* The bounds: the first RCPT_KEEP_ADDRS addresses and RCPT_KEEP_DOMAINS
 * distinct domains kept; every recipient still counted, and a domain
 * past the kept ones classified when it comes. */
static void
test_bounds(void)
{
	struct rcpt_sum *s = rcpt_sum_new();
	char a[96];
	size_t n, n_int, n_ext;
	char *in[] = { "kommun.example", NULL };

	for (int i = 0; i < RCPT_KEEP_DOMAINS; i++) {	/* fills the set */
		snprintf(a, sizeof(a), "<u%d@e%d.example>", i, i);
		add(s, a);
	}
	g_assert_cmpuint(rcpt_sum_n_domains(s), ==, RCPT_KEEP_DOMAINS);
	add(s, "<x@e5.example>");		/* kept: counted under it */
	g_assert_cmpuint(count_of(s, "e5.example"), ==, 2);
	add(s, "<x@skola.kommun.example>");	/* past: internal, counted */
	add(s, "<x@Kommun.Example>");
	add(s, "<>");
	g_assert_cmpuint(rcpt_sum_n_domains(s), ==, RCPT_KEEP_DOMAINS);
	g_assert_cmpuint(rcpt_sum_over_internal(s), ==, 2);
	for (int i = 0; i < RCPT_KEEP_EXTERNAL; i++) {	/* past: kept */
		snprintf(a, sizeof(a), "<x@late%d.example>", i);
		add(s, a);
	}
	add(s, "<y@LATE0.example>");
	g_assert_cmpuint(count_of(s, "late0.example"), ==, 2);
	g_assert_cmpuint(rcpt_sum_n_domains(s), ==, RCPT_KEEP_DOMAINS +
	    RCPT_KEEP_EXTERNAL);
	add(s, "<x@later.example>");		/* past both: counted */
	add(s, "<y@later.example>");
	g_assert_cmpuint(rcpt_sum_over_external(s), ==, 2);
	g_assert_cmpuint(count_of(s, "later.example"), ==, 0);
	g_assert_cmpuint(rcpt_sum_no_domain(s), ==, 1);
	g_assert_cmpuint(rcpt_sum_total(s), ==, RCPT_KEEP_DOMAINS +
	    RCPT_KEEP_EXTERNAL + 7);
	g_assert_false(rcpt_sum_has_all(s));
	(void)rcpt_sum_addrs(s, &n);
	g_assert_cmpuint(n, ==, RCPT_KEEP_ADDRS);
	rcpt_sum_count(s, in, 1, &n_int, &n_ext);
	g_assert_cmpuint(n_int, ==, 2);
	g_assert_cmpuint(n_ext, ==, RCPT_KEEP_DOMAINS + RCPT_KEEP_EXTERNAL +
	    5);
	/* without a classifier a domain past the kept ones is external */
	rcpt_sum_add(s, "x@kommun.example", NULL, 0);
	g_assert_cmpuint(rcpt_sum_over_external(s), ==, 3);
	rcpt_sum_free(s);

	/* 100,000 recipients of one domain: one domain kept, all counted */
	s = rcpt_sum_new();
	for (int i = 0; i < 100000; i++) {
		snprintf(a, sizeof(a), "u%d@kommun.example", i);
		rcpt_sum_add(s, a, in, 1);
	}
	g_assert_cmpuint(rcpt_sum_total(s), ==, 100000);
	g_assert_cmpuint(count_of(s, "kommun.example"), ==, 100000);
	g_assert_cmpuint(rcpt_sum_n_domains(s), ==, 1);
	rcpt_sum_free(s);
}

/* An envelope without a summary: one made from its list. */
static void
test_of_env(void)
{
	const char *rc[] = { "a@kommun.example", "b@region.example" };
	struct envelope env = { "org@kommun.example", rc, 2, 0, NULL };
	struct rcpt_sum *tmp, *own = rcpt_sum_new();
	const struct rcpt_sum *s = rcpt_sum_of_env(&env, &tmp);

	g_assert_nonnull(tmp);
	g_assert_cmpuint(rcpt_sum_total(s), ==, 2);
	g_assert_cmpuint(count_of(s, "region.example"), ==, 1);
	rcpt_sum_free(tmp);
	env.rcpt_sum = own;
	g_assert_true(rcpt_sum_of_env(&env, &tmp) == own);
	g_assert_null(tmp);
	g_assert_null(rcpt_sum_of_env(NULL, &tmp));
	rcpt_sum_free(own);
}

/* The series rule through the pipeline on a daily series with internal
 * attendees: n internal recipients (on `subs` subdomains, 0 = one
 * domain), n_ext on as many external domains, then `last` if not NULL.
 * Returns the recurring-external finding's detail, or NULL when it
 * does not fire. New string. */
static char *
series_detail_more(int n, int subs, int n_ext, const char *last)
{
	static const char path[] = "tests/corpus/102-daily-internal.eml";
	struct rcpt_sum *s = rcpt_sum_new();
	struct envelope env = { "handlaggare@kommun.example", NULL, 0, 0,
	    NULL };
	struct pipeline_in in = { 0 };
	struct pipeline_out po;
	char a[96], *buf, *detail = NULL;
	gsize len;

	g_assert_true(g_file_get_contents(path, &buf, &len, NULL));
	for (int i = 0; i < n; i++) {
		if (subs > 0)
			snprintf(a, sizeof(a), "<u%d@s%d.kommun.example>", i,
			    i % subs);
		else
			snprintf(a, sizeof(a), "<u%d@kommun.example>", i);
		pipeline_envelope_rcpt(cfg, s, env.sender, a);
	}
	for (int i = 0; i < n_ext; i++) {
		snprintf(a, sizeof(a), "<g@x%d.example>", i);
		pipeline_envelope_rcpt(cfg, s, env.sender, a);
	}
	if (last != NULL)
		pipeline_envelope_rcpt(cfg, s, env.sender, last);
	env.rcpts = rcpt_sum_addrs(s, &env.n_rcpts);
	env.rcpt_sum = s;
	in.buf = buf;
	in.len = len;
	in.kind = PIPE_MESSAGE;
	in.env = &env;
	g_assert_cmpint(pipeline_run(cfg, &in, &po), ==, 0);
	g_assert_cmpint(po.status, ==, PIPE_EXAMINED);
	for (size_t i = 0; i < po.v->n; i++)
		if (strcmp(po.v->f[i].rule, "recurring-external") == 0)
			detail = g_strdup(po.v->f[i].detail);
	pipeline_out_clear(&po);
	rcpt_sum_free(s);
	g_free(buf);
	return detail;
}

static char *
series_detail(int n, int subs, const char *last)
{
	return series_detail_more(n, subs, 0, last);
}

static void
test_series(void)
{
	char *d;

	/* the case: the external one at position 1,001 */
	d = series_detail(1000, 0, "<guest@gmail.example>");
	g_assert_nonnull(d);
	g_assert_nonnull(strstr(d, "gmail.example"));
	g_free(d);
	/* at position 5,001 */
	d = series_detail(5000, 0, "<guest@gmail.example>");
	g_assert_nonnull(d);
	g_free(d);
	/* all internal: no finding */
	g_assert_null(series_detail(5000, 0, NULL));
	g_assert_null(series_detail(5000, 1500, NULL));
	/* past 1,000 distinct internal domains: classified on arrival,
	 * the first external ones still named */
	d = series_detail(1500, 1500, "<guest@gmail.example>");
	g_assert_nonnull(d);
	g_assert_nonnull(strstr(d, "gmail.example"));
	g_free(d);
	d = series_detail(1500, 1500, NULL);
	g_assert_null(d);
	/* and past those: counted, said */
	d = series_detail_more(1500, 1500, RCPT_KEEP_EXTERNAL + 1,
	    NULL);
	g_assert_nonnull(d);
	g_assert_nonnull(strstr(d, "further domains"));
	g_free(d);
	/* an address literal is a guest nobody can call internal */
	d = series_detail(1000, 0, "<g@[203.0.113.5]>");
	g_assert_nonnull(d);
	g_assert_nonnull(strstr(d, "address literal"));
	g_assert_null(strstr(d, "203"));
	g_free(d);
	/* routed on by the percent hack */
	d = series_detail(1000, 0, "<g%gmail.example@kommun.example>");
	g_assert_nonnull(d);
	g_assert_nonnull(strstr(d, "gmail.example"));
	g_free(d);
	/* a bare local part is the MTA's own: not a guest */
	g_assert_null(series_detail(1000, 0, "<postmaster>"));
	/* a number in a guest's domain is masked as before */
	d = series_detail(1000, 0, "<g@19121212-1212.example>");
	g_assert_nonnull(d);
	g_assert_null(strstr(d, "1212"));
	g_free(d);
}

int
main(int argc, char **argv)
{
	char err[512];
	int rc;

	g_test_init(&argc, &argv, NULL);
	parse_init();
	cfg = conf_default(err, sizeof(err));
	g_assert_nonnull(cfg);
	g_assert_cmpint(conf_add_internal_domain(cfg, "kommun.example", err,
	    sizeof(err)), ==, 0);
	g_test_add_func("/rcpt/forms", test_forms);
	g_test_add_func("/rcpt/bounds", test_bounds);
	g_test_add_func("/rcpt/of_env", test_of_env);
	g_test_add_func("/rcpt/series", test_series);
	rc = g_test_run();
	conf_unref(cfg);
	return rc;
}
