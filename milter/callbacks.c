/*
 * callbacks.c: libmilter <-> struct conn / struct msg. Only outgoing mail
 * is examined (authenticated, internal network or internal sender);
 * mail whose headers show it cannot hold a calendar part is accepted at
 * end of headers; otherwise the message goes through the reducer
 * (parse/reduce.h: whole up to [milter] max_body, beyond that only what
 * the rules read) and is run through parse + rules at end of message. Per-connection state only;
 * each message holds one config snapshot from envfrom to eom/abort.
 * Every outcome is counted (stats.c) and logged through log.c.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <glib.h>

#include "gate.h"
#include "split.h"
#include "log.h"
#include "milter.h"
#include "../notice/notice.h"
#include "../parse/encfile.h"
#include "../parse/parse.h"
#include "../parse/reduce.h"
#include "../pipeline/pipeline.h"
#include "../pipeline/report.h"
#include "stats.h"
#include "../rules/domain.h"
#include "../rules/rcpt.h"
#include "../rules/rules.h"

struct conn {
	struct sockaddr_storage	 addr;
	bool			 has_addr;
	/* the message in progress */
	struct config		*cfg;
	struct reduce		*red;		/* NULL between messages */
	bool			 body_slot;	/* holds one (gate_enter) */
	struct mlt_mem		 mem;	/* of the memory budget (gate.c) */
	bool			 over_memory;	/* could not get them: tempfail */
	char			*sender;
	struct rcpt_sum		*rcpts;	/* all counted, the first kept */
	enum mlt_out		 out;	/* gate.c, decided at MAIL or RCPT */
	size_t			 n_flag_headers;
	char			*subject;	/* raw, for subject_tag */
	bool			 maybe_calendar;
	bool			 not_plain;	/* a Content-Type not text/plain */
	bool			 seen_ct;	/* a Content-Type header so far */
	bool			 cte_encoded;	/* base64 or unknown */
	/* plain text, read on only to see whether a file (a calendar) is
	 * encoded in the text (parse/encfile.h): parsed only then */
	bool			 plain_scan;
	struct encfile_scan	 scan;
	bool			 over_cap;
	gint64			 start;
	/* Over a unix socket MAIL gets no reply (see the negotiation
	 * below): a decision taken there (accept mail that is not ours,
	 * tempfail while stopping) waits here for end of headers, the
	 * first stage that has one. SMFIS_CONTINUE: none. */
	sfsistat		 at_mail;
};

/* Ends the message in progress, if any: the snapshot is released, the
 * message no longer counts as in flight, and its reducer is freed (large
 * buffers are mmap-backed, see mlt_tune(), so this gives them back to
 * the system: a connection keeps nothing of a large message). */
static void
msg_reset(struct conn *c)
{
	if (c->cfg != NULL)
		mlt_inflight_add(-1);
	conf_unref(c->cfg);
	c->cfg = NULL;
	reduce_free(c->red);
	c->red = NULL;
	if (c->body_slot)
		mlt_gate_body_leave();
	c->body_slot = false;
	mlt_gate_mem_release(&c->mem);
	c->over_memory = false;
	g_free(c->sender);
	c->sender = NULL;
	rcpt_sum_reset(c->rcpts);
	c->n_flag_headers = 0;
	g_free(c->subject);
	c->subject = NULL;
	c->maybe_calendar = false;
	c->not_plain = c->cte_encoded = c->plain_scan = false;
	c->seen_ct = false;
	c->over_cap = false;
	c->at_mail = SMFIS_CONTINUE;
	c->out = MLT_NOT_OUTGOING;
}

static sfsistat
cb_connect(SMFICTX *ctx, char *host, _SOCK_ADDR *sa)
{
	struct conn *c = g_new0(struct conn, 1);

	(void)host;
	if (sa != NULL) {
		socklen_t len = sa->sa_family == AF_INET6 ?
		    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);

		if (sa->sa_family == AF_INET || sa->sa_family == AF_INET6) {
			memcpy(&c->addr, sa, len);
			c->has_addr = true;
		}
	}
	c->rcpts = rcpt_sum_new();
	c->at_mail = SMFIS_CONTINUE;
	smfi_setpriv(ctx, c);
	mlt_stat_inc(ST_CONNECTIONS);
	return SMFIS_CONTINUE;
}

