/*
 * recur.h: the invitation-level rules on series and files (recur.c),
 * which the engine runs after the text detectors, and the two questions
 * about an invitation that the reports ask too. Pure, thread-safe.
 */
#ifndef RECUR_H
#define RECUR_H

#include <stdbool.h>
#include "../parse/invite.h"
#include "verdict.h"
#include "rules.h"

/* recur.c: series with external guests, attachments to externals,
 * attendees without a usable address. Appends findings to out and, when
 * no internal domain is configured, explains the assumption in
 * out->note. */
void	recur_check(const struct rules_conf *, const struct invite *,
	    const struct envelope *, struct verdict *out);

/* Is the invitation (part of) a recurring series: RRULE, RDATE, EXRULE,
 * EXDATE, RECURRENCE-ID, X-MICROSOFT-RRULE, CDO-INSTTYPE 1-3? (One UID
 * in several components without these is not.) The one definition, for
 * the rule and the reports. */
bool	recur_is_series(const struct invite *);

/* Is sender in a list of canonical sender entries ([exceptions]
 * series_senders: "local@domain", "@domain", ".domain", "domain")? */
bool	recur_sender_listed(const char *sender, char *const *list);

/* Does METHOD set up or change a meeting (REQUEST, PUBLISH, ADD, or
 * absent on an attachment)? CANCEL/REPLY/REFRESH/COUNTER/DECLINECOUNTER
 * are never blocked. */
bool	recur_method_is_request(const char *method);

#endif
