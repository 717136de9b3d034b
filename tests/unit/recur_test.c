/*
 * recur_test.c: the series, attachment and unknown-guest rules on
 * hand-built invites, through the real engine's rules_emit and the
 * default rule table. Rows are named by id; every address is a made-up
 * role address, and findings are checked to carry none.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "conf/conf.h"
#include "parse/invite.h"
#include "rules/recur.h"
#include "rules/rules.h"

static struct config *cfg_dom;	/* internal: kommun.example */
static struct config *cfg_none;	/* no internal domain */

/* What makes a component a series (or not). */
#define S_RRULE		0x001
#define S_RDATE		0x002
#define S_EXRULE	0x004
#define S_EXDATE	0x008
#define S_RECURID	0x010
#define S_MSRRULE	0x020
#define S_SAMEUID	0x040	/* second VEVENT, same UID, same calendar */
#define S_DUPCAL	0x080	/* same event again in a second calendar */
#define S_DUPMOVED	0x100	/* same UID, second calendar, other start */

struct person {
	const char	*addr;		/* NULL: no usable address */
	const char	*raw;
	const char	*cutype;
	const char	*role;
};

struct file {
	const char	*type;
	size_t		 size;
	bool		 inline_image;
	bool		 in_calendar;	/* ATTACH, else a MIME part */
	const char	*uri;
};

struct row {
	const char	*id;
	const char	*method;	/* NULL: none (an attached .ics) */
	unsigned	 series;	/* S_* */
	int		 insttype;	/* X-MICROSOFT-CDO-INSTTYPE, 0 = single */
	struct person	 people[4];
	const char	*rcpts[3];	/* envelope, NULL-terminated */
	struct file	 files[2];
	bool		 no_internal;	/* use cfg_none */
	const char	*want;		/* verdict word and sorted rules */
	const char	*want_in;	/* in some detail/evidence, or NULL */
	const char	*want_note;	/* in the note, or NULL = empty */
};

#define INT	{ "kollega@kommun.example", NULL, NULL, "REQ-PARTICIPANT" }
#define SUB	{ "handlaggare@socialtjanst.kommun.example", NULL, NULL, NULL }
#define EXT	{ "extern@region.example", NULL, NULL, "REQ-PARTICIPANT" }
#define GMAIL	{ "someone@gmail.com", NULL, NULL, NULL }
#define OPT	{ "extern@vard.example", NULL, NULL, "OPT-PARTICIPANT" }
#define NONP	{ "extern@region.example", NULL, NULL, "NON-PARTICIPANT" }
#define ROOM	{ "rum3@kommun.example", NULL, "ROOM", "NON-PARTICIPANT" }
#define XROOM	{ "sal@lokaler.example", NULL, "ROOM", NULL }
#define XRES	{ "projektor@lokaler.example", NULL, "RESOURCE", NULL }
#define GROUPI	{ "alla@kommun.example", NULL, "GROUP", NULL }
#define GROUPX	{ "lista@region.example", NULL, "GROUP", NULL }
#define EXADDR	{ NULL, "EX:/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=x", \
		  NULL, NULL }
#define GARB	{ "inte en adress", "mailto:inte en adress", NULL, NULL }
#define LOOK1	{ "a@evilkommun.example", NULL, NULL, NULL }
#define LOOK2	{ "a@kommun.example.evil.test", NULL, NULL, NULL }
#define PDF	{ "application/pdf", 120000, false, false, NULL }
#define LOGO	{ "image/png", 4000, true, false, NULL }
#define DOCX	{ "application/vnd.openxmlformats-officedocument." \
		  "wordprocessingml.document", 20000, false, true, NULL }
#define LINK	{ "application/pdf", 0, false, true, \
		  "https://files.example/s/abc" }

