/*
 * icalfeed_test.c: what parse/ical.c hands libical (issue 17, CPU).
 * Not timed: the cost is counted. libical asks its line reader for
 * pieces of at most 79 bytes; the reader ical.c gives it must hand out
 * each byte once (calls about len / 79, never a piece longer than 79),
 * so a one-line SUMMARY of n bytes costs O(n), where libical's own
 * reader searched the rest of the text for every piece (n * n / 80).
 * And text at the end of such a line, past every 79-byte cut and past
 * where libical's reader cut a CR-only line, is still in the invite.
 * Lines with more parameters or values than libical reads set a limit.
 * time_budget_ms covers the parser's time too (parse_us).
 * Test data holds no personal data (a "marker" word stands for it).
 */
#include <string.h>
#include <glib.h>

#include "parse/parse.h"
#include "parse/parse_int.h"
#include "conf/conf.h"
#include "rules/rules.h"

#define HEAD	"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n" \
		"BEGIN:VEVENT\r\nUID:u1@kommun.example\r\n" \
		"DTSTART:20261124T090000Z\r\n"
#define TAIL	"END:VEVENT\r\nEND:VCALENDAR\r\n"

/* A text of field f contains needle. */
static bool
has_text(const struct invite *inv, enum inv_field f, const char *needle)
{
	for (size_t i = 0; i < inv->n_texts; i++)
		if (inv->texts[i].field == f && strstr(inv->texts[i].s, needle))
			return true;
	return false;
}

/* HEAD, "SUMMARY:" n filler bytes " slutmarkör", TAIL, line ends eol. */
static char *
long_summary(size_t n, const char *eol)
{
	GString *s = g_string_new(NULL);
	char **lines, *out;

	g_string_append(s, HEAD "SUMMARY:");
	for (size_t i = 0; i < n; i++)
		g_string_append_c(s, "abcdefgh "[i % 9]);
	g_string_append(s, " slutmark\xc3\xb6r\r\n" TAIL);
	if (strcmp(eol, "\r\n") == 0)
		return g_string_free(s, FALSE);
	lines = g_strsplit(s->str, "\r\n", -1);
	out = g_strjoinv(eol, lines);
	g_strfreev(lines);
	g_string_free(s, TRUE);
	return out;
}

/* The feed of a one-line SUMMARY is linear: each byte handed once, in
 * pieces of at most 79 bytes, and the text after the last cut is read. */
static void
test_linear_feed(void)
{
	static const size_t sizes[] = { 1000, 100000, 400000 };
	struct parse_limits lim = PARSE_LIMITS_DEFAULT;

	for (size_t k = 0; k < G_N_ELEMENTS(sizes); k++) {
		char *cal = long_summary(sizes[k], "\r\n");
		size_t len = strlen(cal);
		struct ical_feed_stats st;
		struct invite *inv = parse_ics(cal, len, &lim);

		g_assert_nonnull(inv);
		ical_last_feed(&st);
		g_assert_cmpuint(st.longest, <=, 79);
		/* one call per 79 bytes, plus one per line (about 12) */
		g_assert_cmpuint(st.calls, <=, len / 79 + 20);
		g_assert_cmpuint(st.calls, >=, len / 79);
		g_assert_true(has_text(inv, FLD_SUMMARY, "slutmark\xc3\xb6r"));
		g_assert_null(inv->limit);
		invite_free(inv);
		g_free(cal);
	}
}

/* A CR-only calendar (no LF at all): libical's reader searched the
 * whole rest for an LF per piece and cut a CR line longer than 79 bytes
 * at a made-up LF, so its end was read as a broken line of its own. */
static void
test_cr_only(void)
{
	struct parse_limits lim = PARSE_LIMITS_DEFAULT;
	char *cal = long_summary(5000, "\r");
	struct ical_feed_stats st;
	struct invite *inv = parse_ics(cal, strlen(cal), &lim);

	g_assert_nonnull(inv);
	ical_last_feed(&st);
	g_assert_cmpuint(st.longest, <=, 79);
	g_assert_cmpuint(st.calls, <=, strlen(cal) / 79 + 20);
	g_assert_cmpuint(inv->n_comps, ==, 1);
	g_assert_true(has_text(inv, FLD_SUMMARY, "slutmark\xc3\xb6r"));
	invite_free(inv);
	g_free(cal);
}

