/*
 * stats.c: the daemon's counters since start (atomic, updated from the
 * callback threads) and one thread that logs them as a JSON line every
 * [log] stats_interval seconds (0 = off), and once more at stop. The
 * interval is read from the current config, so a reload changes it.
 * The same counters, with the findings per rule and action, go into
 * [log] metrics_file in Prometheus text format at each interval and at
 * stop (issue 19), for node_exporter's textfile collector: written to a
 * temporary file in the same directory and renamed over it, so a reader
 * never sees half a file.
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdatomic.h>
#include <syslog.h>
#include <glib.h>

#include "budget.h"
#include "log.h"
#include "milter.h"
#include "stats.h"
#include "../pipeline/report.h"
#include "../rules/rules.h"

static const char *const names[ST__N] = {
	[ST_CONNECTIONS] = "connections",
	[ST_MESSAGES] = "messages",
	[ST_ACCEPTED_AT_MAIL] = "accepted_at_mail",
	[ST_ACCEPTED_AT_EOH] = "accepted_at_eoh",
	[ST_ACCEPTED_INBOUND] = "accepted_inbound",
	[ST_EXAMINED] = "examined",
	[ST_INVITATIONS] = "invitations",
	[ST_ACCEPT] = "accept",
	[ST_FLAG] = "flag",
	[ST_REJECT] = "reject",
	[ST_REDACT] = "redact",
	[ST_NOTIFY] = "notify",
	[ST_HOLD] = "hold",
	[ST_SPLIT] = "split",
	[ST_DRY_RUN] = "dry_run",
	[ST_NOTICES_PASSED] = "notices_passed",
	[ST_OVER_CAP] = "over_cap",
	[ST_OVER_MEMORY] = "over_memory",
	[ST_LIMITS] = "limits",
	[ST_ERRORS] = "errors",
	[ST_TEMPFAIL] = "tempfail",
	[ST_ABORTED] = "aborted",
	[ST_RELOADS] = "reloads",
	[ST_RELOAD_FAILURES] = "reload_failures",
	[ST_NOTICES_SENT] = "notices_sent",
	[ST_NOTICES_FAILED] = "notices_failed",
	[ST_LOG_ERRORS] = "log_errors",
};

/* Prometheus HELP of each counter. */
static const char *const help[ST__N] = {
	[ST_CONNECTIONS] = "MTA connections opened",
	[ST_MESSAGES] = "messages begun (MAIL FROM)",
	[ST_ACCEPTED_AT_MAIL] = "messages not outgoing, accepted at MAIL FROM",
	[ST_ACCEPTED_AT_EOH] = "messages that cannot hold a calendar, "
	    "accepted at end of headers",
	[ST_ACCEPTED_INBOUND] = "inbound messages from an internal network "
	    "(re-injected), accepted at end of headers",
	[ST_EXAMINED] = "messages parsed and checked",
	[ST_INVITATIONS] = "examined messages that are meeting invitations",
	[ST_ACCEPT] = "examined messages accepted",
	[ST_FLAG] = "examined messages flagged",
	[ST_REJECT] = "examined messages rejected",
	[ST_REDACT] = "examined messages redacted",
	[ST_NOTIFY] = "examined messages delivered with a notice (mode notify)",
	[ST_HOLD] = "examined messages put into the MTA's hold queue",
	[ST_SPLIT] = "series delivered to their internal recipients only",
	[ST_DRY_RUN] = "messages that would have been flagged or rejected "
	    "(dry run)",
	[ST_NOTICES_PASSED] = "own notices let through",
	[ST_OVER_CAP] = "messages over [milter] max_body",
	[ST_OVER_MEMORY] = "messages tempfailed because [milter] "
	    "memory_limit was taken by others",
	[ST_LIMITS] = "messages that hit a [limits] bound",
	[ST_ERRORS] = "internal errors ([general] on_error)",
	[ST_TEMPFAIL] = "4xx replies asked of the MTA",
	[ST_ABORTED] = "transactions the MTA aborted",
	[ST_RELOADS] = "configuration reloads that succeeded",
	[ST_RELOAD_FAILURES] = "configuration reloads rejected (old one kept)",
	[ST_NOTICES_SENT] = "notices handed to the MTA",
	[ST_NOTICES_FAILED] = "notices the MTA did not take",
	[ST_LOG_ERRORS] = "log lines the [log] file did not take",
};