/* The SMFIS_* status for the MTA, counted when it is a 4xx. */
static sfsistat
counted(sfsistat rc)
{
	if (rc == SMFIS_TEMPFAIL)
		mlt_stat_inc(ST_TEMPFAIL);
	return rc;
}

static sfsistat
cb_envfrom(SMFICTX *ctx, char **argv)
{
	struct conn *c = smfi_getpriv(ctx);
	mlt_stat_inc(ST_MESSAGES);
	if (c == NULL || mlt_stopping())
		return counted(SMFIS_TEMPFAIL);	/* the client retries */
	msg_reset(c);
	c->cfg = mlt_config_get();
	mlt_inflight_add(1);
	c->sender = pipeline_envelope_addr(argv && argv[0] ? argv[0] : "");
	c->start = g_get_monotonic_time();
	c->out = mlt_gate_outgoing(c->cfg, c->sender,
	    smfi_getsymval(ctx, "{auth_authen}"), c->has_addr ? &c->addr :
	    NULL);
	if (c->out == MLT_NOT_OUTGOING) {
		msg_reset(c);
		mlt_stat_inc(ST_ACCEPTED_AT_MAIL);
		return SMFIS_ACCEPT;	/* not ours: nothing buffered */
	}
	/* whole up to max_body, then reduced within it */
	c->red = reduce_new(&c->cfg->limits, c->cfg->max_body,
	    c->cfg->max_body);
	return SMFIS_CONTINUE;
}

static sfsistat
cb_envrcpt(SMFICTX *ctx, char **argv)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c == NULL || argv == NULL || argv[0] == NULL)
		return SMFIS_CONTINUE;
	if (c->cfg == NULL)	/* not ours, decided at MAIL */
		return SMFIS_CONTINUE;
	if (c->out == MLT_OUTGOING_IF_RCPT_EXTERNAL) {
		/* every recipient, also beyond the kept ones */
		char *r = pipeline_envelope_addr(argv[0]);

		if (mlt_gate_rcpt_external(c->cfg, r))
			c->out = MLT_OUTGOING;
		g_free(r);
	}
	/* every recipient counted and classified, the first kept */
	pipeline_envelope_rcpt(c->cfg, c->rcpts, c->sender, argv[0]);
	return SMFIS_CONTINUE;
}

/* The message's bytes, as the MTA hands them, into the reducer: memory
 * stays within max_body whatever the size of the message. */
static void
append(struct conn *c, const char *s, size_t n)
{
	if (c->over_memory)
		return;
	/* the memory budget (gate.c) for what the reducer holds after
	 * this (whole up to max_body, then what the rules read): without
	 * it, stop reading, give back what is held, tempfail at end of
	 * message */
	if (!mlt_gate_mem_grow(&c->mem, reduce_mem(c->red) + n,
	    c->cfg->memory_limit)) {
		c->over_memory = true;
		reduce_free(c->red);
		c->red = reduce_new(&c->cfg->limits, 0, 0);
		mlt_gate_mem_release(&c->mem);
		return;
	}
	reduce_feed(c->red, s, n);
	c->over_cap = reduce_over_cap(c->red);
}

static sfsistat
cb_header(SMFICTX *ctx, char *name, char *value)
{
	struct conn *c = smfi_getpriv(ctx);
	char trimmed[64];
	const char *hn;
	size_t nl;

	if (c == NULL || c->cfg == NULL)
		return SMFIS_CONTINUE;
	/* "Content-Type : multipart/mixed" is a Content-Type to GMime
	 * and to the parse: the name without blanks before the colon
	 * (adversarial pass, session 16: with them the message was taken
	 * for plain text and accepted unparsed) */
	nl = strlen(name);
	while (nl > 0 && (name[nl - 1] == ' ' || name[nl - 1] == '\t'))
		nl--;
	if (name[nl] == '\0')
		hn = name;
	else if (nl < sizeof(trimmed)) {
		memcpy(trimmed, name, nl);
		trimmed[nl] = '\0';
		hn = trimmed;
	} else {	/* too long to copy: taken for a calendar's */
		hn = "";
		c->maybe_calendar = true;
	}
	if (g_ascii_strcasecmp(hn, c->cfg->flag_header) == 0)
		c->n_flag_headers++;
	if (c->subject == NULL && g_ascii_strcasecmp(hn, "Subject") == 0)
		c->subject = g_strdup(value);
	/* Any reading of the header block that could carry a calendar
	 * counts (every Content-Type, not the last; a name or filename
	 * parameter): readers differ on which of two they take. */
	if (parse_header_may_invite(hn, value))
		c->maybe_calendar = true;
	if (!g_ascii_strcasecmp(hn, "Content-Type")) {
		if (!parse_header_text_plain(value))
			c->not_plain = true;
		/* two: readers differ on which one counts (text/html then
		 * text/plain is text/plain to GMime, a uuencoded calendar
		 * in it is read): neither shortcut, the parse decides
		 * (adversarial pass, session 16) */
		if (c->seen_ct)
			c->maybe_calendar = true;
		c->seen_ct = true;
	}
	if (!g_ascii_strcasecmp(hn, "Content-Transfer-Encoding") &&
	    !parse_header_cte_readable(value))
		c->cte_encoded = true;
	append(c, name, strlen(name));
	append(c, ": ", 2);
	append(c, value, strlen(value));
	append(c, "\r\n", 2);
	return SMFIS_CONTINUE;
}

