/*
 * common.c: see common.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>

#include "../../pipeline/pipeline.h"
#include "../../pipeline/report.h"
#include "../../parse/parse.h"
#include "../lib/invdump.h"
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

/* Both reports over a pipeline result, then frees it. */
static void
reports(struct pipeline_out *po)
{
	GString *out = g_string_new(NULL);

	report_json(out, "fuzz", po->inv, po->v);
	report_text(out, "fuzz", po->inv, po->v);
	g_string_free(out, TRUE);
	pipeline_out_clear(po);
}

void
fuzz_pipeline(struct invite *inv)
{
	static const struct envelope env = { "a@kommun.example", NULL, 0, 0 };
	struct pipeline_out po;

	if (inv == NULL)
		abort();	/* parse_* return NULL only on internal error */
	if (pipeline_eval(fuzz_config(), inv, &env, &po) < 0)
		abort();
	reports(&po);
}

char *
fuzz_run(enum pipeline_kind kind, const uint8_t *data, size_t size)
{
	static const struct envelope env = { "a@kommun.example", NULL, 0, 0 };
	struct pipeline_in in = { (const char *)data, size, false, kind,
	    &env, NULL };
	struct pipeline_out po;
	char *dump;

	if (pipeline_run(fuzz_config(), &in, &po) < 0)
		abort();	/* parse_* fail only on an internal error */
	dump = invdump(po.inv);
	reports(&po);
	return dump;
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