/* Text longer than limits.text_bytes is never dropped silently. */
static void
test_text_cap(void)
{
	struct parse_limits lim = PARSE_LIMITS_DEFAULT;
	char *cal = long_summary(5000, "\r\n");
	struct invite *inv;

	lim.text_bytes = 1000;
	inv = parse_ics(cal, strlen(cal), &lim);
	g_assert_nonnull(inv);
	g_assert_cmpstr(inv->limit, ==, "text_bytes");
	invite_free(inv);
	g_free(cal);
}

/* n parameters before the CN of an ATTENDEE, or n CATEGORIES values
 * before the marker. */
static char *
many(size_t n, bool params)
{
	GString *s = g_string_new(HEAD);

	if (params) {
		g_string_append(s, "ATTENDEE");
		for (size_t i = 0; i < n; i++)
			g_string_append_printf(s, ";X-P%zu=a", i);
		g_string_append(s, ";CN=slutmarker:mailto:a@kommun.example\r\n");
	} else {
		g_string_append(s, "CATEGORIES:");
		for (size_t i = 0; i < n; i++)
			g_string_append_printf(s, "k%zu,", i);
		g_string_append(s, "slutmarker\r\n");
	}
	g_string_append(s, TAIL);
	return g_string_free(s, FALSE);
}

static void
test_libical_drops(void)
{
	struct parse_limits lim = PARSE_LIMITS_DEFAULT;

	for (int params = 0; params <= 1; params++) {
		char *few = many(10, params), *lots = many(600, params);
		struct invite *a = parse_ics(few, strlen(few), &lim);
		struct invite *b = parse_ics(lots, strlen(lots), &lim);

		g_assert_true(has_text(a, params ? FLD_ATTENDEE_CN :
		    FLD_CATEGORIES, "slutmarker"));
		g_assert_null(a->limit);
		/* libical drops the marker: the limit says so */
		g_assert_cmpstr(b->limit, ==, "properties");
		invite_free(a);
		invite_free(b);
		g_free(few);
		g_free(lots);
	}
}

/* A message whose parsing alone took longer than time_budget_ms gets
 * the limit time_budget_ms (the configured on_limit outcome), even when
 * the rules are quick. parse_us is set by hand: nothing here is timed. */
static void
test_budget_covers_parsing(void)
{
	static const char cal[] = HEAD "SUMMARY:Avst\xc3\xa4mning\r\n" TAIL;
	char err[512];
	struct config *c = conf_default(err, sizeof(err));
	struct invite *inv = parse_ics(cal, strlen(cal), NULL);
	struct verdict *v = verdict_new();

	g_assert_nonnull(c);
	g_assert_cmpint(inv->parse_us, >=, 0);
	c->rules.time_budget_ms = 2000;
	inv->parse_us = 0;
	g_assert_cmpint(rules_eval(&c->rules, inv, NULL, v), ==, 0);
	g_assert_cmpstr(v->limit, ==, "");
	inv->parse_us = 2001000;	/* 2.001 s in the parser */
	g_assert_cmpint(rules_eval(&c->rules, inv, NULL, v), ==, 0);
	g_assert_cmpstr(v->limit, ==, "time_budget_ms");
	c->rules.time_budget_ms = 0;	/* no budget */
	g_assert_cmpint(rules_eval(&c->rules, inv, NULL, v), ==, 0);
	g_assert_cmpstr(v->limit, ==, "");
	verdict_free(v);
	invite_free(inv);
	conf_unref(c);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/icalfeed/linear", test_linear_feed);
	g_test_add_func("/icalfeed/cr-only", test_cr_only);
	g_test_add_func("/icalfeed/text-cap", test_text_cap);
	g_test_add_func("/icalfeed/libical-drops", test_libical_drops);
	g_test_add_func("/icalfeed/budget-covers-parsing",
	    test_budget_covers_parsing);
	return g_test_run();
}