static sfsistat
cb_eoh(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);
	sfsistat rc;

	if (c == NULL)		/* MAIL would have tempfailed */
		return mlt_listen_unix() ? SMFIS_TEMPFAIL : SMFIS_CONTINUE;
	if (c->at_mail != SMFIS_CONTINUE) {
		rc = c->at_mail;	/* counted when it was taken */
		c->at_mail = SMFIS_CONTINUE;
		return rc;
	}
	if (c->cfg == NULL)
		return SMFIS_CONTINUE;
	if (c->out == MLT_OUTGOING_IF_RCPT_EXTERNAL && c->sender[0] != '\0') {
		/* from an internal network, an outside sender, internal
		 * recipients only: inbound mail re-injected (gate.c). The
		 * null sender goes on to end of message: it may be our own
		 * notice, recognised (and logged) there. */
		msg_reset(c);
		mlt_stat_inc(ST_ACCEPTED_INBOUND);
		return SMFIS_ACCEPT;
	}
	if (!c->maybe_calendar && c->not_plain) {
		msg_reset(c);
		mlt_stat_inc(ST_ACCEPTED_AT_EOH);
		return SMFIS_ACCEPT;	/* text/html or an image alone */
	}
	append(c, "\r\n", 2);
	if (!c->maybe_calendar && !c->cte_encoded) {
		/* text/plain (RFC 2045: also no Content-Type) as it is or
		 * in quoted-printable: a client shows a file uuencoded in
		 * it as an attachment, so the body is read on as it comes
		 * (kept for a parse, no body slot) and parsed only when a
		 * line begins such a file (session 16) */
		c->plain_scan = true;
		encfile_scan_init(&c->scan);
		return SMFIS_CONTINUE;
	}
	if (!c->over_cap && !c->body_slot) {
		mlt_gate_body_enter();
		c->body_slot = true;
	}
	return SMFIS_CONTINUE;
}

static sfsistat
cb_body(SMFICTX *ctx, unsigned char *b, size_t n)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL && c->cfg != NULL) {
		if (c->plain_scan)
			encfile_scan_feed(&c->scan, (const char *)b, n);
		append(c, (const char *)b, n);
	}
	return SMFIS_CONTINUE;
}

/* The decision line of an examined message (log.c). */
static void
log_decision(const struct conn *c, const struct mlt_msg *m,
    const struct pipeline_out *po, const struct mlt_decision *d,
    const char *action)
{
	struct mlt_logged lg = { 0 };

	lg.action = action;
	lg.outcome = mlt_outcome_word(c->cfg, d, po);
	lg.unit = po->unit != NULL ? po->unit->name : NULL;
	lg.dry_run = po->dry_run;
	lg.ms = (double)(g_get_monotonic_time() - c->start) / 1000.0;
	lg.rules = conf_rules_of(c->cfg, po->unit);
	lg.split_skipped = split_series_cannot(c->cfg, m->env, po);
	if (reduce_dropped(c->red) || c->over_cap) {
		lg.streamed = reduce_total(c->red);
		lg.over_cap = c->over_cap;
	}
	mlt_log_decision(c->cfg, m->qid, c->sender, c->rcpts, po->inv, po->v,
	    &lg);
}

/* Text beyond the reducer's bounds and nothing found in what was kept:
 * the configured over_cap outcome and its log line. */
