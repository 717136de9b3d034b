/*
 * log.c: the daemon's JSON event lines, to syslog and to the [log] file.
 * Logging never stops mail: a file that cannot be written (disk full,
 * directory removed, permissions) drops the line and the failure is
 * reported, rate-limited, to stderr and syslog. It does not mask
 * anything itself: callers pass lines built from masked data only; the
 * decision and notice lines apply the [log] privacy levels here (who
 * sent it: address, keyed hash, unit or nothing; evidence: masked or
 * the category only).
 */
#include <sys/stat.h>
#include <sys/uio.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <glib.h>

#include "log.h"
#include "../pipeline/report.h"
#include "../rules/domain.h"
#include "../rules/recur.h"
#include "stats.h"

#define REPORT_EVERY_S	60	/* a failing file is reported at most this often */

/* The state of the [log] file, shared by all callback threads. */
static GMutex	 fail_lock;
static bool	 failing;
static gint64	 last_report;		/* monotonic, microseconds */
static unsigned long dropped;		/* lines lost since the last report */

/*
 * The [log] file stays open between lines: opening and closing it for
 * each one cost two system calls (and a path lookup) per message, on
 * the MTA's critical path at end of message. It is opened again
 *  - when the path changes (a reload) or a write failed,
 *  - when it was removed (the open file has no name left; looked at
 *    before every line, so no line goes to a removed file),
 *  - when the path names another file (renamed by logrotate and
 *    created again): looked at at most once a second and at every
 *    reload, so the lines of that second go to the renamed file, where
 *    they stay (logrotate's delaycompress keeps it uncompressed until
 *    the next rotation, as Debian's own configurations do).
 * All under one lock: the lines of concurrent threads never interleave.
 */
#define RENAME_CHECK_US	G_USEC_PER_SEC
static GMutex	 file_lock;
static int	 file_fd = -1;
static char	*file_path;		/* what file_fd was opened as */
static gint64	 file_checked;		/* monotonic, microseconds */

void
mlt_log_open(const struct config *cfg)
{
	static const struct { const char *name; int fac; } tab[] = {
		{ "mail", LOG_MAIL }, { "daemon", LOG_DAEMON },
		{ "user", LOG_USER }, { "local0", LOG_LOCAL0 },
		{ "local1", LOG_LOCAL1 }, { "local2", LOG_LOCAL2 },
		{ "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 },
		{ "local5", LOG_LOCAL5 }, { "local6", LOG_LOCAL6 },
		{ "local7", LOG_LOCAL7 },
	};
	int fac = LOG_MAIL;

	for (size_t i = 0; cfg && cfg->syslog_facility &&
	    i < G_N_ELEMENTS(tab); i++)
		if (strcmp(cfg->syslog_facility, tab[i].name) == 0)
			fac = tab[i].fac;
	openlog("invite-milter", LOG_PID | LOG_NDELAY, fac);
}

static void
file_close(void)
{
	if (file_fd >= 0)
		(void)close(file_fd);
	file_fd = -1;
	g_free(file_path);
	file_path = NULL;
}

/* Whether the open file is still the one path names (see above). */
static bool
file_current(const char *path)
{
	struct stat fst, pst;
	gint64 now;

	if (file_fd < 0 || strcmp(path, file_path) != 0 ||
	    fstat(file_fd, &fst) < 0 || fst.st_nlink == 0)
		return false;
	now = g_get_monotonic_time();
	if (now - file_checked < RENAME_CHECK_US)
		return true;
	file_checked = now;
	return stat(path, &pst) == 0 && pst.st_dev == fst.st_dev &&
	    pst.st_ino == fst.st_ino;
}

/* Appends one line with a single write (O_APPEND). 0 or an errno
 * value. */
static int
append_line(const char *path, const char *line, size_t len)
{
	struct iovec iov[2] = {
		{ (void *)(uintptr_t)line, len }, { "\n", 1 },
	};
	struct stat st;
	off_t before;
	ssize_t n;
	int err = 0;

	g_mutex_lock(&file_lock);
	if (!file_current(path)) {
		file_close();
		file_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
		    O_NOCTTY, 0640);
		if (file_fd < 0) {
			err = errno;
			g_mutex_unlock(&file_lock);
			return err;
		}
		file_path = g_strdup(path);
		file_checked = g_get_monotonic_time();
	}
	/* A line is written whole or not at all (the man page promises
	 * whole lines): on a short write (the disk filled up, or
	 * RLIMIT_FSIZE) the file is cut back to its size before it, so no
	 * partial JSON stays for the next line to be glued to (issue 17).
	 * The size is taken under file_lock: this process is the file's
	 * only writer. If the cut fails too, a line end closes the
	 * fragment so the next line still starts on a line of its own. */
	before = fstat(file_fd, &st) == 0 ? st.st_size : -1;
	n = writev(file_fd, iov, 2);
	if (n < 0)
		err = errno;
	else if ((size_t)n != len + 1) {
		err = ENOSPC;		/* a short write: the disk filled up */
		if (n > 0 && (before < 0 || ftruncate(file_fd, before) != 0))
			(void)!write(file_fd, "\n", 1);
	}
	if (err != 0)
		file_close();		/* opened again for the next line */
	g_mutex_unlock(&file_lock);
	return err;
}

