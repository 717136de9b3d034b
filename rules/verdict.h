/*
 * verdict.h: what the rules found and what to do about it. Plain data,
 * shared by rules/, milter/ and the reports. Evidence is always masked
 * before it is stored here: nothing in a verdict is personal data in
 * clear, so any of it may be printed or logged.
 */
#ifndef VERDICT_H
#define VERDICT_H

#include <stddef.h>
#include "../parse/invite.h"

enum severity { SEV_NONE, SEV_LOW, SEV_MEDIUM, SEV_HIGH };

/* Ordered: a verdict is the strongest action of its findings. hold sits
 * between flag and reject: like reject it keeps the message from its
 * recipients, but a person may still release it (the MTA's hold queue),
 * so a finding that says reject wins over one that says hold. */
enum action { ACT_OFF, ACT_LOG, ACT_FLAG, ACT_HOLD, ACT_REJECT };

struct finding {
	char		 rule[32];	/* rule id, e.g. "personnummer" */
	enum inv_field	 field;
	int		 comp;		/* component index or -1 */
	enum severity	 sev;
	enum action	 action;	/* from the config's rule table */
	size_t		 start, end;	/* byte span in the field's text */
	size_t		 text_no;	/* that text: 1 + its index in the
					   invite's texts; 0 (as a zeroed
					   finding has it) when it names no one
					   text (invitation-level rules) */
	char		 evidence[96];	/* masked */
	char		 detail[160];	/* plain words, no personal data */
};

struct verdict {
	enum action	 action;	/* ACT_LOG/ACT_OFF mean accept */
	struct finding	*f;
	size_t		 n, cap;
	char		 note[256];	/* e.g. "internal domain assumed: x" */
	bool		 scoped_out;	/* not examined: not an invitation,
					   out of scope (e.g. teams_only) */
	char		 limit[32];	/* [limits] key of a bound that was
					   hit ("" = none): on_limit applies */
};

struct verdict	*verdict_new(void);
void		 verdict_free(struct verdict *);
void		 verdict_reset(struct verdict *);
/* Copies f; recomputes the verdict action. */
void		 verdict_add(struct verdict *, const struct finding *f);
const char	*verdict_word(enum action);	/* accept|flag|hold|reject */
const char	*severity_name(enum severity);	/* low|medium|high */
const char	*action_name(enum action);	/* off|log|flag|hold|reject */
int		 severity_parse(const char *, enum severity *);
int		 action_parse(const char *, enum action *);

#endif
