/*
 * recheck.h: correct -> re-parse -> re-check through the pipeline
 * (recheck.c): only what the rules find clean is handed back.
 */
#ifndef NOTICE_RECHECK_H
#define NOTICE_RECHECK_H

#include <stdbool.h>
#include <stddef.h>
#include "../conf/noticeconf.h"
#include "../parse/invite.h"
#include "../rules/rules.h"
#include "../rules/verdict.h"
#include "redact.h"

struct config;

/* The corrected calendar for raw (message or .ics) that passes the rules
 * itself: corrects, re-checks with pipeline_run, corrects again (at most
 * three rounds, the last keeping only the Teams block of the
 * description). keep_uid keeps the event's UID (mode redact), else a
 * new one is made. NULL if no clean calendar could be made. New string;
 * *changes (may be NULL) gets the CORR_* bits of correct.h. */
char	*notice_corrected_ics(const struct config *, const struct notice_conf *,
	    const char *raw, size_t len, const struct invite *,
	    const struct verdict *, const struct envelope *, bool keep_uid,
	    unsigned *changes);

/* Mode redact: the message buf rewritten around the corrected calendar
 * ics (redact.c), with the neutral subject and the shown headers cut,
 * re-assembled and re-checked. Returns 0 and fills out when the result
 * is clean, else -1 (the caller rejects instead) with a static reason
 * for the log in *why (may be NULL). */
int	notice_redacted(const struct config *, const struct notice_conf *,
	    const char *buf, size_t len, const struct invite *,
	    const struct verdict *, const struct envelope *, const char *ics,
	    struct redact_out *out, const char **why);

/* Would the notice msg pass the rules itself (to rcpt, from <>)? */
bool	notice_passes(const struct config *, const char *msg, size_t len,
	    const char *rcpt);

#endif
