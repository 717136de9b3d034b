/*
 * parts.h: the calendar and text parts of a message exactly as parse/'s
 * own walk read them (the same MIME reader, charset decoder and limits
 * as parse_message()), for the readers that must see the text the rules
 * judged: the corrector and the redactor. Plain data, no GMime or
 * libical type; the caller owns the result (parse_parts_free).
 */
#ifndef PARTS_H
#define PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "limits.h"

enum parse_part_kind {
	PARSE_PART_CALENDAR,	/* text/calendar, application/ics, *.ics... */
	PARSE_PART_TEXT,	/* text/plain body (not an attachment) */
	PARSE_PART_HTML,	/* text/html body (not an attachment) */
};

/* No known place in the message (off). */
#define PARSE_OFF_NONE	SIZE_MAX

struct parse_part {
	enum parse_part_kind kind;
	char		*text;		/* UTF-8 as parse/ read it: a calendar
					   unfolded and converted (what ical.c
					   parsed), HTML still as markup */
	size_t		 off, len;	/* raw content in the message: after
					   the part's header block, still
					   transfer-encoded; a bare .ics is
					   0, whole. off may be PARSE_OFF_NONE */
	const char	*encoding;	/* transfer encoding ("base64",
					   "quoted-printable"...; static), or
					   NULL when none was given */
	char		*charset;	/* charset label, or NULL */
	bool		 forwarded;	/* inside a message/rfc822 part */
};

struct parse_parts {
	struct parse_part	*v;	/* in the order parse/ read them */
	size_t			 n;
};

/* The parts of buf[0..len): an RFC 5322 message, or a bare iCalendar
 * object (detected as parse_any() does: one calendar part). lim may be
 * NULL for the defaults. Parts past a limit are left out, as parse/
 * leaves them unread. Never NULL; free with parse_parts_free(). */
struct parse_parts	*parse_parts(const char *buf, size_t len,
			    const struct parse_limits *lim);
void			 parse_parts_free(struct parse_parts *);

#endif