static sfsistat
over_cap(SMFICTX *ctx, struct conn *c, struct mlt_msg *m)
{
	struct mlt_decision d;
	char more[96];
	sfsistat rc;

	mlt_decide(c->cfg, m, NULL, &d);
	rc = mlt_apply(ctx, c->cfg, m, NULL, &d);
	snprintf(more, sizeof(more), ",\"max_body\":%zu,\"action\":"
	    "\"%s\"", c->cfg->max_body, rc == SMFIS_ACCEPT ? "accept" :
	    rc == SMFIS_REJECT ? "reject" : "tempfail");
	mlt_log_event(c->cfg, LOG_WARNING, "over_cap", m->qid, more);
	mlt_stat_inc(ST_OVER_CAP);
	mlt_decision_clear(&d);
	msg_reset(c);
	return counted(rc);
}

static sfsistat
cb_eom(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);
	struct envelope env = { NULL, NULL, 0, 0, NULL };
	struct mlt_msg m = { 0 };
	struct pipeline_in in = { 0 };
	struct pipeline_out po;
	struct mlt_decision d;
	const char *data;
	size_t len;
	sfsistat rc;

	if (c == NULL || c->cfg == NULL)
		return SMFIS_ACCEPT;
	m.qid = smfi_getsymval(ctx, "i");
	reduce_finish(c->red);
	c->over_cap = reduce_over_cap(c->red);
	data = reduce_data(c->red, &len);
	if (c->over_cap && c->out == MLT_OUTGOING_IF_RCPT_EXTERNAL) {
		/* an inbound bounce too big to be our notice */
		msg_reset(c);
		mlt_stat_inc(ST_ACCEPTED_INBOUND);
		return SMFIS_ACCEPT;
	}
	env.sender = c->sender;
	env.rcpts = rcpt_sum_addrs(c->rcpts, &env.n_rcpts);
	env.rcpt_sum = c->rcpts;
	/* Our own notice (null sender, signed for this recipient, not
	 * expired, sign.c): never examined again, so a notice can never
	 * cause another one. */
	if (notice_is_ours(notice_conf_of(c->cfg), data, len, &env)) {
		mlt_log_event(c->cfg, LOG_INFO, "notice_passed", m.qid, NULL);
		mlt_stat_inc(ST_NOTICES_PASSED);
		msg_reset(c);
		return SMFIS_ACCEPT;
	}
	if (c->out == MLT_OUTGOING_IF_RCPT_EXTERNAL) {	/* a bounce, inbound */
		msg_reset(c);
		mlt_stat_inc(ST_ACCEPTED_INBOUND);
		return SMFIS_ACCEPT;
	}
	in.buf = m.buf = data;
	in.len = m.len = len;
	/* attachments dropped or text cut: the body may not be replaced */
	m.reduced = reduce_dropped(c->red) || c->over_cap;
	in.dropped = reduce_dropped(c->red);
	in.kind = PIPE_MESSAGE;
	in.env = m.env = &env;
	m.n_flag_headers = c->n_flag_headers;
	m.subject = c->subject;
	(void)pipeline_run(c->cfg, &in, &po);
	/* Over cap: what was kept is examined all the same; a finding
	 * that acts decides (mlt_over_cap_found: with a [limits] bound
	 * hit, the limit outcome), anything else is the over_cap one. */
	if (c->over_cap && !mlt_over_cap_found(&po)) {
		pipeline_out_clear(&po);
		return over_cap(ctx, c, &m);
	}
	mlt_decide(c->cfg, &m, &po, &d);
	if (m.reduced && d.kind == DEC_REJECT && po.v->action == ACT_REJECT &&
	    notice_mode_of(notice_conf_of(c->cfg), po.v) == NMODE_REDACT)
		mlt_log_event(c->cfg, LOG_NOTICE, "redact_refused", m.qid,
		    ",\"why\":\"attachments or text were not kept (over "
		    "max_body): a redacted body would lose them; rejected\"");
	rc = mlt_apply(ctx, c->cfg, &m, &po, &d);
	if (d.kind == DEC_ERROR) {
		mlt_stat_inc(ST_ERRORS);
		mlt_log_event(c->cfg, LOG_ERR, "error", m.qid, ",\"error\":"
		    "\"internal error while examining a message\"");
	} else if (d.kind == DEC_LIMIT) {
		/* A [limits] bound was hit: not fully examined. The log
		 * line names the bound ("limit"), the reply explains. */
		mlt_stat_inc(ST_LIMITS);
		log_decision(c, &m, &po, &d, po.dry_run ? "none (dry run)" :
		    po.action == ONERR_REJECT ? "reject (limit)" :
		    "tempfail (limit)");
	} else {
		mlt_stat_inc(ST_EXAMINED);
		mlt_stat_outcome(po.dry_run, po.v, d.outcome);
		if (po.inv->is_invitation) {
			mlt_stat_inc(ST_INVITATIONS);
			log_decision(c, &m, &po, &d, po.dry_run ?
			    "none (dry run)" : d.outcome ? d.outcome :
			    verdict_word(po.v->action));
		}
	}
	mlt_decision_clear(&d);
	pipeline_out_clear(&po);
	msg_reset(c);
	return counted(rc);
}

