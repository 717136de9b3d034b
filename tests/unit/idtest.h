/*
 * idtest.h: table-driven harness shared by pnr_test, ident_test and
 * contact_test. A row names a text, the field it sits in, and either the
 * rule that must be found (with its severity) or the rules that must not
 * be. Failure messages name the row id and masked evidence only, never
 * the text: rows hold (test) personal identifiers.
 */
#ifndef IDTEST_H
#define IDTEST_H

#include <string.h>
#include <glib.h>

#include "rules/detect.h"
#include "rules/ruledata.h"

struct idrow {
	const char	*id;
	enum inv_field	 field;
	const char	*text;
	const char	*want;	/* rule that must be hit, or NULL */
	enum severity	 sev;	/* its severity (SEV_NONE: any) */
	const char	*detail; /* substring of the detail, or NULL */
	const char	*deny;	/* comma list of rules that must not be hit */
};

static struct ruledata	*idt_rd;
static time_t		 idt_ref;

static void
idt_setup(int y, int m, int d)
{
	char err[256];
	GDateTime *dt = g_date_time_new_utc(y, m, d, 12, 0, 0);

	idt_ref = (time_t)g_date_time_to_unix(dt);
	g_date_time_unref(dt);
	idt_rd = g_new0(struct ruledata, 1);
	idt_rd->pnr = pnr_data_new(NULL, err, sizeof(err));
	idt_rd->ident = ident_data_new(NULL, err, sizeof(err));
	idt_rd->contact = contact_data_new(NULL, err, sizeof(err));
	g_assert_nonnull(idt_rd->pnr);
	g_assert_nonnull(idt_rd->ident);
	g_assert_nonnull(idt_rd->contact);
}

static void
idt_teardown(void)
{
	pnr_data_free(idt_rd->pnr);
	ident_data_free(idt_rd->ident);
	contact_data_free(idt_rd->contact);
	g_free(idt_rd);
}

/* Runs all three identifier detectors, as the engine would. */
static void
idt_scan(const struct idrow *r, struct hitlist *hl, struct ntext **ntp)
{
	struct detctx ctx;
	struct ntext *nt = ntext_new(r->text, strlen(r->text));

	memset(&ctx, 0, sizeof(ctx));
	ctx.data = idt_rd;
	ctx.field = r->field;
	ctx.comp = 0;
	ctx.ref_time = idt_ref;
	det_pnr(&ctx, nt, hl);
	det_ident(&ctx, nt, hl);
	det_contact(&ctx, nt, hl);
	*ntp = nt;
}

static void
idt_run(gconstpointer data)
{
	const struct idrow *r = data;
	struct hitlist hl = { NULL, 0, 0 };
	struct ntext *nt;
	bool found = false;

	idt_scan(r, &hl, &nt);
	for (size_t i = 0; i < hl.n; i++) {
		const struct hit *h = &hl.v[i];

		/* Spans lie in the text; evidence never holds 5+ digits
		 * in a row beyond what masking keeps. */
		g_assert_cmpuint(h->start, <, h->end);
		g_assert_cmpuint(h->end, <=, nt->len);
		if (r->want != NULL && strcmp(h->rule, r->want) == 0 &&
		    (r->sev == SEV_NONE || h->sev == r->sev) &&
		    (r->detail == NULL || strstr(h->detail, r->detail) != NULL))
			found = true;
		if (r->deny != NULL) {
			char **d = g_strsplit(r->deny, ",", -1);

			for (char **p = d; *p != NULL; p++)
				if (strcmp(*p, h->rule) == 0) {
					g_test_message("%s: unwanted %s (%s)",
					    r->id, h->rule, h->evidence);
					g_test_fail();
				}
			g_strfreev(d);
		}
	}
	if (r->want != NULL && !found) {
		GString *got = g_string_new(NULL);

		for (size_t i = 0; i < hl.n; i++)
			g_string_append_printf(got, " %s/%s(%s)", hl.v[i].rule,
			    severity_name(hl.v[i].sev), hl.v[i].evidence);
		g_test_message("%s: want %s, got:%s", r->id, r->want,
		    got->str);
		g_test_fail();
		g_string_free(got, TRUE);
	}
	hits_clear(&hl);
	ntext_free(nt);
}

static void
idt_add(const char *prefix, const struct idrow *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *name = g_strdup_printf("/%s/%s", prefix, rows[i].id);

		g_test_add_data_func(name, &rows[i], idt_run);
		g_free(name);
	}
}

/* Denials used by many rows. */
#define NOPNR	"personnummer,samordningsnummer,personnummer-typo"
#define NOID	NOPNR ",reservnummer,reservnummer-pattern,interim-number,lma-number,journal-number"

#endif
