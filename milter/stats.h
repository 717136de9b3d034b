/*
 * stats.h: process-wide counters of the daemon (atomic, since start)
 * and the thread that writes them as one JSON line every
 * [log] stats_interval seconds, and into [log] metrics_file.
 */
#ifndef MLT_STATS_H
#define MLT_STATS_H

#include <stdbool.h>
#include <glib.h>
#include "../rules/verdict.h"

enum mlt_stat {
	ST_CONNECTIONS,		/* MTA connections opened */
	ST_MESSAGES,		/* MAIL FROM seen */
	ST_ACCEPTED_AT_MAIL,	/* not outgoing: accepted at MAIL FROM */
	ST_ACCEPTED_AT_EOH,	/* cannot hold a calendar: at end of headers */
	ST_ACCEPTED_INBOUND,	/* internal network, outside sender, internal
				 * recipients only: at end of headers */
	ST_EXAMINED,		/* parsed and checked at end of message */
	ST_INVITATIONS,		/* of those, meeting invitations */
	ST_ACCEPT,		/* outcome of examined messages ... */
	ST_FLAG,
	ST_REJECT,
	ST_REDACT,
	ST_NOTIFY,
	ST_HOLD,		/* into the MTA's hold queue */
	ST_SPLIT,		/* series: external recipients removed */
	ST_DRY_RUN,		/* would have been flagged or rejected */
	ST_NOTICES_PASSED,	/* our own notices let through */
	ST_OVER_CAP,		/* body over [milter] max_body */
	ST_OVER_MEMORY,		/* tempfailed: [milter] memory_limit */
	ST_LIMITS,		/* a [limits] bound hit: not fully examined */
	ST_ERRORS,		/* internal errors ([general] on_error) */
	ST_TEMPFAIL,		/* any 4xx we asked the MTA to give */
	ST_ABORTED,		/* transactions the MTA aborted */
	ST_RELOADS,
	ST_RELOAD_FAILURES,
	ST_NOTICES_SENT,	/* notices and reviewer notices handed over */
	ST_NOTICES_FAILED,	/* ... that the MTA did not take */
	ST_LOG_ERRORS,		/* lines the [log] file did not take */
	ST__N
};

void	mlt_stat_inc(enum mlt_stat);
/* Counts an examined message's outcome (decision.h: accept, flag,
 * reject, redact, notify; dry run when it would have acted). */
void	mlt_stat_outcome(bool dry_run, const struct verdict *,
	    const char *outcome);
/* Messages between MAIL FROM and their end (the stop waits for 0). */
void	mlt_inflight_add(int delta);
long	mlt_inflight(void);
/* {"event":"stats","uptime_s":...,"inflight":...,<each counter>,
 * "findings":{"rule.action":n,...}} */
void	mlt_stats_json(GString *out);
/* The same counters in Prometheus text format (node_exporter's textfile
 * collector). */
void	mlt_stats_prometheus(GString *out);
/* Starts the periodic line; mlt_stats_kick() after a reload re-reads
 * the interval; mlt_stats_stop() ends the thread and writes a last
 * line. */
void	mlt_stats_start(void);
void	mlt_stats_kick(void);
void	mlt_stats_stop(void);

#endif
