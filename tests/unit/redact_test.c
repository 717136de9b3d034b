/*
 * redact_test.c: mode redact covers the headers a mail client shows
 * (issue 17, item 6). A personnummer in a display name (quoted, RFC 2047
 * in UTF-8 and ISO-8859-1), an address comment, several addresses in
 * one To, the second of two Cc, Comments and Keywords is cut and the
 * header rewritten (addresses unchanged, syntax kept, folded); in an
 * address, a group's name or an encoded word that cannot be read it is
 * refused. Every result is re-checked clean (notice_redacted) and read
 * back. Failure messages name rows, never message text.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "conf/conf.h"
#include "conf/noticeconf.h"
#include "notice/notice.h"
#include "notice/correct.h"
#include "parse/parse.h"
#include "rules/rules.h"

#define PNR	"19121212-1212"
#define BASE	"tests/corpus/002-pnr-subject.eml"
#define TO0	"To: guest0@socialtjanst.kommun.example"

static struct config *cfg;

struct want {
	const char	*name;
	int		 index;
	const char	*value;		/* unfolded; NULL: removed */
};

struct row {
	const char	*name;
	const char	*headers;	/* in place of the base's To line */
	int		 rc;
	const char	*why;		/* substring of the refusal */
	struct want	 w[3];
};

static const struct row rows[] = {
	{ "quoted name", "To: \"Anna Svensson " PNR "\" <anna@region.example>",
	  0, NULL, { { "To", 1, "\"Anna Svensson\" <anna@region.example>" } } },
	{ "quoted name, escapes", "To: \"Anna \\\"A\\\" " PNR "\" <a@region.example>",
	  0, NULL, { { "To", 1, "\"Anna \\\"A\\\"\" <a@region.example>" } } },
	{ "utf-8 encoded word", "To: =?utf-8?b?w4VzYSAxOTEyMTIxMi0xMjEy?= "
	  "<asa@region.example>", 0, NULL,
	  { { "To", 1, "=?UTF-8?B?w4VzYQ==?= <asa@region.example>" } } },
	{ "iso-8859-1 encoded word", "To: =?iso-8859-1?q?P=E4r_" PNR "?= "
	  "<par@region.example>", 0, NULL,
	  { { "To", 1, "=?UTF-8?B?UMOkcg==?= <par@region.example>" } } },
	{ "comment", "To: bo@region.example (Bo " PNR ")", 0, NULL,
	  { { "To", 1, "bo@region.example (Bo)" } } },
	{ "comment, nothing left", "To: bo@region.example (" PNR ")", 0, NULL,
	  { { "To", 1, "bo@region.example" } } },
	{ "name, nothing left", "To: \"" PNR "\" <a@region.example>", 0, NULL,
	  { { "To", 1, "<a@region.example>" } } },
	{ "several in one To", "To: \"A " PNR "\" <a@region.example>, "
	  "b@region.example,\n \"C\" <c@region.example>", 0, NULL,
	  { { "To", 1, "\"A\" <a@region.example>, b@region.example, \"C\" "
	  "<c@region.example>" } } },
	{ "second of two Cc", "To: x@region.example\nCc: \"X\" "
	  "<x@region.example>\nCc: \"Eva " PNR "\" <eva@region.example>",
	  0, NULL, { { "Cc", 2, "\"Eva\" <eva@region.example>" } } },
	{ "From and Reply-To", "To: x@region.example\nReply-To: \"Handl "
	  PNR "\" <organizer@kommun.example>", 0, NULL,
	  { { "Reply-To", 1, "\"Handl\" <organizer@kommun.example>" } } },
	{ "Comments, Keywords, Organization", "To: x@region.example\n"
	  "Comments: om " PNR "\nKeywords: " PNR "\nOrganization: =?utf-8?q?"
	  "Soc=C3=B6_" PNR "?=", 0, NULL,
	  { { "Comments", 1, "om" }, { "Keywords", 1, NULL },
	  { "Organization", 1, "=?UTF-8?B?U29jw7Y=?=" } } },
	{ "topic stem in a name (the rules' own span)", "To: x@region.example\n"
	  "Reply-To: \"Uppf\xc3\xb6ljning orosanm\xc3\xa4lan " PNR "\" "
	  "<svar@kommun.example>", 0, NULL,
	  { { "Reply-To", 1, "=?UTF-8?B?VXBwZsO2bGpuaW5nIGFu?= "
	  "<svar@kommun.example>" } } },
	{ "address local part", "To: \"A\" <" PNR "@region.example>, \"B "
	  PNR "\" <b@region.example>", -1, "in an address", { { NULL } } },
	{ "group name", "To: Grupp " PNR ": a@region.example, "
	  "b@region.example;", -1, "group", { { NULL } } },
	{ "another header", "To: x@region.example\nX-Topic: " PNR, -1,
	  "not rewritten", { { NULL } } },
	{ "number inside a broken encoded word", "To: =?utf-8?b?w4Vz?P=E4r_"
	  PNR "?= <a@region.example>", -1, "encoded word", { { NULL } } },
	{ "blank before the colon", "To : \"A " PNR "\" <a@region.example>",
	  -1, "blank before its colon", { { NULL } } },
	{ "encoded word not read", "To: =?utf-8?z?abc?= " PNR
	  " <a@region.example>", -1, "encoded word", { { NULL } } },
};

