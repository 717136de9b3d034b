/*
 * split.c: see split.h. Which envelope recipients are external is
 * decided as the rules decide it (internal_domains and the partner
 * domains of the sender's unit; the sender's own domain when no
 * internal domain is configured). The notice names the dropped
 * addresses to the sender, who wrote them; the log never does.
 */
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "split.h"
#include "../conf/noticeconf.h"
#include "../rules/domain.h"

/* Is every finding that stops the message the series rule? */
static bool
only_series(const struct verdict *v)
{
	bool any = false;

	for (size_t i = 0; i < v->n; i++) {
		if (v->f[i].action < ACT_HOLD)
			continue;
		if (strcmp(v->f[i].rule, "recurring-external") != 0)
			return false;
		any = true;
	}
	return any;
}

char **
split_external(const struct config *cfg, const struct envelope *env,
    const struct pipeline_out *po)
{
	const struct rules_conf *rc;
	char *own = NULL;
	char *const *in;
	size_t n_in, n_int = 0;
	GPtrArray *ext;

	if (split_series_cannot(cfg, env, po) || !cfg->split_series ||
	    env == NULL || po == NULL || po->v == NULL || !only_series(po->v))
		return NULL;
	rc = conf_rules_of(cfg, po->unit);
	in = rc->internal_domains;
	n_in = rc->n_internal_domains;
	if (n_in == 0) {
		if ((own = domain_of_addr(env->sender)) == NULL)
			return NULL;
		in = &own;
		n_in = 1;
	}
	ext = g_ptr_array_new_with_free_func(g_free);
	for (size_t i = 0; i < env->n_rcpts; i++) {
		char *d = rcpt_domain(env->rcpts[i]);	/* as counted */

		if (d != NULL && (domain_is_internal(d, in, n_in) ||
		    (rc->n_partner_domains > 0 && domain_is_internal(d,
		    rc->partner_domains, rc->n_partner_domains))))
			n_int++;
		else
			g_ptr_array_add(ext, g_strdup(env->rcpts[i]));
		g_free(d);
	}
	g_free(own);
	if (n_int == 0 || ext->len == 0) {
		g_ptr_array_free(ext, TRUE);
		return NULL;
	}
	g_ptr_array_add(ext, NULL);
	return (char **)g_ptr_array_free(ext, FALSE);
}

bool
split_series_cannot(const struct config *cfg, const struct envelope *env,
    const struct pipeline_out *po)
{
	return cfg->split_series && env != NULL && env->rcpt_sum != NULL &&
	    !rcpt_sum_has_all(env->rcpt_sum) && po != NULL && po->v != NULL &&
	    !po->dry_run && po->status == PIPE_EXAMINED && only_series(po->v);
}

char *
split_notice(const struct config *cfg, const char *sender,
    char *const *dropped, size_t n_kept, size_t *len)
{
	const struct notice_conf *nc = cfg->notice;
	GString *m;
	GDateTime *now;
	char *from, *subj, *date, *uuid;
	const char *at;

	if (nc == NULL || !nc->enable || sender == NULL || *sender == '\0' ||
	    (at = strrchr(sender, '@')) == NULL || sender[0] == '-' ||
	    strpbrk(sender, " <>\r\n\t\"\\"))
		return NULL;
	for (size_t i = 0; nc->exclude && nc->exclude[i]; i++)
		if (g_ascii_strcasecmp(nc->exclude[i], sender) == 0 ||
		    (nc->exclude[i][0] == '@' &&
		    g_ascii_strcasecmp(nc->exclude[i] + 1, at + 1) == 0))
			return NULL;
	from = nc->from ? g_strdup(nc->from) : cfg->rules.n_internal_domains ?
	    g_strdup_printf("postmaster@%s", cfg->rules.internal_domains[0]) :
	    g_strdup_printf("postmaster%s", at);
	subj = g_mime_utils_header_encode_text(NULL, "Mötesserien skickades "
	    "bara till interna mottagare / The series went to internal "
	    "recipients only", "utf-8");
	now = g_date_time_new_now_local();
	date = g_date_time_format(now, "%a, %d %b %Y %H:%M:%S %z");
	uuid = g_uuid_string_random();
	m = g_string_new(NULL);
	g_string_append_printf(m, "From: Kallelsekontroll <%s>\r\nTo: <%s>\r\n"
	    "Subject: %s\r\nDate: %s\r\nMessage-ID: <split.%s@%s>\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n"
	    "Auto-Submitted: auto-generated\r\n\r\n", from, sender, subj, date,
	    uuid, strchr(from, '@') ? strchr(from, '@') + 1 : "localhost");
	g_string_append_printf(m, "Hej!\r\n\r\nDin kallelse är en återkommande "
	    "mötesserie med externa deltagare. Riktlinjen säger: \"Undvik att "
	    "ha återkommande möten där externa deltagare är inbjudna. Skapa "
	    "istället ett separat möte för varje tillfälle.\"\r\n\r\nDen "
	    "skickades till %zu intern%s mottagare. De här externa adresserna "
	    "togs bort och har inte fått den:\r\n", n_kept, n_kept == 1 ? "" :
	    "a");
	for (size_t i = 0; dropped[i]; i++)
		g_string_append_printf(m, "  %s\r\n", dropped[i]);
	g_string_append(m, "\r\nBoka ett separat möte för varje tillfälle med "
	    "dem.\r\n\r\n---- English ----\r\n\r\nHello,\r\n\r\nYour "
	    "invitation is a recurring series with external guests, which the "
	    "guideline asks you to avoid. It was delivered to the internal "
	    "recipients only; these external addresses were removed and did "
	    "not get it:\r\n");
	for (size_t i = 0; dropped[i]; i++)
		g_string_append_printf(m, "  %s\r\n", dropped[i]);
	g_string_append(m, "\r\nBook a separate meeting for each occasion "
	    "with them.\r\n");
	g_date_time_unref(now);
	g_free(date);
	g_free(uuid);
	g_free(subj);
	g_free(from);
	*len = m->len;
	return g_string_free(m, FALSE);
}
