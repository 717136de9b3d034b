/*
 * decision.c: a pipeline result -> what the daemon answers (see
 * decision.h). reject: 550 5.7.1 with the Swedish-then-English
 * explanation; flag: deliver with the policy header (and the optional
 * subject tag); dry run: deliver unchanged. A rejecting verdict follows
 * the mode of its rules (issue 6): reject (and a notice with a
 * corrected invitation to the sender), redact (corrected in flight,
 * then delivered, and a notice) or notify (delivered unchanged, and a
 * notice). hold (issue 20): accepted into the hold queue with the
 * reason, a notice to the sender and one to the reviewer. A [limits]
 * bound: 451 4.3.0, or 550 5.3.4 when the same message would hit it
 * again. Dry run is the sender's unit's (pipeline_out.dry_run). No
 * libmilter call, no I/O.
 */
#include <string.h>
#include <glib.h>

#include "decision.h"
#include "review.h"
#include "split.h"
#include "../pipeline/report.h"
#include "../rules/domain.h"

static sfsistat
onerr(enum on_error e)
{
	return e == ONERR_ACCEPT ? SMFIS_ACCEPT : e == ONERR_REJECT ?
	    SMFIS_REJECT : SMFIS_TEMPFAIL;
}

/* A message not fully examined ([limits] bound key): 5xx when the same
 * message would hit the bound again, else 4xx; the reply says why in
 * Swedish (without diacritics, as SMTP replies are ASCII) and English. */
static void
limit_reply(struct mlt_decision *d, const char *key, bool reject)
{
	d->lines = g_new0(char *, 3);
	if (reject) {
		d->rc = SMFIS_REJECT;
		d->code = "550";
		d->xcode = "5.3.4";
		d->lines[0] = g_strdup_printf("Kallelsen kunde inte "
		    "kontrolleras: den ar for stor eller for komplex (%s). "
		    "Skicka den med kortare text eller farre delar.", key);
		d->lines[1] = g_strdup_printf("The invitation could not be "
		    "checked: it is too large or too complex (%s). Send it "
		    "with a shorter text or fewer parts.", key);
	} else {
		d->rc = SMFIS_TEMPFAIL;
		d->code = "451";
		d->xcode = "4.3.0";
		d->lines[0] = g_strdup_printf("Kallelsen kunde inte "
		    "kontrolleras just nu (%s); den skickas igen senare.", key);
		d->lines[1] = g_strdup_printf("The invitation could not be "
		    "checked now (%s); it will be tried again later.", key);
	}
	d->fallback = g_strdup(d->lines[1]);
}

/* Builds the notice of the given mode into d when the sender should get
 * one. True if built. */
static bool
build_notice(const struct config *cfg, const struct notice_conf *nc,
    const struct verdict *v, enum notice_mode mode, const struct mlt_msg *m,
    const char *ics, unsigned changes, struct mlt_decision *d)
{
	if (m->env == NULL || !notice_wanted(nc, v, m->env->sender))
		return false;
	d->notice = notice_build(cfg, nc, v, mode, ics, changes,
	    m->env->sender, &d->notice_len);
	d->notice_mode = mode;
	if (d->notice == NULL) {
		d->notice_failed = true;
		return false;
	}
	return true;
}

/* Mode redact: the corrected message that replaces the original. False
 * when it cannot be made safely (then the caller rejects). */
static bool
decide_redact(const struct config *cfg, const struct notice_conf *nc,
    const struct mlt_msg *m, const struct pipeline_out *po,
    struct mlt_decision *d, const char **why)
{
	unsigned ch = 0;
	char *ics;

	/* A redacted body is made from m->buf: never from a reduced one,
	 * which would deliver the message without its attachments. */
	if (m->reduced)
		return false;
	ics = notice_corrected_ics(cfg, nc, m->buf, m->len, po->inv, po->v,
	    m->env, true, &ch);
	*why = "the calendar cannot be corrected";
	if (ics == NULL || notice_redacted(cfg, nc, m->buf, m->len, po->inv,
	    po->v, m->env, ics, &d->ro, why) < 0) {
		g_free(ics);
		return false;
	}
	d->kind = DEC_REDACT;
	d->rc = SMFIS_ACCEPT;
	d->outcome = "redact";
	(void)build_notice(cfg, nc, po->v, NMODE_REDACT, m, ics, ch, d);
	g_free(ics);
	return true;
}

