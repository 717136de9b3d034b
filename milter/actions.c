/*
 * actions.c: verdict -> what the MTA does. reject: 550 5.7.1 with the
 * Swedish-then-English explanation (smfi_setmlreply); flag: deliver with
 * X-Invite-Policy after removing any copies the sender wrote; log and dry
 * run: deliver unchanged.
 */
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "milter.h"
#include "report.h"

#define REPLY_LINES	12	/* smfi_setmlreply takes at most 32 */

sfsistat
mlt_apply(SMFICTX *ctx, const struct config *cfg, const struct verdict *v,
    size_t n_flag_headers, const char *subject)
{
	GString *rules;
	char **l;
	char *a[REPLY_LINES] = { NULL };
	int r;

	if (cfg->dry_run || v->action < ACT_FLAG)
		return SMFIS_ACCEPT;
	if (v->action == ACT_REJECT) {
		l = report_reply_lines(cfg, v, REPLY_LINES);
		for (size_t i = 0; i < REPLY_LINES && l[i]; i++)
			a[i] = l[i];
		r = smfi_setmlreply(ctx, "550", "5.7.1", a[0], a[1], a[2],
		    a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11],
		    (char *)NULL);
		g_strfreev(l);
		if (r != MI_SUCCESS)
			smfi_setreply(ctx, "550", "5.7.1", "Kallelsen bryter "
			    "mot riktlinjen / The invitation breaks the "
			    "guideline for Teams meetings");
		return SMFIS_REJECT;
	}
	/* flag: a sender must not be able to forge the header. */
	for (size_t i = n_flag_headers; i > 0; i--)
		smfi_chgheader(ctx, cfg->flag_header, (int)i, NULL);
	rules = g_string_new("flagged; rules=");
	for (size_t i = 0; i < v->n; i++)
		if (v->f[i].action >= ACT_FLAG && !strstr(rules->str,
		    v->f[i].rule))
			g_string_append_printf(rules, "%s%s",
			    rules->str[rules->len - 1] == '=' ? "" : ",",
			    v->f[i].rule);
	smfi_addheader(ctx, cfg->flag_header, rules->str);
	g_string_free(rules, TRUE);
	/* Optional tag for the recipient's eyes, added once. */
	if (cfg->subject_tag && *cfg->subject_tag && subject &&
	    !g_str_has_prefix(subject, cfg->subject_tag)) {
		char *tagged = g_strdup_printf("%s %s", cfg->subject_tag, subject);

		smfi_chgheader(ctx, "Subject", 1, tagged);
		g_free(tagged);
	}
	return SMFIS_ACCEPT;
}

void
mlt_print_reply(const struct config *cfg, const struct verdict *v)
{
	char **l;
	size_t n;

	if (cfg->dry_run || v->action < ACT_FLAG) {
		printf("250 2.0.0 accepted%s\n", cfg->dry_run &&
		    v->action >= ACT_FLAG ? " (dry run)" : "");
		return;
	}
	if (v->action == ACT_FLAG) {
		printf("250 2.0.0 accepted, header %s: flagged\n",
		    cfg->flag_header);
		return;
	}
	l = report_reply_lines(cfg, v, REPLY_LINES);
	n = g_strv_length(l);
	for (size_t i = 0; i < n; i++)
		printf("550%c5.7.1 %s\n", i + 1 < n ? '-' : ' ', l[i]);
	g_strfreev(l);
}
