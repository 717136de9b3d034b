/*
 * review.h: the notice to the reviewer mailbox ([notice] reviewer) for
 * a message held in the MTA's hold queue (issue 20): the queue id, the
 * unit, the masked findings and the exact commands to release or
 * delete it. Plain text, built without I/O; the caller submits it.
 */
#ifndef MLT_REVIEW_H
#define MLT_REVIEW_H

#include <stddef.h>
#include "../conf/conf.h"
#include "../rules/verdict.h"

/* A queue id as the MTA gave it, if it is safe on a command line
 * (letters and digits), else NULL. */
const char	*review_qid(const char *qid);
/* The quarantine reason for the queue file: rule ids only. New string. */
char		*review_reason(const struct verdict *);
/* The reviewer notice as RFC 5322 text (new string, length in *len),
 * or NULL when no reviewer is configured. sender may be NULL. */
char		*review_build(const struct config *, const struct verdict *,
		    const char *qid, const char *sender, const char *unit,
		    size_t *len);

#endif