bool
mlt_over_cap_found(const struct pipeline_out *po)
{
	if (po->status == PIPE_ERROR || po->v == NULL || po->dry_run)
		return false;
	for (size_t i = 0; i < po->v->n; i++)
		if (po->v->f[i].action >= ACT_FLAG &&
		    strcmp(po->v->f[i].rule, "limit-exceeded") != 0)
			return true;
	return false;
}

void
mlt_decide_reject(const struct config *cfg, const struct mlt_msg *m,
    const struct pipeline_out *po, struct mlt_decision *d)
{
	const struct notice_conf *nc = notice_conf_of(cfg);
	const struct verdict *v = po->v;
	bool noticed = false;
	char **l;
	size_t n = 0;

	mlt_decision_clear(d);
	d->kind = DEC_REJECT;
	d->rc = SMFIS_REJECT;
	d->outcome = "reject";
	if (notice_wanted(nc, v, m->env ? m->env->sender : NULL)) {
		unsigned ch = 0;
		char *ics = notice_corrected_ics(cfg, nc, m->buf, m->len,
		    po->inv, v, m->env, false, &ch);

		noticed = build_notice(cfg, nc, v, NMODE_REJECT, m, ics, ch, d);
		g_free(ics);
	}
	l = report_reply_lines(cfg, v, noticed ? MLT_REPLY_LINES - 2 :
	    MLT_REPLY_LINES);
	d->lines = g_new0(char *, MLT_REPLY_LINES + 1);
	for (; n < MLT_REPLY_LINES && l[n]; n++)
		d->lines[n] = g_strdup(l[n]);
	if (noticed && n + 2 <= MLT_REPLY_LINES) {
		d->lines[n++] = g_strdup("Du har fatt ett meddelande med en "
		    "rattad kallelse.");
		d->lines[n++] = g_strdup("A notice with a corrected invitation "
		    "was sent to you.");
	}
	g_strfreev(l);
	d->code = "550";
	d->xcode = "5.7.1";
	d->fallback = g_strdup("Kallelsen bryter mot riktlinjen / The "
	    "invitation breaks the guideline for Teams meetings");
}

/* Does the message go to a recipient outside the internal domains of
 * rc, the sender's unit's rules (the sender's own domain when none is
 * configured, as the rules assume)? Every recipient, also those only
 * counted (rcpt.h). */
static bool
has_external_rcpt(const struct rules_conf *rc, const struct mlt_msg *m)
{
	char *own = NULL;
	char *const *in = rc->internal_domains;
	size_t n_in = rc->n_internal_domains, n_int, n_ext;
	struct rcpt_sum *tmp;
	const struct rcpt_sum *rs;

	if (m->env == NULL)
		return false;
	if (n_in == 0 && (own = domain_of_addr(m->env->sender)) != NULL) {
		in = &own;
		n_in = 1;
	}
	rs = rcpt_sum_of_env(m->env, &tmp);
	rcpt_sum_count(rs, in, n_in, &n_int, &n_ext);
	rcpt_sum_free(tmp);
	g_free(own);
	return n_ext > 0;
}

/* hold: into the MTA's hold queue with the reason; the sender is told
 * it is held, the reviewer gets the findings and the commands. */
static void
decide_hold(const struct config *cfg, const struct notice_conf *nc,
    const struct mlt_msg *m, const struct pipeline_out *po,
    struct mlt_decision *d)
{
	d->kind = DEC_HOLD;
	d->rc = SMFIS_ACCEPT;
	d->outcome = "hold";
	d->quarantine = review_reason(po->v);
	(void)build_notice(cfg, nc, po->v, NMODE_HOLD, m, NULL, 0, d);
	d->review = review_build(cfg, po->v, m->qid, m->env ?
	    m->env->sender : NULL, po->unit ? po->unit->name : NULL,
	    &d->review_len);
}

