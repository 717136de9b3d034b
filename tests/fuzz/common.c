/*
 * common.c: see common.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>

#include "../../pipeline/report.h"
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
	cfg->rules.time_budget_ms = 0;	/* deterministic runs */
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
	if (rules_eval(&cfg->rules, inv, &env, v) < 0)
		abort();
	out = g_string_new(NULL);
	report_json(out, "fuzz", inv, v);
	report_text(out, "fuzz", inv, v);
	g_string_free(out, TRUE);
	verdict_free(v);
	invite_free(inv);
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
