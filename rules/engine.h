/*
 * engine.h: what the invitation-level rule files (recur.c) need from the
 * engine. Text detectors use detect.h instead.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include "../parse/invite.h"
#include "verdict.h"
#include "rules.h"

/* Adds a finding for rule id with the action and severity configured for
 * it (sev is the detector's own opinion; a configured severity wins).
 * Rules whose action is "off" are not added. evidence must be masked. */
void	rules_emit(const struct rules_conf *, struct verdict *, const char *rule,
	    enum inv_field, int comp, enum severity sev, size_t start,
	    size_t end, const char *evidence, const char *detail);

/* recur.c: series with external guests, attachments to externals,
 * attendees without a usable address. Appends findings to out and, when
 * no internal domain is configured, explains the assumption in
 * out->note. */
void	recur_check(const struct rules_conf *, const struct invite *,
	    const struct envelope *, struct verdict *out);

/* Is the invitation (part of) a recurring series: RRULE, RDATE, EXRULE,
 * EXDATE, RECURRENCE-ID, X-MICROSOFT-RRULE, CDO-INSTTYPE 1-3, or one UID
 * twice in a calendar? The one definition, for the rule and the reports. */
bool	recur_is_series(const struct invite *);

/* Does METHOD set up or change a meeting (REQUEST, PUBLISH, ADD, or
 * absent on an attachment)? CANCEL/REPLY/REFRESH/COUNTER/DECLINECOUNTER
 * are never blocked. */
bool	recur_method_is_request(const char *method);

#endif