const char *
mlt_outcome_word(const struct config *cfg, const struct mlt_decision *d,
    const struct pipeline_out *po)
{
	enum action a = po && po->v ? po->v->action : ACT_OFF;

	if (d->kind == DEC_LIMIT)
		return d->dry_run ? "would-tempfailed" : d->rc == SMFIS_REJECT ?
		    "rejected" : "tempfailed";
	if (po != NULL && po->dry_run && d->kind == DEC_ACCEPT) {
		if (a == ACT_REJECT) {
			enum notice_mode mode = notice_mode_of(
			    notice_conf_of(cfg), po->v);

			return mode == NMODE_REDACT ? "would-redacted" :
			    mode == NMODE_NOTIFY ? "would-flagged" :
			    "would-rejected";
		}
		return a == ACT_HOLD ? "would-held" : a == ACT_FLAG ?
		    "would-flagged" : "would-accepted";
	}
	switch (d->kind) {
	case DEC_REJECT:
		return "rejected";
	case DEC_HOLD:
		return "held";
	case DEC_SPLIT:		/* changed in flight: recipients removed */
	case DEC_REDACT:
		return "redacted";
	case DEC_FLAG:
	case DEC_NOTIFY:
		return "flagged";
	case DEC_ERROR:
	case DEC_OVER_CAP:
		return d->rc == SMFIS_TEMPFAIL ? "tempfailed" : d->rc ==
		    SMFIS_REJECT ? "rejected" : "accepted";
	default:
		return "accepted";
	}
}

void
mlt_decide(const struct config *cfg, const struct mlt_msg *m,
    const struct pipeline_out *po, struct mlt_decision *d)
{
	const struct notice_conf *nc = notice_conf_of(cfg);
	const struct verdict *v;

	memset(d, 0, sizeof(*d));
	if (po == NULL) {
		d->kind = DEC_OVER_CAP;
		d->rc = onerr(cfg->over_cap);
		return;
	}
	if (po->status == PIPE_ERROR) {
		d->kind = DEC_ERROR;
		d->rc = onerr(po->action);
		return;
	}
	v = po->v;
	if (po->status == PIPE_LIMIT) {
		d->kind = DEC_LIMIT;
		d->rc = SMFIS_ACCEPT;
		d->dry_run = po->dry_run;
		if (!po->dry_run)
			limit_reply(d, v->limit, po->action == ONERR_REJECT);
		return;
	}
	d->kind = DEC_ACCEPT;
	d->rc = SMFIS_ACCEPT;
	d->outcome = "accept";
	d->dry_run = po->dry_run && v->action >= ACT_FLAG;
	if (po->dry_run || v->action < ACT_FLAG)
		return;
	if ((d->drop = split_external(cfg, m->env, po)) != NULL) {
		d->kind = DEC_SPLIT;
		d->outcome = "split";
		d->n_kept = m->env->n_rcpts - g_strv_length(d->drop);
		d->notice = split_notice(cfg, m->env->sender, d->drop,
		    d->n_kept, &d->notice_len);
		d->notice_mode = NMODE_NOTIFY;
		return;
	}
	if (v->action == ACT_HOLD) {
		decide_hold(cfg, nc, m, po, d);
		return;
	}
	if (v->action == ACT_REJECT) {
		enum notice_mode mode = notice_mode_of(nc, v);
		const char *why = NULL;

		if (mode == NMODE_REDACT && decide_redact(cfg, nc, m, po, d,
		    &why))
			return;
		if (mode == NMODE_NOTIFY) {
			d->kind = DEC_NOTIFY;
			d->outcome = "notify";
			(void)build_notice(cfg, nc, v, NMODE_NOTIFY, m, NULL, 0,
			    d);
			return;
		}
		mlt_decide_reject(cfg, m, po, d);
		if (mode == NMODE_REDACT)	/* failed safe: say why */
			d->redact_refused = why;
		return;
	}
	d->kind = DEC_FLAG;
	d->outcome = "flag";
	/* The header tells the outside world what the filter thought of
	 * the mail: only for internal recipients unless asked for. */
	d->flag_visible = cfg->flag_external || !has_external_rcpt(
	    conf_rules_of(cfg, po->unit), m);
	/* Optional tag for the recipient's eyes, added once. */
	if (d->flag_visible && cfg->subject_tag && *cfg->subject_tag &&
	    m->subject &&
	    !g_str_has_prefix(m->subject, cfg->subject_tag))
		d->tagged_subject = g_strdup_printf("%s %s", cfg->subject_tag,
		    m->subject);
	if (nc->min_action <= ACT_FLAG)
		(void)build_notice(cfg, nc, v, NMODE_NOTIFY, m, NULL, 0, d);
}

