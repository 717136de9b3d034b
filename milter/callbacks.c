/*
 * callbacks.c: libmilter <-> struct conn / struct msg. Only outgoing mail
 * is examined (authenticated, internal network or internal sender);
 * mail whose headers show it cannot hold a calendar part is accepted at
 * end of headers; otherwise the message is buffered (capped) and run
 * through parse + rules at end of message. Per-connection state only;
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

#include "log.h"
#include "milter.h"
#include "../notice/notice.h"
#include "../pipeline/pipeline.h"
#include "../pipeline/report.h"
#include "stats.h"
#include "../rules/domain.h"
#include "../rules/rules.h"

#define MAX_RCPTS	1000

struct conn {
	struct sockaddr_storage	 addr;
	bool			 has_addr;
	/* the message in progress */
	struct config		*cfg;
	GString			*buf;		/* NULL between messages */
	bool			 body_slot;	/* holds one (gate_enter) */
	char			*sender;
	GPtrArray		*rcpts;
	size_t			 n_flag_headers;
	char			*subject;	/* raw, for subject_tag */
	bool			 maybe_calendar;
	bool			 over_cap;
	gint64			 start;
	/* Over a unix socket MAIL gets no reply (see the negotiation
	 * below): a decision taken there (accept mail that is not ours,
	 * tempfail while stopping) waits here for end of headers, the
	 * first stage that has one. SMFIS_CONTINUE: none. */
	sfsistat		 at_mail;
};

/*
 * Memory under concurrency (issue 8). A message costs its buffer while
 * it is received and waits, and about three times its size more for a
 * moment while it is parsed (GMime's copy of the buffer, each decoded
 * part). So the number of messages of each kind is bounded, not left to
 * how fast the MTA delivers and how busy the processors are:
 * - body slots: at most BODY_SLOTS per processor buffer their body at
 *   once. The others wait at end of headers, before their body is sent:
 *   the MTA waits for that reply, so the body stays in its queue file,
 *   not in our memory. The MTA sends a body as fast as it reads its file
 *   (Postfix and Sendmail collect the whole message first), so a slot
 *   is held for the time of one message. A connection that ends frees
 *   its slot (cb_close); one that stalls keeps it until libmilter gives
 *   up on it (its timeout; the worker pool of Debian's libmilter looks
 *   every 10 minutes), so a message waits at most BODY_WAIT_US and then
 *   goes on over the bound. Mail that is not ours, or cannot hold a
 *   calendar, or is over max_body, never waits.
 * - parse slots: of those, at most PARSE_SLOTS per processor parse at
 *   once at end of message; a core parses about 250 messages of 1 MB
 *   per second, so the wait is short. The body slots beyond them let
 *   the next messages arrive while others are parsed, and keep the MTA
 *   busy: a slot is also held while the MTA is slow to send (a loaded
 *   machine), and with 4 per processor Postfix's throughput fell.
 * Both are served in arrival order (a ticket each), so no message waits
 * longer than the ones ahead of it take. Memory is then bounded per
 * processor, whatever the number of connections: BODY_SLOTS buffers
 * plus PARSE_SLOTS parses (about 3 message sizes each), at most about
 * 14 MB per processor for messages of 1 MB. Measured on 2 processors
 * (issue 8, target 64 MB above idle, see BENCHMARKS.md): with the parse
 * slots alone (the waiting messages held their buffers) 30-50 MB above
 * idle for 100 sessions of 1 MB and 41-70 MB for 200; with both 15-19
 * MB for either, at the same throughput.
 */
#define BODY_SLOTS	8
#define PARSE_SLOTS	2
/* A message waits for a body slot at most this long, then goes on over
 * the bound: slots held by stalled connections never stop mail, and the
 * MTA gets its reply well within its own limit for it (Sendmail's
 * default R=10s, Postfix's milter_content_timeout 300 s). */
#define BODY_WAIT_US	(5 * G_USEC_PER_SEC)

struct gate {
	GMutex		lock;
	GCond		cond;
	guint64		next;	/* the next ticket */
	guint64		done;	/* how many have left */
	guint64		max;	/* at most this many inside at once */
	guint		waiting;	/* in g_cond_wait*(): wake them */
};

