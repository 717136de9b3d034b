/*
 * redact.h: the invitation corrected in flight (mode "redact" of issue
 * 6). Rewrites the message body so the MIME structure and encodings
 * stay valid: every calendar part becomes the corrected calendar, the
 * text and HTML bodies lose the findings' text, attachments and
 * forwarded messages are dropped. The caller (the milter) sends the new
 * body with smfi_replacebody and changes the headers listed in the
 * result with smfi_chgheader. Pure: no I/O, no libmilter.
 */
#ifndef REDACT_H
#define REDACT_H

#include <stddef.h>
#include "../parse/invite.h"
#include "../parse/limits.h"
#include "../rules/verdict.h"

struct redact_out {
	char	*body;		/* new body (after the header block), CRLF */
	size_t	 len;
	/* top-level headers to set (NULL = leave as is) */
	char	*content_type;
	char	*content_transfer_encoding;
	unsigned dropped;	/* attachments and forwarded messages */
	unsigned cut;		/* text pieces cut from the bodies */
};

/* Rewrites buf (the whole message, headers and body) with ics as the
 * new calendar. Returns 0 and fills out, or -1 when the message cannot
 * be redacted safely (no calendar part, TNEF, encrypted or signed
 * content, unreadable MIME, more than lim allows; lim NULL: the
 * defaults): the caller then rejects. Free out with
 * redact_out_clear(). */
int	redact_message(const char *buf, size_t len,
	    const struct parse_limits *lim, const struct invite *,
	    const struct verdict *, const char *ics, struct redact_out *out);
void	redact_out_clear(struct redact_out *);

/* The whole message as it will be delivered: buf's header block with
 * Subject set to subject (and Thread-Topic removed), then out->body.
 * For re-checking. New string, length in *len. */
char	*redact_assemble(const char *buf, size_t len, const char *subject,
	    const struct redact_out *out, size_t *rlen);

#endif
