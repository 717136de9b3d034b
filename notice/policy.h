/*
 * policy.h: which notice applies to a verdict (policy.c). Pure: reads
 * the verdict and the [notice] settings, makes and sends nothing.
 */
#ifndef NOTICE_POLICY_H
#define NOTICE_POLICY_H

#include <stdbool.h>
#include <glib.h>
#include "../conf/noticeconf.h"
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
 * envelope sender is not looked at: sent "to the sender" unless it is
 * <> or excluded. Nothing for a verdict below flag. */
void	notice_explain(GString *out, const struct notice_conf *,
	    const struct verdict *);

/* Should the sender get a notice? Not when notices are off, the verdict
 * is below min_action, the sender is the null sender (<>) or empty, or
 * the sender matches the exclude list ("a@b" or "@b"). */
bool	notice_wanted(const struct notice_conf *, const struct verdict *,
	    const char *sender);

/* The rule ids of a verdict's findings at or above min, comma-separated
 * (for headers and logs). New string. */
char	*notice_rules_list(const struct verdict *, enum action min);

#endif
