/*
 * redact.h: the invitation corrected in flight (mode "redact" of issue
 * 6). Rewrites the message body so the MIME structure and encodings
 * stay valid: every calendar part becomes the corrected calendar, the
 * text and HTML bodies lose the findings' text, attachments and
 * forwarded messages are dropped. The headers a mail client shows
 * lose the findings too (redact_hdr.c): Subject becomes the neutral
 * subject, Thread-Topic goes, display names and comments in From,
 * Sender, Reply-To, To, Cc, Bcc and the text of Comments, Keywords,
 * Organization are cut like the body; the addresses stay as they are.
 * The caller (the milter) sends the new body with smfi_replacebody and
 * makes the header changes listed in the result with smfi_chgheader.
 * Pure: no I/O, no libmilter.
 */
#ifndef REDACT_H
#define REDACT_H

#include <stddef.h>
#include "../parse/invite.h"
#include "../parse/limits.h"
#include "../rules/verdict.h"
#include "../conf/conf.h"
#include "../pipeline/pipeline.h"

/* One change of a top-level header field, for smfi_chgheader and for
 * redact_assemble() alike. */
struct redact_hdr {
	char	*name;		/* the field name as the message spells it */
	int	 index;		/* 1-based among the fields of that name
				   (case-insensitive), in message order */
	char	*value;		/* the new value, folded with "\n " (LF and
				   a space, as libmilter takes it; every line
				   <= 998 bytes), or NULL: the field goes */
	const char *what;	/* why, for invite-milter -t: "subject",
				   "mime", "display name", "text", ... */
};

struct redact_out {
	char	*body;		/* new body (after the header block), CRLF */
	size_t	 len;
	/* header changes, in message order (apply them last to first so a
	 * removal never moves the index of one still to come) */
	struct redact_hdr *hdrs;
	size_t	 n_hdrs;
	unsigned dropped;	/* attachments and forwarded messages */
	unsigned cut;		/* text pieces cut from the bodies */
	unsigned hdr_cut;	/* pieces cut from shown headers */
};

/* Rewrites buf (the whole message, headers and body) with ics as the
 * new calendar and subject (UTF-8) as every Subject. Returns 0 and
 * fills out, or -1 when the message cannot be redacted safely (no
 * calendar part, TNEF, encrypted or signed content, unreadable MIME,
 * more than cfg's limits allow; cfg NULL: the default limits; a finding
 * in a header that cannot be cut: in an address, a group's name, an
 * encoded word that cannot be read, a line that cannot be folded, a
 * header that is not rewritten): the caller then rejects. cfg and env
 * (may be NULL) also let the rules find the exact spans in each display
 * name (a finding's span does not say which header it is in). *why
 * (may be NULL) gets a static reason, without personal data, for the
 * log. Free out with redact_out_clear(). */
int	redact_message(const char *buf, size_t len, const struct config *cfg,
	    const struct envelope *env, const struct invite *,
	    const struct verdict *, const char *ics, const char *subject,
	    struct redact_out *out, const char **why);
void	redact_out_clear(struct redact_out *);

/* The whole message as it will be delivered: buf's header block with
 * out's header changes, then out->body. For re-checking. New string,
 * length in *rlen. */
char	*redact_assemble(const char *buf, size_t len,
	    const struct redact_out *out, size_t *rlen);

#endif
