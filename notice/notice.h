/*
 * notice.h: the notice to the sender of a stopped (or corrected, or
 * let-through) invitation: which rule, where, the masked evidence, the
 * guideline, what to do, Swedish first and English below, with the
 * corrected invitation attached as kallelse.ics; and its submission to
 * the local MTA off the milter's threads. Uses no libmilter, so the CLI
 * tools and the unit tests can build and check notices too.
 */
#ifndef NOTICE_H
#define NOTICE_H

#include <stdbool.h>
#include <stddef.h>
#include "../conf/noticeconf.h"
#include "../parse/invite.h"
#include "redact.h"
#include "../rules/rules.h"
#include "../rules/verdict.h"

struct config;

/* The [notice] settings of a config snapshot (cfg->notice; the
 * built-in defaults if a hand-made config has none). Never NULL. */
const struct notice_conf	*notice_conf_of(const struct config *);

/* The mode of a verdict: the strongest mode among its findings whose
 * action is reject; NMODE_NOTIFY when nothing rejects. */
enum notice_mode	notice_mode_of(const struct notice_conf *,
			    const struct verdict *);

/* For invite-milter -t and invite-check: appends "  mode: ..." (the mode
 * of each finding whose action is reject, and the message's) and
 * "  notice: ..." (whether one would be sent, or why not) to out. The
 * envelope sender is not known there: sent "to the sender" unless it is
 * <> or excluded. Nothing for a verdict below flag. */
void	notice_explain(GString *out, const struct notice_conf *,
	    const struct verdict *);

/* Should the sender get a notice? Not when notices are off, the verdict
 * is below min_action, the sender is the null sender (<>) or empty, or
 * the sender matches the exclude list ("a@b" or "@b"). */
bool	notice_wanted(const struct notice_conf *, const struct verdict *,
	    const char *sender);

/* The corrected calendar for raw (message or .ics) that passes the rules
 * itself: corrects, re-checks with rules_eval, corrects again (at most
 * three rounds, the last keeping only the Teams block of the
 * description). keep_uid keeps the event's UID (mode redact), else a
 * new one is made. NULL if no clean calendar could be made. New string;
 * *changes (may be NULL) gets the CORR_* bits of correct.h. */
char	*notice_corrected_ics(const struct config *, const struct notice_conf *,
	    const char *raw, size_t len, const struct invite *,
	    const struct verdict *, const struct envelope *, bool keep_uid,
	    unsigned *changes);

/* Mode redact: the message buf rewritten around the corrected calendar
 * ics (redact.c), re-assembled with the neutral subject and
 * re-checked with the rules. Returns 0 and fills out when the result is
 * clean, else -1 (the caller rejects instead). */
int	notice_redacted(const struct config *, const struct notice_conf *,
	    const char *buf, size_t len, const struct invite *,
	    const struct verdict *, const struct envelope *, const char *ics,
	    struct redact_out *out);

/* The notice as RFC 5322 text with LF line ends (new string, length in
 * *len), addressed to rcpt, or NULL if no notice that passes the rules
 * could be made. ics may be NULL (then the notice says none could be
 * made). Checks itself with parse_message + rules_eval and hides the
 * evidence, then drops the attachment, if it would not pass. */
char	*notice_build(const struct config *, const struct notice_conf *,
	    const struct verdict *, enum notice_mode, const char *ics,
	    unsigned changes, const char *rcpt, size_t *len);

/* Is msg a notice this process (or one sharing key_file) made? True
 * only for the null sender and a loop-stop header whose signature
 * matches the body, so a sender cannot copy the header to pass. */
bool	notice_is_ours(const struct notice_conf *, const char *msg, size_t len,
	    const char *sender);

/* Submits msg to rcpt with the configured transport (sendmail binary or
 * SMTP to host:port), envelope sender <>. notice_send() returns at once
 * (a detached thread does the work and logs the outcome);
 * notice_send_sync() does it in the caller and returns 0 or -1 with a
 * short reason in why. log_file may be NULL; qid and rules label the
 * log line (no personal data: the recipient is logged as domain and
 * hash). */
struct notice_job;
/* Where a job's log line goes (the daemon passes mlt_log); NULL: none. */
typedef void	(*notice_log_fn)(const struct config *, int prio,
		    const char *json);
/* The job holds a reference to cfg (its [notice] settings and the log
 * settings) until it is freed. */
struct notice_job	*notice_job_new(struct config *cfg,
			    const char *rcpt, const char *msg, size_t len,
			    const char *qid, const char *rules, const char *mode,
			    notice_log_fn log);
void			 notice_job_free(struct notice_job *);
int			 notice_send_sync(struct notice_job *, char *why,
			    size_t whylen);
void			 notice_send(struct notice_job *);	/* takes it */
/* Waits until no submission is in flight, at most ms milliseconds.
 * Returns the number still in flight. */
unsigned		 notice_drain(unsigned ms);

/* The rule ids of a verdict's findings at or above min, comma-separated
 * (for headers and logs). New string. */
char	*notice_rules_list(const struct verdict *, enum action min);

#endif