void
mlt_log_reopen(void)
{
	g_mutex_lock(&file_lock);
	file_checked = 0;		/* look at the path with the next line */
	g_mutex_unlock(&file_lock);
}

/* Reports the first failure at once, then at most every REPORT_EVERY_S
 * with the number of lines dropped, and the recovery once. */
static void
file_result(const char *path, int err)
{
	gint64 now = g_get_monotonic_time();
	GString *msg = g_string_new(NULL);
	bool say = false;

	g_mutex_lock(&fail_lock);
	if (err != 0) {
		mlt_stat_inc(ST_LOG_ERRORS);
		dropped++;
		if (!failing || now - last_report >= REPORT_EVERY_S * G_USEC_PER_SEC) {
			g_string_append(msg, "{\"event\":\"log_error\",\"file\":");
			json_str(msg, path);
			g_string_append(msg, ",\"error\":");
			json_str(msg, g_strerror(err));
			g_string_append_printf(msg, ",\"dropped\":%lu}", dropped);
			failing = true;
			last_report = now;
			dropped = 0;
			say = true;
		}
	} else if (failing) {
		g_string_append(msg, "{\"event\":\"log_ok\",\"file\":");
		json_str(msg, path);
		g_string_append_printf(msg, ",\"dropped\":%lu}", dropped);
		failing = false;
		dropped = 0;
		say = true;
	}
	g_mutex_unlock(&fail_lock);
	if (say) {
		fprintf(stderr, "invite-milter: %s\n", msg->str);
		syslog(err ? LOG_ERR : LOG_NOTICE, "%s", msg->str);
	}
	g_string_free(msg, TRUE);
}

void
mlt_log(const struct config *cfg, int prio, const char *json)
{
	GString *s = g_string_sized_new(strlen(json) + 40);
	struct timespec ts;
	struct tm tm;
	char t[32];

	/* The time first, so a file line stands on its own. */
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(t, sizeof(t), "%Y-%m-%dT%H:%M:%S", &tm);
	g_string_append_printf(s, "{\"time\":\"%s.%03ldZ\"", t,
	    ts.tv_nsec / 1000000);
	if (json[0] == '{' && json[1] != '}' && json[1] != '\0')
		g_string_append_c(s, ',');
	g_string_append(s, json[0] == '{' ? json + 1 : json);
	if (cfg == NULL || cfg->log_syslog)
		syslog(prio, "%s", s->str);
	if (cfg != NULL && cfg->log_file != NULL)
		file_result(cfg->log_file, append_line(cfg->log_file, s->str,
		    s->len));
	g_string_free(s, TRUE);
}

void
mlt_logf(const struct config *cfg, int prio, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	mlt_log(cfg, prio, s);
	g_free(s);
}

void
mlt_log_event(const struct config *cfg, int prio, const char *event,
    const char *qid, const char *more)
{
	GString *s = g_string_new("{\"event\":");

	json_str(s, event);
	g_string_append(s, ",\"queue_id\":");
	json_str(s, qid ? qid : "");
	if (more != NULL)
		g_string_append(s, more);
	g_string_append_c(s, '}');
	mlt_log(cfg, prio, s->str);
	g_string_free(s, TRUE);
}