/* The base message with its To line replaced by headers. */
static char *
message(const char *headers, size_t *len)
{
	gchar *b = NULL, *m;
	gsize bl = 0;
	size_t at;

	g_assert_true(g_file_get_contents(BASE, &b, &bl, NULL));
	g_assert_nonnull(strstr(b, TO0));
	at = (size_t)(strstr(b, TO0) - b);
	m = g_strdup_printf("%.*s%s%s", (int)at, b, headers,
	    b + at + strlen(TO0));
	g_free(b);
	*len = strlen(m);
	return m;
}

static const struct redact_hdr *
find(const struct redact_out *ro, const char *name, int index)
{
	for (size_t i = 0; i < ro->n_hdrs; i++)
		if (ro->hdrs[i].index == index &&
		    g_ascii_strcasecmp(ro->hdrs[i].name, name) == 0)
			return &ro->hdrs[i];
	return NULL;
}

static char *
unfolded(const char *v)
{
	GString *g = g_string_new(NULL);

	for (; *v; v++)
		if (*v != '\n')
			g_string_append_c(g, *v);
	return g_string_free(g, FALSE);
}

/* The end of the header block (the base message has LF lines; the
 * rewritten fields have CRLF). */
static const char *
hdr_end(const char *whole)
{
	const char *a = strstr(whole, "\n\n"), *b = strstr(whole, "\n\r\n");

	g_assert_true(a != NULL || b != NULL);
	return a == NULL ? b : b == NULL ? a : a < b ? a : b;
}

/* every "<addr>" and bare address of the original headers is still in
 * the new message's header block */
static void
addresses_kept(const char *name, const char *headers, const char *whole)
{
	const char *end = hdr_end(whole);
	GRegex *re = g_regex_new("[A-Za-z0-9._-]+@[a-z.]+", 0, 0, NULL);
	GMatchInfo *mi = NULL;

	g_regex_match(re, headers, 0, &mi);
	while (g_match_info_matches(mi)) {
		char *a = g_match_info_fetch(mi, 0);

		if (g_strstr_len(whole, end - whole, a) == NULL)
			g_error("%s: an address changed", name);
		g_free(a);
		g_match_info_next(mi, NULL);
	}
	g_match_info_free(mi);
	g_regex_unref(re);
}

/* RFC 5322 2.1.1: no header line over 998 bytes; every continuation
 * line starts with a blank. */
static void
lines_ok(const char *name, const char *whole)
{
	const char *end = hdr_end(whole);

	for (const char *p = whole, *nl; p < end; p = nl + 1) {
		nl = strchr(p, '\n');
		if (nl - p > 999 || (p > whole && *p != ' ' && *p != '\t' &&
		    memchr(p, ':', (size_t)(nl - p)) == NULL))
			g_error("%s: a header line too long or broken", name);
	}
}

static void
run(const char *name, const char *headers, int want_rc, const char *want_why,
    const struct want *w, size_t n_w)
{
	struct notice_conf *nc = notice_conf_default();
	size_t len, wl;
	char *raw = message(headers, &len), *ics, *whole;
	struct invite *inv = parse_message(raw, len, NULL), *inv2;
	struct verdict *v = verdict_new();
	struct redact_out ro;
	const char *why = NULL;
	int rc;

	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	ics = notice_corrected_ics(cfg, nc, raw, len, inv, v, NULL, true, NULL);
	g_assert_nonnull(ics);
	rc = notice_redacted(cfg, nc, raw, len, inv, v, NULL, ics, &ro, &why);
	if (rc != want_rc)
		g_error("%s: rc %d (%s)", name, rc, why ? why : "-");
	if (rc < 0) {
		if (want_why && (why == NULL || strstr(why, want_why) == NULL))
			g_error("%s: refused for another reason", name);
		goto out;
	}
	for (size_t i = 0; i < n_w && w[i].name; i++) {
		const struct redact_hdr *h = find(&ro, w[i].name, w[i].index);
		char *u;

		if (h == NULL)
			g_error("%s: no change of %s #%d", name, w[i].name,
			    w[i].index);
		if (w[i].value == NULL) {
			if (h->value != NULL)
				g_error("%s: %s not removed", name, w[i].name);
			continue;
		}
		if (h->value == NULL)
			g_error("%s: %s removed", name, w[i].name);
		u = unfolded(h->value);
		if (strcmp(u, w[i].value) != 0)
			g_error("%s: %s #%d not as wanted (%zu bytes)", name,
			    w[i].name, w[i].index, strlen(u));
		g_free(u);
	}
	/* an unchanged header of a duplicated name is left alone */
	if (strstr(name, "two Cc") && find(&ro, "Cc", 1) != NULL)
		g_error("%s: the clean Cc changed", name);
	whole = redact_assemble(raw, len, &ro, &wl);
	if (strstr(whole, PNR) != NULL || strstr(whole, "121212") != NULL)
		g_error("%s: an identifier remains", name);
	lines_ok(name, whole);
	addresses_kept(name, headers, whole);
	inv2 = parse_message(whole, wl, NULL);
	g_assert_true(inv2->is_invitation);
	verdict_reset(v);
	g_assert_cmpint(rules_eval(&cfg->rules, inv2, NULL, v), ==, 0);
	if (v->action >= ACT_FLAG)
		g_error("%s: the redacted message is not clean", name);
	invite_free(inv2);
	g_free(whole);
	redact_out_clear(&ro);
out:
	g_free(ics);
	verdict_free(v);
	invite_free(inv);
	g_free(raw);
	notice_conf_free(nc);
}

