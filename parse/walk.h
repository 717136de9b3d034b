/*
 * walk.h: inside parse/ only. The state of one walk over a message's
 * MIME structure (mime.c: GMime's tree or mimefast.c's parts) and the
 * description of one leaf part that leaf.c reads.
 */
#ifndef WALK_H
#define WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include <gmime/gmime.h>
#include "invite.h"
#include "limits.h"
#include "parts.h"

struct walk {
	struct invite			*inv;
	const struct parse_limits	*lim;
	size_t				 parts;
	size_t				 decoded;	/* bytes so far */
	const char			*buf;		/* the message read */
	const char			*orig;		/* the message as given:
							   buf has its NULs
							   as spaces */
	struct parse_parts		*out;		/* parse_parts() only */
	size_t				 fwd;		/* message/rfc822 levels */
	GHashTable			*seen;		/* ambiguous MIME: the
							   parts read before
							   (see ambiguous()) */
	bool				 again;		/* the second reading */
};

/* One leaf part for leaf_do(): what GMime or mimefast.c read from its
 * headers, and its raw content either as a window on the message's
 * buffer (body != NULL) or through GMime (gpart). */
struct leafdesc {
	const char	*type, *sub;	/* NULL: text, plain */
	const char	*charset;	/* or NULL */
	const char	*method;	/* Content-Type method=, or NULL */
	char		*fname;		/* owned; or NULL */
	const char	*disp;		/* or NULL */
	bool		 has_cid;	/* a Content-ID */
	bool		 flowed, delsp;	/* format=flowed; delsp=yes (RFC 3676) */
	GMimeContentEncoding enc;
	const guint8	*body;		/* raw content window, or NULL */
	size_t		 blen;
	GMimePart	*gpart;		/* when body is NULL */
};

/* One leaf part: a calendar (parsed into w->inv), a text or HTML body
 * (its text), a TNEF part (tnef.h: a meeting becomes a calendar), or a
 * file (name, type, size). Takes d->fname. */
void	mime_leaf(struct walk *w, struct leafdesc *d);

/* mime.c: a message given as a file (an attachment named .eml, which
 * mail clients open as a message) walked into w's invite like a
 * forwarded message/rfc822 part; limits.mime_depth counts it. */
void	mime_walk_embedded(struct walk *w, const char *buf, size_t len);

#endif
