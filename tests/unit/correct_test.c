/*
 * correct_test.c: the corrected invitation (notice/correct.c) on small
 * calendars run through the real pipeline (parse_ics -> rules_eval ->
 * correct_calendar), and its text helpers. Each row names what must be
 * in or out of the result; failures print the row name and the probe,
 * never calendar text (the probes are synthetic test identifiers).
 */
#include <string.h>
#include <glib.h>
#include <libical/ical.h>

#include "conf/conf.h"
#include "notice/correct.h"
#include "notice/correct_text.h"
#include "parse/parse.h"
#include "rules/rules.h"

static struct config *cfg;

#define CAL_HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//SV\r\n" \
	"METHOD:REQUEST\r\n"
#define EV_HEAD "BEGIN:VEVENT\r\nUID:orig-uid-1@kommun.example\r\n" \
	"DTSTAMP:20251101T090000Z\r\nDTSTART:20251124T090000Z\r\n" \
	"DTEND:20251124T100000Z\r\n" \
	"ORGANIZER;CN=Handläggare:mailto:org@kommun.example\r\n" \
	"ATTENDEE;CN=Gäst:mailto:guest@region.example\r\n"
#define TEAMS "https://teams.microsoft.com/l/meetup-join/19%3ameeting_AbC@thread.v2/0"
#define EV_TAIL "END:VEVENT\r\n"
#define CAL_TAIL "END:VCALENDAR\r\n"

struct row {
	const char	*name;
	const char	*ics;
	bool		 strip;
	bool		 want_null;
	unsigned	 want_bits;	/* all of these set */
	const char	*has[4];	/* in the unfolded output */
	const char	*hasnt[4];
};

