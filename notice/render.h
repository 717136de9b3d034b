/*
 * render.h: the notice to the sender as a message (render.c).
 */
#ifndef NOTICE_RENDER_H
#define NOTICE_RENDER_H

#include <stddef.h>
#include "../conf/noticeconf.h"
#include "../rules/verdict.h"

struct config;

/* The notice as RFC 5322 text with LF line ends (new string, length in
 * *len), addressed to rcpt, signed (sign.h), or NULL if no notice that
 * passes the rules could be made. ics may be NULL (then the notice says
 * none could be made). Checks itself with notice_passes (cfg not NULL)
 * and hides the evidence, then drops the attachment, if it would not
 * pass. */
char	*notice_build(const struct config *, const struct notice_conf *,
	    const struct verdict *, enum notice_mode, const char *ics,
	    unsigned changes, const char *rcpt, size_t *len);

#endif
