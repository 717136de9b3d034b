/*
 * actions.c: verdict -> what the MTA does. reject: 550 5.7.1 with the
 * Swedish-then-English explanation (smfi_setmlreply); flag: deliver with
 * X-Invite-Policy after removing any copies the sender wrote; log and dry
 * run: deliver unchanged. A rejecting verdict follows the mode of its
 * rules (issue 6): reject (and a notice with a corrected invitation to
 * the sender), redact (corrected in flight, then delivered, and a
 * notice) or notify (delivered unchanged, and a notice).
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "log.h"
#include "milter.h"
#include "../notice/notice.h"
#include "../pipeline/report.h"

#define REPLY_LINES	12	/* smfi_setmlreply takes at most 32 */

/* Builds the notice and hands it to a sending thread. True if queued. */
static bool
send_notice(const struct config *cfg, const struct notice_conf *nc,
    const struct verdict *v, enum notice_mode mode, const struct mlt_msg *m,
    const char *ics, unsigned changes)
{
	char *msg, *rules;
	size_t len = 0;

	if (m == NULL || m->env == NULL || !notice_wanted(nc, v,
	    m->env->sender))
		return false;
	msg = notice_build(cfg, nc, v, mode, ics, changes, m->env->sender, &len);
	if (msg == NULL) {
		GString *s = g_string_new("{\"event\":\"notice\",\"queue_id\":");

		json_str(s, m->qid ? m->qid : "");
		g_string_append(s, ",\"result\":\"not built\"}");
		mlt_log(cfg, LOG_WARNING, s->str);
		g_string_free(s, TRUE);
		return false;
	}
	rules = notice_rules_list(v, ACT_FLAG);
	notice_send(notice_job_new((struct config *)cfg, m->env->sender, msg,
	    len, m->qid, rules, notice_mode_name(mode), mlt_log));
	g_free(rules);
	g_free(msg);
	return true;
}

/* A sender must not be able to forge the policy header. */
static void
policy_header(SMFICTX *ctx, const struct config *cfg, const struct verdict *v,
    size_t n_flag_headers, const char *word)
{
	GString *rules;
	char *l = notice_rules_list(v, ACT_FLAG);

	for (size_t i = n_flag_headers; i > 0; i--)
		smfi_chgheader(ctx, cfg->flag_header, (int)i, NULL);
	rules = g_string_new(NULL);
	g_string_printf(rules, "%s; rules=%s", word, l);
	smfi_addheader(ctx, cfg->flag_header, rules->str);
	g_string_free(rules, TRUE);
	g_free(l);
}

/* Header values from GMime may be folded: one line for libmilter. */
static char *
one_line(const char *s)
{
	GString *o = g_string_new(NULL);

	for (; *s; s++)
		if (*s != '\r' && *s != '\n')
			g_string_append_c(o, *s);
	return g_strstrip(g_string_free(o, FALSE));
}

/* Mode redact: the corrected message replaces the original. False when
 * it cannot be done safely (then the caller rejects). */
static bool
redact(SMFICTX *ctx, const struct config *cfg, const struct notice_conf *nc,
    const struct verdict *v, size_t n_flag_headers, const struct mlt_msg *m)
{
	struct redact_out ro;
	unsigned ch = 0;
	char *ics, *subj, *h;
	bool ok = false;

	ics = notice_corrected_ics(cfg, nc, m->buf, m->len, m->inv, v, m->env,
	    true, &ch);
	if (ics == NULL || notice_redacted(cfg, nc, m->buf, m->len, m->inv, v,
	    m->env, ics, &ro) < 0) {
		g_free(ics);
		return false;
	}
	subj = g_mime_utils_header_encode_text(NULL, nc->subjects[0], "utf-8");
	if (smfi_replacebody(ctx, (unsigned char *)ro.body, (int)ro.len) ==
	    MI_SUCCESS && smfi_chgheader(ctx, "Subject", 1, subj) ==
	    MI_SUCCESS) {
		smfi_chgheader(ctx, "Thread-Topic", 1, NULL);
		if (ro.content_type) {
			h = one_line(ro.content_type);
			smfi_chgheader(ctx, "Content-Type", 1, h);
			g_free(h);
		}
		if (ro.content_transfer_encoding) {
			h = one_line(ro.content_transfer_encoding);
			smfi_chgheader(ctx, "Content-Transfer-Encoding", 1, h);
			g_free(h);
		}
		policy_header(ctx, cfg, v, n_flag_headers, "redacted");
		ok = true;
		send_notice(cfg, nc, v, NMODE_REDACT, m, ics, ch);
	}
	g_free(subj);
	g_free(ics);
	redact_out_clear(&ro);
	return ok;
}

static sfsistat
reject(SMFICTX *ctx, const struct config *cfg, const struct verdict *v,
    bool noticed)
{
	char **l;
	char *a[REPLY_LINES] = { NULL };
	size_t n = 0;
	int r;

	l = report_reply_lines(cfg, v, noticed ? REPLY_LINES - 2 : REPLY_LINES);
	for (; n < REPLY_LINES && l[n]; n++)
		a[n] = l[n];
	if (noticed && n + 2 <= REPLY_LINES) {
		a[n++] = "Du har fatt ett meddelande med en rattad kallelse.";
		a[n++] = "A notice with a corrected invitation was sent to you.";
	}
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

sfsistat
mlt_apply(SMFICTX *ctx, const struct config *cfg, const struct verdict *v,
    size_t n_flag_headers, const char *subject, struct mlt_msg *m)
{
	const struct notice_conf *nc = notice_conf_of(cfg);

	if (m)
		m->outcome = "accept";
	if (cfg->dry_run || v->action < ACT_FLAG)
		return SMFIS_ACCEPT;
	if (v->action == ACT_REJECT) {
		enum notice_mode mode = m ? notice_mode_of(nc, v) : NMODE_REJECT;
		bool noticed = false;

		if (mode == NMODE_REDACT && redact(ctx, cfg, nc, v,
		    n_flag_headers, m)) {
			m->outcome = "redact";
			return SMFIS_ACCEPT;
		}
		if (mode == NMODE_NOTIFY) {
			send_notice(cfg, nc, v, NMODE_NOTIFY, m, NULL, 0);
			m->outcome = "notify";
			return SMFIS_ACCEPT;
		}
		if (m && notice_wanted(nc, v, m->env ? m->env->sender : NULL)) {
			unsigned ch = 0;
			char *ics = notice_corrected_ics(cfg, nc, m->buf, m->len,
			    m->inv, v, m->env, false, &ch);

			noticed = send_notice(cfg, nc, v, NMODE_REJECT, m, ics,
			    ch);
			g_free(ics);
		}
		if (m)
			m->outcome = "reject";
		return reject(ctx, cfg, v, noticed);
	}
	policy_header(ctx, cfg, v, n_flag_headers, "flagged");
	/* Optional tag for the recipient's eyes, added once. */
	if (cfg->subject_tag && *cfg->subject_tag && subject &&
	    !g_str_has_prefix(subject, cfg->subject_tag)) {
		char *tagged = g_strdup_printf("%s %s", cfg->subject_tag, subject);

		smfi_chgheader(ctx, "Subject", 1, tagged);
		g_free(tagged);
	}
	if (m) {
		m->outcome = "flag";
		if (nc->min_action <= ACT_FLAG)
			send_notice(cfg, nc, v, NMODE_NOTIFY, m, NULL, 0);
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