static sfsistat
cb_abort(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL) {
		if (c->cfg != NULL)
			mlt_stat_inc(ST_ABORTED);
		msg_reset(c);
	}
	return SMFIS_CONTINUE;
}

static sfsistat
cb_close(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c == NULL)
		return SMFIS_CONTINUE;
	msg_reset(c);
	rcpt_sum_free(c->rcpts);
	g_free(c);
	smfi_setpriv(ctx, NULL);
	return SMFIS_CONTINUE;
}

/*
 * Protocol negotiation: the MTA sends only the stages the milter uses,
 * waits for a reply only where the milter may decide something, and
 * sends only the macros it reads. Measured with Postfix 3.7 (see
 * BENCHMARKS.md, "Milter protocol"):
 * - Over TCP every write of the MTA that gets no reply leaves its ACK to
 *   the delayed-ACK timer (40 ms), and Nagle holds the MTA's next small
 *   write until then. smtpd flushes at DATA and cleanup writes the
 *   headers next, so DATA keeps its reply over TCP (neither skipped nor
 *   no-reply): skipping it cost 40 ms per message. Over a unix socket
 *   (no Nagle, no delayed ACK) DATA and MAIL get no reply: two round
 *   trips less; what MAIL decides (accept mail that is not ours,
 *   tempfail while stopping) is answered at end of headers there.
 * - No reply for connect, RCPT, headers and body chunks: the MTA
 *   buffers them and they leave with the next stage that waits (MAIL
 *   and DATA over TCP, end of headers, end of message). End of headers
 *   (accept mail that cannot hold a calendar) and end of message keep
 *   their replies.
 * - HELO and unknown commands are not sent. Their macros still are, in
 *   the same write as the next stage, which costs nothing.
 * - Macros: {auth_authen} at MAIL, the queue id at end of message.
 *   Postfix reads an empty list as "use main.cf's", so the stages that
 *   need none are left alone.
 * libmilter answers CONTINUE itself for an SMFIP_NR_* stage the MTA
 * does not offer, so the callbacks below may always return NOREPLY.
 */
#define MLT_SKIP	(SMFIP_NOHELO | SMFIP_NOUNKNOWN)
#define MLT_NO_REPLY	(SMFIP_NR_CONN | SMFIP_NR_RCPT | SMFIP_NR_HDR | \
			 SMFIP_NR_BODY)
#define MLT_ACTIONS	(SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_CHGBODY)

static sfsistat
no_reply(unsigned long stage, sfsistat rc)
{
	return (MLT_NO_REPLY & stage) && rc == SMFIS_CONTINUE ?
	    SMFIS_NOREPLY : rc;
}

static sfsistat
nr_connect(SMFICTX *ctx, char *host, _SOCK_ADDR *sa)
{
	return no_reply(SMFIP_NR_CONN, cb_connect(ctx, host, sa));
}

static sfsistat
nr_envrcpt(SMFICTX *ctx, char **argv)
{
	return no_reply(SMFIP_NR_RCPT, cb_envrcpt(ctx, argv));
}

/* MAIL: over a unix socket no reply; its decision, if any, is kept
 * for end of headers (struct conn, at_mail). */
static sfsistat
nr_envfrom(SMFICTX *ctx, char **argv)
{
	struct conn *c = smfi_getpriv(ctx);
	sfsistat rc = cb_envfrom(ctx, argv);

	if (!mlt_listen_unix())
		return rc;
	if (c != NULL)
		c->at_mail = rc;
	return SMFIS_NOREPLY;
}

/* DATA: a reply only over TCP (see the negotiation below). */
static sfsistat
nr_data(SMFICTX *ctx)
{
	(void)ctx;
	return mlt_listen_unix() ? SMFIS_NOREPLY : SMFIS_CONTINUE;
}

