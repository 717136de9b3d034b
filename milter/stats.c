/*
 * stats.c: the daemon's counters since start (atomic, updated from the
 * callback threads) and one thread that logs them as a JSON line every
 * [log] stats_interval seconds (0 = off), and once more at stop. The
 * interval is read from the current config, so a reload changes it.
 */
#include <stdatomic.h>
#include <syslog.h>
#include <glib.h>

#include "log.h"
#include "milter.h"
#include "stats.h"

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
	[ST_LIMITS] = "limits",
	[ST_ERRORS] = "errors",
	[ST_TEMPFAIL] = "tempfail",
	[ST_ABORTED] = "aborted",
	[ST_RELOADS] = "reloads",
	[ST_RELOAD_FAILURES] = "reload_failures",
	[ST_LOG_ERRORS] = "log_errors",
};

static atomic_ulong counters[ST__N];
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

	g_string_append_printf(out, "{\"event\":\"stats\",\"uptime_s\":%"
	    G_GINT64_FORMAT ",\"inflight\":%ld", up, mlt_inflight());
	for (size_t i = 0; i < ST__N; i++)
		g_string_append_printf(out, ",\"%s\":%lu", names[i],
		    atomic_load_explicit(&counters[i], memory_order_relaxed));
	g_string_append_c(out, '}');
}

static void
emit(void)
{
	struct config *cfg = mlt_config_get();
	GString *s = g_string_new(NULL);

	mlt_stats_json(s);
	mlt_log(cfg, LOG_INFO, s->str);
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
