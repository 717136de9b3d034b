/*
 * rules.h: the rule registry and the engine entry point.
 * rules_eval() runs every detector over every text field of an invite,
 * adds the invitation-level rules (series, externals, attachments),
 * combines hits per the severity model (detection-spec section 6) and
 * maps each finding to its configured action. Pure: no I/O, no
 * libmilter, no GMime/libical, no conf/ (struct rules_conf below is all
 * the rules read of the configuration); thread-safe on a shared
 * rules_conf.
 */
#ifndef RULES_H
#define RULES_H

#include <stdbool.h>
#include <time.h>
#include "../parse/invite.h"
#include "rcpt.h"
#include "relimit.h"
#include "verdict.h"

struct ruledata;

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

/* One rule's configured action and severity. */
struct rule_conf {
	const char	*id;		/* static, from the registry */
	enum action	 action;
	enum severity	 sev;		/* SEV_NONE: the detector decides */
};

/* What the rules read of the configuration: plain data that conf/ fills
 * (struct config embeds it as .rules) and owns; read-only while it is
 * shared. */
struct rules_conf {
	char		**internal_domains;	/* canonical (domain_canon),
						   NULL-terminated */
	size_t		 n_internal_domains;
	bool		 teams_only;		/* scope every rule to Teams */
	enum action	 answer_max_action;	/* cap for CANCEL/REPLY/...: log */
	unsigned	 time_budget_ms;	/* per message, 0 = none */
	struct relimits	 regex;			/* PCRE2 match bounds of data */
	struct rule_conf *rule;			/* every rule of rules_all() */
	size_t		 n_rule;
	struct ruledata	*data;			/* compiled with regex */
	/* [exceptions]: senders that may book series with external guests
	 * (canonical "local@domain", "@domain" for exactly that domain, or
	 * "domain" for it and its subdomains), and guest domains that count
	 * as internal partners (canonical, subdomains included). Both
	 * NULL-terminated or NULL; recur.c logs each when it applies. */
	char		**series_senders;
	char		**partner_domains;
	size_t		 n_partner_domains;
};

/* The configured action/severity of a rule id (NULL if unknown). */
const struct rule_conf	*rules_conf_find(const struct rules_conf *,
			    const char *id);

/* What the MTA knows beyond the message (NULL fields = unknown). */
struct envelope {
	const char	*sender;	/* MAIL FROM address */
	const char	**rcpts;	/* RCPT TO addresses (the first
					   RCPT_KEEP_ADDRS when rcpt_sum) */
	size_t		 n_rcpts;
	time_t		 now;		/* 0 = time(NULL) */
	/* Every recipient counted and classified (rcpt.h); NULL: rcpts
	 * is the whole list. What the rules and the log read. */
	const struct rcpt_sum *rcpt_sum;
};

/* Fills out (which the caller made with verdict_new). Returns 0, or -1
 * when the job could not be done (the caller applies on_error). */
int	rules_eval(const struct rules_conf *, const struct invite *,
	    const struct envelope *, struct verdict *out);

#endif