static sfsistat
nr_header(SMFICTX *ctx, char *name, char *value)
{
	return no_reply(SMFIP_NR_HDR, cb_header(ctx, name, value));
}

static sfsistat
nr_body(SMFICTX *ctx, unsigned char *b, size_t n)
{
	return no_reply(SMFIP_NR_BODY, cb_body(ctx, b, n));
}

static sfsistat
cb_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
    unsigned long f2, unsigned long f3, unsigned long *pf0,
    unsigned long *pf1, unsigned long *pf2, unsigned long *pf3)
{
	(void)f2; (void)f3;
	if ((f0 & MLT_ACTIONS) != MLT_ACTIONS) {
		struct config *cfg = mlt_config_get();

		mlt_logf(cfg, LOG_ERR, "{\"event\":\"negotiate\",\"error\":"
		    "\"the MTA does not allow adding/changing headers and "
		    "body (actions 0x%lx)\"}", f0);
		conf_unref(cfg);
		return SMFIS_REJECT;
	}
	/* quarantine (rule action hold) and recipient removal (split_series)
	 * when the MTA offers them; without, they become a reject */
	*pf0 = MLT_ACTIONS | (f0 & (SMFIF_SETSYMLIST | SMFIF_QUARANTINE |
	    SMFIF_DELRCPT));
	/* f1 holds what the MTA offers plus the no-reply flags libmilter
	 * can fake; ask for no step the MTA cannot skip. */
	*pf1 = (MLT_SKIP | MLT_NO_REPLY |
	    (mlt_listen_unix() ? SMFIP_NR_MAIL | SMFIP_NR_DATA : 0)) & f1;
	*pf2 = 0;
	*pf3 = 0;
	if (f0 & SMFIF_SETSYMLIST) {
		(void)smfi_setsymlist(ctx, SMFIM_ENVFROM, "{auth_authen}");
		(void)smfi_setsymlist(ctx, SMFIM_EOM, "i");
	}
	return SMFIS_CONTINUE;
}

/* A message that did not get its share of [milter] memory_limit
 * (gate.c): a temporary failure, the client retries; logged and
 * counted. */
static sfsistat
over_memory(SMFICTX *ctx, struct conn *c, const char *why)
{
	char more[200];

	snprintf(more, sizeof(more), ",\"why\":\"%s\",\"memory_limit\":%zu,"
	    "\"action\":\"tempfail\"", why, c->cfg->memory_limit);
	mlt_log_event(c->cfg, LOG_WARNING, "over_memory",
	    smfi_getsymval(ctx, "i"), more);
	mlt_stat_inc(ST_OVER_MEMORY);
	msg_reset(c);
	return counted(SMFIS_TEMPFAIL);
}

/* End of message within a parse slot (see "Memory under concurrency"
 * above), with the parse's share of the memory budget (gate.c). */
static sfsistat
gated_eom(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);
	sfsistat rc;

	if (c != NULL && c->cfg != NULL && c->plain_scan && !c->scan.found) {
		/* plain text with no file in it: nothing a parse would read
		 * as a calendar (not even when memory ran short) */
		msg_reset(c);
		mlt_stat_inc(ST_ACCEPTED_PLAIN);
		return SMFIS_ACCEPT;
	}
	if (c != NULL && c->cfg != NULL && c->over_memory)
		return over_memory(ctx, c, "no memory for the body");
	mlt_gate_parse_enter();
	if (c != NULL && c->cfg != NULL &&
	    !mlt_gate_mem_parse(&c->mem, reduce_mem(c->red),
	    c->cfg->memory_limit))
		rc = over_memory(ctx, c, "no memory to parse the message");
	else
		rc = cb_eom(ctx);
	mlt_gate_parse_leave();
	return rc;
}

struct smfiDesc mlt_desc = {
	.xxfi_name = "invite-milter",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_CHGBODY |
	    SMFIF_QUARANTINE | SMFIF_DELRCPT,
	.xxfi_connect = nr_connect,
	.xxfi_envfrom = nr_envfrom,
	.xxfi_envrcpt = nr_envrcpt,
	.xxfi_data = nr_data,
	.xxfi_header = nr_header,
	.xxfi_eoh = cb_eoh,
	.xxfi_body = nr_body,
	.xxfi_eom = gated_eom,
	.xxfi_abort = cb_abort,
	.xxfi_close = cb_close,
	.xxfi_negotiate = cb_negotiate,
};
