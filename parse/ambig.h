/*
 * ambig.h: inside parse/ only. Messages whose MIME headers can be read
 * two ways (issue 17): ambig.c finds the other reading, mime.c reads it
 * and merges what it adds.
 */
#ifndef AMBIG_H
#define AMBIG_H

#include <stdbool.h>
#include <stddef.h>
#include <gmime/gmime.h>
#include "invite.h"

/*
 * Ambiguous MIME headers (issue 17). Where a header block holds two
 * Content-Type or two Content-Transfer-Encoding headers, or a
 * Content-Type two boundary parameters, readers differ: GMime (and so
 * parse/) takes the last Content-Type and Content-Transfer-Encoding
 * and the first boundary; other readers take the other one and may
 * show a calendar parse/ never read. Such a message is read twice:
 * GMime's reading, then the other one (the first header, the last
 * boundary), from a copy of the message in which what the first
 * reading used is made unreadable: a header name's first letter or a
 * parameter name's first letter becomes 'X', so the copy keeps every
 * offset. Both readings go into one invite (the second adds only
 * calendars, bodies and files the first did not read). With more than
 * one ambiguity, or a header or boundary given more than twice, the
 * mixed readings are not tried: the limit "mime_ambiguous" is noted
 * (never a silent pass: on_limit decides). MIME-Version is not read by
 * GMime (a part is MIME whatever it says), so a repeated or missing
 * MIME-Version changes no reading here.
 * mimefast.c reads none of these messages (a repeated header or
 * parameter it reads makes it answer "not mine"), so the fast path and
 * GMime agree.
 */
struct amb {
	GArray	*cuts;		/* gint64 offsets: a byte to make 'X' */
	size_t	 n;		/* ambiguities found */
	bool	 many;		/* more than two readings */
	const char *buf;	/* the message as read (w->buf) */
	size_t	 len;
	size_t	 skip;		/* GMime read buf + skip (blank_lines) */
};

/* Finds the ambiguities of obj and its parts (depth: of obj), noting
 * in a where the other reading differs. */
void	amb_walk(GMimeObject *obj, struct amb *a, size_t depth);
/* Adds to dst what src (the other reading) read and dst did not:
 * calendars, bodies, files. */
void	amb_merge(struct invite *dst, struct invite *src);

#endif