static atomic_ulong counters[ST__N];
/* Findings per rule (rules_all() order) and action (ACT_OFF..REJECT). */
#define MAX_RULES	64
#define N_ACT		(ACT_REJECT + 1)
static atomic_ulong findings[MAX_RULES][N_ACT];
static atomic_long inflight;
static gint64 started;			/* monotonic, set by mlt_stats_start */

/* The periodic thread and how to wake it. */
static GMutex	 lock;
static GCond	 cond;
static bool	 stop, kicked;
static GThread	*thread;

void
mlt_stat_inc(enum mlt_stat s)
{
	if (s < ST__N)
		atomic_fetch_add_explicit(&counters[s], 1, memory_order_relaxed);
}

void
mlt_inflight_add(int delta)
{
	atomic_fetch_add(&inflight, delta);
}

long
mlt_inflight(void)
{
	return atomic_load(&inflight);
}

void
mlt_stats_json(GString *out)
{
	gint64 up = started ? (g_get_monotonic_time() - started) /
	    G_USEC_PER_SEC : 0;
	size_t nr;
	const struct rule_def *defs = rules_all(&nr);
	bool first = true;

	g_string_append_printf(out, "{\"event\":\"stats\",\"uptime_s\":%"
	    G_GINT64_FORMAT ",\"inflight\":%ld,\"memory_bytes\":%zu,"
	    "\"memory_peak_bytes\":%zu", up, mlt_inflight(),
	    mlt_budget_used(), mlt_budget_peak());
	for (size_t i = 0; i < ST__N; i++)
		g_string_append_printf(out, ",\"%s\":%lu", names[i],
		    atomic_load_explicit(&counters[i], memory_order_relaxed));
	/* per rule and action, those that happened */
	g_string_append(out, ",\"findings\":{");
	for (size_t r = 0; r < nr && r < MAX_RULES; r++)
		for (int a = ACT_LOG; a < N_ACT; a++) {
			unsigned long n = atomic_load_explicit(&findings[r][a],
			    memory_order_relaxed);

			if (n == 0)
				continue;
			g_string_append_printf(out, "%s\"%s.%s\":%lu", first ?
			    "" : ",", defs[r].id, action_name((enum action)a), n);
			first = false;
		}
	g_string_append(out, "}}");
}

void
mlt_stats_prometheus(GString *out)
{
	gint64 up = started ? (g_get_monotonic_time() - started) /
	    G_USEC_PER_SEC : 0;
	size_t nr;
	const struct rule_def *defs = rules_all(&nr);

	g_string_append_printf(out, "# HELP invite_milter_uptime_seconds "
	    "Seconds since the daemon started; every counter here counts "
	    "since then (they restart at 0 with the daemon).\n"
	    "# TYPE invite_milter_uptime_seconds gauge\n"
	    "invite_milter_uptime_seconds %" G_GINT64_FORMAT "\n"
	    "# HELP invite_milter_inflight Messages between MAIL FROM and "
	    "their end.\n# TYPE invite_milter_inflight gauge\n"
	    "invite_milter_inflight %ld\n"
	    "# HELP invite_milter_memory_bytes Bytes of messages held now "
	    "([milter] memory_limit).\n"
	    "# TYPE invite_milter_memory_bytes gauge\n"
	    "invite_milter_memory_bytes %zu\n"
	    "# HELP invite_milter_memory_peak_bytes The most bytes of "
	    "messages held at once since start.\n"
	    "# TYPE invite_milter_memory_peak_bytes gauge\n"
	    "invite_milter_memory_peak_bytes %zu\n", up, mlt_inflight(),
	    mlt_budget_used(), mlt_budget_peak());
	for (size_t i = 0; i < ST__N; i++)
		g_string_append_printf(out, "# HELP invite_milter_%s_total "
		    "Since start: %s.\n# TYPE invite_milter_%s_total counter\n"
		    "invite_milter_%s_total %lu\n", names[i], help[i], names[i],
		    names[i], atomic_load_explicit(&counters[i],
		    memory_order_relaxed));
	g_string_append(out, "# HELP invite_milter_findings_total Since "
	    "start: findings in examined messages, by rule and the action "
	    "configured for it.\n"
	    "# TYPE invite_milter_findings_total counter\n");
	for (size_t r = 0; r < nr && r < MAX_RULES; r++)
		for (int a = ACT_LOG; a < N_ACT; a++)
			g_string_append_printf(out, "invite_milter_findings_total"
			    "{rule=\"%s\",action=\"%s\"} %lu\n", defs[r].id,
			    action_name((enum action)a),
			    atomic_load_explicit(&findings[r][a],
			    memory_order_relaxed));
}

