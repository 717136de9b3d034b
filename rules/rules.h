/*
 * rules.h: the rule registry and the engine entry point.
 * rules_eval() runs every detector over every text field of an invite,
 * adds the invitation-level rules (series, externals, attachments),
 * combines hits per the severity model (detection-spec section 6) and
 * maps each finding to its configured action. Pure: no I/O, no
 * libmilter, no GMime/libical; thread-safe on a shared config.
 */
#ifndef RULES_H
#define RULES_H

#include <time.h>
#include "../parse/invite.h"
#include "verdict.h"

struct config;

struct rule_def {
	const char	*id;
	enum action	 action;	/* default */
	enum severity	 sev;		/* default */
	const char	*what_sv;	/* one line: what was wrong */
	const char	*what_en;
	const char	*guideline;	/* the guideline sentence (Swedish) */
	const char	*todo_sv;	/* what to do instead */
	const char	*todo_en;
};

const struct rule_def	*rules_find(const char *id);
const struct rule_def	*rules_all(size_t *n);

/* What the MTA knows beyond the message (NULL fields = unknown). */
struct envelope {
	const char	*sender;	/* MAIL FROM address */
	const char	**rcpts;	/* RCPT TO addresses */
	size_t		 n_rcpts;
	time_t		 now;		/* 0 = time(NULL) */
};

/* Fills out (which the caller made with verdict_new). Returns 0, or -1
 * when the job could not be done (the caller applies on_error). */
int	rules_eval(const struct config *, const struct invite *,
	    const struct envelope *, struct verdict *out);

#endif
