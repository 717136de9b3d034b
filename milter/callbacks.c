/*
 * callbacks.c: libmilter <-> struct conn / struct msg. Only outgoing mail
 * is examined (authenticated, internal network or internal sender);
 * mail whose headers show it cannot hold a calendar part is accepted at
 * end of headers; otherwise the message is buffered (capped) and run
 * through parse + rules at end of message. Per-connection state only;
 * each message holds one config snapshot from envfrom to eom/abort.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <glib.h>

#include "milter.h"
#include "notice.h"
#include "report.h"
#include "../parse/parse.h"
#include "../rules/domain.h"
#include "../rules/rules.h"

#define MAX_RCPTS	1000

struct conn {
	struct sockaddr_storage	 addr;
	bool			 has_addr;
	/* the message in progress */
	struct config		*cfg;
	GString			*buf;
	char			*sender;
	GPtrArray		*rcpts;
	size_t			 n_flag_headers;
	char			*subject;	/* raw, for subject_tag */
	bool			 maybe_calendar;
	bool			 over_cap;
	gint64			 start;
};

static void
msg_reset(struct conn *c)
{
	conf_unref(c->cfg);
	c->cfg = NULL;
	if (c->buf)
		g_string_truncate(c->buf, 0);
	g_free(c->sender);
	c->sender = NULL;
	if (c->rcpts)
		g_ptr_array_set_size(c->rcpts, 0);
	c->n_flag_headers = 0;
	g_free(c->subject);
	c->subject = NULL;
	c->maybe_calendar = false;
	c->over_cap = false;
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
	c->buf = g_string_sized_new(64 * 1024);
	c->rcpts = g_ptr_array_new_with_free_func(g_free);
	smfi_setpriv(ctx, c);
	return SMFIS_CONTINUE;
}

static char *
strip_brackets(const char *a)
{
	size_t n;

	while (*a == '<' || *a == ' ')
		a++;
	n = strcspn(a, ">");
	return g_ascii_strdown(a, (gssize)n);
}

static sfsistat
cb_envfrom(SMFICTX *ctx, char **argv)
{
	struct conn *c = smfi_getpriv(ctx);
	const char *auth;
	char *d;
	bool out;

	if (c == NULL)
		return SMFIS_TEMPFAIL;
	msg_reset(c);
	c->cfg = mlt_config_get();
	c->sender = strip_brackets(argv && argv[0] ? argv[0] : "");
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
		return SMFIS_ACCEPT;	/* not ours: nothing buffered */
	}
	return SMFIS_CONTINUE;
}

static sfsistat
cb_envrcpt(SMFICTX *ctx, char **argv)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL && argv && argv[0] && c->rcpts->len < MAX_RCPTS)
		g_ptr_array_add(c->rcpts, strip_brackets(argv[0]));
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

	if (c == NULL || c->cfg == NULL)
		return SMFIS_CONTINUE;
	if (!c->maybe_calendar) {
		msg_reset(c);
		return SMFIS_ACCEPT;	/* RFC 2045: no Content-Type = text/plain */
	}
	append(c, "\r\n", 2);
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

static sfsistat
onerr(const struct config *cfg, enum on_error e)
{
	(void)cfg;
	return e == ONERR_ACCEPT ? SMFIS_ACCEPT : e == ONERR_REJECT ?
	    SMFIS_REJECT : SMFIS_TEMPFAIL;
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
	g_string_append_printf(s, ",\"rcpts\":%u,\"action\":", c->rcpts->len);
	json_str(s, action);
	g_string_append_printf(s, ",\"dry_run\":%s,\"ms\":%.1f,\"result\":",
	    c->cfg->dry_run ? "true" : "false",
	    (double)(g_get_monotonic_time() - c->start) / 1000.0);
	report_json(facts, qid ? qid : "", inv, v);
	g_string_append(s, facts->str);
	g_string_append_c(s, '}');
	if (c->cfg->log_syslog)
		syslog(LOG_INFO, "%s", s->str);
	if (c->cfg->log_file) {
		FILE *fp = fopen(c->cfg->log_file, "a");

		if (fp) {
			fprintf(fp, "%s\n", s->str);
			fclose(fp);
		}
	}
	g_free(h);
	g_string_free(facts, TRUE);
	g_string_free(s, TRUE);
}

