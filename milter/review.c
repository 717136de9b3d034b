/*
 * review.c: the reviewer's notice for a held message and the quarantine
 * reason (see review.h). The evidence in it is the verdict's, masked;
 * the commands are Postfix's (postsuper), with Sendmail's beside them.
 */
#include <string.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "review.h"
#include "../conf/noticeconf.h"
#include "../notice/notice.h"
#include "../rules/rules.h"

const char *
review_qid(const char *qid)
{
	if (qid == NULL || *qid == '\0' || strlen(qid) > 64)
		return NULL;
	for (const char *p = qid; *p; p++)
		if (!g_ascii_isalnum(*p))
			return NULL;
	return qid;
}

char *
review_reason(const struct verdict *v)
{
	char *rules = notice_rules_list(v, ACT_HOLD);
	char *r = g_strdup_printf("invite-milter: held for review (rules=%s)",
	    rules);

	g_free(rules);
	return r;
}

/* From: of the notice, as for the sender's notices. */
static char *
review_from(const struct config *cfg, const struct notice_conf *nc,
    const char *sender)
{
	const char *at = sender ? strrchr(sender, '@') : NULL;

	if (nc->from)
		return g_strdup(nc->from);
	if (cfg->rules.n_internal_domains > 0)
		return g_strdup_printf("postmaster@%s",
		    cfg->rules.internal_domains[0]);
	return at ? g_strdup_printf("postmaster%s", at) :
	    g_strdup("postmaster");
}

char *
review_build(const struct config *cfg, const struct verdict *v,
    const char *qid, const char *sender, const char *unit, size_t *len)
{
	const struct notice_conf *nc = cfg->notice;
	const char *q = review_qid(qid);
	GString *m;
	GDateTime *now;
	char *from, *subj, *date, *uuid, *rules;

	if (nc == NULL || nc->reviewer == NULL)
		return NULL;
	from = review_from(cfg, nc, sender);
	subj = g_strdup_printf("Kallelse att granska / Invitation to review: "
	    "%s", q ? q : "?");
	m = g_string_new(NULL);
	now = g_date_time_new_now_local();
	date = g_date_time_format(now, "%a, %d %b %Y %H:%M:%S %z");
	uuid = g_uuid_string_random();
	g_string_append_printf(m, "From: Kallelsekontroll <%s>\r\n", from);
	g_string_append_printf(m, "To: <%s>\r\n", nc->reviewer);
	{
		char *e = g_mime_utils_header_encode_text(NULL, subj, "utf-8");

		g_string_append_printf(m, "Subject: %s\r\n", e);
		g_free(e);
	}
	g_string_append_printf(m, "Date: %s\r\n", date);
	g_string_append_printf(m, "Message-ID: <review.%s@%s>\r\n", uuid,
	    strchr(from, '@') ? strchr(from, '@') + 1 : "localhost");
	g_string_append(m, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n"
	    "Auto-Submitted: auto-generated\r\n\r\n");
	g_string_append(m, "En kallelse hålls kvar i kön för granskning.\r\n"
	    "An invitation is held in the mail queue for review.\r\n\r\n");
	g_string_append_printf(m, "Kö-id / Queue ID:      %s\r\n",
	    q ? q : "? (postqueue -p)");
	if (sender != NULL && *sender != '\0')
		g_string_append_printf(m, "Avsändare / Sender:    %s\r\n",
		    sender);
	if (unit != NULL)
		g_string_append_printf(m, "Enhet / Unit:          %s\r\n",
		    unit);
	rules = notice_rules_list(v, ACT_FLAG);
	g_string_append_printf(m, "Regler / Rules:        %s\r\n\r\n", rules);
	g_free(rules);
	g_string_append(m, "Det här hittades (maskerat) / What was found "
	    "(masked):\r\n");
	for (size_t i = 0; i < v->n; i++) {
		const struct finding *f = &v->f[i];

		if (f->action < ACT_FLAG)
			continue;
		g_string_append_printf(m, "  - %s (%s, %s): %s\r\n", f->rule,
		    action_name(f->action), invite_field_name(f->field),
		    f->evidence);
	}
	g_string_append_printf(m, "\r\n"
	    "Släpp den (den skickas till mottagarna) / Release it (it is "
	    "delivered):\r\n    postsuper -H %s\r\n"
	    "Ta bort den (inget skickas) / Delete it (nothing is "
	    "delivered):\r\n    postsuper -d %s hold\r\n"
	    "Läs den / Read it:\r\n    postcat -q %s\r\n\r\n"
	    "Sendmail: mailq -qQ; sendmail -Q -qI%s (release).\r\n",
	    q ? q : "QUEUEID", q ? q : "QUEUEID", q ? q : "QUEUEID",
	    q ? q : "QUEUEID");
	g_date_time_unref(now);
	g_free(date);
	g_free(uuid);
	g_free(subj);
	g_free(from);
	*len = m->len;
	return g_string_free(m, FALSE);
}