static struct gate body_gate, parse_gate;
/* Processors, read once by mlt_tune(): g_get_num_processors() reads
 * /sys on every call (two file opens per message at end of headers and
 * end of message, seen with strace). */
static guint64 ncpu = 1;
/* The listening socket is a unix socket (set by mlt_tune()): no Nagle,
 * no delayed ACK, so DATA needs no reply (see the negotiation below). */
static bool listen_unix;

/* Waits until the caller is among the first max in arrival order that
 * have not left: ticket t may enter when t < done + max. With a
 * timeout (microseconds, 0 = none) it enters anyway when that has
 * passed, over the bound: every ticket still leaves once, so the count
 * stays right and no one waits behind it for longer. */
static void
gate_enter(struct gate *g, guint64 max, gint64 timeout_us)
{
	gint64 end = g_get_monotonic_time() + timeout_us;
	guint64 t;

	g_mutex_lock(&g->lock);
	if (g->max == 0)
		g->max = max;
	t = g->next++;
	g->waiting++;
	while (t >= g->done + g->max)
		if (timeout_us == 0)
			g_cond_wait(&g->cond, &g->lock);
		else if (!g_cond_wait_until(&g->cond, &g->lock, end))
			break;
	g->waiting--;
	g_mutex_unlock(&g->lock);
}

static void
gate_leave(struct gate *g)
{
	g_mutex_lock(&g->lock);
	g->done++;
	/* GLib's broadcast is a system call even when no one waits. */
	if (g->waiting > 0)
		g_cond_broadcast(&g->cond);
	g_mutex_unlock(&g->lock);
}

/* Ends the message in progress, if any: the snapshot is released, the
 * message no longer counts as in flight, and its buffer is freed (large
 * buffers are mmap-backed, see mlt_tune(), so this gives them back to
 * the system: a connection keeps nothing of a large message). */
static void
msg_reset(struct conn *c)
{
	if (c->cfg != NULL)
		mlt_inflight_add(-1);
	conf_unref(c->cfg);
	c->cfg = NULL;
	if (c->buf)
		g_string_free(c->buf, TRUE);
	c->buf = NULL;
	if (c->body_slot)
		gate_leave(&body_gate);
	c->body_slot = false;
	g_free(c->sender);
	c->sender = NULL;
	if (c->rcpts)
		g_ptr_array_set_size(c->rcpts, 0);
	c->n_flag_headers = 0;
	g_free(c->subject);
	c->subject = NULL;
	c->maybe_calendar = false;
	c->over_cap = false;
	c->at_mail = SMFIS_CONTINUE;
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
	c->rcpts = g_ptr_array_new_with_free_func(g_free);
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
	const char *auth;
	char *d;
	bool out;

	mlt_stat_inc(ST_MESSAGES);
	if (c == NULL || mlt_stopping())
		return counted(SMFIS_TEMPFAIL);	/* the client retries */
	msg_reset(c);
	c->cfg = mlt_config_get();
	mlt_inflight_add(1);
	c->sender = pipeline_envelope_addr(argv && argv[0] ? argv[0] : "");
	c->start = g_get_monotonic_time();
	auth = smfi_getsymval(ctx, "{auth_authen}");
	d = domain_of_addr(c->sender);
	out = (c->cfg->outgoing & OUT_ALL) ||
	    ((c->cfg->outgoing & OUT_AUTH) && auth && *auth) ||
	    ((c->cfg->outgoing & OUT_NETWORKS) && c->has_addr &&
	    conf_is_internal_network(c->cfg, &c->addr)) ||
	    ((c->cfg->outgoing & OUT_SENDER) && d &&
	    domain_is_internal(d, c->cfg->internal_domains,
	    c->cfg->n_internal_domains));
	g_free(d);
	if (!out) {
		msg_reset(c);
		mlt_stat_inc(ST_ACCEPTED_AT_MAIL);
		return SMFIS_ACCEPT;	/* not ours: nothing buffered */
	}
	c->buf = g_string_sized_new(4096);	/* headers first: small */
	return SMFIS_CONTINUE;
}