void
mlt_decision_clear(struct mlt_decision *d)
{
	g_strfreev(d->lines);
	g_free(d->fallback);
	g_free(d->tagged_subject);
	redact_out_clear(&d->ro);
	g_free(d->notice);
	g_free(d->quarantine);
	g_free(d->review);
	g_strfreev(d->drop);
	memset(d, 0, sizeof(*d));
}

/* The header changes of a redaction, as actions.c makes them: one line
 * each, folded values joined. They hold no finding (it was cut). */
static void
print_header_changes(FILE *fp, const struct redact_out *ro)
{
	for (size_t i = 0; i < ro->n_hdrs; i++) {
		const struct redact_hdr *h = &ro->hdrs[i];

		fprintf(fp, "  header %s #%d (%s): ", h->name, h->index,
		    h->what);
		if (h->value == NULL)
			fputs("removed", fp);
		for (const char *p = h->value; p && *p; p++)
			if (*p != '\n')
				fputc(*p, fp);
		fputc('\n', fp);
	}
}

void
mlt_decision_print(FILE *fp, const struct config *cfg,
    const struct mlt_decision *d)
{
	size_t n = d->lines ? g_strv_length(d->lines) : 0;

	for (size_t i = 0; i < n; i++)
		fprintf(fp, "%s%c%s %s\n", d->code, i + 1 < n ? '-' : ' ',
		    d->xcode, d->lines[i]);
	if (n > 0 && d->redact_refused != NULL)
		fprintf(fp, "  not redacted: %s\n", d->redact_refused);
	if (n > 0)
		return;
	switch (d->kind) {
	case DEC_FLAG:
		if (!d->flag_visible) {
			fprintf(fp, "250 2.0.0 accepted, flagged (no header: "
			    "external recipient, [milter] flag_external)\n");
			return;
		}
		fprintf(fp, "250 2.0.0 accepted, header %s: flagged%s\n",
		    cfg->flag_header, d->tagged_subject ? ", subject tagged" :
		    "");
		return;
	case DEC_SPLIT:
		fprintf(fp, "250 2.0.0 accepted for %zu internal recipient%s, "
		    "%u external removed (series, [milter] split_series)\n",
		    d->n_kept, d->n_kept == 1 ? "" : "s",
		    g_strv_length(d->drop));
		return;
	case DEC_HOLD:
		fprintf(fp, "250 2.0.0 accepted into the hold queue (%s)%s\n",
		    d->quarantine, d->review ? ", reviewer notified" : "");
		return;
	case DEC_REDACT:
		fprintf(fp, "250 2.0.0 accepted, corrected before delivery, "
		    "header %s: redacted\n", cfg->flag_header);
		print_header_changes(fp, &d->ro);
		return;
	case DEC_NOTIFY:
		fprintf(fp, "250 2.0.0 accepted unchanged (mode notify)\n");
		return;
	case DEC_ERROR:
	case DEC_OVER_CAP:
		if (d->rc == SMFIS_ACCEPT)
			break;
		fprintf(fp, "%s (%s: the text is the MTA's own)\n",
		    d->rc == SMFIS_REJECT ? "550 5.7.1" : "451 4.7.1",
		    d->kind == DEC_ERROR ? "internal error" :
		    "text beyond the caps (over_cap)");
		return;
	default:
		break;
	}
	fprintf(fp, "250 2.0.0 accepted%s\n", d->dry_run ? " (dry run)" : "");
}