/* The distinct recipient domains (canonical, numbers masked as in a
 * finding's detail: domain_shown) as JSON strings separated by commas:
 * the external ones (outside in) first, then the internal, each in the
 * order first seen, at most MLT_LOG_DOMAINS. Returns how many kept
 * domains were left out. */
static size_t
rcpt_domains(GString *s, const struct rcpt_sum *rs, char *const *in,
    size_t n_in)
{
	size_t n = rcpt_sum_n_domains(rs), listed = 0;

	for (int internal = 0; internal < 2; internal++)
		for (size_t i = 0; i < n && listed < MLT_LOG_DOMAINS; i++) {
			const char *d = rcpt_sum_domain(rs, i, NULL);
			char *shown;

			if (domain_is_internal(d, in, n_in) != (internal == 1))
				continue;
			shown = domain_shown(d);
			if (listed++ > 0)
				g_string_append_c(s, ',');
			json_str(s, shown);
			g_free(shown);
		}
	return n - listed;
}

/* The sender's level once the default is resolved: with units
 * configured the unit stands for the sender, else the address (what
 * the line said before the levels existed). */
static enum log_sender
sender_level(const struct config *cfg)
{
	if (cfg->log_sender != LOG_SENDER_AUTO)
		return cfg->log_sender;
	return cfg->n_units > 0 ? LOG_SENDER_UNIT : LOG_SENDER_ADDRESS;
}

char *
mlt_log_sender_hash(const struct config *cfg, const char *addr)
{
	char *low, *h;

	if (cfg->log_hash_key == NULL || addr == NULL)
		return NULL;
	low = g_ascii_strdown(addr, -1);
	h = g_compute_hmac_for_data(G_CHECKSUM_SHA256, cfg->log_hash_key,
	    cfg->log_hash_key_len, (const guchar *)low, strlen(low));
	g_free(low);
	h[MLT_SENDER_HASH_HEX] = '\0';
	return h;
}

/* ,"NAME":"..." (the keyed hash of addr) when a key is loaded. */
static void
keyed_hash(GString *s, const char *name, const struct config *cfg,
    const char *addr)
{
	char *h = mlt_log_sender_hash(cfg, addr ? addr : "");

	if (h == NULL)
		return;
	g_string_append_printf(s, ",\"%s\":", name);
	json_str(s, h);
	g_free(h);
}

void
mlt_log_notice_rcpt(GString *s, const struct config *cfg, const char *rcpt)
{
	char *h;

	switch (sender_level(cfg)) {
	case LOG_SENDER_ADDRESS:
		/* a short plain hash tells notices to one sender apart */
		h = g_compute_checksum_for_string(G_CHECKSUM_SHA256, rcpt, -1);
		g_string_append_printf(s, ",\"rcpt_sha256\":\"%.16s\"", h);
		g_free(h);
		break;
	case LOG_SENDER_HASHED:
		/* a notice to a sender: the sender_hash of its decision */
		keyed_hash(s, "rcpt_hash", cfg, rcpt);
		break;
	default:
		break;
	}
}

/* The verdict as the log may show it: at evidence = category, the
 * findings without their evidence, detail and span (NULL: v as is). */
static struct verdict *
category_only(const struct config *cfg, const struct verdict *v)
{
	struct verdict *c;

	if (cfg->log_evidence != LOG_EVIDENCE_CATEGORY)
		return NULL;
	c = verdict_new();
	for (size_t i = 0; i < v->n; i++) {
		struct finding f = v->f[i];

		f.evidence[0] = '\0';
		f.detail[0] = '\0';
		f.start = f.end = 0;
		verdict_add(c, &f);
	}
	c->action = v->action;
	memcpy(c->note, v->note, sizeof(c->note));
	c->scoped_out = v->scoped_out;
	memcpy(c->limit, v->limit, sizeof(c->limit));
	return c;
}

/* report_json writes every finding's evidence and span; at category
 * they are empty and taken out of the line altogether. */
static void
drop_empty_evidence(GString *facts)
{
	static const char gone[] = ",\"evidence\":\"\",\"span\":[0,0]";
	char *p;

	while ((p = strstr(facts->str, gone)) != NULL)
		g_string_erase(facts, p - facts->str, sizeof(gone) - 1);
}