static void
test_rows(void)
{
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++)
		run(rows[i].name, rows[i].headers, rows[i].rc, rows[i].why,
		    rows[i].w, G_N_ELEMENTS(rows[i].w));
}

/* A To of 40 named guests: folded at blanks, every line <= 78 where a
 * blank allows, the value the same once unfolded. */
static void
test_fold(void)
{
	GString *h = g_string_new("To: ");
	GString *want = g_string_new(NULL);
	struct want w[1];

	for (int i = 0; i < 40; i++) {
		g_string_append_printf(h, "%s\"G%d " PNR "\" <g%d@region.example>",
		    i ? ",\n " : "", i, i);
		g_string_append_printf(want, "%s\"G%d\" <g%d@region.example>",
		    i ? ", " : "", i, i);
	}
	w[0].name = "To";
	w[0].index = 1;
	w[0].value = want->str;
	run("fold", h->str, 0, NULL, w, 1);
	g_string_free(h, TRUE);
	g_string_free(want, TRUE);
}

/* A display name of 1,500 characters: written as encoded words, which
 * fold; an address of 1,100 characters cannot be folded: refused. */
static void
test_long(void)
{
	GString *name = g_string_new(NULL), *h = g_string_new(NULL);

	for (int i = 0; i < 150; i++)
		g_string_append(name, "Namnnamn. ");
	g_string_printf(h, "To: \"%s" PNR "\" <a@region.example>", name->str);
	run("long name", h->str, 0, NULL, NULL, 0);
	g_string_truncate(name, 0);
	for (int i = 0; i < 110; i++)
		g_string_append(name, "abcdefghij");
	g_string_printf(h, "To: \"B " PNR "\" <%s@region.example>", name->str);
	run("long address", h->str, -1, "too long to fold", NULL, 0);
	g_string_free(name, TRUE);
	g_string_free(h, TRUE);
}

/* The changes are listed in message order, Subject and Thread-Topic
 * among them, every Subject replaced (two of them). */
static void
test_duplicates(void)
{
	struct want w[3] = { { "Subject", 1, NULL }, { "Subject", 2, NULL },
	    { "Thread-Topic", 1, NULL } };
	struct notice_conf *nc = notice_conf_default();
	size_t len;
	char *raw = message("To: x@region.example\nSubject: igen " PNR
	    "\nThread-Topic: " PNR, &len);
	struct invite *inv = parse_message(raw, len, NULL);
	struct verdict *v = verdict_new();
	struct redact_out ro;
	char *ics;

	g_assert_cmpint(rules_eval(&cfg->rules, inv, NULL, v), ==, 0);
	ics = notice_corrected_ics(cfg, nc, raw, len, inv, v, NULL, true, NULL);
	g_assert_cmpint(notice_redacted(cfg, nc, raw, len, inv, v, NULL, ics,
	    &ro, NULL), ==, 0);
	for (size_t i = 0; i < 3; i++) {
		const struct redact_hdr *h = find(&ro, w[i].name, w[i].index);

		g_assert_nonnull(h);
		if (i < 2)
			g_assert_nonnull(h->value);
		else
			g_assert_null(h->value);
	}
	/* in message order: per name, indexes ascending (actions.c
	 * applies them last to first) */
	for (size_t i = 0; i < ro.n_hdrs; i++)
		for (size_t j = i + 1; j < ro.n_hdrs; j++)
			if (g_ascii_strcasecmp(ro.hdrs[i].name,
			    ro.hdrs[j].name) == 0)
				g_assert_cmpint(ro.hdrs[i].index, <,
				    ro.hdrs[j].index);
	redact_out_clear(&ro);
	g_free(ics);
	verdict_free(v);
	invite_free(inv);
	g_free(raw);
	notice_conf_free(nc);
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
	g_test_add_func("/redact/shown-headers", test_rows);
	g_test_add_func("/redact/fold", test_fold);
	g_test_add_func("/redact/long", test_long);
	g_test_add_func("/redact/duplicates", test_duplicates);
	rc = g_test_run();
	conf_unref(cfg);
	return rc;
}
