/*
 * sign.h: the loop-stop signature of a notice (sign.c).
 */
#ifndef NOTICE_SIGN_H
#define NOTICE_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include "../conf/noticeconf.h"

/* msg with the loop-stop header (its body's signature) in front: new
 * string, length in *len; NULL if msg has no body. */
char	*notice_sign(const struct notice_conf *, const char *msg, size_t *len);

/* Is msg a notice this process (or one sharing key_file) made? True
 * only for the null sender and a loop-stop header whose signature
 * matches the body, so a sender cannot copy the header to pass. */
bool	notice_is_ours(const struct notice_conf *, const char *msg, size_t len,
	    const char *sender);

#endif