void
mlt_log_decision(const struct config *cfg, const char *qid,
    const char *sender, const struct rcpt_sum *rcpts,
    const struct invite *inv,
    const struct verdict *v, const struct mlt_logged *lg)
{
	GString *s = g_string_new(",\"ts\":");
	GString *facts = g_string_new(NULL);
	char *h = inv->message_id ? g_compute_checksum_for_string(
	    G_CHECKSUM_SHA256, inv->message_id, -1) : NULL;
	GDateTime *now = g_date_time_new_now_utc();
	char *ts = g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
	/* a meeting set up or changed: a method that does, or none in a
	 * calendar (a TNEF part has no calendar) */
	bool request = inv->is_invitation && (inv->method != NULL ?
	    recur_method_is_request(inv->method) : inv->n_cals > 0);
	struct verdict *cat = category_only(cfg, v);
	const struct rules_conf *rc = lg->rules ? lg->rules : &cfg->rules;
	char *const *in = rc->internal_domains;
	size_t n_in = rc->n_internal_domains, n_int, n_ext, more;
	char *own = NULL;
	enum log_sender level;

	json_str(s, ts);
	g_string_append(s, ",\"msgid_sha256\":");
	json_str(s, h ? h : "");
	/* who sent it, as far as [log] sender allows */
	level = sender_level(cfg);
	if (lg->unit != NULL && level != LOG_SENDER_NONE) {
		g_string_append(s, ",\"unit\":");
		json_str(s, lg->unit);
	}
	if (level == LOG_SENDER_ADDRESS) {
		g_string_append(s, ",\"sender\":");
		json_str(s, sender ? sender : "");
	} else if (level == LOG_SENDER_HASHED)
		keyed_hash(s, "sender_hash", cfg, sender);
	/* every recipient, also those only counted (rcpt.h); internal as
	 * the rules take it: the sender's domain when none is configured */
	if (n_in == 0 && (own = domain_of_addr(sender)) != NULL) {
		in = &own;
		n_in = 1;
	}
	rcpt_sum_count(rcpts, in, n_in, &n_int, &n_ext);
	g_string_append_printf(s, ",\"rcpts\":%zu,\"rcpt_domains\":[",
	    rcpt_sum_total(rcpts));
	more = rcpt_domains(s, rcpts, in, n_in);
	g_free(own);
	/* domains counted but not kept: at least one more if any came */
	more += rcpt_sum_over_external(rcpts) + rcpt_sum_over_internal(
	    rcpts) > 0 ? 1 : 0;
	g_string_append_printf(s, "],\"rcpts_external\":%zu,"
	    "\"rcpt_domains_more\":%zu,", n_ext, more);
	if (lg->split_skipped)
		g_string_append_printf(s, "\"split_skipped\":\"more than %d "
		    "recipients\",", RCPT_KEEP_ADDRS);
	g_string_append(s, "\"action\":");
	json_str(s, lg->action);
	g_string_append(s, ",\"outcome\":");
	json_str(s, lg->outcome);
	g_string_append_printf(s, ",\"request\":%s,\"method\":",
	    request ? "true" : "false");
	if (inv->method != NULL) {
		char *up = g_ascii_strup(inv->method, -1);

		json_str(s, up);
		g_free(up);
	} else
		g_string_append(s, "null");
	g_string_append_printf(s, ",\"dry_run\":%s,\"ms\":%.1f",
	    lg->dry_run ? "true" : "false", lg->ms);
	/* over max_body: examined all the same, attachments unread */
	if (lg->streamed > 0)
		g_string_append_printf(s, ",\"streamed\":%zu,\"over_cap\":%s",
		    lg->streamed, lg->over_cap ? "true" : "false");
	g_string_append(s, ",\"result\":");
	report_json(facts, qid ? qid : "", inv, cat ? cat : v);
	if (cat != NULL)
		drop_empty_evidence(facts);
	g_string_append(s, facts->str);
	mlt_log_event(cfg, LOG_INFO, "decision", qid, s->str);
	g_date_time_unref(now);
	g_free(ts);
	g_free(h);
	if (cat != NULL)
		verdict_free(cat);
	g_string_free(facts, TRUE);
	g_string_free(s, TRUE);
}