static const struct row rows[] = {
	{ "pnr-summary-description",
	  CAL_HEAD EV_HEAD "SUMMARY:Uppföljning 19121212-1212\r\n"
	  "DESCRIPTION:Hej! Gäller 19121212-1212 (barnet).\\nAnslut: <" TEAMS ">\r\n"
	  EV_TAIL CAL_TAIL, false, false, CORR_SUBJECT | CORR_TEXT,
	  { "SUMMARY:Avstämning", "Hej! Gäller (barnet).", TEAMS,
	    "ATTENDEE;CN=Gäst:mailto:guest@region.example" },
	  { "1212-1212", "orig-uid-1", "Uppföljning", NULL } },
	{ "series-first-occasion",
	  CAL_HEAD EV_HEAD "SUMMARY:Veckomöte\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\n"
	  "EXDATE:20251201T090000Z\r\nDESCRIPTION:Samtal.\r\n" EV_TAIL
	  "BEGIN:VEVENT\r\nUID:orig-uid-1@kommun.example\r\n"
	  "DTSTAMP:20251101T090000Z\r\nRECURRENCE-ID:20251208T090000Z\r\n"
	  "DTSTART:20251208T100000Z\r\nDTEND:20251208T110000Z\r\n"
	  "SUMMARY:Flyttat\r\n" EV_TAIL CAL_TAIL, false, false, CORR_SERIES,
	  { "DTSTART:20251124T090000Z", "boka varje följande tillfälle",
	    "Samtal.", "METHOD:REQUEST" },
	  { "RRULE", "EXDATE", "RECURRENCE-ID", "Flyttat" } },
	{ "attach-dropped",
	  CAL_HEAD EV_HEAD "SUMMARY:Möte\r\n"
	  "ATTACH;FMTTYPE=application/pdf;FILENAME=utredning.pdf:https://x.example/u.pdf\r\n"
	  EV_TAIL CAL_TAIL, false, false, CORR_ATTACH,
	  { "SUMMARY:Avstämning", NULL }, { "ATTACH", "utredning", NULL } },
	{ "altdesc-rebuilt",
	  CAL_HEAD EV_HEAD "SUMMARY:Möte\r\n"
	  "DESCRIPTION:Barnet 19121212-1212\\n" TEAMS "\r\n"
	  "X-ALT-DESC;FMTTYPE=text/html:<p>Barnet 19121212&#8209\\;1212</p><a href=\""
	  TEAMS "\">Anslut</a>\r\n" EV_TAIL CAL_TAIL, false, false,
	  CORR_TEXT | CORR_ALTDESC,
	  { "X-ALT-DESC;FMTTYPE=text/html:", "<a href=", TEAMS, NULL },
	  { "1212-1212", "19121212", "&#8209", NULL } },
	{ "altdesc-kept-verbatim",
	  CAL_HEAD EV_HEAD "SUMMARY:Möte\r\nDESCRIPTION:Välkommen\r\n"
	  "X-ALT-DESC;FMTTYPE=text/html:<p><b>Välkommen</b> hit</p>\r\n"
	  EV_TAIL CAL_TAIL, false, false, CORR_SUBJECT,
	  { "<b>Välkommen</b> hit", NULL }, { NULL } },
	{ "location-and-cn",
	  CAL_HEAD "BEGIN:VEVENT\r\nUID:u2@kommun.example\r\n"
	  "DTSTAMP:20251101T090000Z\r\nDTSTART:20251124T090000Z\r\n"
	  "DURATION:PT1H\r\nORGANIZER:mailto:org@kommun.example\r\n"
	  "ATTENDEE;CN=Mottagare 19121212-1212:mailto:guest@region.example\r\n"
	  "LOCATION:Rum 4\\, 19121212-1212\r\nSUMMARY:Möte\r\n" EV_TAIL CAL_TAIL,
	  false, false, CORR_TEXT | CORR_CN,
	  { "LOCATION:Rum 4\\,", "DURATION:PT1H", "CN=Mottagare:mailto", NULL },
	  { "1212-1212", NULL } },
	{ "strip-keeps-teams-block",
	  CAL_HEAD EV_HEAD "SUMMARY:Möte\r\nLOCATION:Hemma hos familjen\r\n"
	  "DESCRIPTION:Text före.\\n______________\\nMicrosoft Teams-möte\\n"
	  "Anslut: " TEAMS "\\n______________\\nText efter.\r\n"
	  EV_TAIL CAL_TAIL, true, false, CORR_STRIPPED,
	  { "Microsoft Teams-möte", TEAMS, NULL },
	  { "Text före", "Text efter", "LOCATION", NULL } },
	{ "dropped-x-properties",
	  CAL_HEAD EV_HEAD "SUMMARY:Möte\r\nX-MICROSOFT-LOCATIONS:[{\"n\":\"Hemma\"}]\r\n"
	  "CATEGORIES:Klient\r\nX-MICROSOFT-SKYPETEAMSMEETINGURL:" TEAMS "\r\n"
	  "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Påminnelse\r\n"
	  "TRIGGER:-PT15M\r\nEND:VALARM\r\n" EV_TAIL CAL_TAIL, false, false,
	  CORR_SUBJECT, { "X-MICROSOFT-SKYPETEAMSMEETINGURL:", NULL },
	  { "X-MICROSOFT-LOCATIONS", "CATEGORIES", "VALARM", NULL } },
	{ "two-events-first-kept",
	  CAL_HEAD EV_HEAD "SUMMARY:Ett\r\n" EV_TAIL
	  "BEGIN:VEVENT\r\nUID:other@kommun.example\r\nDTSTAMP:20251101T090000Z\r\n"
	  "DTSTART:20251125T090000Z\r\nSUMMARY:Två\r\n" EV_TAIL CAL_TAIL,
	  false, false, CORR_EVENTS, { "DTSTART:20251124T090000Z", NULL },
	  { "20251125", NULL } },
	{ "no-calendar", "Hej, det här är ingen kalender.\r\n", false, true,
	  0, { NULL }, { NULL } },
	{ "todo-only", CAL_HEAD "BEGIN:VTODO\r\nUID:t@x\r\nSUMMARY:Att göra\r\n"
	  "END:VTODO\r\n" CAL_TAIL, false, true, 0, { NULL }, { NULL } },
	{ "broken-calendar", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n",
	  false, true, 0, { NULL }, { NULL } },
	{ "unterminated-calendar", CAL_HEAD EV_HEAD "SUMMARY:x 19121212-1212\r\n"
	  EV_TAIL, false, false, CORR_SUBJECT, { "SUMMARY:Avstämning", NULL },
	  { "1212-1212", NULL } },
};

/* Unfolds (RFC 5545 3.1) so probes need not care about line breaks. */
static char *
unfold(const char *s)
{
	GString *o = g_string_new(NULL);

	for (const char *p = s; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t')) {
			p += 2;
			continue;
		}
		g_string_append_c(o, *p);
	}
	return g_string_free(o, FALSE);
}