static sfsistat
cb_envrcpt(SMFICTX *ctx, char **argv)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL && argv && argv[0] && c->rcpts->len < MAX_RCPTS)
		g_ptr_array_add(c->rcpts, pipeline_envelope_addr(argv[0]));
	return SMFIS_CONTINUE;
}

static void
append(struct conn *c, const char *s, size_t n)
{
	if (c->over_cap || c->buf->len + n > c->cfg->max_body) {
		c->over_cap = true;
		return;
	}
	g_string_append_len(c->buf, s, (gssize)n);
}

static sfsistat
cb_header(SMFICTX *ctx, char *name, char *value)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c == NULL || c->cfg == NULL)
		return SMFIS_CONTINUE;
	if (g_ascii_strcasecmp(name, c->cfg->flag_header) == 0)
		c->n_flag_headers++;
	if (c->subject == NULL && g_ascii_strcasecmp(name, "Subject") == 0)
		c->subject = g_strdup(value);
	if (g_ascii_strcasecmp(name, "Content-Type") == 0) {
		char *low = g_ascii_strdown(value, -1);

		/* A single text or image part cannot be an invitation. */
		c->maybe_calendar = !(g_str_has_prefix(g_strstrip(low),
		    "text/plain") || g_str_has_prefix(low, "text/html") ||
		    g_str_has_prefix(low, "image/"));
		g_free(low);
	}
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
		return listen_unix ? SMFIS_TEMPFAIL : SMFIS_CONTINUE;
	if (c->at_mail != SMFIS_CONTINUE) {
		rc = c->at_mail;	/* counted when it was taken */
		c->at_mail = SMFIS_CONTINUE;
		return rc;
	}
	if (c->cfg == NULL)
		return SMFIS_CONTINUE;
	if (!c->maybe_calendar) {
		msg_reset(c);
		mlt_stat_inc(ST_ACCEPTED_AT_EOH);
		return SMFIS_ACCEPT;	/* RFC 2045: no Content-Type = text/plain */
	}
	append(c, "\r\n", 2);
	if (!c->over_cap && !c->body_slot) {
		gate_enter(&body_gate, BODY_SLOTS * ncpu, BODY_WAIT_US);
		c->body_slot = true;
	}
	return SMFIS_CONTINUE;
}

static sfsistat
cb_body(SMFICTX *ctx, unsigned char *b, size_t n)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL && c->cfg != NULL)
		append(c, (const char *)b, n);
	return SMFIS_CONTINUE;
}

/* The distinct domains of the recipients (domain_of_addr: canonical),
 * as JSON strings separated by commas, in the order first seen. */
static void
rcpt_domains(GString *s, const GPtrArray *rcpts)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);

	for (guint i = 0; i < rcpts->len; i++) {
		char *d = domain_of_addr(rcpts->pdata[i]);

		if (d == NULL || !g_hash_table_add(seen, d))
			continue;	/* a duplicate was freed by the add */
		if (g_hash_table_size(seen) > 1)
			g_string_append_c(s, ',');
		json_str(s, d);
	}
	g_hash_table_destroy(seen);
}

static void
log_decision(SMFICTX *ctx, struct conn *c, const struct invite *inv,
    const struct verdict *v, const char *action)
{
	const char *qid = smfi_getsymval(ctx, "i");
	GString *s = g_string_new("{\"event\":\"decision\",\"queue_id\":");
	GString *facts = g_string_new(NULL);
	char *h = inv->message_id ? g_compute_checksum_for_string(
	    G_CHECKSUM_SHA256, inv->message_id, -1) : NULL;

	json_str(s, qid ? qid : "");
	g_string_append(s, ",\"msgid_sha256\":");
	json_str(s, h ? h : "");
	g_string_append(s, ",\"sender\":");
	json_str(s, c->sender ? c->sender : "");
	g_string_append_printf(s, ",\"rcpts\":%u,\"rcpt_domains\":[",
	    c->rcpts->len);
	rcpt_domains(s, c->rcpts);
	g_string_append(s, "],\"action\":");
	json_str(s, action);
	g_string_append_printf(s, ",\"dry_run\":%s,\"ms\":%.1f,\"result\":",
	    c->cfg->dry_run ? "true" : "false",
	    (double)(g_get_monotonic_time() - c->start) / 1000.0);
	report_json(facts, qid ? qid : "", inv, v);
	g_string_append(s, facts->str);
	g_string_append_c(s, '}');
	mlt_log(c->cfg, LOG_INFO, s->str);
	g_free(h);
	g_string_free(facts, TRUE);
	g_string_free(s, TRUE);
}