static const struct row rows[] = {
	/* series shapes, external guest */
	{ "weekly", "REQUEST", S_RRULE, 0, { INT, EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", "region.example", NULL },
	{ "rdate", "REQUEST", S_RDATE, 0, { EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", NULL, NULL },
	{ "exrule", "REQUEST", S_EXRULE, 0, { EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", NULL, NULL },
	{ "exdate", "REQUEST", S_EXDATE, 0, { EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", NULL, NULL },
	{ "exception", "REQUEST", S_RECURID, 0, { EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", NULL, NULL },
	{ "ms-rrule", "REQUEST", S_MSRRULE, 0, { EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", NULL, NULL },
	{ "insttype1", "REQUEST", 0, 1, { EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", NULL, NULL },
	{ "insttype2", "REQUEST", 0, 2, { EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", NULL, NULL },
	{ "insttype3", "REQUEST", 0, 3, { EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", NULL, NULL },
	{ "insttype0", "REQUEST", 0, 0, { EXT }, { NULL }, { { 0 } },
	  false, "accept", NULL, NULL },
	/* issue 17: one UID twice without recurrence is no series */
	{ "same-uid", "REQUEST", S_SAMEUID, 0, { EXT }, { NULL }, { { 0 } },
	  false, "accept", NULL, NULL },
	{ "google-copy", "REQUEST", S_DUPCAL, 0, { EXT }, { NULL }, { { 0 } },
	  false, "accept", NULL, NULL },
	{ "copy-moved", "REQUEST", S_DUPMOVED, 0, { EXT }, { NULL }, { { 0 } },
	  false, "accept", NULL, NULL },
	{ "publish", "PUBLISH", S_RRULE, 0, { EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", NULL, NULL },
	{ "add", "ADD", S_RECURID, 0, { EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", NULL, NULL },
	{ "no-method", NULL, S_RRULE, 0, { EXT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", NULL, NULL },
	/* answers always pass, whatever they carry */
	{ "cancel", "CANCEL", S_RRULE, 0, { EXT, EXADDR }, { NULL },
	  { PDF }, false, "accept", NULL, NULL },
	{ "reply", "REPLY", S_RRULE, 0, { EXT }, { NULL }, { PDF },
	  false, "accept", NULL, NULL },
	{ "refresh", "REFRESH", S_RRULE, 0, { EXT }, { NULL }, { { 0 } },
	  false, "accept", NULL, NULL },
	{ "counter", "COUNTER", S_RECURID, 0, { EXT }, { NULL }, { { 0 } },
	  false, "accept", NULL, NULL },
	{ "declinecounter", "DECLINECOUNTER", S_RRULE, 0, { EXT }, { NULL },
	  { { 0 } }, false, "accept", NULL, NULL },
	/* who is a guest */
	{ "internal-series", "REQUEST", S_RRULE, 0, { INT, SUB, ROOM },
	  { NULL }, { { 0 } }, false, "accept", NULL, NULL },
	{ "single-external", "REQUEST", 0, 0, { INT, EXT }, { NULL },
	  { { 0 } }, false, "accept", NULL, NULL },
	{ "optional", "REQUEST", S_RRULE, 0, { INT, OPT }, { NULL }, { { 0 } },
	  false, "reject recurring-external", "vard.example", NULL },
	{ "non-participant", "REQUEST", S_RRULE, 0, { NONP }, { NULL },
	  { { 0 } }, false, "reject recurring-external", NULL, NULL },
	{ "room", "REQUEST", S_RRULE, 0, { INT, ROOM }, { NULL }, { { 0 } },
	  false, "accept", NULL, NULL },
	{ "external-room", "REQUEST", S_RRULE, 0, { INT, XROOM, XRES },
	  { NULL }, { { 0 } }, false, "accept", NULL, NULL },
	{ "group-internal", "REQUEST", S_RRULE, 0, { GROUPI }, { NULL },
	  { { 0 } }, false, "accept", NULL, NULL },
	{ "group-external", "REQUEST", S_RRULE, 0, { GROUPX }, { NULL },
	  { { 0 } }, false, "reject recurring-external", NULL, NULL },
	{ "lookalike", "REQUEST", S_RRULE, 0, { LOOK1, LOOK2 }, { NULL },
	  { { 0 } }, false, "reject recurring-external", "2 externa", NULL },
	{ "bcc-external", "REQUEST", S_RRULE, 0, { INT },
	  { "kollega@kommun.example", "someone@gmail.com", NULL }, { { 0 } },
	  false, "reject recurring-external", "gmail.com", NULL },
	{ "rcpt-internal", "REQUEST", S_RRULE, 0, { INT },
	  { "a@socialtjanst.kommun.example", "", NULL }, { { 0 } }, false,
	  "accept", NULL, NULL },
	/* attendees without a usable address */
	{ "ex-address", "REQUEST", 0, 0, { INT, EXADDR }, { NULL }, { { 0 } },
	  false, "flag external-guest-unknown", "1 deltagare", NULL },
	{ "garbage", "REQUEST", 0, 0, { GARB, EXADDR }, { NULL }, { { 0 } },
	  false, "flag external-guest-unknown", "2 deltagare", NULL },
	{ "unknown-series", "REQUEST", S_RRULE, 0, { EXADDR, EXT }, { NULL },
	  { { 0 } }, false, "reject external-guest-unknown recurring-external",
	  NULL, NULL },
	/* files */
	{ "pdf-external", "REQUEST", 0, 0, { EXT }, { NULL }, { PDF }, false,
	  "flag attachment-external", "application/pdf, 118 KB", NULL },
	{ "pdf-internal", "REQUEST", 0, 0, { INT }, { NULL }, { PDF }, false,
	  "accept", NULL, NULL },
	{ "inline-image", "REQUEST", 0, 0, { EXT }, { NULL }, { LOGO }, false,
	  "accept", NULL, NULL },
	{ "ical-attach", "REQUEST", 0, 0, { EXT }, { NULL }, { DOCX }, false,
	  "flag attachment-external", "wordprocessingml.document, 20 KB",
	  NULL },
	{ "ical-link", "REQUEST", 0, 0, { EXT }, { NULL }, { LINK }, false,
	  "flag attachment-external", "application/pdf, link", NULL },
	{ "pdf-series", "REQUEST", S_RRULE, 0, { EXT }, { NULL }, { PDF, LOGO },
	  false, "reject attachment-external recurring-external", NULL, NULL },
	/* nothing configured: the organizer's domain is assumed */
	{ "assume-org", "REQUEST", S_RRULE, 0, { SUB }, { NULL }, { { 0 } },
	  true, "accept", NULL,
	  "assumed internal: socialtjanst.kommun.example" },
	{ "assume-org-ext", "REQUEST", S_RRULE, 0, { SUB, EXT }, { NULL },
	  { { 0 } }, true, "reject recurring-external", "region.example",
	  "no internal domain configured" },
	{ "assume-cancel", "CANCEL", S_RRULE, 0, { EXT }, { NULL }, { { 0 } },
	  true, "accept", NULL, NULL },
};

static struct inv_comp *
add_comp(struct invite *inv, const struct row *r, int cal, time_t start)
{
	struct inv_comp *c;

	inv->comps = g_renew(struct inv_comp, inv->comps, inv->n_comps + 1);
	c = &inv->comps[inv->n_comps++];
	memset(c, 0, sizeof(*c));
	c->kind = g_strdup("VEVENT");
	c->cal = cal;
	c->uid = g_strdup("serie-1@kommun.example");
	c->dtstart_t = start;
	c->dtstart = g_strdup_printf("%lld", (long long)start);
	c->ms_insttype = r->insttype;
	c->has_rrule = (r->series & S_RRULE) != 0;
	c->has_rdate = (r->series & S_RDATE) != 0;
	c->has_exrule = (r->series & S_EXRULE) != 0;
	c->has_exdate = (r->series & S_EXDATE) != 0;
	c->has_recurrence_id = (r->series & S_RECURID) != 0;
	c->has_ms_rrule = (r->series & S_MSRRULE) != 0;
	c->has_organizer = true;
	c->organizer.addr = g_strdup("handlaggare@socialtjanst.kommun.example");
	for (size_t i = 0; i < G_N_ELEMENTS(r->people); i++) {
		const struct person *p = &r->people[i];
		struct inv_person *q;

		if (p->addr == NULL && p->raw == NULL)
			continue;
		c->attendees = g_renew(struct inv_person, c->attendees,
		    c->n_attendees + 1);
		q = &c->attendees[c->n_attendees++];
		q->addr = g_strdup(p->addr);
		q->raw = g_strdup(p->raw ? p->raw : p->addr);
		q->cn = NULL;
		q->cutype = g_strdup(p->cutype);
		q->role = g_strdup(p->role);
	}
	return c;
}

static struct inv_attach *
grow(struct inv_attach **v, size_t *n)
{
	*v = g_renew(struct inv_attach, *v, *n + 1);
	memset(&(*v)[*n], 0, sizeof(**v));
	return &(*v)[(*n)++];
}

static struct invite *
mk_invite(const struct row *r)
{
	struct invite *inv = invite_new();
	struct inv_comp *c;
	int ncal = 1;

	inv->is_invitation = true;
	inv->method = g_strdup(r->method);
	inv->from = g_strdup("handlaggare@socialtjanst.kommun.example");
	c = add_comp(inv, r, 0, 1764000000);
	if (r->series & S_SAMEUID)
		c = add_comp(inv, r, 0, 1764604800);
	if (r->series & (S_DUPCAL | S_DUPMOVED)) {
		c = add_comp(inv, r, 1, r->series & S_DUPMOVED ?
		    1764604800 : 1764000000);
		ncal = 2;
	}
	inv->cals = g_new0(struct inv_cal, ncal);
	inv->n_cals = ncal;
	for (int i = 0; i < ncal; i++) {
		inv->cals[i].method = g_strdup(r->method);
		inv->cals[i].is_attachment = i > 0;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(r->files); i++) {
		const struct file *f = &r->files[i];
		struct inv_attach *a;

		if (f->type == NULL)
			continue;
		a = f->in_calendar ? grow(&c->attach, &c->n_attach) :
		    grow(&inv->atts, &inv->n_atts);
		a->type = g_strdup(f->type);
		a->name = g_strdup("Underlag");
		a->size = f->size;
		a->is_inline_image = f->inline_image;
		a->uri = g_strdup(f->uri);
	}
	return inv;
}

static int
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "verdict rule rule..." of the findings at flag or reject, sorted. */
static char *
summary(const struct verdict *v)
{
	GPtrArray *ids = g_ptr_array_new();
	GString *s = g_string_new(verdict_word(v->action));

	for (size_t i = 0; i < v->n; i++) {
		bool seen = false;

		if (v->f[i].action < ACT_FLAG)
			continue;
		for (guint j = 0; j < ids->len; j++)
			if (strcmp(g_ptr_array_index(ids, j), v->f[i].rule) == 0)
				seen = true;
		if (!seen)
			g_ptr_array_add(ids, (gpointer)v->f[i].rule);
	}
	g_ptr_array_sort(ids, cmp_str);
	for (guint j = 0; j < ids->len; j++)
		g_string_append_printf(s, " %s",
		    (const char *)g_ptr_array_index(ids, j));
	g_ptr_array_free(ids, TRUE);
	return g_string_free(s, FALSE);
}

static void
test_rows(void)
{
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		const struct row *r = &rows[i];
		struct invite *inv = mk_invite(r);
		struct verdict *v = verdict_new();
		struct envelope env = { 0 };
		const char *rc[4];
		size_t n = 0;
		char *got;
		bool found = r->want_in == NULL;

		for (; n < G_N_ELEMENTS(r->rcpts) && r->rcpts[n]; n++)
			rc[n] = r->rcpts[n];
		env.sender = "handlaggare@socialtjanst.kommun.example";
		env.rcpts = rc;
		env.n_rcpts = n;
		recur_check(r->no_internal ? &cfg_none->rules :
		    &cfg_dom->rules, inv, n > 0 ? &env : NULL, v);
		got = summary(v);
		if (strcmp(got, r->want) != 0)
			g_test_message("row %s: got \"%s\"", r->id, got);
		g_assert_cmpstr(got, ==, r->want);
		for (size_t j = 0; j < v->n; j++) {
			const struct finding *f = &v->f[j];

			/* domains and types, never an address */
			if (strchr(f->evidence, '@') || strchr(f->detail, '@'))
				g_test_message("row %s: address in finding",
				    r->id);
			g_assert_null(strchr(f->evidence, '@'));
			g_assert_null(strchr(f->detail, '@'));
			g_assert_null(strstr(f->detail, "Underlag"));
			g_assert_cmpuint(f->start, ==, 0);
			g_assert_cmpuint(f->end, ==, 0);
			if (r->want_in && (strstr(f->evidence, r->want_in) ||
			    strstr(f->detail, r->want_in)))
				found = true;
			if (strcmp(f->rule, "recurring-external") == 0)
				g_assert_nonnull(strstr(f->detail,
				    "book a separate meeting"));
		}
		if (!found)
			g_test_message("row %s: \"%s\" not in findings", r->id,
			    r->want_in);
		g_assert_true(found);
		if (r->want_note == NULL)
			g_assert_cmpstr(v->note, ==, "");
		else {
			if (strstr(v->note, r->want_note) == NULL)
				g_test_message("row %s: note \"%s\"", r->id,
				    v->note);
			g_assert_nonnull(strstr(v->note, r->want_note));
		}
		g_free(got);
		verdict_free(v);
		invite_free(inv);
	}
}

/* Many long external domains: the advice to book separate meetings is
 * never cut off, and the rest of the domains are counted. */
static void
test_many_domains(void)
{
	const struct row *r = &rows[0];
	struct invite *inv = mk_invite(r);
	struct verdict *v = verdict_new();
	struct inv_comp *c = &inv->comps[0];

	for (int i = 0; i < 12; i++) {
		struct inv_person *q;

		c->attendees = g_renew(struct inv_person, c->attendees,
		    c->n_attendees + 1);
		q = &c->attendees[c->n_attendees++];
		memset(q, 0, sizeof(*q));
		q->addr = g_strdup_printf("x@forvaltning-%02d.region.example", i);
	}
	recur_check(&cfg_dom->rules, inv, NULL, v);
	g_assert_cmpuint(v->n, ==, 1);
	g_assert_cmpstr(v->f[0].rule, ==, "recurring-external");
	g_assert_cmpstr(v->f[0].evidence, ==, "13 externa domäner");
	g_assert_true(g_str_has_suffix(v->f[0].detail,
	    ": book a separate meeting for each occasion"));
	g_assert_nonnull(strstr(v->f[0].detail, "region.example, "));
	g_assert_nonnull(strstr(v->f[0].detail, " more:"));
	/* One domain: singular. */
	verdict_reset(v);
	c->n_attendees = 2;	/* INT, EXT */
	recur_check(&cfg_dom->rules, inv, NULL, v);
	c->n_attendees = 14;
	g_assert_cmpuint(v->n, ==, 1);
	g_assert_cmpstr(v->f[0].evidence, ==, "1 extern domän");
	verdict_free(v);
	invite_free(inv);
}

/* Issue 17: a guest domain holding a number is shown masked in the
 * detail (4 digits or more in all: every digit '*'); short numbers stay
 * readable. The failure names the row only. */
static void
test_masked_domain(void)
{
	static const struct { const char *addr, *shown; } dr[] = {
		{ "x@191212121212.example", "************.example" },
		{ "y@19121212-1212.example", "********-****.example" },
		{ "z@19.12.12.12.12.example", "**.**.**.**.**.example" },
		{ "w@kommun2024.example", "kommun****.example" },
		{ "v@tv4.se", "tv4.se" },
	};
	const struct row *r = &rows[0];
	struct invite *inv = mk_invite(r);
	struct verdict *v = verdict_new();
	struct inv_comp *c = &inv->comps[0];
	size_t base = c->n_attendees;
	struct inv_person *q;

	c->attendees = g_renew(struct inv_person, c->attendees, base + 1);
	q = &c->attendees[base];
	memset(q, 0, sizeof(*q));
	c->n_attendees = base + 1;
	for (size_t i = 0; i < G_N_ELEMENTS(dr); i++) {
		const char *d;

		g_free(q->addr);
		q->addr = g_strdup(dr[i].addr);
		verdict_reset(v);
		recur_check(&cfg_dom->rules, inv, NULL, v);
		g_assert_cmpuint(v->n, ==, 1);
		g_assert_cmpstr(v->f[0].rule, ==, "recurring-external");
		d = v->f[0].detail;
		if (strstr(d, dr[i].shown) == NULL ||
		    (strcmp(dr[i].addr + 2, dr[i].shown) != 0 &&
		    strstr(d, dr[i].addr + 2) != NULL) || strstr(d, "1212"))
			g_error("masked domain row %zu: not shown masked", i);
	}
	/* the organizer's domain taken as internal, named in the note */
	g_free(c->attendees[0].addr);
	c->attendees[0].addr = g_strdup("o@19121212-1212.example");
	g_free(c->organizer.addr);
	c->organizer.addr = g_strdup("o@19121212-1212.example");
	verdict_reset(v);
	recur_check(&cfg_none->rules, inv, NULL, v);
	if (strstr(v->note, "********-****.example") == NULL ||
	    strstr(v->note, "1212") != NULL)
		g_error("masked domain: the note is not masked");
	verdict_free(v);
	invite_free(inv);
}

/* Hostile attachment types and one unknown attendee written in every
 * component: plain evidence, counted once. */
static void
test_hostile(void)
{
	static const struct row r = { "hostile", "REQUEST", S_SAMEUID | S_RRULE, 0,
	    { EXT, EXADDR }, { NULL }, { PDF }, false, NULL, NULL, NULL };
	struct invite *inv = mk_invite(&r);
	struct verdict *v = verdict_new();
	char **ev;
	size_t n = 0;

	g_free(inv->atts[0].type);
	inv->atts[0].type = g_strdup("application/x-\"1912121212\"<b>");
	inv->atts[0].size = 512;
	recur_check(&cfg_dom->rules, inv, NULL, v);
	ev = g_new0(char *, v->n + 1);
	for (size_t i = 0; i < v->n; i++)
		ev[n++] = g_strdup_printf("%s=%s", v->f[i].rule,
		    v->f[i].evidence);
	qsort(ev, n, sizeof(*ev), cmp_str);
	g_assert_cmpuint(n, ==, 3);
	g_assert_cmpstr(ev[0], ==, "attachment-external=file, 512 B");
	g_assert_cmpstr(ev[1], ==, "external-guest-unknown=1 deltagare utan "
	    "adress");
	g_assert_cmpstr(ev[2], ==, "recurring-external=1 extern domän");
	g_strfreev(ev);
	verdict_free(v);
	invite_free(inv);
}

static void
test_method(void)
{
	static const struct { const char *m; bool want; } m[] = {
		{ NULL, true }, { "REQUEST", true }, { "PUBLISH", true },
		{ "ADD", true }, { "CANCEL", false }, { "REPLY", false },
		{ "REFRESH", false }, { "COUNTER", false },
		{ "DECLINECOUNTER", false },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(m); i++)
		g_assert_true(recur_method_is_request(m[i].m) == m[i].want);
}

/* The configured action wins: attachment-external set to reject. */
static void
test_configured_action(void)
{
	static const struct row r = { "cfg", "REQUEST", 0, 0, { EXT },
	    { NULL }, { PDF }, false, NULL, NULL, NULL };
	char path[] = "/tmp/recur_test_XXXXXX";
	char err[256];
	struct config *c;
	struct invite *inv = mk_invite(&r);
	struct verdict *v = verdict_new();
	const char *text = "[general]\ninternal_domains = kommun.example\n"
	    "[rules]\nattachment-external = reject\n"
	    "recurring-external = off\n";
	int fd = g_mkstemp(path);

	g_assert_cmpint(fd, >=, 0);
	g_assert_true(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	c = conf_load(path, err, sizeof(err));
	unlink(path);
	if (c == NULL)
		g_test_message("conf: %s", err);
	g_assert_nonnull(c);
	recur_check(&c->rules, inv, NULL, v);
	g_assert_cmpstr(verdict_word(v->action), ==, "reject");
	verdict_reset(v);
	inv->comps[0].has_rrule = true;
	inv->n_atts = 0;	/* invite_free still frees the array */
	recur_check(&c->rules, inv, NULL, v);
	g_assert_cmpuint(v->n, ==, 0);	/* off: not added */
	inv->n_atts = 1;
	conf_unref(c);
	verdict_free(v);
	invite_free(inv);
}

/* [exceptions]: a booking mailbox may send series to external guests,
 * a partner domain counts as internal; each is logged as a finding of
 * its own, at log. */
static void
test_exceptions(void)
{
	static const struct row r = { "exc", "REQUEST", S_RRULE, 0,
	    { { "x@vard.region.example", NULL, NULL, NULL } }, { NULL },
	    { { NULL } }, false, NULL, NULL, NULL };
	char path[] = "/tmp/recur_test_XXXXXX";
	char err[256];
	struct config *c;
	struct invite *inv = mk_invite(&r);
	struct verdict *v = verdict_new();
	const char *rcpts[] = { "x@vard.region.example", "y@other.example" };
	struct envelope env = { "bokning@kommun.example", rcpts, 1, 0 };
	const char *text = "[general]\ninternal_domains = kommun.example\n"
	    "[exceptions]\nseries_senders = bokning@kommun.example; "
	    ".boka.kommun.example\npartner_domains = region.example\n";
	int fd = g_mkstemp(path);
	char *sum;

	g_assert_cmpint(fd, >=, 0);
	g_assert_true(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	c = conf_load(path, err, sizeof(err));
	unlink(path);
	g_assert_nonnull(c);
	/* the guest is a partner: no external guest, logged */
	env.sender = "someone@kommun.example";
	recur_check(&c->rules, inv, &env, v);
	g_assert_cmpstr(verdict_word(v->action), ==, "accept");
	g_assert_cmpuint(v->n, ==, 1);
	g_assert_cmpstr(v->f[0].rule, ==, "exception-partner-domain");
	g_assert_cmpint(v->f[0].action, ==, ACT_LOG);
	g_assert_nonnull(strstr(v->f[0].detail, "region.example"));
	/* a second, external recipient: the series rule fires */
	env.n_rcpts = 2;
	verdict_reset(v);
	recur_check(&c->rules, inv, &env, v);
	sum = summary(v);
	g_assert_cmpstr(sum, ==, "reject recurring-external");
	g_free(sum);
	/* ... unless the booking mailbox sent it: logged, not stopped */
	for (size_t i = 0; i < 3; i++) {
		static const char *const ok[] = { "Bokning@Kommun.Example",
		    "rum@a.boka.kommun.example", "a@x.y.boka.kommun.example" };

		env.sender = ok[i];
		verdict_reset(v);
		recur_check(&c->rules, inv, &env, v);
		sum = summary(v);
		g_assert_cmpstr(sum, ==, "accept");
		g_free(sum);
		g_assert_nonnull(rules_conf_find(&c->rules,
		    "exception-series-sender"));
		g_assert_cmpstr(v->f[v->n - 1].rule, ==,
		    "exception-series-sender");
	}
	/* not the domain itself for ".boka", nor a look-alike */
	for (size_t i = 0; i < 3; i++) {
		static const char *const no[] = { "rum@boka.kommun.example.evil",
		    "x@kommun.example", "bokning@evilkommun.example" };

		if (i == 0)
			g_assert_false(recur_sender_listed("a@boka.kommun.example",
			    (char *const[]){ ".boka.kommun.example", NULL }));
		env.sender = no[i];
		verdict_reset(v);
		recur_check(&c->rules, inv, &env, v);
		sum = summary(v);
		g_assert_cmpstr(sum, ==, "reject recurring-external");
		g_free(sum);
	}
	conf_unref(c);
	verdict_free(v);
	invite_free(inv);
}

int
main(int argc, char **argv)
{
	char err[256];
	int rc;

	g_test_init(&argc, &argv, NULL);
	cfg_dom = conf_default(err, sizeof(err));
	cfg_none = conf_default(err, sizeof(err));
	g_assert_nonnull(cfg_dom);
	g_assert_nonnull(cfg_none);
	g_assert_cmpint(conf_add_internal_domain(cfg_dom, "Kommun.Example.",
	    err, sizeof(err)), ==, 0);
	g_test_add_func("/recur/rows", test_rows);
	g_test_add_func("/recur/many-domains", test_many_domains);
	g_test_add_func("/recur/masked-domain", test_masked_domain);
	g_test_add_func("/recur/hostile", test_hostile);
	g_test_add_func("/recur/method", test_method);
	g_test_add_func("/recur/configured-action", test_configured_action);
	g_test_add_func("/recur/exceptions", test_exceptions);
	rc = g_test_run();
	conf_unref(cfg_dom);
	conf_unref(cfg_none);
	return rc;
}
