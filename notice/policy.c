/*
 * policy.c: which notice applies to a verdict: the [notice] settings of
 * a snapshot, the mode of a rejecting verdict (reject, redact, notify),
 * whether the sender gets a notice at all, the rule list for headers and
 * logs, and the explanation invite-milter -t and invite-check print.
 * Reads the verdict and the config only; makes nothing, sends nothing.
 */
#include <string.h>
#include <glib.h>

#include "policy.h"
#include "../conf/conf.h"

const struct notice_conf *
notice_conf_of(const struct config *cfg)
{
	static struct notice_conf *defaults;

	if (cfg != NULL && cfg->notice != NULL)
		return cfg->notice;
	if (g_once_init_enter(&defaults)) {
		struct notice_conf *d = notice_conf_default();

		g_once_init_leave(&defaults, d);
	}
	return defaults;
}

enum notice_mode
notice_mode_of(const struct notice_conf *nc, const struct verdict *v)
{
	enum notice_mode m = NMODE_NOTIFY;
	bool any = false;

	for (size_t i = 0; i < v->n; i++) {
		enum notice_mode r;

		if (v->f[i].action != ACT_REJECT)
			continue;
		r = notice_conf_mode(nc, v->f[i].rule);
		if (!any || r > m)
			m = r;
		any = true;
	}
	return m;
}

static bool
excluded(const struct notice_conf *nc, const char *addr)
{
	const char *at = strrchr(addr, '@');

	for (size_t i = 0; nc->exclude && nc->exclude[i]; i++) {
		const char *e = nc->exclude[i];

		if (g_ascii_strcasecmp(e, addr) == 0)
			return true;
		if (e[0] == '@' && at && g_ascii_strcasecmp(e + 1, at + 1) == 0)
			return true;
	}
	return false;
}

bool
notice_wanted(const struct notice_conf *nc, const struct verdict *v,
    const char *sender)
{
	if (!nc->enable || v == NULL || v->action < nc->min_action ||
	    v->scoped_out)
		return false;
	if (sender == NULL || *sender == '\0' || strcmp(sender, "<>") == 0 ||
	    strchr(sender, '@') == NULL)
		return false;
	/* a sender we could not put on a command line safely */
	if (sender[0] == '-' || strpbrk(sender, " <>\r\n\t\"\\"))
		return false;
	return !excluded(nc, sender);
}

void
notice_explain(GString *out, const struct notice_conf *nc,
    const struct verdict *v)
{
	enum notice_mode m = notice_mode_of(nc, v);
	bool any = false;

	if (v->action < ACT_FLAG)
		return;
	for (size_t i = 0; i < v->n; i++) {
		bool seen = false;

		for (size_t j = 0; j < i; j++)
			seen |= v->f[j].action == ACT_REJECT &&
			    strcmp(v->f[j].rule, v->f[i].rule) == 0;
		if (v->f[i].action != ACT_REJECT || seen)
			continue;
		g_string_append_printf(out, "%s%s %s", any ? ", " :
		    "  mode: ", v->f[i].rule,
		    notice_mode_name(notice_conf_mode(nc, v->f[i].rule)));
		any = true;
	}
	if (any)
		g_string_append_printf(out, " -> %s%s\n", notice_mode_name(m),
		    m == NMODE_REDACT ? " (reject if the corrected message "
		    "would not pass)" : "");
	g_string_append(out, "  notice: ");
	if (!nc->enable)
		g_string_append(out, "none (notices off: [notice] enable)\n");
	else if (v->action < nc->min_action || v->scoped_out)
		g_string_append(out, "none (verdict below [notice] "
		    "min_action)\n");
	else
		g_string_append_printf(out, "to the sender (unless <> or in "
		    "[notice] exclude), %s\n", v->action == ACT_REJECT &&
		    m != NMODE_NOTIFY ? "with a corrected invitation" :
		    "without calendar");
}

char *
notice_rules_list(const struct verdict *v, enum action min)
{
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < v->n; i++) {
		bool dup = false;

		if (v->f[i].action < min)
			continue;
		for (size_t k = 0; k < i; k++)
			dup |= v->f[k].action >= min &&
			    strcmp(v->f[k].rule, v->f[i].rule) == 0;
		if (!dup)
			g_string_append_printf(s, "%s%s", s->len ? "," : "",
			    v->f[i].rule);
	}
	return g_string_free(s, FALSE);
}
