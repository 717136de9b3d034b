/*
 * rcpt.h: the envelope recipients of one message, summarised as they
 * arrive (issue 17): every recipient is counted and its domain taken,
 * but only the first RCPT_KEEP_ADDRS addresses and RCPT_KEEP_DOMAINS
 * distinct domains are kept, so the memory is bounded whatever the MTA
 * lets through (the pickup/sendmail path has no recipient limit).
 * A domain that comes after the kept ones is classified there and then
 * (internal or not) and counted, never dropped unseen. Not thread-safe:
 * one summary per message, owned by its front end.
 */
#ifndef RCPT_H
#define RCPT_H

#include <stdbool.h>
#include <stddef.h>

/* Addresses kept for what needs them one by one (recipient removal by
 * split_series, the own-notice check): Postfix's default
 * smtpd_recipient_limit, the old per-message cap of the daemon. */
#define RCPT_KEEP_ADDRS		1000
/* Distinct domains kept with their counts: what the rules and the log
 * classify. Real mail has a handful; a message to more than 1,000
 * organisations still has each recipient counted and classified at
 * RCPT time. At most 1,000 x 254 bytes. */
#define RCPT_KEEP_DOMAINS	1000
/* Past those, the first external domains are still kept (an external
 * guest is what the series rule and the log are about), up to this
 * many more; later ones are counted only. */
#define RCPT_KEEP_EXTERNAL	100

struct rcpt_sum;
struct envelope;

/* A new empty summary (rcpt_sum_free). */
struct rcpt_sum	*rcpt_sum_new(void);
/* Frees s; NULL does nothing. */
void		 rcpt_sum_free(struct rcpt_sum *s);
/* Empties s for the next message (keeps no address). */
void		 rcpt_sum_reset(struct rcpt_sum *s);
/* Counts one recipient: addr as the front ends keep it (no angle
 * brackets; "" for <>; any case, source route and quoted local part:
 * the domain is what follows the last '@'). internal (n_internal
 * canonical domains, subdomains included; NULL/0: none) classifies a
 * domain that finds RCPT_KEEP_DOMAINS kept: inside -> counted internal,
 * else external: kept while RCPT_KEEP_EXTERNAL more allow, then
 * counted. */
void		 rcpt_sum_add(struct rcpt_sum *s, const char *addr,
		    char *const *internal, size_t n_internal);

/* The domain a recipient address really goes to, canonical, in a new
 * string, or NULL (no usable one): the one after the last '@', unless
 * an unquoted local part routes further on (percent hack, bang path:
 * "g%gmail.example@kommun.example" goes to gmail.example). What
 * rcpt_sum_add counts and split.c removes by. */
char		*rcpt_domain(const char *addr);

/* Every recipient counted. */
size_t		 rcpt_sum_total(const struct rcpt_sum *);
/* The first RCPT_KEEP_ADDRS addresses, in order (*n of them). */
const char	**rcpt_sum_addrs(const struct rcpt_sum *, size_t *n);
/* Are all addresses kept (total <= RCPT_KEEP_ADDRS)? */
bool		 rcpt_sum_has_all(const struct rcpt_sum *);
/* The kept distinct domains (canonical: IDNA A-labels, lower case), in
 * the order first seen; rcpt_sum_domain gives the i-th and, in *count
 * (may be NULL), how many recipients had it. */
size_t		 rcpt_sum_n_domains(const struct rcpt_sum *);
const char	*rcpt_sum_domain(const struct rcpt_sum *, size_t i,
		    size_t *count);
/* Recipients without a domain: <> or a bare local part (no '@'; the
 * MTA completes it with its own domain). */
size_t		 rcpt_sum_no_domain(const struct rcpt_sum *);
/* Recipients with an '@' but no usable domain after it: an address
 * literal (u@[192.0.2.1], which Postfix relays from mynetworks), an
 * empty or malformed domain. Nobody can say they are internal. */
size_t		 rcpt_sum_bad_domain(const struct rcpt_sum *);
/* Recipients whose domain was not kept (rcpt_sum_add), as classified
 * then: outside (external) and inside. */
size_t		 rcpt_sum_over_external(const struct rcpt_sum *);
size_t		 rcpt_sum_over_internal(const struct rcpt_sum *);
/* Recipients inside internal (as domain_is_internal; an over-the-bound
 * one as classified when it came) into *n_int, the others (outside or
 * without a domain) into *n_ext. */
void		 rcpt_sum_count(const struct rcpt_sum *, char *const *internal,
		    size_t n_internal, size_t *n_int, size_t *n_ext);
/* The summary of env's recipients: env->rcpt_sum, else one made from
 * env->rcpts (no classifier) into *tmp, which the caller frees with
 * rcpt_sum_free. NULL when env is NULL. */
const struct rcpt_sum *rcpt_sum_of_env(const struct envelope *env,
		    struct rcpt_sum **tmp);

#endif