static void
test_rows(void)
{
	struct correct_opts o = { NULL, "kommun.example", 1764000000, false };

	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		const struct row *r = &rows[i];
		struct invite *inv = parse_ics(r->ics, strlen(r->ics), NULL);
		struct verdict *v = verdict_new();
		unsigned ch = 0;
		char *out, *u;
		icalcomponent *back;

		g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
		out = correct_calendar(r->ics, strlen(r->ics), NULL, inv, v,
		    &o, r->strip, &ch);
		if (r->want_null) {
			if (out != NULL)
				g_error("%s: expected no calendar", r->name);
			verdict_free(v);
			invite_free(inv);
			continue;
		}
		if (out == NULL)
			g_error("%s: no calendar", r->name);
		if ((ch & r->want_bits) != r->want_bits)
			g_error("%s: changes 0x%x, want 0x%x", r->name, ch,
			    r->want_bits);
		u = unfold(out);
		for (size_t k = 0; k < 4 && r->has[k]; k++)
			if (strstr(u, r->has[k]) == NULL)
				g_error("%s: missing probe %zu", r->name, k);
		for (size_t k = 0; k < 4 && r->hasnt[k]; k++)
			if (strstr(u, r->hasnt[k]) != NULL)
				g_error("%s: forbidden probe %zu present", r->name, k);
		/* always: one VEVENT, new UID in the domain, libical-clean */
		g_assert_nonnull(strstr(u, "@kommun.example\r\n"));
		g_assert_null(strstr(u, "UID:orig-uid-1"));
		back = icalparser_parse_string(out);
		g_assert_nonnull(back);
		g_assert_cmpint(icalcomponent_count_errors(back), ==, 0);
		g_assert_cmpint(icalcomponent_count_components(back,
		    ICAL_VEVENT_COMPONENT), ==, 1);
		icalcomponent_free(back);
		g_free(u);
		g_free(out);
		verdict_free(v);
		invite_free(inv);
	}
}

/* keep_uid (mode redact) keeps the organizer's UID. */
static void
test_keep_uid(void)
{
	const char *ics = CAL_HEAD EV_HEAD "SUMMARY:Möte\r\n" EV_TAIL CAL_TAIL;
	struct correct_opts o = { "Uppföljning", NULL, 0, true };
	struct invite *inv = parse_ics(ics, strlen(ics), NULL);
	char *out = correct_calendar(ics, strlen(ics), NULL, inv, NULL, &o,
	    false, NULL);

	g_assert_nonnull(out);
	g_assert_nonnull(strstr(out, "UID:orig-uid-1@kommun.example\r\n"));
	g_assert_nonnull(strstr(out, "SUMMARY:Uppföljning\r\n"));
	g_free(out);
	invite_free(inv);
}

/* A calendar inside a message: the finding's comp index lines up. */
static void
test_message(void)
{
	const char *msg = "From: a@kommun.example\r\nSubject: x\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; "
	    "boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nHej\r\n"
	    "--b\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n"
	    CAL_HEAD EV_HEAD "SUMMARY:Möte\r\nDESCRIPTION:Nr 19121212-1212 ok\r\n"
	    EV_TAIL CAL_TAIL "--b--\r\n";
	struct invite *inv = parse_message(msg, strlen(msg), NULL);
	struct verdict *v = verdict_new();
	char *out;

	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	g_assert_cmpint(v->action, ==, ACT_REJECT);
	out = correct_calendar(msg, strlen(msg), NULL, inv, v, NULL, false,
	    NULL);
	g_assert_nonnull(out);
	g_assert_nonnull(strstr(out, "DESCRIPTION:Nr ok"));
	g_assert_nonnull(strstr(out, "SUMMARY:" CORRECT_SUBJECT_DEFAULT));
	g_free(out);
	verdict_free(v);
	invite_free(inv);
}

struct cut_row {
	const char	*name;
	const char	*text;
	const char	*needles[3];
	const char	*want;
};

static const struct cut_row cut_rows[] = {
	{ "span", "Pnr: 19121212-1212 (barnet)", { "19121212-1212" },
	  "Pnr: (barnet)" },
	{ "whole-word-only", "Eva Evasson", { "Eva" }, "Evasson" },
	{ "punctuation", "Möte med Eva.", { "Eva" }, "Möte med." },
	{ "utf8-word", "Åsa Öberg kommer", { "Åsa", "Öberg" }, "kommer" },
	{ "every-occurrence", "A 1 B 1 C", { "1" }, "A B C" },
	{ "teams-link-protected", TEAMS "/19121212-1212 x", { "19121212-1212" },
	  TEAMS "/19121212-1212 x" },
	{ "no-needles", "Oförändrad text", { NULL }, "Oförändrad text" },
	{ "overlap", "abc def ghi", { "abc def", "def ghi" }, "" },
};

