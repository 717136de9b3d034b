/*
 * pipeline.c: see pipeline.h. Parse, the cut-short note, rules, then the
 * [limits] outcome (conf_limit_action; the rules themselves stop at the
 * time budget and name it as the bound) and the internal-error outcome.
 * Owns nothing after it returns: out holds the invite and the verdict.
 */
#include <string.h>
#include <glib.h>

#include "pipeline.h"
#include "../parse/parse.h"
#include "../rules/domain.h"
#include "../rules/rcpt.h"

int
pipeline_eval(const struct config *cfg, struct invite *inv,
    const struct envelope *env, struct pipeline_out *out)
{
	memset(out, 0, sizeof(*out));
	out->inv = inv;
	out->v = verdict_new();
	out->status = PIPE_EXAMINED;
	out->action = ONERR_ACCEPT;
	/* the unit's rules (issue 20): rules_eval stays pure */
	out->unit = env != NULL ? conf_unit_of(cfg, env->sender) : NULL;
	out->dry_run = conf_dry_run_of(cfg, out->unit);
	if (inv == NULL || rules_eval(conf_rules_of(cfg, out->unit), inv, env,
	    out->v) < 0) {
		out->status = PIPE_ERROR;
		out->action = cfg->on_error;
		out->error = inv == NULL ? "parsing" : "the rules";
		return -1;
	}
	if (out->v->limit[0] != '\0' &&
	    (out->action = conf_limit_action(cfg, out->v->limit)) !=
	    ONERR_ACCEPT)
		out->status = PIPE_LIMIT;
	return 0;
}

int
pipeline_run(const struct config *cfg, const struct pipeline_in *in,
    struct pipeline_out *out)
{
	const struct parse_limits *lim = in->lim ? in->lim : &cfg->limits;
	struct invite *inv;

	switch (in->kind) {
	case PIPE_MESSAGE:
		inv = parse_message(in->buf, in->len, lim);
		break;
	case PIPE_ICS:
		inv = parse_ics(in->buf, in->len, lim);
		break;
	default:
		inv = parse_any(in->buf, in->len, lim);
		break;
	}
	if (inv != NULL && in->cut)
		invite_limit(inv, "message_bytes",
		    "message larger than limits.message_bytes");
	for (size_t i = 0; inv != NULL && in->dropped && i < inv->n_atts; i++)
		inv->atts[i].size_unknown = inv->atts[i].size == 0 &&
		    inv->atts[i].uri == NULL;
	return pipeline_eval(cfg, inv, in->env, out);
}

void
pipeline_out_clear(struct pipeline_out *out)
{
	invite_free(out->inv);
	verdict_free(out->v);
	memset(out, 0, sizeof(*out));
}

bool
pipeline_is_clean(const struct pipeline_out *out)
{
	return out->status != PIPE_ERROR && out->v->action < ACT_FLAG;
}

char *
pipeline_envelope_addr(const char *a)
{
	size_t n;

	while (*a == '<' || *a == ' ')
		a++;
	/* the closing bracket is the last one: a quoted local part may
	 * hold '>' ("x>y"@region.example), and cutting at the first one
	 * left a recipient without a domain, which the rules skip */
	n = strlen(a);
	while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '\t'))
		n--;
	if (n > 0 && a[n - 1] == '>')
		n--;
	return g_ascii_strdown(a, (gssize)n);
}

void
pipeline_envelope_rcpt(const struct config *cfg, struct rcpt_sum *s,
    const char *sender, const char *a)
{
	const struct rules_conf *rc = conf_rules_of(cfg, sender != NULL ?
	    conf_unit_of(cfg, sender) : NULL);
	char *addr = pipeline_envelope_addr(a != NULL ? a : "");
	char *own = NULL;

	if (rc->n_internal_domains > 0)
		rcpt_sum_add(s, addr, rc->internal_domains,
		    rc->n_internal_domains);
	else {
		own = domain_of_addr(sender);
		rcpt_sum_add(s, addr, own != NULL ? &own : NULL,
		    own != NULL ? 1 : 0);
	}
	g_free(own);
	g_free(addr);
}
