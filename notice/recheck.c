/*
 * recheck.c: correct -> re-parse -> re-check. The corrected calendar
 * (correct.c) and the redacted message (redact.c) go out only when the
 * pipeline (pipeline_run, the same as for the sender's message) finds
 * them clean; the notice itself is checked the same way. Returns new
 * strings the caller frees; no I/O.
 */
#include <string.h>
#include <glib.h>

#include "recheck.h"
#include "correct.h"
#include "../conf/conf.h"
#include "../pipeline/pipeline.h"

#define ROUNDS		3	/* correct + re-check rounds */

/* The re-checks parse what this module made, with the built-in caps:
 * a notice or a corrected calendar is small and not the sender's. */
static const struct parse_limits builtin_limits = PARSE_LIMITS_DEFAULT;

char *
notice_corrected_ics(const struct config *cfg, const struct notice_conf *nc,
    const char *raw, size_t len, const struct invite *inv,
    const struct verdict *v, const struct envelope *env, bool keep_uid,
    unsigned *changes)
{
	struct correct_opts o = { nc->subjects[0], NULL, 0, keep_uid,
	    env && env->sender && *env->sender ? env->sender : NULL };
	struct pipeline_out po = { 0 };
	char *cur = NULL;
	unsigned ch = 0, all = 0;

	if (cfg && cfg->rules.n_internal_domains > 0)
		o.uid_domain = cfg->rules.internal_domains[0];
	for (int round = 0; round < ROUNDS; round++) {
		const char *src = cur ? cur : raw;
		size_t slen = cur ? strlen(cur) : len;
		char *next = correct_calendar(src, slen,
		    cfg ? &cfg->limits : NULL, cur ? po.inv : inv,
		    cur ? po.v : v, &o, round == ROUNDS - 1, &ch);
		struct pipeline_in in = { 0 };

		if (next == NULL)
			break;
		all |= ch;
		g_free(cur);
		cur = next;
		pipeline_out_clear(&po);
		in.buf = cur;
		in.len = strlen(cur);
		in.kind = PIPE_ICS;
		in.env = env;
		in.lim = &builtin_limits;
		if (pipeline_run(cfg, &in, &po) < 0)
			break;
		if (pipeline_is_clean(&po)) {
			pipeline_out_clear(&po);
			/* MIME attachments never reach the calendar */
			for (size_t i = 0; inv && i < inv->n_atts; i++)
				if (!inv->atts[i].is_inline_image)
					all |= CORR_ATTACH;
			if (changes)
				*changes = all;
			return cur;
		}
	}
	pipeline_out_clear(&po);
	g_free(cur);
	if (changes)
		*changes = 0;
	return NULL;
}

int
notice_redacted(const struct config *cfg, const struct notice_conf *nc,
    const char *buf, size_t len, const struct invite *inv,
    const struct verdict *v, const struct envelope *env, const char *ics,
    struct redact_out *out, const char **why)
{
	struct pipeline_in in = { 0 };
	struct pipeline_out po = { 0 };
	char *whole;
	const char *dummy;
	size_t wl = 0;
	bool ok = false;

	if (why == NULL)
		why = &dummy;
	if (redact_message(buf, len, cfg, env, inv, v, ics, nc->subjects[0],
	    out, why) < 0)
		return -1;
	whole = redact_assemble(buf, len, out, &wl);
	in.buf = whole;
	in.len = wl;
	in.kind = PIPE_MESSAGE;
	in.env = env;
	if (cfg != NULL && pipeline_run(cfg, &in, &po) == 0)
		ok = po.inv->is_invitation && pipeline_is_clean(&po);
	pipeline_out_clear(&po);
	g_free(whole);
	if (!ok) {
		*why = "the redacted message would not pass the rules";
		redact_out_clear(out);
		return -1;
	}
	return 0;
}

bool
notice_passes(const struct config *cfg, const char *msg, size_t len,
    const char *rcpt)
{
	const char *rcpts[1] = { rcpt };
	struct envelope env = { "", rcpts, 1, 0 };
	struct pipeline_in in = { msg, len, false, PIPE_MESSAGE, &env,
	    &builtin_limits };
	struct pipeline_out po;
	bool ok;

	ok = pipeline_run(cfg, &in, &po) == 0 && pipeline_is_clean(&po);
	pipeline_out_clear(&po);
	return ok;
}