static sfsistat
cb_eom(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);
	struct envelope env = { NULL, NULL, 0, 0 };
	struct invite *inv;
	struct verdict *v;
	sfsistat rc;

	if (c == NULL || c->cfg == NULL)
		return SMFIS_ACCEPT;
	if (c->over_cap) {
		rc = onerr(c->cfg, c->cfg->over_cap);
		syslog(LOG_WARNING, "{\"event\":\"over_cap\",\"queue_id\":\"%s\","
		    "\"max_body\":%zu}", smfi_getsymval(ctx, "i") ?
		    smfi_getsymval(ctx, "i") : "", c->cfg->max_body);
		msg_reset(c);
		return rc;
	}
	/* Our own notice (null sender, signed body): never examined
	 * again, so a notice can never cause another one. */
	if (notice_is_ours(notice_conf_of(c->cfg), c->buf->str, c->buf->len,
	    c->sender)) {
		const char *qid = smfi_getsymval(ctx, "i");
		GString *s = g_string_new("{\"event\":\"notice_passed\","
		    "\"queue_id\":");

		json_str(s, qid ? qid : "");
		g_string_append_c(s, '}');
		if (c->cfg->log_syslog)
			syslog(LOG_INFO, "%s", s->str);
		if (c->cfg->log_file) {
			FILE *fp = fopen(c->cfg->log_file, "a");

			if (fp) {
				fprintf(fp, "%s\n", s->str);
				fclose(fp);
			}
		}
		g_string_free(s, TRUE);
		msg_reset(c);
		return SMFIS_ACCEPT;
	}
	inv = parse_message(c->buf->str, c->buf->len, &c->cfg->limits);
	v = verdict_new();
	env.sender = c->sender;
	env.rcpts = (const char **)c->rcpts->pdata;
	env.n_rcpts = c->rcpts->len;
	if (inv == NULL || rules_eval(c->cfg, inv, &env, v) < 0) {
		rc = onerr(c->cfg, c->cfg->on_error);
		syslog(LOG_ERR, "internal error while examining a message");
	} else if (v->limit[0] != '\0' && c->cfg->on_limit != ONERR_ACCEPT) {
		/* A [limits] bound was hit: not fully examined. The log
		 * line names the bound ("limit"). */
		rc = c->cfg->dry_run ? SMFIS_ACCEPT : onerr(c->cfg,
		    c->cfg->on_limit);
		log_decision(ctx, c, inv, v, c->cfg->dry_run ?
		    "none (dry run)" : c->cfg->on_limit == ONERR_REJECT ?
		    "reject (limit)" : "tempfail (limit)");
	} else {
		struct mlt_msg m = { c->buf->str, c->buf->len, inv, &env,
		    smfi_getsymval(ctx, "i"), NULL };

		rc = mlt_apply(ctx, c->cfg, v, c->n_flag_headers, c->subject,
		    &m);
		if (inv->is_invitation)
			log_decision(ctx, c, inv, v, c->cfg->dry_run ?
			    "none (dry run)" : m.outcome ? m.outcome :
			    verdict_word(v->action));
	}
	invite_free(inv);
	verdict_free(v);
	msg_reset(c);
	return rc;
}

static sfsistat
cb_abort(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL)
		msg_reset(c);
	return SMFIS_CONTINUE;
}

static sfsistat
cb_close(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c == NULL)
		return SMFIS_CONTINUE;
	msg_reset(c);
	g_string_free(c->buf, TRUE);
	g_ptr_array_free(c->rcpts, TRUE);
	g_free(c);
	smfi_setpriv(ctx, NULL);
	return SMFIS_CONTINUE;
}

struct smfiDesc mlt_desc = {
	.xxfi_name = "invite-milter",
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_CHGBODY,
	.xxfi_connect = cb_connect,
	.xxfi_envfrom = cb_envfrom,
	.xxfi_envrcpt = cb_envrcpt,
	.xxfi_header = cb_header,
	.xxfi_eoh = cb_eoh,
	.xxfi_body = cb_body,
	.xxfi_eom = cb_eom,
	.xxfi_abort = cb_abort,
	.xxfi_close = cb_close,
};