/* Writes the metrics file atomically: a temporary file beside it, then
 * rename. 0, or -1 with errno's text in why. */
static int
write_metrics(const char *path, char *why, size_t whylen)
{
	GString *s = g_string_new(NULL);
	char *tmp = g_strdup_printf("%s.XXXXXX", path);
	int fd, rc = -1;
	size_t off = 0;

	mlt_stats_prometheus(s);
	if ((fd = mkstemp(tmp)) < 0) {
		snprintf(why, whylen, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	(void)fchmod(fd, 0644);	/* for the collector, another user */
	while (off < s->len) {
		ssize_t n = write(fd, s->str + off, s->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (off < s->len || close(fd) < 0) {
		snprintf(why, whylen, "%s: %s", tmp, strerror(errno));
		if (off < s->len)
			close(fd);
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, path) < 0) {
		snprintf(why, whylen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	g_free(tmp);
	g_string_free(s, TRUE);
	return rc;
}

static void
emit(void)
{
	struct config *cfg = mlt_config_get();
	GString *s = g_string_new(NULL);
	char why[512];

	mlt_stats_json(s);
	mlt_log(cfg, LOG_INFO, s->str);
	g_string_truncate(s, 0);
	if (cfg->metrics_file != NULL &&
	    write_metrics(cfg->metrics_file, why, sizeof(why)) < 0) {
		g_string_append(s, "{\"event\":\"metrics_error\",\"error\":");
		json_str(s, why);
		g_string_append_c(s, '}');
		mlt_log(cfg, LOG_WARNING, s->str);
	}
	g_string_free(s, TRUE);
	conf_unref(cfg);
}

static unsigned
interval_s(void)
{
	struct config *cfg = mlt_config_get();
	unsigned iv = cfg->stats_interval_s;

	conf_unref(cfg);
	return iv;
}

static gpointer
stats_thread(gpointer arg)
{
	gint64 last = g_get_monotonic_time();

	(void)arg;
	g_mutex_lock(&lock);
	while (!stop) {
		unsigned iv = interval_s();
		gint64 due = last + (gint64)iv * G_USEC_PER_SEC;

		kicked = false;
		if (iv == 0) {
			while (!stop && !kicked)
				g_cond_wait(&cond, &lock);
			last = g_get_monotonic_time();
			continue;
		}
		if (g_get_monotonic_time() >= due) {
			g_mutex_unlock(&lock);
			emit();
			g_mutex_lock(&lock);
			last = g_get_monotonic_time();
			continue;
		}
		while (!stop && !kicked && g_cond_wait_until(&cond, &lock, due))
			;
	}
	g_mutex_unlock(&lock);
	return NULL;
}

void
mlt_stats_start(void)
{
	started = g_get_monotonic_time();
	thread = g_thread_new("stats", stats_thread, NULL);
}

void
mlt_stats_kick(void)
{
	g_mutex_lock(&lock);
	kicked = true;
	g_cond_signal(&cond);
	g_mutex_unlock(&lock);
}

void
mlt_stats_stop(void)
{
	if (thread == NULL)
		return;
	g_mutex_lock(&lock);
	stop = true;
	g_cond_signal(&cond);
	g_mutex_unlock(&lock);
	g_thread_join(thread);
	thread = NULL;
	emit();
}

void
mlt_stat_outcome(bool dry_run, const struct verdict *v, const char *outcome)
{
	static const struct { const char *word; enum mlt_stat st; } tab[] = {
		{ "flag", ST_FLAG }, { "reject", ST_REJECT },
		{ "redact", ST_REDACT }, { "notify", ST_NOTIFY },
		{ "hold", ST_HOLD }, { "split", ST_SPLIT },
	};

	if (v != NULL) {
		size_t nr;
		const struct rule_def *defs = rules_all(&nr);

		for (size_t i = 0; i < v->n; i++) {
			const struct rule_def *d = rules_find(v->f[i].rule);
			size_t r = d ? (size_t)(d - defs) : MAX_RULES;

			if (r < MAX_RULES && r < nr &&
			    (unsigned)v->f[i].action < N_ACT)
				atomic_fetch_add_explicit(&findings[r]
				    [v->f[i].action], 1, memory_order_relaxed);
		}
	}
	if (dry_run && v->action >= ACT_FLAG) {
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