static void
count_outcome(const struct config *cfg, const struct verdict *v,
    const char *outcome)
{
	static const struct { const char *word; enum mlt_stat st; } tab[] = {
		{ "flag", ST_FLAG }, { "reject", ST_REJECT },
		{ "redact", ST_REDACT }, { "notify", ST_NOTIFY },
	};

	if (cfg->dry_run && v->action >= ACT_FLAG) {
		mlt_stat_inc(ST_DRY_RUN);
		return;
	}
	for (size_t i = 0; outcome && i < G_N_ELEMENTS(tab); i++)
		if (strcmp(outcome, tab[i].word) == 0) {
			mlt_stat_inc(tab[i].st);
			return;
		}
	mlt_stat_inc(ST_ACCEPT);
}

static sfsistat
cb_eom(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);
	struct envelope env = { NULL, NULL, 0, 0 };
	struct mlt_msg m = { 0 };
	struct pipeline_in in = { 0 };
	struct pipeline_out po;
	struct mlt_decision d;
	sfsistat rc;

	if (c == NULL || c->cfg == NULL)
		return SMFIS_ACCEPT;
	m.qid = smfi_getsymval(ctx, "i");
	if (c->over_cap) {
		GString *s = g_string_new("{\"event\":\"over_cap\","
		    "\"queue_id\":");

		mlt_decide(c->cfg, &m, NULL, &d);
		rc = mlt_apply(ctx, c->cfg, &m, NULL, &d);
		json_str(s, m.qid ? m.qid : "");
		g_string_append_printf(s, ",\"max_body\":%zu,\"action\":\"%s\"}",
		    c->cfg->max_body, rc == SMFIS_ACCEPT ? "accept" :
		    rc == SMFIS_REJECT ? "reject" : "tempfail");
		mlt_log(c->cfg, LOG_WARNING, s->str);
		g_string_free(s, TRUE);
		mlt_stat_inc(ST_OVER_CAP);
		mlt_decision_clear(&d);
		msg_reset(c);
		return counted(rc);
	}
	/* Our own notice (null sender, signed body): never examined
	 * again, so a notice can never cause another one. */
	if (notice_is_ours(notice_conf_of(c->cfg), c->buf->str, c->buf->len,
	    c->sender)) {
		GString *s = g_string_new("{\"event\":\"notice_passed\","
		    "\"queue_id\":");

		json_str(s, m.qid ? m.qid : "");
		g_string_append_c(s, '}');
		mlt_log(c->cfg, LOG_INFO, s->str);
		g_string_free(s, TRUE);
		mlt_stat_inc(ST_NOTICES_PASSED);
		msg_reset(c);
		return SMFIS_ACCEPT;
	}
	env.sender = c->sender;
	env.rcpts = (const char **)c->rcpts->pdata;
	env.n_rcpts = c->rcpts->len;
	in.buf = m.buf = c->buf->str;
	in.len = m.len = c->buf->len;
	in.kind = PIPE_MESSAGE;
	in.env = m.env = &env;
	m.n_flag_headers = c->n_flag_headers;
	m.subject = c->subject;
	(void)pipeline_run(c->cfg, &in, &po);
	mlt_decide(c->cfg, &m, &po, &d);
	rc = mlt_apply(ctx, c->cfg, &m, &po, &d);
	if (d.kind == DEC_ERROR) {
		GString *s = g_string_new("{\"event\":\"error\",\"queue_id\":");

		mlt_stat_inc(ST_ERRORS);
		json_str(s, m.qid ? m.qid : "");
		g_string_append(s, ",\"error\":\"internal error while "
		    "examining a message\"}");
		mlt_log(c->cfg, LOG_ERR, s->str);
		g_string_free(s, TRUE);
	} else if (d.kind == DEC_LIMIT) {
		/* A [limits] bound was hit: not fully examined. The log
		 * line names the bound ("limit"), the reply explains. */
		mlt_stat_inc(ST_LIMITS);
		log_decision(ctx, c, po.inv, po.v, c->cfg->dry_run ?
		    "none (dry run)" : po.action == ONERR_REJECT ?
		    "reject (limit)" : "tempfail (limit)");
	} else {
		mlt_stat_inc(ST_EXAMINED);
		count_outcome(c->cfg, po.v, d.outcome);
		if (po.inv->is_invitation) {
			mlt_stat_inc(ST_INVITATIONS);
			log_decision(ctx, c, po.inv, po.v, c->cfg->dry_run ?
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
	g_ptr_array_free(c->rcpts, TRUE);
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

	if (!listen_unix)
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
	return listen_unix ? SMFIS_NOREPLY : SMFIS_CONTINUE;
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
	*pf0 = MLT_ACTIONS | (f0 & SMFIF_SETSYMLIST);
	/* f1 holds what the MTA offers plus the no-reply flags libmilter
	 * can fake; ask for no step the MTA cannot skip. */
	*pf1 = (MLT_SKIP | MLT_NO_REPLY |
	    (listen_unix ? SMFIP_NR_MAIL | SMFIP_NR_DATA : 0)) & f1;
	*pf2 = 0;
	*pf3 = 0;
	if (f0 & SMFIF_SETSYMLIST) {
		(void)smfi_setsymlist(ctx, SMFIM_ENVFROM, "{auth_authen}");
		(void)smfi_setsymlist(ctx, SMFIM_EOM, "i");
	}
	return SMFIS_CONTINUE;
}

/* End of message within a parse slot (see "Memory under concurrency"
 * above). */
static sfsistat
gated_eom(SMFICTX *ctx)
{
	sfsistat rc;

	gate_enter(&parse_gate, PARSE_SLOTS * ncpu, 0);
	rc = cb_eom(ctx);
	gate_leave(&parse_gate);
	return rc;
}

/*
 * Process settings for the daemon, after smfi_opensocket():
 * - TCP_NODELAY, the other half of the stall: at end of message
 *   libmilter writes each header change and then the final reply, each
 *   in its own write. With Nagle on, the reply waits until the MTA
 *   acknowledges the change, which its delayed ACK does after 40 ms.
 *   TCP_NODELAY on the listening socket is inherited by every accepted
 *   connection (Linux, BSD). libmilter keeps the listening socket to
 *   itself, so it is found among the open descriptors. Unix sockets
 *   have no Nagle.
 * - malloc: message buffers and parse copies are large and short-lived.
 *   glibc raises its mmap threshold after the first such free and then
 *   keeps them in per-thread arenas, so the peak RSS grew with the number
 *   of threads that ever held a large message, not with what is live.
 *   A fixed threshold gives them back to the system when freed, and one
 *   arena per processor (glibc's default is eight) keeps the freed
 *   smaller pieces where the next connection reuses them. Measured with
 *   100 sessions of 1 MB on a loaded 2-core machine: 118 MB above idle
 *   before, 41-72 MB after.
 */
void
mlt_tune(void)
{
	long max = sysconf(_SC_OPEN_MAX);

	ncpu = g_get_num_processors();

	for (int fd = 0; fd < (max > 0 && max < 4096 ? max : 4096); fd++) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof(ss);
		int on = 0, one = 1;
		socklen_t olen = sizeof(on);

		if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &olen) < 0 ||
		    !on || getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
			continue;
		if (ss.ss_family == AF_UNIX)
			listen_unix = true;
		if (ss.ss_family != AF_INET && ss.ss_family != AF_INET6)
			continue;
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one));
	}
#ifdef M_MMAP_THRESHOLD
	(void)mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
#ifdef M_ARENA_MAX
	(void)mallopt(M_ARENA_MAX, (int)ncpu);
#endif
}

struct smfiDesc mlt_desc = {
	.xxfi_name = "invite-milter",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_CHGBODY,
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
