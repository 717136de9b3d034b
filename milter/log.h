/*
 * log.h: the daemon's JSON event lines (decisions, start, reload, stop,
 * counters) to syslog and to the [log] file. Callers pass lines that
 * hold masked data only; this module adds the time and never fails.
 */
#ifndef MLT_LOG_H
#define MLT_LOG_H

#include <glib.h>
#include "../conf/conf.h"
#include "../parse/invite.h"
#include "../rules/verdict.h"

/* (Re)opens syslog with the [log] syslog_facility of cfg. */
void	mlt_log_open(const struct config *);
/* The [log] file is looked at again with the next line: opened anew
 * if its path names another file (SIGHUP, after logrotate). */
void	mlt_log_reopen(void);
/* One JSON object (starting with '{', no newline) to syslog when
 * [log] syslog is on and to [log] file when set. Thread-safe. A file
 * that cannot be written drops the line; the failure is reported to
 * stderr and syslog once, then at most once a minute, and once more
 * when writing works again. */
void	mlt_log(const struct config *, int prio, const char *json);
/* printf-style form of mlt_log. */
void	mlt_logf(const struct config *, int prio, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* The one shape of a message's event line: {"event":EVENT,"queue_id":
 * QID<more>}, more being further members, each starting with ',' (NULL:
 * none). qid NULL is "". */
void	mlt_log_event(const struct config *, int prio, const char *event,
	    const char *qid, const char *more);
/* What a decision line says beyond the message (issue 20/21). */
struct mlt_logged {
	const char	*action;	/* today's field: reject, flag, ... */
	const char	*outcome;	/* rejected|held|...|would-... */
	const char	*unit;		/* the sender's unit, or NULL */
	bool		 dry_run;	/* the one that applied (the unit's) */
	double		 ms;		/* since MAIL FROM */
	size_t		 streamed;	/* > 0: the message's bytes, read
					   through the reducer (over
					   max_body); 0: buffered whole */
	bool		 over_cap;	/* text beyond the reducer's caps */
	/* whose internal domains split the recipients into internal and
	 * external (the unit's rules); NULL: the config's */
	const struct rules_conf *rules;
	/* [milter] split_series would apply, but not every recipient was
	 * kept (rcpt.h): the rule's own outcome applied instead */
	bool		 split_skipped;
};

/* The decision line of an examined message (the contract is
 * invite-report(1), DECISION LOG FIELDS): ts, hashed Message-ID, who
 * sent it as [log] sender allows (unit; sender, sender_hash or
 * nothing), recipient counts (all, external) and domains (at most
 * MLT_LOG_DOMAINS, external first, numbers masked as in a finding's
 * detail, and how many more), action, outcome, request,
 * method, dry_run, the milliseconds since MAIL FROM and the
 * invite-check JSON as "result" (at [log] evidence = category its
 * findings have no evidence, detail or span). */
void	mlt_log_decision(const struct config *, const char *qid,
	    const char *sender, const struct rcpt_sum *rcpts,
	    const struct invite *,
	    const struct verdict *, const struct mlt_logged *);

/* Domains listed in a decision line: a syslog line stays readable. */
#define MLT_LOG_DOMAINS		100

/* Hex digits kept of the HMAC-SHA256 of a sender (128 bits). */
#define MLT_SENDER_HASH_HEX	32
/* The sender_hash of addr: HMAC-SHA256 with the [log] site key over
 * the lower-cased address, truncated hex; NULL without a key. Free
 * with g_free. */
char	*mlt_log_sender_hash(const struct config *, const char *addr);
/* The members of a notice line that tell its recipient (the sender of
 * the message, or a reviewer) apart, as [log] sender allows: address:
 * a short plain SHA-256 (rcpt_sha256); hashed: rcpt_hash, the keyed
 * hash (a sender's equals the sender_hash of its decision); unit,
 * none: nothing. */
void	mlt_log_notice_rcpt(GString *, const struct config *,
	    const char *rcpt);

#endif
