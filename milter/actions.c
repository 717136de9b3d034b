/*
 * actions.c: a decision (decision.c) -> what the MTA is told. The only
 * file that calls smfi_setreply, smfi_setmlreply, smfi_addheader,
 * smfi_chgheader, smfi_replacebody and smfi_quarantine; it also hands
 * the decision's notices to the submission thread (submit). What to do
 * is decided in decision.c, never here.
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <glib.h>
#include <gmime/gmime.h>

#include "log.h"
#include "milter.h"
#include "submit.h"
#include "../notice/notice.h"
#include "../pipeline/report.h"

/* Hands the decision's notice to a sending thread; logs one that could
 * not be built. */
static void
send_notice(const struct config *cfg, const struct verdict *v,
    const struct mlt_msg *m, struct mlt_decision *d)
{
	char *rules;

	if (d->notice_failed) {
		mlt_log_event(cfg, LOG_WARNING, "notice", m->qid,
		    ",\"result\":\"not built\"");
		return;
	}
	if (d->notice == NULL)
		return;
	rules = notice_rules_list(v, ACT_FLAG);
	submit_send(submit_job_new((struct config *)cfg, m->env->sender,
	    d->notice, d->notice_len, m->qid, rules,
	    notice_mode_name(d->notice_mode)));
	g_free(rules);
}

/* The reviewer's notice of a held message ([notice] reviewer). */
static void
send_review(const struct config *cfg, const struct verdict *v,
    const struct mlt_msg *m, const struct mlt_decision *d)
{
	char *rules;

	if (d->review == NULL)
		return;
	rules = notice_rules_list(v, ACT_FLAG);
	submit_send(submit_job_new((struct config *)cfg,
	    notice_conf_of(cfg)->reviewer, d->review, d->review_len, m->qid,
	    rules, "review"));
	g_free(rules);
}

/* A sender must not be able to forge the policy header: copies are
 * removed even when none is added (word NULL). */
static void
policy_header(SMFICTX *ctx, const struct config *cfg, const struct verdict *v,
    size_t n_flag_headers, const char *word)
{
	GString *rules;
	char *l;

	for (size_t i = n_flag_headers; i > 0; i--)
		smfi_chgheader(ctx, cfg->flag_header, (int)i, NULL);
	if (word == NULL)
		return;
	l = notice_rules_list(v, ACT_FLAG);
	rules = g_string_new(NULL);
	g_string_printf(rules, "%s; rules=%s", word, l);
	smfi_addheader(ctx, cfg->flag_header, rules->str);
	g_string_free(rules, TRUE);
	g_free(l);
}

/* Mode redact: the corrected message replaces the original: the new
 * body, then the header changes (Subject, MIME headers, the shown
 * headers with the findings cut), last to first so a removal never
 * moves the index of a change still to come. False when the MTA
 * refused one (then the caller rejects: nothing is delivered). */
static bool
redact(SMFICTX *ctx, const struct config *cfg, const struct verdict *v,
    const struct mlt_msg *m, const struct mlt_decision *d)
{
	const struct redact_out *ro = &d->ro;

	if (smfi_replacebody(ctx, (unsigned char *)ro->body, (int)ro->len) !=
	    MI_SUCCESS)
		return false;
	for (size_t i = ro->n_hdrs; i > 0; i--) {
		const struct redact_hdr *h = &ro->hdrs[i - 1];

		if (smfi_chgheader(ctx, h->name, h->index, h->value) !=
		    MI_SUCCESS)
			return false;
	}
	policy_header(ctx, cfg, v, m->n_flag_headers, "redacted");
	return true;
}

/* The decision's reply lines (smfi_setmlreply), or its one fallback
 * line when the MTA takes no multi-line reply. */
static void
set_reply(SMFICTX *ctx, const struct mlt_decision *d)
{
	char *a[MLT_REPLY_LINES] = { NULL };
	int r;

	for (size_t n = 0; n < MLT_REPLY_LINES && d->lines[n]; n++)
		a[n] = d->lines[n];
	r = smfi_setmlreply(ctx, d->code, d->xcode, a[0], a[1], a[2],
	    a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11],
	    (char *)NULL);
	if (r != MI_SUCCESS)
		(void)smfi_setreply(ctx, (char *)d->code, (char *)d->xcode,
		    d->fallback);
}

sfsistat
mlt_apply(SMFICTX *ctx, const struct config *cfg, const struct mlt_msg *m,
    const struct pipeline_out *po, struct mlt_decision *d)
{
	if (d->redact_refused != NULL) {
		char *more = g_strdup_printf(",\"result\":\"rejected\","
		    "\"reason\":\"%s\"", d->redact_refused);

		mlt_log_event(cfg, LOG_NOTICE, "redact", m->qid, more);
		g_free(more);
	}
	if (d->kind == DEC_REDACT) {
		if (redact(ctx, cfg, po->v, m, d)) {
			send_notice(cfg, po->v, m, d);
			return d->rc;
		}
		mlt_decide_reject(cfg, m, po, d);
	}
	if (d->kind == DEC_HOLD) {
		/* Postfix: into the hold queue, 250 to the client. An MTA
		 * that refuses (no quarantine granted) gets the reject. */
		if (smfi_quarantine(ctx, d->quarantine) == MI_SUCCESS) {
			policy_header(ctx, cfg, po->v, m->n_flag_headers, NULL);
			send_notice(cfg, po->v, m, d);
			send_review(cfg, po->v, m, d);
			return d->rc;
		}
		mlt_decide_reject(cfg, m, po, d);
	}
	if (d->kind == DEC_SPLIT) {
		/* only the internal recipients get it; an MTA that refuses a
		 * removal gets the reject */
		bool ok = true;

		for (size_t i = 0; d->drop[i] != NULL && ok; i++) {
			char *r = g_strdup_printf("<%s>", d->drop[i]);

			ok = smfi_delrcpt(ctx, r) == MI_SUCCESS;
			g_free(r);
		}
		if (ok) {
			policy_header(ctx, cfg, po->v, m->n_flag_headers,
			    "split");
			send_notice(cfg, po->v, m, d);
			return d->rc;
		}
		mlt_decide_reject(cfg, m, po, d);
	}
	if (d->kind == DEC_FLAG) {
		policy_header(ctx, cfg, po->v, m->n_flag_headers,
		    d->flag_visible ? "flagged" : NULL);
		if (d->tagged_subject != NULL)
			smfi_chgheader(ctx, "Subject", 1, d->tagged_subject);
	}
	if (d->kind == DEC_FLAG || d->kind == DEC_NOTIFY ||
	    d->kind == DEC_REJECT)
		send_notice(cfg, po->v, m, d);
	if (d->lines != NULL)
		set_reply(ctx, d);
	return d->rc;
}
