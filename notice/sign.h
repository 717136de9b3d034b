/*
 * sign.h: the loop-stop signature of a notice (sign.c).
 */
#ifndef NOTICE_SIGN_H
#define NOTICE_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "../conf/noticeconf.h"
#include "../rules/rules.h"

/* How long a signed notice passes as ours: 7 days. A notice is examined
 * once when it is submitted, and again only on a second relay that
 * shares key_file; Postfix keeps deferred mail at most 5 days
 * (maximal_queue_lifetime), so 7 days covers a notice that waited out a
 * queue, plus clock skew, and no longer: a captured notice cannot be
 * replayed for ever. */
#define NOTICE_SIG_TTL		(7 * 24 * 3600)
/* A signature from the future (another relay's clock) passes up to this. */
#define NOTICE_SIG_SKEW		3600

/* msg with the loop-stop header "HEADER: 2; t=WHEN; sig=HEX" in front:
 * an HMAC over the version, when (the signing time), the envelope
 * recipient rcpt, the headers a reader sees (Subject, From, To, Date,
 * Message-ID: each must be there once) and the body. New string, length
 * in *len; NULL if msg has no body or lacks one of those headers. */
char	*notice_sign(const struct notice_conf *, const char *msg,
	    const char *rcpt, time_t when, size_t *len);

/* Is msg a notice this process (or one sharing key_file) made, unchanged,
 * to this recipient, and recent? True only for the null sender, exactly
 * one envelope recipient (the one signed), exactly one loop-stop header
 * whose signature matches the bound headers and the body, and a signing
 * time no older than NOTICE_SIG_TTL at env->now (0: the clock). Anything
 * else (another subject, recipient, date, an expired or altered notice,
 * a copied header) is examined like any mail. */
bool	notice_is_ours(const struct notice_conf *, const char *msg, size_t len,
	    const struct envelope *env);

#endif
