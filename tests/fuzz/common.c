/*
 * common.c: see common.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>

#include "../../milter/report.h"
#include "../../parse/parse.h"
#include "../../rules/rules.h"
#include "common.h"
#include "fuzz.h"

const struct config *
fuzz_config(void)
{
	static struct config *cfg;
	char err[512];

	if (cfg != NULL)
		return cfg;
	parse_init();
	if ((cfg = conf_default(err, sizeof(err))) == NULL) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
	/* Small caps: reachable by the fuzzer in a few mutations. */
	cfg->limits.mime_depth = 8;
	cfg->limits.mime_parts = 64;
	cfg->limits.components = 32;
	cfg->limits.attendees = 64;
	cfg->time_budget_ms = 0;	/* deterministic runs */
	if (conf_add_internal_domain(cfg, "kommun.example", err,
	    sizeof(err)) < 0)
		abort();
	return cfg;
}

void
fuzz_pipeline(struct invite *inv)
{
	const struct config *cfg = fuzz_config();
	struct envelope env = { "a@kommun.example", NULL, 0, 0 };
	struct verdict *v;
	GString *out;

	if (inv == NULL)
		abort();	/* parse_* return NULL only on internal error */
	v = verdict_new();
	if (rules_eval(cfg, inv, &env, v) < 0)
		abort();
	out = g_string_new(NULL);
	report_json(out, "fuzz", inv, v);
	report_text(out, "fuzz", inv, v);
	g_string_free(out, TRUE);
	verdict_free(v);
	invite_free(inv);
}

static void
dump_str(GString *o, const char *s)
{
	if (s == NULL)
		g_string_append(o, "(null)\n");
	else {
		g_string_append(o, s);
		g_string_append_c(o, '\n');
	}
}

static void
dump_person(GString *o, const struct inv_person *p)
{
	dump_str(o, p->addr);
	dump_str(o, p->raw);
	dump_str(o, p->cn);
	dump_str(o, p->cutype);
	dump_str(o, p->role);
}

static void
dump_attach(GString *o, const struct inv_attach *a)
{
	dump_str(o, a->name);
	dump_str(o, a->type);
	dump_str(o, a->uri);
	g_string_append_printf(o, "%zu %d\n", a->size, a->is_inline_image);
}

char *
fuzz_invite_dump(const struct invite *inv)
{
	GString *o = g_string_new(NULL);

	dump_str(o, inv->subject);
	dump_str(o, inv->from);
	dump_str(o, inv->message_id);
	dump_str(o, inv->method);
	dump_str(o, inv->problem);
	dump_str(o, inv->limit);
	dump_str(o, inv->limit_cal);
	g_string_append_printf(o, "%d %#x\n", inv->is_invitation, inv->flags);
	for (size_t i = 0; i < inv->n_cals; i++) {
		g_string_append_printf(o, "cal %d %d %zu\n",
		    inv->cals[i].is_attachment, inv->cals[i].is_broken,
		    inv->cals[i].size);
		dump_str(o, inv->cals[i].method);
	}
	for (size_t i = 0; i < inv->n_comps; i++) {
		const struct inv_comp *c = &inv->comps[i];

		g_string_append_printf(o, "comp %d %lld %d%d%d%d%d%d %d %d\n",
		    c->cal, (long long)c->dtstart_t, c->has_rrule, c->has_rdate,
		    c->has_exrule, c->has_exdate, c->has_recurrence_id,
		    c->has_ms_rrule, c->ms_insttype, c->has_organizer);
		dump_str(o, c->kind);
		dump_str(o, c->uid);
		dump_str(o, c->dtstart);
		dump_str(o, c->teams_url);
		dump_person(o, &c->organizer);
		for (size_t j = 0; j < c->n_attendees; j++)
			dump_person(o, &c->attendees[j]);
		for (size_t j = 0; j < c->n_attach; j++)
			dump_attach(o, &c->attach[j]);
	}
	for (size_t i = 0; i < inv->n_atts; i++)
		dump_attach(o, &inv->atts[i]);
	for (size_t i = 0; i < inv->n_texts; i++) {
		g_string_append_printf(o, "text %d %d %zu\n",
		    (int)inv->texts[i].field, inv->texts[i].comp,
		    inv->texts[i].len);
		g_string_append_len(o, inv->texts[i].s,
		    (gssize)inv->texts[i].len);
		g_string_append_c(o, '\n');
	}
	return g_string_free(o, FALSE);
}

/* The same set-up for every harness: the built-in config (and with it
 * the parser's one-time set-up) before the first input. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	(void)fuzz_config();
	return 0;
}