static void
test_cut(void)
{
	for (size_t i = 0; i < G_N_ELEMENTS(cut_rows); i++) {
		const struct cut_row *r = &cut_rows[i];
		GPtrArray *nd = g_ptr_array_new();
		char *out;

		for (size_t k = 0; k < 3 && r->needles[k]; k++)
			g_ptr_array_add(nd, (gpointer)r->needles[k]);
		out = correct_cut(r->text, strlen(r->text), nd, NULL, NULL);
		if (strcmp(out, r->want) != 0)
			g_error("cut %s: wrong result", r->name);
		g_free(out);
		g_ptr_array_free(nd, TRUE);
	}
}

static void
test_ranges_and_html(void)
{
	GArray *r = g_array_new(FALSE, FALSE, sizeof(size_t));
	size_t a = 4, b = 8, bad0 = 50, bad1 = 60, n = 0;
	char *out, *h, *tb;

	g_array_append_val(r, a);
	g_array_append_val(r, b);
	g_array_append_val(r, bad0);	/* out of range: ignored */
	g_array_append_val(r, bad1);
	out = correct_cut("abc XXXX def", 12, NULL, r, &n);
	g_assert_cmpstr(out, ==, "abc def");
	g_assert_cmpuint(n, ==, 1);
	g_free(out);
	g_array_free(r, TRUE);

	h = correct_text_to_html("a<b & c\nsee https://x.example/p?q=1&r=2 now");
	g_assert_nonnull(strstr(h, "a&lt;b &amp; c<br>"));
	g_assert_nonnull(strstr(h, "<a href=\"https://x.example/p?q=1&amp;r=2\">"));
	g_free(h);

	tb = correct_teams_block("Före\n____\nMicrosoft Teams-möte\nLänk\n____\nEfter");
	g_assert_cmpstr(tb, ==, "____\nMicrosoft Teams-möte\nLänk\n____");
	g_free(tb);
	g_assert_null(correct_teams_block("Inget Teams här"));
}

/* Two texts of one field and component (two attendees' names): the
 * span of a finding is cut from the text the rules found it in, not
 * from the first text of its field (which is longer here, so the span
 * fits both). */
static void
test_needle_text(void)
{
	const char *ics = CAL_HEAD EV_HEAD
	    "ATTENDEE;CN=Protokollgruppen Socialtjanst:mailto:a@region.example\r\n"
	    "ATTENDEE;CN=19121212-1212:mailto:b@region.example\r\n"
	    "SUMMARY:Möte\r\n" EV_TAIL CAL_TAIL;
	struct invite *inv = parse_ics(ics, strlen(ics), NULL);
	struct verdict *v = verdict_new();
	GPtrArray *nd;
	bool second = false;

	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	for (size_t i = 0; i < v->n; i++) {
		if (g_test_verbose())
			g_test_message("%s %zu", v->f[i].rule, v->f[i].text_no);
		if (strcmp(v->f[i].rule, "personnummer") == 0) {
			size_t t = v->f[i].text_no;

			g_assert_cmpuint(t, >=, 1);
			g_assert_cmpuint(t, <=, inv->n_texts);
			g_assert_nonnull(strstr(inv->texts[t - 1].s, "19121212"));
			second = true;
		}
	}
	g_assert_true(second);
	nd = correct_needles(inv, v);
	g_assert_cmpuint(nd->len, >=, 1);
	for (guint i = 0; i < nd->len; i++) {
		const char *n = g_ptr_array_index(nd, i);

		g_assert_null(strstr(n, "Protokoll"));
		if (strstr(n, "19121212") != NULL)
			second = false;
	}
	g_assert_false(second);		/* the number was a needle */
	g_ptr_array_unref(nd);
	verdict_free(v);
	invite_free(inv);
}

int
main(int argc, char **argv)
{
	char err[256];
	int rc;

	g_test_init(&argc, &argv, NULL);
	parse_init();
	cfg = conf_default(err, sizeof(err));
	g_assert_nonnull(cfg);
	g_assert_cmpint(conf_add_internal_domain(cfg, "kommun.example", err,
	    sizeof(err)), ==, 0);
	g_test_add_func("/correct/rows", test_rows);
	g_test_add_func("/correct/keep_uid", test_keep_uid);
	g_test_add_func("/correct/message", test_message);
	g_test_add_func("/correct/cut", test_cut);
	g_test_add_func("/correct/needle_text", test_needle_text);
	g_test_add_func("/correct/ranges_html_teams", test_ranges_and_html);
	rc = g_test_run();
	conf_unref(cfg);
	return rc;
}
